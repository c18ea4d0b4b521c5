// An inlined constructor's allocation is the caller's: decided, and reported, at the call.
// The callee's own copy keeps its verdict.
package p

type T struct{ x int }

func New() *T { return &T{} } // ERROR "^6: can inline New$" "^24: &T\\{\\} escapes to heap$"

func Use() int { return New().x } // ERROR "^6: can inline Use$" "^28: inlining call to New$" "^28: &T\\{\\} does not escape$"

var sink *T

func Leak() { sink = New() } // ERROR "^6: can inline Leak$" "^25: inlining call to New$" "^25: &T\\{\\} escapes to heap$"

// Transitive: Outer inlines Mid, which inlines New.
func Mid() *T { return New() } // ERROR "^6: can inline Mid$" "^27: inlining call to New$" "^27: &T\\{\\} escapes to heap$"

func Outer() int { return Mid().x } // ERROR "^6: can inline Outer$" "^30: inlining call to Mid$" "^30: inlining call to New$" "^30: &T\\{\\} does not escape$"

// Parameters become the caller's locals: p's pointee stays put.
func Get(p *int) int { return *p } // ERROR "^6: can inline Get$" "^10: p does not escape$"

func Local() int { // ERROR "^6: can inline Local$"
	x := 1
	return Get(&x) // ERROR "^12: inlining call to Get$"
}

// Results: a named result keeps its name.
func Pair() (t *T, n int) { // ERROR "^6: can inline Pair$"
	t = &T{x: 1} // ERROR "^6: &T\\{\\.\\.\\.\\} escapes to heap$"
	return t, 2
}

func UsePair() int { // ERROR "^6: can inline UsePair$"
	t, n := Pair() // ERROR "^14: inlining call to Pair$" "^14: &T\\{\\.\\.\\.\\} does not escape$"
	return t.x + n
}
