// summaries/package_graph.cc — a counter per package and stage of what it still waits for;
// whoever brings a counter to zero spawns the stage. Release/acquire on the counters
// makes everything a stage wrote visible to the stages that wait for it.
#include "summaries/package_graph.h"

#include <utility>

namespace heapmap::summaries {

PackageGraph::PackageGraph(const std::vector<std::vector<size_t>>& imports,
                           std::vector<Stage> stages)
    : imports_(imports), importers_(imports.size()), stages_(std::move(stages)),
      pending_(std::make_unique<std::atomic<int>[]>(imports.size() * stages_.size())) {
  for (size_t p = 0; p < imports_.size(); ++p) {
    for (size_t q : imports_[p]) importers_[q].push_back(p);
    for (size_t s = 0; s < stages_.size(); ++s) {
      Pending(p, s).store(static_cast<int>(imports_[p].size()) + (s > 0 ? 1 : 0));
    }
  }
}

PackageGraph::~PackageGraph() { group_.wait(); }

void PackageGraph::Run() {
  if (stages_.empty()) return;
  // The ready packages are chosen before any starts: once one runs, it may bring an
  // importer's counter to zero and start it, and reading the counters here would start
  // that package a second time.
  std::vector<size_t> ready;
  for (size_t p = 0; p < imports_.size(); ++p) {
    if (imports_[p].empty()) ready.push_back(p);
  }
  for (size_t p : ready) Spawn([this, p] { Start(p, 0); });
  group_.wait();
}

void PackageGraph::Start(size_t pkg, size_t stage) {
  stages_[stage](pkg, *this, [this, pkg, stage] { Finish(pkg, stage); });
}

void PackageGraph::Finish(size_t pkg, size_t stage) {
  for (size_t q : importers_[pkg]) {
    if (Pending(q, stage).fetch_sub(1, std::memory_order_acq_rel) == 1) {
      Spawn([this, q, stage] { Start(q, stage); });
    }
  }
  if (stage + 1 < stages_.size() &&
      Pending(pkg, stage + 1).fetch_sub(1, std::memory_order_acq_rel) == 1) {
    Spawn([this, pkg, stage] { Start(pkg, stage + 1); });
  }
}

}  // namespace heapmap::summaries
