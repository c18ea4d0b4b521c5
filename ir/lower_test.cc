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
#include "ir/ir.h"
#include "ir/lower.h"

namespace heapmap::ir {
namespace {

// One file, parsed and type-checked on heapmap's stack (a deep input needs it).
struct CheckedFile {
  CheckedFile(const std::string& path, const std::string& src)
      : file(syntax::ParseFile("a.go", src)), pkg(path, "p"), files{&file} {
    base::RunOnLargeStack(base::kThreadStackBytes, [&] {
      types::CheckPackage(types::CheckConfig{}, &pkg, files, &info, &errors);
      return 0;
    });
  }
  syntax::ParsedFile file;
  types::Package pkg;
  types::Info info;
  std::vector<types::TypeError> errors;
  std::vector<const syntax::ParsedFile*> files;
};

// Long nests lower on heapmap's stack; on a stack too small for the tree, lowering fails
// with the position instead of overflowing.
TEST(Lower, DeepInputs) {
  // Checked on a big stack, lowered on an 8 MiB one.
  std::string sum = "package p\n\nfunc F(p *int) int {\n\treturn *p";
  for (int i = 1; i < 200000; ++i) sum += " + *p";
  sum += "\n}\n";
  CheckedFile c("p", sum);
  ASSERT_TRUE(c.errors.empty());
  base::RunOnLargeStack(size_t{8} << 20, [&] {
    absl::StatusOr<UnitList> units = LowerPackage(c.pkg, c.files, c.info);
    EXPECT_EQ(units.status().code(), absl::StatusCode::kResourceExhausted);
    EXPECT_THAT(std::string(units.status().message()), ::testing::StartsWith("a.go:4:"));
    return 0;
  });
  base::RunOnLargeStack(base::kThreadStackBytes, [&] {
    EXPECT_TRUE(LowerPackage(c.pkg, c.files, c.info).ok());
    return 0;
  });
}

// LowerOptions::texts_vary: a function left out of it lowers to the same bytes with
// foreign_texts (analyze copies its unit for importers instead of lowering it again); the
// others have a text importers spell otherwise.
TEST(Lower, TextsVaryNamesEveryFunctionWhoseForeignTextsDiffer) {
  const std::string src = R"(package p

type T struct{ p *int }

var global *int

func Id(p *int) *int { return p }

func Store(p *int) { global = p }

func New() *T { return &T{} }

func Box(x int) any { return x }

func Buf() []byte { return make([]byte, 10) }

func Slice() []int {
	var a [4]int
	return a[:]
}

func Pair(p *int) (*int, *int) {
	q := p
	return q, p
}
)";
  CheckedFile c("example.com/p", src);
  ASSERT_TRUE(c.errors.empty());
  base::RunOnLargeStack(base::kThreadStackBytes, [&] {
    absl::flat_hash_set<std::string> varies;
    LowerOptions local;
    local.texts_vary = &varies;
    absl::StatusOr<UnitList> own = LowerPackage(c.pkg, c.files, c.info, local);
    LowerOptions foreign;
    foreign.foreign_texts = true;
    foreign.only = [](const std::string&) { return true; };
    absl::StatusOr<UnitList> theirs = LowerPackage(c.pkg, c.files, c.info, foreign);
    EXPECT_TRUE(own.ok() && theirs.ok());
    if (!own.ok() || !theirs.ok()) return 0;
    std::vector<std::string> same, differ;
    for (const FuncUnit& u : *theirs) {
      const std::string& symbol = u.funcs(0).symbol();
      const FuncUnit* mine = nullptr;
      for (const FuncUnit& o : *own) {
        if (o.funcs_size() > 0 && o.funcs(0).symbol() == symbol) mine = &o;
      }
      EXPECT_NE(mine, nullptr) << symbol;
      if (mine == nullptr) continue;
      bool equal = SerializeDeterministic(*mine) == SerializeDeterministic(u);
      if (!varies.contains(symbol)) EXPECT_TRUE(equal) << symbol << " is not in texts_vary";
      (equal ? same : differ).push_back(symbol);
    }
    // The flag is not everything at once: both kinds are here.
    EXPECT_THAT(same, ::testing::Contains("example.com/p.Id"));
    EXPECT_THAT(differ, ::testing::Contains("example.com/p.New"));
    for (const char* f : {"New", "Box", "Buf"}) {
      EXPECT_TRUE(varies.contains(std::string("example.com/p.") + f)) << f;
    }
    EXPECT_FALSE(varies.contains("example.com/p.Id"));
    return 0;
  });
}

}  // namespace
}  // namespace heapmap::ir
