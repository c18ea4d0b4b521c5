// frontend/syntax/parser_test.cc — the parser: every form parses, trees have the expected
// shape and positions, bad input gives gc's errors, and no input crashes or recurses
// without bound.
#include "frontend/syntax/parser.h"

#include <cstdint>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "base/stack.h"
#include "frontend/syntax/ast_dump.h"
#include "frontend/syntax/ast_walk.h"
#include "frontend/syntax/expr_string.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace heapmap::syntax {
namespace {

using namespace std::string_view_literals;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<std::string> Errors(const ParsedFile& f) {
  std::vector<std::string> out;
  for (const SyntaxError& e : f.errors) out.push_back(FormatError(f, e));
  return out;
}

// Parses src, expecting no errors and consistent ranges.
ParsedFile ParseOk(const std::string& src) {
  ParsedFile f = ParseFile("x.go", src);
  EXPECT_THAT(Errors(f), IsEmpty()) << src;
  EXPECT_EQ(CheckRanges(f.ast, f.source.size()), "") << src;
  return f;
}

// The first statement of the body of the first function.
Stmt* FirstStmt(const ParsedFile& f) {
  for (Decl* d : f.ast->decls) {
    if (auto* fd = DynCast<FuncDecl>(d);
        fd != nullptr && fd->body != nullptr && !fd->body->stmts.empty()) {
      return fd->body->stmts[0];
    }
  }
  return nullptr;
}

// The expression of `var _ = <expr>` as the first declaration.
Expr* VarValue(const ParsedFile& f) {
  auto* g = DynCast<GenDecl>(f.ast->decls[0]);
  if (g == nullptr) return nullptr;
  auto* v = DynCast<ValueSpec>(g->specs[0]);
  return v == nullptr || v->values.empty() ? nullptr : v->values[0];
}

std::string Src(const ParsedFile& f, const Node* n) { return std::string(Text(f.source, *n)); }

// Every declaration, statement, expression and type form, valid Go through 1.23.
constexpr const char* kEveryForm = R"go(// Package forms has one of everything.
package forms

import "fmt"
import (
	m "math"
	. "strings"
	_ "embed"
	"unsafe"
)

const c0 = 1
const (
	a = iota * 10
	b
	c, d float64 = 1.5, 2.5
	_ = 'x'
)

type (
	T struct {
		x, y int `tag:"xy"`
		*fmt.Stringer
		E
		G[int, string]
		f func(int) (string, error)
		ch chan<- <-chan int
	}
	E     int
	A     = map[string][]*T
	G[K comparable, V any] struct{ k K; v V }
	N[T ~int | ~int64, P *T] []T
	Arr [4][2]byte
	I interface {
		fmt.Stringer
		M(int) bool
		~int | float64
		comparable
	}
	Fn func(...int) func() int
	Ptr[P *C] struct{}
	Ptr2[P *C,] struct{}
	Paren[P (C)] struct{}
	Generic[P interface{ ~[]int }] struct{}
)

var (
	v1 int
	v2, v3 = 1, "s"
	v4 [...]int = [...]int{1, 2, 3}
	v5 = struct{ a int }{a: 1}
	v6 = []T{{x: 1}, {y: 2}}
	v7 = map[string]T{"a": {}, "b": {x: 1}}
	v8 = &T{}
	v9 = (*T).String
	v10 = []byte("s")
	v11 = (*T)(nil)
	v12 = func(x int) int { return x * 2 }(3)
	v13 = unsafe.Sizeof(v1)
	v14 = 0x1p-2 + 1_000 + 0o17 + 0b101 + .5e3 + 2i
	v15 = `raw
string`
	v16 = Max[int]
	v17 = G[int, string]{}
	v18 <-chan int
	v19 chan<- chan int
	v20 = m.Pi
)

//go:noinline
func (t *T) String() string { return fmt.Sprint(t.x) }

func (G[K, V]) Key() {}

func Max[T int | float64](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func variadic(prefix string, rest ...interface{}) (n int, err error) {
	return fmt.Println(append([]interface{}{prefix}, rest...)...)
}

func stmts(ch chan int, x interface{}, s []int) {
	var i, j int
	const k = 2
	type local struct{}
	i++
	j--
	i += 2
	i <<= 1
	i, j = j, i
	ch <- 1
	<-ch
	v, ok := <-ch
	_, _ = v, ok
	go func() {}()
	defer close(ch)
	{
	}
	;
L:
	for i := 0; i < 10; i++ {
		if i%2 == 0 {
			continue L
		} else if i == 5 {
			break L
		} else {
			goto M
		}
	}
M:
	for {
		break
	}
	for i < 10 {
		i++
	}
	for ; ; {
		break
	}
	for range s {
	}
	for i := range s {
		_ = i
	}
	for i, e := range s {
		_, _ = i, e
	}
	for i = range 10 {
	}
	for x := range func(yield func(int) bool) {} {
		_ = x
	}
	switch {
	case i > 0, j > 0:
		fallthrough
	case i < 0:
	default:
	}
	switch z := i; z {
	case 1:
	}
	switch y := x.(type) {
	case int, string:
		_ = y
	case nil:
	}
	switch x.(type) {
	}
	select {
	case ch <- 1:
	case v := <-ch:
		_ = v
	case <-ch:
	default:
	}
	if x == (T{}) {
	}
	if t := (T{}); t.x == 0 {
	}
	for _, t := range []T{{}} {
		_ = t
	}
	_ = s[1:2]
	_ = s[:2:3]
	_ = s[:]
	_ = x.(fmt.Stringer)
	_ = -i + ^j * +k &^ i
	_ = !ok && ok || !ok
	_ = &i
	_ = *&i
	_ = f(a < b, c > d)
	_ = a[b](c)
	_ = G[int, int]{}.Key
	_ = [...]string{2: "a", 5: "b"}
	_ = map[[2]int]string{{1, 2}: "x"}
	_ = struct{}{}
	_ = interface{}(nil)
	_ = chan int(nil)
	_ = func() {}
	_ = [][]int{{1}, {2, 3}}
	_ = T.String
	return
}

//go:linkname nanotime runtime.nanotime
func nanotime() int64
)go";

// Node sizes are part of the design: a whole repository's ASTs may be alive at once.
TEST(Ast, NodeSizes) {
  EXPECT_EQ(sizeof(Node), 20u);
  EXPECT_EQ(sizeof(Name), 40u);
  EXPECT_EQ(sizeof(BinaryExpr), 40u);
  EXPECT_EQ(sizeof(CallExpr), 64u);
  EXPECT_EQ(sizeof(Field), 48u);
  static_assert(std::is_trivially_destructible_v<FuncDecl>);
  static_assert(std::is_trivially_destructible_v<File>);
}

TEST(Parser, EveryFormParses) {
  ParsedFile f = ParseOk(kEveryForm);
  EXPECT_EQ(f.ast->pkg_name->value, "forms");
  EXPECT_FALSE(DumpAst(*f.ast, f.source).empty());
}

TEST(Parser, ParsedFileMovesKeepViewsValid) {
  ParsedFile f = ParseFile("x.go", "package p");  // short: would live inside the string
  ParsedFile g = std::move(f);
  std::vector<ParsedFile> many;
  many.push_back(std::move(g));
  many.resize(100);
  EXPECT_EQ(many[0].ast->pkg_name->value, "p");
}

TEST(Parser, GcPositions) {
  ParsedFile f = ParseOk("package p\nvar _ = a.b(c + d)[e]\n");
  auto* ix = DynCast<IndexExpr>(VarValue(f));
  ASSERT_NE(ix, nullptr);
  EXPECT_EQ(ix->pos, (Pos{2, 19}));  // '['
  auto* call = DynCast<CallExpr>(ix->x);
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(call->pos, (Pos{2, 12}));  // '('
  EXPECT_EQ(call->rparen, (Pos{2, 18}));
  EXPECT_EQ(call->fun->pos, (Pos{2, 10}));      // '.'
  EXPECT_EQ(call->args[0]->pos, (Pos{2, 15}));  // '+'
  EXPECT_EQ(Src(f, call), "a.b(c + d)");
  EXPECT_EQ(Src(f, ix), "a.b(c + d)[e]");
  EXPECT_EQ(PosOf(*f.ast, ix->begin), (Pos{2, 9}));
}

TEST(Parser, FuncDeclPositionsAndBraces) {
  ParsedFile f = ParseOk("package p\n\nfunc (r *T) M(x int) {\n\treturn\n}\n");
  auto* fd = DynCast<FuncDecl>(f.ast->decls[0]);
  ASSERT_NE(fd, nullptr);
  EXPECT_EQ(fd->pos, (Pos{3, 6}));  // gc: the token after 'func'
  EXPECT_EQ(fd->name->pos, (Pos{3, 13}));
  EXPECT_EQ(fd->body->rbrace, (Pos{5, 1}));
  EXPECT_EQ(Src(f, fd), "func (r *T) M(x int) {\n\treturn\n}");
  EXPECT_EQ(Src(f, fd->recv), "r *T");
  EXPECT_EQ(Src(f, fd->type), "(x int)");
}

TEST(Parser, CompositeLiteralsInControlClauses) {
  // In a header, T{ starts the block, as in gc; parenthesized, it is a literal.
  ParsedFile f = ParseOk("package p\nfunc f() {\n\tif x == (T{}) {\n\t}\n}\n");
  auto* s = DynCast<IfStmt>(FirstStmt(f));
  ASSERT_NE(s, nullptr);
  auto* cmp = DynCast<BinaryExpr>(s->cond);
  ASSERT_NE(cmp, nullptr);
  auto* paren = DynCast<ParenExpr>(cmp->y);
  ASSERT_NE(paren, nullptr);
  EXPECT_TRUE(Isa<CompositeLit>(paren->x));

  ParsedFile g = ParseOk("package p\nfunc f() {\n\tif x == T {\n\t}\n}\n");
  auto* s2 = DynCast<IfStmt>(FirstStmt(g));
  ASSERT_NE(s2, nullptr);
  EXPECT_TRUE(Isa<Name>(DynCast<BinaryExpr>(s2->cond)->y));

  // Literal types that are not names are fine without parentheses.
  ParsedFile h = ParseOk("package p\nfunc f() {\n\tfor _, x := range []int{1, 2} {\n\t}\n}\n");
  auto* r = DynCast<RangeStmt>(FirstStmt(h));
  ASSERT_NE(r, nullptr);
  EXPECT_TRUE(Isa<CompositeLit>(r->x));
}

TEST(Parser, RangeForms) {
  ParsedFile f = ParseOk(
      "package p\nfunc f() {\n\tfor range ch {\n\t}\n\tfor i := range 10 {\n\t}\n"
      "\tfor k, v = range m {\n\t}\n}\n");
  auto* fd = DynCast<FuncDecl>(f.ast->decls[0]);
  auto* r0 = DynCast<RangeStmt>(fd->body->stmts[0]);
  ASSERT_NE(r0, nullptr);
  EXPECT_EQ(r0->key, nullptr);
  EXPECT_EQ(r0->pos, (Pos{3, 2}));
  EXPECT_EQ(r0->range_pos, (Pos{3, 6}));
  auto* r1 = DynCast<RangeStmt>(fd->body->stmts[1]);
  ASSERT_NE(r1, nullptr);
  EXPECT_TRUE(r1->define);
  EXPECT_EQ(DynCast<BasicLit>(r1->x)->value, "10");
  auto* r2 = DynCast<RangeStmt>(fd->body->stmts[2]);
  ASSERT_NE(r2, nullptr);
  EXPECT_FALSE(r2->define);
  EXPECT_EQ(DynCast<Name>(r2->value)->value, "v");
  EXPECT_EQ(Src(f, r2), "for k, v = range m {\n\t}");
}

TEST(Parser, TypeSwitch) {
  ParsedFile f = ParseOk("package p\nfunc f() {\n\tswitch y := x.(type) {\n\tcase int:\n\t}\n}\n");
  auto* s = DynCast<SwitchStmt>(FirstStmt(f));
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->kind, NodeKind::kTypeSwitchStmt);
  ASSERT_NE(s->guard(), nullptr);
  EXPECT_EQ(s->guard()->lhs->value, "y");
  EXPECT_EQ(Src(f, s->guard()), "y := x.(type)");
  EXPECT_EQ(s->clauses.size(), 1u);

  ParsedFile g = ParseFile("x.go", "package p\nfunc f() {\n\t_ = x.(type)\n}\n");
  EXPECT_THAT(Errors(g), ElementsAre("x.go:3:6: invalid AST: use of .(type) outside type switch"));
}

TEST(Parser, GenericAmbiguities) {
  // As in gc (and the spec): type T[P *C] is an array declaration (P*C could be a
  // constant expression, and so could P(D)); a trailing comma, a type-literal constraint
  // (possibly parenthesized) or a ~ term makes it a type parameter list.
  ParsedFile f = ParseOk(
      "package p\ntype A[P *C] struct{}\ntype B[P *C,] struct{}\ntype C[P ([]D)] int\n"
      "type D [N]int\ntype E[P *Q | R] int\ntype F[P *[]int] int\ntype G[P ~int | R] int\n"
      "type H[K comparable, V any] int\n");
  auto spec = [&](int i) { return DynCast<TypeSpec>(DynCast<GenDecl>(f.ast->decls[i])->specs[0]); };
  EXPECT_TRUE(spec(0)->tparams.empty());
  EXPECT_EQ(Src(f, spec(0)->type), "[P *C] struct{}");
  ASSERT_EQ(spec(1)->tparams.size(), 1u);
  EXPECT_EQ(Src(f, spec(1)->tparams[0]->type), "*C");
  ASSERT_EQ(spec(2)->tparams.size(), 1u);
  EXPECT_EQ(Src(f, spec(2)->tparams[0]->type), "[]D");
  EXPECT_TRUE(spec(3)->tparams.empty());
  EXPECT_TRUE(Isa<ArrayType>(spec(3)->type));
  EXPECT_TRUE(spec(4)->tparams.empty());
  ASSERT_EQ(spec(5)->tparams.size(), 1u);
  EXPECT_EQ(Src(f, spec(5)->tparams[0]->type), "*[]int");
  ASSERT_EQ(spec(6)->tparams.size(), 1u);
  EXPECT_EQ(Src(f, spec(6)->tparams[0]->type), "~int | R");
  ASSERT_EQ(spec(7)->tparams.size(), 2u);

  // f(a < b, c > d) is a call with two comparisons; a[b](c) calls an index or instance.
  ParsedFile g = ParseOk("package p\nvar _ = f(a < b, c > d)\n");
  auto* call = DynCast<CallExpr>(VarValue(g));
  ASSERT_NE(call, nullptr);
  ASSERT_EQ(call->args.size(), 2u);
  EXPECT_TRUE(Isa<BinaryExpr>(call->args[0]));
  ParsedFile h = ParseOk("package p\nvar _ = a[b, c](d)\n");
  auto* call2 = DynCast<CallExpr>(VarValue(h));
  ASSERT_NE(call2, nullptr);
  auto* inst = DynCast<IndexExpr>(call2->fun);
  ASSERT_NE(inst, nullptr);
  EXPECT_EQ(inst->indices.size(), 2u);
}

TEST(Parser, MethodExpressionsAndConversions) {
  ParsedFile f = ParseOk("package p\nvar _ = (*T).M\n");
  auto* sel = DynCast<SelectorExpr>(VarValue(f));
  ASSERT_NE(sel, nullptr);
  auto* paren = DynCast<ParenExpr>(sel->x);
  ASSERT_NE(paren, nullptr);
  auto* star = DynCast<UnaryExpr>(paren->x);
  ASSERT_NE(star, nullptr);
  EXPECT_EQ(star->op, Operator::kMul);

  ParsedFile g = ParseOk("package p\nvar _ = []byte(s)\n");
  auto* conv = DynCast<CallExpr>(VarValue(g));
  ASSERT_NE(conv, nullptr);
  EXPECT_TRUE(Isa<SliceType>(conv->fun));
}

TEST(Parser, ChannelDirections) {
  ParsedFile f = ParseOk(
      "package p\nvar x chan<- <-chan int\nvar y = <-chan int(nil)\nvar z <-chan <-chan int\n");
  auto type_of = [&](int i) {
    return DynCast<ValueSpec>(DynCast<GenDecl>(f.ast->decls[i])->specs[0]);
  };
  auto* c = DynCast<ChanType>(type_of(0)->type);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->dir, ChanDir::kSendOnly);
  EXPECT_EQ(DynCast<ChanType>(c->elem)->dir, ChanDir::kRecvOnly);
  // <-chan int(nil) is a receive from a conversion.
  auto* recv = DynCast<UnaryExpr>(type_of(1)->values[0]);
  ASSERT_NE(recv, nullptr);
  EXPECT_EQ(recv->op, Operator::kRecv);
  auto* z = DynCast<ChanType>(type_of(2)->type);
  ASSERT_NE(z, nullptr);
  EXPECT_EQ(z->dir, ChanDir::kRecvOnly);
  EXPECT_EQ(DynCast<ChanType>(z->elem)->dir, ChanDir::kRecvOnly);
  EXPECT_EQ(Src(f, z->elem), "<-chan int");

  // In an expression, <-chan <-chan int re-associates the arrows (gc's unaryExpr).
  ParsedFile g = ParseOk("package p\nvar _ = (<-chan <-chan int)(nil)\n");
  auto* conv = DynCast<CallExpr>(VarValue(g));
  auto* outer = DynCast<ChanType>(DynCast<ParenExpr>(conv->fun)->x);
  ASSERT_NE(outer, nullptr);
  EXPECT_EQ(outer->dir, ChanDir::kRecvOnly);
  EXPECT_EQ(DynCast<ChanType>(outer->elem)->dir, ChanDir::kRecvOnly);
  EXPECT_EQ(Src(g, outer), "<-chan <-chan int");
  EXPECT_EQ(Src(g, outer->elem), "<-chan int");
}

TEST(Parser, StructFieldsAndTags) {
  ParsedFile f = ParseOk(
      "package p\ntype T struct {\n\ta, b int `json:\"a\"`\n\t*E\n\tF[int]\n\tg [N]int\n}\n");
  auto* st =
      DynCast<StructType>(DynCast<TypeSpec>(DynCast<GenDecl>(f.ast->decls[0])->specs[0])->type);
  ASSERT_NE(st, nullptr);
  ASSERT_EQ(st->fields.size(), 5u);
  EXPECT_EQ(st->fields[0]->name->value, "a");
  EXPECT_EQ(st->fields[1]->name->value, "b");
  EXPECT_EQ(st->fields[0]->type, st->fields[1]->type);  // shared
  EXPECT_EQ(st->fields[1]->tag->value, "`json:\"a\"`");
  EXPECT_EQ(st->fields[2]->name, nullptr);  // embedded *E
  EXPECT_EQ(st->fields[3]->name, nullptr);  // embedded F[int]
  EXPECT_TRUE(Isa<IndexExpr>(st->fields[3]->type));
  EXPECT_EQ(st->fields[4]->name->value, "g");
  EXPECT_TRUE(Isa<ArrayType>(st->fields[4]->type));
}

TEST(Parser, ConstGroupsKeepIota) {
  ParsedFile f = ParseOk("package p\nconst (\n\ta = iota\n\tb\n\tc, d = 1, 2\n)\nconst e = 3\n");
  auto* g = DynCast<GenDecl>(f.ast->decls[0]);
  ASSERT_EQ(g->specs.size(), 3u);
  EXPECT_EQ(g->lparen, (Pos{2, 7}));
  EXPECT_EQ(g->rparen, (Pos{6, 1}));
  for (uint32_t i = 0; i < 3; ++i) EXPECT_EQ(DynCast<ValueSpec>(g->specs[i])->iota, i);
  EXPECT_TRUE(DynCast<ValueSpec>(g->specs[1])->values.empty());
  EXPECT_FALSE(DynCast<GenDecl>(f.ast->decls[1])->lparen.IsKnown());
}

TEST(Parser, DirectivesAttachLikeGcPragmas) {
  ParsedFile f = ParseOk(
      "//go:build linux\n\npackage p\n\nimport _ \"unsafe\"\n\n//go:noinline\n//go:nosplit\n"
      "func a() {\n\t//go:noinline\n}\n\n// Doc comment.\n//go:linkname b runtime.b\nfunc b()\n\n"
      "var (\n\t//go:embed x.txt\n\ts string\n)\n\nfunc c() {} //go:noescape\n");
  EXPECT_EQ(f.ast->directives.size(), 7u);
  auto* a = DynCast<FuncDecl>(f.ast->decls[1]);
  ASSERT_EQ(a->directives.size(), 2u);
  EXPECT_EQ(a->directives[0].text, "go:noinline");
  EXPECT_EQ(a->directives[1].text, "go:nosplit");
  auto* b = DynCast<FuncDecl>(f.ast->decls[2]);
  ASSERT_EQ(b->directives.size(), 1u);
  EXPECT_EQ(b->directives[0].Name(), "go:linkname");
  EXPECT_EQ(b->directives[0].Args(), "b runtime.b");
  EXPECT_EQ(b->body, nullptr);
  auto* v = DynCast<GenDecl>(f.ast->decls[3]);
  EXPECT_TRUE(v->directives.empty());
  ASSERT_EQ(v->specs[0]->directives.size(), 1u);
  EXPECT_EQ(v->specs[0]->directives[0].text, "go:embed x.txt");
  auto* c = DynCast<FuncDecl>(f.ast->decls[4]);
  EXPECT_TRUE(c->directives.empty());  // a trailing directive is not on its own line
}

TEST(Parser, BranchTargets) {
  ParsedFile f = ParseOk(
      "package p\nfunc f() {\nL:\n\tfor {\n\t\tswitch {\n\t\tcase true:\n\t\t\tbreak\n"
      "\t\tdefault:\n\t\t\tcontinue L\n\t\t}\n\t}\n}\n");
  auto* lab = DynCast<LabeledStmt>(FirstStmt(f));
  auto* loop = DynCast<ForStmt>(lab->stmt);
  auto* sw = DynCast<SwitchStmt>(loop->body->stmts[0]);
  auto* brk = DynCast<BranchStmt>(sw->clauses[0]->body[0]);
  auto* cont = DynCast<BranchStmt>(sw->clauses[1]->body[0]);
  EXPECT_EQ(brk->target, sw);
  EXPECT_EQ(cont->target, loop);
}

TEST(Parser, NestingIsBounded) {
  for (const char* open : {"(", "[]", "*", "!", "<-", "T{", "func() ", "[1]", "map[int]"}) {
    std::string src = "package p\nvar _ = ";
    for (int i = 0; i < 100000; ++i) src += open;
    ParsedFile f = ParseFile("x.go", src);
    EXPECT_THAT(Errors(f), testing::Contains(HasSubstr("exceeded max nesting depth"))) << open;
    EXPECT_EQ(CheckRanges(f.ast, f.source.size()), "");
  }
  std::string blocks = "package p\nfunc f() {";
  for (int i = 0; i < 100000; ++i) blocks += "{";
  EXPECT_THAT(Errors(ParseFile("x.go", blocks)),
              testing::Contains(HasSubstr("exceeded max nesting depth")));
  // Moderate nesting is fine.
  std::string ok = "package p\nvar _ = ";
  for (int i = 0; i < 200; ++i) ok += "(";
  ok += "1";
  for (int i = 0; i < 200; ++i) ok += ")";
  ParseOk(ok + "\n");
}

// An else-if chain is a list, as gc parses it: any length, on any stack.
TEST(Parser, ElseIfChainsAreNotNesting) {
  std::string src = "package p\nfunc f(x int) int {\n\tif x == 0 {\n\t\treturn 0\n\t}";
  const int kArms = 200000;
  for (int i = 1; i < kArms; ++i) src += " else if x == 1 {\n\t\treturn 1\n\t}";
  src += " else {\n\t\treturn 2\n\t}\n}\n";
  ParsedFile f = ParseOk(src);
  int arms = 0;
  const Stmt* last = nullptr;
  for (const Stmt* s = FirstStmt(f); s != nullptr;) {
    auto* is = DynCast<IfStmt>(s);
    if (is == nullptr) {
      last = s;
      break;
    }
    ++arms;
    // Each arm's range ends where the chain ends, as when the parser recursed.
    EXPECT_EQ(is->end, FirstStmt(f)->end);
    s = is->else_;
  }
  EXPECT_EQ(arms, kArms);
  EXPECT_NE(DynCast<BlockStmt>(last), nullptr);
  EXPECT_EQ(CheckRanges(f.ast, f.source.size()), "");
}

// go/parser's limit (maxNestLev, 100,000) on a thread with heapmap's stack: just below it
// parses; past it, one error where go/parser puts it (checked against go/parser by hand:
// "x.go:2:100009: exceeded max nesting depth" for 100,001 parentheses here).
TEST(Parser, NestingLimitIsGoParsers) {
  auto parens = [](int n) {
    std::string src = "package p\nvar _ = ";
    src += std::string(n, '(') + "1" + std::string(n, ')') + "\n";
    return src;
  };
  base::RunOnLargeStack(base::kThreadStackBytes, [&] {
    ParsedFile ok = ParseFile("x.go", parens(99000));
    EXPECT_THAT(Errors(ok), IsEmpty());
    ParsedFile deep = ParseFile("x.go", parens(100001));
    EXPECT_THAT(Errors(deep), ElementsAre("x.go:2:100009: exceeded max nesting depth"));
    return 0;
  });
}

TEST(Parser, ErrorsAreCapped) {
  std::string src = "package p\n";
  for (int i = 0; i < 100; ++i) src += "var x = 1 @\n";
  ParsedFile f = ParseFile("x.go", src);
  EXPECT_EQ(f.errors.size(), 10u);
  EXPECT_NE(f.ast, nullptr);
}

TEST(Parser, RandomBytesNeverCrash) {
  std::mt19937 rng(12345);
  std::string seed = kEveryForm;
  for (int iter = 0; iter < 3000; ++iter) {
    std::string src = seed;
    int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits; ++e) {
      size_t at = rng() % src.size();
      switch (rng() % 3) {
        case 0:
          src[at] = static_cast<char>(rng() % 256);
          break;
        case 1:
          src.erase(at, 1 + rng() % 20);
          break;
        default:
          src.insert(at, src.substr(rng() % src.size(), 1 + rng() % 20));
      }
      if (src.empty()) src = "p";
    }
    ParsedFile f = ParseFile("x.go", src);
    ASSERT_NE(f.ast, nullptr);
    ASSERT_LE(f.errors.size(), 10u);
    ASSERT_EQ(CheckRanges(f.ast, f.source.size()), "") << src;
    DumpAst(*f.ast, f.source);
  }
}

// Error messages and positions as `go tool compile` (Go 1.19) prints them for each input;
// the expectations were produced by running it on these exact files.
struct GcCase {
  std::string_view src;  // may hold NUL bytes
  std::vector<const char*> errors;
};

const GcCase kGcCases[] = {
    {"package p\nfunc f() {\n\tif x == T{} {\n\t}\n}\n"sv,
     {"x.go:3:14: syntax error: unexpected { at end of statement",
      "x.go:5:1: syntax error: non-declaration statement outside function body"}},
    {"package p\nfunc f() {\n\tx := 1 +\n}\n"sv,
     {"x.go:4:1: syntax error: unexpected }, expecting expression"}},
    {"package p\nfunc f( {\n}\n"sv, {"x.go:2:9: syntax error: unexpected {, expecting )"}},
    {"package p\nvar x = [...]int{1,2\n}\n"sv,
     {"x.go:2:21: syntax error: unexpected newline in composite literal; possibly missing comma or "
      "}"}},
    {"package p\nfunc f() {\n\tfor i := 0; i < 10; i++ \n\t{\n\t}\n}\n"sv,
     {"x.go:3:26: syntax error: unexpected newline, expecting { after for clause"}},
    {"package p\nfunc f() {\n\tif x = 5 {\n\t}\n}\n"sv,
     {"x.go:3:7: syntax error: cannot use assignment (x) = (5) as value"}},
    {"package p\nimport fmt\n"sv, {"x.go:2:11: syntax error: missing import path"}},
    {"package p\nfunc f() {\n\tx.(type)\n}\n"sv,
     {"x.go:3:2: invalid AST: use of .(type) outside type switch"}},
    {"package p\nfunc f() {\n\tdefer (g())\n}\n"sv,
     {"x.go:3:8: expression in defer must not be parenthesized"}},
    {"package p\ntype T[P any, Q] struct{}\n"sv,
     {"x.go:2:16: syntax error: missing type constraint"}},
    {"package p\nfunc f(a int, string) {}\n"sv,
     {"x.go:2:15: syntax error: mixed named and unnamed parameters"}},
    {"package p\nx := 1\n"sv,
     {"x.go:2:1: syntax error: non-declaration statement outside function body"}},
    {"package p\nfunc f()\n{\n}\n"sv,
     {"x.go:3:1: syntax error: unexpected semicolon or newline before {"}},
    {"package p\nvar s = \"abc\n"sv, {"x.go:2:13: newline in string"}},
    {"package p\nvar c = 'ab'\n"sv, {"x.go:2:9: more than one character in rune literal"}},
    {"package p\nvar d = 0x1.0\n"sv, {"x.go:2:14: hexadecimal mantissa requires a 'p' exponent"}},
    {"package p\nvar e = 09\n"sv, {"x.go:2:10: invalid digit '9' in octal literal"}},
    {"package p\nvar f = 1__0\n"sv, {"x.go:2:11: '_' must separate successive digits"}},
    {"package p\nvar g = 0b102\n"sv, {"x.go:2:13: invalid digit '2' in binary literal"}},
    {"package p\nvar x = @\n"sv, {"x.go:2:9: invalid character U+0040 '@'"}},
    {"package p\ntype I interface { m[T any]() }\n"sv,
     {"x.go:2:21: interface method must have no type parameters"}},
    {"package p\nfunc f() {\n\tif {\n\t}\n}\n"sv,
     {"x.go:3:5: syntax error: missing condition in if statement"}},
    {"package p\nfunc f() {\n\tif x; {\n\t}\n}\n"sv,
     {"x.go:3:6: syntax error: missing condition in if statement"}},
    {"package p\nfunc f() {\n\tif x\n\t{\n\t}\n}\n"sv,
     {"x.go:3:6: syntax error: unexpected newline, expecting { after if clause"}},
    {"package p\nfunc f() {\n\tfor i := 0; i < n; j := 1 {\n\t}\n}\n"sv,
     {"x.go:3:23: syntax error: cannot declare in post statement of for loop"}},
    {"package p\nvar x = \"\\q\"\n"sv, {"x.go:2:11: unknown escape"}},
    {"package p\nvar y = \"\\uD800\"\n"sv,
     {"x.go:2:16: escape is invalid Unicode code point U+D800"}},
    {"package p\nvar z = \"\\400\"\n"sv, {"x.go:2:14: octal escape value 256 > 255"}},
    {"p\n"sv, {"x.go:1:1: syntax error: package statement must be first"}},
    {"package p\n/* unterminated\n"sv, {"x.go:2:1: comment not terminated"}},
    {"package p\nvar x = `abc\n"sv, {"x.go:2:9: string not terminated"}},
    {"package p\ntype T struct { *(U) }\n"sv,
     {"x.go:2:18: syntax error: cannot parenthesize embedded type"}},
    {"package p\nvar x = 1e\n"sv, {"x.go:2:11: exponent has no digits"}},
    {"package p\nvar x = 0x\n"sv, {"x.go:2:11: hexadecimal literal has no digits"}},
    {"package p\nvar x = 0o1e2\n"sv, {"x.go:2:12: 'e' exponent requires decimal mantissa"}},
    {"package p\nvar x = 1p2\n"sv, {"x.go:2:10: 'p' exponent requires hexadecimal mantissa"}},
    {"package p\nvar x = 0b1.0\n"sv, {"x.go:2:12: invalid radix point in binary literal"}},
    {"package p\nvar x = ''\n"sv, {"x.go:2:10: empty rune literal or unescaped '"}},
    {"package p\nvar x = 'a\n"sv, {"x.go:2:11: newline in rune literal"}},
    {"package p\nvar x = \"\\xZZ\"\n"sv,
     {"x.go:2:12: invalid character 'Z' in hexadecimal escape"}},
    {"package p\nfunc f() { a[] }\n"sv,
     {"x.go:2:14: syntax error: unexpected ], expecting operand"}},
    {"package p\nfunc f() { a[1:2:3:4] }\n"sv,
     {"x.go:2:19: syntax error: unexpected :, expecting ]"}},
    {"package p\nfunc f() { a.1 }\n"sv,
     {"x.go:2:13: syntax error: unexpected literal .1 at end of statement"}},
    {"package p\nfunc f() { for range x, y {} }\n"sv,
     {"x.go:2:23: syntax error: unexpected comma, expecting { after for clause"}},
    {"package p\nfunc f() { switch x { case 1 } }\n"sv,
     {"x.go:2:30: syntax error: unexpected }, expecting :"}},
    {"package p\nfunc f() { select { x } }\n"sv,
     {"x.go:2:21: syntax error: unexpected x, expecting case or default or }"}},
    {"package p\nfunc f() { else {} }\n"sv,
     {"x.go:2:12: syntax error: unexpected else, expecting }"}},
    {"package p\nfunc f() { if x {} else for {} }\n"sv,
     {"x.go:2:25: syntax error: else must be followed by if or statement block"}},
    {"package p\ntype T struct { a b c }\n"sv,
     {"x.go:2:21: syntax error: unexpected c in struct type; possibly missing semicolon or newline "
      "or }"}},
    {"package p\ntype T interface { ~ }\n"sv,
     {"x.go:2:22: syntax error: unexpected }, expecting type"}},
    {"package p\nfunc f[]() {}\n"sv, {"x.go:2:8: syntax error: empty type parameter list"}},
    {"package p\nfunc (r T) m[P any]() {}\n"sv,
     {"x.go:2:13: syntax error: method must have no type parameters"}},
    {"package p\nvar f = func[T any]() {}\n"sv,
     {"x.go:2:13: syntax error: function type must have no type parameters"}},
    {"package p\ntype T [\n"sv, {"x.go:3:1: syntax error: unexpected EOF, expecting expression"}},
    {"package p\nfunc f() { var x int; x++ ++ }\n"sv,
     {"x.go:2:27: syntax error: unexpected ++ at end of statement"}},
    {"package p\nfunc f() { go func() {} }\n"sv,
     {"x.go:2:15: expression in go must be function call"}},
    {"package p\nfunc f() { x := <-<-chan int }\n"sv,
     {"x.go:2:30: syntax error: unexpected <-, expecting chan"}},
    {"package p\nfunc f() { var x chan<- <-chan int; _ = x }\nvar y <-chan <-chan int\n"sv, {}},
    {"package p\nconst (\n\ta = iota\n\tb :=\n)\n"sv,
     {"x.go:4:4: syntax error: unexpected :=, expecting =",
      "x.go:5:1: syntax error: unexpected ), expecting expression"}},
    {"package p\nfunc f() { return 1 2 }\n"sv,
     {"x.go:2:21: syntax error: unexpected literal 2 at end of statement"}},
    {"package p\nfunc f() { L: }\nfunc g() { goto }\n"sv,
     {"x.go:2:12: label L defined and not used",
      "x.go:3:17: syntax error: unexpected }, expecting name"}},
    {"package p\nvar x = struct{ a int }{1\n"sv,
     {"x.go:2:26: syntax error: unexpected newline in composite literal; possibly missing comma or "
      "}"}},
    {"package p\nfunc f(a ...int, b) {}\n"sv,
     {"x.go:2:18: syntax error: mixed named and unnamed parameters"}},
    {"package p\nfunc f(... ) {}\n"sv, {"x.go:2:12: syntax error: ... is missing type"}},
    {"package p\nimport . \n"sv, {"x.go:3:1: syntax error: missing import path"}},
    {"package p\nimport 42\n"sv, {"x.go:2:10: syntax error: import path must be a string"}},
    {"package p\nfunc f() { x :="sv,
     {"x.go:2:16: syntax error: unexpected EOF, expecting expression"}},
    {"package p\nvar x = 1 // comment\nvar y = \377\n"sv, {"x.go:3:9: invalid UTF-8 encoding"}},
    {"package p\nvar x = \"a\000b\"\n"sv, {"x.go:2:11: invalid NUL character"}},
    {"package p\nvar \357\273\277 x = 1\n"sv, {"x.go:2:5: invalid BOM in the middle of the file"}},
    {"package p\nvar x\342\200\242y = 1\n"sv,
     {"x.go:2:6: invalid character U+2022 '\342\200\242' in identifier"}},
    {"package p\nvar 1x = 1\n"sv, {"x.go:2:5: syntax error: unexpected literal 1, expecting name"}},
    {"package p\nfunc f() { for i := 0; i < 3; i++ { } }\nfunc g() { for ; ; {} }\nfunc h() { for x := range 10 {} }\n"sv,
     {}},
    {"package p\nfunc f() {\n\tgoto L\n\tx := 1\n\t_ = x\nL:\n\tgoto M\n\t{\n\tM:\n\t}\nL:\n\tfor {\n\t\tbreak N\n\t}\n\tswitch {\n\tcase true:\n\t\tfallthrough\n\t}\n\tbreak\n\tcontinue\n\tfallthrough\nO:\n\t{\n\t\tbreak O\n\t}\n}\n"sv,
     {"x.go:3:7: goto L jumps over declaration of x at x.go:4:4",
      "x.go:7:7: goto M jumps into block starting at x.go:8:2",
      "x.go:11:1: label L already defined at x.go:6:1", "x.go:13:9: break label not defined: N",
      "x.go:17:3: cannot fallthrough final case in switch",
      "x.go:19:2: break is not in a loop, switch, or select",
      "x.go:20:2: continue is not in a loop", "x.go:21:2: fallthrough statement out of place",
      "x.go:24:9: invalid break label O"}},
};

TEST(Parser, LineDirectivesRemapReportedPositions) {
  // Expectations from `go tool compile` (Go 1.19) on this file.
  ParsedFile f =
      ParseFile("x.go",
                "package p\n\n//line foo.go:10\nvar x = '\n/*line bar.go:1:5*/var y = 1 @\n"
                "//line :20:3\nvar z = 09\n  //line ignored.go:1\nvar w = 0x\n");
  EXPECT_THAT(Errors(f), ElementsAre("foo.go:10: newline in rune literal",
                                     "bar.go:1:15: invalid character U+0040 '@'",
                                     "bar.go:20:12: invalid digit '9' in octal literal",
                                     "bar.go:22:11: hexadecimal literal has no digits"));
  ASSERT_EQ(f.ast->line_bases.size(), 3u);
  EXPECT_EQ(f.ast->line_bases[1].pos, (Pos{5, 20}));
  RelPosition r = RelPos(*f.ast, Pos{2, 1});  // before any directive
  EXPECT_TRUE(r.filename.empty());
  EXPECT_EQ(r.line, 2u);
  EXPECT_EQ(FormatPos(f, Pos{9, 5}), "bar.go:22:5");

  ParsedFile g = ParseFile("x.go", "package p\n//line foo.go:x\n//line foo.go:0:1\n");
  EXPECT_THAT(Errors(g), ElementsAre("x.go:2:15: invalid line number: x",
                                     "x.go:3:15: invalid line number: 0"));
}

TEST(Parser, ErrorsMatchGc) {
  for (const GcCase& c : kGcCases) {
    ParsedFile f = ParseFile("x.go", std::string(c.src));
    std::vector<std::string> want(c.errors.begin(), c.errors.end());
    EXPECT_EQ(Errors(f), want) << c.src;
    EXPECT_EQ(CheckRanges(f.ast, f.source.size()), "") << c.src;
  }
}

// Mistakes go/parser rejects at parse time and gc only in its type checker: reported with
// types2's messages and positions, only in files without other errors. Every expected
// line is one that `go tool compile -e` (Go 1.19) prints for the input (which also has
// type errors we do not look for, and more than 10 errors for a few inputs), and
// go/parser rejects every input.
const GcCase kLateCases[] = {
    {"package p\nconst (\n\tA int = 1\n\tB byte\n)\n"sv, {"x.go:4:2: missing init expr for B"}},
    {"package p\nconst x\n"sv, {"x.go:2:7: missing init expr for x"}},
    {"package p\nconst (\n\ta = iota\n\tb\n\tc, d int\n\te, f = 1, 2\n\tg, h\n"
     ")\n"sv,
     {"x.go:5:2: missing init expr for c"}},
    {"package p\nfunc f() {\n\tconst (\n\t\tx float64\n\t)\n}\n"sv,
     {"x.go:4:3: missing init expr for x"}},
    {"package p\nvar b = [...]byte(\"abc\")\n"sv,
     {"x.go:2:9: invalid use of [...] array (outside a composite literal)"}},
    {"package p\nfunc f() {\n\t_ = [...]int(4)\n\t_ = [...]int{1}\n"
     "\t_ = len([...]int{1, 2})\n\t_ = &[...]int{}\n}\n"sv,
     {"x.go:3:6: invalid use of [...] array (outside a composite literal)"}},
    {"package p\nvar _ = [...]int\n"sv,
     {"x.go:2:9: invalid use of [...] array (outside a composite literal)",
      "x.go:2:9: [...]int (type) is not an expression"}},
    {"package p\n\nvar _ = []int\nvar _ = ([]int)\n"
     "var _ = map[string]int\n"
     "var _ = struct{ a, b int; c string \"tag\" }\n"
     "var _ = interface{ M(x int) (int, error); String() string }\n"
     "var _ = chan int\nvar _ = <-chan int\nvar _ = chan<- []int\n"
     "var _ = chan (<-chan int)\n"
     "var _ = func(a, b int, c ...string) (r int)\n"sv,
     {"x.go:3:9: []int (type) is not an expression",
      "x.go:4:9: ([]int) (type) is not an expression",
      "x.go:5:9: map[string]int (type) is not an expression",
      "x.go:6:9: struct{a, b int; c string \"tag\"} (type) is not an expression",
      "x.go:7:9: interface{M(x int) (int, error); String() string} (type) is not an expression",
      "x.go:8:9: chan int (type) is not an expression",
      "x.go:9:11: <-chan int (type) is not an expression",
      "x.go:10:9: chan<- []int (type) is not an expression",
      "x.go:11:9: chan (<-chan int) (type) is not an expression",
      "x.go:12:13: func(a, b int, c ...string) (r int) (type) is not an expression"}},
    {"package p\nfunc f(ch chan int, x []int, y int) {\n"
     "\tx, y = []int, 1\n\t_ = map[int]int{[]int: 1}\n\t[]int++\n"
     "\ty += []int\n\t_ = x[1:[]int]\n\t_ = &[]int\n\t_ = 1 + ([]int)\n"
     "\tch <- []int\n\tselect {\n\tcase []int <- 1:\n\t}\n"
     "\t(interface{ M() })\n}\n"sv,
     {"x.go:3:9: []int (type) is not an expression", "x.go:4:18: []int (type) is not an expression",
      "x.go:5:2: []int (type) is not an expression", "x.go:6:7: []int (type) is not an expression",
      "x.go:7:10: []int (type) is not an expression", "x.go:8:7: []int (type) is not an expression",
      "x.go:9:10: ([]int) (type) is not an expression",
      "x.go:10:8: []int (type) is not an expression",
      "x.go:12:7: []int (type) is not an expression",
      "x.go:14:2: (interface{M()}) (type) is not an expression"}},
    {"package p\nfunc f() []int { return []int }\nfunc g() func() {\n"
     "\treturn func(w http.ResponseWriter, r *http.Request)\n}\n"
     "var e = interface{ I1 }\nvar _ = func(...A)\n"sv,
     {"x.go:2:25: []int (type) is not an expression",
      "x.go:4:13: func(w http.ResponseWriter, r *http.Request) (type) is not an expression",
      "x.go:6:9: interface{I1} (type) is not an expression",
      "x.go:7:13: func(...A) (type) is not an expression"}},
    {"package p\nfunc f(x interface{}) {\n\tswitch x {\n"
     "\tcase 1, []int:\n\t}\n\t_ = ([]int).(int)\n\t_ = -[]int\n"
     "\t_ = []int{[]int}\n}\n"sv,
     {"x.go:4:10: []int (type) is not an expression",
      "x.go:6:6: ([]int) (type) is not an expression",
      "x.go:7:7: []int (type) is not an expression",
      "x.go:8:12: []int (type) is not an expression"}},
    {"package p\nfunc f() {}\nfunc h(v interface{}) {\n"
     "\tswitch t := v.(type) {\n"
     "\tcase 0, \"a\", f(), *0, (1), -1, []int(nil), <-chan int(nil), struct{}{}, func(){}:\n"
     "\tcase nil, int, *int, []string, p.T, T[int], (bool), map[int]int, chan int, func(), "
     "struct{}, interface{}:\n"
     "\t\t_ = t\n\t}\n}\n"sv,
     {"x.go:5:7: 0 is not a type", "x.go:5:10: \"a\" is not a type", "x.go:5:15: f() is not a type",
      "x.go:5:21: 0 is not a type", "x.go:5:25: 1 is not a type", "x.go:5:29: -1 is not a type",
      "x.go:5:33: []int(nil) is not a type", "x.go:5:45: <-chan int(nil) is not a type",
      "x.go:5:62: struct{}{} is not a type", "x.go:5:74: func() {} is not a type"}},
    {"package p\nfunc h(v interface{}) {\n\tswitch v.(type) {\n"
     "\tcase (*(0)), *[]int, <-chan int, v.(int), x[1:2], ~int, 1 + 2:\n"
     "\t}\n}\n"sv,
     {"x.go:4:10: 0 is not a type", "x.go:4:35: v.(int) is not a type",
      "x.go:4:45: x[1:2] is not a type", "x.go:4:52: ~int is not a type",
      "x.go:4:58: 1 + 2 is not a type"}},
    {"package p\nvar x int\nfunc main() {\n\t(x) := 0\n}\n"sv,
     {"x.go:4:2: non-name (x) on left side of :="}},
    {"package p\nimport \"runtime\"\n"
     "func f(x, t []int, ch chan int) {\n\truntime.UintType := 1\n"
     "\tx.y, t[0] := 1, 2\n\tselect {\n\tcase a.b := <-ch:\n\t}\n"
     "\tfor a.b, c[0] := range x {\n\t}\n\tfor _, x.y := range x {\n\t}\n"
     "}\n"sv,
     {"x.go:4:2: non-name runtime.UintType on left side of :=",
      "x.go:5:2: non-name x.y on left side of :=", "x.go:5:7: non-name t[0] on left side of :=",
      "x.go:7:7: non-name a.b on left side of :=", "x.go:9:6: cannot declare a.b",
      "x.go:9:11: cannot declare c[0]", "x.go:11:9: cannot declare x.y"}},
    {"package p\n\nimport \"\"\nimport ``\nimport \"\\x00\"\nimport \"a!\"\n"
     "import `a\\\\b`\nimport \"\\\"`a`\\\"\"\nimport \"\\x80\\x80\"\n"
     "import \"a b\"\nimport \"a\\u00a0b\"\nimport \"c:/foo\"\n"sv,
     {"x.go:3:8: invalid import path (empty string)",
      "x.go:4:8: invalid import path (empty string)",
      "x.go:5:8: invalid import path (invalid character U+0000)",
      "x.go:6:8: invalid import path (invalid character U+0021 '!')",
      "x.go:7:8: invalid import path (invalid character U+005C '\\')",
      "x.go:8:8: invalid import path (invalid character U+0022 '\"')",
      "x.go:9:8: invalid import path (invalid character U+FFFD '\357\277\275')",
      "x.go:10:8: invalid import path (invalid character U+0020 ' ')",
      "x.go:11:8: invalid import path (invalid character U+00A0)",
      "x.go:12:8: invalid import path (invalid character U+003A ':')"}},
    {"package p\n\nimport /* comment */ `\nbogus`\nimport (\n\t\"fmt\"\n"
     "\tx \"\\xFFFD\"\n\t. \"a\\u200bb\"\n)\n"sv,
     {"x.go:3:22: invalid import path (invalid character U+000A)",
      "x.go:7:4: invalid import path (invalid character U+FFFD '\357\277\275')",
      "x.go:8:4: invalid import path (invalid character U+200B)"}},

};

TEST(Parser, LateChecksMatchGcTypeChecker) {
  for (const GcCase& c : kLateCases) {
    ParsedFile f = ParseFile("x.go", std::string(c.src));
    std::vector<std::string> want(c.errors.begin(), c.errors.end());
    EXPECT_EQ(Errors(f), want) << c.src;
    EXPECT_EQ(CheckRanges(f.ast, f.source.size()), "") << c.src;
  }
}

TEST(Parser, LateChecksOnlyWithoutOtherErrors) {
  // gc type-checks only files without syntax errors: its output is the syntax error.
  ParsedFile f =
      ParseFile("x.go", "package p\nconst x\nvar _ = []int\nfunc f() {\n\tx := 1 +\n}\n");
  EXPECT_THAT(Errors(f), ElementsAre("x.go:6:1: syntax error: unexpected }, expecting expression"));
  // Scanner and branch errors keep them out too, as they do `.(type)` outside a switch.
  ParsedFile g = ParseFile("x.go", "package p\nimport \"\"\nvar c = 'ab'\n");
  EXPECT_THAT(Errors(g), ElementsAre("x.go:3:9: more than one character in rune literal"));
  ParsedFile h = ParseFile("x.go", "package p\nfunc f() {\n\t(x) := 1\n\tbreak\n}\n");
  EXPECT_THAT(Errors(h), ElementsAre("x.go:4:2: break is not in a loop, switch, or select"));
}

TEST(Parser, LateChecksAcceptValidCode) {
  // Types where go/parser and gc accept them: conversions, composite literals, type
  // switch cases, call arguments, and type parameter lists parsed as expressions
  // (go/parser 1.19 rejects `P *C | ~[]int`, gc does not).
  ParseOk(R"go(package p

import (
	"fmt"
	j "日本/語"
)

type C interface{}
type T1[P *C | ~[]int] struct{}
type T2[P *C | []int] struct{}
type T3[P *[]int] struct{}
type T4[P *C | func()] struct{}

type S struct{}

func (*S) M() {}

const (
	a, b = iota, iota * 2
	c, d
)

func f[P *C | ~[]int](x interface{}, ch chan int) {
	_ = []byte("x")
	_ = chan int(nil)
	_ = <-chan int(nil)
	_ = (*S).M
	_ = interface{}(x)
	_ = func() {}
	_ = [...]int{1}
	_ = &[...]int{1}
	_ = [...][]int{{1}}
	_ = len([...]int{})
	_ = make([]int, 1)
	_ = new(struct{})
	_ = map[[2]int][]string{{1, 2}: {"a"}}
	switch x.(type) {
	case nil, int, *int, []int, fmt.Stringer, T2[*C], (bool), map[int]int, chan int, func(), struct{}, interface{}, *[3]int:
	}
	y := <-ch
	_, _ = y, j.X
}
)go");
  // gc's type checker also rejects these; go/parser accepts them, so they are left to
  // frontend/types: [...]T in a type, const specs with fewer values than names.
  ParseOk("package p\ntype A [...]int\nvar m [3][...]byte\nconst (\n\tx, y = 1\n\tz, w\n)\n");
}

TEST(Parser, ExprStringPrintsLikeGc) {
  // Expectations from `go tool compile` (Go 1.19): each expression as a type switch case
  // gives "<expr> is not a type", printed by gc's syntax.String.
  struct Case {
    const char* expr;
    const char* want;
  };
  const Case cases[] = {
      {"a+b*c", "a + b * c"},  // gc's printer puts blanks around every binary operator
      {"f(a, b...)", "f(a, b...)"},
      {"x.(T)", "x.(T)"},
      {"s[1:2:3]", "s[1:2:3]"},
      {"s[:]", "s[:]"},
      {"T[int, string]{}", "T[int, string]{}"},
      {"[]([]int){{1}}", "[][]int{\342\200\246}"},
      {"func(x int) error { return nil }", "func(x int) error {\342\200\246}"},
      {"struct{ A; *B; c, d int `k:\"v\"` }{}", "struct{A; *B; c, d int `k:\"v\"`}{}"},
      {"(*T)(nil)", "(*T)(nil)"},
      {"<-ch", "<-ch"},
      {"map[string]chan<- (<-chan int){}", "map[string]chan<- <-chan int{}"},
      {"interface{ ~int | ~string; M() }(nil)", "interface{~int | ~string; M()}(nil)"},
  };
  for (const Case& c : cases) {
    ParsedFile f = ParseOk(std::string("package p\nvar _ = ") + c.expr + "\n");
    Expr* x = VarValue(f);
    ASSERT_NE(x, nullptr) << c.expr;
    EXPECT_EQ(ExprString(x), c.want) << c.expr;
  }
}

}  // namespace
}  // namespace heapmap::syntax
