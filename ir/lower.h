// ir/lower.h — lowering: a type-checked package (syntax + types::Info) to escape IR FuncUnits.
//
// The graph-building half of gc's escape analysis (escape/{escape,expr,stmt,assign,call}.go),
// applied to heapmap's typed AST. gc runs escape analysis after typecheck/walk-ish rewrites
// (explicit OCONVIFACE, OCLOSURE, OMETHVALUE, FixVariadicCall, go/defer wrappers...); lowering
// reproduces the effect of those rewrites from the AST and Info (see ir/README.md).
#ifndef HEAPMAP_IR_LOWER_H_
#define HEAPMAP_IR_LOWER_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "frontend/syntax/parser.h"
#include "frontend/types/checker.h"
#include "frontend/types/package.h"
#include "ir/unit_list.h"
#include "proto/ir.pb.h"

namespace heapmap::ir {

struct LowerOptions {
  // File names as gc prints them, parallel to `files` (default: ParsedFile::filename).
  std::vector<std::string> display_names;
  // Texts as another package's gc prints an inlined copy of these bodies (imported from
  // export data): the package's own types and names qualified (errors.errorString,
  // bytes.a), implicit conversions spelled out (any(lib.x)). For ir/splice.h.
  bool foreign_texts = false;
  // Only the functions whose symbol this accepts are lowered (no package initializer).
  std::function<bool(const std::string& symbol)> only;
  // Out, if set (without foreign_texts): the declared functions whose units have a text
  // that foreign_texts would spell otherwise (a package qualifier, a constant, an implicit
  // conversion, a package-level or local name, a sliced array). The others' units are the
  // same bytes either way, so a caller can copy them instead of lowering them again.
  absl::flat_hash_set<std::string>* texts_vary = nullptr;
  // Calls the inliner expands: gc prints such a call as the variable holding its result
  // (~R0, or the named result), and devirtualizes interface calls on a result it can see
  // is a converted concrete type.
  struct InlinedCall {
    std::string result_text;
    types::Type* devirt_type = nullptr;
  };
  absl::flat_hash_map<const syntax::CallExpr*, InlinedCall> inlined_calls;
  // Generic functions and methods of generic types declared in other packages: where
  // their source is (gc reads generic bodies from export data and stencils them in every
  // package that instantiates them). Unset, or null for an origin: that instantiation is
  // not lowered, and its callers see an unknown callee.
  struct GenericSource {
    const types::Package* pkg = nullptr;
    const types::Info* info = nullptr;
    const syntax::ParsedFile* file = nullptr;
    const syntax::FuncDecl* decl = nullptr;
    std::string display;  // the file's name as gc prints it
  };
  std::function<const GenericSource*(const types::Func* origin)> generic_source;
  // The package names gc spells as the quoted path here, sorted; unset: as gc compiling
  // with -l sees them (AmbiguousPackageNames without inline bodies).
  std::optional<std::vector<std::string>> quoted_names;
  // -m=2: every flow records gc's notes (Edge.notes: where, why, position), for the
  // solver's explanations. Off, an edge has one note with its why only.
  bool explain = false;
  // The method wrappers gc generates for the package's types (T.M and (*T).M of promoted
  // methods, (*T).M of value methods, I.M of interface methods), one unit each after the
  // others: they print nothing at -m, but their -m=2 explanations (ir/lower_wrappers.cc).
  bool wrappers = false;
};

// types.pkgqual's NumImport: how many packages of each name gc knows while compiling `pkg`
// (its imports, the packages their export data names: exported API types, and with
// inlining the packages their inline bodies call, `body_packages` of each import path).
// `export_names`, if given, returns ExportedPackages of an import (memoized by the caller:
// every importer of a package walks the same API).
using PackageNames = std::vector<std::pair<std::string, std::string>>;  // (path, name)
absl::flat_hash_map<std::string, int> KnownPackageNames(
    const types::Package& pkg,
    const std::function<const PackageNames*(std::string_view path)>& body_packages,
    const std::function<const PackageNames*(const types::Package& imported)>& export_names =
        nullptr);
// The packages an importer's gc reads in `imported`'s export data: itself, and the
// packages of every named type reachable from its exported objects.
PackageNames ExportedPackages(const types::Package& imported);
// The names several known packages share, sorted: gc prints them as the quoted path.
std::vector<std::string> AmbiguousPackageNames(
    const types::Package& pkg,
    const std::function<const std::vector<std::pair<std::string, std::string>>*(
        std::string_view path)>& body_packages,
    const std::function<const PackageNames*(const types::Package& imported)>& export_names =
        nullptr);

// In foreign texts (LowerOptions::foreign_texts) a package qualifier depends on the package
// the body is inlined into (types.pkgqual: the name, or the quoted path when several
// packages gc knows share the name), so it is written as a marker, "\x01PATH\x1fNAME\x02",
// that ir/splice.h rewrites for the caller.
std::string ForeignQualifier(std::string_view path, std::string_view name);
// Rewrites the ForeignQualifier markers in text as qualify(path, name) spells them; a
// marker spelled "" (the compiling package's own name) drops the '.' after it too.
std::string ResolveForeignQualifiers(
    const std::string& text,
    const std::function<std::string(std::string_view path, std::string_view name)>& qualify);

// gc's -m=2 text of inlinable functions (FuncDecls) or literals (FuncLits) of the package,
// each with its file: what inl.go prints after "can inline F with cost N as: ", the type
// ("func(int) int", "method(*T) func() int") and the body's statements as irgen left them,
// in ir/fmt.go's forms ("{ x += 1; for loop; return x }"). quoted_names:
// PackageInlining::quoted_names. One text per function, in order.
std::vector<std::string> InlineBodyTexts(
    const types::Package& pkg, const types::Info& info,
    const std::vector<std::pair<const syntax::ParsedFile*, const syntax::Node*>>& fns,
    const std::vector<std::string>& quoted_names);
// Lowers every function declaration with a body (and body-less declarations, for their
// parameter facts) of one package, in declaration order, then the shape instantiations
// of generic functions the package uses (ir/stencil.h: named F[go.shape.int_0], DUPOK; the
// methods of every fully instantiated generic type it uses), its own generics' and other
// packages' (LowerOptions::generic_source). Function literals belong to the unit of their
// enclosing declaration. Fails (ResourceExhausted, "file:line:col: ...")
// only when the tree nests deeper than the thread's stack allows (base/stack.h). The units
// share one arena (UnitList).
absl::StatusOr<UnitList> LowerPackage(const types::Package& pkg,
                                      const std::vector<const syntax::ParsedFile*>& files,
                                      const types::Info& info, const LowerOptions& options = {});

}  // namespace heapmap::ir

#endif  // HEAPMAP_IR_LOWER_H_
