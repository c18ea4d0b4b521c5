package lib_test

import "example.com/lib"
