// solver/leaks_test.cc — leak sets encode and decode exactly as gc's leaks.go.
#include "solver/leaks.h"

#include <string>

#include "gtest/gtest.h"

namespace heapmap::solver {
namespace {

using std::string_literals::operator""s;

TEST(Leaks, EmptyEncodesAsEscPrefix) {
  Leaks l;
  EXPECT_TRUE(l.Empty());
  EXPECT_EQ(l.Encode(), "esc:");
  EXPECT_EQ(l.Heap(), -1);
}

TEST(Leaks, HeapLevelZeroEncodesAsEmptyString) {
  Leaks l;
  l.AddHeap(0);
  EXPECT_EQ(l.Encode(), "");
  EXPECT_EQ(Leaks::Parse(""), l);
  EXPECT_EQ(Leaks::Parse("garbage"), l);  // anything without "esc:" is heap level 0
}

TEST(Leaks, ResultLeakBytesAreDerefsPlusOneTrimmed) {
  Leaks l;
  l.AddResult(0, 0);  // leaking param: p to result ~r0 level=0
  EXPECT_EQ(l.Encode(), "esc:\x00\x01"s);
  l.AddResult(2, 1);
  EXPECT_EQ(l.Encode(), "esc:\x00\x01\x00\x02"s);
  EXPECT_EQ(Leaks::Parse(l.Encode()), l);
}

TEST(Leaks, AddKeepsMinimum) {
  Leaks l;
  l.AddHeap(3);
  l.AddHeap(1);
  l.AddHeap(2);
  EXPECT_EQ(l.Heap(), 1);
  EXPECT_EQ(l.Encode(), "esc:\x02"s);  // leaking param content
}

TEST(Leaks, SaturatesAt255) {
  Leaks l;
  l.AddResult(6, 1000);
  EXPECT_EQ(l.Result(6), 254);
}

TEST(Leaks, OptimizeDropsResultsNoShorterThanHeap) {
  Leaks l;
  l.AddHeap(1);
  l.AddResult(0, 0);
  l.AddResult(1, 1);
  l.AddResult(2, 2);
  l.Optimize();
  EXPECT_EQ(l.Result(0), 0);
  EXPECT_EQ(l.Result(1), -1);
  EXPECT_EQ(l.Result(2), -1);
}

}  // namespace
}  // namespace heapmap::solver
