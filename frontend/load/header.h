// frontend/load/header.h — reads the header of a Go file (package clause, imports) as go/build.
#ifndef HEAPMAP_FRONTEND_LOAD_HEADER_H_
#define HEAPMAP_FRONTEND_LOAD_HEADER_H_

#include <cstdio>
#include <string>

#include "absl/strings/string_view.h"
#include <string_view>
#include <vector>

namespace heapmap::load {

struct GoImport {
  std::string path;  // unquoted
  int line = 0;
  int column = 0;
};

struct GoFileHeader {
  // The bytes go/build's importReader consumed: the file up to the end of the import
  // declarations (the whole file when that reader hits a syntax error). Build
  // constraints are looked for here.
  std::string header;
  // Non-empty when the bytes could not be read ("unexpected NUL in input" or an I/O
  // error): go/build then drops the file from every list (InvalidGoFiles only).
  std::string read_error;
  // Non-empty when go/parser (ImportsOnly) would fail on `header`: "line:col: msg".
  // The package name survives if the package clause itself parsed.
  std::string parse_error;
  std::string package_name;
  std::vector<GoImport> imports;  // empty when parse_error is set
  // The comment group right before the package clause, comment markers removed.
  std::string doc;
};

// Reads the header of the Go source file at `path`. Reads only as far as go/build does
// (to the end of the imports), so cost is independent of file size in the normal case.
GoFileHeader ReadGoFileHeader(const std::string& path);

// readComments of go/build, for non-Go sources (.s, .c, ...): only the leading
// comments are read, into `header`; `read_error` as above.
GoFileHeader ReadFileComments(const std::string& path);

// Same as ReadGoFileHeader, over bytes in memory (tests, fuzzing).
GoFileHeader ParseGoFileHeader(absl::string_view data);

// strconv.Unquote for Go string literals ("..." and `...`); false if malformed.
bool UnquoteGoString(absl::string_view lit, std::string* out);

}  // namespace heapmap::load

#endif  // HEAPMAP_FRONTEND_LOAD_HEADER_H_
