// driver/explain_command.cc — `heapmap explain FILE:LINE[:COL]`: why the heap allocations
// at a position are on the heap. Scans the file's package with gc's -m=2 explanations and
// the report (summaries::Scan), then again with the packages the explanation crosses into
// (the callees whose parameters keep the allocation), until it reaches no new package;
// report::Explain prints it.
#include <climits>
#include <filesystem>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "driver/commands.h"
#include "report/explain.h"
#include "summaries/analyze.h"
#include "summaries/pipeline.h"

namespace heapmap::driver {

namespace {

// Rounds of scanning: each adds the packages a step of the path reaches (a path crosses a
// few packages; a bound keeps a pathological one finite).
constexpr int kMaxRounds = 12;

}  // namespace

int RunExplain(const CommandLine& cl) {
  if (cl.args.size() != 1) {
    std::fprintf(stderr, "heapmap: explain needs one position, FILE:LINE[:COL]; run 'heapmap help explain'\n");
    return 2;
  }
  // FILE:LINE[:COL], split from the right (a file name may hold ':').
  std::vector<std::string> parts = absl::StrSplit(cl.args[0], ':');
  uint32_t line = 0, col = 0;
  auto number = [](const std::string& s, uint32_t* v) { return absl::SimpleAtoi(s, v) && *v > 0; };
  if (parts.size() >= 3 && number(parts.back(), &col) && number(parts[parts.size() - 2], &line)) {
    parts.resize(parts.size() - 2);
  } else if (parts.size() >= 2 && number(parts.back(), &line)) {
    col = 0;
    parts.resize(parts.size() - 1);
  } else {
    std::fprintf(stderr, "heapmap: %s: want FILE:LINE[:COL]\n", cl.args[0].c_str());
    return 2;
  }
  const std::string file = absl::StrJoin(parts, ":");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    std::fprintf(stderr, "heapmap: %s: no such file\n", file.c_str());
    return 1;
  }
  std::optional<load::BuildContext> ctx = BuildContextOrReport(cl);
  if (!ctx) return 2;
  summaries::ScanOptions options = ScanOptionsOf(cl);
  // Absolute from the working directory as the shell names it ($PWD, as Go's os.Getwd),
  // symbolic links kept: the loader names the package's files from the directory given,
  // and they must print as those of the packages found by import path.
  const std::string path = (std::filesystem::path(options.cwd) / file).lexically_normal().string();
  const std::string dir = path.substr(0, path.rfind('/'));
  options.m = 2;
  options.report = true;
  options.command = "explain";
  const std::string display = summaries::DisplayName(path, options.cwd);
  std::vector<std::string> patterns = {dir};
  std::set<std::string> named;
  std::unique_ptr<load::LoadResult> loaded;
  std::unique_ptr<summaries::ScanResult> scan;
  report::ExplainPackages packages;
  std::string package;  // the file's import path
  int status = 0;
  for (int round = 0; round < kMaxRounds; ++round) {
    loaded = std::make_unique<load::LoadResult>(load::Load(*ctx, patterns, /*with_deps=*/true));
    scan = std::make_unique<summaries::ScanResult>(summaries::Scan(*ctx, *loaded, options));
    packages.clear();
    status = 0;
    for (size_t i = 0; i < loaded->packages.size(); ++i) {
      const load::Package& p = loaded->packages[i];
      if (p.dep_only) continue;
      const summaries::PackageOutput& o = scan->packages[i];
      if (p.dir == dir) {
        package = p.import_path;
        if (o.failed) {
          std::fwrite(o.err.data(), 1, o.err.size(), stderr);
          status = 1;
        }
      }
      packages[p.import_path] = {&o.report, o.out};
      named.insert(p.import_path);
    }
    bool more = false;
    for (const std::string& need : report::ExplainNeeds(package, packages, display, line, col)) {
      // A package the loader does not find (or a failed one) is not asked for again.
      if (named.insert(need).second) {
        patterns.push_back(need);
        more = true;
      }
    }
    if (!more) break;
  }
  const std::string out = report::Explain(package, packages, display, line, col);
  if (out.empty()) {
    std::fprintf(stderr, "heapmap: no heap allocation at %s\n", cl.args[0].c_str());
    return status == 0 ? 1 : status;
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return status;
}

}  // namespace heapmap::driver
