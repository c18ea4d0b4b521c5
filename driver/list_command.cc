// driver/list_command.cc — `heapmap list`: packages and their files, as `go list`.
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "driver/commands.h"
#include "frontend/load/loader.h"

namespace heapmap::driver {

int RunList(const CommandLine& cl) {
  std::optional<load::BuildContext> ctx = BuildContextOrReport(cl);
  if (!ctx) return 2;
  load::LoadResult result = LoadPackages(cl, *ctx, cl.deps);
  int status = 0;
  for (const std::string& error : result.errors) {
    std::fprintf(stderr, "heapmap: %s\n", error.c_str());
    status = 1;
  }
  std::string out;
  for (const load::Package& pkg : result.packages) {
    if (cl.json) {
      out += load::PackageToJson(pkg);
    } else if (!pkg.error) {
      absl::StrAppend(&out, pkg.import_path, "\n");
    }
    if (pkg.error) {
      // As the go command: the position, if any, then the message.
      std::fprintf(stderr, "%s\n", load::PackageErrorText(*pkg.error).c_str());
      status = 1;
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return status;
}

}  // namespace heapmap::driver
