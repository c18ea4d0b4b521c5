// Why a function cannot be inlined (inl.go CanInline and the hairy visitor's hard stops),
// and gc's -m=2 text for each.
package p

//go:noinline
func noinline() int { return 1 } // ERROR "^6: cannot inline noinline: marked go:noinline$"

func bodyless(x int) int // ERROR "^6: cannot inline bodyless: no function body$"

func withRecover() any { return recover() } // ERROR "^6: cannot inline withRecover: call to recover$"

func withDefer(f func()) { defer f() } // ERROR "^6: cannot inline withDefer: unhandled op DEFER$"

func withGo(f func()) { go f() } // ERROR "^6: cannot inline withGo: unhandled op GO$"

func localType() int { // ERROR "^6: cannot inline localType: unhandled op DCLTYPE$"
	type t struct{ a int }
	return t{1}.a
}

func selfRecursive(n int) int { // ERROR "^6: cannot inline selfRecursive: recursive$"
	if n == 0 {
		return 0
	}
	return selfRecursive(n - 1)
}

// A cycle of two functions is allowed: each may be inlined into the other once.
func even(n int) bool { // ERROR "^6: can inline even with cost 69 as: func\\(int\\) bool \\{ if n == 0 \\{ return true \\}; return odd\\(n - 1\\) \\}$"
	if n == 0 {
		return true
	}
	return odd(n - 1)
}

func odd(n int) bool { // ERROR "^6: cannot inline odd: function too complex: cost 81 exceeds budget 80$"
	if n == 0 {
		return false
	}
	return even(n - 1) // ERROR "^13: inlining call to even$"
}

// A defer inside a closure stops the enclosing function too (the closure body is scanned).
func closureWithDefer() { // ERROR "^6: cannot inline closureWithDefer: unhandled op DEFER$"
	func() { // ERROR "^2: cannot inline closureWithDefer\\.func1: unhandled op DEFER$"
		defer noinline()
	}()
}

func local(x int) int { // ERROR "^6: can inline local with cost 4 as: func\\(int\\) int \\{ <node DCLCONST>; return x \\+ k \\}$"
	const k = 3 // ODCLCONST is free
	return x + k
}
