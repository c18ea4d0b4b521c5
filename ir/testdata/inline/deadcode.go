// deadcode runs before the inliner: a constant if or switch leaves only the live code,
// and a live branch that returns cuts the statements after it.
package p

const debug = false

const mode = "linux"

//go:noinline
func slow() {} // ERROR "^6: cannot inline slow: marked go:noinline$"

func constIf(x int) int { // ERROR "^6: can inline constIf with cost 2 as: func\\(int\\) int \\{ if debug \\{  \\}; return x \\}$"
	if debug {
		slow()
		slow()
	}
	return x
}

func constAnd(x int) int { // ERROR "^6: can inline constAnd with cost 8 as: func\\(int\\) int \\{ if debug \\{  \\}; if x > 0 \\{ return 1 \\}; return x \\}$"
	if debug && x > 0 {
		slow()
	}
	if !debug && x > 0 {
		return 1
	}
	return x
}

func cut(x int) int { // ERROR "^6: can inline cut with cost 2 as: func\\(int\\) int \\{ if !debug \\{ return x \\} \\}$"
	if !debug {
		return x
	}
	slow()
	slow()
	return 0
}

func constSwitch() bool { // ERROR "^6: can inline constSwitch with cost 67 as: func\\(\\) bool \\{ switch statement; slow\\(\\); return false \\}$"
	switch mode {
	case "darwin", "ios":
		slow()
		return true
	case "linux":
		return false
	}
	slow()
	return false
}

func noMatch() bool { // ERROR "^6: can inline noMatch with cost 4 as: func\\(\\) bool \\{ switch statement; return false \\}$"
	switch mode {
	case "plan9":
		slow()
		slow()
		return true
	}
	return false
}
