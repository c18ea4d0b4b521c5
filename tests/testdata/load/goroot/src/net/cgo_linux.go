//go:build cgo

package net

import "C"
