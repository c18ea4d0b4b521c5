// summaries/scheduler_test.cc — whole-program scheduling: cross-package summaries, gc's print
// order, and byte-identical output for any thread count.
#include "summaries/scheduler.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ir/ir.h"
#include "summaries/test_util.h"
#include "tbb/global_control.h"
#include "tbb/task_arena.h"

namespace heapmap::summaries {
namespace {

using ::testing::ElementsAre;
using testing::MakeFunc;

// A program: packages in dependency order, each owning its units.
struct Synthetic {
  std::vector<std::vector<ir::FuncUnit>> units;
  std::vector<PackageInput> Inputs(const std::vector<std::vector<uint32_t>>& imports) const {
    std::vector<PackageInput> in(units.size());
    for (size_t p = 0; p < units.size(); ++p) {
      in[p].path = absl::StrCat("pkg", p);
      for (const ir::FuncUnit& u : units[p]) in[p].units.push_back(&u);
      in[p].imports = imports[p];
    }
    return in;
  }
};

std::vector<std::string> Lines(const PackageResult& r) {
  std::vector<std::string> out;
  for (const summary::Diagnostic& d : r.diagnostics) out.push_back(solver::FormatDiagnostic(d));
  return out;
}

// Everything the scheduler produced, as bytes.
std::string Dump(const std::vector<PackageResult>& results) {
  std::string out;
  for (const PackageResult& r : results) {
    for (const summary::BatchResult& b : r.results) out += ir::SerializeDeterministic(b);
    for (const std::string& l : Lines(r)) absl::StrAppend(&out, l, "\n");
    for (const std::string& e : r.errors) absl::StrAppend(&out, e, "\n");
  }
  return out;
}

// q.Leak stores p to a global; r.F passes p to q.Leak, r.G to q.Keep (which does nothing).
TEST(AnalyzeProgram, SummariesCrossPackages) {
  Synthetic s;
  s.units = {{MakeFunc("q", "Leak", 3, {}, /*leak=*/true), MakeFunc("q", "Keep", 5, {})},
             {MakeFunc("r", "F", 3, {"q.Leak"}), MakeFunc("r", "G", 7, {"q.Keep"})}};
  AnalyzeStats stats;
  std::vector<PackageResult> out = AnalyzeProgram(s.Inputs({{}, {0}}), {}, &stats);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_THAT(Lines(out[0]),
              ElementsAre("./q.go:3:11: leaking param: p", "./q.go:5:11: p does not escape"));
  EXPECT_THAT(Lines(out[1]),
              ElementsAre("./r.go:3:8: leaking param: p", "./r.go:7:8: p does not escape"));
  EXPECT_EQ(stats.batches.load(), 4);
  EXPECT_EQ(stats.solved.load(), 4);
  EXPECT_EQ(stats.missing_summaries.load(), 0);
}

// A package given by its results alone (an import read from its artifact) serves its
// summaries as if it were solved, and solves nothing.
TEST(AnalyzeProgram, PackageGivenByItsResultsAlone) {
  Synthetic s;
  s.units = {{MakeFunc("q", "Leak", 3, {}, /*leak=*/true), MakeFunc("q", "Keep", 5, {})},
             {MakeFunc("r", "F", 3, {"q.Leak"}), MakeFunc("r", "G", 7, {"q.Keep"})}};
  std::vector<PackageResult> solved = AnalyzeProgram(s.Inputs({{}, {0}}), {});
  google::protobuf::RepeatedPtrField<summary::BatchResult> q(solved[0].results.begin(),
                                                             solved[0].results.end());
  std::vector<PackageInput> in = s.Inputs({{}, {0}});
  in[0].units.clear();
  in[0].reuse = &q;
  AnalyzeStats stats;
  std::vector<PackageResult> out = AnalyzeProgram(in, {}, &stats);
  EXPECT_THAT(Lines(out[1]),
              ElementsAre("./r.go:3:8: leaking param: p", "./r.go:7:8: p does not escape"));
  EXPECT_EQ(Dump({out[1]}), Dump({solved[1]}));
  EXPECT_TRUE(out[0].analyzed);
  EXPECT_TRUE(out[0].batches.empty());
  EXPECT_TRUE(out[0].diagnostics.empty());
  EXPECT_EQ(stats.solved.load(), 2);  // r's batches only
  EXPECT_EQ(stats.reused.load(), 2);
  EXPECT_EQ(stats.missing_summaries.load(), 0);
}

// Shape instances are named after their generic's package and compiled in every package
// that uses them: a package's call of its own instance finds its own, even when an earlier
// package (not imported) defines the same symbol.
TEST(AnalyzeProgram, OwnFunctionsFirstWhenSymbolsRepeat) {
  Synthetic s;
  s.units = {{MakeFunc("a", "F[go.shape.int_0]", 3, {}, /*leak=*/true)},
             {MakeFunc("a", "F[go.shape.int_0]", 3, {}), MakeFunc("c", "G", 7, {"a.F[go.shape.int_0]"})}};
  AnalyzeStats stats;
  std::vector<PackageResult> out = AnalyzeProgram(s.Inputs({{}, {}}), {}, &stats);
  EXPECT_THAT(Lines(out[1]), ElementsAre("./a.go:3:24: p does not escape",
                                         "./c.go:7:8: p does not escape"));
  EXPECT_EQ(stats.missing_summaries.load(), 0);
}

// A call into a package that is not imported is not looked up (the answer would depend on
// timing): it degrades to the dynamic-call rule, deterministically.
TEST(AnalyzeProgram, NoSummariesFromNonImports) {
  Synthetic s;
  s.units = {{MakeFunc("q", "Keep", 5, {})}, {MakeFunc("r", "G", 7, {"q.Keep"})}};
  AnalyzeStats stats;
  std::vector<PackageResult> out = AnalyzeProgram(s.Inputs({{}, {}}), {}, &stats);
  EXPECT_THAT(Lines(out[1]), ElementsAre("./r.go:7:8: leaking param: p"));
  EXPECT_EQ(stats.missing_summaries.load(), 1);
}

// Diagnostics of a package come out sorted by position whatever the batch order (gc's
// FlushErrors), and a batch's summary reaches its callers in the same package.
TEST(AnalyzeProgram, PackageLinesInGcOrder) {
  Synthetic s;
  s.units = {{MakeFunc("p", "a", 1, {"p.b"}), MakeFunc("p", "b", 3, {"p.c"}),
              MakeFunc("p", "c", 5, {}, /*leak=*/true)}};
  std::vector<PackageResult> out = AnalyzeProgram(s.Inputs({{}}), {});
  ASSERT_EQ(out[0].batches.size(), 3u);
  EXPECT_THAT(Lines(out[0]), ElementsAre("./p.go:1:8: leaking param: p",
                                         "./p.go:3:8: leaking param: p",
                                         "./p.go:5:8: leaking param: p"));
}

TEST(SortDiagnosticsLikeGc, StableByPositionKeepingDuplicates) {
  auto d = [](const std::string& file, int line, int col, const std::string& msg) {
    summary::Diagnostic x;
    x.set_file(file);
    x.mutable_pos()->set_line(line);
    x.mutable_pos()->set_col(col);
    x.set_message(msg);
    return x;
  };
  std::vector<summary::Diagnostic> sorted = SortDiagnosticsLikeGc(
      {d("b.go", 1, 1, "x"), d("a.go", 2, 300, "second"), d("a.go", 2, 256, "first"),
       d("a.go", 1, 5, "y"), d("a.go", 1, 5, "y"), d("a.go", 1, 5, "z")});
  std::vector<std::string> lines;
  for (const summary::Diagnostic& x : sorted) lines.push_back(x.message());
  // Columns from 255 on compare equal in gc, so "second" keeps its place before "first";
  // gc prints equal lines as often as it makes them.
  EXPECT_THAT(lines, ElementsAre("y", "y", "z", "second", "first", "x"));
}

// A larger program: 6 packages x 40 functions, calls within and across packages, cycles.
Synthetic MakeBig(std::vector<std::vector<uint32_t>>* imports) {
  Synthetic s;
  uint64_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(seed >> 33);
  };
  const int kPkgs = 6, kFuncs = 40;
  imports->assign(kPkgs, {});
  for (int p = 0; p < kPkgs; ++p) {
    std::string pkg = absl::StrCat("p", p);
    for (int q = 0; q < p; ++q) {
      if (next() % 2 == 0) (*imports)[p].push_back(q);
    }
    std::vector<ir::FuncUnit> units;
    for (int f = 0; f < kFuncs; ++f) {
      std::vector<std::string> callees;
      int ncalls = static_cast<int>(next() % 3);
      for (int c = 0; c < ncalls; ++c) {
        if (!(*imports)[p].empty() && next() % 3 == 0) {
          uint32_t q = (*imports)[p][next() % (*imports)[p].size()];
          callees.push_back(absl::StrCat("p", q, ".f", next() % kFuncs));
        } else {
          callees.push_back(absl::StrCat(pkg, ".f", next() % kFuncs));
        }
      }
      units.push_back(MakeFunc(pkg, absl::StrCat("f", f), 3 * f + 1, callees, next() % 7 == 0));
    }
    s.units.push_back(std::move(units));
  }
  return s;
}

TEST(AnalyzeProgram, SameBytesForAnyThreadCount) {
  std::vector<std::vector<uint32_t>> imports;
  Synthetic s = MakeBig(&imports);
  std::vector<PackageInput> in = s.Inputs(imports);
  std::string reference;
  // Allow more workers than cores, so that 64 really means 64 (oversubscribed) threads.
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 64);
  for (int threads : {1, 2, 8, 64}) {
    for (int rep = 0; rep < 3; ++rep) {
      std::string got;
      AnalyzeStats stats;
      tbb::task_arena arena(threads);
      arena.execute([&] { got = Dump(AnalyzeProgram(in, {}, &stats)); });
      // Every batch runs exactly once (a batch started twice used to race with itself).
      ASSERT_EQ(stats.solved.load(), stats.batches.load()) << threads << " threads, run " << rep;
      if (reference.empty()) {
        reference = got;
      } else {
        ASSERT_EQ(got, reference) << threads << " threads, run " << rep;
      }
    }
  }
  EXPECT_NE(reference.find("leaking param: p"), std::string::npos);
  EXPECT_NE(reference.find("does not escape"), std::string::npos);
}

// The pipeline's way: packages given (Add) in a stage of the package graph as each is
// lowered, and solved in the next: the same bytes as AnalyzeProgram, every package solved
// once, whatever the thread count.
TEST(ProgramAnalysis, SameBytesAsStagesOfThePackageGraph) {
  std::vector<std::vector<uint32_t>> imports;
  Synthetic s = MakeBig(&imports);
  std::vector<PackageInput> in = s.Inputs(imports);
  const std::string reference = Dump(AnalyzeProgram(in, {}));
  std::vector<std::vector<size_t>> graph_imports;
  for (const std::vector<uint32_t>& imps : imports) graph_imports.emplace_back(imps.begin(), imps.end());
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 8);
  for (int threads : {1, 2, 8}) {
    std::vector<std::atomic<int>> solved(in.size());
    ProgramAnalysis program(in.size(), {});
    tbb::task_arena arena(threads);
    arena.execute([&] {
      PackageGraph(graph_imports,
                   {[&](size_t p, PackageGraph&, PackageGraph::Done done) {
                      program.Add(static_cast<uint32_t>(p), in[p]);
                      done();
                    },
                    [&](size_t p, PackageGraph& g, PackageGraph::Done done) {
                      program.Solve(static_cast<uint32_t>(p), g, [&solved, p, done] {
                        solved[p].fetch_add(1);
                        done();
                      });
                    }})
          .Run();
    });
    ASSERT_EQ(Dump(program.TakeResults()), reference) << threads << " threads";
    for (const std::atomic<int>& n : solved) EXPECT_EQ(n.load(), 1);
  }
}

// A package never given is not analyzed; its importers go on and find none of its
// functions.
TEST(ProgramAnalysis, PackagesNeverGivenAreSkipped) {
  Synthetic s;
  s.units = {{MakeFunc("q", "Keep", 5, {})}, {MakeFunc("r", "G", 7, {"q.Keep"})}};
  std::vector<PackageInput> in = s.Inputs({{}, {0}});
  AnalyzeStats stats;
  ProgramAnalysis program(2, {}, &stats);
  program.Add(1, in[1]);
  PackageGraph({{}, {0}}, {[&](size_t p, PackageGraph& g, PackageGraph::Done done) {
                 program.Solve(static_cast<uint32_t>(p), g, std::move(done));
               }})
      .Run();
  std::vector<PackageResult> out = program.TakeResults();
  EXPECT_FALSE(out[0].analyzed);
  ASSERT_TRUE(out[1].analyzed);
  EXPECT_THAT(Lines(out[1]), ElementsAre("./r.go:7:8: leaking param: p"));
  EXPECT_EQ(stats.missing_summaries.load(), 1);
}

// A package that calls a shape instance it does not compile (a body inlined from an
// import) finds the earliest import that compiles it, not an earlier package it does not
// import.
TEST(ProgramAnalysis, ForeignInstancesFromTheEarliestImport) {
  Synthetic s;
  s.units = {{MakeFunc("x", "F[go.shape.int_0]", 3, {}, /*leak=*/true)},
             {MakeFunc("x", "F[go.shape.int_0]", 3, {})},
             {MakeFunc("c", "G", 7, {"x.F[go.shape.int_0]"})}};
  AnalyzeStats stats;
  std::vector<PackageResult> out = AnalyzeProgram(s.Inputs({{}, {}, {1}}), {}, &stats);
  EXPECT_THAT(Lines(out[2]), ElementsAre("./c.go:7:8: p does not escape"));
  EXPECT_EQ(stats.missing_summaries.load(), 0);
}

}  // namespace
}  // namespace heapmap::summaries
