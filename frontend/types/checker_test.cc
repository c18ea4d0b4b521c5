// frontend/types/checker_test.cc — the checker on small packages: types and modes of expressions, errors, what escape analysis needs, no crash on ill-typed input.
#include <string>
#include <vector>

#include "base/stack.h"
#include "frontend/syntax/parser.h"
#include "frontend/types/checker.h"
#include "frontend/types/object.h"
#include "frontend/types/scope.h"
#include "frontend/types/typestring.h"
#include "gtest/gtest.h"

namespace heapmap::types {
namespace {

struct Checked {
  syntax::ParsedFile file;
  std::unique_ptr<Package> pkg;
  Info info;
  std::vector<TypeError> errors;
  std::vector<std::string> messages;
};

std::unique_ptr<Checked> Check(const std::string& src) {
  auto c = std::make_unique<Checked>();
  c->file = syntax::ParseFile("p.go", src);
  c->pkg = std::make_unique<Package>("p", "p");
  std::vector<const syntax::ParsedFile*> files = {&c->file};
  CheckPackage(CheckConfig{}, c->pkg.get(), files, &c->info, &c->errors);
  for (const TypeError& e : c->errors) c->messages.push_back(FormatTypeError(files, e));
  return c;
}

// The type recorded for the expression whose source text is `text`.
std::string TypeOf(const Checked& c, const std::string& text) {
  for (const auto& [e, tv] : c.info.types) {
    if (syntax::Text(c.file.source, *e) == text) return tv.type ? TypeString(tv.type) : "()";
  }
  return "<none>";
}

TEST(CheckerTest, WellTypedPackageHasNoErrors) {
  auto c = Check(R"(package p
type T struct{ x int }
func (t *T) M() int { return t.x }
const (A = iota; B)
func g[E any](s []E) E { return s[0] }
func f() (int, string) {
	t := T{1}
	var i interface{} = t
	_ = i
	return t.M() + B + g([]int{1}), "s"
}
)");
  EXPECT_TRUE(c->messages.empty()) << c->messages[0];
  EXPECT_EQ(TypeOf(*c, "g([]int{1})"), "int");
  EXPECT_EQ(TypeOf(*c, "t.M()"), "int");
}

// A blank receiver type parameter (types2 recvTParamMap): `_` in the receiver's type is
// the undeclared type parameter, not an undefined name.
TEST(CheckerTest, BlankReceiverTypeParameters) {
  auto c = Check(R"(package p
type List[T any] struct{ len int }
func (l *List[_]) Len() int { return l.len }
type Pair[K comparable, V any] struct{ k K; v V }
func (p *Pair[_, V]) Value() V { return p.v }
func f(l *List[string], p *Pair[int, bool]) (int, bool) { return l.Len(), p.Value() }
)");
  EXPECT_TRUE(c->messages.empty()) << c->messages[0];
  EXPECT_EQ(TypeOf(*c, "p.Value()"), "bool");
  EXPECT_EQ(TypeOf(*c, "l.Len()"), "int");
}

// A generic function calling itself with its own type parameters (types2's
// enableTparamRenaming): T is inferred as T, also through a core-type constraint.
TEST(CheckerTest, SelfRecursiveGenericCallsInfer) {
  auto c = Check(R"(package p
func G[T any](x *T, n int) *T {
	if n > 0 {
		return G(x, n-1)
	}
	return x
}
func H[P *Q, Q any](p P, q Q) Q {
	if p == nil {
		return H(&q, q)
	}
	return *p
}
)");
  EXPECT_TRUE(c->messages.empty()) << c->messages[0];
  EXPECT_EQ(TypeOf(*c, "G(x, n-1)"), "*T");
  EXPECT_EQ(TypeOf(*c, "H(&q, q)"), "Q");
}

TEST(CheckerTest, RecordsConversionsAndSelections) {
  auto c = Check(R"(package p
type T struct{ x int }
func (t *T) M() int { return t.x }
func f() {
	var t T
	var i any = t
	_ = i
	_ = t.M()
}
)");
  ASSERT_TRUE(c->messages.empty()) << c->messages[0];
  ASSERT_EQ(c->info.conversions.size(), 1u);
  EXPECT_EQ(TypeString(c->info.conversions[0].from), "p.T");
  bool found = false;
  for (const auto& [sel, s] : c->info.selections) {
    if (s.kind == SelKind::kMethodVal) {
      found = true;
      EXPECT_TRUE(s.implicit_addr);
    }
  }
  EXPECT_TRUE(found);
}

TEST(CheckerTest, ReportsErrors) {
  auto c = Check(R"(package p
func f() int {
	y := 3
	var s string = 1
	return undefinedName
}
)");
  ASSERT_GE(c->messages.size(), 3u);
  EXPECT_NE(c->messages[0].find("p.go:4:17: cannot use 1"), std::string::npos) << c->messages[0];
}

// Long chains and else-if chains, as generated code has them, on a thread with heapmap's
// stack (base/stack.h): no error, the constant folded, "missing return" not reported.
TEST(CheckerTest, LongChainsCheckOnHeapmapsStack) {
  std::string src = "package p\n\nconst Y = 1";
  for (int i = 1; i < 30000; ++i) src += " + 1";
  src += "\n\nconst S = \"a\"";
  for (int i = 1; i < 30000; ++i) src += " + \"a\"";
  src += "\n\nfunc F(x int) int {\n\tif x == 0 {\n\t\treturn 0\n\t}";
  for (int i = 1; i < 30000; ++i) src += " else if x == 1 {\n\t\treturn 1\n\t}";
  src += " else {\n\t\treturn 2\n\t}\n}\n";
  base::RunOnLargeStack(base::kThreadStackBytes, [&] {
    auto c = Check(src);
    EXPECT_TRUE(c->messages.empty()) << c->messages[0];
    auto* y = DynCast<Const>(c->pkg->scope()->Lookup("Y"));
    auto* str = DynCast<Const>(c->pkg->scope()->Lookup("S"));
    EXPECT_TRUE(y != nullptr && str != nullptr);
    if (y != nullptr) EXPECT_EQ(y->val().ExactString(), "30000");
    if (str != nullptr) EXPECT_EQ(constant::StringVal(str->val()), std::string(30000, 'a'));
    return 0;
  });
}

// On a small stack (the test's own main thread) a chain too deep for it is one positioned
// error, not a crash, and nothing else is reported.
TEST(CheckerTest, ChainDeeperThanTheStackIsOneError) {
  std::string src = "package p\n\nfunc F(p *int) int {\n\treturn *p";
  for (int i = 1; i < 200000; ++i) src += " + *p";
  src += "\n}\n";
  auto c = Check(src);
  ASSERT_EQ(c->messages.size(), 1u);
  EXPECT_NE(c->messages[0].find("p.go:4:"), std::string::npos) << c->messages[0];
  EXPECT_NE(c->messages[0].find("nested too deeply"), std::string::npos) << c->messages[0];
}

TEST(CheckerTest, IllTypedInputDoesNotCrash) {
  for (const char* src : {
           "package p\ntype T T\nvar x = x\nfunc f() { var a [len(a)]int; _ = a }",
           "package p\ntype I interface{ I }\nfunc (x *I) m() {}\nvar _ = I.m",
           "package p\nfunc f[T any, U ~[]T](u U) T { return u }\nvar _ = f(nil)",
           "package p\nvar _ = 1 << 10000\nconst c = c + 1\nfunc g() { for range g {} }",
       }) {
    auto c = Check(src);
    EXPECT_FALSE(c->messages.empty()) << src;
  }
}

}  // namespace
}  // namespace heapmap::types
