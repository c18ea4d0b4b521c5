package gen7

func Map(xs []int, f func(int) string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func MapG[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func MkS[U any](n int) []U { return make([]U, 0, n) }
func MkC(n int) []string { return make([]string, 0, n) }
func Ap[U any](s []U, u U) []U { return append(s, u) }
func ApC(s []string, u string) []string { return append(s, u) }
func Rg[T any](xs []T) (n int) { for range xs { n++ }; return }
func RgC(xs []int) (n int) { for range xs { n++ }; return }
func Rg2[T any](xs []T) (t T) { for _, x := range xs { t = x }; return }
func Rg2C(xs []int) (t int) { for _, x := range xs { t = x }; return }
func Cl[T, U any](x T, f func(T) U) U { return f(x) }
func ClC(x int, f func(int) string) string { return f(x) }

func Use() {
	MapG([]int{1}, func(int) string { return "" })
	MkS[string](1)
	Ap([]string{}, "")
	Rg([]int{})
	Rg2([]int{})
	Cl(1, func(int) string { return "" })
}
