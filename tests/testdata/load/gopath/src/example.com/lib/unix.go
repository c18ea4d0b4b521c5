//go:build unix && !plan9

package lib
