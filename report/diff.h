// report/diff.h — what changed between two reports: heap allocations introduced and fixed.
//
// Sites are matched by their stable ID (report/README.md "Stable IDs"), never by position,
// so lines moved by edits elsewhere are not changes. IDs are counted as a multiset: two
// sites with one ID in the new report and one in the old make one introduced.
#ifndef HEAPMAP_REPORT_DIFF_H_
#define HEAPMAP_REPORT_DIFF_H_

#include <string>
#include <vector>

#include "proto/report.pb.h"

namespace heapmap::report {

// introduced: in `newer` only, in its rank order; fixed: in `older` only, in its order;
// unchanged: how many of newer's sites older has too. The sites of the packages in
// `not_compared` (those that failed in either scan) are left out, and counted.
ReportDiff DiffReports(const Report& older, const Report& newer,
                       const std::vector<std::string>& not_compared = {});

// A site on a hot path, for `diff -fail-on new-hot`: in a loop or called in one (static
// weight >= 8, report/README.md "Ranking"), or sampled by a heap profile.
bool IsHot(const Site& s);

// The diff as a person reads it: the introduced and fixed sites (as the report's table
// rows) and the count of the unchanged.
std::string FormatDiffText(const ReportDiff& diff);
// report.proto's ReportDiff as JSON.
std::string FormatDiffJson(const ReportDiff& diff);

}  // namespace heapmap::report

#endif  // HEAPMAP_REPORT_DIFF_H_
