// frontend/syntax/literal.h — values of string and rune literals (Go's strconv.Unquote).
//
// The AST keeps literals as written (BasicLit::value); these helpers compute the value
// for the type checker: escapes decoded, and carriage returns dropped from raw strings
// (the spec: "Carriage return characters ('\r') inside raw string literals are discarded
// from the raw string value"). Both return false for a malformed literal, which the
// scanner has already reported.
#ifndef HEAPMAP_FRONTEND_SYNTAX_LITERAL_H_
#define HEAPMAP_FRONTEND_SYNTAX_LITERAL_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace heapmap::syntax {

// `lit` is a "interpreted" or `raw` string literal; *value receives its UTF-8 bytes.
bool StringLitValue(std::string_view lit, std::string* value);

// `lit` is a 'x' rune literal; *value receives the code point (or byte, for '\xff').
bool RuneLitValue(std::string_view lit, uint32_t* value);

}  // namespace heapmap::syntax

#endif  // HEAPMAP_FRONTEND_SYNTAX_LITERAL_H_
