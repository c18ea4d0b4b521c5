package gen6

import "errors"

func Sum[T int | float64](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func W(xs []int) int { return Sum(xs) }

func W2(xs []int) int { return len(xs) }

type Box[T any] struct{ v T }

func (b *Box[T]) Get() T { return b.v }

func W3(b *Box[int]) int { return b.Get() }

func G[T any](x T) error {
	if any(x) == nil {
		return errors.New("nil")
	}
	return nil
}

func Use() {
	_ = W([]int{1})
	_ = G(1)
	_ = W3(&Box[int]{})
}
