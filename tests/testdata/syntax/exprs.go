package exprs

var (
	a = (*T).M
	b = T.M
	c = (*T)(p)
	d = []byte(s)
	e = s[1:2]
	f = s[:2:3]
	g = x.(fmt.Stringer)
	h = func(xs ...int) int { return len(xs) }(ys...)
	i = &T{f: 1}
	j = map[string][]int{"a": {1, 2}, "b": nil}
	k = [...]string{2: "x"}
	l = -x + *p*y - ^z
	m = a || b && c == d
	n = <-ch
	o = interface{}(nil)
)
