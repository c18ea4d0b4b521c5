// gc's deadcode pass runs before escape analysis: a constant if-condition (folded on
// constant left operands of && and ||) drops the branch it never takes, a live branch
// ending in return or panic drops the rest of the list, and function literals in dead
// code are never analyzed (though they keep their numbers).
package p

const debug = false
const enabled = true

var sink interface{}

type reader int

func (reader) Read(p []byte) (int, error) { return 0, nil } // ERROR "^20: p does not escape$"

const R = reader(0)

func f(x *int, r interface{}) *int { // ERROR "^8: x does not escape$" "^16: r does not escape$"
	if debug {
		sink = x
	}
	if debug && r == R {
		sink = new(int)
	}
	if enabled || r == nil {
		y := 1 // ERROR "^3: moved to heap: y$"
		return &y
	}
	z := 2
	sink = &z
	return nil
}

func g(p *int) func() *int { // ERROR "^8: p does not escape$"
	if !enabled {
		return func() *int { return p }
	}
	return func() *int { return nil } // ERROR "^9: func literal escapes to heap$"
}

func h(q *int) { // ERROR "^8: q does not escape$"
	if false {
		sink = q
	} else {
		sink = 1 // ERROR "^3: 1 escapes to heap$"
	}
}
