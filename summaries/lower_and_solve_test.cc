// summaries/lower_and_solve_test.cc — lowering + solving small packages: expected lines are
// what `go build -gcflags='-m -l'` (Go 1.19) printed for the same source (file a.go).
#include <string>
#include <vector>

#include "base/stack.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "summaries/lower_testutil.h"

namespace heapmap::summaries {
namespace {

using ::testing::UnorderedElementsAreArray;

std::vector<std::string> LowerLines(const std::string& src) {
  LoweredRun r = LowerAndSolve({{"./a.go", src}});
  EXPECT_TRUE(r.errors.empty()) << r.errors[0];
  return r.lines;
}

TEST(LowerAndSolve, AddressOfLocalReturned) {
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


// One test per family: conversions to interface (statement position), literals ({} vs
// {...}), new/make (constant size), closures (captured, called), method calls, variadic
// "... argument", range, string concatenation and conversion, loop depth, go/defer.
TEST(LowerAndSolve, RuleFamiliesMatchGc) {
  EXPECT_THAT(LowerLines(R"(package p

type T struct {
	p *int
	n int
}

func (t *T) Get() *int { return t.p }

var sink interface{}
var gp *int

func conv(x int) { sink = x }

func lits() {
	s := []int{1, 2, 3}
	m := map[string]*int{}
	_ = m
	t := &T{}
	sink = t
	_ = s
}

func newAndMake(n int) []byte {
	p := new(int)
	gp = p
	b := make([]byte, n)
	c := make([]byte, 10)
	_ = c
	return b
}

func closure() func() int {
	x := 0
	return func() int { x++; return x }
}

func called() int {
	y := 1
	return func() int { return y }()
}

func method() *int {
	t := T{}
	return t.Get()
}

func variadic(xs ...*int) {}

func callsVariadic() {
	a, b := 1, 2
	variadic(&a, &b)
}

func rng(s []*int) {
	for _, p := range s {
		gp = p
	}
}

func strs(a, b string) string {
	return a + b
}

func bytesConv(b []byte) string { return string(b) }

func loop() {
	var q *int
	for i := 0; i < 3; i++ {
		z := i
		q = &z
	}
	_ = q
}

func deferGo() {
	defer func() {}()
	go func() {}()
}
)"),
              UnorderedElementsAreArray({
                  "./a.go:8:7: leaking param: t to result ~r0 level=1",
                  "./a.go:13:20: x escapes to heap",
                  "./a.go:16:12: []int{...} does not escape",
                  "./a.go:17:22: map[string]*int{} does not escape",
                  "./a.go:19:7: &T{} escapes to heap",
                  "./a.go:25:10: new(int) escapes to heap",
                  "./a.go:27:11: make([]byte, n) escapes to heap",
                  "./a.go:28:11: make([]byte, 10) does not escape",
                  "./a.go:34:2: moved to heap: x",
                  "./a.go:35:9: func literal escapes to heap",
                  "./a.go:40:9: func literal does not escape",
                  "./a.go:48:15: xs does not escape",
                  "./a.go:52:10: ... argument does not escape",
                  "./a.go:55:10: leaking param content: s",
                  "./a.go:61:11: a does not escape",
                  "./a.go:61:14: b does not escape",
                  "./a.go:62:11: a + b escapes to heap",
                  "./a.go:65:16: b does not escape",
                  "./a.go:65:48: string(b) escapes to heap",
                  "./a.go:70:3: moved to heap: z",
                  "./a.go:77:8: func literal does not escape",
                  "./a.go:78:5: func literal escapes to heap",
}));
}

// Implicit OCONVIFACE positions are irgen's base.Pos (noder/transform.go): call arguments
// at the call's '(' until an argument that is not a plain name (constants and nil count)
// moves it; builtins (append, panic) and returns where converting the operands left it
// (the last non-constant expression, a call's '('); keyed literal elements at the ':'.
TEST(LowerAndSolve, ImplicitConversionPositionsMatchGc) {
  EXPECT_THAT(LowerLines(R"(package p

var sinks []interface{}

type S struct{ A, B interface{} }

func r1(x int, y string) (interface{}, interface{}) {
	return x, y
}

func r2(x int, y string) (interface{}, interface{}) {
	return y,
		x
}

func ap(x int, y string) {
	sinks = append(sinks, x, y)
}

func cl(x int, y string) interface{} {
	m := map[interface{}]interface{}{x: y}
	_ = m
	return &S{A: x, B: y}
}

func h(a, b interface{}) {}

func (s *S) M(a, b interface{}) {}

func ca(x int, y string, p *S) {
	h(x, (y))
	h(p.A, y)
	h(3, y)
	p.M(x, y)
	p.M(p.A, y)
	panic("const")
}
)"),
              UnorderedElementsAreArray({
                  "./a.go:7:16: leaking param: y",
                  "./a.go:8:12: x escapes to heap",
                  "./a.go:8:12: y escapes to heap",
                  "./a.go:11:16: leaking param: y",
                  "./a.go:13:3: y escapes to heap",
                  "./a.go:13:3: x escapes to heap",
                  "./a.go:16:16: leaking param: y",
                  "./a.go:17:27: x escapes to heap",
                  "./a.go:17:27: y escapes to heap",
                  "./a.go:20:16: leaking param: y",
                  "./a.go:21:34: map[interface {}]interface {}{...} does not escape",
                  "./a.go:21:36: x escapes to heap",
                  "./a.go:21:36: y escapes to heap",
                  "./a.go:23:9: &S{...} escapes to heap",
                  "./a.go:23:13: x escapes to heap",
                  "./a.go:23:19: y escapes to heap",
                  "./a.go:26:8: a does not escape",
                  "./a.go:26:11: b does not escape",
                  "./a.go:28:7: s does not escape",
                  "./a.go:28:15: a does not escape",
                  "./a.go:28:18: b does not escape",
                  "./a.go:30:16: y does not escape",
                  "./a.go:30:26: p does not escape",
                  "./a.go:31:3: x does not escape",
                  "./a.go:31:3: y does not escape",
                  "./a.go:32:5: y does not escape",
                  "./a.go:33:4: 3 does not escape",
                  "./a.go:33:4: y does not escape",
                  "./a.go:34:5: x does not escape",
                  "./a.go:34:5: y does not escape",
                  "./a.go:35:7: y does not escape",
                  "./a.go:36:7: \"const\" escapes to heap",
              }));
}

// Subjects are printed like gc's exprFmt: binary operators spaced, parentheses from
// precedence (irgen drops OPAREN), variadic calls as f(fixed, ... argument...) / nil....
TEST(LowerAndSolve, ExpressionTextMatchesGcExprFmt) {
  EXPECT_THAT(LowerLines(R"(package p

var sink interface{}

func sprintf(f string, a ...interface{}) string { return f }

func mk(a, b, n int) []byte {
	return make([]byte, (a+b)*n-(a-b))
}

func cat(k, v string) {
	sink = k+" = "+v
}

func vf(d []byte, n int, s string) {
	sink = []byte(sprintf("%s %d", s, n))
	sink = string(d[n+1:])
	sink = sprintf("x")
}
)"),
              UnorderedElementsAreArray({
                  "./a.go:11:10: k does not escape",
                  "./a.go:11:13: v does not escape",
                  "./a.go:12:16: k + \" = \" + v escapes to heap",
                  "./a.go:12:2: k + \" = \" + v escapes to heap",
                  "./a.go:15:26: s does not escape",
                  "./a.go:15:9: d does not escape",
                  "./a.go:16:15: ([]byte)(sprintf(\"%s %d\", ... argument...)) escapes to heap",
                  "./a.go:16:23: ... argument does not escape",
                  "./a.go:16:24: n does not escape",
                  "./a.go:16:24: s does not escape",
                  "./a.go:16:2: ([]byte)(sprintf(\"%s %d\", ... argument...)) escapes to heap",
                  "./a.go:17:15: string(d[n + 1:]) escapes to heap",
                  "./a.go:17:2: string(d[n + 1:]) escapes to heap",
                  "./a.go:18:2: sprintf(\"x\", nil...) escapes to heap",
                  "./a.go:5:14: leaking param: f to result ~r0 level=0",
                  "./a.go:5:24: a does not escape",
                  "./a.go:8:13: make([]byte, (a + b) * n - (a - b)) escapes to heap",
              }));
}

// Long chains lower and solve as gc analyzes them, on heapmap's stack.
TEST(LowerAndSolve, DeepInputs) {
  std::string chain = "package p\n\ntype T struct{ p *int }\n\nfunc (t T) M() T { return t }\n\n"
                      "func F(t T) T {\n\treturn t";
  for (int i = 0; i < 20000; ++i) chain += ".M()";
  chain += "\n}\n";
  base::RunOnLargeStack(base::kThreadStackBytes, [&] {
    LoweredRun r = LowerAndSolve({{"./a.go", chain}});
    EXPECT_TRUE(r.errors.empty()) << r.errors[0];
    EXPECT_THAT(r.lines, UnorderedElementsAreArray(
                             {"./a.go:5:7: leaking param: t to result ~r0 level=0",
                              "./a.go:7:8: leaking param: t to result ~r0 level=0"}));
    return 0;
  });

}

}  // namespace
}  // namespace heapmap::summaries
