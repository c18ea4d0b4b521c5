// Command app is a test program.
package main

import (
	"example.com/dep"
	"example.com/lib"
	"fmt"
)
