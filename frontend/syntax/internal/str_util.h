// frontend/syntax/internal/str_util.h — string concatenation over std::string_view.
//
// The installed Abseil is built with its own absl::string_view (not an alias of
// std::string_view), so absl::StrCat does not accept the std::string_views this
// component uses everywhere; these two helpers cover the messages we build.
#ifndef HEAPMAP_FRONTEND_SYNTAX_INTERNAL_STR_UTIL_H_
#define HEAPMAP_FRONTEND_SYNTAX_INTERNAL_STR_UTIL_H_

#include <string>
#include <string_view>
#include <type_traits>

namespace heapmap::syntax_internal {

inline void AppendPiece(std::string* out, std::string_view s) { out->append(s); }
inline void AppendPiece(std::string* out, const char* s) { out->append(s); }
inline void AppendPiece(std::string* out, const std::string& s) { out->append(s); }
template <typename Int, std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, char> &&
                                             !std::is_same_v<Int, bool>,
                                         int> = 0>
void AppendPiece(std::string* out, Int v) {
  out->append(std::to_string(v));
}

template <typename... Args>
void StrAppend(std::string* out, const Args&... args) {
  (AppendPiece(out, args), ...);
}

template <typename... Args>
std::string StrCat(const Args&... args) {
  std::string out;
  (AppendPiece(&out, args), ...);
  return out;
}

}  // namespace heapmap::syntax_internal

#endif  // HEAPMAP_FRONTEND_SYNTAX_INTERNAL_STR_UTIL_H_
