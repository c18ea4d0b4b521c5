// Methods of generic types: gc compiles every method of each fully instantiated type the
// package uses, per shape instantiation, as DUPOK functions: parameters get no lines.
package p

var sink interface{}

type Box[T any] struct {
	v T
	p *int
}

func (b *Box[T]) Get() T { return b.v }

func (b *Box[T]) Set(v T) {
	b.v = v
	sink = b
}

func (b *Box[T]) Check(p *int) *int {
	if p == nil {
		panic("nil p") // ERROR "^9: \"nil p\" escapes to heap$"
	}
	return p
}

func Inst() {
	b := &Box[int]{} // ERROR "^7: &Box\\[int\\]\\{\\} escapes to heap$"
	b.Set(2)
	_ = b.Check(nil)
}
