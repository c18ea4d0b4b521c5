package p

import "missing"

func f( {
	var x = missing.X +
