// Function literals: called in place, through a never-reassigned local, passed to an
// inlined function that calls its parameter, captured by another literal; a copy made by
// inlining resolves what the original could not.
package p

func inPlace(x int) int { // ERROR "^6: can inline inPlace with cost 27 as: func\\(int\\) int \\{ return \\(func literal\\)\\(x\\) \\}$"
	return func(y int) int { return y * 2 }(x) // ERROR "^9: can inline inPlace\\.func1 with cost 4 as: func\\(int\\) int \\{ return y \\* 2 \\}$" "^41: inlining call to inPlace\\.func1$"
}

func viaLocal(x int) int { // ERROR "^6: can inline viaLocal with cost 42 as: func\\(int\\) int \\{ double := func literal; return double\\(x\\) \\+ double\\(x \\+ 1\\) \\}$"
	double := func(y int) int { return y * 2 } // ERROR "^12: can inline viaLocal\\.func1 with cost 4 as: func\\(int\\) int \\{ return y \\* 2 \\}$"
	return double(x) + double(x+1) // ERROR "^15: inlining call to viaLocal\\.func1$" "^27: inlining call to viaLocal\\.func1$"
}

func reassigned(x int) int { // ERROR "^6: cannot inline reassigned: function too complex: cost 107 exceeds budget 80$"
	f := func(y int) int { return y * 2 } // ERROR "^7: can inline reassigned\\.func1 with cost 4 as: func\\(int\\) int \\{ return y \\* 2 \\}$"
	f = func(y int) int { return y * 3 } // ERROR "^6: can inline reassigned\\.func2 with cost 4 as: func\\(int\\) int \\{ return y \\* 3 \\}$"
	return f(x)
}

func retry(fn func() error) error { // ERROR "^6: can inline retry with cost 70 as: func\\(func\\(\\) error\\) error \\{ for loop \\}$"
	for {
		err := fn()
		if err != errAgain {
			return err
		}
	}
}

type errT struct{}

func (errT) Error() string { return "again" } // ERROR "^6: can inline errT\\.Error with cost 2 as: method\\(errT\\) func\\(\\) string \\{ return \"again\" \\}$"

var errAgain error = errT{}

func flush() error { return nil } // ERROR "^6: can inline flush with cost 2 as: func\\(\\) error \\{ return nil \\}$"

// retry is inlined; its call of fn becomes a call of the literal, which is inlined too,
// and so is the literal's call of flush.
func retryFlush() error { // ERROR "^6: cannot inline retryFlush: function too complex: cost 94 exceeds budget 80$"
	return retry(func() error { return flush() }) // ERROR "^14: inlining call to retry$" "^15: can inline retryFlush\\.func1 with cost 5 as: func\\(\\) error \\{ return flush\\(\\) \\}$" "^14: inlining call to retryFlush\\.func1$" "^14: inlining call to flush$" "^42: inlining call to flush$"
}

// retry's parameter bound to a function name.
func retryName() error { return retry(flush) } // ERROR "^6: can inline retryName with cost 74 as: func\\(\\) error \\{ return retry\\(flush\\) \\}$" "^38: inlining call to retry$" "^38: inlining call to flush$"

// offset is captured by data; data is inlined into captured, and there offset is
// captured's own variable: its literal is inlined as well.
func captured(b []byte) []byte { // ERROR "^6: cannot inline captured: function too complex: cost 175 exceeds budget 80$"
	offset := func(i int) int { return int(b[i]) } // ERROR "^12: can inline captured\\.func1 with cost 5 as: func\\(int\\) int \\{ return int\\(b\\[i\\]\\) \\}$"
	data := func(i int) []byte { return b[offset(i):] } // ERROR "^10: can inline captured\\.func2 with cost 63 as: func\\(int\\) \\[\\]byte \\{ return b\\[offset\\(i\\):\\] \\}$"
	return data(1) // ERROR "^13: inlining call to captured\\.func2$" "^13: inlining call to captured\\.func1$"
}
