// report/diff.cc — reports compared by stable ID.
#include "report/diff.h"

#include <algorithm>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "report/sites.h"

namespace heapmap::report {

ReportDiff DiffReports(const Report& older, const Report& newer,
                       const std::vector<std::string>& not_compared) {
  ReportDiff diff;
  const absl::flat_hash_set<std::string> skip(not_compared.begin(), not_compared.end());
  for (const std::string& p : skip) diff.add_packages_not_compared(p);
  std::sort(diff.mutable_packages_not_compared()->begin(), diff.mutable_packages_not_compared()->end());
  absl::flat_hash_map<std::string_view, int> old_count, new_count;
  for (const Site& s : older.sites()) old_count[s.id()]++;
  for (const Site& s : newer.sites()) new_count[s.id()]++;
  // The first k of an ID's sites are matched, the rest differ.
  absl::flat_hash_map<std::string_view, int> seen;
  for (const Site& s : newer.sites()) {
    if (skip.contains(s.package())) {
      diff.set_not_compared(diff.not_compared() + 1);
      continue;
    }
    if (++seen[s.id()] > old_count[s.id()]) {
      *diff.add_introduced() = s;
    } else {
      diff.set_unchanged(diff.unchanged() + 1);
    }
  }
  seen.clear();
  for (const Site& s : older.sites()) {
    if (skip.contains(s.package())) continue;
    if (++seen[s.id()] > new_count[s.id()]) *diff.add_fixed() = s;
  }
  return diff;
}

bool IsHot(const Site& s) { return s.static_weight() >= 8 || s.measured() > 0; }

namespace {

void AppendRows(const google::protobuf::RepeatedPtrField<Site>& sites, std::string* out) {
  for (const Site& s : sites) {
    absl::StrAppendFormat(out, "  %s:%d:%d (%s.%s): %s  [%s, weight %g%s, id %s]\n", s.file(),
                          s.line(), s.column(), s.package(), s.function(), SiteWhat(s),
                          CauseName(s.cause()), s.static_weight(), IsHot(s) ? ", hot" : "",
                          s.id());
  }
}

}  // namespace

std::string FormatDiffText(const ReportDiff& diff) {
  std::string out = absl::StrFormat("%s -> %s: %d introduced, %d fixed, %d unchanged\n",
                                    diff.older(), diff.newer(), diff.introduced_size(),
                                    diff.fixed_size(), diff.unchanged());
  if (diff.packages_not_compared_size() > 0) {
    absl::StrAppendFormat(&out, "not compared: %d packages that failed in one of the scans (%s)\n",
                          diff.packages_not_compared_size(),
                          absl::StrJoin(diff.packages_not_compared(), " "));
  }
  if (diff.introduced_size() > 0) {
    absl::StrAppend(&out, "introduced:\n");
    AppendRows(diff.introduced(), &out);
  }
  if (diff.fixed_size() > 0) {
    absl::StrAppend(&out, "fixed:\n");
    AppendRows(diff.fixed(), &out);
  }
  return out;
}

std::string FormatDiffJson(const ReportDiff& diff) {
  return MessageJson(diff, /*with_defaults=*/true);
}

}  // namespace heapmap::report
