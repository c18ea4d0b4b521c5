package gen10

func Sum[T int | float64](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Apply(f func([]int) int, xs []int) int { return f(xs) }

var G = Sum[int]

func Use() int {
	a := func() int { return 1 }
	f := Sum[int]
	b := func() int { return 2 }
	return a() + f([]int{1}) + b() + Apply(Sum[int], []int{2})
}
