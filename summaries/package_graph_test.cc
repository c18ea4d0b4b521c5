// summaries/package_graph_test.cc — stages run once each, after what they wait for, also
// when a stage finishes from a task of its own.
#include "summaries/package_graph.h"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "tbb/global_control.h"
#include "tbb/task_arena.h"

namespace heapmap::summaries {
namespace {

constexpr size_t kStages = 3;

// A random DAG over `n` packages: each imports some earlier ones.
std::vector<std::vector<size_t>> RandomImports(size_t n, uint64_t seed) {
  std::vector<std::vector<size_t>> imports(n);
  for (size_t p = 0; p < n; ++p) {
    for (size_t q = 0; q < p; ++q) {
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      if ((seed >> 33) % 5 == 0) imports[p].push_back(q);
    }
  }
  return imports;
}

TEST(PackageGraph, EachStageOnceAfterItsImportsAndItsPreviousStage) {
  const size_t n = 60;
  std::vector<std::vector<size_t>> imports = RandomImports(n, 42);
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 8);
  for (int threads : {1, 2, 8}) {
    std::vector<std::atomic<int>> runs(n * kStages);
    std::vector<std::atomic<bool>> finished(n * kStages);
    std::atomic<int> violations{0};
    auto stage = [&](size_t s) {
      return [&, s](size_t p, PackageGraph& graph, PackageGraph::Done done) {
        runs[p * kStages + s].fetch_add(1);
        for (size_t q : imports[p]) {
          if (!finished[q * kStages + s].load()) violations.fetch_add(1);
        }
        if (s > 0 && !finished[p * kStages + s - 1].load()) violations.fetch_add(1);
        auto finish = [&finished, p, s, done = std::move(done)] {
          finished[p * kStages + s].store(true);
          done();
        };
        // Stage 1 finishes from a task of its own, after the stage function returned.
        if (s == 1) {
          graph.Spawn(std::move(finish));
        } else {
          finish();
        }
      };
    };
    tbb::task_arena arena(threads);
    arena.execute([&] { PackageGraph(imports, {stage(0), stage(1), stage(2)}).Run(); });
    EXPECT_EQ(violations.load(), 0) << threads << " threads";
    for (size_t k = 0; k < n * kStages; ++k) EXPECT_EQ(runs[k].load(), 1) << k;
  }
}

TEST(PackageGraph, NoPackagesOrNoStages) {
  PackageGraph({}, {}).Run();
  int runs = 0;
  PackageGraph({{}, {0}}, {}).Run();
  PackageGraph({}, {[&runs](size_t, PackageGraph&, PackageGraph::Done done) {
                  ++runs;
                  done();
                }})
      .Run();
  EXPECT_EQ(runs, 0);
}

}  // namespace
}  // namespace heapmap::summaries
