// gc's text of constants and builtins in -m lines: a constant prints as irgen kept its
// syntax (operators spaced, parentheses kept: uint64(1 << 63), (string)("")); real, imag,
// complex and recover are parenthesized as operands (no exprFmt precedence); a type
// assertion prints its type as gc spells it.
package p

import "time"

var sink any

func consts() {
	sink = uint64(1<<63) // ERROR "^2: uint64\\(1 << 63\\) escapes to heap$"
	sink = time.Duration(5*time.Second) // ERROR "^2: time\\.Duration\\(5 \\* time\\.Second\\) escapes to heap$"
	sink = 3*time.Second // ERROR "^2: 3 \\* time\\.Second escapes to heap$"
	sink = (string)("") // ERROR "^2: \\(string\\)\\(\"\"\\) escapes to heap$"
	sink = (uint8)(1+2) // ERROR "^2: \\(uint8\\)\\(1 \\+ 2\\) escapes to heap$"
	g(-real(1i), 2-imag(3i)) // ERROR "^3: \\.\\.\\. argument does not escape$" "^4: -real\\(1i\\) does not escape$" "^16: 2 - imag\\(3i\\) does not escape$"
}

func g(a ...any) {} // ERROR "^8: a does not escape$"

func ops(x complex128, y any) { // ERROR "^24: leaking param: y$"
	sink = -imag(x) // ERROR "^2: -\\(imag\\(x\\)\\) escapes to heap$"
	sink = 2 * real(x) // ERROR "^2: 2 \\* \\(real\\(x\\)\\) escapes to heap$"
	sink = y.(interface{ M() })
}
