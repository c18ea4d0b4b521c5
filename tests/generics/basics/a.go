package gen

type Num interface{ ~int | ~int64 | ~float64 }

func Sum[T Num](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Ptr[T any](x T) *T { return &x }

func Keep[T any](p *T) *T { return p }

type Box[T any] struct{ v T }

func (b *Box[T]) Get() T { return b.v }
func (b *Box[T]) Set(v T) { b.v = v }

func NewBox[T any](v T) *Box[T] { return &Box[T]{v: v} }

var sink any

func Leak[T any](x T) { sink = x }

func Use() int {
	a := []int{1, 2, 3}
	n := Sum(a)
	p := Ptr(n)
	q := Keep(p)
	b := NewBox(*q)
	b.Set(4)
	Leak(b)
	f := Sum[float64]
	_ = f([]float64{1})
	return b.Get()
}
