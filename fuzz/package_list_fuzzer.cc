// fuzz/package_list_fuzzer.cc — arbitrary bytes as a package list (`-pkgs FILE`: the JSON
// objects `go list -json` prints; frontend/load/package_list.h).
//
// Nothing may crash. What is read keeps its invariants: every import of a package without
// an error names a package of the result that comes before it (dependency order), and
// reading what PackageToJson prints of the result gives the same packages back (a list
// heapmap writes, heapmap reads).
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "frontend/load/loader.h"
#include "frontend/load/package_list.h"

namespace {

std::string Print(const heapmap::load::LoadResult& r) {
  std::string out;
  for (const heapmap::load::Package& p : r.packages) out += heapmap::load::PackageToJson(p);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  heapmap::load::LoadResult r = heapmap::load::ReadPackageList(text, "fuzz");
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < r.packages.size(); ++i) {
    const heapmap::load::Package& p = r.packages[i];
    if (!index.emplace(p.import_path, i).second) std::abort();  // duplicates are dropped
    if (p.error) continue;
    for (const std::string& imp : p.imports) {
      if (imp == "unsafe" || imp == "C") continue;
      auto it = index.find(imp);
      if (it == index.end() || it->second >= i) std::abort();  // imports come first
    }
  }
  if (!r.fatal && !r.packages.empty()) {
    std::string printed = Print(r);
    heapmap::load::LoadResult again = heapmap::load::ReadPackageList(printed, "printed");
    if (again.fatal || Print(again) != printed) std::abort();
  }
  return 0;
}
