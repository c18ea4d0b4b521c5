// A method value's closure holds the receiver (typecheck.MethodValueType): a receiver over
// 64 KiB makes it too large for the stack. := range variables are declared outside the
// loop (irgen's ODCLs in the range statement's init), which decides what outlives what.
package p

type big [20000]*int

func (big) f() {}

func Large() {
	x := big{}.f // ERROR "^12: big\\{\\}\\.f escapes to heap$"
	x()
}

type S struct{}

func (s *S) Inc() {} // ERROR "^7: s does not escape$"

var N int

func RangeVar() {
	var s S
	for i := 0; i < N; i++ {
		fs := []func(){ // ERROR "^17: \\[\\]func\\(\\)\\{\\.\\.\\.\\} does not escape$"
			s.Inc, // ERROR "^5: s\\.Inc does not escape$"
		}
		for _, f := range fs {
			f()
		}
	}
}
