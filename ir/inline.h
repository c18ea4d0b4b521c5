// ir/inline.h — gc 1.19's inliner decisions (cmd/compile/internal/inline/inl.go) on the
// typed AST: which functions can be inlined ("can inline F", the "hairy visitor" cost with
// budget 80), and which calls get inlined ("inlining call to F": mid-stack, transitive,
// the big-function rule, recursion cut), with gc's -m and -m=2 lines.
//
// In: one type-checked package and the InlineFunc facts of its imports (by symbol). Out:
// the package's InlineFunc facts (serializable, for its importers) and its -m lines.
// gc's cost counts the nodes of its own IR, so the walk reproduces the node shapes irgen
// and typecheck give each construct (implicit conversions, temporaries, declarations);
// ir/README.md lists them. Escape analysis of inlined bodies is not done here yet.
#ifndef HEAPMAP_IR_INLINE_H_
#define HEAPMAP_IR_INLINE_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "frontend/syntax/parser.h"
#include "frontend/types/checker.h"
#include "frontend/types/package.h"
#include "proto/ir.pb.h"

namespace heapmap::ir {

// inl.go's budget parameters.
inline constexpr int kInlineMaxBudget = 80;
inline constexpr int kInlineExtraCallCost = 57;
inline constexpr int kInlineBigFunctionNodes = 5000;
inline constexpr int kInlineBigFunctionMaxCost = 20;

struct InlineOptions {
  // File names as gc prints them, parallel to `files` (default: ParsedFile::filename).
  std::vector<std::string> display_names;
  // -m level: 1 prints "can inline" and "inlining call to"; 2 adds costs and
  // "cannot inline F: REASON".
  int m = 1;
  // The facts of an imported function by symbol, or null (not analyzed: calls to it
  // cost as calls to a non-inlinable function).
  std::function<const InlineFunc*(std::string_view symbol)> imported;
  // All facts of an imported package by path, or null: the inline bodies its export data
  // would carry name the packages gc knows of (for qualifying names as gc does).
  std::function<const std::vector<InlineFunc>*(std::string_view path)> imported_package;
  // PackageInlining::devirt of an imported function, or null.
  std::function<types::Type*(std::string_view symbol)> imported_devirt;
};

struct InlineLine {
  int file = 0;  // index into the package's files
  syntax::Pos pos;
  std::string text;  // "file:line:col: message", as gc prints it
};

// A call InlineCalls expands (top level only: the calls of the inlined body are decided
// again where it is spliced, ir/splice.h).
struct InlineSite {
  int file = 0;  // index into the package's files
  syntax::Pos pos;     // the call's '('
  std::string callee;  // symbol
  std::string caller;  // symbol of the function being compiled (gc's CurFunc)
  int max_cost = 0;    // kInlineMaxBudget, or kInlineBigFunctionMaxCost in a big caller
  const syntax::CallExpr* call = nullptr;  // in the package's syntax tree
  // What gc prints for the call once inlined (OINLCALL): its result variable, ~R0 or the
  // callee's named result (qualified when the callee is another package's).
  std::string result_text;
  // The concrete type behind the call's interface result, when ir.StaticValue sees it
  // through the inlined body (the callee's one return converts a T): devirtualize.Call
  // then calls T's method on it. In-process only, like the syntax tree.
  types::Type* devirt_type = nullptr;
};

struct PackageInlining {
  std::vector<InlineFunc> funcs;  // every function and closure, in gc's processing order
  std::vector<InlineLine> lines;  // in gc's printing order
  std::vector<InlineSite> sites;  // in gc's processing order
  // Package names gc spells as the quoted path in this package (types.pkgqual): several
  // packages it knows of share them.
  std::vector<std::string> quoted_names;
  // Functions whose single return converts a concrete type to their interface result
  // (InlineSite::devirt_type), by symbol.
  absl::flat_hash_map<std::string, types::Type*> devirt;
};

// The package path of a link symbol ("a/b.(*T).M" -> "a/b"): up to the first '.' after
// the last '/' that precedes any receiver parenthesis.
std::string_view SymbolPackage(std::string_view symbol);

// A call of this function is an intrinsic on linux/amd64 (never inlined, charged as one
// node): ssagen's intrinsic table, e.g. "math/bits.TrailingZeros64".
bool IsInlineIntrinsic(std::string_view symbol);

PackageInlining AnalyzeInlining(const types::Package& pkg,
                                const std::vector<const syntax::ParsedFile*>& files,
                                const types::Info& info, const InlineOptions& options = {});

}  // namespace heapmap::ir

#endif  // HEAPMAP_IR_INLINE_H_
