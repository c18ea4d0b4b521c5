// report/assert_test.cc — assertions checked against hand-made package reports.
#include "report/assert.h"

#include "gtest/gtest.h"

namespace heapmap::report {
namespace {

Site VarSite(const std::string& symbol, const std::string& name, int line) {
  Site s;
  s.set_symbol(symbol);
  s.set_package("p");
  s.set_function("F");
  s.set_file("p/a.go");
  s.set_line(line);
  s.set_column(2);
  s.set_text(name);
  s.set_variable(true);
  s.set_message("moved to heap: " + name);
  return s;
}

Assertion NoAlloc(const std::string& symbol) {
  Assertion a;
  a.set_kind(ASSERT_NOALLOC);
  a.set_symbol(symbol);
  a.set_function(symbol.substr(symbol.rfind('.') + 1));
  a.set_file("p/a.go");
  a.set_line(1);
  a.set_column(6);
  return a;
}

void Call(PackageReport& p, const std::string& from, const std::string& to) {
  CallEdge* e = p.add_calls();
  e->set_caller(from);
  e->set_callee(to);
  e->set_count(1);
  e->set_loop_depth(1);
}

TEST(CheckAssertionsTest, NoallocFollowsStaticCallsAcrossPackages) {
  PackageReport p, q;
  *p.add_assertions() = NoAlloc("p.A");
  *p.add_assertions() = NoAlloc("p.Clean");
  Call(p, "p.A", "p.B");
  Call(p, "p.A", "p.Clean");
  Call(p, "p.B", "q.C");
  Call(q, "q.C", "q.D");
  Call(q, "q.D", "q.C");  // recursion: visited once
  *q.add_sites() = VarSite("q.D", "x", 7);
  size_t checked = 0;
  std::vector<BrokenAssertion> broken = CheckAssertions({p, q}, &checked);
  EXPECT_EQ(checked, 2u);
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_EQ(broken[0].assertion.symbol(), "p.A");
  EXPECT_EQ(broken[0].path, (std::vector<std::string>{"p.A", "p.B", "q.C", "q.D"}));
  EXPECT_EQ(broken[0].site.text(), "x");
  const std::string text = FormatBrokenAssertions(broken);
  EXPECT_NE(text.find("p/a.go:1:6: A is //heapmap:noalloc"), std::string::npos) << text;
  EXPECT_NE(text.find("calls: p.A -> p.B -> q.C -> q.D"), std::string::npos) << text;
}

TEST(CheckAssertionsTest, NoescapeVariablesAndParameters) {
  PackageReport p;
  Assertion v;
  v.set_kind(ASSERT_NOESCAPE);
  v.set_symbol("p.F");
  v.set_function("F");
  v.set_file("p/a.go");
  v.set_line(5);
  v.set_column(2);
  v.set_name("v");
  *p.add_assertions() = v;
  Assertion kept = v;
  kept.set_line(6);
  kept.set_name("w");
  *p.add_assertions() = kept;
  Assertion param = v;
  param.set_line(3);
  param.set_column(8);
  param.set_name("p");
  *p.add_assertions() = param;
  *p.add_sites() = VarSite("p.F", "v", 5);
  ParamLeak* leak = p.add_param_leaks();
  leak->mutable_param()->set_symbol("p.F");
  leak->mutable_param()->set_pos("p/a.go:3:8");
  leak->set_heap(2);
  size_t checked = 0;
  std::vector<BrokenAssertion> broken = CheckAssertions({p}, &checked);
  EXPECT_EQ(checked, 3u);
  ASSERT_EQ(broken.size(), 2u);
  EXPECT_EQ(broken[0].assertion.name(), "v");
  EXPECT_TRUE(broken[1].is_leak);
  EXPECT_NE(FormatBrokenAssertions(broken).find("p is //heapmap:noescape, but what it points to leaks"),
            std::string::npos);
  // A parameter that leaks to a result only does not escape.
  p.mutable_param_leaks(0)->set_heap(0);
  EXPECT_EQ(CheckAssertions({p}, &checked).size(), 1u);
}

}  // namespace
}  // namespace heapmap::report
