package g

type Number interface {
	~int | ~int64 | float64
}

type Pair[K comparable, V any] struct {
	Key K
	Val V `json:"val"`
}

func Map[T, U any](s []T, f func(T) U) []U {
	r := make([]U, 0, len(s))
	for _, v := range s {
		r = append(r, f(v))
	}
	return r
}

func Sum[N Number](xs ...N) (s N) {
	for i := range 10 {
		_ = i
	}
	for _, x := range xs {
		s += x
	}
	return
}

var _ = Map[int, string]
type A[P *C] struct{}
type B[P *C,] struct{}
