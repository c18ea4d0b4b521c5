// fuzz/profile_fuzzer.cc — arbitrary bytes as a pprof heap profile (`heapmap report
// -profile`, report/profile.h), read and joined with a small report.
//
// The first byte chooses the form: the rest as the file (gzip or raw protobuf, as given),
// or the rest gzip-compressed first, so that the protobuf parse and the profile's checks
// are reached through a valid gzip stream. Nothing may crash; what is accepted must keep
// its invariants (a value per sample type, sums that fit), and the join's totals must
// nest: attributed <= scanned <= total, and the sites' measured values add up to the
// attributed.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "report/profile.h"
#include "report/sites.h"
#include "zlib.h"

namespace {

std::string Gzip(std::string_view raw) {
  z_stream zs{};
  if (deflateInit2(&zs, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) std::abort();
  std::string out(deflateBound(&zs, raw.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
  zs.avail_in = static_cast<uInt>(raw.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  if (deflate(&zs, Z_FINISH) != Z_STREAM_END) std::abort();
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

heapmap::report::Report SmallReport() {
  heapmap::report::Report r;
  const char* files[] = {"/usr/lib/go-1.19/src/encoding/json/decode.go", "./stream.go", "a.go"};
  for (int i = 0; i < 30; ++i) {
    heapmap::report::Site* s = r.add_sites();
    s->set_id(std::to_string(i));
    s->set_package("encoding/json");
    s->set_symbol(i % 2 == 0 ? "encoding/json.(*decodeState).literalStore" : "encoding/json.Marshal");
    s->set_file(files[i % 3]);
    s->set_line(static_cast<uint32_t>(i * 37 % 1000));
    s->set_static_weight(1 + i % 4);
  }
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string bytes = (data[0] & 1) != 0 ? Gzip(rest) : std::string(rest);
  absl::StatusOr<heapmap::report::HeapProfile> p = heapmap::report::ReadHeapProfile(bytes);
  if (!p.ok()) return 0;
  for (const heapmap::report::ProfileSample& s : p->samples) {
    if (s.values.size() != p->sample_types.size()) std::abort();
  }
  if (p->sample_types.empty()) return 0;
  absl::StatusOr<int> type = heapmap::report::SampleTypeIndex(*p, "");
  if (!type.ok()) std::abort();
  heapmap::report::Report r = SmallReport();
  const std::vector<heapmap::report::ScannedFile> scanned = {
      {"encoding/json", "/usr/lib/go-1.19/src/encoding/json/decode.go"},
      {"encoding/json", "/work/stream.go"},
      {"runtime", "/usr/lib/go-1.19/src/runtime/malloc.go"}};
  heapmap::report::JoinProfile(r, *p, *type, scanned, "/work");
  const heapmap::report::ProfileJoin& j = r.profile();
  int64_t measured = 0;
  for (const heapmap::report::Site& s : r.sites()) measured += s.measured();
  if (j.attributed() > j.scanned() || j.scanned() > j.total() || measured != j.attributed()) {
    std::abort();
  }
  (void)heapmap::report::FormatTable(r, 10);
  return 0;
}
