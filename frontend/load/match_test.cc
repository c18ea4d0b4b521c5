// frontend/load/match_test.cc — package pattern matching.
#include "frontend/load/match.h"

#include "gtest/gtest.h"

namespace heapmap::load {
namespace {

TEST(MatchTest, Wildcards) {
  EXPECT_TRUE(MatchPattern("net/...", "net"));
  EXPECT_TRUE(MatchPattern("net/...", "net/http"));
  EXPECT_FALSE(MatchPattern("net/...", "netchan"));
  EXPECT_TRUE(MatchPattern("net...", "netchan"));
  EXPECT_TRUE(MatchPattern(".../http", "net/http"));
  EXPECT_TRUE(MatchPattern("a/.../c", "a/b/x/c"));
  EXPECT_FALSE(MatchPattern("a/.../c", "a/b/x/d"));
  EXPECT_TRUE(MatchPattern("x", "x"));
  EXPECT_FALSE(MatchPattern("x", "x/y"));
  EXPECT_TRUE(MatchPattern("...", "anything/at/all"));
}

TEST(MatchTest, VendorIsNotCrossedByWildcards) {
  EXPECT_FALSE(MatchPattern("x/...", "x/vendor/y"));
  EXPECT_TRUE(MatchPattern("x/...", "x/vendor"));  // a trailing vendor element matches
  EXPECT_TRUE(MatchPattern("x/vendor/...", "x/vendor/y"));
  EXPECT_TRUE(MatchPattern("x/vendor/...", "x/vendor"));
  EXPECT_FALSE(MatchPattern("...", "x/vendor/y"));
  EXPECT_TRUE(MatchPattern("x/vendor/y", "x/vendor/y"));
}

TEST(MatchTest, TreeCanMatch) {
  EXPECT_TRUE(TreeCanMatchPattern("net/...", "net"));
  EXPECT_TRUE(TreeCanMatchPattern("net/...", "net/http/internal"));
  EXPECT_FALSE(TreeCanMatchPattern("net/...", "os"));
  EXPECT_TRUE(TreeCanMatchPattern("a/b/c", "a"));
  EXPECT_TRUE(TreeCanMatchPattern("a/b/c", "a/b"));
  EXPECT_FALSE(TreeCanMatchPattern("a/b/c", "a/bc"));
}

TEST(MatchTest, Classification) {
  EXPECT_TRUE(IsStandardImportPath("net/http"));
  EXPECT_FALSE(IsStandardImportPath("github.com/x/y"));
  EXPECT_TRUE(IsMetaPackage("std"));
  EXPECT_FALSE(IsMetaPackage("fmt"));
  EXPECT_TRUE(IsLocalImport("./x"));
  EXPECT_TRUE(IsLocalImport(".."));
  EXPECT_FALSE(IsLocalImport(".x"));
  EXPECT_TRUE(HasPathPrefix("a/b", "a"));
  EXPECT_FALSE(HasPathPrefix("ab", "a"));
}

}  // namespace
}  // namespace heapmap::load
