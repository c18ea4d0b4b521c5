// Package quirks exercises what go/types records in unusual ways (see ../../../README.md).
// quirks.types, quirks.objects and quirks.sizes beside it are dumptypes/dumpsizes output.
package quirks

import (
	"fmt"
	u "unsafe"
)

type T struct{ A, B int }

type I interface {
	fmt.Stringer
	M(x int) string
	m()
}

type Padded struct {
	a int64
	b byte
}

type TrailingZero struct {
	a int64
	z struct{}
}

type Embeds struct {
	T
	*Padded
	_   [3]byte
	tag string `json:"tag"`
}

func G[P any, Q ~int | ~string](p P, q Q) P { return p }

type L[E any] struct{ e E }

func (l *L[E]) Get() E { return l.e }

func (T) String() string { return "" }

const (
	c0 = iota * 10
	c1
	big   = 1 << 100
	long  = "0123456789012345678901234567890123456789012345678901234567890123456789" + "0123456789012345678901234567890123456789"
	f32   float32 = 0.1
	cplx          = 1 + 2i
	sz            = u.Sizeof(TrailingZero{})
	alg           = u.Alignof(Padded{})
	off           = u.Offsetof(Embeds{}.tag)
)

func f(y interface{}, bs []byte, u8 []uint8, r rune, ch chan int, m map[string]int) {
	_ = []*T{{1, 2}, &T{A: 3}}
	v, ok := m["a"]
	w := m["b"]
	s, ok2 := y.(string)
	x, ok3 := <-ch
	_, _, _, _, _, _, _ = v, ok, w, s, ok2, x, ok3
	switch z := y.(type) {
	case int, string:
		_ = z
	case fmt.Stringer:
		_ = z.String()
	}
	_ = G[int, int](1, 2)
	_ = G(1.5, "s")
	var l L[string]
	_ = l.Get()
	_ = T.String
	_ = (*L[int]).Get
	var i I
	_ = i.M
	_ = big >> 98
	_ = 'a'
	_ = bs[0] + u8[0]
	_ = r + 1
	_ = len(long) + len(bs) + cap(u8)
	_ = append(bs, "x"...)
	_ = recover()
	defer func() { panic(y) }()
	n := 0
	n++
	(n)--
	type local struct{ x int }
	_ = local{x: n}
	var e Embeds
	_ = int64(e.A) + e.Padded.a
	_ = any(nil)
	_ = (nil) == y
	_ = [...]string{2: "c"}
	_ = fmt.Sprint(c0, c1, f32, cplx, sz, alg, off)
loop:
	for k := range m {
		if k == "" {
			continue loop
		}
	}
}
