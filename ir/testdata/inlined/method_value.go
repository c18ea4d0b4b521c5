// A method value in an inlined body is no call (escape's OMETHVALUE only flows the
// receiver into the method's tag hole): the method is not inlined there.
package p

type P struct{ syms map[string]bool }

func (p *P) lookup(recv, name string) bool { // ERROR "^6: can inline \\(\\*P\\)\\.lookup$" "^7: p does not escape$" "^20: recv does not escape$" "^26: name does not escape$"
	if recv != "" {
		return p.syms[recv+"."+name] // ERROR "^25: recv \\+ \"\\.\" \\+ name does not escape$"
	}
	return p.syms[name]
}

type Parser struct{ Lookup func(string, string) bool }

func (p *P) Parser() *Parser { return &Parser{Lookup: p.lookup} } // ERROR "^6: can inline \\(\\*P\\)\\.Parser$" "^7: leaking param: p$" "^39: &Parser\\{\\.\\.\\.\\} escapes to heap$" "^56: p\\.lookup escapes to heap$"

func use() bool { // ERROR "^6: can inline use$"
	q := new(P).Parser() // ERROR "^20: inlining call to \\(\\*P\\)\\.Parser$" "^10: new\\(P\\) does not escape$" "^20: &Parser\\{\\.\\.\\.\\} does not escape$" "^20: p\\.lookup does not escape$"
	return q.Lookup("a", "b")
}
