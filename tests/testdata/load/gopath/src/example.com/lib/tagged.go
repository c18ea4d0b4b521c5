//go:build (heapmaptag || othertag) && go1.18

package lib

import "fmt"
