package v

import "example.com/dep/sub"
