// escape/utils.go isSelfAssign: assignments that store no new pointer into the object
// are ignored (and reported); slicing an array held in the object is not one of them.
package p

type Buffer struct {
	arr    [64]byte
	arrPtr *[64]byte
	buf1   []byte
	buf2   []byte
	str1   string
	str2   string
	ps     []*int
}

func (b *Buffer) foo() { // ERROR "^7: b does not escape$"
	b.buf1 = b.buf1[1:2] // ERROR "^9: \\(\\*Buffer\\)\\.foo ignoring self-assignment in b\\.buf1 = b\\.buf1\\[1:2\\]$"
	b.buf1 = b.buf2[1:2:3] // ERROR "^9: \\(\\*Buffer\\)\\.foo ignoring self-assignment in b\\.buf1 = b\\.buf2\\[1:2:3\\]$"
	b.str1 = b.str2[1:2] // ERROR "^9: \\(\\*Buffer\\)\\.foo ignoring self-assignment in b\\.str1 = b\\.str2\\[1:2\\]$"
}

func (b *Buffer) arrayValue() { // ERROR "^7: leaking param: b$"
	b.buf1 = b.arr[1:2]
}

func (b *Buffer) arrayPtr() { // ERROR "^7: b does not escape$"
	b.buf1 = b.arrPtr[1:2] // ERROR "^9: \\(\\*Buffer\\)\\.arrayPtr ignoring self-assignment in b\\.buf1 = b\\.arrPtr\\[1:2\\]$"
}

func quux(sp *string, bp *[]byte) { // ERROR "^11: sp does not escape$" "^23: bp does not escape$"
	*sp = (*sp)[1:2] // ERROR "^6: quux ignoring self-assignment in \\*sp = \\(\\*sp\\)\\[1:2\\]$"
	*bp = (*bp)[1:2] // ERROR "^6: quux ignoring self-assignment in \\*bp = \\(\\*bp\\)\\[1:2\\]$"
}

type Node struct {
	left, right *Node
	vals        [4]*int
}

func fields(n *Node, i int) { // ERROR "^13: n does not escape$"
	n.left = n.right // ERROR "^9: fields ignoring self-assignment in n\\.left = n\\.right$"
	n.vals[0] = n.vals[1] // ERROR "^12: fields ignoring self-assignment in n\\.vals\\[0\\] = n\\.vals\\[1\\]$"
	n.vals[i] = n.vals[i+1] // ERROR "^12: fields ignoring self-assignment in n\\.vals\\[i\\] = n\\.vals\\[i \\+ 1\\]$"
}

func indexCall(n *Node, f func() int) { // ERROR "^16: leaking param content: n$" "^25: f does not escape$"
	n.vals[f()] = n.vals[0]
}

func slices(s []*int, i int) { // ERROR "^13: s does not escape$"
	s[i] = s[i+1] // ERROR "^7: slices ignoring self-assignment in s\\[i\\] = s\\[i \\+ 1\\]$"
}
