package p
/* comment
var s = "\xZZ" + 'ab'
func (a, b T) f[T any](
