// Comparing an interface with a concrete value (== / != / switch cases) converts nothing
// unless the concrete type is at least 64 KiB (irgen's transformCompare): no allocation
// and no line for the operand.
package p

type Errno uintptr

func (e Errno) Error() string { return "errno" }

const EINTR = Errno(4)

type Big struct{ a [1 << 16]byte }

func isIntr(err error) bool { // ERROR "err does not escape$"
	return err == EINTR
}

func kind(err error) int { // ERROR "err does not escape$"
	switch err {
	case EINTR:
		return 1
	case Errno(5):
		return 2
	}
	return 0
}

func same(x interface{}, v int, b *Big) bool { // ERROR "x does not escape$" "b does not escape$"
	return x == v || x != *b // ERROR "\\(interface \\{\\}\\)\\(\\*b\\) does not escape$"
}
