// gc's text of expressions in -m lines: a concrete method call x.M(a) is printed as the
// method expression call T.M(x, a) (FixMethodCall), with implicit & and * dropped and
// the implicit fields of promoted selections spelled out; interface calls stay x.M(a).
package p

type Inner struct{ n int }

func (i *Inner) Size() int { return i.n } // ERROR "^7: i does not escape$"

func (i Inner) Val(k int) int { return i.n + k }

type Outer struct {
	Inner
	name string
}

type Sizer interface{ Size() int }

var sink interface{}

func F(o *Outer, in Inner, s Sizer) { // ERROR "^8: o does not escape$" "^28: leaking param: s$"
	sink = make([]byte, o.Size()) // ERROR "^2: make\\(\\[\\]byte, \\(\\*Inner\\)\\.Size\\(o\\.Inner\\)\\) escapes to heap$" "^13: make\\(\\[\\]byte, \\(\\*Inner\\)\\.Size\\(o\\.Inner\\)\\) escapes to heap$"
	sink = make([]byte, in.Val(2)) // ERROR "^2: make\\(\\[\\]byte, Inner\\.Val\\(in, 2\\)\\) escapes to heap$" "^13: make\\(\\[\\]byte, Inner\\.Val\\(in, 2\\)\\) escapes to heap$"
	sink = make([]byte, o.Inner.Size()+1) // ERROR "^2: make\\(\\[\\]byte, \\(\\*Inner\\)\\.Size\\(o\\.Inner\\) \\+ 1\\) escapes to heap$" "^13: make\\(\\[\\]byte, \\(\\*Inner\\)\\.Size\\(o\\.Inner\\) \\+ 1\\) escapes to heap$"
	sink = make([]byte, s.Size()) // ERROR "^2: make\\(\\[\\]byte, s\\.Size\\(\\)\\) escapes to heap$" "^13: make\\(\\[\\]byte, s\\.Size\\(\\)\\) escapes to heap$"
	sink = make([]byte, o.n) // ERROR "^2: make\\(\\[\\]byte, o\\.Inner\\.n\\) escapes to heap$" "^13: make\\(\\[\\]byte, o\\.Inner\\.n\\) escapes to heap$"
	var local Inner
	sink = make([]int, local.Size()) // ERROR "^2: make\\(\\[\\]int, \\(\\*Inner\\)\\.Size\\(local\\)\\) escapes to heap$" "^13: make\\(\\[\\]int, \\(\\*Inner\\)\\.Size\\(local\\)\\) escapes to heap$"
}
