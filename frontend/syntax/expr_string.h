// frontend/syntax/expr_string.h — an expression or type as gc's messages print it.
#ifndef HEAPMAP_FRONTEND_SYNTAX_EXPR_STRING_H_
#define HEAPMAP_FRONTEND_SYNTAX_EXPR_STRING_H_

#include <string>

#include "frontend/syntax/ast.h"

namespace heapmap::syntax {

// x printed as gc's syntax.String (its printer in ShortForm) prints the tree gc's parser
// builds for the same source: one line, gc's spacing (`x + y`, `f(a, b)`,
// `struct{a, b int; c string "tag"}`, `interface{M(x int) (int, error); String() string}`,
// `chan (<-chan int)`), function and composite literal bodies abbreviated to `{…}` (or
// `{}` when empty), and, as gc's parser drops them, no parentheses around types inside
// type literals (`[]([]int)` prints as `[][]int`); parentheses in expressions are kept.
// This is the text of the "X is not a type", "X (type) is not an expression",
// "non-name X on left side of :=" messages. Very deep trees are cut off with "…".
std::string ExprString(const Expr* x);

}  // namespace heapmap::syntax

#endif  // HEAPMAP_FRONTEND_SYNTAX_EXPR_STRING_H_
