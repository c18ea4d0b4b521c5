// Package-level initializers: gc's init runs the dynamic part (maps, calls, new, dynamic
// elements of otherwise static literals) and its allocations escape into the globals;
// static data prints nothing; function literals are glob..funcN functions of their own.
package p

type T struct{ a, b *int }

var sink interface{}

type decoder func(b *[]int, m interface{}) error

var decs = []decoder{
	nil,
	func(b *[]int, m interface{}) error { // ERROR "leaking param content: b$" "m does not escape$"
		x := new(T) // ERROR "new\\(T\\) escapes to heap$"
		sink = x
		*b = append(*b, 1)
		return nil
	},
}

var m = map[string]int{"a": 1} // ERROR "map\\[string\\]int\\{\\.\\.\\.\\} escapes to heap$"

var p = &T{}

var q = new(T) // ERROR "new\\(T\\) escapes to heap$"

var s = []byte("abc")

var f = func(x *int) *int { return x } // ERROR "leaking param: x to result ~r0 level=0$"

var y, _ = two(&T{}) // ERROR "&T\\{\\} escapes to heap$"

func two(t *T) (*T, error) { return t, nil } // ERROR "leaking param: t to result ~r0 level=0$"

var z = T{a: new(int)} // ERROR "new\\(int\\) escapes to heap$"
