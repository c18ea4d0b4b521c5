// Bodies of other packages' functions, inlined: their names and types are spelled with
// the package qualifier, their constants as T(value), their implicit conversions
// explicitly.
package p

import (
	"errors"
	"strings"
)

func Err() error { return errors.New("x") } // ERROR "^6: can inline Err$" "^37: inlining call to errors\\.New$" "^37: &errors\\.errorString\\{\\.\\.\\.\\} escapes to heap$"

func Build(a, b string) string { // ERROR "^12: a does not escape$" "^15: b does not escape$"
	var sb strings.Builder
	sb.WriteString(a) // ERROR "^16: inlining call to strings\\.\\(\\*Builder\\)\\.WriteString$" "^16: inlining call to strings\\.\\(\\*Builder\\)\\.copyCheck$" "^16: inlining call to strings\\.noescape$" "^16: \\(interface \\{\\}\\)\\(string\\(\"strings: illegal use of non-zero Builder copied by value\"\\)\\) escapes to heap$"
	sb.WriteString(b) // ERROR "^16: inlining call to strings\\.\\(\\*Builder\\)\\.WriteString$" "^16: inlining call to strings\\.\\(\\*Builder\\)\\.copyCheck$" "^16: inlining call to strings\\.noescape$" "^16: \\(interface \\{\\}\\)\\(string\\(\"strings: illegal use of non-zero Builder copied by value\"\\)\\) escapes to heap$"
	return sb.String() // ERROR "^18: inlining call to strings\\.\\(\\*Builder\\)\\.String$"
}

func Prefix(s string) bool { return strings.HasPrefix(s, "x") } // ERROR "^6: can inline Prefix$" "^54: inlining call to strings\\.HasPrefix$" "^13: s does not escape$"
