// base/path_test.cc — path.Clean and filepath.Abs as Go has them.
#include "base/path.h"

#include "gtest/gtest.h"

namespace heapmap::base {
namespace {

TEST(CleanPathTest, AsGoPathClean) {
  EXPECT_EQ(CleanPath(""), ".");
  EXPECT_EQ(CleanPath("/"), "/");
  EXPECT_EQ(CleanPath("a//b/./c/.."), "a/b");
  EXPECT_EQ(CleanPath("/../a"), "/a");
  EXPECT_EQ(CleanPath("../../a"), "../../a");
  EXPECT_EQ(CleanPath("a/.."), ".");
}

TEST(AbsPathTest, JoinsRelativePathsToTheBase) {
  EXPECT_EQ(AbsPath("/src/p", "./a.go"), "/src/p/a.go");
  EXPECT_EQ(AbsPath("/src/p", "../q/b.go"), "/src/q/b.go");
  EXPECT_EQ(AbsPath("/src/p", "/abs//c.go"), "/abs/c.go");
  EXPECT_EQ(AbsPath("/src/p", ""), "/src/p");
}

}  // namespace
}  // namespace heapmap::base
