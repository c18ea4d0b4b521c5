// //go:uintptrescapes callees (same package): a uintptr(unsafe.Pointer(&x)) argument,
// alone or among variadic ones, keeps x on the heap (rewriteArgument's unsafeUintptr).
package p

import "unsafe"

//go:uintptrescapes
func F1(a uintptr) {} // ERROR "^9: marking a as escaping uintptr$"

//go:uintptrescapes
func F2(a ...uintptr) {} // ERROR "^9: marking a as escaping \\.\\.\\.uintptr$"

type T struct{}

//go:uintptrescapes
func (T) M1(a uintptr) {} // ERROR "^13: marking a as escaping uintptr$"

func plain(a uintptr) {}

func TestF1() {
	var t int // ERROR "^6: moved to heap: t$"
	F1(uintptr(unsafe.Pointer(&t)))
}

func TestF2() {
	var v int // ERROR "^6: moved to heap: v$"
	F2(0, 1, uintptr(unsafe.Pointer(&v)), 2) // ERROR "^4: \\.\\.\\. argument escapes to heap$"
}

func TestM1() {
	var t T
	var v int // ERROR "^6: moved to heap: v$"
	t.M1(uintptr(unsafe.Pointer(&v)))
}

func TestPlain() {
	var w int
	plain(uintptr(unsafe.Pointer(&w)))
}
