// base/utf8.h — UTF-8 encoding and hexadecimal digits, as Go's unicode/utf8 and strconv
// read them (the scanner, literal unquoting, constants, import headers, profiles' names).
#ifndef HEAPMAP_BASE_UTF8_H_
#define HEAPMAP_BASE_UTF8_H_

#include <cstdint>
#include <string>

namespace heapmap::base {

// Appends r encoded in UTF-8 (1 to 4 bytes, by its magnitude; r is not checked: callers
// that must, map invalid code points to U+FFFD first, as utf8.EncodeRune does).
void AppendUtf8(uint32_t r, std::string* out);

// The value of a hexadecimal digit (0-9, a-f, A-F), or -1.
int HexDigitValue(char c);

}  // namespace heapmap::base

#endif  // HEAPMAP_BASE_UTF8_H_
