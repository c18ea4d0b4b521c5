// Literals inlined into their owner: the owner's variables stay its own, the literal's
// parameters become the owner's locals, and the literal's own copy is analyzed alone.
package p

type Section struct{ Name string }

func Names(secs []*Section) []string { // ERROR "^6: can inline Names$" "^12: leaking param content: secs$"
	suffix := func(s *Section) string { // ERROR "^12: can inline Names\\.func1$" "^17: leaking param: s to result ~r0 level=1$" "^12: func literal does not escape$"
		if len(s.Name) > 7 {
			return s.Name[7:]
		}
		return ""
	}
	var out []string
	for _, s := range secs {
		out = append(out, suffix(s)) // ERROR "^27: inlining call to Names\\.func1$"
	}
	return out
}

func InPlace(n int) []byte { // ERROR "^6: can inline InPlace$"
	return func(k int) []byte { return make([]byte, k) }(n) // ERROR "^9: can inline InPlace\\.func1$" "^54: inlining call to InPlace\\.func1$" "^54: make\\(\\[\\]byte, k\\) escapes to heap$"
}
