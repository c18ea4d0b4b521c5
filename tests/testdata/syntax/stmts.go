package stmts

func f(ch chan int, x interface{}) {
L:
	for i := 0; i < 10; i++ {
		if i == 5 {
			continue L
		}
		goto M
	}
M:
	select {
	case ch <- 1:
	case v, ok := <-ch:
		_, _ = v, ok
	default:
	}
	switch y := x.(type) {
	case int, string:
		_ = y
	default:
		break
	}
	switch {
	case true:
		fallthrough
	default:
	}
	for range ch {
	}
	for i := range 10 {
		_ = i
	}
	defer close(ch)
	go func() {}()
	ch <- 2
	x = <-ch
	n := 1
	n++
	n -= 2
	n <<= 1
	var k, j = 1, 2
	_, _ = k, j
}
