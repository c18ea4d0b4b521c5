// summaries/package_graph.h — the engine's one scheduler: per-package stages in import
// order on oneTBB.
//
// Every package goes through the same stages (the pipeline's: read, parse, check and lower;
// then analyze's: solve). Stage s of package p starts as soon as stage s of each of p's
// imports and stage s-1 of p are done, so a package is checked while unrelated packages
// are still being solved, and nothing waits for a whole stage to end (no barriers). A
// stage may finish later than it returns: it is done when it calls `done` (the solver's
// batches run as tasks of their own, spawned with Spawn, and the last one calls it).
#ifndef HEAPMAP_SUMMARIES_PACKAGE_GRAPH_H_
#define HEAPMAP_SUMMARIES_PACKAGE_GRAPH_H_

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "tbb/task_group.h"

namespace heapmap::summaries {

class PackageGraph {
 public:
  using Done = std::function<void()>;
  // Runs stage s of `pkg` (on a worker thread); must call `done` exactly once, before or
  // after it returns, from any thread.
  using Stage = std::function<void(size_t pkg, PackageGraph& graph, Done done)>;

  // `imports[p]`: the packages p imports (indices, each once, not p itself; see
  // load::ImportIndices). Packages on an import cycle never start.
  PackageGraph(const std::vector<std::vector<size_t>>& imports, std::vector<Stage> stages);
  PackageGraph(const PackageGraph&) = delete;
  PackageGraph& operator=(const PackageGraph&) = delete;
  ~PackageGraph();

  // Runs every stage of every package; returns when all are done.
  void Run();
  // Runs `task` on the same scheduler (a stage's own subtasks); Run waits for it too.
  void Spawn(std::function<void()> task) { group_.run(std::move(task)); }

 private:
  void Start(size_t pkg, size_t stage);
  void Finish(size_t pkg, size_t stage);
  std::atomic<int>& Pending(size_t pkg, size_t stage) {
    return pending_[pkg * stages_.size() + stage];
  }

  std::vector<std::vector<size_t>> imports_, importers_;
  std::vector<Stage> stages_;
  std::unique_ptr<std::atomic<int>[]> pending_;  // per package and stage: what it waits for
  tbb::task_group group_;
};

}  // namespace heapmap::summaries

#endif  // HEAPMAP_SUMMARIES_PACKAGE_GRAPH_H_
