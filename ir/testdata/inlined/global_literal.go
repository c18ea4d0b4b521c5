// A package-level function literal (glob..func1) is a top-level function of its own:
// calls of a literal it keeps in a never-reassigned local (ir.StaticValue) are inlined.
package p

type D struct{ n int }

func (d *D) Synthetic() bool { return d.n < 0 } // ERROR "^6: can inline \\(\\*D\\)\\.Synthetic$" "^7: d does not escape$"

var Less = func(x, y *D) bool { // ERROR "^17: x does not escape$" "^20: y does not escape$"
	valid := func(d *D) bool { // ERROR "^11: can inline glob\\.\\.func1\\.1$" "^16: d does not escape$" "^11: func literal does not escape$"
		return d != nil && !d.Synthetic() // ERROR "^34: inlining call to \\(\\*D\\)\\.Synthetic$"
	}
	if valid(x) != valid(y) { // ERROR "^10: inlining call to glob\\.\\.func1\\.1$" "^10: inlining call to \\(\\*D\\)\\.Synthetic$" "^22: inlining call to glob\\.\\.func1\\.1$" "^22: inlining call to \\(\\*D\\)\\.Synthetic$"
		return !valid(x) // ERROR "^16: inlining call to glob\\.\\.func1\\.1$" "^16: inlining call to \\(\\*D\\)\\.Synthetic$"
	}
	return x.n < y.n
}
