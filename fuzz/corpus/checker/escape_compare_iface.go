// Comparing an interface with a concrete value (== / != / switch cases) converts nothing
// unless the concrete type is at least 64 KiB (irgen's transformCompare): no allocation
// and no line for the operand.
package p

type Errno uintptr

func (e Errno) Error() string { return "errno" }

const EINTR = Errno(4)

type Big struct{ a [1 << 16]byte }

func isIntr(err error) bool { // ERROR "^13: err does not escape$"
	return err == EINTR
}

func kind(err error) int { // ERROR "^11: err does not escape$"
	switch err {
	case EINTR:
		return 1
	case Errno(5):
		return 2
	}
	return 0
}

func same(x interface{}, v int, b *Big) bool { // ERROR "^11: x does not escape$" "^33: b does not escape$"
	return x == v || x != *b // ERROR "^25: \\(interface \\{\\}\\)\\(\\*b\\) does not escape$"
}
