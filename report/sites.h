// report/sites.h — the hot-allocation report's sites: every heap allocation of a package,
// from its functions' escape verdicts (summary.proto), classified, ranked and given stable
// IDs. Reads protos only (report/README.md).
#ifndef HEAPMAP_REPORT_SITES_H_
#define HEAPMAP_REPORT_SITES_H_

#include <string>
#include <string_view>
#include <vector>

#include "proto/report.pb.h"
#include "proto/summary.pb.h"

namespace heapmap::report {

// Package `path`'s heap allocations from its batch results: each verdict that puts a
// location on the heap, but those of code gc prints nothing for (go/defer wrappers, dead
// code); in source order, with their IDs, causes and static weights.
PackageReport PackageSites(const std::string& path,
                           const std::vector<summary::BatchResult>& results);

// All packages' sites, weighed by the call graph of their functions (callgraph.h:
// static weight = loop weight times the function's frequency; `functions` filled) and
// ranked: static weight (highest first), then package, file, line, column and ID, so the
// order depends on nothing else.
Report Rank(const std::vector<PackageReport>& packages);

// Sorts the report's sites again: measured value (report/profile.h) first, then as Rank.
void RankMeasured(Report& report);

// The static estimate of how often a site runs: 8^(loop depth - 1), the depth capped at 4
// (a site in no loop weighs 1; in three nested loops, 512).
double StaticWeight(int loop_depth);

// What is allocated, in words: gc's -m text, else the expression and why gc prints nothing
// ("(always on the heap)", or a go/defer wrapper).
std::string SiteWhat(const Site& s);

// Sites summed (by package, by function): how many, their static weights (capped at
// 1e30, as the call graph's frequencies are) and their profile figures.
struct SiteTotals {
  int64_t sites = 0;
  double weight = 0;
  int64_t measured = 0;
  void Add(const Site& s);
};

// What the cause means, and the usual fix, in one line.
std::string_view CauseName(Cause c);
std::string_view CauseHint(Cause c);
// Why profiled samples of scanned code went to no site: a name, and what to do.
std::string_view UnattributedCauseName(UnattributedCause c);
std::string_view UnattributedCauseHint(UnattributedCause c);

// The terminal table of the first `top` sites (0: all): rank, weight, cause, position,
// what is allocated, in which function; then a line per cause with its count and hint.
std::string FormatTable(const Report& report, size_t top);

// The first `top` functions (0: all) by total weight (callgraph.h): total, own sites and
// weight, the distinct sites reached, frequency, function.
std::string FormatFunctionTable(const Report& report, size_t top);

// The first `top` packages (0: all) by the sum of their sites' static weights: the sum,
// the sites, and with a profile the measured value.
std::string FormatPackageTable(const Report& report, size_t top);

// The report as JSON (protobuf's JSON mapping of report.proto, fields as in the .proto).
std::string FormatJson(const Report& report);
// A report.proto message as JSON, as FormatJson prints a report (field names as in the
// .proto); with_defaults prints fields at their default values too.
std::string MessageJson(const google::protobuf::Message& m, bool with_defaults);

// The report as SARIF 2.1.0 (code scanning): one rule per cause (its hint as help), one
// result per site, level "note", at the allocating expression; the stable ID is the
// result's partialFingerprints["heapmapSiteId/v1"]; weight, loop depth and gc's text are
// properties. File names relative to `cwd` (as gc prints them) are URIs relative to
// %SRCROOT% = file://cwd/; absolute ones are file:// URIs.
std::string FormatSarif(const Report& report, const std::string& cwd);

// One file of the logopt format.
struct OutputFile {
  std::string path;      // relative to the output directory
  std::string contents;
};

// The report in the layout of gc's `-json=0,file://DIR` output (cmd/compile's logopt): per
// package a directory named by the url.PathEscape of its import path, per source file
// with sites a file named by the PathEscape of its base name without ".go", plus ".json";
// each starts with a version header line (version 0, package, goos, goarch, gc_version
// "go1.19 heapmap", the file's absolute path) and holds an LSP Diagnostic per line, in
// position order: code "escape" for gc's escaping sites and moved variables (message:
// gc's text), code "heap" for the allocations gc prints nothing for; relatedInformation
// holds what keeps it on the heap and the hint. File names relative to `cwd` are made
// absolute.
std::vector<OutputFile> FormatLogopt(const Report& report, const std::string& cwd,
                                     const std::string& goos, const std::string& goarch);

}  // namespace heapmap::report

#endif  // HEAPMAP_REPORT_SITES_H_
