// frontend/load/match.h — package pattern matching as cmd/go/internal/search.
#ifndef HEAPMAP_FRONTEND_LOAD_MATCH_H_
#define HEAPMAP_FRONTEND_LOAD_MATCH_H_

#include <string>

#include "absl/strings/string_view.h"
#include <string_view>

namespace heapmap::load {

// search.MatchPattern: `...` matches any string, except that it does not cross a
// non-trailing "vendor" path element unless the pattern spells that element out;
// a trailing "/..." also matches the empty string ("net/..." matches "net").
bool MatchPattern(absl::string_view pattern, absl::string_view name);

// search.TreeCanMatchPattern: could `name` or a directory below it match `pattern`?
bool TreeCanMatchPattern(absl::string_view pattern, absl::string_view name);

// The first path element has no dot: std, cmd or a GOPATH-only path.
bool IsStandardImportPath(absl::string_view path);

// "std", "cmd", "all".
bool IsMetaPackage(absl::string_view pattern);

// build.IsLocalImport: ".", "..", "./x", "../x".
bool IsLocalImport(absl::string_view path);

// str.HasPathPrefix: s == prefix or s starts with prefix + "/".
bool HasPathPrefix(absl::string_view s, absl::string_view prefix);

}  // namespace heapmap::load

#endif  // HEAPMAP_FRONTEND_LOAD_MATCH_H_
