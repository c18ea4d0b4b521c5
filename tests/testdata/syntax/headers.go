package headers

func f() {
	if x == (T{}) {
	}
	if x := (T{1}); x.a > 0 {
	}
	for _, v := range []T{{1}, {2}} {
	}
	switch s := (S{}); s {
	}
	if v := []int{1}; len(v) > 0 {
	}
	for i := 0; i < len(T{}.a); i++ {
	}
}
