// solver/test_util.h — for tests of the solver and of what is built on it (not part of the
// library): summaries looked up by symbol from a map of earlier batches' results.
#ifndef HEAPMAP_SOLVER_TEST_UTIL_H_
#define HEAPMAP_SOLVER_TEST_UTIL_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "proto/summary.pb.h"
#include "solver/solver.h"

namespace heapmap::solver::testing {

// Summaries of earlier batches and other packages, by symbol; the last Add wins.
class MapLookup : public SummaryLookup {
 public:
  const summary::FuncSummary* Find(absl::string_view symbol) const override {
    auto it = by_symbol_.find(std::string(symbol));
    return it == by_symbol_.end() ? nullptr : &it->second;
  }
  void Add(const summary::BatchResult& r) {
    for (const auto& f : r.funcs()) by_symbol_[f.symbol()] = f;
  }

 private:
  absl::flat_hash_map<std::string, summary::FuncSummary> by_symbol_;
};

}  // namespace heapmap::solver::testing

#endif  // HEAPMAP_SOLVER_TEST_UTIL_H_
