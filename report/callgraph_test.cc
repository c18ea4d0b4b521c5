// report/callgraph_test.cc — the call-graph model: frequencies, weights and totals.
#include "report/callgraph.h"

#include <map>
#include <string>

#include "gtest/gtest.h"
#include "report/sites.h"

namespace heapmap::report {
namespace {

void Call(PackageReport& p, const std::string& from, const std::string& to, int depth,
          uint32_t count = 1) {
  CallEdge* e = p.add_calls();
  e->set_caller(from);
  e->set_callee(to);
  e->set_loop_depth(depth);
  e->set_count(count);
  e->set_caller_name(from.substr(2));
}

void AddSite(PackageReport& p, const std::string& symbol, int loop_depth) {
  Site* s = p.add_sites();
  s->set_id(symbol + std::to_string(p.sites_size()));
  s->set_package(p.package());
  s->set_symbol(symbol);
  s->set_function(symbol.substr(2));
  s->set_file("a.go");
  s->set_line(static_cast<uint32_t>(p.sites_size()));
  s->set_loop_depth(loop_depth);
  s->set_static_weight(StaticWeight(loop_depth));
}

TEST(WeighByCallGraphTest, FrequenciesWeightsAndTotals) {
  // Handler calls Parse in a loop and Log once; Parse calls Alloc twice (two sites);
  // Rec and Rec2 call each other (one component) and are called by Handler; Other is a
  // package of its own calling Alloc across packages.
  PackageReport p;
  p.set_package("a");
  Call(p, "a.Handler", "a.Parse", 2);
  Call(p, "a.Handler", "a.Log", 1);
  Call(p, "a.Handler", "a.Rec", 1);
  Call(p, "a.Parse", "a.Alloc", 1, 2);
  Call(p, "a.Rec", "a.Rec2", 1);
  Call(p, "a.Rec2", "a.Rec", 1);
  AddSite(p, "a.Alloc", 1);
  AddSite(p, "a.Log", 2);
  AddSite(p, "a.Rec2", 1);
  AddSite(p, "a.Handler", 1);
  PackageReport q;
  q.set_package("b");
  Call(q, "b.Other", "a.Alloc", 3);
  Report r = Rank({p, q});

  std::map<std::string, double> freq;
  for (const Site& s : r.sites()) freq[s.symbol()] = s.function_frequency();
  EXPECT_EQ(freq["a.Handler"], 1);
  EXPECT_EQ(freq["a.Log"], 1);
  EXPECT_EQ(freq["a.Rec2"], 1);  // its component is called once
  // Parse runs 8 times a Handler; Alloc twice per Parse, and 64 times per Other.
  EXPECT_EQ(freq["a.Alloc"], 8 * 2 + 64);
  // Ranked by weight: Alloc's site (80), Log's (loop weight 8), then 1 and 1.
  ASSERT_EQ(r.sites_size(), 4);
  EXPECT_EQ(r.sites(0).symbol(), "a.Alloc");
  EXPECT_EQ(r.sites(0).static_weight(), 80);
  EXPECT_EQ(r.sites(1).symbol(), "a.Log");
  EXPECT_EQ(r.sites(1).static_weight(), 8);

  std::map<std::string, const FunctionTotal*> totals;
  for (const FunctionTotal& t : r.functions()) totals[t.symbol()] = &t;
  ASSERT_TRUE(totals.contains("a.Handler"));
  // Handler: its own 1, Parse's 8 * (2 * 1), Log's 8, Rec's component 1.
  EXPECT_EQ(totals["a.Handler"]->total_weight(), 1 + 16 + 8 + 1);
  EXPECT_EQ(totals["a.Handler"]->own_sites(), 1u);
  EXPECT_EQ(totals["a.Handler"]->reached_sites(), 4u);
  EXPECT_EQ(totals["a.Handler"]->package(), "a");
  EXPECT_EQ(totals["b.Other"]->total_weight(), 64);
  EXPECT_EQ(totals["b.Other"]->package(), "b");
  EXPECT_EQ(totals["b.Other"]->own_sites(), 0u);
  EXPECT_EQ(totals["a.Rec"]->total_weight(), totals["a.Rec2"]->total_weight());
  EXPECT_EQ(r.functions(0).symbol(), "b.Other");  // the largest total first
}

TEST(WeighByCallGraphTest, DeepChainsStayFinite) {
  PackageReport p;
  p.set_package("a");
  for (int i = 0; i < 200; ++i) {
    Call(p, "a.F" + std::to_string(i), "a.F" + std::to_string(i + 1), 4, 100);
  }
  AddSite(p, "a.F200", 4);
  Report r = Rank({p});
  EXPECT_EQ(r.sites(0).static_weight(), 1e30);
  EXPECT_EQ(r.functions(0).total_weight(), 1e30);
}

TEST(AddCallsTest, StaticCallsAndClosures) {
  ir::FuncUnit u;
  ir::Func* f = u.add_funcs();
  f->set_symbol("p.F");
  f->set_name("F");
  f->set_outer(-1);
  ir::Func* lit = u.add_funcs();
  lit->set_symbol("p.F.func1");
  lit->set_name("F.func1");
  lit->set_is_closure(true);
  lit->set_outer(0);
  for (int depth : {1, 2, 2}) {
    ir::Call* c = u.add_calls();
    c->set_kind(ir::CALL_STATIC);
    c->set_callee("q.G");
    c->set_func(0);
    c->set_loop_depth(depth);
  }
  ir::Call* dyn = u.add_calls();
  dyn->set_kind(ir::CALL_DYNAMIC);
  dyn->set_func(0);
  PackageReport p;
  AddCalls({&u}, p);
  ASSERT_EQ(p.calls_size(), 3);
  EXPECT_EQ(p.calls(0).callee(), "p.F.func1");  // the closure, from its function
  EXPECT_EQ(p.calls(1).callee(), "q.G");
  EXPECT_EQ(p.calls(1).loop_depth(), 1);
  EXPECT_EQ(p.calls(2).loop_depth(), 2);
  EXPECT_EQ(p.calls(2).count(), 2u);
  EXPECT_EQ(p.calls(2).caller_name(), "F");
}

}  // namespace
}  // namespace heapmap::report
