// Calls into other packages: their inlinability comes from their own package (gc reads
// it from export data), including the calls their bodies make; intrinsics are never
// inlined; encoding/binary's byte-order methods are cheap.
package p

import (
	"encoding/binary"
	"errors"
	"math/bits"
	"strings"
	"sync"
)

func newErr() error { return errors.New("x") } // ERROR "^6: can inline newErr with cost 10 as: func\\(\\) error \\{ return errors\\.New\\(\"x\"\\) \\}$" "^40: inlining call to errors\\.New$"

func build(s string) string { // ERROR "^6: cannot inline build: function too complex: cost 105 exceeds budget 80$"
	var b strings.Builder
	b.WriteString(s) // ERROR "^15: inlining call to strings\\.\\(\\*Builder\\)\\.WriteString$" "^15: inlining call to strings\\.\\(\\*Builder\\)\\.copyCheck$" "^15: inlining call to strings\\.noescape$"
	b.WriteByte('!') // ERROR "^13: inlining call to strings\\.\\(\\*Builder\\)\\.WriteByte$" "^13: inlining call to strings\\.\\(\\*Builder\\)\\.copyCheck$" "^13: inlining call to strings\\.noescape$"
	return b.String() // ERROR "^17: inlining call to strings\\.\\(\\*Builder\\)\\.String$"
}

var mu sync.Mutex

func locked(f func()) { // ERROR "^6: cannot inline locked: function too complex: cost 211 exceeds budget 80$"
	mu.Lock() // ERROR "^9: inlining call to sync\\.\\(\\*Mutex\\)\\.Lock$"
	f()
	mu.Unlock() // ERROR "^11: inlining call to sync\\.\\(\\*Mutex\\)\\.Unlock$"
}

func load(b []byte) uint64 { return binary.LittleEndian.Uint64(b) } // ERROR "^6: can inline load with cost 5 as: func\\(\\[\\]byte\\) uint64 \\{ return binary\\.littleEndian\\.Uint64\\(binary\\.LittleEndian, b\\) \\}$" "^63: inlining call to binary\\.littleEndian\\.Uint64$"

func ones(x uint64) int { return bits.OnesCount64(x) + bits.Len(uint(x)) } // ERROR "^6: can inline ones with cost 8 as: func\\(uint64\\) int \\{ return bits\\.OnesCount64\\(x\\) \\+ bits\\.Len\\(uint\\(x\\)\\) \\}$"

func hasA(s string) bool { return strings.Contains(s, "a") } // ERROR "^6: can inline hasA with cost 69 as: func\\(string\\) bool \\{ return strings\\.Contains\\(s, \"a\"\\) \\}$" "^51: inlining call to strings\\.Contains$"
