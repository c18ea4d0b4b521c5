// Mid-stack inlining: a call of a non-inlinable function costs 57 + 1, so a function may
// make one such call and stay under the budget, but not two; a call of an inlinable
// function costs that function's own cost.
package p

//go:noinline
func slow(x int) int { return x } // ERROR "^6: cannot inline slow: marked go:noinline$"

func small(x int) int { return x + 1 } // ERROR "^6: can inline small with cost 4 as: func\\(int\\) int \\{ return x \\+ 1 \\}$"

func oneSlowCall(x int) int { return slow(x) + 1 } // ERROR "^6: can inline oneSlowCall with cost 63 as: func\\(int\\) int \\{ return slow\\(x\\) \\+ 1 \\}$"

func twoSlowCalls(x int) int { return slow(x) + slow(x) } // ERROR "^6: cannot inline twoSlowCalls: function too complex: cost 122 exceeds budget 80$"

func manySmallCalls(x int) int { // ERROR "^6: can inline manySmallCalls with cost 48 as: func\\(int\\) int \\{ return small\\(x\\) \\+ small\\(x\\) \\+ small\\(x\\) \\+ small\\(x\\) \\+ small\\(x\\) \\+ small\\(x\\) \\}$"
	return small(x) + small(x) + small(x) + small(x) + small(x) + small(x) // ERROR "^14: inlining call to small$" "^25: inlining call to small$" "^36: inlining call to small$" "^47: inlining call to small$" "^58: inlining call to small$" "^69: inlining call to small$"
}

func callsOneSlowCall(x int) int { return oneSlowCall(x) } // ERROR "^6: can inline callsOneSlowCall with cost 67 as: func\\(int\\) int \\{ return oneSlowCall\\(x\\) \\}$" "^54: inlining call to oneSlowCall$"

// Transitive: inlining a calls b's body, whose call of small is inlined in turn.
func a(x int) int { return b(x) * 2 } // ERROR "^6: can inline a with cost 16 as: func\\(int\\) int \\{ return b\\(x\\) \\* 2 \\}$" "^29: inlining call to b$" "^29: inlining call to small$"

func b(x int) int { return small(x) * 3 } // ERROR "^6: can inline b with cost 10 as: func\\(int\\) int \\{ return small\\(x\\) \\* 3 \\}$" "^33: inlining call to small$"

func c(x int) int { return a(x) } // ERROR "^6: can inline c with cost 20 as: func\\(int\\) int \\{ return a\\(x\\) \\}$" "^29: inlining call to a$" "^29: inlining call to b$" "^29: inlining call to small$"

// Interface and function-value calls are never inlined and cost 57.
type I interface{ M() int }

func viaInterface(i I) int { return i.M() } // ERROR "^6: can inline viaInterface with cost 61 as: func\\(I\\) int \\{ return i\\.M\\(\\) \\}$"

func viaFuncValue(f func() int) int { return f() } // ERROR "^6: can inline viaFuncValue with cost 60 as: func\\(func\\(\\) int\\) int \\{ return f\\(\\) \\}$"

// A method expression whose receiver type is not the method's own is not inlined.
type T struct{ v int }

func (t T) Get() int { return t.v } // ERROR "^6: can inline T\\.Get with cost 3 as: method\\(T\\) func\\(\\) int \\{ return t\\.v \\}$"

func methodValue(t *T) int { return t.Get() } // ERROR "^6: can inline methodValue with cost 8 as: func\\(\\*T\\) int \\{ return T\\.Get\\(t\\) \\}$" "^42: inlining call to T\\.Get$"

func methodExprPtr(t *T) int { return (*T).Get(t) } // ERROR "^6: can inline methodExprPtr with cost 61 as: func\\(\\*T\\) int \\{ return \\(\\*T\\)\\.Get\\(t\\) \\}$"

func methodExpr(t T) int { return T.Get(t) } // ERROR "^6: can inline methodExpr with cost 7 as: func\\(T\\) int \\{ return T\\.Get\\(t\\) \\}$" "^40: inlining call to T\\.Get$"
// ERRORAUTO "^inlining call to T\\.Get$"
