// base/json.h — a JSON string literal, as Go's encoding/json writes it.
#ifndef HEAPMAP_BASE_JSON_H_
#define HEAPMAP_BASE_JSON_H_

#include <string>
#include <string_view>

namespace heapmap::base {

// `s` quoted as encoding/json quotes a string: '"' and '\\' escaped, \n \r \t, other
// control characters as \u00XX, and (HTML-safe, as encoding/json by default) <, >, &,
// U+2028 and U+2029 as \u escapes; every other byte as it is. Valid JSON for UTF-8 input
// (`heapmap list -json` matches `go list -json` byte for byte; report's SARIF uses it).
std::string JsonQuote(std::string_view s);

}  // namespace heapmap::base

#endif  // HEAPMAP_BASE_JSON_H_
