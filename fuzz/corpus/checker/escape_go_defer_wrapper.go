// go and defer statements: gc's wrapper closure (escape/call.go goDeferStmt). A method
// call is never the zero-argument path; each argument is copied into a temporary the
// silent wrapper captures; top-level defers keep it on the stack, loops and go move it
// (and what it captured) to the heap.
package p

type Mu struct{ n int }

func (m *Mu) Unlock() { m.n-- } // ERROR "^7: m does not escape$"

type W struct {
	mu Mu
	n  int
}

func (w *W) Write(p []byte) int { // ERROR "^7: w does not escape$" "^19: p does not escape$"
	defer w.mu.Unlock()
	return len(p)
}

func g(x *int) {} // ERROR "^8: x does not escape$"

func h(xs ...*int) {} // ERROR "^8: xs does not escape$"

type I interface{ M() }

func F(w *W, y int, i I) { // ERROR "^8: leaking param: w$" "^21: leaking param: i$"
	defer g(&y)
	for k := 0; k < 3; k++ {
		defer w.mu.Unlock()
	}
	go w.mu.Unlock()
	f := w.mu.Unlock // ERROR "^11: w\\.mu\\.Unlock does not escape$"
	defer f()
	go i.M()
}

func Loop(n int) {
	for k := 0; k < n; k++ {
		z := k // ERROR "^3: moved to heap: z$"
		defer g(&z)
		defer h(&z, nil) // ERROR "^10: \\.\\.\\. argument does not escape$"
	}
}

func Go(v int) { // ERROR "^9: moved to heap: v$"
	go func(p *int) {}(&v) // ERROR "^10: p does not escape$" "^5: func literal escapes to heap$"
	var local Mu // ERROR "^6: moved to heap: local$"
	go local.Unlock()
	defer println(v, "x")
}
