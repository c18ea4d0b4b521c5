// solver/solve_test.cc — one test per escape rule: Go source (comment), hand-built IR (what
// lowering will produce), and the lines `go build -gcflags='-m -l'` (Go 1.19.8) printed for
// that source. The sources are in one file, a.go of package example.com/m, plus lib/lib.go;
// line and column numbers below are the real ones from that file.
#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ir/builder.h"
#include "ir/ir.h"
#include "solver/solver.h"
#include "solver/test_util.h"

namespace heapmap::solver {
namespace {

using ::heapmap::ir::UnitBuilder;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
constexpr uint32_t kNoSlot = UnitBuilder::kNoSlot;

using ::heapmap::solver::testing::MapLookup;

summary::BatchResult Solve(std::vector<const ir::FuncUnit*> units, const MapLookup& lookup,
                           SolverStats* stats = nullptr) {
  BatchInput in;
  in.units = std::move(units);
  absl::StatusOr<summary::BatchResult> r = SolveBatch(in, lookup, {}, stats);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : summary::BatchResult();
}

std::vector<std::string> Lines(const summary::BatchResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics()) out.push_back(FormatDiagnostic(d));
  return out;
}

std::vector<std::string> SolveLines(const ir::FuncUnit& unit) {
  MapLookup none;
  return Lines(Solve({&unit}, none));
}

// func addrRet() *int {   // 13
// 	x := 0                // 14
// 	return &x             // 15
// }
TEST(Solve, AddressOfLocalReturnedMovesToHeap) {
  UnitBuilder b("./a.go");
  int f = b.AddFunc("addrRet", 13, 6);
  uint32_t r = b.AddResult(f, "~r0", 13, 16);
  uint32_t x = b.AddLocal(f, "x", 14, 2);
  b.Flow(r, x, -1, "return");
  EXPECT_THAT(SolveLines(std::move(b).Build()), ElementsAre("./a.go:14:2: moved to heap: x"));
}

// func id(p *int) *int {  // 18
// 	return p
// }
TEST(Solve, ParamLeaksToResultLevel0) {
  UnitBuilder b("./a.go");
  int f = b.AddFunc("id", 18, 6);
  uint32_t p = b.AddParam(f, "p", 18, 9);
  uint32_t r = b.AddResult(f, "~r0", 18, 17);
  b.Flow(r, p, 0, "return");
  ir::FuncUnit unit = std::move(b).Build();
  MapLookup none;
  summary::BatchResult res = Solve({&unit}, none);
  EXPECT_THAT(Lines(res), ElementsAre("./a.go:18:9: leaking param: p to result ~r0 level=0"));
  EXPECT_EQ(res.funcs(0).params(0).tag(), std::string("esc:\x00\x01", 6));
}

// func deref(pp **int) *int {  // 22
// 	return *pp
// }
TEST(Solve, ParamLeaksToResultLevel1) {
  UnitBuilder b("./a.go");
  int f = b.AddFunc("deref", 22, 6);
  uint32_t pp = b.AddParam(f, "pp", 22, 12);
  uint32_t r = b.AddResult(f, "~r0", 22, 21);
  b.Flow(r, pp, 1, "return");
  EXPECT_THAT(SolveLines(std::move(b).Build()),
              ElementsAre("./a.go:22:12: leaking param: pp to result ~r0 level=1"));
}

// var gp *int
// func toGlobal(p *int) {  // 26
// 	gp = p
// }
TEST(Solve, ParamStoredInGlobalLeaks) {
  UnitBuilder b("./a.go");
  int f = b.AddFunc("toGlobal", 26, 6);
  uint32_t p = b.AddParam(f, "p", 26, 15);
  b.FlowHeap(p, 0);
  ir::FuncUnit unit = std::move(b).Build();
  MapLookup none;
  summary::BatchResult res = Solve({&unit}, none);
  EXPECT_THAT(Lines(res), ElementsAre("./a.go:26:15: leaking param: p"));
  EXPECT_EQ(res.funcs(0).params(0).tag(), "");  // gc's encoding of heap level 0
}

// func content(pp **int) {  // 30
// 	gp = *pp
// }
TEST(Solve, ParamContentLeaks) {
  UnitBuilder b("./a.go");
  int f = b.AddFunc("content", 30, 6);
  uint32_t pp = b.AddParam(f, "pp", 30, 14);
  b.FlowHeap(pp, 1);
  EXPECT_THAT(SolveLines(std::move(b).Build()),
              ElementsAre("./a.go:30:14: leaking param content: pp"));
}

// func noEsc(p *int) int {  // 34
// 	return *p                // int: pruned by type, no flow at all
// }
TEST(Solve, ParamDoesNotEscape) {
  UnitBuilder b("./a.go");
  int f = b.AddFunc("noEsc", 34, 6);
  b.AddParam(f, "p", 34, 12);
  b.AddResult(f, "~r0", 34, 20);
  EXPECT_THAT(SolveLines(std::move(b).Build()), ElementsAre("./a.go:34:12: p does not escape"));
}

// func newRet() *int {  // 38
// 	return new(int)      // 39
// }
TEST(Solve, NewEscapesViaReturn) {
  UnitBuilder b("./a.go");
  int f = b.AddFunc("newRet", 38, 6);
  uint32_t r = b.AddResult(f, "~r0", 38, 15);
  uint32_t s = b.AddAlloc(f, ir::ALLOC_NEW, "new(int)", 39, 12);
  b.Flow(r, s, -1, "spill");
  EXPECT_THAT(SolveLines(std::move(b).Build()),
              ElementsAre("./a.go:39:12: new(int) escapes to heap"));
}

// type T struct{ p *int }
// var gt *T
// func litGlobal(a *int) {  // 42
// 	gt = &T{p: a}            // 43
// }
TEST(Solve, CompositeLiteralEscapesViaGlobal) {
  UnitBuilder b("./a.go");
  int f = b.AddFunc("litGlobal", 42, 6);
  uint32_t a = b.AddParam(f, "a", 42, 16);
  uint32_t s = b.AddAlloc(f, ir::ALLOC_PTRLIT, "&T{...}", 43, 7);
  b.FlowHeap(s, -1, "spill");
  b.Flow(s, a, 0, "struct literal element");
  EXPECT_THAT(SolveLines(std::move(b).Build()),
              ElementsAre("./a.go:42:16: leaking param: a",
                          "./a.go:43:7: &T{...} escapes to heap"));
}

// func closureRef() int {  // 48
// 	x := 0                  // 49
// 	f := func() { x++ }     // 50: x reassigned in the closure -> captured by reference
// 	f()                     // 51: f is never reassigned, so the callee is static
// 	return x
// }
TEST(Solve, ClosureCapturingByReferenceThatDoesNotEscape) {
  UnitBuilder b("./a.go");
  int f = b.AddFunc("closureRef", 48, 6);
  int c = b.AddClosure(f, "closureRef.func1", 50, 7);
  b.AddResult(f, "~r0", 48, 19);
  uint32_t x = b.AddLocal(f, "x", 49, 2);
  b.loc(x).set_reassigned(true);
  uint32_t fv = b.AddLocal(f, "f", 50, 2);
  uint32_t clo = b.AddAlloc(f, ir::ALLOC_CLOSURE, "func literal", 50, 7);
  b.Flow(fv, clo, -1, "spill");
  b.AddCall(f, ir::CALL_CLOSURE, "p.closureRef.func1", {});
  b.AddCapture(clo, x);
  (void)c;
  EXPECT_THAT(SolveLines(std::move(b).Build()),
              ElementsAre("./a.go:50:7: func literal does not escape"));
}

// func closureEsc() func() int {  // b.go:3
// 	x := 0                         // 4
// 	return func() int {            // 5
// 		x++
// 		return x
// 	}
// }
TEST(Solve, EscapingClosureMovesCapturedVariable) {
  UnitBuilder b("./b.go");
  int f = b.AddFunc("closureEsc", 3, 6);
  int c = b.AddClosure(f, "closureEsc.func1", 5, 9);
  uint32_t r = b.AddResult(f, "~r0", 3, 19);
  uint32_t x = b.AddLocal(f, "x", 4, 2);
  b.loc(x).set_reassigned(true);
  b.AddResult(c, "~r0", 5, 16);
  uint32_t clo = b.AddAlloc(f, ir::ALLOC_CLOSURE, "func literal", 5, 9);
  b.Flow(r, clo, -1, "spill");
  b.AddCapture(clo, x);
  EXPECT_THAT(SolveLines(std::move(b).Build()),
              ElementsAre("./b.go:4:2: moved to heap: x",
                          "./b.go:5:9: func literal escapes to heap"));
}

// c.go (package example.com/c), also checked with gc -m -l:
// A variable captured by value (never reassigned, <= 128 bytes) stays put even when the
// closure escapes:
// func g() func() int { x := 0; return func() int { return x } }   // c.go:3
TEST(Solve, EscapingClosureCapturingByValueLeavesVariable) {
  UnitBuilder b("./c.go");
  int f = b.AddFunc("g", 3, 6);
  b.AddClosure(f, "g.func1", 3, 38);
  uint32_t r = b.AddResult(f, "~r0", 3, 10);
  uint32_t x = b.AddLocal(f, "x", 3, 23);
  uint32_t clo = b.AddAlloc(f, ir::ALLOC_CLOSURE, "func literal", 3, 38);
  b.Flow(r, clo, -1, "spill");
  b.AddCapture(clo, x);
  EXPECT_THAT(SolveLines(std::move(b).Build()),
              ElementsAre("./c.go:3:38: func literal escapes to heap"));
}

// func loopDepth() {            // 55
// 	var p *int                   // 56: depth 1
// 	for i := 0; i < 3; i++ {     // 57: i declared at depth 1
// 		x := i                   // 58: depth 2
// 		p = &x                   // 59
// 	}
// 	_ = p
// }
TEST(Solve, LoopDepthOutlives) {
  UnitBuilder b("./a.go");
  int f = b.AddFunc("loopDepth", 55, 6);
  uint32_t p = b.AddLocal(f, "p", 56, 6, 1);
  b.AddLocal(f, "i", 57, 6, 1);
  uint32_t x = b.AddLocal(f, "x", 58, 3, 2);
  b.Flow(p, x, -1, "assign");
  EXPECT_THAT(SolveLines(std::move(b).Build()), ElementsAre("./a.go:58:3: moved to heap: x"));
}

// func flat() { var p *int; x := 0; p = &x; _ = p }   // c.go:21: same depth, nothing printed
TEST(Solve, SameDepthDoesNotOutlive) {
  UnitBuilder b("./a.go");
  int f = b.AddFunc("flat", 1, 6);
  uint32_t p = b.AddLocal(f, "p", 2, 6, 1);
  uint32_t x = b.AddLocal(f, "x", 3, 2, 1);
  b.Flow(p, x, -1, "assign");
  EXPECT_THAT(SolveLines(std::move(b).Build()), IsEmpty());
}

// var gi interface{}
// func boxed(v int) {  // 64
// 	gi = v              // 65: implicit boxing, reported at `gi`
// }
TEST(Solve, InterfaceConversionEscapes) {
  UnitBuilder b("./a.go");
  int f = b.AddFunc("boxed", 64, 6);
  b.AddParam(f, "v", 64, 12, {.has_pointers = false});
  uint32_t box = b.AddAlloc(f, ir::ALLOC_CONVIFACE, "v", 65, 2);
  b.FlowHeap(box, -1, "spill");
  EXPECT_THAT(SolveLines(std::move(b).Build()), ElementsAre("./a.go:65:2: v escapes to heap"));
}

// func tooLarge() {             // 68
// 	var big [11 << 20]byte       // 69: > MaxStackVarSize (10 MiB)
// 	_ = big
// 	b := new([70000]byte)        // 71: > MaxImplicitStackVarSize (64 KiB)
// 	_ = b
// }
TEST(Solve, TooLargeForStack) {
  UnitBuilder b("./a.go");
  int f = b.AddFunc("tooLarge", 68, 6);
  b.AddLocal(f, "big", 69, 6, 1, int64_t{11} << 20);
  uint32_t bv = b.AddLocal(f, "b", 71, 2);
  uint32_t s = b.AddAlloc(f, ir::ALLOC_NEW, "new([70000]byte)", 71, 10);
  b.loc(s).set_elem_size(70000);
  b.loc(s).set_elem_align(1);
  b.Flow(bv, s, -1, "spill");
  ir::FuncUnit unit = std::move(b).Build();
  MapLookup none;
  summary::BatchResult res = Solve({&unit}, none);
  EXPECT_THAT(Lines(res), ElementsAre("./a.go:69:6: moved to heap: big",
                                      "./a.go:71:10: new([70000]byte) escapes to heap"));
  ASSERT_EQ(res.funcs(0).verdicts_size(), 2);
  EXPECT_EQ(res.funcs(0).verdicts(0).reason(), summary::HEAP_TOO_LARGE);
  EXPECT_EQ(res.funcs(0).verdicts(1).reason(), summary::HEAP_TOO_LARGE);
}

// func nonConst(n int) {        // 75
// 	s := make([]int, n)         // 76
// 	_ = s
// }
TEST(Solve, NonConstantMakeEscapes) {
  UnitBuilder b("./a.go");
  int f = b.AddFunc("nonConst", 75, 6);
  b.AddParam(f, "n", 75, 15, {.has_pointers = false});
  uint32_t sv = b.AddLocal(f, "s", 76, 2, 1, 24);
  uint32_t s = b.AddAlloc(f, ir::ALLOC_MAKESLICE, "make([]int, n)", 76, 11);
  b.loc(s).set_size_is_const(false);
  b.Flow(sv, s, -1, "spill");
  ir::FuncUnit unit = std::move(b).Build();
  MapLookup none;
  summary::BatchResult res = Solve({&unit}, none);
  EXPECT_THAT(Lines(res), ElementsAre("./a.go:76:11: make([]int, n) escapes to heap"));
  ASSERT_EQ(res.funcs(0).verdicts_size(), 1);
  EXPECT_EQ(res.funcs(0).verdicts(0).reason(), summary::HEAP_NON_CONSTANT_SIZE);
}

// func mk() {
// 	s1 := make([]int, 10)      // c.go:6: fits, stays on the stack
// 	s2 := make([]int, 10000)   // c.go:7: 80000 bytes > 64 KiB: too large
// 	_, _ = s1, s2
// }
TEST(Solve, ConstantMakeSizes) {
  UnitBuilder b("./c.go");
  int f = b.AddFunc("mk", 1, 6);
  uint32_t s1 = b.AddAlloc(f, ir::ALLOC_MAKESLICE, "make([]int, 10)", 6, 12);
  b.loc(s1).set_make_count(10);
  uint32_t s2 = b.AddAlloc(f, ir::ALLOC_MAKESLICE, "make([]int, 10000)", 7, 12);
  b.loc(s2).set_make_count(10000);
  EXPECT_THAT(SolveLines(std::move(b).Build()),
              ElementsAre("./c.go:6:12: make([]int, 10) does not escape",
                          "./c.go:7:12: make([]int, 10000) escapes to heap"));
}

// lib/lib.go (package example.com/m/lib, compiled first):
//   func Keep(p *int) { Sink = p }          // 5
//   func Id(p *int) *int { return p }       // 7
// a.go:
//   func callsLib() {       // 80
//   	x := 0                // 81
//   	lib.Keep(&x)          // 82
//   	y := 0                // 83
//   	q := lib.Id(&y)       // 84
//   	_ = q
//   }
TEST(Solve, CallsUseCalleeSummariesAcrossPackages) {
  MapLookup lookup;
  {
    UnitBuilder keep("lib/lib.go");
    int f = keep.AddFunc("Keep", 5, 6);
    keep.func(f).set_symbol("example.com/m/lib.Keep");
    keep.FlowHeap(keep.AddParam(f, "p", 5, 11), 0);
    ir::FuncUnit ku = std::move(keep).Build();
    summary::BatchResult kr = Solve({&ku}, lookup);
    EXPECT_THAT(Lines(kr), ElementsAre("lib/lib.go:5:11: leaking param: p"));
    lookup.Add(kr);

    UnitBuilder id("lib/lib.go");
    int g = id.AddFunc("Id", 7, 6);
    id.func(g).set_symbol("example.com/m/lib.Id");
    uint32_t p = id.AddParam(g, "p", 7, 9);
    id.Flow(id.AddResult(g, "~r0", 7, 17), p, 0, "return");
    ir::FuncUnit iu = std::move(id).Build();
    summary::BatchResult ir = Solve({&iu}, lookup);
    EXPECT_THAT(Lines(ir), ElementsAre("lib/lib.go:7:9: leaking param: p to result ~r0 level=0"));
    lookup.Add(ir);
  }
  UnitBuilder b("./a.go");
  int f = b.AddFunc("callsLib", 80, 6);
  uint32_t x = b.AddLocal(f, "x", 81, 2);
  uint32_t y = b.AddLocal(f, "y", 83, 2);
  uint32_t q = b.AddLocal(f, "q", 84, 2);
  uint32_t a1 = b.AddTemp(f, ir::LOC_ARG_SLOT);
  b.Flow(a1, x, -1, "call parameter");
  b.AddCall(f, ir::CALL_STATIC, "example.com/m/lib.Keep", {a1});
  uint32_t a2 = b.AddTemp(f, ir::LOC_ARG_SLOT);
  uint32_t r2 = b.AddTemp(f, ir::LOC_RESULT_SLOT);
  b.Flow(q, r2, 0, "assign");
  b.Flow(a2, y, -1, "call parameter");
  b.AddCall(f, ir::CALL_STATIC, "example.com/m/lib.Id", {a2}, {r2});
  ir::FuncUnit unit = std::move(b).Build();
  SolverStats stats;
  summary::BatchResult res = Solve({&unit}, lookup, &stats);
  EXPECT_THAT(Lines(res), ElementsAre("./a.go:81:2: moved to heap: x"));
  EXPECT_EQ(stats.missing_summaries, 0);

  // The same call without a summary degrades to the dynamic rule: y leaks too.
  MapLookup none;
  SolverStats stats2;
  EXPECT_THAT(Lines(Solve({&unit}, none, &stats2)),
              ElementsAre("./a.go:81:2: moved to heap: x", "./a.go:83:2: moved to heap: y"));
  EXPECT_EQ(stats2.missing_summaries, 2);
}

// If Id's result were kept (q escaping), y would follow through the result leak:
//   var gq *int
//   func f() { y := 0; gq = Id(&y) }   // c.go:17 (Id tagged like lib.Id)
TEST(Solve, ResultLeakOfCalleeAppliesWhenResultsUsed) {
  MapLookup lookup;
  summary::BatchResult lib;
  summary::FuncSummary* s = lib.add_funcs();
  s->set_symbol("example.com/m/lib.Id");
  s->add_params()->set_tag(std::string("esc:\x00\x01", 6));
  s->add_results("~r0");
  lookup.Add(lib);
  UnitBuilder b("./c.go");
  int f = b.AddFunc("f", 17, 6);
  uint32_t y = b.AddLocal(f, "y", 17, 12);
  uint32_t a = b.AddTemp(f, ir::LOC_ARG_SLOT);
  uint32_t r = b.AddTemp(f, ir::LOC_RESULT_SLOT);
  b.FlowHeap(r, 0);
  b.Flow(a, y, -1, "call parameter");
  b.AddCall(f, ir::CALL_STATIC, "example.com/m/lib.Id", {a}, {r});
  EXPECT_THAT(SolveLines(std::move(b).Build()), ElementsAre("./c.go:17:12: moved to heap: y"));
}

// func even(n int, p *int) *int {  // 88
// 	if n == 0 { return p }
// 	return odd(n-1, p)
// }
// func odd(n int, p *int) *int {   // 95
// 	if n == 0 { return p }
// 	return even(n-1, p)
// }
// One batch: a parameter reaching the *other* function's result is a heap leak.
TEST(Solve, MutuallyRecursiveBatch) {
  auto make = [](const std::string& name, int line, const std::string& other) {
    UnitBuilder b("./a.go");
    int f = b.AddFunc(name, line, 6);
    b.AddParam(f, "n", line, name.size() + 7, {.has_pointers = false});
    uint32_t p = b.AddParam(f, "p", line, name.size() + 14);
    uint32_t r = b.AddResult(f, "~r0", line, name.size() + 22);
    b.Flow(r, p, 0, "return");
    uint32_t a = b.AddTemp(f, ir::LOC_ARG_SLOT);
    uint32_t rs = b.AddTemp(f, ir::LOC_RESULT_SLOT);
    b.Flow(r, rs, 0, "return");
    b.Flow(a, p, 0, "call parameter");
    b.AddCall(f, ir::CALL_STATIC, "p." + other, {kNoSlot, a}, {rs});
    return std::move(b).Build();
  };
  ir::FuncUnit even = make("even", 88, "odd");
  ir::FuncUnit odd = make("odd", 95, "even");
  MapLookup none;
  summary::BatchResult res = Solve({&even, &odd}, none);
  EXPECT_THAT(Lines(res), ElementsAre("./a.go:88:18: leaking param: p",
                                      "./a.go:95:17: leaking param: p"));
}

// func self(n int, p *int) *int {  // b.go:17
// 	if n == 0 { return p }
// 	return self(n-1, p)
// }
// A self-recursive function keeps its result leak.
TEST(Solve, SelfRecursiveBatchKeepsResultLeak) {
  UnitBuilder b("./b.go");
  int f = b.AddFunc("self", 17, 6);
  b.AddParam(f, "n", 17, 11, {.has_pointers = false});
  uint32_t p = b.AddParam(f, "p", 17, 18);
  uint32_t r = b.AddResult(f, "~r0", 17, 26);
  b.Flow(r, p, 0, "return");
  uint32_t a = b.AddTemp(f, ir::LOC_ARG_SLOT);
  uint32_t rs = b.AddTemp(f, ir::LOC_RESULT_SLOT);
  b.Flow(r, rs, 0, "return");
  b.Flow(a, p, 0, "call parameter");
  b.AddCall(f, ir::CALL_STATIC, "p.self", {kNoSlot, a}, {rs});
  EXPECT_THAT(SolveLines(std::move(b).Build()),
              ElementsAre("./b.go:17:18: leaking param: p to result ~r0 level=0"));
}

// //go:noescape
// func asmNoEsc(p *int)    // 103
// func asmEsc(p *int)      // 105
// func asmU(p *int, u uintptr)   // c.go:19
TEST(Solve, BodylessFunctionsUseDirectivesAndDefaults) {
  UnitBuilder b1("./a.go");
  int f1 = b1.AddFunc("asmNoEsc", 103, 6, /*has_body=*/false);
  b1.AddDirective(f1, ir::DIRECTIVE_NOESCAPE);
  b1.AddParam(f1, "p", 103, 15);
  UnitBuilder b2("./a.go");
  int f2 = b2.AddFunc("asmEsc", 105, 6, /*has_body=*/false);
  b2.AddParam(f2, "p", 105, 13);
  UnitBuilder b3("./c.go");
  int f3 = b3.AddFunc("asmU", 19, 6, /*has_body=*/false);
  b3.AddParam(f3, "p", 19, 11);
  b3.AddParam(f3, "u", 19, 19, {.has_pointers = false, .is_uintptr = true});
  ir::FuncUnit u3 = std::move(b3).Build();
  ir::FuncUnit u1 = std::move(b1).Build();
  ir::FuncUnit u2 = std::move(b2).Build();
  MapLookup none;
  summary::BatchResult r1 = Solve({&u1}, none);
  summary::BatchResult r2 = Solve({&u2}, none);
  EXPECT_THAT(Lines(r1), ElementsAre("./a.go:103:15: p does not escape"));
  EXPECT_THAT(Lines(r2), ElementsAre("./a.go:105:13: leaking param: p"));
  summary::BatchResult r3 = Solve({&u3}, none);
  EXPECT_THAT(Lines(r3), ElementsAre("./c.go:19:11: leaking param: p",
                                     "./c.go:19:19: assuming u is unsafe uintptr"));
  EXPECT_EQ(r3.funcs(0).params(1).tag(), "");
  ASSERT_EQ(r3.funcs(0).directives_size(), 1);  // body-less: implicitly uintptrkeepalive
  EXPECT_EQ(r3.funcs(0).directives(0), ir::DIRECTIVE_UINTPTRKEEPALIVE);
  EXPECT_EQ(r1.funcs(0).params(0).tag(), "esc:");
  EXPECT_EQ(r2.funcs(0).params(0).tag(), "");
  // A caller passing &x to the noescape function keeps x on the stack.
  MapLookup lookup;
  lookup.Add(r1);
  UnitBuilder c("./c.go");
  int f = c.AddFunc("caller", 1, 6);
  uint32_t x = c.AddLocal(f, "x", 2, 2);
  uint32_t a = c.AddTemp(f, ir::LOC_ARG_SLOT);
  c.Flow(a, x, -1, "call parameter");
  c.AddCall(f, ir::CALL_STATIC, "p.asmNoEsc", {a});
  ir::FuncUnit cu = std::move(c).Build();
  EXPECT_THAT(Lines(Solve({&cu}, lookup)), IsEmpty());
}

// func useI(i interface{}) {}   // b.go:11
// func boxNoEsc(v int) {        // 13
// 	useI(v)                      // 14: boxing at the call's `(`
// }
TEST(Solve, InterfaceConversionPassedToNonEscapingParam) {
  UnitBuilder u("./b.go");
  int g = u.AddFunc("useI", 11, 6);
  u.AddParam(g, "i", 11, 11);
  ir::FuncUnit uu = std::move(u).Build();
  MapLookup lookup;
  summary::BatchResult ur = Solve({&uu}, lookup);
  EXPECT_THAT(Lines(ur), ElementsAre("./b.go:11:11: i does not escape"));
  lookup.Add(ur);
  UnitBuilder b("./b.go");
  int f = b.AddFunc("boxNoEsc", 13, 6);
  b.AddParam(f, "v", 13, 15, {.has_pointers = false});
  uint32_t box = b.AddAlloc(f, ir::ALLOC_CONVIFACE, "v", 14, 6);
  uint32_t a = b.AddTemp(f, ir::LOC_ARG_SLOT);
  b.Flow(a, box, -1, "spill");
  b.AddCall(f, ir::CALL_STATIC, "p.useI", {a});
  ir::FuncUnit bu = std::move(b).Build();
  EXPECT_THAT(Lines(Solve({&bu}, lookup)), ElementsAre("./b.go:14:6: v does not escape"));
}

// func sliceLit(p *int) []*int {  // b.go:24
// 	return []*int{p}              // 25
// }
TEST(Solve, SliceLiteralEscapesAndElementLeaks) {
  UnitBuilder b("./b.go");
  int f = b.AddFunc("sliceLit", 24, 6);
  uint32_t p = b.AddParam(f, "p", 24, 15);
  uint32_t r = b.AddResult(f, "~r0", 24, 23);
  uint32_t s = b.AddAlloc(f, ir::ALLOC_SLICELIT, "[]*int{...}", 25, 15);
  b.Flow(r, s, -1, "spill");
  b.Flow(s, p, 0, "slice-literal-element");
  EXPECT_THAT(SolveLines(std::move(b).Build()),
              ElementsAre("./b.go:24:15: leaking param: p",
                          "./b.go:25:15: []*int{...} escapes to heap"));
}

// Dynamic and interface calls send every argument to the heap:
//   func dyn(fn func(*int)) { x := 0; fn(&x) }   // c.go:11
TEST(Solve, DynamicCallArgumentsEscape) {
  UnitBuilder b("./c.go");
  int f = b.AddFunc("dyn", 11, 6);
  b.AddParam(f, "fn", 11, 10);
  uint32_t x = b.AddLocal(f, "x", 11, 27);
  uint32_t a = b.AddTemp(f, ir::LOC_ARG_SLOT);
  b.Flow(a, x, -1, "call parameter");
  b.AddCall(f, ir::CALL_DYNAMIC, "", {a});
  EXPECT_THAT(SolveLines(std::move(b).Build()),
              ElementsAre("./c.go:11:10: fn does not escape",
                          "./c.go:11:27: moved to heap: x"));
}

// d.go (package example.com/c):
// func direct() int {                      // 5
// 	n := 0                                  // 6
// 	p := func() *int { return &n }()        // 7: directly called literal
// 	*p = 7
// 	return n
// }
// func viaVar() int {                      // 12
// 	n := 0                                  // 13
// 	f := func() *int { return &n }          // 14: called through a variable
// 	p := f()
// 	*p = 7
// 	return n
// }
// outlives' exception: a directly called closure may return its enclosing function's
// variables without moving them to the heap.
ir::FuncUnit ClosureReturningAddress(const std::string& name, int line, bool direct) {
  UnitBuilder b("./d.go");
  int f = b.AddFunc(name, line, 6);
  int c = b.AddClosure(f, name + ".func1", line + 2, 7, /*closure_called=*/direct);
  b.AddResult(f, "~r0", line, 20);
  uint32_t n = b.AddLocal(f, "n", line + 1, 2);
  uint32_t fv = direct ? 0 : b.AddLocal(f, "f", line + 2, 2);
  uint32_t p = b.AddLocal(f, "p", line + (direct ? 2 : 3), 2);
  uint32_t cr = b.AddResult(c, "~r0", line + 2, 14);
  uint32_t clo = b.AddAlloc(f, ir::ALLOC_CLOSURE, "func literal", line + 2, 7);
  if (direct) {
    b.FlowBlank(clo, -1);  // the callee expression is evaluated into the discard hole
  } else {
    b.Flow(fv, clo, -1, "spill");
  }
  b.Flow(cr, n, -1, "return");  // closure body: return &n (n is the outer variable)
  uint32_t rs = b.AddTemp(f, ir::LOC_RESULT_SLOT);
  b.Flow(p, rs, 0, "assign");
  b.AddCall(f, ir::CALL_CLOSURE, "p." + name + ".func1", {}, {rs});
  b.AddCapture(clo, n);  // addrtaken (from &n), so by reference
  return std::move(b).Build();
}

TEST(Solve, DirectlyCalledClosureDoesNotForceOuterVariable) {
  ir::FuncUnit d = ClosureReturningAddress("direct", 5, true);
  EXPECT_THAT(SolveLines(d), ElementsAre("./d.go:7:7: func literal does not escape"));
  ir::FuncUnit v = ClosureReturningAddress("viaVar", 12, false);
  EXPECT_THAT(SolveLines(v), ElementsAre("./d.go:13:2: moved to heap: n",
                                         "./d.go:14:7: func literal does not escape"));
}

// //go:uintptrescapes
// func ue(a uintptr, b ...uintptr) {}     // d.go:21
// func callUe() {                          // 23
// 	x := 0                                  // 24
// 	ue(uintptr(unsafe.Pointer(&x)))         // 25: lowering copies &x into a walk temporary
// }                                        //     that flows to the heap (//go:uintptrescapes)
TEST(Solve, UintptrEscapes) {
  UnitBuilder u("./d.go");
  int g = u.AddFunc("ue", 21, 6);
  u.AddDirective(g, ir::DIRECTIVE_UINTPTRESCAPES);
  u.AddParam(g, "a", 21, 9, {.has_pointers = false, .is_uintptr = true});
  u.AddParam(g, "b", 21, 20, {.ddd_uintptr = true});
  ir::FuncUnit uu = std::move(u).Build();
  MapLookup lookup;
  summary::BatchResult ur = Solve({&uu}, lookup);
  EXPECT_THAT(Lines(ur), ElementsAre("./d.go:21:9: marking a as escaping uintptr",
                                     "./d.go:21:20: marking b as escaping ...uintptr"));
  lookup.Add(ur);

  UnitBuilder b("./d.go");
  int f = b.AddFunc("callUe", 23, 6);
  uint32_t x = b.AddLocal(f, "x", 24, 2);
  uint32_t tmp = b.AddWalkTemp(f, ".autotmp_1", 25, 28);
  b.Flow(tmp, x, -1, "assign");
  b.FlowHeap(tmp, 0, "//go:uintptrescapes");
  b.AddCall(f, ir::CALL_STATIC, "p.ue", {kNoSlot, kNoSlot});
  ir::FuncUnit bu = std::move(b).Build();
  EXPECT_TRUE(ir::Validate(bu).ok());
  EXPECT_THAT(Lines(Solve({&bu}, lookup)), ElementsAre("./d.go:24:2: moved to heap: x"));
}

// gc's batch order can interleave units (DFS pre-order over the call graph); location lines
// follow it: declared names of every function in batch order, then each walk.
TEST(Solve, ExplicitBatchOrderDrivesMessageOrder) {
  ir::FuncUnit even, odd;
  for (auto [unit, name, line] : {std::tuple{&even, "even", 1}, std::tuple{&odd, "odd", 2}}) {
    UnitBuilder b("./e.go");
    int f = b.AddFunc(name, line, 6);
    uint32_t x = b.AddLocal(f, "x", line, 20);
    b.FlowHeap(x, -1);
    b.AddCall(f, ir::CALL_STATIC, std::string("p.") + (line == 1 ? "odd" : "even"), {});
    *unit = std::move(b).Build();
  }
  BatchInput in;
  in.units = {&even, &odd};
  in.order = {{&odd, 0}, {&even, 0}};
  MapLookup none;
  absl::StatusOr<summary::BatchResult> r = SolveBatch(in, none);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_THAT(Lines(*r), ElementsAre("./e.go:2:20: moved to heap: x",
                                     "./e.go:1:20: moved to heap: x"));
  EXPECT_EQ(r->funcs(0).symbol(), "p.odd");
  in.order = {{&odd, 0}};  // every function must be listed
  EXPECT_FALSE(SolveBatch(in, none).ok());
}

// The same batch solved twice gives byte-identical results; results round-trip.
TEST(Solve, DeterministicAndRoundTrips) {
  UnitBuilder b("./b.go");
  int f = b.AddFunc("sliceLit", 24, 6);
  uint32_t p = b.AddParam(f, "p", 24, 15);
  uint32_t r = b.AddResult(f, "~r0", 24, 23);
  uint32_t s = b.AddAlloc(f, ir::ALLOC_SLICELIT, "[]*int{...}", 25, 15);
  b.Flow(r, s, -1, "spill");
  b.Flow(s, p, 0, "slice-literal-element");
  ir::FuncUnit unit = std::move(b).Build();
  MapLookup none;
  std::string a = ir::SerializeDeterministic(Solve({&unit}, none));
  std::string c = ir::SerializeDeterministic(Solve({&unit}, none));
  EXPECT_EQ(a, c);
  summary::BatchResult back;
  ASSERT_TRUE(back.ParseFromString(a));
  EXPECT_EQ(ir::SerializeDeterministic(back), a);
  EXPECT_EQ(back.funcs(0).params(0).tag(), "");
}

// Verdicts and normalized tags do not depend on the order of edges (gc's argument in
// solve.go), which is what lets the solver replay edges before calls and captures.
TEST(Solve, EdgeOrderDoesNotChangeVerdicts) {
  ir::FuncUnit unit = ClosureReturningAddress("viaVar", 12, false);
  MapLookup none;
  std::vector<std::string> want = Lines(Solve({&unit}, none));
  for (int rot = 1; rot < unit.edges_size(); ++rot) {
    ir::FuncUnit shuffled = unit;
    std::rotate(shuffled.mutable_edges()->begin(),
                shuffled.mutable_edges()->begin() + rot, shuffled.mutable_edges()->end());
    EXPECT_EQ(Lines(Solve({&shuffled}, none)), want) << "rotation " << rot;
  }
}

TEST(Solve, MalformedIrIsAnError) {
  UnitBuilder b("./c.go");
  int f = b.AddFunc("bad", 1, 6);
  uint32_t x = b.AddLocal(f, "x", 1, 1);
  b.FlowHeap(x, 0);
  ir::FuncUnit unit = std::move(b).Build();
  unit.mutable_edges(0)->set_src(42);
  BatchInput in;
  in.units = {&unit};
  MapLookup none;
  EXPECT_FALSE(SolveBatch(in, none).ok());
}

}  // namespace
}  // namespace heapmap::solver
