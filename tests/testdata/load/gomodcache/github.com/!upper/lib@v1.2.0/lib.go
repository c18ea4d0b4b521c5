package lib

import "fmt"
