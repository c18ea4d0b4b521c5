// devirtualize.Call (before escape analysis): an interface method call whose receiver's
// static value converts a concrete T becomes T's method called on x.(T); a method
// promoted from an embedded interface stays an interface call on x.(T).I ("partially").
// Comma-ok forms get their conversion only after escape analysis (order's as2ok).
package p

var sink interface{}

type M interface{ M() }

type M0 struct{ p *int }

func (M0) M() {}

type M2 struct{ p *int }

func (*M2) M() {}

func Direct() {
	i := 0
	v := M0{&i}
	var x M = v
	x.M() // ERROR "^5: devirtualizing x\\.M to M0$"
}

func Pointer() {
	i := 0
	v := &M2{&i} // ERROR "^7: &M2\\{\\.\\.\\.\\} does not escape$"
	var x M = v
	x.M() // ERROR "^5: devirtualizing x\\.M to \\*M2$"
}

func Explicit() {
	j := 0
	M(M0{&j}).M() // ERROR "^13: devirtualizing M\\(M0\\{\\.\\.\\.\\}\\)\\.M to M0$"
}

func Partial() {
	type I interface{ M() }
	type T struct{ I }
	var i I = T{} // ERROR "^13: T\\{\\} does not escape$"
	i.M() // ERROR "^5: partially devirtualizing i\\.M to T$"
}

func CommaOk(y interface{}) { // ERROR "^14: y does not escape$"
	var ok bool
	sink, ok = y.(int)
	_ = ok
}
