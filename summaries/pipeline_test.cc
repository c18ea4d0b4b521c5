// summaries/pipeline_test.cc — file names as `go build` prints them.
#include "summaries/pipeline.h"

#include "gtest/gtest.h"

namespace heapmap::summaries {
namespace {

TEST(DisplayNameTest, PackageDirectoryRelativeToTheCurrentOneWhenShorter) {
  EXPECT_EQ(DisplayName("/w/t/x.go", "/w/t"), "./x.go");
  EXPECT_EQ(DisplayName("/w/t/p/x.go", "/w/t"), "p/x.go");
  EXPECT_EQ(DisplayName("/usr/lib/go/src/io/io.go", "/usr/lib/go/src/net"), "../io/io.go");
  // Not shorter: absolute, as base.ShortPath.
  EXPECT_EQ(DisplayName("/usr/lib/go/src/io/io.go", "/work/a/b/c"), "/usr/lib/go/src/io/io.go");
  EXPECT_EQ(DisplayName("/w/t/x.go", ""), "/w/t/x.go");
  EXPECT_EQ(DisplayName("rel/x.go", "/w"), "rel/x.go");
}

}  // namespace
}  // namespace heapmap::summaries
