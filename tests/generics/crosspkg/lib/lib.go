package lib

import "errors"

type List[T any] struct {
	items []T
	last  *T
}

func (l *List[T]) Push(v T) {
	l.items = append(l.items, v)
	l.last = &v
}

func (l *List[T]) Get(i int) (T, error) {
	if i >= len(l.items) {
		var zero T
		return zero, errors.New("out of range")
	}
	return l.items[i], nil
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Ptr[T any](v T) *T { return &v }

func Keep[T any](p *T) *T { return p }

var Sink any

func Box[T any](v T) { Sink = v }
