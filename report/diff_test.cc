// report/diff_test.cc — reports compared by stable ID.
#include "report/diff.h"

#include "gtest/gtest.h"

namespace heapmap::report {
namespace {

Site S(const std::string& id, int line, double weight = 1, int64_t measured = 0) {
  Site s;
  s.set_id(id);
  s.set_package("p");
  s.set_function("F");
  s.set_file("a.go");
  s.set_line(line);
  s.set_column(2);
  s.set_static_weight(weight);
  s.set_measured(measured);
  s.set_text(id);
  return s;
}

TEST(DiffReportsTest, MatchesByStableIdNotPosition) {
  Report older, newer;
  *older.add_sites() = S("a", 10);
  *older.add_sites() = S("b", 20);
  *older.add_sites() = S("gone", 30);
  // a and b moved down 5 lines: unchanged. c is new.
  *newer.add_sites() = S("c", 12, 64);
  *newer.add_sites() = S("a", 15);
  *newer.add_sites() = S("b", 25);
  ReportDiff d = DiffReports(older, newer);
  ASSERT_EQ(d.introduced_size(), 1);
  EXPECT_EQ(d.introduced(0).id(), "c");
  ASSERT_EQ(d.fixed_size(), 1);
  EXPECT_EQ(d.fixed(0).id(), "gone");
  EXPECT_EQ(d.unchanged(), 2u);
}

TEST(DiffReportsTest, CountsRepeatedIdsAsAMultiset) {
  Report older, newer;
  *older.add_sites() = S("x", 1);
  *newer.add_sites() = S("x", 1);
  *newer.add_sites() = S("x", 2);
  ReportDiff d = DiffReports(older, newer);
  EXPECT_EQ(d.introduced_size(), 1);
  EXPECT_EQ(d.unchanged(), 1u);
  ReportDiff back = DiffReports(newer, older);
  EXPECT_EQ(back.fixed_size(), 1);
  EXPECT_EQ(back.introduced_size(), 0);
}

TEST(DiffReportsTest, LeavesOutPackagesThatFailed) {
  Report older, newer;
  *older.add_sites() = S("kept", 1);
  Site gone = S("gone", 2);
  gone.set_package("broken");
  *older.add_sites() = gone;
  *newer.add_sites() = S("kept", 1);
  Site other = S("new-in-broken", 3);
  other.set_package("broken");
  *newer.add_sites() = other;
  ReportDiff d = DiffReports(older, newer, {"broken"});
  EXPECT_EQ(d.introduced_size(), 0);
  EXPECT_EQ(d.fixed_size(), 0);
  EXPECT_EQ(d.unchanged(), 1u);
  EXPECT_EQ(d.not_compared(), 1u);
  ASSERT_EQ(d.packages_not_compared_size(), 1);
  EXPECT_NE(FormatDiffText(d).find("not compared: 1 packages"), std::string::npos);
}

TEST(DiffReportsTest, HotSitesAndText) {
  EXPECT_FALSE(IsHot(S("a", 1, 1)));
  EXPECT_TRUE(IsHot(S("a", 1, 8)));
  EXPECT_TRUE(IsHot(S("a", 1, 1, 100)));
  Report older, newer;
  *older.add_sites() = S("old", 3);
  *newer.add_sites() = S("hot", 4, 64);
  ReportDiff d = DiffReports(older, newer);
  d.set_older("scan 1");
  d.set_newer("scan 2");
  const std::string text = FormatDiffText(d);
  EXPECT_NE(text.find("scan 1 -> scan 2: 1 introduced, 1 fixed, 0 unchanged"), std::string::npos)
      << text;
  EXPECT_NE(text.find("a.go:4:2 (p.F)"), std::string::npos) << text;
  EXPECT_NE(text.find("hot, id hot"), std::string::npos) << text;
  EXPECT_NE(FormatDiffJson(d).find("\"unchanged\": 0"), std::string::npos) << FormatDiffJson(d);
}

}  // namespace
}  // namespace heapmap::report
