package gen2

import "fmt"

type T struct {
	a int
	p *int
}

type S string

func (s S) String() string { return string(s) }

func Id[T any](x T) T { return x }

func Box2[A, B any](a A, b B) any { return b }

func Str[T fmt.Stringer](x T) string { return x.String() }

func Conv[T any](x T) any { return x }

func Eq[T comparable](a, b T) bool { return a == b }

func Clos[T any](x T) func() T { return func() T { return x } }

func Mk[T any]() *T { return new(T) }

func Sl[T any](n int) []T { return make([]T, n) }

func Apply[T any](xs []T, f func(T) T) {
	for i := range xs {
		xs[i] = f(xs[i])
	}
}

func Inner[T any](x T) T { return Id(x) }

func Use() {
	var i int
	Id(T{})
	Id(&i)
	Id([]T{})
	Id("s")
	Id(S("x"))
	Id(map[string]int{})
	Id(struct{ X, Y int }{})
	Box2(1, "x")
	Box2("x", 1)
	Box2(1, 1)
	_ = Str(S("y"))
	_ = Conv(3)
	_ = Conv(&i)
	_ = Eq(1, 2)
	_ = Clos(1)()
	_ = Mk[T]()
	_ = Sl[byte](3)
	Apply([]int{1}, func(x int) int { return x + 1 })
	_ = Inner(2)
	_ = Inner(int64(2))
	var e error
	Id(e)
	Id[any](1)
	Id([4]int{})
	Id(func() {})
	Id(make(chan int))
	Id(&[2]int{})
}
