package p

import (
	"a"
	"unsafe"
)

type S struct {
	a int8
	b int64
	c struct{}
}

const sz = unsafe.Sizeof(S{})
const off = unsafe.Offsetof(S{}.b)

func sw(x interface{}) int {
	switch v := x.(type) {
	case int, int8:
		return 1
	case string:
		return len(v)
	case a.I:
		return v.M()
	case nil:
	default:
		_ = v
	}
	select {
	case ch := <-make(chan int):
		_ = ch
	default:
	}
	var arr [sz]byte
	p := unsafe.Pointer(&arr)
	_ = unsafe.Add(p, 1)
	_ = unsafe.Slice(&arr[0], 2)
	goto L
L:
	for i := 0; i < 10; i++ {
		if i%2 == 0 {
			continue L
		}
	}
	defer func() { recover() }()
	return int(off) + copy(arr[:], "x") + cap(make([]int, 0, 4))
}
