// Calls through locals that hold a function (ir.StaticValue): a local defined once and
// never reassigned (no other assignment, no &x) is the function, closure or method
// expression it holds, so the call is static and uses the callee's leaks.
package p

type T struct{ p *int }

func (t *T) Get() *int { return t.p } // ERROR "^7: leaking param: t to result ~r0 level=1$"

func nop(p *int) {} // ERROR "^10: p does not escape$"

func Indirect() {
	f := func(p *int) {} // ERROR "^12: p does not escape$" "^7: func literal does not escape$"
	f(new(int)) // ERROR "^7: new\\(int\\) does not escape$"

	g := f
	g(new(int)) // ERROR "^7: new\\(int\\) does not escape$"

	h := nop
	h(new(int)) // ERROR "^7: new\\(int\\) does not escape$"

	m := (*T).Get
	_ = m(&T{}) // ERROR "^8: &T\\{\\} does not escape$"
}

func Reassigned(cond bool) {
	f := func(p *int) {} // ERROR "^12: p does not escape$" "^7: func literal does not escape$"
	if cond {
		f = nop
	}
	f(new(int)) // ERROR "^7: new\\(int\\) escapes to heap$"
}

func ClosureResultToBlank() {
	x := 0
	_ = func(p *int) *int { // ERROR "^11: leaking param: p to result ~r0 level=0$" "^6: func literal does not escape$"
		return p
	}(&x)
}
