// frontend/syntax/ast.cc — arena blocks, names of kinds/tokens/operators, position lookup.
#include "frontend/syntax/ast.h"

#include <algorithm>
#include <cstdlib>
#include <new>

namespace heapmap::syntax {

namespace {

char* NewBlock(size_t n) {
  void* p = std::calloc(n, 1);
  if (p == nullptr) throw std::bad_alloc();
  return static_cast<char*>(p);
}

}  // namespace

void* Arena::AllocateSlow(size_t size, size_t align) {
  // Large requests get a block of their own so that the current block's tail stays usable.
  size_t need = size + align;
  if (need > next_block_size_ / 4) {
    blocks_.emplace_back(NewBlock(need));
    reserved_ += need;
    uintptr_t p = reinterpret_cast<uintptr_t>(blocks_.back().get());
    p = (p + align - 1) & ~(uintptr_t{align} - 1);
    return reinterpret_cast<void*>(p);
  }
  blocks_.emplace_back(NewBlock(next_block_size_));
  reserved_ += next_block_size_;
  ptr_ = blocks_.back().get();
  limit_ = ptr_ + next_block_size_;
  if (next_block_size_ < 1024 * 1024) next_block_size_ *= 2;
  return Allocate(size, align);
}

std::string_view Directive::Name() const {
  size_t i = text.find_first_of(" \t");
  return i == std::string_view::npos ? text : text.substr(0, i);
}

std::string_view Directive::Args() const {
  size_t i = text.find_first_of(" \t");
  if (i == std::string_view::npos) return {};
  std::string_view rest = text.substr(i);
  size_t b = rest.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  rest = rest.substr(b);
  size_t e = rest.find_last_not_of(" \t\r");
  return rest.substr(0, e + 1);
}

Pos PosOf(const File& file, uint32_t offset) {
  if (file.line_starts.empty()) return Pos{};
  const uint32_t* b = file.line_starts.begin();
  const uint32_t* e = file.line_starts.end();
  const uint32_t* it = std::upper_bound(b, e, offset);  // first line start > offset
  uint32_t line = static_cast<uint32_t>(it - b);        // >= 1 since [0] == 0
  return Pos{line, offset - b[line - 1] + 1};
}

std::string_view NodeKindName(NodeKind kind) {
  static constexpr std::string_view kNames[] = {
      "File",
      "BadExpr",
      "Name",
      "BasicLit",
      "CompositeLit",
      "KeyValueExpr",
      "FuncLit",
      "ParenExpr",
      "SelectorExpr",
      "IndexExpr",
      "SliceExpr",
      "AssertExpr",
      "TypeSwitchGuard",
      "UnaryExpr",
      "BinaryExpr",
      "CallExpr",
      "ArrayType",
      "SliceType",
      "DotsType",
      "StructType",
      "InterfaceType",
      "FuncType",
      "MapType",
      "ChanType",
      "EmptyStmt",
      "LabeledStmt",
      "BlockStmt",
      "ExprStmt",
      "SendStmt",
      "DeclStmt",
      "AssignStmt",
      "IncDecStmt",
      "BranchStmt",
      "CallStmt",
      "ReturnStmt",
      "IfStmt",
      "ForStmt",
      "RangeStmt",
      "SwitchStmt",
      "TypeSwitchStmt",
      "SelectStmt",
      "Field",
      "CaseClause",
      "CommClause",
      "ImportSpec",
      "ValueSpec",
      "TypeSpec",
      "GenDecl",
      "FuncDecl",
  };
  static_assert(sizeof(kNames) / sizeof(kNames[0]) == static_cast<size_t>(NodeKind::kCount));
  size_t i = static_cast<size_t>(kind);
  return i < static_cast<size_t>(NodeKind::kCount) ? kNames[i] : "?";
}

std::string_view TokenString(Token tok) {
  static constexpr std::string_view kNames[] = {
      "EOF",    "name",     "literal", "op",     "op=",       "opop",        "=",       ":=",
      "<-",     "*",        "(",       "[",      "{",         ")",           "]",       "}",
      ",",      ";",        ":",       ".",      "...",       "break",       "case",    "chan",
      "const",  "continue", "default", "defer",  "else",      "fallthrough", "for",     "func",
      "go",     "goto",     "if",      "import", "interface", "map",         "package", "range",
      "return", "select",   "struct",  "switch", "type",      "var",
  };
  static_assert(sizeof(kNames) / sizeof(kNames[0]) == static_cast<size_t>(Token::kCount));
  size_t i = static_cast<size_t>(tok);
  return i < static_cast<size_t>(Token::kCount) ? kNames[i] : "?";
}

Pos StartPos(const Node* n) {
  for (;;) {
    const Node* next = nullptr;
    switch (n->kind) {
      case NodeKind::kCompositeLit:
        next = static_cast<const CompositeLit*>(n)->type;
        break;
      case NodeKind::kSelectorExpr:
        next = static_cast<const SelectorExpr*>(n)->x;
        break;
      case NodeKind::kIndexExpr:
        next = static_cast<const IndexExpr*>(n)->x;
        break;
      case NodeKind::kAssertExpr:
        next = static_cast<const AssertExpr*>(n)->x;
        break;
      case NodeKind::kTypeSwitchGuard: {
        auto* g = static_cast<const TypeSwitchGuard*>(n);
        next = g->lhs != nullptr ? static_cast<const Node*>(g->lhs) : g->x;
        break;
      }
      case NodeKind::kBinaryExpr:
        next = static_cast<const BinaryExpr*>(n)->x;
        break;
      case NodeKind::kCallExpr:
        next = static_cast<const CallExpr*>(n)->fun;
        break;
      case NodeKind::kSendStmt:
        next = static_cast<const SendStmt*>(n)->chan;
        break;
      case NodeKind::kAssignStmt: {
        auto* a = static_cast<const AssignStmt*>(n);
        if (!a->lhs.empty()) next = a->lhs[0];
        break;
      }
      default:
        break;
    }
    if (next == nullptr) return n->pos;
    n = next;
  }
}

std::string_view OperatorString(Operator op) {
  static constexpr std::string_view kNames[] = {
      "",   ":", "!", "<-", "~", "||", "&&", "==", "!=", "<",  "<=", ">",
      ">=", "+", "-", "|",  "^", "*",  "/",  "%",  "&",  "&^", "<<", ">>",
  };
  size_t i = static_cast<size_t>(op);
  return i < sizeof(kNames) / sizeof(kNames[0]) ? kNames[i] : "?";
}

std::string_view LitKindString(LitKind kind) {
  switch (kind) {
    case LitKind::kInt:
      return "Int";
    case LitKind::kFloat:
      return "Float";
    case LitKind::kImag:
      return "Imag";
    case LitKind::kRune:
      return "Rune";
    case LitKind::kString:
      return "String";
  }
  return "?";
}

}  // namespace heapmap::syntax
