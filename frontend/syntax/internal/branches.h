// frontend/syntax/internal/branches.h — label and branch checks of a function body.
#ifndef HEAPMAP_FRONTEND_SYNTAX_INTERNAL_BRANCHES_H_
#define HEAPMAP_FRONTEND_SYNTAX_INTERNAL_BRANCHES_H_

#include <functional>
#include <string>
#include <string_view>

#include "frontend/syntax/ast.h"

namespace heapmap::syntax_internal {

// Port of gc's syntax.checkBranches: reports undefined, unused, duplicate and misplaced
// labels, break/continue/fallthrough out of place, and gotos that jump into blocks or over
// variable declarations; sets BranchStmt::target. `filename` appears in messages that name
// a second position, as gc prints them. Blocks deeper than the thread's stack allows
// (base/stack.h) are not checked.
void CheckBranches(syntax::BlockStmt* body, std::string_view filename,
                   const std::function<void(syntax::Pos, std::string)>& error);

}  // namespace heapmap::syntax_internal

#endif  // HEAPMAP_FRONTEND_SYNTAX_INTERNAL_BRANCHES_H_
