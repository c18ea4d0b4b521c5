// reflect.SliceHeader / StringHeader Data fields hold pointers as uintptr: reading Data
// through a pointer flows what it points at, storing into it leaks the value.
package p

import (
	"reflect"
	"unsafe"
)

func fromSliceData(s []int) unsafe.Pointer { // ERROR "^20: leaking param: s to result ~r0 level=0$"
	return unsafe.Pointer((*reflect.SliceHeader)(unsafe.Pointer(&s)).Data)
}

func fromStringData(s string) unsafe.Pointer { // ERROR "^21: leaking param: s to result ~r0 level=0$"
	return unsafe.Pointer((*reflect.StringHeader)(unsafe.Pointer(&s)).Data)
}

func toSliceData(s *[]int, p unsafe.Pointer) { // ERROR "^18: s does not escape$" "^28: leaking param: p$"
	(*reflect.SliceHeader)(unsafe.Pointer(s)).Data = uintptr(p)
}

func valueHeader(h reflect.SliceHeader) unsafe.Pointer {
	return unsafe.Pointer(h.Data)
}
