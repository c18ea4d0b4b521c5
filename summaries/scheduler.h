// summaries/scheduler.h — whole-program escape analysis: gc's batches, bottom-up on oneTBB.
//
// Input: every package to analyze with its FuncUnits (declaration order) and its imports,
// given one package at a time. Each package's batches come from ComputeBatches (gc's
// VisitFuncsBottomUp). A package is solved once it is given and all its imports are solved
// (the package graph's solve stage; the import graph is a DAG, so every cross-package
// callee is then known); within a package a batch runs as soon as the earlier batches it
// calls are done, so independent batches run in parallel. What a batch may see is fixed by the dependency graph, not by
// timing or by the order packages are given, so the output is byte-identical for any
// thread count.
#ifndef HEAPMAP_SUMMARIES_SCHEDULER_H_
#define HEAPMAP_SUMMARIES_SCHEDULER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "proto/ir.pb.h"
#include "proto/summary.pb.h"
#include "solver/solver.h"
#include "summaries/cache.h"
#include "summaries/call_graph.h"
#include "summaries/package_graph.h"

namespace heapmap::summaries {

struct PackageInput {
  std::string path;
  std::vector<const ir::FuncUnit*> units;  // declaration order (ir::Package.units)
  std::vector<uint32_t> imports;           // indices of earlier packages of the program
  // The package's batch results from an earlier run with the same inputs (its artifact):
  // used in place of solving when they describe its batches (count and symbols), else
  // ignored. With no units, they are the package: nothing is solved, its functions are
  // looked up in them, and its result has them but no batches or diagnostics.
  const google::protobuf::RepeatedPtrField<summary::BatchResult>* reuse = nullptr;
};

struct AnalyzeOptions {
  solver::SolverOptions solver;
  const Cache* cache = nullptr;  // nullptr: no cache
  std::string version;           // heapmap's version: part of every cache key
};

struct PackageResult {
  bool analyzed = false;                        // false: never given (ProgramAnalysis::Add)
  std::vector<Batch> batches;                   // gc's order
  std::vector<summary::BatchResult> results;    // per batch; empty if the batch failed
  std::vector<std::string> cache_keys;          // per batch ("" without a cache)
  // The package's -m lines as gc prints them: all batches' lines, stably sorted by
  // position, consecutive duplicates removed (gc's base.FlushErrors).
  std::vector<summary::Diagnostic> diagnostics;
  std::vector<std::string> errors;              // batches the solver rejected (malformed IR)
};

struct AnalyzeStats {
  std::atomic<int64_t> batches{0};
  std::atomic<int64_t> solved{0};               // batches computed (not from the cache)
  std::atomic<int64_t> reused{0};               // batches taken from PackageInput::reuse
  std::atomic<int64_t> missing_summaries{0};    // solver::SolverStats, summed
  CacheStats cache;
};

// The whole program's escape analysis as the solve stage of the package graph
// (package_graph.h): each package is given (Add) once it is lowered, and solved (Solve)
// once it is given and its imports are solved; its units can be freed when it is done
// (Solve's `done`). The output does not depend on the order of the calls or on timing.
class ProgramAnalysis {
 public:
  // A program of `packages` packages, indexed in load::Load's dependency order.
  ProgramAnalysis(size_t packages, const AnalyzeOptions& options, AnalyzeStats* stats = nullptr);
  ~ProgramAnalysis();

  // Gives package p its units (alive until Solve(p) calls `done`) and imports (indices of
  // earlier packages; a forward, repeated or out-of-range one is ignored). At most once per
  // package, from any thread, after the Add of each of its imports that is given at all
  // and before Solve(p).
  void Add(uint32_t p, PackageInput input);
  // The package graph's solve stage: p's batches, as tasks on `graph`; `done` runs after
  // its last one. Every import of p must be solved. A package never given is not
  // analyzed (its importers find none of its functions).
  void Solve(uint32_t p, PackageGraph& graph, PackageGraph::Done done);
  // Package p's result, once Solve(p) has called `done` (and in `done`, before importers
  // start: then its diagnostics may be dropped; importers read only its summaries).
  PackageResult& Result(uint32_t p);
  // The results by package index, once every package is solved.
  std::vector<PackageResult> TakeResults();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Runs the whole program: every package added, in order. packages[i].imports must name
// packages before i; a forward or out-of-range import is ignored.
std::vector<PackageResult> AnalyzeProgram(const std::vector<PackageInput>& packages,
                                          const AnalyzeOptions& options,
                                          AnalyzeStats* stats = nullptr);

// gc's base.FlushErrors: stable sort by (file, line, column clamped to gc's 8 bits), the
// package initializer's lines (Diagnostic.late) after the rest, as gc analyzes init last.
// Equal lines are all kept: gc flushes each -m line on its own, so it never merges them.
std::vector<summary::Diagnostic> SortDiagnosticsLikeGc(std::vector<summary::Diagnostic> diags);

// The part of a summary its callers read (tags, results, directives): the cache key of a
// caller includes this hash, so a callee whose verdicts change but whose tags do not
// recomputes nothing upstream (early cutoff).
std::string CallerVisibleHash(const summary::FuncSummary& s);
// Clears the rest (verdicts, key, where parameters are and what holds them).
void KeepCallerVisible(summary::FuncSummary* s);

}  // namespace heapmap::summaries

#endif  // HEAPMAP_SUMMARIES_SCHEDULER_H_
