// driver/parse_command.cc — `heapmap parse`: parse packages or files, report syntax errors.
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "driver/commands.h"
#include "summaries/parse_files.h"
#include "frontend/load/loader.h"
#include "tbb/global_control.h"

namespace heapmap::driver {

using summaries::SourceParse;
using summaries::ReadAndParseFiles;
namespace {

// True when every argument names a file (a .go name, or any existing regular file such
// as go/parser's .go2 and .src test data), rather than a package pattern.
bool AllFiles(const std::vector<std::string>& args) {
  if (args.empty()) return false;
  for (const std::string& a : args) {
    std::error_code ignored;
    if (!absl::EndsWith(a, ".go") && !std::filesystem::is_regular_file(a, ignored)) return false;
  }
  return true;
}

}  // namespace

int RunParse(const CommandLine& cl) {
  auto start = std::chrono::steady_clock::now();
  int status = 0;
  std::vector<std::string> paths;
  if (AllFiles(cl.args)) {
    // Files named on the command line are parsed as given, build constraints or not:
    // the user asked for exactly these.
    paths = cl.args;
  } else {
    std::optional<load::BuildContext> ctx = BuildContextOrReport(cl);
    if (!ctx) return 2;
    load::LoadResult loaded = LoadPackages(cl, *ctx, /*with_deps=*/false);
    for (const std::string& error : loaded.errors) {
      std::fprintf(stderr, "heapmap: %s\n", error.c_str());
      status = 1;
    }
    for (const load::Package& pkg : loaded.packages) {
      if (pkg.error) {
        std::fprintf(stderr, "%s\n", load::PackageErrorText(*pkg.error).c_str());
        status = 1;
      }
      for (const std::string& name : pkg.go_files) paths.push_back(pkg.dir + "/" + name);
      for (const std::string& name : pkg.cgo_files) paths.push_back(pkg.dir + "/" + name);
    }
  }

  std::vector<SourceParse> parsed = ReadAndParseFiles(paths, /*keep_trees=*/false);
  size_t bytes = 0, errors = 0, files_with_errors = 0, unreadable = 0;
  std::string out;
  for (const SourceParse& p : parsed) {
    bytes += p.bytes;
    if (!p.read_error.empty()) {
      absl::StrAppend(&out, p.read_error, "\n");
      ++unreadable;
      continue;
    }
    if (!p.file.errors.empty()) ++files_with_errors;
    for (const std::string& message : p.messages) {
      absl::StrAppend(&out, message, "\n");
      ++errors;
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  if (errors > 0 || unreadable > 0) status = 1;
  if (!cl.quiet) {
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    size_t threads = tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
    std::fprintf(stderr,
                 "heapmap parse: %zu files, %.1f MB, %zu syntax errors in %zu files, %zu "
                 "unreadable, %.2f s on %zu threads\n",
                 parsed.size(), bytes / 1e6, errors, files_with_errors, unreadable, seconds,
                 threads);
  }
  return status;
}

}  // namespace heapmap::driver
