// driver/cache_command.cc — `heapmap cache stats|trim|clean`: the package cache's upkeep.
#include <cstdio>
#include <string>

#include "driver/commands.h"
#include "summaries/cache.h"

namespace heapmap::driver {

int RunCache(const CommandLine& cl) {
  if (cl.args.size() != 1 ||
      (cl.args[0] != "stats" && cl.args[0] != "trim" && cl.args[0] != "clean")) {
    std::fprintf(stderr, "heapmap: cache wants one of stats, trim, clean; run 'heapmap help cache'\n");
    return 2;
  }
  absl::StatusOr<std::string> dir = CacheDir(cl);
  if (!dir.ok()) {
    std::fprintf(stderr, "heapmap: %s\n", std::string(dir.status().message()).c_str());
    return 2;
  }
  if (dir->empty()) {
    std::fprintf(stderr, "heapmap: the cache is off (-cache off or HEAPMAP_CACHE=off)\n");
    return 2;
  }
  summaries::Cache cache(*dir);
  const std::string& op = cl.args[0];
  if (op == "trim") {
    int64_t removed = cache.Trim(cl.cache_max);
    std::printf("removed %lld entries\n", static_cast<long long>(removed));
  } else if (op == "clean") {
    int64_t removed = cache.Clean();
    std::printf("removed %lld entries\n", static_cast<long long>(removed));
  }
  summaries::Cache::Usage u = cache.Measure();
  std::printf("cache %s: %lld entries, %.1f MB (bound %.1f MB), %lld temporary files\n",
              dir->c_str(), static_cast<long long>(u.entries), u.bytes / 1e6,
              cl.cache_max / 1e6, static_cast<long long>(u.temp_files));
  return 0;
}

}  // namespace heapmap::driver
