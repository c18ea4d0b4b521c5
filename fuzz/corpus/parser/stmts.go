// Package s has one of every statement.
package s

//go:noinline
func f(c chan<- int, d <-chan int, x interface{}) (err error) {
L:
	for i := 0; i < 10; i++ {
		switch y := x.(type) {
		case int, string:
			_ = y
			break L
		default:
			continue L
		}
	}
	select {
	case c <- 1:
	case v, ok := <-d:
		_, _ = v, ok
	default:
	}
	if x == (T{}) {
		goto L
	}
	defer func() { recover() }()
	go f(c, d, nil)
	a := [...]int{1: 2, 3}
	s := a[1:2:3]
	m := map[string][]int{"a": {1}}
	p := (*T).M
	b := []byte("x")
	_ = 0x1p-2 + 1_000i + 'a' + 0o17 + 0b101 + .5e3
	_ = `raw
string`
	_, _, _, _, _ = s, m, p, b, &a
	switch {
	case true:
		fallthrough
	default:
	}
	return nil
}
