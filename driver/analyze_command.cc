// driver/analyze_command.cc — `heapmap analyze -m [-l]`: gc's escape analysis over whole programs.
//
// The flags become summaries::ScanOptions; summaries::Scan does the work (analyze.h) and
// this prints it: for each package named on the command line, in load order, "# importpath"
// and its lines in gc's order, as `go build -gcflags=-m` does; errors and skipped packages
// on stderr; then the summary line.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>
#include <filesystem>
#include <chrono>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "driver/commands.h"
#include "report/profile.h"
#include "report/assert.h"
#include "report/sites.h"
#include "summaries/analyze.h"
#include "summaries/cache.h"
#include "summaries/parse_files.h"
#include "summaries/pipeline.h"
#include "tbb/global_control.h"

namespace heapmap::driver {

absl::StatusOr<std::string> CacheDir(const CommandLine& cl) {
  std::string dir = cl.cache_dir;
  if (dir.empty() || dir == "auto") {
    const char* env = std::getenv("HEAPMAP_CACHE");
    dir = env != nullptr && *env != '\0' ? env : "auto";
  }
  if (dir == "off") return std::string();
  if (dir == "auto") {
    dir = summaries::Cache::DefaultDir();
    if (dir.empty()) {
      return absl::FailedPreconditionError(
          "no cache directory: set $HEAPMAP_CACHE, $XDG_CACHE_HOME or $HOME, or use -cache off");
    }
  }
  return dir;
}

bool WriteOutputFile(const std::string& path, std::string_view bytes) {
  // Written whole, then renamed: a reader (a build system's next action) never sees half.
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  bool ok = f != nullptr && std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  if (f != nullptr) ok = std::fclose(f) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::fprintf(stderr, "heapmap: cannot write %s\n", path.c_str());
    return false;
  }
  return true;
}

summaries::ScanOptions ScanOptionsOf(const CommandLine& cl) {
  summaries::ScanOptions options;
  options.m = cl.m_level;
  options.no_inline = cl.no_inline;
  options.inline_settings = InlineSettings(cl);
  options.small_frames = cl.small_frames;
  options.cwd = summaries::CurrentDir();
  options.source_dir = cl.source_dir;
  options.tree = cl.tree;
  return options;
}

namespace {

// report -format logopt: the files under `dir` (made, with the packages' directories).
bool WriteLogopt(const std::string& dir, const std::vector<report::OutputFile>& files) {
  for (const report::OutputFile& f : files) {
    const std::filesystem::path path = std::filesystem::path(dir) / f.path;
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
      std::fprintf(stderr, "heapmap: cannot create %s: %s\n", path.parent_path().c_str(),
                   ec.message().c_str());
      return false;
    }
    if (!WriteOutputFile(path.string(), f.contents)) return false;
  }
  return true;
}

// report -profile: reads, adds up and joins the profiles with the report (the named
// packages' files are the scanned code). False, with the error on stderr, if a profile
// cannot be read.
bool JoinProfiles(const CommandLine& cl, const load::LoadResult& loaded, const std::string& cwd,
                  report::Report& ranked) {
  report::HeapProfile merged;
  for (const std::string& path : cl.profiles) {
    std::string bytes, error;
    if (!summaries::ReadFile(path, bytes, error)) {
      std::fprintf(stderr, "heapmap: %s\n", error.c_str());
      return false;
    }
    absl::StatusOr<report::HeapProfile> profile = report::ReadHeapProfile(bytes);
    absl::Status merge = profile.ok() ? report::MergeProfiles(merged, std::move(*profile))
                                      : profile.status();
    if (!merge.ok()) {
      std::fprintf(stderr, "heapmap: %s: %s\n", path.c_str(), std::string(merge.message()).c_str());
      return false;
    }
  }
  absl::StatusOr<int> type = report::SampleTypeIndex(merged, cl.sample_index);
  if (!type.ok()) {
    std::fprintf(stderr, "heapmap: %s\n", std::string(type.status().message()).c_str());
    return false;
  }
  std::vector<report::ScannedFile> scanned;
  for (const load::Package& p : loaded.packages) {
    if (p.dep_only) continue;
    for (const std::string& f : p.go_files) scanned.push_back({p.import_path, p.dir + "/" + f});
    for (const std::string& f : p.cgo_files) scanned.push_back({p.import_path, p.dir + "/" + f});
  }
  report::JoinProfile(ranked, merged, *type, scanned, cwd);
  return true;
}

// analyze, report, scan and assert: the same scan; analyze prints the named packages' -m
// blocks, report their heap allocations ranked (report/sites.h), scan stores those in a
// database, assert checks the assertions of every package (report/assert.h).
enum class ScanMode { kAnalyze, kReport, kStore, kAssert };

// The report of `ranked` in cl's format into *out (logopt and scan write theirs: a
// directory, the database); the exit status so far.
int FormatReport(const CommandLine& cl, ScanMode mode, const report::Report& ranked,
                 const std::vector<report::PackageReport>& reports,
                 const std::vector<std::string>& failed, const std::string& cwd,
                 const load::BuildContext& ctx, std::string* out) {
  if (mode == ScanMode::kStore) {
    // Stored with the packages that failed or were skipped: diffs do not compare their
    // sites (report/diff.h), which would otherwise show as fixed.
    return StoreScan(cl, ranked, reports, failed, cwd, out) ? 0 : 2;
  }
  if (cl.format == "logopt") {
    return WriteLogopt(cl.output, report::FormatLogopt(ranked, cwd, ctx.goos, ctx.goarch)) ? 0 : 1;
  }
  *out = cl.format == "json"    ? report::FormatJson(ranked)
         : cl.format == "sarif" ? report::FormatSarif(ranked, cwd)
         : cl.by == "function"  ? report::FormatFunctionTable(ranked, static_cast<size_t>(cl.top))
         : cl.by == "package"   ? report::FormatPackageTable(ranked, static_cast<size_t>(cl.top))
                                : report::FormatTable(ranked, static_cast<size_t>(cl.top));
  return 0;
}

// Writes `out` to -o or stdout (a logopt report is written already, into the directory -o).
bool WriteOutput(const CommandLine& cl, bool report, const std::string& out) {
  if (report && cl.format == "logopt") return true;
  if (!cl.output.empty()) return WriteOutputFile(cl.output, out);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  return true;
}

// report and scan -artifacts: the named packages' reports as their actions computed them
// (a build system's artifacts), ranked and formatted as a scan's.
int ReportArtifacts(const CommandLine& cl, ScanMode mode) {
  if (!cl.profiles.empty()) {
    std::fprintf(stderr, "heapmap: -profile needs the packages' sources: not with -artifacts\n");
    return 2;
  }
  std::optional<load::BuildContext> ctx = BuildContextOrReport(cl);
  if (!ctx) return 2;
  std::vector<report::PackageReport> reports;
  std::string err;
  int status = ReadArtifactReports(cl.args, &reports, &err) ? 0 : 1;
  std::fwrite(err.data(), 1, err.size(), stderr);
  if (status != 0) return status;
  std::string out;
  report::Report ranked = report::Rank(reports);
  status = FormatReport(cl, mode, ranked, reports, {}, summaries::CurrentDir(), *ctx, &out);
  if (!WriteOutput(cl, true, out)) status = 1;
  return status;
}

int RunScan(const CommandLine& cl, ScanMode mode) {
  if (cl.from_artifacts) return ReportArtifacts(cl, mode);
  auto start = std::chrono::steady_clock::now();
  const bool report = mode != ScanMode::kAnalyze;
  const char* name = mode == ScanMode::kAnalyze  ? "analyze"
                     : mode == ScanMode::kReport ? "report"
                     : mode == ScanMode::kStore  ? "scan"
                                                 : "assert";
  std::optional<load::BuildContext> ctx = BuildContextOrReport(cl);
  if (!ctx) return 2;
  std::unique_ptr<summaries::Cache> cache;
  absl::StatusOr<std::string> cache_dir = CacheDir(cl);
  if (!cache_dir.ok()) {
    // The cache only saves time: a scan goes on without it.
    std::fprintf(stderr, "heapmap: %s; analyzing without it\n",
                 std::string(cache_dir.status().message()).c_str());
  } else if (!cache_dir->empty()) {
    cache = std::make_unique<summaries::Cache>(*cache_dir);
  }
  summaries::CacheStats cache_stats;
  summaries::ScanOptions options = ScanOptionsOf(cl);
  options.cache = cache.get();
  options.cache_stats = &cache_stats;
  // Progress lines are for a person watching: on a terminal only (not in CI logs or files).
  options.progress = !cl.quiet && ::isatty(STDERR_FILENO) != 0;
  if (report) {
    options.report = true;
    options.command = name;
    options.m = std::max(options.m, 1);
  }
  load::LoadResult loaded = LoadPackages(cl, *ctx, /*with_deps=*/true);
  // An asserted function's callees may be in any package: every one is reported.
  if (mode == ScanMode::kAssert) {
    for (load::Package& p : loaded.packages) p.dep_only = false;
  }
  summaries::ScanResult scan = summaries::Scan(*ctx, loaded, options);

  // Errors and skips on stderr, -m lines on stdout, named packages in load order.
  int status = 0;
  std::string out, err;
  for (const std::string& error : loaded.errors) absl::StrAppend(&err, "heapmap: ", error, "\n");
  if (!loaded.errors.empty()) status = 1;
  size_t lines = 0, skipped = 0;
  std::vector<report::PackageReport> reports;
  std::vector<std::string> failed;  // named packages with errors, or skipped for them
  for (size_t i = 0; i < scan.packages.size(); ++i) {
    summaries::PackageOutput& p = scan.packages[i];
    if ((p.failed || p.skipped) && i < loaded.packages.size()) {
      failed.push_back(loaded.packages[i].import_path);
    }
    absl::StrAppend(&err, p.err);
    if (report) {
      reports.push_back(std::move(p.report));
    } else {
      absl::StrAppend(&out, p.out);
    }
    lines += p.lines;
    skipped += p.skipped;
    if (p.failed) status = 1;
  }
  if (mode == ScanMode::kAssert) {
    size_t checked = 0;
    std::vector<report::BrokenAssertion> broken = report::CheckAssertions(reports, &checked);
    out = report::FormatBrokenAssertions(broken);
    if (!broken.empty()) status = 1;
    if (!cl.quiet) {
      absl::StrAppend(&err, "heapmap assert: ", checked, " assertions, ", broken.size(),
                      " broken\n");
    }
  } else if (report) {
    report::Report ranked = report::Rank(reports);
    if (!cl.profiles.empty()) {
      if (!JoinProfiles(cl, loaded, options.cwd, ranked)) return 2;
    }
    status = std::max(status, FormatReport(cl, mode, ranked, reports, failed, options.cwd, *ctx, &out));
  }
  std::fwrite(err.data(), 1, err.size(), stderr);
  if (!WriteOutput(cl, report, out)) status = 1;
  if (cache != nullptr) {
    cache->TrimDaily(cl.cache_max);
    if (cache_stats.corrupt.load() > 0) {
      std::fprintf(stderr,
                   "heapmap: %lld bad cache entries in %s were ignored and rewritten\n",
                   static_cast<long long>(cache_stats.corrupt.load()), cache->dir().c_str());
    }
    if (cache_stats.write_errors.load() > 0) {
      std::fprintf(stderr, "heapmap: %lld results could not be written to the cache %s\n",
                   static_cast<long long>(cache_stats.write_errors.load()),
                   cache->dir().c_str());
    }
  }
  if (!cl.quiet) {
    const summaries::ScanStats& s = scan.stats;
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    size_t threads =
        tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
    std::string cache_note =
        cache == nullptr ? "no cache" : absl::StrCat(s.waves, " waves, cache ", cache->dir());
    if (!cl.no_inline) {
      std::fprintf(stderr, "heapmap %s: %lld inlined calls spliced, %lld left as calls\n",
                   name, s.spliced, s.kept);
    }
    // The per-package steps, summed over the workers (the dependencies' inlining included
    // with -l).
    std::fprintf(stderr,
                 "heapmap %s: worker time: inliner %.2f s, lowering %.2f s, inline bodies "
                 "%.2f s, splicing %.2f s\n",
                 name, s.inline_s, s.lower_s, s.bodies_s, s.splice_s);
    std::fprintf(stderr,
                 "heapmap %s: %zu packages (%zu named reused, %zu named rebuilt, %zu cut "
                 "off, %zu named skipped, %zu imports read from their artifacts), %lld batches (%lld solved, %s), %zu lines, %.2f s on "
                 "%zu threads (load, parse, check, lower and solve %.2f s, then solving %.2f s)\n",
                 name, loaded.packages.size(), s.named_reused, s.named_rebuilt, s.cut_off, skipped,
                 s.imports_from_artifacts,
                 s.batches, s.solved, cache_note.c_str(), lines, seconds, threads, s.check_s,
                 s.solve_s);
  }
  return status;
}

}  // namespace

int RunAnalyze(const CommandLine& cl) {
  if (!cl.escape_m) {
    std::fprintf(stderr, "heapmap: analyze needs -m (the -m lines are its only output for now)\n");
    return 2;
  }
  return RunScan(cl, ScanMode::kAnalyze);
}

int RunReport(const CommandLine& cl) {
  if (cl.format == "logopt" && cl.output.empty()) {
    std::fprintf(stderr, "heapmap: report -format logopt needs -o DIR (the directory to write)\n");
    return 2;
  }
  return RunScan(cl, ScanMode::kReport);
}

int RunAssert(const CommandLine& cl) { return RunScan(cl, ScanMode::kAssert); }

int RunScanStore(const CommandLine& cl) {
  if (cl.db.empty()) {
    std::fprintf(stderr, "heapmap: scan needs -db FILE (the database to store the scan in)\n");
    return 2;
  }
  return RunScan(cl, ScanMode::kStore);
}

}  // namespace heapmap::driver
