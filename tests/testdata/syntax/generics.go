package generics

type Number interface {
	~int | ~int64 | float64
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

type List[T any] []T

type Arr [N]int

type Ptr[P *C,] struct{}

func Map[T, U any](s []T, f func(T) U) []U {
	return nil
}

func (p *Pair[K, V]) Swap() Pair[V, K] {
	return Pair[V, K]{p.Val, p.Key}
}

var _ = Map[int, string]
var _ = f(a < b, c > d)
var _ = a[b](c)
