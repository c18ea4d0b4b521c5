// summaries/call_graph_test.cc — gc's batches (ir.VisitFuncsBottomUp) on hand-made call graphs.
#include "summaries/call_graph.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ir/builder.h"
#include "summaries/test_util.h"

namespace heapmap::summaries {
namespace {

using ::testing::ElementsAre;
using testing::MakeFunc;

// Each batch as "name,name[*]" (* = recursive), "<-deps" when it has dependencies.
std::vector<std::string> Describe(const std::vector<ir::FuncUnit>& units) {
  std::vector<const ir::FuncUnit*> ptrs;
  for (const ir::FuncUnit& u : units) ptrs.push_back(&u);
  std::vector<std::string> out;
  for (const Batch& b : ComputeBatches(ptrs)) {
    std::string s;
    for (const FuncIndex& fi : b.order) {
      if (!s.empty()) s += ",";
      s += units[fi.unit].funcs(fi.func).name();
    }
    if (b.recursive) s += "*";
    if (!b.deps.empty()) {
      s += "<-";
      for (uint32_t d : b.deps) s += std::to_string(d);
    }
    out.push_back(s);
  }
  return out;
}

TEST(ComputeBatches, IndependentFunctionsInDeclarationOrder) {
  EXPECT_THAT(Describe({MakeFunc("p", "a", 1, {}), MakeFunc("p", "b", 2, {}),
                        MakeFunc("p", "c", 3, {})}),
              ElementsAre("a", "b", "c"));
}

TEST(ComputeBatches, CalleesFirst) {
  EXPECT_THAT(Describe({MakeFunc("p", "a", 1, {"p.b"}), MakeFunc("p", "b", 3, {"p.c"}),
                        MakeFunc("p", "c", 5, {})}),
              ElementsAre("c", "b<-0", "a<-1"));
}

// B calls A, A calls C: A's DFS finishes C first, then A; B comes last.
TEST(ComputeBatches, GcVisitOrder) {
  EXPECT_THAT(Describe({MakeFunc("p", "A", 1, {"p.C"}), MakeFunc("p", "B", 3, {"p.A"}),
                        MakeFunc("p", "C", 5, {})}),
              ElementsAre("C", "A<-0", "B<-1"));
}

TEST(ComputeBatches, SelfRecursionIsRecursive) {
  EXPECT_THAT(Describe({MakeFunc("p", "f", 1, {"p.f"}), MakeFunc("p", "g", 3, {"p.f"})}),
              ElementsAre("f*", "g<-0"));
}

// a -> b -> c -> a, b -> d: one component in DFS pre-order (stack order), d before it.
TEST(ComputeBatches, CycleInStackOrder) {
  EXPECT_THAT(Describe({MakeFunc("p", "a", 1, {"p.b"}), MakeFunc("p", "b", 3, {"p.c", "p.d"}),
                        MakeFunc("p", "c", 5, {"p.a"}), MakeFunc("p", "d", 7, {})}),
              ElementsAre("d", "a,b,c*<-0"));
}

// Declared c first: the DFS starts at c, so the component's order starts there.
TEST(ComputeBatches, CycleOrderFollowsFirstRoot) {
  EXPECT_THAT(Describe({MakeFunc("p", "c", 1, {"p.a"}), MakeFunc("p", "a", 3, {"p.b"}),
                        MakeFunc("p", "b", 5, {"p.c"})}),
              ElementsAre("c,a,b*"));
}

// References are visited in source order, not IR order: h (line 4) before g (line 5).
TEST(ComputeBatches, ReferencesInSourceOrder) {
  ir::FuncUnit f = MakeFunc("p", "f", 3, {"p.g", "p.h"});
  f.mutable_calls(0)->mutable_pos()->set_line(5);
  f.mutable_calls(1)->mutable_pos()->set_line(4);
  EXPECT_THAT(Describe({f, MakeFunc("p", "g", 10, {}), MakeFunc("p", "h", 12, {})}),
              ElementsAre("h", "g", "f<-01"));
}

TEST(ComputeBatches, CrossPackageCallsAreNotEdges) {
  EXPECT_THAT(Describe({MakeFunc("p", "f", 1, {"q.g", "p.f"})}), ElementsAre("f*"));
}

// func f() { g(); func() { h() }() }: the closure joins f's batch, after f, and its callee
// h is finished before f's batch.
ir::FuncUnit FuncWithClosure(const std::string& closure_callee) {
  ir::UnitBuilder b("./p.go");
  int f = b.AddFunc("f", 1, 6);
  int c = b.AddClosure(f, "f.func1", 3, 2, /*closure_called=*/true);
  ir::Call& g = b.AddCall(f, ir::CALL_STATIC, "p.g", {});
  g.mutable_pos()->set_line(2);
  g.mutable_pos()->set_col(3);
  ir::Call& h = b.AddCall(c, ir::CALL_STATIC, closure_callee, {});
  h.mutable_pos()->set_line(3);
  h.mutable_pos()->set_col(12);
  ir::Call& call = b.AddCall(f, ir::CALL_CLOSURE, "p.f.func1", {});
  call.mutable_pos()->set_line(3);
  call.mutable_pos()->set_col(20);
  return std::move(b).Build();
}

TEST(ComputeBatches, ClosureJoinsOuterBatch) {
  EXPECT_THAT(Describe({FuncWithClosure("p.h"), MakeFunc("p", "g", 5, {}),
                        MakeFunc("p", "h", 7, {})}),
              ElementsAre("g", "h", "f,f.func1<-01"));
}

// A closure that calls its enclosing function makes the batch recursive (gc: min == id).
TEST(ComputeBatches, ClosureCallingOuterIsRecursive) {
  EXPECT_THAT(Describe({FuncWithClosure("p.f"), MakeFunc("p", "g", 5, {})}),
              ElementsAre("g", "f,f.func1*<-0"));
}

TEST(ComputeBatches, BatchInputCoversEveryFunction) {
  std::vector<ir::FuncUnit> units = {FuncWithClosure("p.h"), MakeFunc("p", "g", 5, {}),
                                     MakeFunc("p", "h", 7, {"p.f"})};
  std::vector<const ir::FuncUnit*> ptrs = {&units[0], &units[1], &units[2]};
  std::vector<Batch> batches = ComputeBatches(ptrs);
  ASSERT_EQ(batches.size(), 2u);  // g; {f, f.func1, h}
  solver::BatchInput in = MakeBatchInput(ptrs, batches[1]);
  EXPECT_THAT(in.units, ElementsAre(&units[0], &units[2]));
  ASSERT_EQ(in.order.size(), 3u);
  EXPECT_EQ(in.order[0].unit, &units[0]);
  EXPECT_EQ(in.order[1].unit, &units[0]);
  EXPECT_EQ(in.order[1].func, 1u);
  EXPECT_EQ(in.order[2].unit, &units[2]);
  EXPECT_TRUE(batches[1].recursive);
}

}  // namespace
}  // namespace heapmap::summaries
