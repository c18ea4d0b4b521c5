// staticinit looks through conversions between identical underlying types (OCONVNOP): the
// value is static data, with no line; a conversion that does work is dynamic.
package p

type OID []int

type Raw []byte

var oid = OID([]int{1, 2, 840})

var null = Raw([]byte("null"))

var sink interface{} = OID([]int{4, 5})

var dyn = string([]byte{'a'}) // ERROR "^17: string\\(\\[\\]byte\\{\\.\\.\\.\\}\\) escapes to heap$" "^24: \\[\\]byte\\{\\.\\.\\.\\} does not escape$"
