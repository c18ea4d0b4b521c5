// Generic code calling generic code: a call with shape arguments in a shape body is
// inlined (mkinlcall's rule for instances with shape parameters), named after the
// instance the caller's instance calls; calls of a generic type's methods in its other
// methods too. The callee's cost counts, plus the sub-dictionary argument (4 nodes).
package p

type Set[K comparable] struct{ m map[K]struct{} }

func NewSet[K comparable](items ...K) *Set[K] { // ERROR "^6: can inline NewSet\\[go\\.shape\\.int_0\\]$"
	s := &Set[K]{m: make(map[K]struct{}, len(items))} // ERROR "^7: &Set\\[go\\.shape\\.int_0\\]\\{\\.\\.\\.\\} escapes to heap$" "^22: make\\(map\\[go\\.shape\\.int_0\\]struct \\{\\}, len\\(items\\)\\) escapes to heap$"
	for _, it := range items {
		s.Add(it) // ERROR "^8: inlining call to \\(\\*Set\\[go\\.shape\\.int_0\\]\\)\\.Add$"
	}
	return s
}

func (s *Set[K]) Add(k K)      { s.m[k] = struct{}{} } // ERROR "^6: can inline \\(\\*Set\\[go\\.shape\\.int_0\\]\\)\\.Add$"
func (s *Set[K]) Has(k K) bool { _, ok := s.m[k]; return ok } // ERROR "^6: can inline \\(\\*Set\\[go\\.shape\\.int_0\\]\\)\\.Has$"
func (s *Set[K]) Len() int     { return len(s.m) } // ERROR "^6: can inline \\(\\*Set\\[go\\.shape\\.int_0\\]\\)\\.Len$"
func (s *Set[K]) Keys() []K    { return Keys(s.m) } // ERROR "^6: can inline \\(\\*Set\\[go\\.shape\\.int_0\\]\\)\\.Keys$" "^45: inlining call to Keys\\[go\\.shape\\.int_0,go\\.shape\\.struct \\{\\}_1\\]$" "^45: make\\(\\[\\]go\\.shape\\.int_0, 0, len\\(m\\)\\) escapes to heap$"

type Err struct{ s string }

func (e *Err) Error() string { return e.s } // ERROR "^6: can inline \\(\\*Err\\)\\.Error$" "^7: leaking param: e to result ~r0 level=1$"

func (s *Set[K]) Check(k K) error { // ERROR "^6: can inline \\(\\*Set\\[go\\.shape\\.int_0\\]\\)\\.Check$"
	if !s.Has(k) { // ERROR "^11: inlining call to \\(\\*Set\\[go\\.shape\\.int_0\\]\\)\\.Has$"
		return &Err{"missing"} // ERROR "^10: &Err\\{\\.\\.\\.\\} escapes to heap$"
	}
	return nil
}

func Keys[K comparable, V any](m map[K]V) []K { // ERROR "^6: can inline Keys\\[go\\.shape\\.int_0,go\\.shape\\.struct \\{\\}_1\\]$"
	out := make([]K, 0, len(m)) // ERROR "^13: make\\(\\[\\]go\\.shape\\.int_0, 0, len\\(m\\)\\) escapes to heap$"
	for k := range m {
		out = append(out, k)
	}
	return out
}

func Filter[T any](xs []T, keep func(T) bool) []T { // ERROR "^6: can inline Filter\\[go\\.shape\\.int_0\\]$"
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func Max[T int | float64 | string](a, b T) T { // ERROR "^6: can inline Max\\[go\\.shape\\.int_0\\]$"
	if a > b {
		return a
	}
	return b
}

func MaxOf[T int | float64 | string](xs ...T) T { // ERROR "^6: can inline MaxOf\\[go\\.shape\\.int_0\\]$"
	var m T
	for _, x := range xs {
		m = Max(m, x) // ERROR "^10: inlining call to Max\\[go\\.shape\\.int_0\\]$"
	}
	return m
}

func Sum(xs []int) int { // ERROR "^10: xs does not escape$"
	s := NewSet(xs...)
	evens := Filter(xs, func(x int) bool { return x%2 == 0 }) // ERROR "^22: can inline Sum\\.func1$" "^22: func literal does not escape$"
	_ = s.Check(3)
	return MaxOf(xs...) + len(evens) + s.Len() + len(s.Keys())
}
