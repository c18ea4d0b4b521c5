// Package a imports the other workspace modules.
package a

import (
	"fmt"

	"example.com/a/inner"
	"example.com/b"
)

func A() string { return fmt.Sprint(b.B(), inner.Inner()) }
