// Multi-value assignments and returns whose destination types differ from the results'
// (transformAssign / transformReturn): the results go through .autotmp_N temporaries, and
// the conversion to interface prints as the temporary.
package p

type S string

func two() (S, error)     { return "", nil }
func three() (S, int, error) { return "", 0, nil }

type H struct{ V interface{} }

func A(h *H) error { // ERROR "^8: h does not escape$"
	var err error
	h.V, err = two() // ERROR "^7: \\.autotmp_3 escapes to heap$"
	return err
}

func B() (interface{}, error) {
	return two() // ERROR "^12: \\.autotmp_2 escapes to heap$"
}

func C(h *H) (int, error) { // ERROR "^8: h does not escape$"
	var n int
	var err error
	h.V, n, err = three() // ERROR "^10: \\.autotmp_5 escapes to heap$"
	return n, err
}

func D() (interface{}, int, error) {
	x := 1
	_ = x
	return three() // ERROR "^14: \\.autotmp_4 escapes to heap$"
}
