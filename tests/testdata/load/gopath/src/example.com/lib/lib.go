// +build linux darwin

// Package lib exercises file selection.
package lib

import (
	b "bytes"
	. "errors"
	_ `fmt`
)
