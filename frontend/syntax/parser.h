// frontend/syntax/parser.h — parse one Go source file into an AST.
//
// The parser is a hand-written recursive-descent parser for the whole Go language
// through Go 1.23. It never fails outright: on bad input it records positioned errors,
// skips ahead, and still returns a (partial) tree, so callers can report every error
// of a file at once. All nodes live in the ParsedFile's arena.
#ifndef HEAPMAP_FRONTEND_SYNTAX_PARSER_H_
#define HEAPMAP_FRONTEND_SYNTAX_PARSER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/syntax/ast.h"

namespace heapmap::syntax {

struct SyntaxError {
  Pos pos;
  std::string message;  // gc/go-parser style, e.g. "expected ';', found 'EOF'"
};

// One parsed file. Owns its source text (identifiers and literals in the AST are
// string_views into it) and the arena holding every node.
struct ParsedFile {
  std::string filename;
  std::string source;
  std::unique_ptr<Arena> arena;
  File* ast = nullptr;  // never null after ParseFile, even when errors is non-empty
  std::vector<SyntaxError> errors;
};

// Parses `source`; `filename` is used only in messages. Never throws, never crashes,
// on any bytes.
ParsedFile ParseFile(std::string filename, std::string source);

// How deep the parser lets anything nest: go/parser's maxNestLev, counted as go/parser
// counts it (README, "Bounded").
inline constexpr int kMaxNestingDepth = 100000;

// "file:line:col: message", as gc prints it: the position is FormatPos(file, error.pos).
std::string FormatError(const ParsedFile& file, const SyntaxError& error);

// A position as gc reports it, after //line directives: the file name they set (empty
// for the file's own name), the line, and the column (0 when unknown, after a
// `//line file:line` directive). Without directives this is (file, pos.line, pos.col).
struct RelPosition {
  std::string_view filename;
  uint32_t line = 0;
  uint32_t col = 0;
};
RelPosition RelPos(const File& file, Pos pos);

// "file:line:col" (or "file:line" when the column is unknown) as gc prints positions in
// diagnostics and -m output, honoring //line directives.
std::string FormatPos(const ParsedFile& file, Pos pos);

}  // namespace heapmap::syntax

#endif  // HEAPMAP_FRONTEND_SYNTAX_PARSER_H_
