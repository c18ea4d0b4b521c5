// driver/commands.h — the subcommands of `heapmap`. Each returns the process exit
// status: 0 success, 1 errors in the input (syntax errors, packages that failed to
// load), 2 a usage or configuration error.
#ifndef HEAPMAP_DRIVER_COMMANDS_H_
#define HEAPMAP_DRIVER_COMMANDS_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "driver/flags.h"
#include "proto/report.pb.h"
#include "summaries/analyze.h"

namespace heapmap::ir {
struct InlineOptions;
}

namespace heapmap::driver {

int RunList(const CommandLine& cl);
int RunParse(const CommandLine& cl);
int RunCheck(const CommandLine& cl);
int RunAnalyze(const CommandLine& cl);
int RunInline(const CommandLine& cl);
int RunCache(const CommandLine& cl);
int RunAction(const CommandLine& cl);
int RunPrint(const CommandLine& cl);
int RunReport(const CommandLine& cl);
int RunExplain(const CommandLine& cl);
int RunScanStore(const CommandLine& cl);
int RunAssert(const CommandLine& cl);
int RunHistory(const CommandLine& cl);
int RunDiff(const CommandLine& cl);
int RunDashboard(const CommandLine& cl);
int RunBuildFiles(const CommandLine& cl);

// heapmap's version, as `heapmap version` prints it and scans record it.
inline constexpr char kVersion[] = "heapmap 0.1.0 (Go language through 1.23; gc reference 1.19)";

// scan: stores `ranked` as one scan in the database cl.db (report/store.h), the tree being
// `cwd`, with the named packages that `failed` (errors, or skipped for them); appends "scan
// N ..." to *out. False (the error printed) if it could not.
bool StoreScan(const CommandLine& cl, const report::Report& ranked,
               const std::vector<report::PackageReport>& packages,
               const std::vector<std::string>& failed, const std::string& cwd, std::string* out);

// The reports kept in the artifact files `files` (`heapmap action -o`), one per file in
// order; false with the reasons in *err when one cannot be read.
bool ReadArtifactReports(const std::vector<std::string>& files,
                         std::vector<report::PackageReport>* reports, std::string* err);

// The package cache's directory: -cache DIR, else $HEAPMAP_CACHE, else
// $XDG_CACHE_HOME/heapmap, else ~/.cache/heapmap; "" when turned off (-cache off or
// HEAPMAP_CACHE=off).
absl::StatusOr<std::string> CacheDir(const CommandLine& cl);

// Writes `bytes` to `path` through a temporary file renamed into place; on failure says
// so on stderr and returns false.
bool WriteOutputFile(const std::string& path, std::string_view bytes);

// analyze's and action's options from the flags (-m, -l, -d, -race, -smallframes) and the
// working directory; no cache.
summaries::ScanOptions ScanOptionsOf(const CommandLine& cl);

// The inliner's settings from the command line (-l=4, -d=inlfuncswithclosures, -race).
ir::InlineOptions InlineSettings(const CommandLine& cl);

}  // namespace heapmap::driver

#endif  // HEAPMAP_DRIVER_COMMANDS_H_
