package p

type A [len(B{})]int
type B [len(A{})]int

type R interface{ m() R }

type L[T any] struct{ next *L[L[T]] }

var v1 = v2
var v2 = v1

func init() { _ = v1 }

const (
	k1 = k2
	k2 = k1
)

type M map[M]M
type F func(F) F
