// tests/gen/constant_cases/main.go — runs the constant test programs through Go's go/constant and prints expected outputs.
//
// Regenerate frontend/types/constant_cases.inc (from the repository root):
//
//	GOCACHE=/tmp/gocache GO111MODULE=off /usr/lib/go-1.19/bin/go run ./tests/gen/constant_cases \
//	    > frontend/types/constant_cases.inc
//
// A case is a small stack program; frontend/types/constant_test.cc interprets the same
// programs with heapmap's port and compares the output byte for byte. Programs on which
// go/constant panics (division by zero, mismatched kinds) are dropped: heapmap returns
// Unknown there instead, which the C++ test checks separately.
//
// Instructions (one per string; the argument is the rest of the string):
//
//	INT|FLOAT|IMAG|CHAR|STRING lit   push MakeFromLiteral(lit, tok)
//	I64 n | U64 n | F64 x | BOOL 0/1 | UNKNOWN   push a made value
//	UN op [prec]     unary + - ^ !          BIN op   binary (// is QUO_ASSIGN)
//	CMP op           push the comparison    SHL n | SHR n
//	TOINT TOFLOAT TOCOMPLEX REAL IMAGPART MKIMAG NUM DENOM DUP SWAP
//	Q i64|u64|f64|f32|bitlen|sign|bool|str   print an accessor's result
//	REPR src dst [wordsize]   print representation()'s error code, push the rounded value
//	OVF              print whether an untyped Int overflows 512 bits
//	SHORT            print the final ExactString as its FNV-1a 64 hash
//
// At the end the top of the stack prints as Kind|String|ExactString.
package main

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"hash/fnv"
	"math"
	"math/rand"
	"strconv"
	"strings"
)

func main() {
	var progs [][]string
	add := func(p ...string) { progs = append(progs, p) }

	// --- literals ---
	for _, l := range []string{"0", "42", "007", "0x1F", "0X_ff", "0xdead_beef", "0o17", "0O17", "0b1011", "0B_1",
		"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
		"18446744073709551615", "18446744073709551616", "0x" + strings.Repeat("f", 130),
		"0b" + strings.Repeat("1", 64), "0o" + strings.Repeat("7", 30), "1e3", "12a", "", "0x8000000000000000"} {
		add("INT "+l, "Q i64", "Q u64", "Q bitlen", "Q sign", "Q f64", "Q f32")
	}
	floats := []string{"0", "0.0", "1", "1.5", "-1.5", "+2.25", "1e10", ".5", "1.", "0.1", "0.2", "0.3", "1e-7", "1e21",
		"1e20", "100000", "1000000", "123456", "1234567", "1234565", "0.0001", "0.00001", "0.000123456", "999999.5",
		"9999995", "123456789", "1.5e-7", "3.14159265358979323846264338327950288419716939937510582097494459",
		"123456789012345678901234567890.123", "1e-400", "-1e-400", "1e400", "9.9999999e400", "1.23456789e-3000",
		"1e1000", "1e1232", "1e1233", "1e1234", "1e-1232", "1e-1233", "1e-1234", "1e5000", "-1e5000", "1e-5000",
		"1e1000000", "1e-1000000", "6e-1886451601", "1e1000000000", "1e-1000000000", "1e99999999999",
		"2.5e-324", "4.9e-324", "5e-324", "2e-324", "3e-324", "1e-320", "2.2250738585072014e-308",
		"1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e308", "1e309",
		"3.4028234663852886e38", "3.4028235677973366e38", "3.4028235677973367e38", "1e38", "1e39", "1.4e-45", "7e-46",
		"0x1p-2", "0x1.8p3", "0X_1FFFP-16", "0x.8p1", "0x1p-1074", "0x1p-1075", "0x1p1023", "0x1p1024", "0x1p-4095",
		"0x1p-4096", "0x1p4094", "0x1p4095", "0x1p4096", "0x1.fffffffffffff8p1023", "0x1.fffffep127", "0x1.ffffffp127",
		"0x10", "0x1.8", "0b101.1", "0o17.4", "09.5", "0777.0", "0777", "1_000.000_1", "1e+1_0", "1__0.0", "1_.5",
		"1._5", "1e", "1e+", "0x1p", "Inf", "inf", "-Inf", "NaN", "1p3", "1/2", "1.5x", "0.1e-1_0", "",
		"0." + strings.Repeat("0", 200) + "1", strings.Repeat("9", 200) + ".5",
		"1" + strings.Repeat("0", 500), "0x1" + strings.Repeat("0", 150) + "1p0",
		"1" + strings.Repeat("0", 400) + "e-400", "0.1" + strings.Repeat("3", 300) + "e-10"}
	for _, f := range floats {
		add("FLOAT "+f, "Q f64", "Q f32", "Q sign")
	}
	for _, f := range []string{"1e400", "1e5000", "1e-5000", "0.1", "1e1000000", "-0.75"} {
		add("FLOAT "+f, "NUM")
		add("FLOAT "+f, "DENOM")
	}
	for _, l := range []string{"1i", "0i", "1.5i", "0x1p-2i", "0777i", "0o17i", "0b11i", "0x10i", "1e400i", "1e5000i",
		"i", "1", "1_i", "1e1000000000i"} {
		add("IMAG "+l, "DUP", "REAL", "SWAP", "IMAGPART")
		add("IMAG " + l)
	}
	for _, l := range []string{`'a'`, `'\n'`, `'\a'`, `'\b'`, `'\f'`, `'\r'`, `'\t'`, `'\v'`, `'\\'`, `'\x41'`, `'\xff'`,
		`'\u00e9'`, `'\U0001F600'`, `'\377'`, `'\400'`, `'\0'`, `'\000'`, `'é'`, `'\''`, `'\"'`, `''`, `'ab'`,
		`'\uD800'`, `'\U00110000'`, `'\z'`, "'\xff'", "'\xe2\x82'", `'\x4'`, `'\u12'`, "'", `'''`, `'世'`, `x`} {
		add("CHAR "+l, "Q i64")
	}
	for _, l := range []string{`"hello"`, `""`, `"a\tb"`, `"\xff"`, `"\u00e9"`, `"\U0001F600"`, `"\377\000"`, "`raw\\n`",
		"`with\rcr`", "`multi\nline`", `"unterminated`, `"a"b"`, `"\'"`, "\"new\nline\"", `"\""`, `"\\"`,
		`'x'`, `'\n'`, `'xy'`, "'\xff'", "\"\xff\xfe\"", "`a`b`", "``", `"\a\b\f\n\r\t\v"`, `"\x00\x1f\x7f"`,
		`"\u00ad\u200b\ufeff\ue000\u0378\U000e0001\U0001f600\U00020000\U0010ffff\u3000\u2028"`, `"é世"`, `"\uFFFD"`,
		`"\xc0\x80"`, `"\xed\xa0\x80"`, `"\xf4\x90\x80\x80"`, `"\xe2\x82"`, `"\400"`, `"\8"`, `"\x4"`} {
		add("STRING "+l, "Q str")
	}
	// String() truncation at 72 runes of the quoted form.
	for n := 66; n <= 74; n++ {
		add("STRING \"" + strings.Repeat("a", n) + "\"")
		add("STRING \"" + strings.Repeat("é", n) + "\"")
		add("STRING \"" + strings.Repeat("a", n-3) + "\\n" + "\"")
		add("STRING \"" + strings.Repeat("a", n-2) + "\\x01" + "\"")
	}
	add("STRING \""+strings.Repeat("世", 100)+"\"", "STRING \""+strings.Repeat("b", 10)+"\"", "BIN +")
	add("STRING \"abc\"", "STRING \"abd\"", "CMP <")
	add("STRING \"abc\"", "STRING \"ab\"", "CMP >=")
	add("STRING \"\\xff\"", "STRING \"a\"", "CMP >")
	add("STRING \"x\"", "STRING \"x\"", "CMP ==")

	// --- made values ---
	for _, x := range []string{"0", "1", "-1", "9223372036854775807", "-9223372036854775808", "16777217"} {
		add("I64 "+x, "Q i64", "Q u64", "Q f64", "Q f32", "Q bitlen")
	}
	for _, x := range []string{"0", "9223372036854775807", "9223372036854775808", "18446744073709551615"} {
		add("U64 "+x, "Q i64", "Q u64", "Q f64", "Q bitlen")
	}
	for _, x := range []string{"0", "-0", "0.1", "-2.5", "1e308", "5e-324", "1e-320", "0x1p1023", "0x1p-1022",
		"1e100", "123456789", "0x1.fffffffffffffp1023", "+Inf", "-Inf", "NaN", "0x1p-1000", "1.00000000000000022"} {
		add("F64 "+x, "Q f64", "Q f32", "Q sign")
	}
	add("BOOL 1", "Q bool")
	add("BOOL 0", "UN !", "Q bool")
	add("UNKNOWN", "Q i64", "Q u64", "Q f64", "Q f32", "Q bitlen", "Q sign", "Q bool", "Q str")

	// --- arithmetic across representations ---
	vals := [][]string{
		{"I64 0"}, {"I64 -7"}, {"I64 9223372036854775807"}, {"I64 -9223372036854775808"},
		{"I64 4611686018427387904"}, {"INT -1267650600228229401496703205377"},
		{"FLOAT 1.5"}, {"FLOAT 0.1"}, {"FLOAT 2.5e30"}, {"FLOAT -3e5000"},
		{"IMAG 2i"}, {"FLOAT 1.5", "IMAG 2i", "BIN +"}, {"UNKNOWN"},
	}
	cat := func(parts ...[]string) []string {
		var r []string
		for _, p := range parts {
			r = append(r, p...)
		}
		return r
	}
	for _, x := range vals {
		for _, y := range vals {
			for _, op := range []string{"+", "-", "*", "/", "//", "%", "&", "|", "^", "&^"} {
				add(cat(x, y, []string{"BIN " + op})...)
			}
			for _, op := range []string{"==", "<", ">="} {
				add(cat(x, y, []string{"CMP " + op, "Q bool"})...)
			}
		}
		for _, op := range []string{"+", "-", "^"} {
			add(cat(x, []string{"UN " + op})...)
		}
		for _, pr := range []string{"8", "64", "600"} {
			add(cat(x, []string{"UN ^ " + pr})...)
		}
		for _, c := range []string{"TOINT", "TOFLOAT", "TOCOMPLEX", "REAL", "IMAGPART", "MKIMAG", "NUM", "DENOM"} {
			add(cat(x, []string{c})...)
		}
		add(cat(x, []string{"Q sign"})...)
	}
	add("BOOL 1", "BOOL 0", "BIN &&")
	add("BOOL 1", "BOOL 0", "BIN ||")
	add("BOOL 1", "BOOL 0", "CMP !=", "Q bool")
	add("UNKNOWN", "BOOL 1", "BIN &&")
	add("UNKNOWN", "I64 1", "CMP ==", "Q bool")
	// Complex arithmetic.
	c1 := []string{"I64 1", "IMAG 2i", "BIN +"}
	c2 := []string{"I64 3", "IMAG 4i", "BIN -"}
	for _, op := range []string{"+", "-", "*", "/"} {
		add(cat(c1, c2, []string{"BIN " + op})...)
	}
	add(cat(c1, []string{"FLOAT 1e5000", "BIN *", "Q sign"})...)
	add("FLOAT 0.1", "IMAG 0.2i", "BIN +", "FLOAT 3", "BIN /")
	add("I64 3", "IMAG 0i", "BIN +", "TOINT")
	add("I64 3", "IMAG 0i", "BIN +", "TOFLOAT")
	add("FLOAT 2.5", "IMAG 0i", "BIN +", "TOINT")
	// Floats: rounding to 512 bits, and ToInt's tolerance.
	add("FLOAT 1e5000", "FLOAT 1e4999", "BIN /")
	add("FLOAT 1e5000", "FLOAT 1e4999", "BIN /", "TOINT")
	add("I64 1", "FLOAT 1e5000", "BIN /", "FLOAT 1e5000", "BIN *")
	add("I64 1", "FLOAT 1e5000", "BIN /", "FLOAT 1e5000", "BIN *", "TOINT")
	add("I64 10", "FLOAT 1e5000", "BIN /", "FLOAT 1e5000", "BIN *", "I64 3", "BIN /", "I64 3", "BIN *", "TOINT")
	add("I64 2", "FLOAT 1e5000", "BIN /", "FLOAT 1e5000", "BIN *", "FLOAT 0.5", "BIN +", "TOINT")
	add("I64 1", "I64 3", "BIN /")
	add("I64 1", "I64 3", "BIN /", "I64 3", "BIN *")
	add("I64 1", "I64 3", "BIN /", "I64 3", "BIN *", "TOINT")
	add("I64 2", "I64 4", "BIN /", "Q f64")
	add("I64 1", "I64 3", "BIN /", "Q f64", "Q f32")
	add("I64 -1", "I64 3", "BIN /", "Q f64", "Q f32")
	add("FLOAT 0.1", "FLOAT 0.2", "BIN +", "FLOAT 0.3", "CMP ==", "Q bool")
	add("FLOAT 1e-5000", "FLOAT 1e-5000", "BIN *")
	add("FLOAT 1e5000", "FLOAT 1e5000", "BIN *")
	add("FLOAT 1e5000", "UN -", "FLOAT 1e5000", "BIN +")
	add("FLOAT 1e-400", "I64 3", "BIN /")
	add("INT 1"+strings.Repeat("0", 1300), "I64 3", "BIN /")
	add("INT 1"+strings.Repeat("0", 1300), "TOFLOAT")
	add("INT 1"+strings.Repeat("0", 1300), "Q f64", "Q f32")
	add("INT 0x1"+strings.Repeat("0", 1100), "TOFLOAT")
	add("INT 0x1"+strings.Repeat("0", 1100), "I64 1", "BIN +", "TOFLOAT")
	add("INT 0x1"+strings.Repeat("0", 1100), "I64 1", "BIN +", "TOFLOAT", "TOINT")
	add("INT 0x1"+strings.Repeat("0", 1100), "I64 1", "BIN +", "Q f64")
	add("INT 0x1"+strings.Repeat("0", 200)+"1", "Q f64")
	add("INT 0x1"+strings.Repeat("0", 200)+"1", "I64 1", "BIN /")
	add("INT 0x1"+strings.Repeat("0", 1000)+"1", "I64 1", "BIN /")
	add("FLOAT 0x1"+strings.Repeat("0", 1100)+"p0", "FLOAT 0x1p1", "BIN +")

	// --- shifts ---
	for _, s := range []string{"0", "1", "62", "63", "64", "100", "511", "512", "1074"} {
		add("I64 1", "SHL "+s, "Q bitlen", "OVF")
		add("I64 -1", "SHL "+s, "Q bitlen", "OVF")
	}
	for _, s := range []string{"0", "1", "63", "64", "70", "200"} {
		add("I64 -5", "SHR "+s)
		add("I64 5", "SHR "+s)
		add("INT 1267650600228229401496703205376", "SHR "+s)
		add("INT -1267650600228229401496703205377", "SHR "+s)
		add("INT -1267650600228229401496703205377", "SHL "+s)
	}
	add("UNKNOWN", "SHL 3")
	add("I64 3", "SHL 511", "I64 1", "BIN +", "OVF")
	add("I64 1", "SHL 512", "I64 1", "BIN -", "OVF")

	// --- representability ---
	rvals := [][]string{
		{"I64 0"}, {"I64 -1"}, {"I64 127"}, {"I64 128"}, {"I64 -128"}, {"I64 -129"}, {"I64 255"}, {"I64 256"},
		{"I64 65535"}, {"I64 2147483647"}, {"I64 2147483648"}, {"I64 -2147483649"}, {"I64 4294967295"},
		{"I64 4294967296"}, {"I64 9223372036854775807"}, {"INT 9223372036854775808"}, {"I64 -9223372036854775808"},
		{"INT 18446744073709551615"}, {"INT 18446744073709551616"}, {"INT -9223372036854775809"}, {"I64 1", "SHL 600"},
		{"FLOAT 1.5"}, {"FLOAT 2.0"}, {"FLOAT -2.5"}, {"FLOAT 0.1"}, {"FLOAT 1e38"}, {"FLOAT 3.4e38"},
		{"FLOAT 3.4028235677973366e38"}, {"FLOAT 3.5e38"}, {"FLOAT 1e-46"}, {"FLOAT 1e-50"}, {"FLOAT 1e308"},
		{"FLOAT 1e309"}, {"FLOAT 1e-400"}, {"FLOAT 1e5000"}, {"FLOAT 1e100"}, {"FLOAT 16777217"},
		{"FLOAT 9007199254740993"}, {"I64 16777217"}, {"I64 9007199254740993"},
		{"IMAG 0i"}, {"IMAG 1i"}, {"I64 3", "IMAG 0i", "BIN +"}, {"FLOAT 0.1", "IMAG 1e309i", "BIN +"},
		{"FLOAT 0.1", "IMAG 0.1i", "BIN +"}, {"CHAR 'a'"}, {"STRING \"s\""}, {"BOOL 1"}, {"UNKNOWN"},
	}
	targets := []string{"int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
		"uintptr", "float32", "float64", "complex64", "complex128", "string", "bool", "untyped_int", "untyped_rune",
		"untyped_float", "untyped_complex", "untyped_string", "untyped_bool"}
	for _, x := range rvals {
		for _, t := range targets {
			add(cat(x, []string{"REPR auto " + t})...)
		}
		add(cat(x, []string{"REPR auto int 4"})...)
		add(cat(x, []string{"REPR auto uint 4"})...)
		add(cat(x, []string{"REPR auto uintptr 4"})...)
		add(cat(x, []string{"OVF"})...)
	}
	add("FLOAT 2.0", "REPR float64 int")
	add("FLOAT 2.5", "REPR float64 int")
	add("I64 300", "REPR int uint8")
	add("I64 300", "REPR int string")
	add("STRING \"a\"", "REPR string int")

	// --- random programs (fixed seed): decimal and hex float literals across the whole
	// exponent range, mixed arithmetic, rounding to float32/float64 ---
	rng := rand.New(rand.NewSource(1))
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + rng.Intn(10))
		}
		return string(b)
	}
	randFloat := func() string {
		switch rng.Intn(4) {
		case 0: // short decimal, any exponent
			return digits(1+rng.Intn(3)) + "." + digits(rng.Intn(4)) + "e" + strconv.Itoa(rng.Intn(2600)-1300)
		case 1: // long decimal (more than 512 bits of mantissa sometimes)
			n := 1 + rng.Intn(40)
			if rng.Intn(8) == 0 {
				n = 160 + rng.Intn(40)
			}
			return digits(n) + "e" + strconv.Itoa(rng.Intn(800)-400)
		case 2: // huge exponents: 512-bit floats
			return digits(1+rng.Intn(20)) + "e" + strconv.Itoa(rng.Intn(40000)-20000)
		default: // hex
			return fmt.Sprintf("0x%x.%xp%d", rng.Uint64(), rng.Uint32(), rng.Intn(9000)-4500)
		}
	}
	// Random programs print a hash of ExactString, keeping this file small.
	addShort := func(p ...string) { add(append(p, "SHORT")...) }
	binops := []string{"+", "-", "*", "/"}
	for i := 0; i < 150; i++ {
		addShort("FLOAT "+randFloat(), "Q f64", "Q f32")
	}
	for i := 0; i < 150; i++ {
		addShort("FLOAT "+randFloat(), "FLOAT "+randFloat(), "BIN "+binops[rng.Intn(4)], "Q f64")
	}
	for i := 0; i < 100; i++ {
		addShort("FLOAT "+randFloat(), "REPR auto float32")
		addShort("FLOAT "+randFloat(), "REPR auto float64")
		addShort("FLOAT "+randFloat(), "TOINT")
	}
	for i := 0; i < 100; i++ {
		x := strconv.FormatInt(rng.Int63()>>uint(rng.Intn(63)), 10)
		y := strconv.FormatInt(rng.Int63()>>uint(rng.Intn(63))+1, 10)
		addShort("INT "+x, "INT "+y, "BIN /", "Q f64", "Q f32")
		addShort("INT "+x, "SHL "+strconv.Itoa(rng.Intn(600)), "INT "+y, "BIN "+[]string{"//", "%", "&^", "^"}[rng.Intn(4)])
	}

	// Run every program through go/constant.
	var out []string
	dropped := 0
	for _, p := range progs {
		res, ok := run(p)
		if !ok {
			dropped++
			continue
		}
		out = append(out, fmt.Sprintf("    {{%s},\n     %s},", cppList(p), cppQuote(res)))
	}
	fmt.Println("// frontend/types/constant_cases.inc — GENERATED by tests/gen/constant_cases/main.go from Go 1.19's go/constant; do not edit.")
	fmt.Printf("// %d programs (%d that panic in go/constant dropped).\n", len(out), dropped)
	for _, o := range out {
		fmt.Println(o)
	}
}

func cppList(p []string) string {
	var q []string
	for _, s := range p {
		q = append(q, cppQuote(s))
	}
	return strings.Join(q, ", ")
}

// cppQuote writes s as a C++ string literal; other bytes as 3-digit octal escapes.
func cppQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '?':
			b.WriteString(`\?`) // no trigraphs
		case c >= 0x20 && c < 0x7f:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "\\%03o", c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

var basicKinds = map[string]types.BasicKind{
	"int": types.Int, "int8": types.Int8, "int16": types.Int16, "int32": types.Int32, "int64": types.Int64,
	"uint": types.Uint, "uint8": types.Uint8, "uint16": types.Uint16, "uint32": types.Uint32, "uint64": types.Uint64,
	"uintptr": types.Uintptr, "float32": types.Float32, "float64": types.Float64, "complex64": types.Complex64,
	"complex128": types.Complex128, "string": types.String, "bool": types.Bool, "untyped_int": types.UntypedInt,
	"untyped_rune": types.UntypedRune, "untyped_float": types.UntypedFloat, "untyped_complex": types.UntypedComplex,
	"untyped_string": types.UntypedString, "untyped_bool": types.UntypedBool,
}

var ops = map[string]token.Token{
	"+": token.ADD, "-": token.SUB, "*": token.MUL, "/": token.QUO, "//": token.QUO_ASSIGN, "%": token.REM,
	"&": token.AND, "|": token.OR, "^": token.XOR, "&^": token.AND_NOT, "&&": token.LAND, "||": token.LOR,
	"!": token.NOT, "==": token.EQL, "!=": token.NEQ, "<": token.LSS, "<=": token.LEQ, ">": token.GTR,
	">=": token.GEQ,
}

var literalTokens = map[string]token.Token{"INT": token.INT, "FLOAT": token.FLOAT, "IMAG": token.IMAG,
	"CHAR": token.CHAR, "STRING": token.STRING}

func run(p []string) (res string, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			ok = false
		}
	}()
	var st []constant.Value
	var lines []string
	short := false
	pop := func() constant.Value {
		v := st[len(st)-1]
		st = st[:len(st)-1]
		return v
	}
	push := func(v constant.Value) { st = append(st, v) }
	for _, ins := range p {
		name, arg, _ := strings.Cut(ins, " ")
		switch name {
		case "INT", "FLOAT", "IMAG", "CHAR", "STRING":
			push(constant.MakeFromLiteral(arg, literalTokens[name], 0))
		case "I64":
			n, err := strconv.ParseInt(arg, 10, 64)
			must(err)
			push(constant.MakeInt64(n))
		case "U64":
			n, err := strconv.ParseUint(arg, 10, 64)
			must(err)
			push(constant.MakeUint64(n))
		case "F64":
			f, err := strconv.ParseFloat(arg, 64)
			if err != nil && !math.IsInf(f, 0) {
				panic(err)
			}
			push(constant.MakeFloat64(f))
		case "BOOL":
			push(constant.MakeBool(arg == "1"))
		case "UNKNOWN":
			push(constant.MakeUnknown())
		case "UN":
			opname, prec, _ := strings.Cut(arg, " ")
			var pr uint64
			if prec != "" {
				pr, _ = strconv.ParseUint(prec, 10, 32)
			}
			push(constant.UnaryOp(ops[opname], pop(), uint(pr)))
		case "BIN":
			y := pop()
			x := pop()
			push(constant.BinaryOp(x, ops[arg], y))
		case "CMP":
			y := pop()
			x := pop()
			push(constant.MakeBool(constant.Compare(x, ops[arg], y)))
		case "SHL", "SHR":
			n, err := strconv.ParseUint(arg, 10, 32)
			must(err)
			op := token.SHL
			if name == "SHR" {
				op = token.SHR
			}
			push(constant.Shift(pop(), op, uint(n)))
		case "TOINT":
			push(constant.ToInt(pop()))
		case "TOFLOAT":
			push(constant.ToFloat(pop()))
		case "TOCOMPLEX":
			push(constant.ToComplex(pop()))
		case "REAL":
			push(constant.Real(pop()))
		case "IMAGPART":
			push(constant.Imag(pop()))
		case "MKIMAG":
			push(constant.MakeImag(pop()))
		case "NUM":
			push(constant.Num(pop()))
		case "DENOM":
			push(constant.Denom(pop()))
		case "DUP":
			v := pop()
			push(v)
			push(v)
		case "SWAP":
			y := pop()
			x := pop()
			push(y)
			push(x)
		case "Q":
			lines = append(lines, query(arg, st[len(st)-1]))
		case "OVF":
			v := st[len(st)-1]
			lines = append(lines, fmt.Sprintf("ovf %t", v.Kind() == constant.Int && constant.BitLen(v) > 512))
		case "SHORT":
			short = true
		case "REPR":
			f := strings.Fields(arg)
			ws := int64(8)
			if len(f) == 3 {
				ws, _ = strconv.ParseInt(f[2], 10, 64)
			}
			x := pop()
			v, code := representation(x, sourceKind(f[0], x), basicKinds[f[1]], ws)
			lines = append(lines, fmt.Sprintf("repr %d", code))
			if v == nil {
				v = constant.MakeUnknown()
			}
			push(v)
		default:
			panic("bad instruction " + ins)
		}
	}
	if len(st) > 0 {
		v := st[len(st)-1]
		exact := v.ExactString()
		if short {
			h := fnv.New64a()
			h.Write([]byte(exact))
			exact = fmt.Sprintf("fnv64a:%016x", h.Sum64())
		}
		lines = append(lines, fmt.Sprintf("%v|%s|%s", v.Kind(), v.String(), exact))
	}
	return strings.Join(lines, "\n"), true
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// query prints an accessor's result; "-" where go/constant would panic on the kind.
func query(q string, v constant.Value) string {
	k := v.Kind()
	isInt := k == constant.Int || k == constant.Unknown
	isReal := isInt || k == constant.Float
	switch q {
	case "i64":
		if !isInt {
			return "i64 -"
		}
		n, ok := constant.Int64Val(v)
		return fmt.Sprintf("i64 %d %t", n, ok)
	case "u64":
		if !isInt {
			return "u64 -"
		}
		n, ok := constant.Uint64Val(v)
		return fmt.Sprintf("u64 %d %t", n, ok)
	case "f64":
		if !isReal {
			return "f64 -"
		}
		f, ok := constant.Float64Val(v)
		return fmt.Sprintf("f64 %016x %t", math.Float64bits(f), ok)
	case "f32":
		if !isReal {
			return "f32 -"
		}
		f, ok := constant.Float32Val(v)
		return fmt.Sprintf("f32 %08x %t", math.Float32bits(f), ok)
	case "bitlen":
		if !isInt {
			return "bitlen -"
		}
		return fmt.Sprintf("bitlen %d", constant.BitLen(v))
	case "sign":
		if k == constant.Bool || k == constant.String {
			return "sign -"
		}
		return fmt.Sprintf("sign %d", constant.Sign(v))
	case "bool":
		if k != constant.Bool && k != constant.Unknown {
			return "bool -"
		}
		return fmt.Sprintf("bool %t", constant.BoolVal(v))
	case "str":
		if k != constant.String && k != constant.Unknown {
			return "str -"
		}
		return fmt.Sprintf("str %x", constant.StringVal(v))
	}
	panic("bad query " + q)
}

// sourceKind: "auto" is the untyped kind matching the value's Kind.
func sourceKind(name string, x constant.Value) types.BasicKind {
	if name != "auto" {
		return basicKinds[name]
	}
	switch x.Kind() {
	case constant.Bool:
		return types.UntypedBool
	case constant.String:
		return types.UntypedString
	case constant.Int:
		return types.UntypedInt
	case constant.Float:
		return types.UntypedFloat
	case constant.Complex:
		return types.UntypedComplex
	}
	return types.Invalid
}

// representation is go/types' representation() (expr.go) with its error codes as
// 0 none, 1 truncated, 2 overflow, 3 invalid.
func representation(x constant.Value, src, typ types.BasicKind, ws int64) (constant.Value, int) {
	v := x
	if !representableConst(x, typ, ws, &v) {
		if isNumeric(src) && isNumeric(typ) {
			if !isInteger(src) && isInteger(typ) {
				return nil, 1
			}
			return nil, 2
		}
		return nil, 3
	}
	return v, 0
}

func isInteger(k types.BasicKind) bool { return types.Typ[k].Info()&types.IsInteger != 0 }
func isNumeric(k types.BasicKind) bool { return types.Typ[k].Info()&types.IsNumeric != 0 }

// representableConst is copied from go/types (Go 1.19 expr.go), with the word size
// as a parameter.
func representableConst(x constant.Value, kind types.BasicKind, ws int64, rounded *constant.Value) bool {
	if x.Kind() == constant.Unknown {
		return true // avoid follow-up errors
	}
	info := types.Typ[kind].Info()
	switch {
	case info&types.IsInteger != 0:
		x := constant.ToInt(x)
		if x.Kind() != constant.Int {
			return false
		}
		if rounded != nil {
			*rounded = x
		}
		if x, ok := constant.Int64Val(x); ok {
			switch kind {
			case types.Int:
				var s = uint(ws) * 8
				return int64(-1)<<(s-1) <= x && x <= int64(1)<<(s-1)-1
			case types.Int8:
				const s = 8
				return -1<<(s-1) <= x && x <= 1<<(s-1)-1
			case types.Int16:
				const s = 16
				return -1<<(s-1) <= x && x <= 1<<(s-1)-1
			case types.Int32:
				const s = 32
				return -1<<(s-1) <= x && x <= 1<<(s-1)-1
			case types.Int64, types.UntypedInt:
				return true
			case types.UntypedRune: // unreachable in go/types; heapmap treats it as untyped int
				return true
			case types.Uint, types.Uintptr:
				if s := uint(ws) * 8; s < 64 {
					return 0 <= x && x <= int64(1)<<s-1
				}
				return 0 <= x
			case types.Uint8:
				const s = 8
				return 0 <= x && x <= 1<<s-1
			case types.Uint16:
				const s = 16
				return 0 <= x && x <= 1<<s-1
			case types.Uint32:
				const s = 32
				return 0 <= x && x <= 1<<s-1
			case types.Uint64:
				return 0 <= x
			default:
				panic("unreachable")
			}
		}
		// x does not fit into int64
		switch n := constant.BitLen(x); kind {
		case types.Uint, types.Uintptr:
			var s = uint(ws) * 8
			return constant.Sign(x) >= 0 && n <= int(s)
		case types.Uint64:
			return constant.Sign(x) >= 0 && n <= 64
		case types.UntypedInt, types.UntypedRune:
			return true
		}

	case info&types.IsFloat != 0:
		x := constant.ToFloat(x)
		if x.Kind() != constant.Float {
			return false
		}
		switch kind {
		case types.Float32:
			if r := roundFloat32(x); r != nil {
				*rounded = r
				return true
			}
		case types.Float64:
			if r := roundFloat64(x); r != nil {
				*rounded = r
				return true
			}
		case types.UntypedFloat:
			return true
		}

	case info&types.IsComplex != 0:
		x := constant.ToComplex(x)
		if x.Kind() != constant.Complex {
			return false
		}
		switch kind {
		case types.Complex64:
			re := roundFloat32(constant.Real(x))
			im := roundFloat32(constant.Imag(x))
			if re != nil && im != nil {
				*rounded = constant.BinaryOp(re, token.ADD, constant.MakeImag(im))
				return true
			}
		case types.Complex128:
			re := roundFloat64(constant.Real(x))
			im := roundFloat64(constant.Imag(x))
			if re != nil && im != nil {
				*rounded = constant.BinaryOp(re, token.ADD, constant.MakeImag(im))
				return true
			}
		case types.UntypedComplex:
			return true
		}

	case info&types.IsString != 0:
		return x.Kind() == constant.String

	case info&types.IsBoolean != 0:
		return x.Kind() == constant.Bool
	}

	return false
}

func roundFloat32(x constant.Value) constant.Value {
	f32, _ := constant.Float32Val(x)
	f := float64(f32)
	if !math.IsInf(f, 0) {
		return constant.MakeFloat64(f)
	}
	return nil
}

func roundFloat64(x constant.Value) constant.Value {
	f, _ := constant.Float64Val(x)
	if !math.IsInf(f, 0) {
		return constant.MakeFloat64(f)
	}
	return nil
}
