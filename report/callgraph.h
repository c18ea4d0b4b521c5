// report/callgraph.h — the call graph of the reported packages: how often each function
// runs by a static model (its call sites and their loop depth, up the call graph), which
// weighs each site; and per function, its own heap sites and those reached through its
// calls, across packages (report/README.md "Static weight", "Function totals").
#ifndef HEAPMAP_REPORT_CALLGRAPH_H_
#define HEAPMAP_REPORT_CALLGRAPH_H_

#include <vector>

#include "proto/ir.pb.h"
#include "proto/report.pb.h"

namespace heapmap::report {

// The calls of a package's functions that stay calls (static callees and closures called
// in place; the lowered units are after inlining, so inlined calls are gone), with their
// loop depth and count; and an edge from each function to its closures (a closure runs
// when its function does, as far as the model goes). Sorted; appended to `out.calls`.
void AddCalls(const std::vector<const ir::FuncUnit*>& units, PackageReport& out);

// Over `packages` (those reported): each function's frequency, in strongly connected
// components of the call graph (recursion counts once): 1 for a function no reported code
// calls, else the sum over its call sites of the caller's frequency times 8^(loop depth
// - 1) (depth capped at 4). Sets each site's `function_frequency` and multiplies its
// static weight by it, and fills `report.functions`: per function with sites or calls
// reaching sites, its own sites and their loop weight, and its total: own weight plus, per
// call, 8^(depth - 1) times the callee's total (components collapsed); the distinct sites
// reached are counted for the first `distinct_for` functions by total. Sorted by total,
// then symbol.
void WeighByCallGraph(const std::vector<PackageReport>& packages, Report& report,
                      int distinct_for = 100);

}  // namespace heapmap::report

#endif  // HEAPMAP_REPORT_CALLGRAPH_H_
