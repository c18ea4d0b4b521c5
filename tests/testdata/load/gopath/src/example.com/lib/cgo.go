package lib

// #include <stdio.h>
import "C"

import "unsafe"
