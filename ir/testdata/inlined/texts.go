// gc prints an inlined call as the variable holding its result (~R0), parenthesized as an
// operator's operand except in a string concatenation.
package p

func n() int    { return 3 } // ERROR "^6: can inline n$"
func s() string { return "x" } // ERROR "^6: can inline s$"

var sink any

func Sum() { sink = make([]byte, n()+1) } // ERROR "^6: can inline Sum$" "^35: inlining call to n$" "^14: make\\(\\[\\]byte, \\(~R0\\) \\+ 1\\) escapes to heap$" "^25: make\\(\\[\\]byte, \\(~R0\\) \\+ 1\\) escapes to heap$"

func Neg() { sink = make([]byte, -n()) } // ERROR "^6: can inline Neg$" "^36: inlining call to n$" "^14: make\\(\\[\\]byte, -\\(~R0\\)\\) escapes to heap$" "^25: make\\(\\[\\]byte, -\\(~R0\\)\\) escapes to heap$"

func Plain() { sink = make([]byte, n()) } // ERROR "^6: can inline Plain$" "^37: inlining call to n$" "^16: make\\(\\[\\]byte, ~R0\\) escapes to heap$" "^27: make\\(\\[\\]byte, ~R0\\) escapes to heap$"

func Concat(k string) { sink = s() + k } // ERROR "^6: can inline Concat$" "^33: inlining call to s$" "^13: k does not escape$" "^25: ~R0 \\+ k escapes to heap$" "^36: ~R0 \\+ k escapes to heap$"
