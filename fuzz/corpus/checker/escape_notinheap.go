// Pointers to //go:notinheap types (the runtime's) are not pointers to the collector:
// values of such types flow nowhere and parameters of them get no line.
package p

//go:notinheap
type span struct {
	next *span
	n    int
}

type holder struct {
	s  span
	ok bool
}

var sink interface{}
var global *span

func link(a, b *span) *span {
	a.next = b
	global = a
	return b
}

func hold(h *holder, p *int) *int { // ERROR "^22: leaking param: p to result ~r0 level=0$"
	sink = h // ERROR "^2: h escapes to heap$"
	return p
}
