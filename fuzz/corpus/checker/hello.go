package p

import "a"

func main() {
	var t a.T
	println(t.M(), t.X, a.V, a.C, a.K, a.A1)
}
