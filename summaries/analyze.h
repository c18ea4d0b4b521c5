// summaries/analyze.h — the whole-program engine behind `heapmap analyze`: gc's inlining and
// escape analysis over loaded packages, reusing cached package artifacts.
//
// In: the loaded packages (load::Load with deps) and the options. Out: per package, what
// analyze prints for it (the -m block on stdout, errors and skips on stderr) and the
// scan's figures. The work: packages whose artifacts are in the cache print from them and
// are never parsed; the others are computed in at most two waves (artifact.h). In a wave,
// each package's task (pipeline.h) parses, checks and lowers it (without -l the inliner
// first, then lowering with the inlined calls as results, then the bodies spliced in), and
// gives it to the scheduler (scheduler.h), which solves it as soon as its imports are
// solved; its units are freed then (but the inline bodies its importers splice).
//
// Invariants: the output bytes depend only on the inputs (sources, build context, options
// and the working directory), not on threads, on the cache's contents, or on which
// packages were reused: a warm or incremental scan prints what a cold one does.
#ifndef HEAPMAP_SUMMARIES_ANALYZE_H_
#define HEAPMAP_SUMMARIES_ANALYZE_H_

#include <optional>
#include <string>
#include <vector>

#include "frontend/load/loader.h"
#include "ir/inline.h"
#include "proto/report.pb.h"
#include "proto/summary.pb.h"
#include "summaries/cache.h"

namespace heapmap::summaries {

// Part of every package's cache key: bump when the solver's or lowering's output changes.
inline constexpr char kAnalyzerVersion[] = "heapmap 0.1.0 analyze/1";

struct ScanOptions {
  int m = 1;               // -m level: 1, or 2 for explanations and costs
  bool no_inline = false;  // -l: the named packages are analyzed without inlining
  // The inliner's settings for every package (-l=4's call cost, -d=inlfuncswithclosures,
  // -race); m and display names are set per package.
  ir::InlineOptions inline_settings;
  bool small_frames = false;  // -smallframes
  // File names print relative to it (DisplayName); part of every key.
  std::string cwd;
  // The per-package action's -srcdir: the package's directory in the tree the scan stands
  // for, where the action runs elsewhere (a build system's sandbox). Its artifact names
  // the package's sources there: an importer that stencils its generic code prints their
  // full names, as gc prints an imported body's positions. Empty: names relative to cwd.
  std::string source_dir;
  // The action's -tree: the directory the scan stands for (where `heapmap analyze` would
  // run); with it, file names print relative to it (ShownName). Empty: cwd.
  std::string tree;
  bool action = false;  // set by AnalyzePackage: artifacts name files as ArtifactFileName
  const Cache* cache = nullptr;  // null: compute everything, store nothing
  CacheStats* cache_stats = nullptr;
  bool progress = false;  // "heapmap analyze: N/M packages" on stderr on large scans
                          // (the driver sets it when stderr is a terminal)
  bool report = false;    // keep each named package's report (PackageOutput::report)
  std::string command = "analyze";  // names the progress lines
};

// What analyze prints for one package (named ones only; dependencies print nothing).
struct PackageOutput {
  std::string out;       // "# path" and the -m lines (stdout)
  std::string err;       // errors and skips (stderr)
  size_t lines = 0;      // -m lines in `out`
  // Its heap allocations for `heapmap report` (report/sites.h), in source order.
  report::PackageReport report;
  bool skipped = false;  // not analyzed: its own errors, or it imports a skipped package
  bool failed = false;   // exit status 1
};

struct ScanStats {
  size_t named_reused = 0, named_rebuilt = 0, cut_off = 0;  // RescanState's
  // Imports of rebuilt packages read from their artifacts' export data (not parsed,
  // checked or lowered), summed over the waves.
  size_t imports_from_artifacts = 0;
  int waves = 0;
  long long batches = 0, solved = 0;
  long long spliced = 0, kept = 0;  // inlined calls spliced, and left as calls
  // Summed over the workers: the inliner, lowering, inline bodies, splicing.
  double inline_s = 0, lower_s = 0, bodies_s = 0, splice_s = 0;
  double check_s = 0;  // wall time until every package is checked and lowered
  double solve_s = 0;  // wall time solving went on after that
};

struct ScanResult {
  std::vector<PackageOutput> packages;  // by index in the LoadResult
  ScanStats stats;
};

// Analyzes `loaded` (its named packages and, as needed, their dependencies).
ScanResult Scan(const load::BuildContext& ctx, const load::LoadResult& loaded,
                const ScanOptions& options);

// The per-package action, what a build system runs for one package: analyzes
// loaded.packages[target] from its files and the artifacts of all its imports, direct and
// indirect (`imports[i]` for every other package of `loaded`, which holds exactly those, in
// dependency order: each artifact's `imports` and `name` describe its package). Reads no
// other file and no cache. Its output is what Scan prints for the package; its artifact
// (nullopt if it failed) is deterministic bytes (ArtifactFileBytes).
struct ActionResult {
  PackageOutput output;
  std::optional<summary::PackageArtifact> artifact;
  ScanStats stats;
};
ActionResult AnalyzePackage(const load::BuildContext& ctx, const load::LoadResult& loaded,
                            size_t target,
                            std::vector<std::optional<summary::PackageArtifact>> imports,
                            const ScanOptions& options);

}  // namespace heapmap::summaries

#endif  // HEAPMAP_SUMMARIES_ANALYZE_H_
