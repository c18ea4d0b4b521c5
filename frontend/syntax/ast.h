// frontend/syntax/ast.h — the Go syntax tree: positions, the per-file arena, every node type.
//
// The tree follows cmd/compile/internal/syntax/nodes.go closely, so that positions match
// what gc prints: a node's `pos` is the position gc's syntax package gives the node (for
// operations it is the operator, for calls the '(', for selectors the '.', for index and
// slice expressions the '['; see each struct). In addition every node records the byte
// range [begin, end) of its source text, so the exact text of an expression can be
// recovered (`Text()`) and its start position computed (`PosOf`).
//
// Where gc's tree is awkward for consumers the shape differs, deliberately:
//   - lists are Span<T*> (no ListExpr node); `a, b = x, y` has two-element lhs/rhs;
//   - parentheses are always kept as ParenExpr (gc drops most of them);
//   - `x++`/`x--` is IncDecStmt; `for ... range` is RangeStmt; a type switch is a
//     SwitchStmt of kind kTypeSwitchStmt whose tag is a TypeSwitchGuard;
//   - const/var/type/import declarations are GenDecls holding specs, as in go/ast, and
//     each ValueSpec knows its index in its group (the value of iota).
//
// All nodes and arrays live in an Arena owned by the ParsedFile; nodes are trivially
// destructible, so the arena frees memory without running destructors. Identifier and
// literal texts are string_views into ParsedFile::source.
#ifndef HEAPMAP_FRONTEND_SYNTAX_AST_H_
#define HEAPMAP_FRONTEND_SYNTAX_AST_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <cstdlib>
#include <memory>
#include <new>
#include <string_view>
#include <type_traits>
#include <vector>

#include "frontend/syntax/token.h"

namespace heapmap::syntax {

// A source position: 1-based line and column; the column counts bytes, as gc prints it.
// Line 0 means unknown.
struct Pos {
  uint32_t line = 0;
  uint32_t col = 0;

  bool IsKnown() const { return line > 0; }
  friend bool operator==(Pos a, Pos b) { return a.line == b.line && a.col == b.col; }
  friend bool operator!=(Pos a, Pos b) { return !(a == b); }
  friend bool operator<(Pos a, Pos b) { return a.line != b.line ? a.line < b.line : a.col < b.col; }
};

// A bump allocator of blocks. Everything allocated here must be trivially destructible:
// the arena releases its blocks without running destructors.
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  void* Allocate(size_t size, size_t align) {
    uintptr_t p = (reinterpret_cast<uintptr_t>(ptr_) + align - 1) & ~(uintptr_t{align} - 1);
    if (p + size > reinterpret_cast<uintptr_t>(limit_) || ptr_ == nullptr) {
      return AllocateSlow(size, align);
    }
    ptr_ = reinterpret_cast<char*>(p + size);
    return reinterpret_cast<void*>(p);
  }

  template <typename T, typename... Args>
  T* New(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    return new (Allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
  }

  template <typename T>
  T* AllocateArray(size_t n) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    if (n == 0) return nullptr;
    return static_cast<T*>(Allocate(sizeof(T) * n, alignof(T)));
  }

  // Bytes handed out plus block slack; for statistics.
  size_t BytesReserved() const { return reserved_; }

 private:
  void* AllocateSlow(size_t size, size_t align);

  // Zeroed blocks from calloc: large ones come as fresh zero pages, without a memset.
  struct FreeBlock {
    void operator()(char* p) const { std::free(p); }
  };
  std::vector<std::unique_ptr<char[], FreeBlock>> blocks_;
  char* ptr_ = nullptr;
  char* limit_ = nullptr;
  size_t next_block_size_ = 16 * 1024;
  size_t reserved_ = 0;
};

// A read-only view of an arena-allocated array.
template <typename T>
class Span {
 public:
  Span() = default;
  Span(T* data, uint32_t size) : data_(data), size_(size) {}

  T* begin() const { return data_; }
  T* end() const { return data_ + size_; }
  uint32_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t i) const { return data_[i]; }
  T& front() const { return data_[0]; }
  T& back() const { return data_[size_ - 1]; }

 private:
  T* data_ = nullptr;
  uint32_t size_ = 0;
};

// A compiler directive or build line kept from a comment: `//go:noinline`,
// `//go:linkname local remote`, `//line file:1`, `// +build linux`.
struct Directive {
  Pos pos;                // position of the comment's "//" (or "/*")
  uint32_t offset = 0;    // byte offset of the comment
  std::string_view text;  // comment text after "//" (or between "/*" and "*/")
  bool own_line = false;  // nothing but blanks precede the comment on its line
  bool general = false;   // a /*...*/ comment (only /*line ...*/ directives are kept)

  bool IsGo() const { return text.substr(0, 3) == "go:"; }
  // A directive the declaration below it takes: //go:... or heapmap's //heapmap:...
  bool IsPragma() const { return IsGo() || text.substr(0, 8) == "heapmap:"; }
  // "go:linkname" for "go:linkname a b"; the whole text up to the first blank.
  std::string_view Name() const;
  // "a b" for "go:linkname a b"; blanks trimmed.
  std::string_view Args() const;
};

// ----------------------------------------------------------------------------
// Node kinds.

enum class NodeKind : uint8_t {
  kFile,
  // Expressions.
  kBadExpr,
  kName,
  kBasicLit,
  kCompositeLit,
  kKeyValueExpr,
  kFuncLit,
  kParenExpr,
  kSelectorExpr,
  kIndexExpr,
  kSliceExpr,
  kAssertExpr,
  kTypeSwitchGuard,
  kUnaryExpr,
  kBinaryExpr,
  kCallExpr,
  // Types (also expressions).
  kArrayType,
  kSliceType,
  kDotsType,
  kStructType,
  kInterfaceType,
  kFuncType,
  kMapType,
  kChanType,
  // Statements.
  kEmptyStmt,
  kLabeledStmt,
  kBlockStmt,
  kExprStmt,
  kSendStmt,
  kDeclStmt,
  kAssignStmt,
  kIncDecStmt,
  kBranchStmt,
  kCallStmt,
  kReturnStmt,
  kIfStmt,
  kForStmt,
  kRangeStmt,
  kSwitchStmt,
  kTypeSwitchStmt,
  kSelectStmt,
  // Parts.
  kField,
  kCaseClause,
  kCommClause,
  // Declarations and specs.
  kImportSpec,
  kValueSpec,
  kTypeSpec,
  kGenDecl,
  kFuncDecl,
  kCount,
};

std::string_view NodeKindName(NodeKind kind);

struct Node {
  explicit Node(NodeKind k) : kind(k) {}

  NodeKind kind;
  Pos pos;             // gc's position for the node (see each struct)
  uint32_t begin = 0;  // byte range [begin, end) of the node's source text
  uint32_t end = 0;
};

// Checked downcasts: DynCast<CallExpr>(n) is null unless n is a CallExpr.
template <typename T>
inline bool Isa(const Node* n) {
  return n != nullptr && T::Classof(n->kind);
}
template <typename T>
inline T* DynCast(Node* n) {
  return Isa<T>(n) ? static_cast<T*>(n) : nullptr;
}
template <typename T>
inline const T* DynCast(const Node* n) {
  return Isa<T>(n) ? static_cast<const T*>(n) : nullptr;
}

#define HEAPMAP_SYNTAX_KIND(Name)                                    \
  static constexpr NodeKind kKind = NodeKind::k##Name;               \
  static bool Classof(NodeKind k) { return k == NodeKind::k##Name; } \
  Name() : Base(NodeKind::k##Name) {}

struct Expr : Node {
  using Node::Node;
  static bool Classof(NodeKind k) { return k >= NodeKind::kBadExpr && k <= NodeKind::kChanType; }
  // True for the type-literal kinds (ArrayType ... ChanType).
  bool IsTypeLit() const { return kind >= NodeKind::kArrayType && kind <= NodeKind::kChanType; }
};

struct Stmt : Node {
  using Node::Node;
  static bool Classof(NodeKind k) {
    return k >= NodeKind::kEmptyStmt && k <= NodeKind::kSelectStmt;
  }
};

struct Spec : Node {
  using Node::Node;
  static bool Classof(NodeKind k) { return k >= NodeKind::kImportSpec && k <= NodeKind::kTypeSpec; }
  // //go: directives on their own lines before the spec (inside a group), or the
  // declaration's directives for an ungrouped spec; //go:embed lives here.
  Span<Directive> directives;
};

struct Decl : Node {
  using Node::Node;
  static bool Classof(NodeKind k) { return k == NodeKind::kGenDecl || k == NodeKind::kFuncDecl; }
};

struct BlockStmt;
struct FuncType;
struct Field;
struct CaseClause;
struct CommClause;
struct GenDecl;

// ----------------------------------------------------------------------------
// Expressions.

// Placeholder for a missing or malformed expression; an error was reported.
struct BadExpr : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(BadExpr)
};

// An identifier. "_" for blank; also "." for a dot import's name.
struct Name : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(Name)
  std::string_view value;
};

// A literal as written: 0x1p-2, 'a', "a\n", `raw` (raw strings keep their CRs; the
// value, once unquoted, drops them). bad: the scanner reported an error for it.
struct BasicLit : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(BasicLit)
  LitKind lit_kind = LitKind::kInt;
  bool bad = false;
  std::string_view value;
};

// type{elems}; type is null for an elided type inside an outer literal. pos: the '{'.
struct CompositeLit : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(CompositeLit)
  Expr* type = nullptr;
  Span<Expr*> elems;
  uint32_t num_keys = 0;  // elems that are KeyValueExprs
  Pos rbrace;
};

// key: value inside a composite literal. pos: the ':'.
struct KeyValueExpr : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(KeyValueExpr)
  Expr* key = nullptr;
  Expr* value = nullptr;
};

// func(params) results { body }. pos: the 'func'.
struct FuncLit : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(FuncLit)
  FuncType* type = nullptr;
  BlockStmt* body = nullptr;
};

// (x). pos: the '('.
struct ParenExpr : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(ParenExpr)
  Expr* x = nullptr;
};

// x.sel. pos: the '.'.
struct SelectorExpr : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(SelectorExpr)
  Expr* x = nullptr;
  Name* sel = nullptr;
};

// x[i] or an instantiation x[T1, T2]. pos: the '['.
struct IndexExpr : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(IndexExpr)
  Expr* x = nullptr;
  Span<Expr*> indices;  // at least one
};

// x[lo:hi] or x[lo:hi:max]; missing indices are null. pos: the '['.
struct SliceExpr : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(SliceExpr)
  Expr* x = nullptr;
  Expr* index[3] = {nullptr, nullptr, nullptr};
  bool full = false;  // 3-index form
};

// x.(type). pos: the '.'.
struct AssertExpr : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(AssertExpr)
  Expr* x = nullptr;
  Expr* type = nullptr;
};

// [lhs :=] x.(type), only as the tag of a type switch (elsewhere it is a syntax error).
// pos: the '.'.
struct TypeSwitchGuard : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(TypeSwitchGuard)
  Name* lhs = nullptr;
  Expr* x = nullptr;
};

// op x, for op in + - ! ^ * & <- ~. `*T` in a type context is also a UnaryExpr with
// op kMul. pos: the operator.
struct UnaryExpr : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(UnaryExpr)
  Operator op = Operator::kNone;
  Expr* x = nullptr;
};

// x op y; also a union A | B in a constraint. pos: the operator.
struct BinaryExpr : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(BinaryExpr)
  Operator op = Operator::kNone;
  Expr* x = nullptr;
  Expr* y = nullptr;
};

// fun(args) or fun(args...); also conversions T(x). pos: the '('.
struct CallExpr : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(CallExpr)
  Expr* fun = nullptr;
  Span<Expr*> args;
  bool has_dots = false;
  Pos rparen;
};

// ----------------------------------------------------------------------------
// Types.

// [len]elem; len is null for [...]elem. pos: the '['.
struct ArrayType : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(ArrayType)
  Expr* len = nullptr;
  Expr* elem = nullptr;
};

// []elem. pos: the '['.
struct SliceType : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(SliceType)
  Expr* elem = nullptr;
};

// ...elem, only as the type of a final parameter. pos: the '...'.
struct DotsType : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(DotsType)
  Expr* elem = nullptr;
};

// struct { fields }. One Field per declared name: `a, b int` gives two Fields sharing
// one type node; an embedded field has no name. pos: the 'struct'.
struct StructType : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(StructType)
  Span<Field*> fields;
  Pos rbrace;
};

// interface { elems }. A method has a name and a FuncType; an embedded element (type
// name, ~T, union A | B) has no name. pos: the 'interface'.
struct InterfaceType : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(InterfaceType)
  Span<Field*> methods;
  Pos rbrace;
};

// func(params) results. As in gc, one Field per name, names either all present or all
// absent. pos, as gc: the token that starts the signature, '(' or '[' (the one after
// 'func' in a literal, after the name in a declaration).
struct FuncType : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(FuncType)
  Span<Field*> params;
  Span<Field*> results;
};

// map[key]value. pos: the 'map'.
struct MapType : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(MapType)
  Expr* key = nullptr;
  Expr* value = nullptr;
};

enum class ChanDir : uint8_t { kBoth, kSendOnly, kRecvOnly };

// chan T, chan<- T, <-chan T. pos: the 'chan' (or the '<-' of '<-chan').
struct ChanType : Expr {
  using Base = Expr;
  HEAPMAP_SYNTAX_KIND(ChanType)
  ChanDir dir = ChanDir::kBoth;
  Expr* elem = nullptr;
};

// A parameter, result, type parameter, struct field or interface element.
// name is null for unnamed parameters and embedded fields; tag only in structs.
struct Field : Node {
  using Base = Node;
  HEAPMAP_SYNTAX_KIND(Field)
  Name* name = nullptr;
  Expr* type = nullptr;
  BasicLit* tag = nullptr;
};

// ----------------------------------------------------------------------------
// Statements.

// An empty statement (an explicit ';', or the body of `L: }`).
struct EmptyStmt : Stmt {
  using Base = Stmt;
  HEAPMAP_SYNTAX_KIND(EmptyStmt)
};

// label: stmt. pos: the ':'.
struct LabeledStmt : Stmt {
  using Base = Stmt;
  HEAPMAP_SYNTAX_KIND(LabeledStmt)
  Name* label = nullptr;
  Stmt* stmt = nullptr;
};

// { stmts }. pos: the '{'; rbrace: the '}' (gc uses it for function end positions).
struct BlockStmt : Stmt {
  using Base = Stmt;
  HEAPMAP_SYNTAX_KIND(BlockStmt)
  Span<Stmt*> stmts;
  Pos rbrace;
};

// An expression used as a statement. pos: x's pos.
struct ExprStmt : Stmt {
  using Base = Stmt;
  HEAPMAP_SYNTAX_KIND(ExprStmt)
  Expr* x = nullptr;
};

// chan <- value. pos: the '<-'.
struct SendStmt : Stmt {
  using Base = Stmt;
  HEAPMAP_SYNTAX_KIND(SendStmt)
  Expr* chan = nullptr;
  Expr* value = nullptr;
};

// A const, type or var declaration inside a function.
struct DeclStmt : Stmt {
  using Base = Stmt;
  HEAPMAP_SYNTAX_KIND(DeclStmt)
  GenDecl* decl = nullptr;
};

// lhs = rhs, lhs := rhs (define), lhs op= rhs (op != kNone, one element each side).
// pos: the assignment operator.
struct AssignStmt : Stmt {
  using Base = Stmt;
  HEAPMAP_SYNTAX_KIND(AssignStmt)
  Operator op = Operator::kNone;
  bool define = false;
  Span<Expr*> lhs;
  Span<Expr*> rhs;
};

// x++ or x--. pos: the operator.
struct IncDecStmt : Stmt {
  using Base = Stmt;
  HEAPMAP_SYNTAX_KIND(IncDecStmt)
  bool inc = true;
  Expr* x = nullptr;
};

// break/continue/goto/fallthrough [label]. tok is the keyword. target, filled in after a
// function body parsed without errors (as gc's checkBranches does): for break, the
// enclosing For/Range/Switch/TypeSwitch/SelectStmt; for continue, the For/RangeStmt; for
// goto, the LabeledStmt; null for fallthrough and when invalid.
struct BranchStmt : Stmt {
  using Base = Stmt;
  HEAPMAP_SYNTAX_KIND(BranchStmt)
  Token tok = Token::kBreak;
  Name* label = nullptr;
  Stmt* target = nullptr;
};

// go call / defer call; tok is kGo or kDefer. pos: the keyword.
struct CallStmt : Stmt {
  using Base = Stmt;
  HEAPMAP_SYNTAX_KIND(CallStmt)
  Token tok = Token::kDefer;
  CallExpr* call = nullptr;
};

struct ReturnStmt : Stmt {
  using Base = Stmt;
  HEAPMAP_SYNTAX_KIND(ReturnStmt)
  Span<Expr*> results;
};

// if init; cond { then } else else_ ; else_ is null, an IfStmt or a BlockStmt.
struct IfStmt : Stmt {
  using Base = Stmt;
  HEAPMAP_SYNTAX_KIND(IfStmt)
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  BlockStmt* then = nullptr;
  Stmt* else_ = nullptr;
};

// for init; cond; post { body }; every part may be null.
struct ForStmt : Stmt {
  using Base = Stmt;
  HEAPMAP_SYNTAX_KIND(ForStmt)
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  Stmt* post = nullptr;
  BlockStmt* body = nullptr;
};

// for [key [, value] (= | :=)] range x { body }. Also `for range x` and `for i := range
// 10` (Go 1.22 range over int) and range over functions, which are the same syntax.
// pos: the 'for'; range_pos: the 'range'.
struct RangeStmt : Stmt {
  using Base = Stmt;
  HEAPMAP_SYNTAX_KIND(RangeStmt)
  Expr* key = nullptr;
  Expr* value = nullptr;
  bool define = false;
  Pos range_pos;
  Expr* x = nullptr;
  BlockStmt* body = nullptr;
};

// switch init; tag { clauses }. For kind kTypeSwitchStmt, tag is a TypeSwitchGuard.
struct SwitchStmt : Stmt {
  using Base = Stmt;
  static bool Classof(NodeKind k) {
    return k == NodeKind::kSwitchStmt || k == NodeKind::kTypeSwitchStmt;
  }
  explicit SwitchStmt(NodeKind k) : Stmt(k) {}
  Stmt* init = nullptr;
  Expr* tag = nullptr;
  Span<CaseClause*> clauses;
  Pos rbrace;

  TypeSwitchGuard* guard() const {
    return kind == NodeKind::kTypeSwitchStmt ? static_cast<TypeSwitchGuard*>(tag) : nullptr;
  }
};

struct SelectStmt : Stmt {
  using Base = Stmt;
  HEAPMAP_SYNTAX_KIND(SelectStmt)
  Span<CommClause*> clauses;
  Pos rbrace;
};

// case cases: body, or default: body. pos: the 'case'/'default'.
struct CaseClause : Node {
  using Base = Node;
  HEAPMAP_SYNTAX_KIND(CaseClause)
  bool is_default = false;
  Span<Expr*> cases;
  Span<Stmt*> body;
  Pos colon;
};

// case comm: body (comm is a SendStmt, ExprStmt of <-x, or an AssignStmt), or
// default: body (comm null).
struct CommClause : Node {
  using Base = Node;
  HEAPMAP_SYNTAX_KIND(CommClause)
  Stmt* comm = nullptr;
  Span<Stmt*> body;
  Pos colon;
};

// ----------------------------------------------------------------------------
// Declarations.

// [name] "path". name is "." for dot imports and "_" for blank imports. pos: the token
// after 'import' or after the group's ';'.
struct ImportSpec : Spec {
  using Base = Spec;
  HEAPMAP_SYNTAX_KIND(ImportSpec)
  Name* name = nullptr;
  BasicLit* path = nullptr;
};

// names [type] [= values] in a const or var declaration. In a const group, a spec with
// neither type nor values repeats the previous spec's (the checker does that); iota is the
// index of the spec in its group (0 for an ungrouped spec). pos: the first name.
struct ValueSpec : Spec {
  using Base = Spec;
  HEAPMAP_SYNTAX_KIND(ValueSpec)
  uint32_t iota = 0;
  Span<Name*> names;
  Expr* type = nullptr;
  Span<Expr*> values;
};

// name[tparams] [=] type. pos: the name.
struct TypeSpec : Spec {
  using Base = Spec;
  HEAPMAP_SYNTAX_KIND(TypeSpec)
  Name* name = nullptr;
  Span<Field*> tparams;
  bool alias = false;
  Expr* type = nullptr;
};

// import/const/type/var, one spec or a parenthesized group. pos: the keyword.
// directives: the //go: directives on their own lines before the declaration.
struct GenDecl : Decl {
  using Base = Decl;
  HEAPMAP_SYNTAX_KIND(GenDecl)
  Token tok = Token::kVar;  // kImport, kConst, kType or kVar
  Pos lparen;               // unknown unless grouped
  Pos rparen;
  Span<Spec*> specs;
  Span<Directive> directives;
};

// func (recv) name[tparams](params) results { body }. body is null for a declaration
// without body (assembly or //go:linkname). pos, as gc: the token after 'func' (the
// receiver's '(' or the name); begin is the 'func' keyword. The body's closing brace is
// body->rbrace.
struct FuncDecl : Decl {
  using Base = Decl;
  HEAPMAP_SYNTAX_KIND(FuncDecl)
  Field* recv = nullptr;
  Name* name = nullptr;
  Span<Field*> tparams;
  FuncType* type = nullptr;
  BlockStmt* body = nullptr;
  Span<Directive> directives;
};

// The root. pos: the 'package' keyword.
// A //line (or /*line*/) directive in effect from `pos` on: positions at or after pos are
// reported, as gc does, relative to filename:line[:col] (see RelPos in parser.h).
struct LineBase {
  Pos pos;                    // the position immediately after the directive
  std::string_view filename;  // empty: the file's own name
  uint32_t line = 0;
  uint32_t col = 0;  // 0: unknown (the //line file:line form); positions print without column
};

struct File : Node {
  using Base = Node;
  HEAPMAP_SYNTAX_KIND(File)
  Name* pkg_name = nullptr;
  Span<Decl*> decls;
  Span<Directive> directives;  // every directive in the file, in source order
  Span<LineBase> line_bases;   // valid line directives, in source order
  Span<uint32_t> line_starts;  // byte offset of the start of each line; [0] == 0
  Pos eof;
};

#undef HEAPMAP_SYNTAX_KIND

// Position of a byte offset, via file.line_starts.
Pos PosOf(const File& file, uint32_t offset);

// The position gc's type checker reports for an error about n (gc's syntax.StartPos):
// the pos of the leftmost sub-node, following only the left operand of binary
// expressions, the operand of selectors, index expressions, assertions and calls, and
// the type of a composite literal. Not always n's first byte: a FuncType starts at its
// '(' and, as in gc, a slice expression x[i:j] at its '['.
Pos StartPos(const Node* n);

// The source text of a node: source.substr(begin, end - begin).
inline std::string_view Text(std::string_view source, const Node& n) {
  if (n.begin > source.size() || n.end < n.begin) return {};
  return source.substr(n.begin, n.end - n.begin);
}

// Strips any number of enclosing parentheses.
inline Expr* Unparen(Expr* x) {
  while (x != nullptr && x->kind == NodeKind::kParenExpr) x = static_cast<ParenExpr*>(x)->x;
  return x;
}
inline const Expr* Unparen(const Expr* x) { return Unparen(const_cast<Expr*>(x)); }

}  // namespace heapmap::syntax

#endif  // HEAPMAP_FRONTEND_SYNTAX_AST_H_
