package m

import (
	"example.com/missing/pkg"
	"example.com/replaced"
	"fmt"
	"github.com/Upper/lib"
)
