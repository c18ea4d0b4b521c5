// Package fmt is a fake fmt for loader tests.
package fmt

import "errors"
