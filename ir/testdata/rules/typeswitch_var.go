// A type switch declares one variable per clause, placed by irgen at the clause's colon.
package p

func foo153(v interface{}) *int { // ERROR "^13: v does not escape$"
	switch x := v.(type) {
	case int: // ERROR "^10: moved to heap: x$"
		return &x
	case string, bool:
		_ = &x
		return nil
	}
	return nil
}
