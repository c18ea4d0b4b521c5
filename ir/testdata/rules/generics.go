// Generic functions: gc compiles each once per list of shapes (stenciling) in the
// package that uses it, DUPOK (no parameter lines). Shapes: identical underlying types
// share one, all pointers share *uint8; shaped values box through the dictionary
// (unsafe.Pointer(x)) at subster's positions; constraint methods are called through the
// dictionary (an unknown callee); callers call the instance, which has a summary.
package p

var Sink any

type T struct {
	a int
	p *int
}

type S string

func (s S) String() string { return string(s) } // ERROR "^7: leaking param: s to result ~r0 level=0$"

type Stringer interface{ String() string }

type W struct{ X any }

func Id[E any](x E) E { return x }

func Box2[A, B any](a A, b B) any { return b } // ERROR "^37: unsafe\\.Pointer\\(b\\) escapes to heap$" "^37: unsafe\\.Pointer\\(b\\) escapes to heap$"

func Str[E Stringer](x E) string { return x.String() }

func Conv[E any](x E) any { return x } // ERROR "^29: unsafe\\.Pointer\\(x\\) escapes to heap$"

func Ptr[E any](x E) *E { return &x } // ERROR "^17: moved to heap: x$"

func Keep[E any](p *E) *E { return p }

func Mk[E any]() *E { return new(E) } // ERROR "^33: new\\(go\\.shape\\.struct \\{ p\\.a int; p\\.p \\*int \\}_0\\) escapes to heap$"

func Sl[E any](n int) []E { return make([]E, n) } // ERROR "^40: make\\(\\[\\]go\\.shape\\.uint8_0, n\\) escapes to heap$"

func Clos[E any](x E) func() E { return func() E { return x } } // ERROR "^41: func literal escapes to heap$"

func Assign[E any](v E) { Sink = v } // ERROR "^32: unsafe\\.Pointer\\(v\\) escapes to heap$"

func Decl[E any](v E) {
	var a any = v // ERROR "^6: unsafe\\.Pointer\\(v\\) escapes to heap$"
	Sink = a
}

func MapSet[E any](v E, m map[string]any) { m["k"] = v } // ERROR "^47: unsafe\\.Pointer\\(v\\) escapes to heap$"

func App[E any](v E) []any { return append([]any(nil), v) } // ERROR "^50: unsafe\\.Pointer\\(v\\) escapes to heap$"

func Send[E any](v E, ch chan any) { ch <- v } // ERROR "^41: unsafe\\.Pointer\\(v\\) escapes to heap$"

func Lit[E any](v E) []any { return []any{v, v} } // ERROR "^42: \\[\\]any\\{\\.\\.\\.\\} escapes to heap$" "^43: unsafe\\.Pointer\\(v\\) escapes to heap$" "^46: unsafe\\.Pointer\\(v\\) escapes to heap$"

func Field[E any](v E) W { return W{X: v} } // ERROR "^38: unsafe\\.Pointer\\(v\\) escapes to heap$"

func Two[E any](v E) (any, any) { return v, 1 } // ERROR "^45: unsafe\\.Pointer\\(v\\) escapes to heap$" "^45: 1 escapes to heap$"

func Explicit[E any](v E) { Sink = any(v) } // ERROR "^39: unsafe\\.Pointer\\(v\\) escapes to heap$"

func Arg[E any](v E) { f(v) } // ERROR "^25: unsafe\\.Pointer\\(v\\) escapes to heap$"

func f(x any) { Sink = x } // ERROR "^8: leaking param: x$"

func Cmp[E comparable](v E) bool { return Sink == v } // ERROR "^48: unsafe\\.Pointer\\(v\\) does not escape$"

func Inner[E any](x E) E { return Id(x) }

type Pair[K comparable, V any] struct {
	k K
	v V
}

func NewPair[K comparable, V any](k K, v V) *Pair[K, V] { return &Pair[K, V]{k, v} } // ERROR "^66: &Pair\\[go\\.shape\\.string_0,go\\.shape\\.int_1\\]\\{\\.\\.\\.\\} escapes to heap$"

func (p *Pair[K, V]) Key() K { return p.k }

func Use() {
	var i int
	Id(T{})
	Id(&i)
	Id([]T{}) // ERROR "^8: \\[\\]T\\{\\} does not escape$"
	Id(map[string]int{}) // ERROR "^19: map\\[string\\]int\\{\\} does not escape$"
	Box2(1, "x")
	Box2("x", 1)
	_ = Str(S("y"))
	_ = Conv(3)
	_ = Conv(&i)
	var j int
	q := Keep(&j)
	_ = Ptr(*q)
	_ = Mk[T]()
	_ = Sl[byte](3)
	_ = Clos(1)()
	Id[any](1) // ERROR "^10: 1 does not escape$"
	Assign(1)
	Decl(1)
	MapSet(1, nil)
	App(1)
	Send(1, nil)
	Lit(1)
	Field(1)
	Two(1)
	Explicit(1)
	Arg(1)
	Cmp(1)
	_ = Inner(int64(2))
	p := NewPair("a", 1)
	Sink = p.Key() // ERROR "^2: \\(\\*Pair\\[go\\.shape\\.string_0,go\\.shape\\.int_1\\]\\)\\.Key\\(&\\.dict\\.\\(\\*Pair\\[string,int\\]\\)\\.Key, p\\) escapes to heap$"
	Sink = &Pair[string, T]{} // ERROR "^9: &Pair\\[string,p\\.T\\]\\{\\} escapes to heap$"
}
