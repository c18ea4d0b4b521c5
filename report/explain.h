// report/explain.h — `heapmap explain`: why the heap allocations at a position are on the
// heap, step by step from the allocation to what holds it, across packages (through the
// callees' parameters that leak, which their packages' reports record), with the first
// step under the caller's control and gc's -m=2 lines of each step (report/README.md
// "Explanations").
#ifndef HEAPMAP_REPORT_EXPLAIN_H_
#define HEAPMAP_REPORT_EXPLAIN_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "proto/report.pb.h"

namespace heapmap::report {

// A package's report and its `analyze -m=2` block, as explanations read them.
struct ExplainPackage {
  const PackageReport* report = nullptr;
  std::string_view m2_output;
};

// By import path: the position's package and those its explanations cross into.
using ExplainPackages = std::map<std::string, ExplainPackage>;

// The packages the explanations of the sites at file:line[:col] of `package` cross into
// that `packages` does not hold yet (the callees' packages, step by step): scan them too
// and ask again until this is empty.
std::vector<std::string> ExplainNeeds(const std::string& package, const ExplainPackages& packages,
                                      std::string_view file, uint32_t line, uint32_t col);

// The explanation of each site at file:line (any column if `col` is 0) of `package`: gc's
// line, the cause and what holds it, the hint, loop depth, weight and ID; the path, a step
// per function it goes through (the allocation's own, then each callee parameter that
// keeps it, with its package), each with gc's -m=2 lines at that step's position when its
// package is in `packages`; and the step nearest the root that lies in `package` (the
// first the caller controls, from the heap's side): "stays on the stack if ...". `file`
// is spelled as the output spells it. "" if nothing is there.
std::string Explain(const std::string& package, const ExplainPackages& packages,
                    std::string_view file, uint32_t line, uint32_t col);

}  // namespace heapmap::report

#endif  // HEAPMAP_REPORT_EXPLAIN_H_
