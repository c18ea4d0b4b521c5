// report/assert.h — assertions in the code, checked against the whole program's report.
//
// `//heapmap:noalloc` in a function's doc comment asserts that no heap allocation is
// reachable from it through static calls (its own sites, closures it makes, and every
// function it calls by name, transitively and across packages; calls of interface methods
// and function values are not followed). `//heapmap:noescape` asserts that variables stay
// on the stack: on its own line, those declared on the next line; after code, those of its
// line; `//heapmap:noescape a b` in a function's doc comment, its parameters or variables
// named. (gcassert and gVisor's checkescape check the same, one package at a time.)
#ifndef HEAPMAP_REPORT_ASSERT_H_
#define HEAPMAP_REPORT_ASSERT_H_

#include <string>
#include <vector>

#include "proto/ir.pb.h"
#include "proto/report.pb.h"

namespace heapmap::report {

// Adds the assertions of a package's lowered units (ir.Func's DIRECTIVE_HEAPMAP_NOALLOC,
// ir.Location's assert_noescape) to its report, in unit order.
void AddAssertions(const std::vector<const ir::FuncUnit*>& units, PackageReport& out);

// An assertion that does not hold, and why.
struct BrokenAssertion {
  Assertion assertion;
  // NOALLOC: the functions from the asserted one to the one that allocates (link
  // symbols, the asserted one first); the allocation is `site`. NOESCAPE: empty; `site` is
  // the variable moved to the heap, or for a parameter that leaks to the heap, `leak`.
  std::vector<std::string> path;
  Site site;
  bool is_leak = false;
  ParamLeak leak;
};

// Checks every package's assertions against the sites and calls of all `reports` (which
// must include the packages the asserted functions call, for NOALLOC to see across
// them). In package, then source order. `checked` is set to the number of assertions.
std::vector<BrokenAssertion> CheckAssertions(const std::vector<PackageReport>& reports,
                                             size_t* checked);

// "file:line:col: F is //heapmap:noalloc, but ..." with the call path and the allocation,
// one block per broken assertion.
std::string FormatBrokenAssertions(const std::vector<BrokenAssertion>& broken);

}  // namespace heapmap::report

#endif  // HEAPMAP_REPORT_ASSERT_H_
