// summaries/call_graph.h — a package's static call graph over FuncUnits and its SCCs in gc's order.
//
// gc (Go 1.19) runs escape analysis per package on the batches that ir.VisitFuncsBottomUp
// (cmd/compile/internal/ir/scc.go) produces: Tarjan's algorithm over the static references of
// the package's functions, started from each declared function in declaration order, with two
// twists that we mirror exactly: a closure is never the root of a component (it joins the
// component of the function it appears in), and each function is two virtual nodes so that a
// lone non-recursive function is told apart from a self-recursive one. The batch order (the
// order of functions handed to the solver) is Tarjan's stack order: DFS pre-order, closures
// where their literal is reached.
//
// Cross-package calls are not edges: the import graph is a DAG, so their targets live in
// packages that are finished before this one starts (summaries/scheduler.h).
#ifndef HEAPMAP_SUMMARIES_CALL_GRAPH_H_
#define HEAPMAP_SUMMARIES_CALL_GRAPH_H_

#include <cstdint>
#include <vector>

#include "proto/ir.pb.h"
#include "solver/solver.h"

namespace heapmap::summaries {

// One function of a package: funcs[func] of units[unit].
struct FuncIndex {
  uint32_t unit = 0;
  uint32_t func = 0;
  friend bool operator==(const FuncIndex&, const FuncIndex&) = default;
};

// One SCC of the static call graph, as gc hands it to escape analysis.
struct Batch {
  std::vector<FuncIndex> order;  // gc's stack order (solver::BatchInput::order)
  std::vector<uint32_t> units;   // the units of `order`, in order of first appearance
  bool recursive = false;        // gc's `recursive` argument of analyze
  // Earlier batches of the same package that this batch calls (sorted, unique): the batch
  // may run once these are done.
  std::vector<uint32_t> deps;
};

// Computes gc's batches for one package. `units` are the package's FuncUnits in declaration
// order (ir::Package.units). Edges: CALL_STATIC calls whose callee symbol names a function of
// the package; a function's references (its static calls and the closures it contains) are
// visited in source order, as gc's ir.Visit walks the body. Every function of every unit
// appears in exactly one batch; a unit never spans two batches. Batches are returned in the
// order gc analyzes them (callees before callers).
std::vector<Batch> ComputeBatches(const std::vector<const ir::FuncUnit*>& units);

// The solver input for `batch` of `units`.
solver::BatchInput MakeBatchInput(const std::vector<const ir::FuncUnit*>& units,
                                  const Batch& batch);

}  // namespace heapmap::summaries

#endif  // HEAPMAP_SUMMARIES_CALL_GRAPH_H_
