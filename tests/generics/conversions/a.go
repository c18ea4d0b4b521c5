package gen5

var Sink any

type W struct{ X any }

func A[T any](v T) { Sink = v }

func B[T any](v T) {
	var a any = v
	Sink = a
}

func C[T any](v T, m map[string]any) { m["k"] = v }

func D[T any](v T) []any { return append([]any(nil), v) }

func E[T any](v T, ch chan any) { ch <- v }

func F[T any](v T) []any { return []any{v, v} }

func G[T any](v T) W { return W{X: v} }

func H[T any](v T) (any, any) { return v, 1 }

func I[T any](v T) { Sink = any(v) }

func J[T any](v T) bool { return Sink == any(v) }

func K[T any](v T) { f(v) }

func f(x any) { Sink = x }

func L[T comparable](v T) bool { return Sink == v }

func Use() {
	A(1)
	B(1)
	C(1, nil)
	D(1)
	E(1, nil)
	F(1)
	G(1)
	H(1)
	I(1)
	J(1)
	K(1)
	L(1)
}
