// report/sites_test.cc — sites from verdicts: which count, causes, stable IDs, ranking.
#include "report/sites.h"

#include "gtest/gtest.h"

namespace heapmap::report {
namespace {

summary::Verdict* AddVerdict(summary::FuncSummary* f, uint32_t line, uint32_t col,
                             const std::string& text, ir::AllocKind alloc, int depth,
                             summary::HeapReason reason = summary::HEAP_ESCAPES) {
  summary::Verdict* v = f->add_verdicts();
  v->set_escapes(reason != summary::HEAP_REASON_NONE);
  v->set_reason(reason);
  v->mutable_pos()->set_line(line);
  v->mutable_pos()->set_col(col);
  v->set_text(text);
  v->set_file("./p.go");
  v->set_alloc(alloc);
  v->set_variable(alloc == ir::ALLOC_KIND_UNSPECIFIED);
  v->set_loop_depth(depth);
  return v;
}

// F: a boxed value in a double loop, a moved variable, a pointer literal, an append, a
// stack allocation (not a site) and a silent one (not a site).
std::vector<summary::BatchResult> Results(uint32_t line_shift, const std::string& fname) {
  summary::BatchResult b;
  summary::FuncSummary* f = b.add_funcs();
  f->set_symbol("p." + fname);
  f->set_name(fname);
  AddVerdict(f, 5 + line_shift, 3, "x", ir::ALLOC_KIND_UNSPECIFIED, 1);
  AddVerdict(f, 7 + line_shift, 14, "v", ir::ALLOC_CONVIFACE, 3);
  AddVerdict(f, 9 + line_shift, 9, "&T{...}", ir::ALLOC_PTRLIT, 1);
  AddVerdict(f, 9 + line_shift, 20, "&T{...}", ir::ALLOC_PTRLIT, 2);
  AddVerdict(f, 11 + line_shift, 7, "append(s, 1)", ir::ALLOC_APPEND, 2, summary::HEAP_ALWAYS);
  AddVerdict(f, 12 + line_shift, 7, "new(int)", ir::ALLOC_NEW, 1, summary::HEAP_REASON_NONE);
  AddVerdict(f, 13 + line_shift, 7, "func literal", ir::ALLOC_CLOSURE, 1)->set_silent(true);
  summary::FuncSummary* g = b.add_funcs();
  g->set_symbol("p.G");
  g->set_name("G");
  AddVerdict(g, 30 + line_shift, 2, "make([]int, n)", ir::ALLOC_MAKESLICE, 1,
             summary::HEAP_NON_CONSTANT_SIZE);
  return {b};
}

TEST(PackageSites, HeapAllocationsWithCauses) {
  PackageReport r = PackageSites("p", Results(0, "F"));
  ASSERT_EQ(r.sites_size(), 6);
  EXPECT_EQ(r.sites(0).message(), "moved to heap: x");
  EXPECT_EQ(r.sites(0).cause(), CAUSE_UNCLASSIFIED);
  EXPECT_EQ(r.sites(1).message(), "v escapes to heap");
  EXPECT_EQ(r.sites(1).cause(), CAUSE_INTERFACE);
  EXPECT_EQ(r.sites(1).static_weight(), 64);
  EXPECT_EQ(r.sites(4).cause(), CAUSE_APPEND);
  EXPECT_EQ(r.sites(4).message(), "");  // gc prints nothing for it
  EXPECT_EQ(r.sites(5).cause(), CAUSE_NON_CONSTANT_SIZE);
  EXPECT_EQ(r.sites(5).function(), "G");
  // The two pointer literals of one line: different IDs.
  EXPECT_NE(r.sites(2).id(), r.sites(3).id());
  EXPECT_EQ(r.sites(2).id().size(), 16u);
}

// IDs survive lines inserted above and other functions renamed; a site of the renamed
// function changes.
TEST(PackageSites, StableIds) {
  PackageReport before = PackageSites("p", Results(0, "F"));
  PackageReport after = PackageSites("p", Results(10, "F2"));
  ASSERT_EQ(before.sites_size(), after.sites_size());
  for (int i = 0; i < before.sites_size(); ++i) {
    if (before.sites(i).function() == "G") {
      EXPECT_EQ(before.sites(i).id(), after.sites(i).id());
    } else {
      EXPECT_NE(before.sites(i).id(), after.sites(i).id());
    }
  }
  PackageReport shifted = PackageSites("p", Results(10, "F"));
  for (int i = 0; i < before.sites_size(); ++i) EXPECT_EQ(before.sites(i).id(), shifted.sites(i).id());
}

TEST(Rank, ByWeightThenPosition) {
  Report r = Rank({PackageSites("p", Results(0, "F"))});
  ASSERT_EQ(r.sites_size(), 6);
  EXPECT_EQ(r.sites(0).text(), "v");  // depth 3
  EXPECT_EQ(r.sites(1).static_weight(), 8);
  EXPECT_EQ(r.sites(1).line(), 9u);   // depth 2, before the append on line 11
  EXPECT_EQ(r.sites(2).text(), "append(s, 1)");
  std::string table = FormatTable(r, 2);
  EXPECT_NE(table.find("1      64  interface          ./p.go:7:14 (p.F): v escapes to heap"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("6 heap allocations (top 2 shown)"), std::string::npos) << table;
  EXPECT_NE(FormatJson(r).find("\"cause\": \"CAUSE_INTERFACE\""), std::string::npos);
}

TEST(StaticWeight, EightPerLoopCappedAtDepthFour) {
  EXPECT_EQ(StaticWeight(0), 1);
  EXPECT_EQ(StaticWeight(1), 1);
  EXPECT_EQ(StaticWeight(2), 8);
  EXPECT_EQ(StaticWeight(4), 512);
  EXPECT_EQ(StaticWeight(9), 512);
}

}  // namespace
}  // namespace heapmap::report
