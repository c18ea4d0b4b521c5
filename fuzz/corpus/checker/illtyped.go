package p

import "a"

type T struct{ t T }

type I interface{ I }

const c = 1 << 500

var x int = "s"
var y = undefined
var z = a.y

func f() (int, string) { return 1 }

func g[P any](p P) { p.m() }

func h() {
	var i interface{ M() }
	_ = i.(int)
	for range 1.5 {
	}
	x := 1
	go f
	defer 1
	var m map[[]int]int
	_ = m
	g[int, int](1)
	_ = c
	break
}
