// Conversions in package-level initializers take the positions irgen gives them inside
// functions too (a map literal's key and value at the key's ':'), and T(nil) is no
// conversion at all (typecheck makes it a typed nil).
package p

type K int

var m = map[interface{}]interface{}{ // ERROR "^36: map\\[interface \\{\\}\\]interface \\{\\}\\{\\.\\.\\.\\} escapes to heap$"
	K(1): K(2), // ERROR "^6: K\\(1\\) escapes to heap$" "^6: K\\(2\\) escapes to heap$"
	K(3):   "x", // ERROR "^6: K\\(3\\) escapes to heap$" "^6: \"x\" escapes to heap$"
}

var pair = [2]interface{}{K(4), []int{5}}

func nilConversions() (interface{}, error) {
	_, ok := (interface{}(nil)).(error)
	if ok {
		return nil, error(nil)
	}
	return interface{}(nil), nil
}
