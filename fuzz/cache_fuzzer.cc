// fuzz/cache_fuzzer.cc — arbitrary bytes as a package cache entry, read back as analyze
// reads it.
//
// The first byte chooses the form: the bytes as the whole entry file (bad magic, torn,
// checksum mismatch), or as the payload of a well-framed entry (right magic and checksum,
// so the protobuf parse and the artifact's own checks are reached). Either way the entry
// is read as a package artifact and as a batch result; nothing may crash, and whatever
// is accepted must describe the key and package asked for and serialize again. The same
// bytes are read as an artifact file of `heapmap action`.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "ir/ir.h"
#include "openssl/sha.h"
#include "summaries/artifact.h"
#include "summaries/cache.h"

namespace {

const std::string& Dir() {
  static const std::string dir = [] {
    char tmpl[] = "/tmp/heapmap-cache-fuzz-XXXXXX";
    const char* d = mkdtemp(tmpl);
    if (d == nullptr) std::abort();
    return std::string(d);
  }();
  return dir;
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using heapmap::summaries::Cache;
  if (size == 0) return 0;
  const std::string key(64, 'f');
  Cache cache(Dir());
  const std::string path = cache.EntryPath(key);
  static const bool made = [&] {
    cache.Put(key, {}, nullptr);  // creates the entries' directories
    cache.Put(heapmap::summaries::ResultsKey(key), {}, nullptr);
    return true;
  }();
  (void)made;
  std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  const bool framed = (data[0] & 1) != 0;
  for (const char* magic : {heapmap::summaries::kArtifactMagic, heapmap::summaries::kBatchMagic}) {
    std::string entry = body;
    if (framed) {
      unsigned char md[SHA256_DIGEST_LENGTH];
      SHA256(reinterpret_cast<const unsigned char*>(body.data()), body.size(), md);
      entry = std::string(magic) + std::string(reinterpret_cast<const char*>(md), sizeof md) + body;
    }
    WriteFile(path, entry);
    heapmap::summaries::CacheStats stats;
    auto a = heapmap::summaries::GetArtifact(cache, key, "p", &stats);
    if (a) {
      if (a->key() != key || a->path() != "p" || a->api_hash().size() != 64) std::abort();
      (void)heapmap::ir::SerializeDeterministic(*a);
    }
    // The same bytes as an artifact's results entry.
    WriteFile(cache.EntryPath(heapmap::summaries::ResultsKey(key)), entry);
    auto res = heapmap::summaries::GetArtifactResults(cache, key, "p", &stats);
    if (res && (res->key() != key || !res->api_hash().empty())) std::abort();
    auto r = cache.Get(key, &stats);
    if (r) (void)heapmap::ir::SerializeDeterministic(*r);
    if (stats.hits.load() + stats.misses.load() != 3) std::abort();
  }
  // The same bytes as an artifact file of `heapmap action` (what `print` and `action -I`
  // read): raw, or framed with the right magic and checksum.
  std::string file = body;
  if (framed) {
    file = std::string(heapmap::summaries::kArtifactMagic) + heapmap::summaries::Sha256Hex(body) +
           "\n" + body;
  }
  auto a = heapmap::summaries::ParseArtifactFile(file);
  if (a.ok()) {
    if (a->path().empty() || a->api_hash().size() != 64) std::abort();
    (void)heapmap::summaries::ArtifactFileBytes(*a);
  }
  return 0;
}
