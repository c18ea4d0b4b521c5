package use

import (
	"strconv"

	"example.com/gen4/lib"
)

type S struct{ a, b int }

func F() int {
	var l lib.List[S]
	l.Push(S{1, 2})
	v, _ := l.Get(0)
	xs := lib.Map([]int{1, 2}, func(i int) string { return strconv.Itoa(i) })
	p := lib.Ptr(3)
	var x int
	q := lib.Keep(&x)
	lib.Box(S{})
	lib.Box(&x)
	return v.a + len(xs) + *p + *q
}
