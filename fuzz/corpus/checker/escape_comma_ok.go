// Comma-ok forms (v.(T), m[k], <-c): the value has type T, so its flows keep their
// dereference levels (a pointer assertion adds none) and pointer values are not pruned.
package p

type T struct{ Title *string }

type U struct{ Union interface{} }

func (m *U) GetUnion() interface{} { return m.Union } // ERROR "^7: leaking param: m to result ~r0 level=1$"

func (m *U) GetTitle() *string { // ERROR "^7: leaking param: m to result ~r0 level=2$"
	if x, ok := m.GetUnion().(*T); ok {
		return x.Title
	}
	return nil
}

func fromMap(m map[string]*int) *int { // ERROR "^14: m does not escape$"
	v, ok := m["a"]
	if ok {
		return v
	}
	return nil
}

func fromChan(c chan *int) *int { // ERROR "^15: c does not escape$"
	v, ok := <-c
	if ok {
		return v
	}
	return nil
}
