// frontend/syntax/token.h — Go tokens, operators and precedences, as the scanner reports them.
//
// The token set mirrors cmd/compile/internal/syntax/tokens.go: operators are folded into a
// few token classes (kOperator, kAssignOp, kIncOp, kStar) that carry an Operator and a
// precedence, which keeps the parser's binary-expression loop a single comparison.
#ifndef HEAPMAP_FRONTEND_SYNTAX_TOKEN_H_
#define HEAPMAP_FRONTEND_SYNTAX_TOKEN_H_

#include <cstdint>
#include <string_view>

namespace heapmap::syntax {

enum class Token : uint8_t {
  kEOF,
  // names and literals
  kName,
  kLiteral,
  // operators and operations; kOperator excludes '*' (kStar)
  kOperator,  // op
  kAssignOp,  // op=
  kIncOp,     // ++ or --
  kAssign,    // =
  kDefine,    // :=
  kArrow,     // <-
  kStar,      // *
  // delimiters
  kLparen,
  kLbrack,
  kLbrace,
  kRparen,
  kRbrack,
  kRbrace,
  kComma,
  kSemi,
  kColon,
  kDot,
  kDotDotDot,
  // keywords
  kBreak,
  kCase,
  kChan,
  kConst,
  kContinue,
  kDefault,
  kDefer,
  kElse,
  kFallthrough,
  kFor,
  kFunc,
  kGo,
  kGoto,
  kIf,
  kImport,
  kInterface,
  kMap,
  kPackage,
  kRange,
  kReturn,
  kSelect,
  kStruct,
  kSwitch,
  kType,
  kVar,
  kCount,
};
static_assert(static_cast<int>(Token::kCount) <= 64, "token sets are 64-bit masks");

// Debug spelling of a token, as gc's token.String(): "EOF", "name", "op", "(", "func"...
std::string_view TokenString(Token tok);

enum class Operator : uint8_t {
  kNone,
  kDef,    // :
  kNot,    // !
  kRecv,   // <-
  kTilde,  // ~
  // precOrOr
  kOrOr,  // ||
  // precAndAnd
  kAndAnd,  // &&
  // precCmp
  kEql,  // ==
  kNeq,  // !=
  kLss,  // <
  kLeq,  // <=
  kGtr,  // >
  kGeq,  // >=
  // precAdd
  kAdd,  // +
  kSub,  // -
  kOr,   // |
  kXor,  // ^
  // precMul
  kMul,     // *
  kDiv,     // /
  kRem,     // %
  kAnd,     // &
  kAndNot,  // &^
  kShl,     // <<
  kShr,     // >>
};

// Source spelling of an operator: "+", "&^", "<-"...
std::string_view OperatorString(Operator op);

// Binary operator precedences; 0 means "not a binary operator".
inline constexpr int kPrecOrOr = 1;
inline constexpr int kPrecAndAnd = 2;
inline constexpr int kPrecCmp = 3;
inline constexpr int kPrecAdd = 4;
inline constexpr int kPrecMul = 5;

enum class LitKind : uint8_t { kInt, kFloat, kImag, kRune, kString };

std::string_view LitKindString(LitKind kind);

}  // namespace heapmap::syntax

#endif  // HEAPMAP_FRONTEND_SYNTAX_TOKEN_H_
