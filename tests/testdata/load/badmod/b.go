package bad

import "fmt"
