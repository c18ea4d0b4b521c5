// ir/inline_test.cc — the inliner's helpers that need no package: symbols and intrinsics.
#include "ir/inline.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace heapmap::ir {
namespace {

using ::testing::ElementsAre;

TEST(SymbolPackagesTest, EveryReadingLongestFirst) {
  EXPECT_THAT(SymbolPackages("a/b.F"), ElementsAre("a/b"));
  EXPECT_THAT(SymbolPackages("a/b.(*T).M"), ElementsAre("a/b"));
  EXPECT_THAT(SymbolPackages("fmt.Sprintf"), ElementsAre("fmt"));
  // Shape instances: the type arguments name other packages.
  EXPECT_THAT(SymbolPackages("a/b.F[go.shape.struct { x/y.a int }_0]"), ElementsAre("a/b"));
  EXPECT_THAT(SymbolPackages("a/b.(*T[go.shape.*uint8_0]).M"), ElementsAre("a/b"));
  // A dotted last path element: the link symbol does not say where the path ends.
  EXPECT_THAT(SymbolPackages("gopkg.in/yaml.v3.skip_token"),
              ElementsAre("gopkg.in/yaml.v3", "gopkg.in/yaml"));
  EXPECT_THAT(SymbolPackages("gopkg.in/yaml.v3.T.M"),
              ElementsAre("gopkg.in/yaml.v3.T", "gopkg.in/yaml.v3", "gopkg.in/yaml"));
  EXPECT_THAT(SymbolPackages("gopkg.in/yaml.v3.(*T).M"),
              ElementsAre("gopkg.in/yaml.v3", "gopkg.in/yaml"));
  EXPECT_EQ(SymbolPackage("a/b.(*T).M"), "a/b");
}

TEST(IsInlineIntrinsicTest, ByPackageAndName) {
  EXPECT_TRUE(IsInlineIntrinsic("math/bits.TrailingZeros64"));
  EXPECT_FALSE(IsInlineIntrinsic("math/bits.Reverse8x"));
  EXPECT_FALSE(IsInlineIntrinsic("nodot"));
}

}  // namespace
}  // namespace heapmap::ir
