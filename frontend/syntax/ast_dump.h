// frontend/syntax/ast_dump.h — deterministic, indented text dump of a syntax tree.
//
// One node per line: `label: Kind attributes @line:col`, children indented by two spaces,
// lists as `label[i]:`. Compound expressions also show their source text (from the node's
// byte range, quoted, cut at 60 bytes), which makes golden files easy to review and checks
// the ranges. The format is for tests and `--dump=ast`; it is not a stable interface.
#ifndef HEAPMAP_FRONTEND_SYNTAX_AST_DUMP_H_
#define HEAPMAP_FRONTEND_SYNTAX_AST_DUMP_H_

#include <string>
#include <string_view>

#include "frontend/syntax/ast.h"

namespace heapmap::syntax {

// Dumps the whole tree. `source` is the text the tree was parsed from (ParsedFile::source);
// without it (empty), source snippets are omitted.
std::string DumpAst(const File& file, std::string_view source = {});

// Dumps one subtree (for debugging and unit tests).
std::string DumpNode(const Node* node, std::string_view source = {});

}  // namespace heapmap::syntax

#endif  // HEAPMAP_FRONTEND_SYNTAX_AST_DUMP_H_
