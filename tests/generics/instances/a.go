package gen3

import "fmt"

type T struct{ a int }

type Box[X any] struct{ v X }

type Pair[K comparable, V any] struct {
	k K
	v V
}

var sink any

func NewPair[K comparable, V any](k K, v V) *Pair[K, V] { return &Pair[K, V]{k, v} }

func (p *Pair[K, V]) Key() K { return p.k }

func (p *Pair[K, V]) Show() string { return fmt.Sprint(p.k, p.v) }

func Use() {
	b := &Box[T]{}
	sink = b
	c := &Box[*T]{}
	sink = c
	d := &Box[[]fmt.Stringer]{}
	sink = d
	p := NewPair("a", 1)
	sink = p.Key()
	q := &Pair[string, T]{}
	sink = q
}
