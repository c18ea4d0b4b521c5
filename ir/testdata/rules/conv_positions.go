// Where gc reports an implicit conversion to interface: irgen leaves base.Pos at the last
// expression it converted. Assignments convert the right side, then the left side (so
// the conversion sits at the last left-hand expression); declarations have only values;
// a package-qualified variable is a name and does not move it among call arguments.
package p

import "encoding/binary"

type S struct{ Value interface{} }

type Order interface{ Uint16([]byte) uint16 }

var sink interface{}

func use(o Order, b []byte) {} // ERROR "^10: o does not escape$" "^19: b does not escape$"

func assign(s []S, i int, value [2]int) { // ERROR "^13: s does not escape$"
	s[i].Value = value // ERROR "^4: value escapes to heap$"
}

func pair(t *S, v [2]int) (other int) { // ERROR "^11: t does not escape$"
	t.Value, other = v, 3 // ERROR "^11: v escapes to heap$"
	return
}

func decl() Order {
	var order Order = binary.BigEndian // ERROR "^26: binary\\.BigEndian escapes to heap$"
	return order
}

func call(b []byte) { // ERROR "^11: b does not escape$"
	use(binary.LittleEndian, b) // ERROR "^5: binary\\.LittleEndian does not escape$"
}
