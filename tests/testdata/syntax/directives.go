//go:build linux && amd64
// +build linux,amd64

package directives

import "unsafe"

//go:noinline
//go:nosplit
func a() {}

// Doc comment.
//go:linkname b runtime.b
func b()

//go:noescape
func c(p unsafe.Pointer)

var (
	//go:embed hello.txt
	s string
)

func d() {} //go:norace
