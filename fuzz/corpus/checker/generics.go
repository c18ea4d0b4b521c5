package p

import "a"

type List[E any] struct {
	head *node[E]
}

type node[E any] struct {
	v    E
	next *node[E]
}

func (l *List[E]) Push(v E) { l.head = &node[E]{v, l.head} }

func Map[T, U any](xs []T, f func(T) U) []U {
	var out []U
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

type Number interface{ ~int | ~float64 }

func Max[N Number](a, b N) N {
	if a > b {
		return a
	}
	return b
}

var _ = Map([]int{1, 2}, func(i int) string { return "" })
var _ = Max(1, 2.5)
var _ = a.Sum(1, 2, 3)
var _ a.G[string]
var _ = a.F[int](3)
