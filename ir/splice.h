// ir/splice.h — inlined bodies in escape analysis: gc analyzes a function after the inliner
// has copied its callees' bodies into it (inl.go mkinlcall), so an inlined constructor's
// `&T{}` is the caller's allocation, decided and reported at the call. This splices the
// escape graph of each inlined callee (its FuncUnit as lowered) into the caller's unit.
//
// In: a caller's unit, the top-level calls the inliner expanded in it (ir/inline.h
// InlineSite), and the lowered units and inlining facts of every callee by symbol. Out: the
// unit with each such call replaced by the callee's locations, edges and calls: parameters
// and results become the caller's locals (gc's inlvar, ~R0), at the call's loop depth,
// every position the call's (the outermost call of a chain, as gc prints it); the
// arguments flow into the parameters and the results into the call's result slots; calls
// of the spliced body that gc inlines too (same rules as InlineCalls: inlinable, cost
// within the caller's limit, not the caller, not already being expanded) are spliced in
// turn. Callees with function literals, and calls of literals, are left as calls (not yet
// modelled).
#ifndef HEAPMAP_IR_SPLICE_H_
#define HEAPMAP_IR_SPLICE_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/inline.h"
#include "proto/ir.pb.h"

namespace heapmap::ir {

struct InlineBody {
  const FuncUnit* unit = nullptr;     // the callee's unit as lowered, before any splicing
  const InlineFunc* facts = nullptr;  // its inlining facts
};

struct SpliceOptions {
  std::string pkg_path;  // the caller's package: other packages' inlined names print as pkg.x
  std::function<InlineBody(std::string_view symbol)> body;
  // The caller's spelling of a package qualifier (ForeignQualifier markers in the texts of
  // other packages' bodies): the name, or the quoted path (PackageInlining::quoted_names).
  std::function<std::string(std::string_view path, std::string_view name)> qualify;
};

struct SpliceStats {
  int spliced = 0;  // calls replaced by a body (transitive ones included)
  int kept = 0;     // calls the inliner expands that stay calls (literals, missing bodies)
};

// Splices into `unit` each call of `sites` it contains (same position and callee; the
// sites of the unit's file) and the calls of the spliced bodies gc inlines in turn.
void SpliceInlinedCalls(FuncUnit* unit, const std::vector<const InlineSite*>& sites,
                        const SpliceOptions& options, SpliceStats* stats);

}  // namespace heapmap::ir

#endif  // HEAPMAP_IR_SPLICE_H_
