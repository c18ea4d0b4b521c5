// gc's -d=inlfuncswithclosures=0: a function with a literal is not inlinable; and -l=4:
// a call of a function that is not inlinable costs 1 instead of 57.
package p

// flags: -l=4 -d=inlfuncswithclosures=0

func withClosure(x int) int { // ERROR "^6: cannot inline withClosure: not inlining functions with closures$"
	f := func() int { return x } // ERROR "^7: can inline withClosure\\.func1 with cost 2 as: func\\(\\) int \\{ return x \\}$"
	return f() // ERROR "^10: inlining call to withClosure\\.func1$"
}

//go:noinline
func opaque(x int) int { return x } // ERROR "^6: cannot inline opaque: marked go:noinline$"

// Two non-inlinable calls: 2*57 is over the budget, 2*1 is not.
func twoCalls(x int) int { return opaque(x) + opaque(x+1) } // ERROR "^6: can inline twoCalls with cost 12 as: func\\(int\\) int \\{ return opaque\\(x\\) \\+ opaque\\(x \\+ 1\\) \\}$"

func use() int { return withClosure(1) + twoCalls(2) } // ERROR "^6: can inline use with cost 21 as: func\\(\\) int \\{ return withClosure\\(1\\) \\+ twoCalls\\(2\\) \\}$" "^50: inlining call to twoCalls$"
