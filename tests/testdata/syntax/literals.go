package literals

const (
	a = 42
	b = 1_000_000
	c = 0b1010
	d = 0o17
	e = 017
	f = 0xBad_Face
	g = 1.5e-3
	h = .25
	i = 0x1p-2
	j = 0x1.8p+3
	k = 2.5i
	l = 0x10i
	m = '\n'
	n = '\u00e4'
	o = '本'
	p = "tab\there \"quoted\" \xff \U0001F600"
	q = `raw
with CRLF\n`
	r = "日本語"
)
