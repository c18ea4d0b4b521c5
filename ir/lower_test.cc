// ir/lower_test.cc — lowering on its own (what needs solving too is in
// summaries/lower_and_solve_test.cc and summaries/rules_test.cc).
#include <string>
#include <vector>

#include "base/stack.h"
#include "frontend/syntax/parser.h"
#include "frontend/types/checker.h"
#include "frontend/types/package.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ir/lower.h"

namespace heapmap::ir {
namespace {

// Long nests lower on heapmap's stack; on a stack too small for the tree, lowering fails
// with the position instead of overflowing.
TEST(Lower, DeepInputs) {
  // Checked on a big stack, lowered on an 8 MiB one.
  std::string sum = "package p\n\nfunc F(p *int) int {\n\treturn *p";
  for (int i = 1; i < 200000; ++i) sum += " + *p";
  sum += "\n}\n";
  syntax::ParsedFile file = syntax::ParseFile("a.go", sum);
  types::Package pkg("p", "p");
  types::Info info;
  std::vector<types::TypeError> errors;
  std::vector<const syntax::ParsedFile*> files = {&file};
  base::RunOnLargeStack(base::kThreadStackBytes, [&] {
    types::CheckPackage(types::CheckConfig{}, &pkg, files, &info, &errors);
    return 0;
  });
  ASSERT_TRUE(errors.empty());
  base::RunOnLargeStack(size_t{8} << 20, [&] {
    absl::StatusOr<UnitList> units = LowerPackage(pkg, files, info);
    EXPECT_EQ(units.status().code(), absl::StatusCode::kResourceExhausted);
    EXPECT_THAT(std::string(units.status().message()), ::testing::StartsWith("a.go:4:"));
    return 0;
  });
  base::RunOnLargeStack(base::kThreadStackBytes, [&] {
    EXPECT_TRUE(LowerPackage(pkg, files, info).ok());
    return 0;
  });
}

}  // namespace
}  // namespace heapmap::ir
