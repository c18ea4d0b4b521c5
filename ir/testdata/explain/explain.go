// gc's -m=2 escape explanations (solve.go explainPath/explainFlow): "X escapes to heap:",
// "parameter p leaks to L with derefs=N:", each followed by the flows from it to what holds
// it and the notes of each flow (assign, call parameter, address-of, spill, ...).
package p

type T struct {
	P    *int
	Next *T
	S    []*int
}

var sink any
var gp *int

func leakAssign(p *int) { gp = p } // ERROR "^17: parameter p leaks to \\{heap\\} with derefs=0:$" "^17:   flow: \\{heap\\} = p:$" "^17:     from gp = p \\(assign\\) at (?:\\./)?explain\\.go:15:30$" "^17: leaking param: p$"

func leakCall(q *int) { leakAssign(q) } // ERROR "^15: parameter q leaks to \\{heap\\} with derefs=0:$" "^15:   flow: \\{heap\\} = q:$" "^15:     from leakAssign\\(q\\) \\(call parameter\\) at (?:\\./)?explain\\.go:17:35$" "^15: leaking param: q$"

func leakNested(q *int) *int { return id(id(q)) } // ERROR "^17: parameter q leaks to ~r0 with derefs=0:$" "^17:   flow: ~r0 = q:$" "^17:     from id\\(q\\) \\(call parameter\\) at (?:\\./)?explain\\.go:19:44$" "^17:     from id\\(id\\(q\\)\\) \\(call parameter\\) at (?:\\./)?explain\\.go:19:41$" "^17:     from return id\\(id\\(q\\)\\) \\(return\\) at (?:\\./)?explain\\.go:19:32$" "^17: leaking param: q to result ~r0 level=0$"

func id(p *int) *int { return p } // ERROR "^9: parameter p leaks to ~r0 with derefs=0:$" "^9:   flow: ~r0 = p:$" "^9:     from return p \\(return\\) at (?:\\./)?explain\\.go:21:24$" "^9: leaking param: p to result ~r0 level=0$"

func addrEscapes() {
	x := 1 // ERROR "^2: x escapes to heap:$" "^2:   flow: \\{heap\\} = &x:$" "^2:     from &x \\(address-of\\) at (?:\\./)?explain\\.go:25:7$" "^2:     from gp = &x \\(assign\\) at (?:\\./)?explain\\.go:25:5$" "^2: moved to heap: x$"
	gp = &x
}

func boxed(n int) { sink = n } // ERROR "^21: n escapes to heap:$" "^21:   flow: \\{heap\\} = &\\{storage for n\\}:$" "^21:     from n \\(spill\\) at (?:\\./)?explain\\.go:28:21$" "^21:     from sink = n \\(assign\\) at (?:\\./)?explain\\.go:28:26$" "^21: n escapes to heap$"

func ifaceToIface(e error) { sink = e } // ERROR "^19: parameter e leaks to \\{heap\\} with derefs=0:$" "^19:   flow: \\{heap\\} = e:$" "^19:     from e \\(interface-converted\\) at (?:\\./)?explain\\.go:30:30$" "^19:     from sink = e \\(assign\\) at (?:\\./)?explain\\.go:30:35$" "^19: leaking param: e$"

func tooLarge() {
	_ = make([]byte, 1<<17) // ERROR "^10: make\\(\\[\\]byte, 1 << 17\\) escapes to heap:$" "^10:   flow: \\{heap\\} = &\\{storage for make\\(\\[\\]byte, 1 << 17\\)\\}:$" "^10:     from make\\(\\[\\]byte, 1 << 17\\) \\(too large for stack\\) at (?:\\./)?explain\\.go:33:10$" "^10: make\\(\\[\\]byte, 1 << 17\\) escapes to heap$"
}

func nonConstant(n int) {
	_ = make([]byte, n) // ERROR "^10: make\\(\\[\\]byte, n\\) escapes to heap:$" "^10:   flow: \\{heap\\} = &\\{storage for make\\(\\[\\]byte, n\\)\\}:$" "^10:     from make\\(\\[\\]byte, n\\) \\(non-constant size\\) at (?:\\./)?explain\\.go:37:10$" "^10: make\\(\\[\\]byte, n\\) escapes to heap$"
}

func captured() func() int {
	x := 0 // ERROR "^2: captured capturing by ref: x \\(addr=false assign=true width=8\\)$" "^2: x escapes to heap:$" "^2:   flow: \\{storage for func literal\\} = &x:$" "^2:     from x \\(captured by a closure\\) at (?:\\./)?explain\\.go:42:22$" "^2:     from x \\(reference\\) at (?:\\./)?explain\\.go:42:22$" "^2: moved to heap: x$"
	return func() int { x++; return x } // ERROR "^9: func literal escapes to heap:$" "^9:   flow: ~r0 = &\\{storage for func literal\\}:$" "^9:     from func literal \\(spill\\) at (?:\\./)?explain\\.go:42:9$" "^9:     from return func literal \\(return\\) at (?:\\./)?explain\\.go:42:2$" "^9: func literal escapes to heap$"
}

func capturedValue(y int) func() int { // ERROR "^20: capturedValue capturing by value: y \\(addr=false assign=false width=8\\)$" "^20: parameter y leaks to \\{storage for func literal\\} with derefs=0:$" "^20:   flow: \\{storage for func literal\\} = y:$" "^20:     from y \\(captured by a closure\\) at (?:\\./)?explain\\.go:46:29$"
	return func() int { return y } // ERROR "^9: func literal escapes to heap:$" "^9:   flow: ~r0 = &\\{storage for func literal\\}:$" "^9:     from func literal \\(spill\\) at (?:\\./)?explain\\.go:46:9$" "^9:     from return func literal \\(return\\) at (?:\\./)?explain\\.go:46:2$" "^9: func literal escapes to heap$"
}

func dotOfPointer(t *T) { gp = t.P } // ERROR "^19: parameter t leaks to \\{heap\\} with derefs=1:$" "^19:   flow: \\{heap\\} = \\*t:$" "^19:     from t\\.P \\(dot of pointer\\) at (?:\\./)?explain\\.go:49:33$" "^19:     from gp = t\\.P \\(assign\\) at (?:\\./)?explain\\.go:49:30$" "^19: leaking param content: t$"

func fieldAddr(t T) *int { return t.P } // ERROR "^16: parameter t leaks to ~r0 with derefs=0:$" "^16:   flow: ~r0 = t:$" "^16:     from t\\.P \\(dot\\) at (?:\\./)?explain\\.go:51:36$" "^16:     from return t\\.P \\(return\\) at (?:\\./)?explain\\.go:51:28$" "^16: leaking param: t to result ~r0 level=0$"

func literal(p *int) *T { return &T{P: p} } // ERROR "^34: &T\\{\\.\\.\\.\\} escapes to heap:$" "^34:   flow: ~r0 = &\\{storage for &T\\{\\.\\.\\.\\}\\}:$" "^34:     from &T\\{\\.\\.\\.\\} \\(spill\\) at (?:\\./)?explain\\.go:53:34$" "^34:     from return &T\\{\\.\\.\\.\\} \\(return\\) at (?:\\./)?explain\\.go:53:27$" "^14: parameter p leaks to \\{storage for &T\\{\\.\\.\\.\\}\\} with derefs=0:$" "^14:   flow: \\{storage for &T\\{\\.\\.\\.\\}\\} = p:$" "^14:     from T\\{\\.\\.\\.\\} \\(struct literal element\\) at (?:\\./)?explain\\.go:53:36$" "^14: leaking param: p$" "^34: &T\\{\\.\\.\\.\\} escapes to heap$"

func sliceLit(p *int) []*int { return []*int{p} } // ERROR "^45: \\[\\]\\*int\\{\\.\\.\\.\\} escapes to heap:$" "^45:   flow: ~r0 = &\\{storage for \\[\\]\\*int\\{\\.\\.\\.\\}\\}:$" "^45:     from \\[\\]\\*int\\{\\.\\.\\.\\} \\(spill\\) at (?:\\./)?explain\\.go:55:45$" "^45:     from return \\[\\]\\*int\\{\\.\\.\\.\\} \\(return\\) at (?:\\./)?explain\\.go:55:32$" "^15: parameter p leaks to \\{storage for \\[\\]\\*int\\{\\.\\.\\.\\}\\} with derefs=0:$" "^15:   flow: \\{storage for \\[\\]\\*int\\{\\.\\.\\.\\}\\} = p:$" "^15:     from \\[\\]\\*int\\{\\.\\.\\.\\} \\(slice-literal-element\\) at (?:\\./)?explain\\.go:55:45$" "^15: leaking param: p$" "^45: \\[\\]\\*int\\{\\.\\.\\.\\} escapes to heap$"

func ranged(ps []*int) { // ERROR "^13: parameter ps leaks to \\{heap\\} with derefs=1:$" "^13:   flow: \\{temp\\} = ps:$" "^13:   flow: p = \\*\\{temp\\}:$" "^13:     from for loop \\(range-deref\\) at (?:\\./)?explain\\.go:58:14$" "^13:   flow: \\{heap\\} = p:$" "^13:     from gp = p \\(assign\\) at (?:\\./)?explain\\.go:59:6$" "^13: leaking param content: ps$"
	for _, p := range ps {
		gp = p
	}
}

func mapPut(m map[*int]int, k *int) { m[k] = 1 } // ERROR "^29: parameter k leaks to \\{heap\\} with derefs=0:$" "^29:   flow: \\{heap\\} = k:$" "^29:     from m\\[k\\] \\(key of map put\\) at (?:\\./)?explain\\.go:63:40$" "^13: m does not escape$" "^29: leaking param: k$"

func sends(c chan *int, p *int) { c <- p } // ERROR "^25: parameter p leaks to \\{heap\\} with derefs=0:$" "^25:   flow: \\{heap\\} = p:$" "^25:     from c <- p \\(send\\) at (?:\\./)?explain\\.go:65:37$" "^12: c does not escape$" "^25: leaking param: p$"

func appends(s []*int, p *int) []*int { return append(s, p) } // ERROR "^24: parameter p leaks to \\{heap\\} with derefs=0:$" "^24:   flow: \\{heap\\} = p:$" "^24:     from append\\(s, p\\) \\(call parameter\\) at (?:\\./)?explain\\.go:67:54$" "^14: parameter s leaks to \\{heap\\} with derefs=1:$" "^14:   flow: \\{temp\\} = s:$" "^14:     from append\\(s, p\\) \\(call parameter\\) at (?:\\./)?explain\\.go:67:54$" "^14:   flow: \\{heap\\} = \\*\\{temp\\}:$" "^14:     from append\\(s, p\\) \\(appendee slice\\) at (?:\\./)?explain\\.go:67:54$" "^14: parameter s leaks to ~r0 with derefs=0:$" "^14:   flow: \\{temp\\} = s:$" "^14:     from append\\(s, p\\) \\(call parameter\\) at (?:\\./)?explain\\.go:67:54$" "^14:   flow: ~r0 = \\{temp\\}:$" "^14:     from return append\\(s, p\\) \\(return\\) at (?:\\./)?explain\\.go:67:41$" "^14: leaking param content: s$" "^14: leaking param: s to result ~r0 level=0$" "^24: leaking param: p$"

func variadic(args ...any) { sink = args } // ERROR "^30: args escapes to heap:$" "^30:   flow: \\{heap\\} = &\\{storage for args\\}:$" "^30:     from args \\(spill\\) at (?:\\./)?explain\\.go:69:30$" "^30:     from sink = args \\(assign\\) at (?:\\./)?explain\\.go:69:35$" "^15: parameter args leaks to \\{storage for args\\} with derefs=0:$" "^15:   flow: \\{storage for args\\} = args:$" "^15:     from args \\(interface-converted\\) at (?:\\./)?explain\\.go:69:30$" "^15: leaking param: args$" "^30: args escapes to heap$"

func callVariadic(p *int) { variadic(p, 1) } // ERROR "^37: \\.\\.\\. argument escapes to heap:$" "^37:   flow: \\{heap\\} = &\\{storage for \\.\\.\\. argument\\}:$" "^37:     from \\.\\.\\. argument \\(spill\\) at (?:\\./)?explain\\.go:71:37$" "^37:     from variadic\\(\\.\\.\\. argument\\.\\.\\.\\) \\(call parameter\\) at (?:\\./)?explain\\.go:71:37$" "^41: 1 escapes to heap:$" "^41:   flow: \\{storage for \\.\\.\\. argument\\} = &\\{storage for 1\\}:$" "^41:     from 1 \\(spill\\) at (?:\\./)?explain\\.go:71:41$" "^41:     from \\.\\.\\. argument \\(slice-literal-element\\) at (?:\\./)?explain\\.go:71:37$" "^19: parameter p leaks to \\{storage for \\.\\.\\. argument\\} with derefs=0:$" "^19:   flow: \\{storage for \\.\\.\\. argument\\} = p:$" "^19:     from p \\(interface-converted\\) at (?:\\./)?explain\\.go:71:37$" "^19:     from \\.\\.\\. argument \\(slice-literal-element\\) at (?:\\./)?explain\\.go:71:37$" "^19: leaking param: p$" "^37: \\.\\.\\. argument escapes to heap$" "^41: 1 escapes to heap$"

func derefs(pp **int) { gp = *pp } // ERROR "^13: parameter pp leaks to \\{heap\\} with derefs=1:$" "^13:   flow: \\{heap\\} = \\*pp:$" "^13:     from \\*pp \\(indirection\\) at (?:\\./)?explain\\.go:73:30$" "^13:     from gp = \\*pp \\(assign\\) at (?:\\./)?explain\\.go:73:28$" "^13: leaking param content: pp$"

func methodValue(t *T) func() *int { return t.get } // ERROR "^18: parameter t leaks to \\{heap\\} with derefs=1:$" "^18:   flow: \\{temp\\} = t:$" "^18:   flow: \\{heap\\} = \\*\\{temp\\}:$" "^46: t\\.get escapes to heap:$" "^46:   flow: ~r0 = &\\{storage for t\\.get\\}:$" "^46:     from t\\.get \\(spill\\) at (?:\\./)?explain\\.go:75:46$" "^46:     from return t\\.get \\(return\\) at (?:\\./)?explain\\.go:75:38$" "^18: parameter t leaks to \\{storage for t\\.get\\} with derefs=0:$" "^18:   flow: \\{temp\\} = t:$" "^18:   flow: \\{storage for t\\.get\\} = \\{temp\\}:$" "^18: leaking param: t$" "^46: t\\.get escapes to heap$"

func (t *T) get() *int { return t.P } // ERROR "^7: parameter t leaks to ~r0 with derefs=1:$" "^7:   flow: ~r0 = \\*t:$" "^7:     from t\\.P \\(dot of pointer\\) at (?:\\./)?explain\\.go:77:34$" "^7:     from return t\\.P \\(return\\) at (?:\\./)?explain\\.go:77:26$" "^7: leaking param: t to result ~r0 level=1$"
