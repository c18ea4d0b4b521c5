// ir/lower_test.cc — lowering + solving small packages: expected lines are what
// `go build -gcflags='-m -l'` (Go 1.19) printed for the same source (file a.go).
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ir/lower_testutil.h"

namespace heapmap::ir {
namespace {

using ::testing::UnorderedElementsAreArray;

std::vector<std::string> LowerLines(const std::string& src) {
  LoweredRun r = LowerAndSolve({{"./a.go", src}});
  EXPECT_TRUE(r.errors.empty()) << r.errors[0];
  return r.lines;
}

TEST(Lower, AddressOfLocalReturned) {
  EXPECT_THAT(LowerLines(R"(package p

func addrRet() *int {
	x := 0
	return &x
}

func id(p *int) *int { return p }
)"),
              UnorderedElementsAreArray({"./a.go:4:2: moved to heap: x",
                                         "./a.go:8:9: leaking param: p to result ~r0 level=0"}));
}

}  // namespace
}  // namespace heapmap::ir
