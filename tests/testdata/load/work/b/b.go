package b

import (
	"errors"

	"example.com/c"
)

func B() error { return errors.New(c.C()) }
