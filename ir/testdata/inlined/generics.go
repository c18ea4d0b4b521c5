// Generics with inlining on: each shape instance the package compiles gets its own
// "can inline" line (named F[go.shape.int_0]); the inlined calls and literals of a generic
// body are printed once per instance; a call of an instance costs the generic's cost and
// the dictionary argument; calls with shape arguments are not inlined into shape bodies,
// while arguments converted to an interface are no longer shapes; an instance without
// shape parameters is inlined into ordinary code.
package p

type Err struct{ s string }

func (e *Err) Error() string { return e.s } // ERROR "^6: can inline \\(\\*Err\\)\\.Error$" "^7: leaking param: e to result ~r0 level=1$"

func New(s string) error { return &Err{s} } // ERROR "^6: can inline New$" "^10: leaking param: s$" "^35: &Err\\{\\.\\.\\.\\} escapes to heap$"

var Sink any

func Sum[E int | float64](xs []E) E { // ERROR "^6: can inline Sum\\[go\\.shape\\.int_0\\]$"
	var s E
	for _, x := range xs {
		s += x
	}
	return s
}

func W(xs []int) int { return Sum(xs) } // ERROR "^6: can inline W$" "^8: xs does not escape$"

type Box[E any] struct{ v E }

func (b *Box[E]) Get() E { return b.v } // ERROR "^6: can inline \\(\\*Box\\[go\\.shape\\.int_0\\]\\)\\.Get$"

func W3(b *Box[int]) int { return b.Get() } // ERROR "^6: can inline W3$" "^9: b does not escape$"

func G[E any](x E) error { // ERROR "^6: can inline G\\[go\\.shape\\.int_0\\]$"
	if any(x) == nil { // ERROR "^8: unsafe\\.Pointer\\(x\\) does not escape$"
		return New("nil") // ERROR "^13: inlining call to New$" "^13: &Err\\{\\.\\.\\.\\} escapes to heap$"
	}
	return nil
}

func Clos[E any](x E) func() E { return func() E { return x } } // ERROR "^6: can inline Clos\\[go\\.shape\\.int_0\\]$" "^41: can inline Clos\\[go\\.shape\\.int_0\\]\\.func1$" "^41: func literal escapes to heap$"

func f(x any) { Sink = x } // ERROR "^6: can inline f$" "^8: leaking param: x$"

func Arg[E any](v E) { f(v) } // ERROR "^6: can inline Arg\\[go\\.shape\\.int_0\\]$" "^25: inlining call to f$" "^6: can inline Arg\\[go\\.shape\\.string_0\\]$" "^25: inlining call to f$" "^25: unsafe\\.Pointer\\(v\\) escapes to heap$" "^25: unsafe\\.Pointer\\(v\\) escapes to heap$"

func keep[E any](x E) E { return x }

func Shaped[E any](v E) E { return keep2(v) }

type Rec struct{ S string }

// No shape parameters: inlined from ordinary code, the allocation decided at the caller.
func NewOf[E any]() *E { return new(E) } // ERROR "^6: can inline NewOf\\[go\\.shape\\.struct \\{ S string \\}_0\\]$" "^36: new\\(go\\.shape\\.struct \\{ S string \\}_0\\) escapes to heap$"

func MakeOf[E any](n int) []E { return make([]E, n) } // ERROR "^6: can inline MakeOf\\[go\\.shape\\.uint8_0\\]$" "^44: make\\(\\[\\]go\\.shape\\.uint8_0, n\\) escapes to heap$"

func keep2[E any](x E) E { return x }

func Use() {
	_ = W([]int{1}) // ERROR "^7: inlining call to W$" "^13: \\[\\]int\\{\\.\\.\\.\\} does not escape$"
	_ = G(1)
	_ = W3(&Box[int]{}) // ERROR "^8: inlining call to W3$" "^9: &Box\\[int\\]\\{\\} does not escape$"
	_ = Clos(1)()
	Arg(2)
	Arg("s")
	_ = NewOf[Rec]() // ERROR "^16: inlining call to NewOf\\[go\\.shape\\.struct \\{ S string \\}_0\\]$" "^16: new\\(go\\.shape\\.struct \\{ S string \\}_0\\) does not escape$"
	_ = MakeOf[byte](3) // ERROR "^18: inlining call to MakeOf\\[go\\.shape\\.uint8_0\\]$" "^18: make\\(\\[\\]go\\.shape\\.uint8_0, n\\) escapes to heap$"
}
