// Inlined bodies with function literals, and calls of function-typed parameters.
package p

// A literal inside an inlined body is copied into the caller (inl.go inlcopy): the
// caller's closure, which does not escape here.
func adder() func(int) int { // ERROR "^6: can inline adder$"
	return func(x int) int { return x + 1 } // ERROR "^9: can inline adder\\.func1$" "^9: can inline useAdder\\.func1$" "^9: func literal escapes to heap$"
}

func useAdder() int {
	f := adder() // ERROR "^12: inlining call to adder$" "^12: func literal does not escape$"
	return f(1) // ERROR "^10: inlining call to useAdder\\.func1$"
}

// A literal called in place inside an inlined body is inlined in turn.
func twice(y int) int { // ERROR "^6: can inline twice$"
	return func() int { return y * 2 }() // ERROR "^9: can inline twice\\.func1$" "^36: inlining call to twice\\.func1$" "^9: can inline useTwice\\.func1$"
}

func useTwice() int { return twice(3) } // ERROR "^6: can inline useTwice$" "^35: inlining call to twice$" "^35: inlining call to useTwice\\.func1$"

// A parameter of function type called in the body: a static call once inlined
// (ir.StaticValue of the parameter's variable), so buf does not escape.
func apply(fn func([]byte) int, b []byte) int { return fn(b) } // ERROR "^6: can inline apply$" "^12: fn does not escape$" "^33: leaking param: b$"

func length(b []byte) int { return len(b) } // ERROR "^6: can inline length$" "^13: b does not escape$"

func useApply() int { // ERROR "^6: can inline useApply$"
	buf := make([]byte, 10) // ERROR "^13: make\\(\\[\\]byte, 10\\) does not escape$"
	return apply(length, buf) // ERROR "^14: inlining call to apply$" "^14: inlining call to length$"
}

// A literal called in place and inlined is gone: only the inlined copy's x moves to the
// heap, reported at the call.
var p *int

func alloc(x int) *int { return &x } // ERROR "^6: can inline alloc$" "^12: moved to heap: x$"

func f1() { // ERROR "^6: can inline f1$"
	func() { // ERROR "^2: can inline f1\\.func1$"
		p = alloc(3) // ERROR "^12: inlining call to alloc$"
	}() // ERROR "^3: inlining call to f1\\.func1$" "^3: inlining call to alloc$" "^3: moved to heap: x$"
}

// Constant operands print their source, parenthesized by precedence; a parenthesized
// constant receiver does not.
const wordSize = 8

func words(b []byte) []uint { // ERROR "^6: can inline words$" "^12: b does not escape$"
	return make([]uint, (len(b)+(wordSize-1))/wordSize) // ERROR "^13: make\\(\\[\\]uint, \\(len\\(b\\) \\+ \\(wordSize - 1\\)\\) / wordSize\\) escapes to heap$"
}

type enc int

func (e enc) encode() {} // ERROR "^6: can inline enc\\.encode$"

var encFn = (enc(32)).encode // ERROR "^22: enc\\(32\\)\\.encode escapes to heap$"
// ERRORAUTO "^inlining call to enc\\.encode$"
