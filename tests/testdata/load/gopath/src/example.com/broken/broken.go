package broken

import (
	"fmt"
	"errors
)
