// Costs of common shapes (inl.go hairyVisitor over irgen's IR): names, literals,
// conversions (OCONVNOP is free, OCONVIFACE is not), composite literals, closures.
package p

import "unsafe"

type T struct{ a, b int }

type Value any

type Reader interface{ Read([]byte) (int, error) }

func empty() {} // ERROR "^6: can inline empty with cost 0 as: func\\(\\) \\{  \\}$"

func ret1() int { return 1 } // ERROR "^6: can inline ret1 with cost 2 as: func\\(\\) int \\{ return 1 \\}$"

func add(x, y int) int { return x + y } // ERROR "^6: can inline add with cost 4 as: func\\(int, int\\) int \\{ return x \\+ y \\}$"

func define(x int) int { // ERROR "^6: can inline define with cost 7 as: func\\(int\\) int \\{ y := x; return y \\}$"
	y := x
	return y
}

func varDecl() int { // ERROR "^6: can inline varDecl with cost 6 as: func\\(\\) int \\{ var y int; y = <nil>; return y \\}$"
	var y int
	return y
}

func field(p *T) int { return p.a } // ERROR "^6: can inline field with cost 3 as: func\\(\\*T\\) int \\{ return p\\.a \\}$"

func index(s []int) int { return s[0] } // ERROR "^6: can inline index with cost 4 as: func\\(\\[\\]int\\) int \\{ return s\\[0\\] \\}$"

func length(s []int) int { return len(s) } // ERROR "^6: can inline length with cost 3 as: func\\(\\[\\]int\\) int \\{ return len\\(s\\) \\}$"

var sink any

func box(x int) { sink = x } // ERROR "^6: can inline box with cost 4 as: func\\(int\\) \\{ sink = x \\}$"

func ptrLit(x int) *T { return &T{a: x} } // ERROR "^6: can inline ptrLit with cost 5 as: func\\(int\\) \\*T \\{ return &T\\{\\.\\.\\.\\} \\}$"

func sliceLit() []int { return []int{1, 2} } // ERROR "^6: can inline sliceLit with cost 5 as: func\\(\\) \\[\\]int \\{ return \\[\\]int\\{\\.\\.\\.\\} \\}$"

func makeSlice(n int) []int { return make([]int, n) } // ERROR "^6: can inline makeSlice with cost 3 as: func\\(int\\) \\[\\]int \\{ return make\\(\\[\\]int, n\\) \\}$"

func closure() func() int { return func() int { return 1 } } // ERROR "^6: can inline closure with cost 19 as: func\\(\\) func\\(\\) int \\{ return func literal \\}$" "^36: can inline closure\\.func1 with cost 2 as: func\\(\\) int \\{ return 1 \\}$"

func panics() { panic("x") } // ERROR "^6: can inline panics with cost 3 as: func\\(\\) \\{ panic\\(\"x\"\\) \\}$"

func sameMachineType(x uint) uint64 { return uint64(x) } // OCONVNOP on amd64 // ERROR "^6: can inline sameMachineType with cost 2 as: func\\(uint\\) uint64 \\{ return uint64\\(x\\) \\}$"

func floatSameKind(x float64) float64 { return float64(x) } // stays an OCONV // ERROR "^6: can inline floatSameKind with cost 3 as: func\\(float64\\) float64 \\{ return float64\\(x\\) \\}$"

func emptyIfaces(v any) (Value, error) { return v, nil } // no conversion node // ERROR "^6: can inline emptyIfaces with cost 3 as: func\\(any\\) \\(Value, error\\) \\{ return v, nil \\}$"

func nonEmptyIface(r Reader) any { return r } // OCONVIFACE // ERROR "^6: can inline nonEmptyIface with cost 3 as: func\\(Reader\\) any \\{ return r \\}$"

func unsafeDeref(x *float64) uint64 { return *(*uint64)(unsafe.Pointer(x)) } // ERROR "^6: can inline unsafeDeref with cost 3 as: func\\(\\*float64\\) uint64 \\{ return \\*\\(\\*uint64\\)\\(unsafe\\.Pointer\\(x\\)\\) \\}$"

func derefOfAddr(f float64) uint64 { return *(*uint64)(unsafe.Pointer(&f)) } // free ODEREF // ERROR "^6: can inline derefOfAddr with cost 3 as: func\\(float64\\) uint64 \\{ return \\*\\(\\*uint64\\)\\(unsafe\\.Pointer\\(&f\\)\\) \\}$"

func nilConv() []string { return append([]string(nil), "a") } // ERROR "^6: can inline nilConv with cost 4 as: func\\(\\) \\[\\]string \\{ return append\\(\\(\\[\\]string\\)\\(nil\\), \"a\"\\) \\}$"

func concat(a, b, c string) string { return a + b + c } // one OADDSTR // ERROR "^6: can inline concat with cost 5 as: func\\(string, string, string\\) string \\{ return a \\+ b \\+ c \\}$"

func typeSwitch(v any) int { // ERROR "^6: can inline typeSwitch with cost 18 as: func\\(any\\) int \\{ switch statement; return 0 \\}$"
	switch x := v.(type) {
	case string:
		return len(x)
	case []byte, nil:
		return 1
	}
	return 0
}

func selectRecv(c chan int) int { // ERROR "^6: can inline selectRecv with cost 14 as: func\\(chan int\\) int \\{ select statement; return 0 \\}$"
	select {
	case v := <-c:
		return v
	default:
	}
	return 0
}

func rangeLoop(s []int) (n int) { // ERROR "^6: can inline rangeLoop with cost 10 as: func\\(\\[\\]int\\) int \\{ for loop; return  \\}$"
	for _, v := range s {
		n += v
	}
	return
}

func multiValue() (int, error) { return 1, nil } // ERROR "^6: can inline multiValue with cost 3 as: func\\(\\) \\(int, error\\) \\{ return 1, nil \\}$"

func forwardMulti() (any, error) { return multiValue() } // temporaries for the conversion // ERROR "^6: can inline forwardMulti with cost 16 as: func\\(\\) \\(any, error\\) \\{ return \\.autotmp_2, \\.autotmp_3 \\}$" "^53: inlining call to multiValue$"

// 80 is the budget: this one costs exactly 80, the next 81.
func atBudget(x int) int { // ERROR "^6: can inline atBudget with cost 80 as: func\\(int\\) int \\{ return x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\* x \\}$"
	return x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x
}

func overBudget(x int) int { // ERROR "^6: cannot inline overBudget: function too complex: cost 81 exceeds budget 80$"
	return -(x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x*x)
}
