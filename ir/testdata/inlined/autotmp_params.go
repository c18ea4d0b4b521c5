// .autotmp_N is numbered by the function's declarations so far (autotmpname(len(Dcl))):
// named parameters count, unnamed and blank ones do not (irgen declares only names).
package p

type I interface{ Name() string }

type M struct{ i I }

func (m *M) D() I { return m.i } // ERROR "^6: can inline \\(\\*M\\)\\.D$" "^7: leaking param: m to result ~r0 level=1$"

func (m *M) unnamed(int) { panic("a " + m.D().Name()) } // ERROR "^6: can inline \\(\\*M\\)\\.unnamed$" "^44: inlining call to \\(\\*M\\)\\.D$" "^7: leaking param content: m$" "^51: \"a \" \\+ \\.autotmp_1\\.Name\\(\\) escapes to heap$" "^39: \"a \" \\+ \\.autotmp_1\\.Name\\(\\) escapes to heap$"

func (m *M) blank(_ int) { panic("b " + m.D().Name()) } // ERROR "^6: can inline \\(\\*M\\)\\.blank$" "^44: inlining call to \\(\\*M\\)\\.D$" "^7: leaking param content: m$" "^51: \"b \" \\+ \\.autotmp_1\\.Name\\(\\) escapes to heap$" "^39: \"b \" \\+ \\.autotmp_1\\.Name\\(\\) escapes to heap$"

func (m *M) named(x int) { panic("c " + m.D().Name()) } // ERROR "^6: can inline \\(\\*M\\)\\.named$" "^44: inlining call to \\(\\*M\\)\\.D$" "^7: leaking param content: m$" "^51: \"c \" \\+ \\.autotmp_2\\.Name\\(\\) escapes to heap$" "^39: \"c \" \\+ \\.autotmp_2\\.Name\\(\\) escapes to heap$"

func (*M) local(int) { // ERROR "^6: can inline \\(\\*M\\)\\.local$"
	var m M
	panic("e " + m.D().Name()) // ERROR "^18: inlining call to \\(\\*M\\)\\.D$" "^25: \"e \" \\+ \\.autotmp_1\\.Name\\(\\) escapes to heap$" "^13: \"e \" \\+ \\.autotmp_1\\.Name\\(\\) escapes to heap$"
}
