// gc's type format names no parameters or results of function types.
package p

var sink interface{}

func F() {
	sink = map[string]func(authority string, n int) (err error){} // ERROR "^61: map\\[string\\]func\\(string, int\\) error\\{\\} escapes to heap$"
	sink = make([]func(x ...int) (a, b int), 3) // ERROR "^2: make\\(\\[\\]func\\(\\.\\.\\.int\\) \\(int, int\\), 3\\) escapes to heap$" "^13: make\\(\\[\\]func\\(\\.\\.\\.int\\) \\(int, int\\), 3\\) escapes to heap$"
}
