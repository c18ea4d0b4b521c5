// go and defer statements: gc's wrapper closure (escape/call.go goDeferStmt). A method
// call is never the zero-argument path; each argument is copied into a temporary the
// silent wrapper captures; top-level defers keep it on the stack, loops and go move it
// (and what it captured) to the heap.
package p

type Mu struct{ n int }

func (m *Mu) Unlock() { m.n-- } // ERROR "m does not escape$"

type W struct {
	mu Mu
	n  int
}

func (w *W) Write(p []byte) int { // ERROR "w does not escape$" "p does not escape$"
	defer w.mu.Unlock()
	return len(p)
}

func g(x *int) {} // ERROR "x does not escape$"

func h(xs ...*int) {} // ERROR "xs does not escape$"

type I interface{ M() }

func F(w *W, y int, i I) { // ERROR "leaking param: w$" "leaking param: i$"
	defer g(&y)
	for k := 0; k < 3; k++ {
		defer w.mu.Unlock()
	}
	go w.mu.Unlock()
	f := w.mu.Unlock // ERROR "w\\.mu\\.Unlock does not escape$"
	defer f()
	go i.M()
}

func Loop(n int) {
	for k := 0; k < n; k++ {
		z := k // ERROR "moved to heap: z$"
		defer g(&z)
		defer h(&z, nil) // ERROR "\\.\\.\\. argument does not escape$"
	}
}

func Go(v int) { // ERROR "moved to heap: v$"
	go func(p *int) {}(&v) // ERROR "p does not escape$" "func literal escapes to heap$"
	var local Mu // ERROR "moved to heap: local$"
	go local.Unlock()
	defer println(v, "x")
}
