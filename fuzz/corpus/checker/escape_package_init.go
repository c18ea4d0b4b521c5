// Package-level initializers: gc's init runs the dynamic part (maps, calls, new, dynamic
// elements of otherwise static literals) and its allocations escape into the globals;
// static data prints nothing; function literals are glob..funcN functions of their own.
package p

type T struct{ a, b *int }

var sink interface{}

type decoder func(b *[]int, m interface{}) error

var decs = []decoder{
	nil,
	func(b *[]int, m interface{}) error { // ERROR "^7: leaking param content: b$" "^17: m does not escape$"
		x := new(T) // ERROR "^11: new\\(T\\) escapes to heap$"
		sink = x
		*b = append(*b, 1)
		return nil
	},
}

var m = map[string]int{"a": 1} // ERROR "^23: map\\[string\\]int\\{\\.\\.\\.\\} escapes to heap$"

var p = &T{}

var q = new(T) // ERROR "^12: new\\(T\\) escapes to heap$"

var s = []byte("abc")

var f = func(x *int) *int { return x } // ERROR "^14: leaking param: x to result ~r0 level=0$"

var y, _ = two(&T{}) // ERROR "^16: &T\\{\\} escapes to heap$"

func two(t *T) (*T, error) { return t, nil } // ERROR "^10: leaking param: t to result ~r0 level=0$"

var z = T{a: new(int)} // ERROR "^17: new\\(int\\) escapes to heap$"
