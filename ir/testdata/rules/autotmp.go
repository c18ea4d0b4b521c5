// irgen's temporaries in gc's text: a method call whose receiver (or a call whose callee)
// contains a call or channel operation gets it copied to .autotmp_N first, N counting the
// function's declarations and earlier temporaries (f(g()) and return g() make one per result).
package p

import "fmt"

type T struct{ n int }

func (t T) Kind() int { return t.n }
func (t T) Elem() T   { return t }
func two() (int, error) { return 0, nil }
func take(a int, e error) {} // ERROR "^18: e does not escape$"

func A(t T) (int, error) {
	take(two())
	return two()
}

func B(t T) error {
	x := 1
	take(two())
	if y := 2; y > x {
		z := 3
		_ = z
	}
	return fmt.Errorf("x %v", t.Elem().Kind()) // ERROR "^19: \\.\\.\\. argument does not escape$" "^41: T\\.Kind\\(\\.autotmp_7\\) escapes to heap$"
}

func C(t T) error {
	v, e := two()
	_, _ = v, e
	return fmt.Errorf("x %v", t.Elem().Kind()) // ERROR "^19: \\.\\.\\. argument does not escape$" "^41: T\\.Kind\\(\\.autotmp_4\\) escapes to heap$"
}

func D(t T) error {
	f := func(a int) error { // ERROR "^7: func literal does not escape$"
		return fmt.Errorf("x %v", t.Elem().Kind()) // ERROR "^20: \\.\\.\\. argument does not escape$" "^42: T\\.Kind\\(\\.autotmp_2\\) escapes to heap$"
	}
	return f(1)
}

func E(ts []T) error { // ERROR "^8: ts does not escape$"
	for i, t := range ts {
		_ = i
		_ = t
	}
	return fmt.Errorf("x %v %v", ts[0].Elem().Kind(), ts[len(ts)-1].Kind()) // ERROR "^19: \\.\\.\\. argument does not escape$" "^48: T\\.Kind\\(\\.autotmp_4\\) escapes to heap$" "^70: T\\.Kind\\(\\.autotmp_5\\) escapes to heap$"
}
func B2(t T, x interface{}) error { // ERROR "^14: x does not escape$"
	switch v := x.(type) {
	case int:
		_ = v
	case string, bool:
		_ = v
	default:
	}
	return fmt.Errorf("x %v", t.Elem().Kind()) // ERROR "^19: \\.\\.\\. argument does not escape$" "^41: T\\.Kind\\(\\.autotmp_6\\) escapes to heap$"
}
func C2(t T, m map[int]int, x interface{}) error { // ERROR "^14: m does not escape$" "^29: x does not escape$"
	a, ok := m[1]
	b, ok2 := x.(int)
	_, _, _, _ = a, ok, b, ok2
	return fmt.Errorf("x %v", t.Elem().Kind()) // ERROR "^19: \\.\\.\\. argument does not escape$" "^41: T\\.Kind\\(\\.autotmp_8\\) escapes to heap$"
}
func D2(t T, ch chan int) error { // ERROR "^14: ch does not escape$"
	select {
	case v := <-ch:
		_ = v
	case w, ok := <-ch:
		_, _ = w, ok
	}
	for i := 0; i < 2; i++ {
	}
	return fmt.Errorf("x %v", t.Elem().Kind()) // ERROR "^19: \\.\\.\\. argument does not escape$" "^41: T\\.Kind\\(\\.autotmp_7\\) escapes to heap$"
}
func F2(_ int, t T) error { return fmt.Errorf("x %v", t.Elem().Kind()) } // ERROR "^46: \\.\\.\\. argument does not escape$" "^68: T\\.Kind\\(\\.autotmp_2\\) escapes to heap$"
func (_ T) G(t T) error  { return fmt.Errorf("x %v", t.Elem().Kind()) } // ERROR "^45: \\.\\.\\. argument does not escape$" "^67: T\\.Kind\\(\\.autotmp_2\\) escapes to heap$"
func (T) H(t T) error    { return fmt.Errorf("x %v", t.Elem().Kind()) } // ERROR "^45: \\.\\.\\. argument does not escape$" "^67: T\\.Kind\\(\\.autotmp_2\\) escapes to heap$"
func I(int, t T) error   { return fmt.Errorf("x %v", t.Elem().Kind()) } // ERROR "^45: \\.\\.\\. argument does not escape$" "^67: T\\.Kind\\(\\.autotmp_3\\) escapes to heap$"
func J(t T) (_ error)    { return fmt.Errorf("x %v", t.Elem().Kind()) } // ERROR "^45: \\.\\.\\. argument does not escape$" "^67: T\\.Kind\\(\\.autotmp_2\\) escapes to heap$"
