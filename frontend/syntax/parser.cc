// frontend/syntax/parser.cc — recursive-descent Go parser, a port of gc's syntax/parser.go.
//
// The structure, the error messages and the recovery strategy (advance() to a follow set
// plus the statement keywords) are those of cmd/compile/internal/syntax/parser.go in Go
// 1.19, so that heapmap reports the errors `go build` reports. Differences from gc are
// deliberate and listed in README.md: parentheses are kept, lists are Spans, `x.(type)`
// outside a type switch header is a syntax error, the number of errors is capped, and
// nesting depth and stack use are bounded so that no input can overflow the stack.
//
// A few mistakes that go/parser rejects while parsing but gc only rejects in its type
// checker (a type used as a value, `[...]T` outside a composite literal, a non-type in a
// type switch case, a non-name on the left of :=, a const spec without values, an
// invalid import path) are collected during the parse ("late" checks) and reported, with
// gc's type checker's message and position, only when the file has no other error: gc
// type-checks only files without syntax errors, so its syntax error output is unchanged.
//
// Lists are collected on one scratch stack of pointers (scratch_) and copied into the arena
// when complete; nested lists push and pop above their parent's entries, so one vector
// serves the whole parse without per-list heap allocation.
#include "frontend/syntax/parser.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "base/stack.h"
#include "frontend/syntax/expr_string.h"
#include "frontend/syntax/internal/branches.h"
#include "frontend/syntax/internal/str_util.h"
#include "frontend/syntax/literal.h"
#include "frontend/syntax/scanner.h"

namespace heapmap::syntax {
namespace {

using syntax_internal::StrAppend;
using syntax_internal::StrCat;

// go tool compile stops after 10 errors; so do we (the rest is noise after a bad token).
constexpr size_t kMaxErrors = 10;
// Bounds on recursion: nesting levels (kMaxNestingDepth, parser.h), and the stack left on
// the current thread (base/stack.h): heapmap's threads have stacks large enough for the
// full depth; a thread with a small stack (a unit test's, a fuzzer's) stops earlier with
// the same error instead of overflowing.

constexpr uint64_t Bit(Token t) { return uint64_t{1} << static_cast<int>(t); }

// Keywords that start a statement: synchronization points when skipping tokens inside a
// function body.
constexpr uint64_t kStopSet = Bit(Token::kBreak) | Bit(Token::kConst) | Bit(Token::kContinue) |
                              Bit(Token::kDefer) | Bit(Token::kFallthrough) | Bit(Token::kFor) |
                              Bit(Token::kGo) | Bit(Token::kGoto) | Bit(Token::kIf) |
                              Bit(Token::kReturn) | Bit(Token::kSelect) | Bit(Token::kSwitch) |
                              Bit(Token::kType) | Bit(Token::kVar);

// The English word for punctuation in messages (gc's tokstring).
std::string_view TokString(Token tok) {
  switch (tok) {
    case Token::kComma:
      return "comma";
    case Token::kSemi:
      return "semicolon or newline";
    default:
      return TokenString(tok);
  }
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

class Parser final : public ScanErrorSink {
 public:
  explicit Parser(ParsedFile* out)
      : out_(out),
        arena_(out->arena.get()),
        source_(out->source),
        s_(out->source, this, &directives_, &line_starts_) {
    scratch_.reserve(256);
  }

  File* Run();

  void ScanError(Pos pos, std::string message) override { ErrorAt(pos, std::move(message)); }

 private:
  // RAII nesting guard; `ok` is false once the depth or stack budget is exhausted, after
  // which the scanner reports EOF so that every production unwinds.
  class Nest {
   public:
    explicit Nest(Parser* p) : p_(p), ok(p->Enter()) {}
    ~Nest() { --p_->depth_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;

   private:
    Parser* p_;

   public:
    const bool ok;
  };

  // ---- tokens
  Token tok() const { return s_.tok(); }
  Pos pos() const { return s_.pos(); }
  uint32_t off() const { return s_.offset(); }
  bool IsOp(Operator op) const { return tok() == Token::kOperator && s_.op() == op; }
  void Next() {
    prev_end_ = s_.end();
    s_.Next();
  }
  bool Got(Token t) {
    if (tok() == t) {
      Next();
      return true;
    }
    return false;
  }
  void Want(Token t) {
    if (!Got(t)) {
      SyntaxError(StrCat("expecting ", TokString(t)));
      Advance(0);
    }
  }
  bool GotAssign();

  // ---- errors
  bool Enter();
  void ErrorAt(Pos pos, std::string msg);
  void Error(std::string msg) { ErrorAt(pos(), std::move(msg)); }
  void SyntaxErrorAt(Pos pos, std::string_view msg);
  void SyntaxError(std::string_view msg) { SyntaxErrorAt(pos(), msg); }
  void Advance(uint64_t followset);
  Pos PosAtOffset(uint32_t offset) const;

  // ---- nodes
  template <typename T, typename... Args>
  T* New(Pos pos, uint32_t begin, Args&&... args) {
    T* n = arena_->New<T>(std::forward<Args>(args)...);
    n->pos = pos;
    n->begin = begin;
    n->end = begin;
    return n;
  }
  // Sets n's end: the end of the last consumed token, but not before a zero-width node
  // created since at a token that was not consumed (after an error, or the empty
  // statement of `L: }`), so that such a node stays inside the ranges of its ancestors.
  template <typename T>
  T* Finish(T* n) {
    if (n->begin > prev_end_) zero_width_end_ = std::max(zero_width_end_, n->begin);
    n->end = std::max(std::max(prev_end_, n->begin), zero_width_end_);
    return n;
  }
  template <typename T>
  T* ZeroWidth(T* n) {
    zero_width_end_ = std::max(zero_width_end_, n->begin);
    return n;
  }
  void Push(Node* n) { scratch_.push_back(n); }
  template <typename T>
  Span<T*> TakeList(size_t mark) {
    size_t n = scratch_.size() - mark;
    T** data = arena_->AllocateArray<T*>(n);
    for (size_t i = 0; i < n; ++i) data[i] = static_cast<T*>(scratch_[mark + i]);
    scratch_.resize(mark);
    return Span<T*>(data, static_cast<uint32_t>(n));
  }
  template <typename T>
  Span<T*> One(T* x) {
    T** data = arena_->AllocateArray<T*>(1);
    data[0] = x;
    return Span<T*>(data, 1);
  }
  BadExpr* Bad() { return ZeroWidth(New<BadExpr>(pos(), off())); }
  Name* NewName(Pos pos, uint32_t begin, std::string_view value) {
    Name* n = New<Name>(pos, begin);
    n->value = value;
    return n;
  }
  UnaryExpr* NewIndirect(Pos pos, uint32_t begin, Expr* typ) {
    UnaryExpr* u = New<UnaryExpr>(pos, begin);
    u->op = Operator::kMul;
    u->x = typ;
    u->end = std::max(typ->end, begin);
    return u;
  }
  std::string_view TextOf(const Node* n) const { return Text(source_, *n); }

  Span<LineBase> LineBases();

  // ---- pragmas
  Span<Directive> TakePragma();
  void ClearPragma() { pragma_start_ = directives_.size(); }

  // ---- productions
  template <typename F>
  Pos List(std::string_view context, Token sep, Token close, F&& f);
  GenDecl* GenDeclP(Token keyword, Pos keyword_pos, uint32_t begin);
  Spec* SpecP(Token keyword, uint32_t iota);
  ImportSpec* ImportSpecP();
  ValueSpec* ConstSpecP(uint32_t iota);
  ValueSpec* VarSpecP(uint32_t iota);
  TypeSpec* TypeSpecP();
  bool ExtractName(Expr* x, bool force, Name** name, Expr** rest);
  static bool IsTypeElem(const Expr* x);
  FuncDecl* FuncDeclOrNil(uint32_t begin);
  BlockStmt* FuncBody();

  Expr* ExprP() { return BinaryExprP(nullptr, 0, true); }
  Expr* BinaryExprP(Expr* x, int prec, bool check);
  Expr* UnaryExprP();
  CallStmt* CallStmtP();
  Expr* Operand();
  Expr* Pexpr(Expr* x);
  static bool IsValue(const Expr* x);
  Expr* BareComplitExpr();
  CompositeLit* ComplitExpr();
  uint32_t BackOverArrow(uint32_t begin) const;

  Expr* TypeP();
  Expr* TypeOrNil();
  Expr* TypeInstance(Expr* typ);
  FuncType* FuncTypeP(std::string_view context, uint32_t begin, Span<Field*>* tparams);
  Expr* ArrayTypeP(Pos pos, uint32_t begin, Expr* len);
  Expr* SliceTypeP(Pos pos, uint32_t begin);
  Expr* ChanElem();
  StructType* StructTypeP();
  InterfaceType* InterfaceTypeP();
  Span<Field*> FuncResult();
  void FieldDecl();
  void AddField(Pos pos, uint32_t begin, Name* name, Expr* typ, BasicLit* tag);
  Expr* ArrayOrTArgs();
  BasicLit* OLiteral();
  Field* MethodDecl();
  Field* EmbeddedElem(Field* f);
  Expr* EmbeddedTerm();
  Field* ParamDeclOrNil(Name* name, Token follow);
  Span<Field*> ParamList(Name* name, Expr* typ, Token close, bool require_names);

  Stmt* SimpleStmt(Span<Expr*> lhs, bool have_lhs, Token keyword);
  RangeStmt* NewRange(Span<Expr*> lhs, bool define);
  Stmt* LabeledStmtOrNil(Name* label);
  BlockStmt* BlockStmtP(std::string_view context);
  DeclStmt* DeclStmtP();
  Stmt* ForStmtP();
  void Header(Token keyword, Stmt** init, Expr** cond, Stmt** post);
  IfStmt* IfStmtP();
  SwitchStmt* SwitchStmtP();
  SelectStmt* SelectStmtP();
  CaseClause* CaseClauseP(bool type_switch);
  CommClause* CommClauseP();
  Stmt* StmtOrNil();
  Span<Stmt*> StmtList();
  void ArgList(CallExpr* call);

  Name* NameP();
  Span<Name*> NameList(Name* first);
  Expr* QualifiedName(Name* name);
  Span<Expr*> ExprList();
  bool TypeList();  // pushes the elements on scratch_; returns whether a comma was seen

  // ---- late checks: go/parser rejects these at parse time, gc in its type checker
  enum class LateCheck : uint8_t {
    kNotExpression,      // a type literal as a value: "T (type) is not an expression"
    kNotType,            // a value as a type switch case: "x is not a type"
    kNonNameDefine,      // "non-name x on left side of :="
    kCannotDeclare,      // range clause: "cannot declare x"
    kMissingConstValue,  // ValueSpec: "missing init expr for x"
    kBadImportPath,      // BasicLit: "invalid import path (...)"
  };
  struct Late {
    LateCheck check;
    const Node* node;
  };
  void CheckValue(const Expr* x);
  void CheckValues(Span<Expr*> xs) {
    for (const Expr* x : xs) CheckValue(x);
  }
  void CheckCaseType(const Expr* x);
  void CheckDefine(Span<Expr*> lhs, LateCheck check);
  void ReportLateErrors();

  ParsedFile* out_;
  Arena* arena_;
  std::string_view source_;
  std::vector<Directive> directives_;
  std::vector<uint32_t> line_starts_;
  Scanner s_;

  uint32_t prev_end_ = 0;        // end offset of the last consumed token
  uint32_t zero_width_end_ = 0;  // see Finish
  int xnest_ = 0;                // expression nesting level (for complit ambiguity resolution)
  int fnest_ = 0;                // function nesting level (for error handling)
  int depth_ = 0;
  bool stopped_ = false;  // error cap or nesting limit reached
  uint32_t last_syntax_error_line_ = 0;
  uint32_t last_other_error_line_ = 0;
  std::string last_other_error_;
  uint64_t error_calls_ = 0;  // every error reported, including dropped ones
  size_t pragma_start_ = 0;
  std::vector<Node*> scratch_;
  std::vector<std::pair<TypeSwitchGuard*, bool>> guards_;  // guard, used in a type switch
  std::vector<Expr*> extra_range_vars_;                    // a third range variable
  std::vector<Late> late_;
  // Each [...]T parsed as an operand, and whether it is the type of a composite literal.
  std::vector<std::pair<ArrayType*, bool>> dots_arrays_;
};

// ----------------------------------------------------------------------------
// Errors

bool Parser::Enter() {
  ++depth_;
  if (depth_ <= kMaxNestingDepth && base::StackAvailable()) return true;
  if (!stopped_) {
    Error("exceeded max nesting depth");
    stopped_ = true;
    s_.Stop();
  }
  return false;
}

void Parser::ErrorAt(Pos pos, std::string msg) {
  ++error_calls_;
  if (stopped_) return;
  // As gc (base.ErrorfAt): only one syntax error per line, no matter what error, and
  // only one of several equal other errors per line.
  if (StartsWith(msg, "syntax error")) {
    if (last_syntax_error_line_ == pos.line) return;
    last_syntax_error_line_ = pos.line;
  } else {
    if (last_other_error_line_ == pos.line && last_other_error_ == msg) return;
    last_other_error_line_ = pos.line;
    last_other_error_ = msg;
  }
  out_->errors.push_back(syntax::SyntaxError{pos, std::move(msg)});
  if (out_->errors.size() >= kMaxErrors) {
    stopped_ = true;
    s_.Stop();
  }
}

void Parser::SyntaxErrorAt(Pos pos, std::string_view msg) {
  if (tok() == Token::kEOF && !out_->errors.empty()) return;  // avoid follow-up errors
  std::string suffix;
  if (msg.empty()) {
    // nothing to add
  } else if (StartsWith(msg, "in ") || StartsWith(msg, "at ") || StartsWith(msg, "after ")) {
    suffix = StrCat(" ", msg);
  } else if (StartsWith(msg, "expecting ")) {
    suffix = StrCat(", ", msg);
  } else {
    // A plain error: the current token does not matter.
    ErrorAt(pos, StrCat("syntax error: ", msg));
    return;
  }
  std::string tok_desc;
  switch (tok()) {
    case Token::kName:
    case Token::kSemi:
      tok_desc = std::string(s_.lit());
      break;
    case Token::kLiteral:
      tok_desc = StrCat("literal ", s_.lit());
      break;
    case Token::kOperator:
      tok_desc = std::string(OperatorString(s_.op()));
      break;
    case Token::kAssignOp:
      tok_desc = StrCat(OperatorString(s_.op()), "=");
      break;
    case Token::kIncOp:
      tok_desc = StrCat(OperatorString(s_.op()), OperatorString(s_.op()));
      break;
    default:
      tok_desc = std::string(TokString(tok()));
  }
  ErrorAt(pos, StrCat("syntax error: unexpected ", tok_desc, suffix));
}

// Consumes tokens until one in followset (or, inside a function, a statement keyword) is
// found. With an empty followset exactly one non-EOF token is consumed.
void Parser::Advance(uint64_t followlist) {
  uint64_t followset = Bit(Token::kEOF);
  if (followlist != 0) {
    if (fnest_ > 0) followset |= kStopSet;
    followset |= followlist;
  }
  while ((followset & Bit(tok())) == 0) {
    Next();
    if (followlist == 0) break;
  }
}

Pos Parser::PosAtOffset(uint32_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  if (it == line_starts_.begin()) return Pos{};
  uint32_t line = static_cast<uint32_t>(it - line_starts_.begin());
  return Pos{line, offset - line_starts_[line - 1] + 1};
}

bool Parser::GotAssign() {
  switch (tok()) {
    case Token::kDefine:
      SyntaxError("expecting =");
      [[fallthrough]];
    case Token::kAssign:
      Next();
      return true;
    default:
      return false;
  }
}

namespace {

// gc's trailingDigits: the index after the last ':' and the number that follows it.
bool TrailingDigits(std::string_view text, size_t* i, uint64_t* n, bool* ok) {
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return false;
  *i = colon + 1;
  std::string_view digits = text.substr(colon + 1);
  *ok = !digits.empty() && digits.size() <= 10;
  *n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') {
      *ok = false;
      break;
    }
    *n = *n * 10 + static_cast<uint64_t>(c - '0');
  }
  return true;
}

}  // namespace

// Line directives, as gc's parser applies them (updateBase): `//line` only at the start
// of a line, `/*line*/` anywhere; "filename:line" or "filename:line:col"; an empty
// filename with a column keeps the previous filename.
Span<LineBase> Parser::LineBases() {
  constexpr uint64_t kPosMax = 1 << 30;
  std::vector<LineBase> bases;
  std::string_view current;  // filename of the base in effect
  for (const Directive& d : directives_) {
    if (d.text.substr(0, 5) != "line " || (!d.general && d.pos.col != 1)) continue;
    std::string_view text = d.text.substr(5);
    if (text.find('\n') != std::string_view::npos) continue;  // not a valid directive
    uint32_t tcol = d.pos.col + 2 + 5;                        // where text starts
    size_t i;
    uint64_t n;
    bool ok;
    if (!TrailingDigits(text, &i, &n, &ok)) continue;  // not a line directive
    if (!ok) {
      ErrorAt(Pos{d.pos.line, tcol + static_cast<uint32_t>(i)},
              StrCat("invalid line number: ", text.substr(i)));
      continue;
    }
    uint64_t line = n;
    uint64_t col = 0;
    size_t i2;
    uint64_t n2;
    bool ok2 = false;
    if (TrailingDigits(text.substr(0, i - 1), &i2, &n2, &ok2) && ok2) {
      // filename:line:col
      std::swap(i, i2);
      line = n2;
      col = n;
      if (col == 0 || col > kPosMax) {
        ErrorAt(Pos{d.pos.line, tcol + static_cast<uint32_t>(i2)},
                StrCat("invalid column number: ", text.substr(i2)));
        continue;
      }
      text = text.substr(0, i2 - 1);
    } else {
      ok2 = false;
    }
    if (line == 0 || line > kPosMax) {
      ErrorAt(Pos{d.pos.line, tcol + static_cast<uint32_t>(i)},
              StrCat("invalid line number: ", text.substr(i)));
      continue;
    }
    std::string_view filename = text.substr(0, i - 1);
    if (filename.empty() && ok2) filename = current;
    // The position immediately following the comment.
    Pos after = d.general ? Pos{d.pos.line, d.pos.col + static_cast<uint32_t>(d.text.size()) + 4}
                          : Pos{d.pos.line + 1, 1};
    bases.push_back(
        LineBase{after, filename, static_cast<uint32_t>(line), static_cast<uint32_t>(col)});
    current = filename;
  }
  LineBase* data = arena_->AllocateArray<LineBase>(bases.size());
  std::copy(bases.begin(), bases.end(), data);
  return Span<LineBase>(data, static_cast<uint32_t>(bases.size()));
}

Span<Directive> Parser::TakePragma() {
  size_t n = 0;
  for (size_t i = pragma_start_; i < directives_.size(); ++i) {
    if (directives_[i].IsPragma() && directives_[i].own_line) ++n;
  }
  Directive* data = arena_->AllocateArray<Directive>(n);
  size_t j = 0;
  for (size_t i = pragma_start_; i < directives_.size(); ++i) {
    if (directives_[i].IsPragma() && directives_[i].own_line) data[j++] = directives_[i];
  }
  pragma_start_ = directives_.size();
  return Span<Directive>(data, static_cast<uint32_t>(n));
}

// ----------------------------------------------------------------------------
// Late checks: mistakes that go/parser rejects at parse time and gc only in its type
// checker (types2). Each is recorded where the parser has the context, and reported by
// ReportLateErrors with types2's message and position, only when the file has no other
// error (gc type-checks only files without syntax errors; our syntax error output stays
// exactly gc's). Each check fires only where go/parser also rejects the file, so that
// code go/parser accepts is never rejected here; what only types2 rejects (`type A
// [...]int`, `var _ = *[]int`, `x := T` for a type name T...) is left to the checker.

// A type literal where go/parser's checkExpr wants an expression (a value): operands
// of unary and binary operators, expression lists of statements and declarations,
// composite literal elements, slice bounds, the operand of a type assertion.
// go/parser: "expected expression"; types2: "[]int (type) is not an expression".
void Parser::CheckValue(const Expr* x) {
  if (x == nullptr) return;
  const Expr* t = Unparen(x);
  if (t != nullptr && t->IsTypeLit()) late_.push_back({LateCheck::kNotExpression, x});
}

// A case of a type switch that is syntactically not a type (go/parser parses these
// cases as types: "expected type, found 0"; types2: "0 is not a type", at the innermost
// non-type under parentheses and pointer stars, as typInternal recurses).
void Parser::CheckCaseType(const Expr* x) {
  for (;;) {
    x = Unparen(x);
    if (x == nullptr) return;
    auto* u = DynCast<UnaryExpr>(x);
    if (u == nullptr || u->op != Operator::kMul) break;
    x = u->x;
  }
  switch (x->kind) {
    case NodeKind::kBadExpr:
    case NodeKind::kName:          // a type name, or nil; only types2 can tell
    case NodeKind::kSelectorExpr:  // a qualified type name (or not: only types2 can tell)
    case NodeKind::kIndexExpr:     // an instantiated type
      return;
    default:
      if (x->IsTypeLit()) return;
      late_.push_back({LateCheck::kNotType, x});
  }
}

// The left side of `:=` (go/parser's checkAssignStmt: "expected identifier on left side
// of :="); types2: "non-name x on left side of :=", or for a range clause "cannot declare
// x". As types2, a parenthesized name is not a name.
void Parser::CheckDefine(Span<Expr*> lhs, LateCheck check) {
  for (const Expr* x : lhs) {
    if (x != nullptr && x->kind != NodeKind::kName) late_.push_back({check, x});
  }
}

namespace {

// Decodes the UTF-8 sequence at s[i] as Go's for-range does: an invalid byte gives
// U+FFFD and width 1.
uint32_t DecodeRune(std::string_view s, size_t i, size_t* width) {
  auto cont = [&](size_t k) {
    return i + k < s.size() && (static_cast<uint8_t>(s[i + k]) & 0xC0) == 0x80;
  };
  uint8_t b0 = static_cast<uint8_t>(s[i]);
  *width = 1;
  if (b0 < 0x80) return b0;
  uint32_t r;
  size_t n;
  uint32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    r = b0 & 0x1F, n = 2, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    r = b0 & 0x0F, n = 3, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    r = b0 & 0x07, n = 4, min = 0x10000;
  } else {
    return 0xFFFD;
  }
  for (size_t k = 1; k < n; ++k) {
    if (!cont(k)) return 0xFFFD;
    r = (r << 6) | (static_cast<uint8_t>(s[i + k]) & 0x3F);
  }
  if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return 0xFFFD;
  *width = n;
  return r;
}

// Whether a rune above U+007F is one that unicode.IsGraphic rejects or unicode.IsSpace
// accepts, among the code points assigned in Go 1.19's Unicode tables (generated from
// them). Unassigned code points pass: an approximation that can only miss an error.
bool IsNonGraphicOrSpace(uint32_t r) {
  struct Range {
    uint32_t lo, hi;
  };
  static constexpr Range kRanges[] = {
      {0x0080, 0x00A0},   {0x00AD, 0x00AD},     {0x0600, 0x0605},   {0x061C, 0x061C},
      {0x06DD, 0x06DD},   {0x070F, 0x070F},     {0x08E2, 0x08E2},   {0x1680, 0x1680},
      {0x180E, 0x180E},   {0x2000, 0x200F},     {0x2028, 0x202F},   {0x205F, 0x2064},
      {0x2066, 0x206F},   {0x3000, 0x3000},     {0xD800, 0xF8FF},   {0xFEFF, 0xFEFF},
      {0xFFF9, 0xFFFB},   {0x110BD, 0x110BD},   {0x110CD, 0x110CD}, {0x13430, 0x13438},
      {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A},   {0xE0001, 0xE0001}, {0xE0020, 0xE007F},
      {0xF0000, 0xFFFFD}, {0x100000, 0x10FFFD},
  };
  for (const Range& range : kRanges) {
    if (r < range.lo) return false;
    if (r <= range.hi) return true;
  }
  return false;
}

// Why an import path literal is invalid, as types2's validatedImportPath says it ("empty
// string", "invalid character U+0021 '!'"), or "" if it is valid. go/parser's
// isValidImport applies the same rule.
std::string ImportPathProblem(std::string_view lit) {
  std::string path;
  if (!StringLitValue(lit, &path)) return "";  // the scanner has reported it
  if (path.empty()) return "empty string";
  constexpr std::string_view kIllegal = "!\"#$%&'()*,:;<=>?[\\]^{|}`";
  for (size_t i = 0; i < path.size();) {
    size_t width;
    uint32_t r = DecodeRune(path, i, &width);
    i += width;
    bool bad = r < 0x80 ? r <= 0x20 || r == 0x7F ||
                              kIllegal.find(static_cast<char>(r)) != std::string_view::npos
                        : r == 0xFFFD || IsNonGraphicOrSpace(r);
    if (!bad) continue;
    // %#U: the character is shown when strconv.IsPrint; of the runes rejected here that
    // is ASCII from the space on, and U+FFFD.
    if (r < 0x80 || r == 0xFFFD) return StrCat("invalid character ", FormatRuneU(r));
    char buf[16];
    std::snprintf(buf, sizeof(buf), "U+%04X", r);
    return StrCat("invalid character ", buf);
  }
  return "";
}

}  // namespace

void Parser::ReportLateErrors() {
  std::vector<syntax::SyntaxError> errors;
  for (auto& [guard, ok] : guards_) {
    if (!ok) {
      errors.push_back(
          {PosAtOffset(guard->x->begin), "invalid AST: use of .(type) outside type switch"});
    }
  }
  for (const Expr* x : extra_range_vars_) {
    errors.push_back({x->pos, "range clause permits at most two iteration variables"});
  }
  // Before the other errors: at the same position, types2 reports [...] while evaluating
  // the type, then that the type is not an expression.
  for (auto& [array, ok] : dots_arrays_) {
    if (!ok)
      errors.push_back({array->pos, "invalid use of [...] array (outside a composite literal)"});
  }
  for (const Late& l : late_) {
    const Node* n = l.node;
    switch (l.check) {
      case LateCheck::kNotExpression:
        errors.push_back({StartPos(n), StrCat(ExprString(static_cast<const Expr*>(n)),
                                              " (type) is not an expression")});
        break;
      case LateCheck::kNotType:
        errors.push_back(
            {StartPos(n), StrCat(ExprString(static_cast<const Expr*>(n)), " is not a type")});
        break;
      case LateCheck::kNonNameDefine:
        errors.push_back({StartPos(n), StrCat("non-name ", ExprString(static_cast<const Expr*>(n)),
                                              " on left side of :=")});
        break;
      case LateCheck::kCannotDeclare:
        errors.push_back(
            {StartPos(n), StrCat("cannot declare ", ExprString(static_cast<const Expr*>(n)))});
        break;
      case LateCheck::kMissingConstValue: {
        const Name* name = static_cast<const ValueSpec*>(n)->names[0];
        errors.push_back({name->pos, StrCat("missing init expr for ", name->value)});
        break;
      }
      case LateCheck::kBadImportPath:
        errors.push_back(
            {n->pos, StrCat("invalid import path (",
                            ImportPathProblem(static_cast<const BasicLit*>(n)->value), ")")});
        break;
    }
  }
  // Source order, so that the error cap keeps the first ones.
  std::stable_sort(
      errors.begin(), errors.end(),
      [](const syntax::SyntaxError& a, const syntax::SyntaxError& b) { return a.pos < b.pos; });
  for (syntax::SyntaxError& e : errors) ErrorAt(e.pos, std::move(e.message));
}

// ----------------------------------------------------------------------------
// Files and declarations

File* Parser::Run() {
  s_.Next();
  File* f = New<File>(pos(), off());
  size_t mark = scratch_.size();

  if (!Got(Token::kPackage)) {
    SyntaxError("package statement must be first");
  } else {
    TakePragma();
    f->pkg_name = NameP();
    Want(Token::kSemi);
  }

  // As gc, don't bother continuing if the package clause has errors.
  if (out_->errors.empty()) {
    while (tok() == Token::kImport) {
      Pos kw_pos = pos();
      uint32_t begin = off();
      Next();
      Push(GenDeclP(Token::kImport, kw_pos, begin));
      Want(Token::kSemi);
    }

    while (tok() != Token::kEOF) {
      switch (tok()) {
        case Token::kConst:
        case Token::kType:
        case Token::kVar: {
          Token kw = tok();
          Pos kw_pos = pos();
          uint32_t begin = off();
          Next();
          Push(GenDeclP(kw, kw_pos, begin));
          break;
        }
        case Token::kFunc: {
          uint32_t begin = off();
          Next();
          if (FuncDecl* d = FuncDeclOrNil(begin)) Push(d);
          break;
        }
        default: {
          FuncDecl* last = scratch_.size() > mark ? DynCast<FuncDecl>(scratch_.back()) : nullptr;
          if (tok() == Token::kLbrace && last != nullptr && last->body == nullptr) {
            // opening { of function declaration on next line
            SyntaxError("unexpected semicolon or newline before {");
          } else {
            SyntaxError("non-declaration statement outside function body");
          }
          Advance(Bit(Token::kConst) | Bit(Token::kType) | Bit(Token::kVar) | Bit(Token::kFunc));
          continue;
        }
      }
      // Reset the pragma before consuming ';': comments after it belong to the next decl.
      ClearPragma();
      if (tok() != Token::kEOF && !Got(Token::kSemi)) {
        SyntaxError("after top level declaration");
        Advance(Bit(Token::kConst) | Bit(Token::kType) | Bit(Token::kVar) | Bit(Token::kFunc));
      }
    }
  }
  ClearPragma();
  f->decls = TakeList<Decl>(mark);
  f->eof = pos();
  f->end = static_cast<uint32_t>(source_.size());
  f->begin = 0;

  // gc reports these from its type checker, which runs only on files without syntax
  // errors; the messages and positions are its own.
  if (out_->errors.empty()) ReportLateErrors();
  f->line_bases = LineBases();

  Directive* dirs = arena_->AllocateArray<Directive>(directives_.size());
  std::copy(directives_.begin(), directives_.end(), dirs);
  f->directives = Span<Directive>(dirs, static_cast<uint32_t>(directives_.size()));
  uint32_t* starts = arena_->AllocateArray<uint32_t>(line_starts_.size());
  std::copy(line_starts_.begin(), line_starts_.end(), starts);
  f->line_starts = Span<uint32_t>(starts, static_cast<uint32_t>(line_starts_.size()));
  return f;
}

// list = [ f { sep f } [sep] ] close . Returns the position of the closing token.
template <typename F>
Pos Parser::List(std::string_view context, Token sep, Token close, F&& f) {
  bool done = false;
  while (tok() != Token::kEOF && tok() != close && !done) {
    done = f();
    // sep is optional before close
    if (!Got(sep) && tok() != close) {
      SyntaxError(
          StrCat("in ", context, "; possibly missing ", TokString(sep), " or ", TokString(close)));
      Advance(Bit(Token::kRparen) | Bit(Token::kRbrack) | Bit(Token::kRbrace));
      if (tok() != close) return pos();
    }
  }
  Pos p = pos();
  Want(close);
  return p;
}

// decl = keyword ( spec | "(" { spec ";" } ")" ) .
GenDecl* Parser::GenDeclP(Token keyword, Pos keyword_pos, uint32_t begin) {
  GenDecl* d = New<GenDecl>(keyword_pos, begin);
  d->tok = keyword;
  d->directives = TakePragma();
  size_t mark = scratch_.size();
  if (tok() == Token::kLparen) {
    ClearPragma();
    d->lparen = pos();
    Next();  // must consume "(" after ClearPragma
    uint32_t iota = 0;
    d->rparen = List("grouped declaration", Token::kSemi, Token::kRparen, [&] {
      if (Spec* s = SpecP(keyword, iota++)) Push(s);
      return false;
    });
  } else {
    // An ungrouped spec shares the declaration's directives.
    Spec* s = SpecP(keyword, 0);
    s->directives = d->directives;
    Push(s);
  }
  d->specs = TakeList<Spec>(mark);
  return Finish(d);
}

Spec* Parser::SpecP(Token keyword, uint32_t iota) {
  switch (keyword) {
    case Token::kImport:
      return ImportSpecP();
    case Token::kConst:
      return ConstSpecP(iota);
    case Token::kType:
      return TypeSpecP();
    default:
      return VarSpecP(iota);
  }
}

// ImportSpec = [ "." | PackageName ] ImportPath .
ImportSpec* Parser::ImportSpecP() {
  ImportSpec* d = New<ImportSpec>(pos(), off());
  d->directives = TakePragma();
  switch (tok()) {
    case Token::kName:
      d->name = NameP();
      break;
    case Token::kDot:
      d->name = NewName(pos(), off(), ".");
      Next();
      Finish(d->name);
      break;
    default:
      break;
  }
  d->path = OLiteral();
  if (d->path == nullptr) {
    SyntaxError("missing import path");
    Advance(Bit(Token::kSemi) | Bit(Token::kRparen));
    return Finish(d);
  }
  if (!d->path->bad && d->path->lit_kind != LitKind::kString) {
    SyntaxError("import path must be a string");
    d->path->bad = true;
  }
  // go/parser rejects this at parse time (isValidImport); gc rejects it in the type
  // checker (validatedImportPath).
  if (!d->path->bad && !ImportPathProblem(d->path->value).empty()) {
    late_.push_back({LateCheck::kBadImportPath, d->path});
  }
  return Finish(d);
}

// ConstSpec = IdentifierList [ [ Type ] "=" ExpressionList ] .
ValueSpec* Parser::ConstSpecP(uint32_t iota) {
  ValueSpec* d = New<ValueSpec>(pos(), off());
  d->iota = iota;
  d->directives = TakePragma();
  d->names = NameList(NameP());
  if (tok() != Token::kEOF && tok() != Token::kSemi && tok() != Token::kRparen) {
    d->type = TypeOrNil();
    if (GotAssign()) d->values = ExprList();
  }
  CheckValues(d->values);
  // go/parser rejects this at parse time ("missing constant value"); gc rejects it in the
  // type checker. Only the first spec of a group may omit type and values (the others
  // repeat the previous spec's); types2 also counts names against values, go/parser not.
  if (d->values.empty() && (iota == 0 || d->type != nullptr)) {
    late_.push_back({LateCheck::kMissingConstValue, d});
  }
  return Finish(d);
}

// VarSpec = IdentifierList ( Type [ "=" ExpressionList ] | "=" ExpressionList ) .
ValueSpec* Parser::VarSpecP(uint32_t iota) {
  ValueSpec* d = New<ValueSpec>(pos(), off());
  d->iota = iota;
  d->directives = TakePragma();
  d->names = NameList(NameP());
  if (GotAssign()) {
    d->values = ExprList();
  } else {
    d->type = TypeP();
    if (GotAssign()) d->values = ExprList();
  }
  CheckValues(d->values);
  return Finish(d);
}

// TypeSpec = identifier [ TypeParams ] [ "=" ] Type .
TypeSpec* Parser::TypeSpecP() {
  TypeSpec* d = New<TypeSpec>(pos(), off());
  d->directives = TakePragma();
  d->name = NameP();
  if (tok() == Token::kLbrack) {
    // d.Name "[" ...: an array/slice type or a type parameter list.
    Pos lpos = pos();
    uint32_t lbegin = off();
    Next();
    switch (tok()) {
      case Token::kName: {
        // We may have an array type or a type parameter list. Parse an expression x and
        // analyze it. A type parameter list may have a bound starting with "[" as in
        // P []E; since index or slice expressions are never constant (hence invalid
        // array lengths), a name followed by "[" must start an array or slice
        // constraint, and only otherwise do we parse a full expression.
        Expr* x = NameP();
        if (tok() != Token::kLbrack) {
          ++xnest_;
          // Unchecked: the operands may be types (`P *[]int`, `P *C | []int`).
          x = BinaryExprP(Pexpr(x), 0, false);
          --xnest_;
        }
        // If x splits into a type parameter name, possibly followed by a constraint, this
        // is a type parameter list, with caveats: a single name followed by "]" tilts
        // toward an array declaration; a constraint that could also be an ordinary
        // expression but is followed by a comma tilts toward a type parameter list.
        Name* pname = nullptr;
        Expr* ptype = nullptr;
        if (ExtractName(x, tok() == Token::kComma, &pname, &ptype) &&
            (ptype != nullptr || tok() != Token::kRbrack)) {
          d->tparams = ParamList(pname, ptype, Token::kRbrack, true);
          d->alias = GotAssign();
          d->type = TypeOrNil();
        } else {
          d->type = ArrayTypeP(lpos, lbegin, x);
        }
        break;
      }
      case Token::kRbrack:
        Next();
        d->type = SliceTypeP(lpos, lbegin);
        break;
      default:
        d->type = ArrayTypeP(lpos, lbegin, nullptr);
        break;
    }
  } else {
    d->alias = GotAssign();
    d->type = TypeOrNil();
  }
  if (d->type == nullptr) {
    d->type = Bad();
    SyntaxError("in type declaration");
    Advance(Bit(Token::kSemi) | Bit(Token::kRparen));
  }
  return Finish(d);
}

// Splits x into (name, rest) if x can be written as `name rest` where rest is a type
// element (or force is set); x == name gives (name, null). See gc's extractName:
//   P*[]int -> P, *[]int     P([]int) -> P, []int     P*E|F|~G -> P, *E|F|~G
bool Parser::ExtractName(Expr* x, bool force, Name** name, Expr** rest) {
  switch (x->kind) {
    case NodeKind::kName:
      *name = static_cast<Name*>(x);
      *rest = nullptr;
      return true;
    case NodeKind::kBinaryExpr: {
      auto* b = static_cast<BinaryExpr*>(x);
      if (b->op == Operator::kMul) {
        if (auto* n = DynCast<Name>(b->x); n != nullptr && (force || IsTypeElem(b->y))) {
          // x = name *b.y
          Pos p = b->pos;
          uint32_t begin = n->end;
          // The '*' sits between the name and y; find it to start the new node there.
          for (uint32_t i = n->end; i < b->y->begin; ++i) {
            if (source_[i] == '*') {
              begin = i;
              break;
            }
          }
          UnaryExpr* u = New<UnaryExpr>(p, begin);
          u->op = Operator::kMul;
          u->x = b->y;
          u->end = b->end;
          *name = n;
          *rest = u;
          return true;
        }
      } else if (b->op == Operator::kOr) {
        Name* n = nullptr;
        Expr* lhs = nullptr;
        if (ExtractName(b->x, force || IsTypeElem(b->y), &n, &lhs) && lhs != nullptr) {
          // x = name lhs|b.y
          BinaryExpr* op = New<BinaryExpr>(b->pos, lhs->begin);
          op->op = Operator::kOr;
          op->x = lhs;
          op->y = b->y;
          op->end = b->end;
          *name = n;
          *rest = op;
          return true;
        }
      }
      break;
    }
    case NodeKind::kCallExpr: {
      auto* c = static_cast<CallExpr*>(x);
      if (auto* n = DynCast<Name>(c->fun)) {
        if (c->args.size() == 1 && !c->has_dots && (force || IsTypeElem(c->args[0]))) {
          // x = name (args[0])
          *name = n;
          *rest = c->args[0];
          return true;
        }
      }
      break;
    }
    default:
      break;
  }
  *name = nullptr;
  *rest = x;
  return false;
}

// Whether x is a (possibly parenthesized) type element expression; false if x could be a
// type element or an ordinary value expression.
bool Parser::IsTypeElem(const Expr* x) {
  switch (x->kind) {
    case NodeKind::kArrayType:
    case NodeKind::kStructType:
    case NodeKind::kFuncType:
    case NodeKind::kInterfaceType:
    case NodeKind::kSliceType:
    case NodeKind::kMapType:
    case NodeKind::kChanType:
      return true;
    case NodeKind::kUnaryExpr: {
      auto* u = static_cast<const UnaryExpr*>(x);
      return IsTypeElem(u->x) || u->op == Operator::kTilde;
    }
    case NodeKind::kBinaryExpr: {
      auto* b = static_cast<const BinaryExpr*>(x);
      return IsTypeElem(b->x) || IsTypeElem(b->y);
    }
    case NodeKind::kParenExpr:
      return IsTypeElem(static_cast<const ParenExpr*>(x)->x);
    default:
      return false;
  }
}

// FunctionDecl = "func" FunctionName [ TypeParams ] ( Function | Signature ) .
// MethodDecl   = "func" Receiver MethodName ( Function | Signature ) .
FuncDecl* Parser::FuncDeclOrNil(uint32_t begin) {
  FuncDecl* f = New<FuncDecl>(pos(), begin);
  f->directives = TakePragma();

  if (Got(Token::kLparen)) {
    Span<Field*> rcvr = ParamList(nullptr, nullptr, Token::kRparen, false);
    switch (rcvr.size()) {
      case 0:
        Error("method has no receiver");
        break;
      default:
        Error("method has multiple receivers");
        [[fallthrough]];
      case 1:
        f->recv = rcvr[0];
    }
  }

  if (tok() != Token::kName) {
    SyntaxError("expecting name or (");
    Advance(Bit(Token::kLbrace) | Bit(Token::kSemi));
    return nullptr;
  }

  f->name = NameP();
  // Methods must not have type parameters of their own.
  f->type = FuncTypeP(f->recv != nullptr ? "method" : "", off(), &f->tparams);
  if (tok() == Token::kLbrace) f->body = FuncBody();
  return Finish(f);
}

BlockStmt* Parser::FuncBody() {
  ++fnest_;
  uint64_t calls = error_calls_;
  BlockStmt* body = BlockStmtP("");
  --fnest_;
  // As gc, don't check branches if there were syntax errors in the function: that may
  // lead to spurious errors on incomplete trees.
  if (calls == error_calls_ && !stopped_) {
    syntax_internal::CheckBranches(
        body, out_->filename,
        [this](Pos pos, std::string msg) { ErrorAt(pos, std::move(msg)); });
  }
  return body;
}

// ----------------------------------------------------------------------------
// Expressions

// Expression = UnaryExpr | Expression binary_op Expression .
// check: the operands must be values (see CheckValue); false only where a type parameter
// list may be parsed as an expression.
Expr* Parser::BinaryExprP(Expr* x, int prec, bool check) {
  if (x == nullptr) x = UnaryExprP();
  while ((tok() == Token::kOperator || tok() == Token::kStar) && s_.prec() > prec) {
    BinaryExpr* t = New<BinaryExpr>(pos(), x->begin);
    t->op = s_.op();
    int tprec = s_.prec();
    Next();
    t->x = x;
    t->y = BinaryExprP(nullptr, tprec, check);
    if (check) {
      CheckValue(t->x);
      CheckValue(t->y);
    }
    x = Finish(t);
  }
  return x;
}

// UnaryExpr = PrimaryExpr | unary_op UnaryExpr .
Expr* Parser::UnaryExprP() {
  Nest nest(this);
  if (!nest.ok) return Bad();

  switch (tok()) {
    case Token::kOperator:
    case Token::kStar:
      switch (s_.op()) {
        case Operator::kMul:
        case Operator::kAdd:
        case Operator::kSub:
        case Operator::kNot:
        case Operator::kXor:
        case Operator::kTilde:
        case Operator::kAnd: {
          UnaryExpr* x = New<UnaryExpr>(pos(), off());
          x->op = s_.op();
          Next();
          x->x = UnaryExprP();
          // *T may be a pointer type, ~T a type set term; the other operands are values.
          if (x->op != Operator::kMul && x->op != Operator::kTilde) CheckValue(x->x);
          return Finish(x);
        }
        default:
          break;
      }
      break;

    case Token::kArrow: {
      // receive op (<-x) or receive-only channel (<-chan E)
      Pos p0 = pos();
      uint32_t begin = off();
      Next();
      // If the next token is kChan we still don't know if it is a channel (<-chan int)
      // or a receive op (<-chan int(ch)); we know once we have found the end of the
      // unary expression.
      Expr* x = UnaryExprP();
      if (x->kind == NodeKind::kChanType) {
        // x is a channel type => re-associate <-:
        //   <-(chan E)   =>  (<-chan E)
        //   <-(chan<-E)  =>  (<-chan (<-E))
        ChanDir dir = ChanDir::kSendOnly;
        Expr* t = x;
        while (dir == ChanDir::kSendOnly) {
          auto* c = DynCast<ChanType>(t);
          if (c == nullptr) break;
          dir = c->dir;
          if (dir == ChanDir::kRecvOnly) {
            // t is type <-chan E but <-<-chan E is not permitted
            SyntaxError("unexpected <-, expecting chan");
          }
          if (c != x && c->dir == ChanDir::kBoth) c->begin = BackOverArrow(c->begin);
          c->dir = ChanDir::kRecvOnly;
          t = c->elem;
        }
        if (dir == ChanDir::kSendOnly) {
          // channel dir is <- but channel element E is not a channel
          SyntaxError(StrCat("unexpected ", TextOf(t), ", expecting chan"));
        }
        x->begin = begin;
        return x;
      }
      // x is not a channel type => a receive op
      UnaryExpr* o = New<UnaryExpr>(p0, begin);
      o->op = Operator::kRecv;
      o->x = x;
      CheckValue(x);
      return Finish(o);
    }

    default:
      break;
  }
  return Pexpr(nullptr);
}

// The offset of a "<-" that precedes begin (possibly across blanks), or begin.
uint32_t Parser::BackOverArrow(uint32_t begin) const {
  uint32_t i = begin;
  while (i > 0 && (source_[i - 1] == ' ' || source_[i - 1] == '\t' || source_[i - 1] == '\n' ||
                   source_[i - 1] == '\r')) {
    --i;
  }
  if (i >= 2 && source_[i - 2] == '<' && source_[i - 1] == '-') return i - 2;
  return begin;
}

// callStmt parses call-like statements that can be preceded by 'defer' and 'go'.
CallStmt* Parser::CallStmtP() {
  CallStmt* s = New<CallStmt>(pos(), off());
  s->tok = tok();
  Next();
  Expr* x = Pexpr(nullptr);
  if (Expr* t = Unparen(x); t != x) {
    ErrorAt(x->pos, StrCat("expression in ", TokenString(s->tok), " must not be parenthesized"));
    x = t;
  }
  auto* cx = DynCast<CallExpr>(x);
  if (cx == nullptr) {
    ErrorAt(x->pos, StrCat("expression in ", TokenString(s->tok), " must be function call"));
    cx = New<CallExpr>(x->pos, x->begin);
    cx->fun = x;  // assume the common error of missing parentheses
    cx->end = x->end;
  }
  s->call = cx;
  return Finish(s);
}

// Operand = Literal | OperandName | MethodExpr | "(" Expression ")" .
Expr* Parser::Operand() {
  switch (tok()) {
    case Token::kName:
      return NameP();

    case Token::kLiteral:
      return OLiteral();

    case Token::kLparen: {
      ParenExpr* px = New<ParenExpr>(pos(), off());
      Next();
      ++xnest_;
      px->x = ExprP();
      --xnest_;
      Want(Token::kRparen);
      return Finish(px);
    }

    case Token::kFunc: {
      Pos p0 = pos();
      uint32_t begin = off();
      Next();
      FuncType* ftyp = FuncTypeP("function type", begin, nullptr);
      if (tok() == Token::kLbrace) {
        ++xnest_;
        FuncLit* f = New<FuncLit>(p0, begin);
        f->type = ftyp;
        f->body = FuncBody();
        --xnest_;
        return Finish(f);
      }
      return ftyp;
    }

    case Token::kLbrack:
    case Token::kChan:
    case Token::kMap:
    case Token::kStruct:
    case Token::kInterface: {
      Expr* t = TypeP();  // othertype
      // go/parser rejects [...]T at parse time unless it is the type of a composite
      // literal (checkExpr, checkExprOrType: "expected array length, found '...'"); gc
      // rejects it in the type checker. Pexpr marks the composite literal types.
      if (auto* a = DynCast<ArrayType>(t); a != nullptr && a->len == nullptr) {
        dots_arrays_.emplace_back(a, false);
      }
      return t;
    }

    default: {
      BadExpr* x = Bad();
      SyntaxError("expecting expression");
      Advance(Bit(Token::kRparen) | Bit(Token::kRbrack) | Bit(Token::kRbrace));
      return x;
    }
  }
}

// PrimaryExpr = Operand | Conversion | PrimaryExpr Selector | PrimaryExpr Index |
//               PrimaryExpr Slice | PrimaryExpr TypeAssertion | PrimaryExpr Arguments .
Expr* Parser::Pexpr(Expr* x) {
  if (x == nullptr) x = Operand();

  for (;;) {
    Pos p0 = pos();
    switch (tok()) {
      case Token::kDot: {
        Next();
        switch (tok()) {
          case Token::kName: {
            SelectorExpr* t = New<SelectorExpr>(p0, x->begin);
            t->x = x;
            t->sel = NameP();
            x = Finish(t);
            break;
          }
          case Token::kLparen: {
            Next();
            CheckValue(x);
            if (Got(Token::kType)) {
              TypeSwitchGuard* t = New<TypeSwitchGuard>(p0, x->begin);
              t->x = x;
              guards_.emplace_back(t, false);
              x = t;
            } else {
              AssertExpr* t = New<AssertExpr>(p0, x->begin);
              t->x = x;
              t->type = TypeP();
              x = t;
            }
            Want(Token::kRparen);
            Finish(x);
            break;
          }
          default:
            SyntaxError("expecting name or (");
            Advance(Bit(Token::kSemi) | Bit(Token::kRparen));
        }
        break;
      }

      case Token::kLbrack: {
        Next();
        if (tok() == Token::kRbrack) {
          // invalid empty instance, slice or index expression; accept but complain
          SyntaxError("expecting operand");
          Next();
          break;
        }
        Expr* i = nullptr;
        if (tok() != Token::kColon) {
          size_t mark = scratch_.size();
          bool comma = TypeList();
          if (comma || tok() == Token::kRbrack) {
            Want(Token::kRbrack);
            // x[i,] or x[i, j, ...]
            IndexExpr* t = New<IndexExpr>(p0, x->begin);
            t->x = x;
            t->indices = TakeList<Expr>(mark);
            x = Finish(t);
            break;
          }
          i = static_cast<Expr*>(scratch_[mark]);
          scratch_.resize(mark);
        }
        // x[i:...
        if (!Got(Token::kColon)) {
          SyntaxError("expecting comma, : or ]");
          Advance(Bit(Token::kComma) | Bit(Token::kColon) | Bit(Token::kRbrack));
        }
        ++xnest_;
        SliceExpr* t = New<SliceExpr>(p0, x->begin);
        t->x = x;
        t->index[0] = i;
        if (tok() != Token::kColon && tok() != Token::kRbrack) {
          // x[i:j...
          t->index[1] = ExprP();
        }
        if (tok() == Token::kColon) {
          t->full = true;
          // x[i:j:...]
          if (t->index[1] == nullptr) {
            Error("middle index required in 3-index slice");
            t->index[1] = Bad();
          }
          Next();
          if (tok() != Token::kRbrack) {
            // x[i:j:k...
            t->index[2] = ExprP();
          } else {
            Error("final index required in 3-index slice");
            t->index[2] = Bad();
          }
        }
        --xnest_;
        CheckValue(t->index[1]);
        CheckValue(t->index[2]);
        Want(Token::kRbrack);
        x = Finish(t);
        break;
      }

      case Token::kLparen: {
        CallExpr* t = New<CallExpr>(p0, x->begin);
        Next();
        t->fun = x;
        ArgList(t);
        x = Finish(t);
        break;
      }

      case Token::kLbrace: {
        // operand may have returned a parenthesized complit type; accept it but complain
        // if we have a complit
        Expr* t = Unparen(x);
        // determine if '{' belongs to a composite literal or a block statement
        bool complit_ok = false;
        switch (t->kind) {
          case NodeKind::kName:
          case NodeKind::kSelectorExpr:
            // x is possibly a composite literal type
            complit_ok = xnest_ >= 0;
            break;
          case NodeKind::kIndexExpr:
            complit_ok = xnest_ >= 0 && !IsValue(t);
            break;
          case NodeKind::kArrayType:
          case NodeKind::kSliceType:
          case NodeKind::kStructType:
          case NodeKind::kMapType:
            // x is a comptype
            complit_ok = true;
            break;
          default:
            break;
        }
        if (!complit_ok) return x;
        if (t != x) SyntaxError("cannot parenthesize type in composite literal");
        if (auto* a = DynCast<ArrayType>(t); a != nullptr && a->len == nullptr) {
          for (auto it = dots_arrays_.rbegin(); it != dots_arrays_.rend(); ++it) {
            if (it->first == a) {
              it->second = true;
              break;
            }
          }
        }
        CompositeLit* n = ComplitExpr();
        n->type = x;
        n->begin = x->begin;
        x = n;
        break;
      }

      default:
        return x;
    }
  }
}

// Whether x syntactically must be a value (and not a type) expression.
bool Parser::IsValue(const Expr* x) {
  switch (x->kind) {
    case NodeKind::kBasicLit:
    case NodeKind::kCompositeLit:
    case NodeKind::kFuncLit:
    case NodeKind::kSliceExpr:
    case NodeKind::kAssertExpr:
    case NodeKind::kTypeSwitchGuard:
    case NodeKind::kCallExpr:
    case NodeKind::kBinaryExpr:
      return true;
    case NodeKind::kUnaryExpr:
      return static_cast<const UnaryExpr*>(x)->op != Operator::kMul;  // *T may be a type
    case NodeKind::kParenExpr:
      return IsValue(static_cast<const ParenExpr*>(x)->x);
    case NodeKind::kIndexExpr: {
      auto* ix = static_cast<const IndexExpr*>(x);
      return IsValue(ix->x) || (ix->indices.size() == 1 && IsValue(ix->indices[0]));
    }
    default:
      return false;
  }
}

// Element = Expression | LiteralValue .
Expr* Parser::BareComplitExpr() {
  if (tok() == Token::kLbrace) {
    // '{' start_complit braced_keyval_list '}'
    return ComplitExpr();
  }
  return ExprP();
}

// LiteralValue = "{" [ ElementList [ "," ] ] "}" .
CompositeLit* Parser::ComplitExpr() {
  CompositeLit* x = New<CompositeLit>(pos(), off());
  Nest nest(this);
  if (!nest.ok) return ZeroWidth(x);
  size_t mark = scratch_.size();
  ++xnest_;
  Want(Token::kLbrace);
  x->rbrace = List("composite literal", Token::kComma, Token::kRbrace, [&] {
    // value
    Expr* e = BareComplitExpr();
    CheckValue(e);
    if (tok() == Token::kColon) {
      // key ':' value
      KeyValueExpr* l = New<KeyValueExpr>(pos(), e->begin);
      Next();
      l->key = e;
      l->value = BareComplitExpr();
      CheckValue(l->value);
      e = Finish(l);
      ++x->num_keys;
    }
    Push(e);
    return false;
  });
  --xnest_;
  x->elems = TakeList<Expr>(mark);
  return Finish(x);
}

// ----------------------------------------------------------------------------
// Types

Expr* Parser::TypeP() {
  Expr* typ = TypeOrNil();
  if (typ == nullptr) {
    typ = Bad();
    SyntaxError("expecting type");
    Advance(Bit(Token::kComma) | Bit(Token::kColon) | Bit(Token::kSemi) | Bit(Token::kRparen) |
            Bit(Token::kRbrack) | Bit(Token::kRbrace));
  }
  return typ;
}

// Like TypeP but returns null if there is no type, without reporting an error.
//   Type     = TypeName | TypeLit | "(" Type ")" .
//   TypeLit  = ArrayType | StructType | PointerType | FunctionType | InterfaceType |
//              SliceType | MapType | Channel_Type .
Expr* Parser::TypeOrNil() {
  Nest nest(this);
  if (!nest.ok) return nullptr;

  Pos p0 = pos();
  uint32_t begin = off();
  switch (tok()) {
    case Token::kStar: {
      // ptrtype
      Next();
      Expr* elem = TypeP();
      return Finish(NewIndirect(p0, begin, elem));
    }

    case Token::kArrow: {
      // recvchantype
      Next();
      Want(Token::kChan);
      ChanType* t = New<ChanType>(p0, begin);
      t->dir = ChanDir::kRecvOnly;
      t->elem = ChanElem();
      return Finish(t);
    }

    case Token::kFunc:
      // fntype
      Next();
      return FuncTypeP("function type", begin, nullptr);

    case Token::kLbrack:
      // '[' oexpr ']' ntype
      // '[' _DotDotDot ']' ntype
      Next();
      if (Got(Token::kRbrack)) return SliceTypeP(p0, begin);
      return ArrayTypeP(p0, begin, nullptr);

    case Token::kChan: {
      // _Chan non_recvchantype
      // _Chan _Comm ntype
      Next();
      ChanType* t = New<ChanType>(p0, begin);
      if (Got(Token::kArrow)) t->dir = ChanDir::kSendOnly;
      t->elem = ChanElem();
      return Finish(t);
    }

    case Token::kMap: {
      // _Map '[' ntype ']' ntype
      Next();
      Want(Token::kLbrack);
      MapType* t = New<MapType>(p0, begin);
      t->key = TypeP();
      Want(Token::kRbrack);
      t->value = TypeP();
      return Finish(t);
    }

    case Token::kStruct:
      return StructTypeP();

    case Token::kInterface:
      return InterfaceTypeP();

    case Token::kName:
      return QualifiedName(nullptr);

    case Token::kLparen: {
      Next();
      ParenExpr* p = New<ParenExpr>(p0, begin);
      p->x = TypeP();
      Want(Token::kRparen);
      return Finish(p);
    }

    default:
      return nullptr;
  }
}

Expr* Parser::TypeInstance(Expr* typ) {
  IndexExpr* x = New<IndexExpr>(pos(), typ->begin);
  Want(Token::kLbrack);
  x->x = typ;
  if (tok() == Token::kRbrack) {
    SyntaxError("expecting type");
    x->indices = One<Expr>(Bad());
  } else {
    size_t mark = scratch_.size();
    TypeList();
    x->indices = TakeList<Expr>(mark);
  }
  Want(Token::kRbrack);
  return Finish(x);
}

// If context is not empty, type parameters are not permitted.
FuncType* Parser::FuncTypeP(std::string_view context, uint32_t begin, Span<Field*>* tparams) {
  FuncType* typ = New<FuncType>(pos(), begin);
  if (Got(Token::kLbrack)) {
    if (!context.empty()) {
      // accept but complain
      SyntaxErrorAt(typ->pos, StrCat(context, " must have no type parameters"));
    }
    if (tok() == Token::kRbrack) {
      SyntaxError("empty type parameter list");
      Next();
    } else {
      Span<Field*> list = ParamList(nullptr, nullptr, Token::kRbrack, true);
      if (tparams != nullptr) *tparams = list;
    }
  }
  Want(Token::kLparen);
  typ->params = ParamList(nullptr, nullptr, Token::kRparen, false);
  typ->results = FuncResult();
  return Finish(typ);
}

// "[" has already been consumed, and pos is its position. If len != null it is the
// already consumed array length.
Expr* Parser::ArrayTypeP(Pos pos, uint32_t begin, Expr* len) {
  if (len == nullptr && !Got(Token::kDotDotDot)) {
    ++xnest_;
    len = ExprP();
    --xnest_;
  }
  if (tok() == Token::kComma) {
    // Trailing commas are accepted in type parameter lists but not in array type
    // declarations. Accept for better error handling but complain.
    SyntaxError("unexpected comma; expecting ]");
    Next();
  }
  Want(Token::kRbrack);
  ArrayType* t = New<ArrayType>(pos, begin);
  t->len = len;
  t->elem = TypeP();
  return Finish(t);
}

// "[" and "]" have already been consumed, and pos is the position of "[".
Expr* Parser::SliceTypeP(Pos pos, uint32_t begin) {
  SliceType* t = New<SliceType>(pos, begin);
  t->elem = TypeP();
  return Finish(t);
}

Expr* Parser::ChanElem() {
  Expr* typ = TypeOrNil();
  if (typ == nullptr) {
    typ = Bad();
    SyntaxError("missing channel element type");
    // assume element type is simply absent - don't advance
  }
  return typ;
}

// StructType = "struct" "{" { FieldDecl ";" } "}" .
StructType* Parser::StructTypeP() {
  StructType* typ = New<StructType>(pos(), off());
  Want(Token::kStruct);
  Want(Token::kLbrace);
  size_t mark = scratch_.size();
  typ->rbrace = List("struct type", Token::kSemi, Token::kRbrace, [&] {
    FieldDecl();
    return false;
  });
  typ->fields = TakeList<Field>(mark);
  return Finish(typ);
}

// InterfaceType = "interface" "{" { ( MethodDecl | EmbeddedElem ) ";" } "}" .
InterfaceType* Parser::InterfaceTypeP() {
  InterfaceType* typ = New<InterfaceType>(pos(), off());
  Want(Token::kInterface);
  Want(Token::kLbrace);
  size_t mark = scratch_.size();
  typ->rbrace = List("interface type", Token::kSemi, Token::kRbrace, [&] {
    Field* f = nullptr;
    if (tok() == Token::kName) f = MethodDecl();
    if (f == nullptr || f->name == nullptr) f = EmbeddedElem(f);
    Push(f);
    return false;
  });
  typ->methods = TakeList<Field>(mark);
  return Finish(typ);
}

// Result = Parameters | Type .
Span<Field*> Parser::FuncResult() {
  if (Got(Token::kLparen)) return ParamList(nullptr, nullptr, Token::kRparen, false);
  Pos p0 = pos();
  uint32_t begin = off();
  if (Expr* typ = TypeOrNil()) {
    Field* f = New<Field>(p0, begin);
    f->type = typ;
    return One<Field>(Finish(f));
  }
  return {};
}

void Parser::AddField(Pos pos, uint32_t begin, Name* name, Expr* typ, BasicLit* tag) {
  Field* f = New<Field>(pos, begin);
  f->name = name;
  f->type = typ;
  f->tag = tag;
  Push(Finish(f));
}

// FieldDecl      = (IdentifierList Type | AnonymousField) [ Tag ] .
// AnonymousField = [ "*" ] TypeName .
// Tag            = string_lit .
void Parser::FieldDecl() {
  Pos p0 = pos();
  uint32_t begin = off();
  switch (tok()) {
    case Token::kName: {
      Name* name = NameP();
      if (tok() == Token::kDot || tok() == Token::kLiteral || tok() == Token::kSemi ||
          tok() == Token::kRbrace) {
        // embedded type
        Expr* typ = QualifiedName(name);
        BasicLit* tag = OLiteral();
        AddField(p0, begin, nullptr, typ, tag);
        break;
      }

      // name1, name2, ... Type [ tag ]
      size_t nmark = scratch_.size();
      Push(name);
      while (Got(Token::kComma)) Push(NameP());
      size_t count = scratch_.size() - nmark;
      Expr* typ;

      // Careful dance: We don't know if we have an embedded instantiated type
      // T[P1, P2, ...] or a field T of array/slice type [P]E or []E.
      if (count == 1 && tok() == Token::kLbrack) {
        typ = ArrayOrTArgs();
        if (auto* ix = DynCast<IndexExpr>(typ)) {
          // embedded type T[P1, P2, ...]
          ix->x = name;
          ix->begin = name->begin;
          BasicLit* tag = OLiteral();
          scratch_.resize(nmark);
          AddField(p0, begin, nullptr, ix, tag);
          break;
        }
      } else {
        // T P
        typ = TypeP();
      }
      BasicLit* tag = OLiteral();
      for (size_t i = 0; i < count; ++i) {
        auto* n = static_cast<Name*>(scratch_[nmark + i]);
        Field* f = New<Field>(n->pos, n->begin);
        f->name = n;
        f->type = typ;
        f->tag = tag;
        scratch_[nmark + i] = Finish(f);
      }
      break;
    }

    case Token::kStar: {
      Next();
      Expr* typ;
      if (tok() == Token::kLparen) {
        // *(T)
        SyntaxError("cannot parenthesize embedded type");
        Next();
        typ = QualifiedName(nullptr);
        Got(Token::kRparen);  // no need to complain if missing
      } else {
        // *T
        typ = QualifiedName(nullptr);
      }
      BasicLit* tag = OLiteral();
      AddField(p0, begin, nullptr, NewIndirect(p0, begin, typ), tag);
      break;
    }

    case Token::kLparen: {
      SyntaxError("cannot parenthesize embedded type");
      Next();
      Expr* typ;
      if (tok() == Token::kStar) {
        // (*T)
        Pos p1 = pos();
        uint32_t b1 = off();
        Next();
        typ = NewIndirect(p1, b1, QualifiedName(nullptr));
      } else {
        // (T)
        typ = QualifiedName(nullptr);
      }
      Got(Token::kRparen);  // no need to complain if missing
      BasicLit* tag = OLiteral();
      AddField(p0, begin, nullptr, typ, tag);
      break;
    }

    default:
      SyntaxError("expecting field name or embedded type");
      Advance(Bit(Token::kSemi) | Bit(Token::kRbrace));
  }
}

Expr* Parser::ArrayOrTArgs() {
  Pos p0 = pos();
  uint32_t begin = off();
  Want(Token::kLbrack);
  if (Got(Token::kRbrack)) return SliceTypeP(p0, begin);

  // x [n]E or x[n,], x[n1, n2], ...
  size_t mark = scratch_.size();
  bool comma = TypeList();
  Want(Token::kRbrack);
  if (!comma) {
    if (Expr* elem = TypeOrNil()) {
      // x [n]E
      ArrayType* t = New<ArrayType>(p0, begin);
      t->len = static_cast<Expr*>(scratch_[mark]);
      scratch_.resize(mark);
      t->elem = elem;
      return Finish(t);
    }
  }
  // x[n,], x[n1, n2], ...
  IndexExpr* t = New<IndexExpr>(p0, begin);
  // t->x is filled in by the caller
  t->indices = TakeList<Expr>(mark);
  return Finish(t);
}

BasicLit* Parser::OLiteral() {
  if (tok() != Token::kLiteral) return nullptr;
  BasicLit* b = New<BasicLit>(pos(), off());
  b->value = s_.lit();
  b->lit_kind = s_.kind();
  b->bad = s_.bad();
  Next();
  return Finish(b);
}

// MethodSpec = MethodName Signature | InterfaceTypeName .
Field* Parser::MethodDecl() {
  Field* f = New<Field>(pos(), off());
  Name* name = NameP();
  constexpr std::string_view kContext = "interface method";

  switch (tok()) {
    case Token::kLparen:
      // method
      f->name = name;
      f->type = FuncTypeP(kContext, off(), nullptr);
      break;

    case Token::kLbrack: {
      // Careful dance: We don't know if we have a generic method m[T C](x T) or an
      // embedded instantiated type T[P1, P2] (we accept generic methods for generality
      // and robustness of parsing but complain with an error).
      Pos p0 = pos();
      Next();

      // Empty type parameter or argument lists are not permitted. Treat as if [] were
      // absent.
      if (tok() == Token::kRbrack) {
        // name[]
        Pos p1 = pos();
        Next();
        if (tok() == Token::kLparen) {
          // name[](
          ErrorAt(p1, "empty type parameter list");
          f->name = name;
          f->type = FuncTypeP(kContext, off(), nullptr);
        } else {
          ErrorAt(p1, "empty type argument list");
          f->type = name;
        }
        break;
      }

      // A type argument list looks like a parameter list with only types. Parse a
      // parameter list and decide afterwards.
      Span<Field*> list = ParamList(nullptr, nullptr, Token::kRbrack, false);
      if (list.empty()) {
        // The type parameter list is not [] but we got nothing due to other errors
        // (reported by ParamList). Treat as if [] were absent.
        if (tok() == Token::kLparen) {
          f->name = name;
          f->type = FuncTypeP(kContext, off(), nullptr);
        } else {
          f->type = name;
        }
        break;
      }

      if (list[0]->name != nullptr) {
        // generic method
        f->name = name;
        f->type = FuncTypeP(kContext, off(), nullptr);
        ErrorAt(p0, "interface method must have no type parameters");
        break;
      }

      // embedded instantiated type
      IndexExpr* t = New<IndexExpr>(p0, name->begin);
      t->x = name;
      Expr** data = arena_->AllocateArray<Expr*>(list.size());
      for (uint32_t i = 0; i < list.size(); ++i) data[i] = list[i]->type;
      t->indices = Span<Expr*>(data, list.size());
      f->type = Finish(t);
      break;
    }

    default:
      // embedded type
      f->type = QualifiedName(name);
  }
  return Finish(f);
}

// EmbeddedElem = MethodSpec | EmbeddedTerm { "|" EmbeddedTerm } .
Field* Parser::EmbeddedElem(Field* f) {
  if (f == nullptr) {
    f = New<Field>(pos(), off());
    f->type = EmbeddedTerm();
  }
  while (IsOp(Operator::kOr)) {
    BinaryExpr* t = New<BinaryExpr>(pos(), f->type->begin);
    t->op = Operator::kOr;
    Next();
    t->x = f->type;
    t->y = EmbeddedTerm();
    f->type = Finish(t);
  }
  return Finish(f);
}

// EmbeddedTerm = [ "~" ] Type .
Expr* Parser::EmbeddedTerm() {
  if (IsOp(Operator::kTilde)) {
    UnaryExpr* t = New<UnaryExpr>(pos(), off());
    t->op = Operator::kTilde;
    Next();
    t->x = TypeP();
    return Finish(t);
  }
  Expr* t = TypeOrNil();
  if (t == nullptr) {
    t = Bad();
    SyntaxError("expecting ~ term or type");
    Advance(Bit(Token::kOperator) | Bit(Token::kSemi) | Bit(Token::kRparen) | Bit(Token::kRbrack) |
            Bit(Token::kRbrace));
  }
  return t;
}

// ParameterDecl = [ IdentifierList ] [ "..." ] Type .
Field* Parser::ParamDeclOrNil(Name* name, Token follow) {
  // type set notation is ok in type parameter lists
  bool type_sets_ok = follow == Token::kRbrack;

  Pos p0 = pos();
  uint32_t begin = off();
  if (name != nullptr) {
    p0 = name->pos;
    begin = name->begin;
  } else if (type_sets_ok && IsOp(Operator::kTilde)) {
    // "~" ...
    return EmbeddedElem(nullptr);
  }

  Field* f = New<Field>(p0, begin);

  if (tok() == Token::kName || name != nullptr) {
    // name
    if (name == nullptr) name = NameP();

    if (tok() == Token::kLbrack) {
      // name "[" ...
      f->type = ArrayOrTArgs();
      if (auto* typ = DynCast<IndexExpr>(f->type)) {
        // name "[" ... "]"
        typ->x = name;
        typ->begin = name->begin;
      } else {
        // name "[" n "]" E
        f->name = name;
      }
      if (type_sets_ok && IsOp(Operator::kOr)) {
        // name "[" ... "]" "|" ...
        // name "[" n "]" E "|" ...
        f = EmbeddedElem(f);
      }
      return Finish(f);
    }

    if (tok() == Token::kDot) {
      // name "." ...
      f->type = QualifiedName(name);
      if (type_sets_ok && IsOp(Operator::kOr)) {
        // name "." name "|" ...
        f = EmbeddedElem(f);
      }
      return Finish(f);
    }

    if (type_sets_ok && IsOp(Operator::kOr)) {
      // name "|" ...
      f->type = name;
      return EmbeddedElem(f);
    }

    f->name = name;
  }

  if (tok() == Token::kDotDotDot) {
    // [name] "..." ...
    DotsType* t = New<DotsType>(pos(), off());
    Next();
    t->elem = TypeOrNil();
    if (t->elem == nullptr) {
      t->elem = Bad();
      SyntaxError("... is missing type");
    }
    f->type = Finish(t);
    return Finish(f);
  }

  if (type_sets_ok && IsOp(Operator::kTilde)) {
    // [name] "~" ...
    f->type = EmbeddedElem(nullptr)->type;
    return Finish(f);
  }

  f->type = TypeOrNil();
  if (type_sets_ok && IsOp(Operator::kOr) && f->type != nullptr) {
    // [name] type "|"
    f = EmbeddedElem(f);
  }
  if (f->name != nullptr || f->type != nullptr) return Finish(f);

  SyntaxError(StrCat("expecting ", TokString(follow)));
  Advance(Bit(Token::kComma) | Bit(follow));
  return nullptr;
}

// Parameters    = "(" [ ParameterList [ "," ] ] ")" .
// ParameterList = ParameterDecl { "," ParameterDecl } .
// "(" or "[" has already been consumed. If name != null, it is the first name after "("
// or "["; if typ != null, (name, typ) is the first field. In the result, either all
// fields have a name, or none has.
Span<Field*> Parser::ParamList(Name* name, Expr* typ, Token close, bool require_names) {
  // List won't invoke its function argument if we're at the end of the parameter list.
  // If we have a complete field, handle this case here.
  if (name != nullptr && typ != nullptr && tok() == close) {
    Next();
    Field* par = New<Field>(name->pos, name->begin);
    par->name = name;
    par->type = typ;
    par->end = typ->end;
    return One<Field>(par);
  }

  size_t mark = scratch_.size();
  int named = 0;  // parameters that have an explicit name and type
  int typed = 0;  // parameters that have an explicit type
  Pos end = List("parameter list", Token::kComma, close, [&] {
    Field* par;
    if (typ != nullptr) {
      par = New<Field>(name->pos, name->begin);
      par->name = name;
      par->type = typ;
      par->end = typ->end;
    } else {
      par = ParamDeclOrNil(name, close);
    }
    name = nullptr;  // 1st name was consumed if present
    typ = nullptr;   // 1st type was consumed if present
    if (par != nullptr) {
      if (par->name != nullptr && par->type != nullptr) ++named;
      if (par->type != nullptr) ++typed;
      Push(par);
    }
    return false;
  });

  size_t n = scratch_.size() - mark;
  if (n == 0) return {};

  // distribute parameter types
  if (named == 0 && !require_names) {
    // all unnamed => found names are named types
    for (size_t i = 0; i < n; ++i) {
      auto* par = static_cast<Field*>(scratch_[mark + i]);
      if (par->name != nullptr) {
        par->type = par->name;
        par->name = nullptr;
      }
    }
  } else if (named != static_cast<int>(n)) {
    // some named => all must have names and types
    Pos errpos;           // left-most error position (or unknown)
    Expr* cur = nullptr;  // current type (from right to left)
    for (size_t i = n; i-- > 0;) {
      auto* par = static_cast<Field*>(scratch_[mark + i]);
      if (par->type != nullptr) {
        cur = par->type;
        if (par->name == nullptr) {
          errpos = PosAtOffset(cur->begin);
          par->name = NewName(errpos, cur->begin, "_");
        }
      } else if (cur != nullptr) {
        par->type = cur;
      } else {
        // par->type == null && cur == null => we only have a par->name
        errpos = par->name->pos;
        BadExpr* t = New<BadExpr>(errpos, par->name->end);
        par->type = t;
      }
    }
    if (errpos.IsKnown()) {
      std::string_view msg;
      if (require_names) {
        if (named == typed) {
          errpos = end;  // position error at closing ]
          msg = "missing type constraint";
        } else {
          msg = "type parameters must be named";
        }
      } else {
        msg = "mixed named and unnamed parameters";
      }
      SyntaxErrorAt(errpos, msg);
    }
  }
  return TakeList<Field>(mark);
}

// ----------------------------------------------------------------------------
// Statements

// SimpleStmt = EmptyStmt | ExpressionStmt | SendStmt | IncDecStmt | Assignment |
//              ShortVarDecl .
Stmt* Parser::SimpleStmt(Span<Expr*> lhs, bool have_lhs, Token keyword) {
  if (keyword == Token::kFor && tok() == Token::kRange) {
    // _Range expr
    return NewRange({}, false);
  }

  if (!have_lhs) lhs = ExprList();

  if (lhs.size() == 1 && tok() != Token::kAssign && tok() != Token::kDefine) {
    // expr
    Expr* x = lhs[0];
    CheckValue(x);
    Pos p0 = pos();
    switch (tok()) {
      case Token::kAssignOp: {
        // lhs op= rhs
        AssignStmt* a = New<AssignStmt>(p0, x->begin);
        a->op = s_.op();
        Next();
        a->lhs = lhs;
        a->rhs = One<Expr>(ExprP());
        CheckValue(a->rhs[0]);
        return Finish(a);
      }
      case Token::kIncOp: {
        // lhs++ or lhs--
        IncDecStmt* s = New<IncDecStmt>(p0, x->begin);
        s->inc = s_.op() == Operator::kAdd;
        s->x = x;
        Next();
        return Finish(s);
      }
      case Token::kArrow: {
        // lhs <- rhs
        SendStmt* s = New<SendStmt>(p0, x->begin);
        Next();
        s->chan = x;
        s->value = ExprP();
        CheckValue(s->value);
        return Finish(s);
      }
      default: {
        // expr
        ExprStmt* s = New<ExprStmt>(x->pos, x->begin);
        s->x = x;
        s->end = x->end;
        return s;
      }
    }
  }

  // expr_list
  switch (tok()) {
    case Token::kAssign:
    case Token::kDefine: {
      Pos p0 = pos();
      bool define = tok() == Token::kDefine;
      Next();
      // go/parser checks the names of := (checkAssignStmt) and that the operands of =
      // are values; gc in its type checker.
      if (!define) CheckValues(lhs);

      if (keyword == Token::kFor && tok() == Token::kRange) {
        // expr_list op= _Range expr
        return NewRange(lhs, define);
      }

      // expr_list op= expr_list
      Span<Expr*> rhs = ExprList();
      if (rhs.size() == 1 && rhs[0]->kind == NodeKind::kTypeSwitchGuard &&
          keyword == Token::kSwitch && define && lhs.size() == 1 &&
          lhs[0]->kind == NodeKind::kName) {
        // switch … lhs := rhs.(type)
        auto* g = static_cast<TypeSwitchGuard*>(rhs[0]);
        g->lhs = static_cast<Name*>(lhs[0]);
        g->begin = g->lhs->begin;
        ExprStmt* s = New<ExprStmt>(g->pos, g->begin);
        s->x = g;
        s->end = g->end;
        return s;
      }
      CheckValues(rhs);
      if (define) CheckDefine(lhs, LateCheck::kNonNameDefine);
      AssignStmt* a = New<AssignStmt>(p0, lhs[0]->begin);
      a->define = define;
      a->lhs = lhs;
      a->rhs = rhs;
      return Finish(a);
    }

    default: {
      SyntaxError("expecting := or = or comma");
      Advance(Bit(Token::kSemi) | Bit(Token::kRbrace));
      // make the best of what we have
      Expr* x = lhs[0];
      ExprStmt* s = New<ExprStmt>(x->pos, x->begin);
      s->x = x;
      s->end = x->end;
      return s;
    }
  }
}

RangeStmt* Parser::NewRange(Span<Expr*> lhs, bool define) {
  // pos and begin are set to the 'for' by ForStmtP.
  RangeStmt* r = New<RangeStmt>(pos(), lhs.empty() ? off() : lhs[0]->begin);
  r->range_pos = pos();
  Next();  // consume 'range'
  if (lhs.size() >= 1) r->key = lhs[0];
  if (lhs.size() >= 2) r->value = lhs[1];
  if (lhs.size() > 2) extra_range_vars_.push_back(lhs[2]);  // reported by Run
  r->define = define;
  r->x = ExprP();
  CheckValue(r->x);
  if (define)
    CheckDefine(Span<Expr*>(lhs.begin(), std::min(lhs.size(), 2u)), LateCheck::kCannotDeclare);
  return Finish(r);
}

Stmt* Parser::LabeledStmtOrNil(Name* label) {
  LabeledStmt* s = New<LabeledStmt>(pos(), label->begin);
  s->label = label;
  Want(Token::kColon);

  if (tok() == Token::kRbrace) {
    // We expect a statement (incl. an empty statement), which must be terminated by a
    // semicolon. Because semicolons may be omitted before an _Rbrace, seeing an _Rbrace
    // implies an empty statement.
    s->stmt = ZeroWidth(New<EmptyStmt>(pos(), off()));
    return Finish(s);
  }

  s->stmt = StmtOrNil();
  if (s->stmt != nullptr) return Finish(s);

  // report error at line of ':' token
  SyntaxErrorAt(s->pos, "missing statement after label");
  // we are already at the end of the labeled statement - no need to advance
  return nullptr;  // avoids follow-on errors
}

// context must be a non-empty string unless we know that tok() == kLbrace.
BlockStmt* Parser::BlockStmtP(std::string_view context) {
  BlockStmt* s = New<BlockStmt>(pos(), off());

  // people coming from C may forget that braces are mandatory in Go
  if (!Got(Token::kLbrace)) {
    SyntaxError(StrCat("expecting { after ", context));
    Advance(Bit(Token::kName) | Bit(Token::kRbrace));
    s->rbrace = pos();  // in case we found "}"
    if (Got(Token::kRbrace)) return Finish(s);
  }

  s->stmts = StmtList();
  s->rbrace = pos();
  Want(Token::kRbrace);
  return Finish(s);
}

DeclStmt* Parser::DeclStmtP() {
  DeclStmt* s = New<DeclStmt>(pos(), off());
  Token kw = tok();
  Pos kw_pos = pos();
  uint32_t begin = off();
  Next();  // kConst, kType, or kVar
  s->decl = GenDeclP(kw, kw_pos, begin);
  return Finish(s);
}

Stmt* Parser::ForStmtP() {
  Pos p0 = pos();
  uint32_t begin = off();
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  Stmt* post = nullptr;
  Header(Token::kFor, &init, &cond, &post);
  if (auto* r = DynCast<RangeStmt>(init)) {
    r->pos = p0;
    r->begin = begin;
    r->body = BlockStmtP("for clause");
    return Finish(r);
  }
  ForStmt* s = New<ForStmt>(p0, begin);
  s->init = init;
  s->cond = cond;
  s->post = post;
  s->body = BlockStmtP("for clause");
  return Finish(s);
}

void Parser::Header(Token keyword, Stmt** init, Expr** cond, Stmt** post) {
  Want(keyword);

  if (tok() == Token::kLbrace) {
    if (keyword == Token::kIf) {
      SyntaxError("missing condition in if statement");
      *cond = Bad();
    }
    return;
  }
  // tok() != kLbrace

  int outer = xnest_;
  xnest_ = -1;

  if (tok() != Token::kSemi) {
    // accept potential varDecl but complain
    if (Got(Token::kVar)) {
      SyntaxError(StrCat("var declaration not allowed in ", TokString(keyword), " initializer"));
    }
    *init = SimpleStmt({}, false, keyword);
    // If we have a range clause, we are done (can only happen for keyword == kFor).
    if ((*init)->kind == NodeKind::kRangeStmt) {
      xnest_ = outer;
      return;
    }
  }

  Stmt* cond_stmt = nullptr;
  Pos semi_pos;
  std::string_view semi_lit;
  bool done = false;
  if (tok() != Token::kLbrace) {
    if (tok() == Token::kSemi) {
      semi_pos = pos();
      semi_lit = s_.lit();
      Next();
    } else {
      // asking for a '{' rather than a ';' here leads to a better error message
      Want(Token::kLbrace);
      if (tok() != Token::kLbrace) {
        Advance(Bit(Token::kLbrace) | Bit(Token::kRbrace));  // for better synchronization
      }
    }
    if (keyword == Token::kFor) {
      if (tok() != Token::kSemi) {
        if (tok() == Token::kLbrace) {
          SyntaxError("expecting for loop condition");
          done = true;
        } else {
          cond_stmt = SimpleStmt({}, false, Token::kEOF /* range not permitted */);
        }
      }
      if (!done) {
        Want(Token::kSemi);
        if (tok() != Token::kLbrace) {
          *post = SimpleStmt({}, false, Token::kEOF /* range not permitted */);
          if (auto* a = DynCast<AssignStmt>(*post); a != nullptr && a->define) {
            SyntaxErrorAt(a->pos, "cannot declare in post statement of for loop");
          }
        }
      }
    } else if (tok() != Token::kLbrace) {
      cond_stmt = SimpleStmt({}, false, keyword);
    }
  } else {
    cond_stmt = *init;
    *init = nullptr;
  }

  // unpack cond_stmt
  if (cond_stmt == nullptr) {
    if (keyword == Token::kIf && semi_pos.IsKnown()) {
      if (semi_lit != "semicolon") {
        SyntaxErrorAt(semi_pos, StrCat("unexpected ", semi_lit, ", expecting { after if clause"));
      } else {
        SyntaxErrorAt(semi_pos, "missing condition in if statement");
      }
      BadExpr* b = New<BadExpr>(semi_pos, prev_end_);
      *cond = b;
    }
  } else if (auto* es = DynCast<ExprStmt>(cond_stmt)) {
    *cond = es->x;
  } else {
    // A common syntax error is to write '=' instead of '==', which turns an expression
    // into an assignment. Provide a more explicit error message in that case.
    std::string str;
    auto* as = DynCast<AssignStmt>(cond_stmt);
    if (as != nullptr && as->op == Operator::kNone && !as->define) {
      std::string_view lhs(source_.data() + as->lhs.front()->begin,
                           as->lhs.back()->end - as->lhs.front()->begin);
      std::string_view rhs(source_.data() + as->rhs.front()->begin,
                           as->rhs.back()->end - as->rhs.front()->begin);
      str = StrCat("assignment (", lhs, ") = (", rhs, ")");
    } else {
      str = std::string(TextOf(cond_stmt));
    }
    SyntaxErrorAt(cond_stmt->pos, StrCat("cannot use ", str, " as value"));
  }

  xnest_ = outer;
}

IfStmt* Parser::IfStmtP() {
  // An else-if chain is a list, not nesting: gc accepts any length, so the chain is built
  // in a loop (each IfStmt's range ends where the whole chain ends, as when nested).
  std::vector<IfStmt*> chain;
  for (;;) {
    IfStmt* s = New<IfStmt>(pos(), off());
    if (!chain.empty()) chain.back()->else_ = s;
    chain.push_back(s);
    Header(Token::kIf, &s->init, &s->cond, nullptr);
    s->then = BlockStmtP("if clause");
    if (!Got(Token::kElse)) break;
    if (tok() == Token::kIf) continue;
    if (tok() == Token::kLbrace) {
      s->else_ = BlockStmtP("");
    } else {
      SyntaxError("else must be followed by if or statement block");
      Advance(Bit(Token::kName) | Bit(Token::kRbrace));
    }
    break;
  }
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) Finish(*it);
  return chain.front();
}

SwitchStmt* Parser::SwitchStmtP() {
  SwitchStmt* s = New<SwitchStmt>(pos(), off(), NodeKind::kSwitchStmt);
  Header(Token::kSwitch, &s->init, &s->tag, nullptr);
  if (auto* g = DynCast<TypeSwitchGuard>(s->tag)) {
    s->kind = NodeKind::kTypeSwitchStmt;
    for (auto it = guards_.rbegin(); it != guards_.rend(); ++it) {
      if (it->first == g) {
        it->second = true;
        break;
      }
    }
  }

  if (!Got(Token::kLbrace)) {
    SyntaxError("missing { after switch clause");
    Advance(Bit(Token::kCase) | Bit(Token::kDefault) | Bit(Token::kRbrace));
  }
  size_t mark = scratch_.size();
  bool type_switch = s->kind == NodeKind::kTypeSwitchStmt;
  while (tok() != Token::kEOF && tok() != Token::kRbrace) Push(CaseClauseP(type_switch));
  s->clauses = TakeList<CaseClause>(mark);
  s->rbrace = pos();
  Want(Token::kRbrace);
  return Finish(s);
}

SelectStmt* Parser::SelectStmtP() {
  SelectStmt* s = New<SelectStmt>(pos(), off());
  Want(Token::kSelect);
  if (!Got(Token::kLbrace)) {
    SyntaxError("missing { after select clause");
    Advance(Bit(Token::kCase) | Bit(Token::kDefault) | Bit(Token::kRbrace));
  }
  size_t mark = scratch_.size();
  while (tok() != Token::kEOF && tok() != Token::kRbrace) Push(CommClauseP());
  s->clauses = TakeList<CommClause>(mark);
  s->rbrace = pos();
  Want(Token::kRbrace);
  return Finish(s);
}

CaseClause* Parser::CaseClauseP(bool type_switch) {
  CaseClause* c = New<CaseClause>(pos(), off());
  switch (tok()) {
    case Token::kCase:
      Next();
      c->cases = ExprList();
      if (type_switch) {
        for (const Expr* x : c->cases) CheckCaseType(x);
      } else {
        CheckValues(c->cases);
      }
      break;
    case Token::kDefault:
      Next();
      c->is_default = true;
      break;
    default:
      SyntaxError("expecting case or default or }");
      Advance(Bit(Token::kColon) | Bit(Token::kCase) | Bit(Token::kDefault) | Bit(Token::kRbrace));
  }
  c->colon = pos();
  Want(Token::kColon);
  c->body = StmtList();
  return Finish(c);
}

CommClause* Parser::CommClauseP() {
  CommClause* c = New<CommClause>(pos(), off());
  switch (tok()) {
    case Token::kCase:
      Next();
      // The syntax restricts the possible simple statements here to lhs <- x (send),
      // <-x, lhs = <-x and lhs := <-x; all these (and more) are recognized by SimpleStmt
      // and invalid trees are flagged during type checking.
      c->comm = SimpleStmt({}, false, Token::kEOF);
      break;
    case Token::kDefault:
      Next();
      break;
    default:
      SyntaxError("expecting case or default or }");
      Advance(Bit(Token::kColon) | Bit(Token::kCase) | Bit(Token::kDefault) | Bit(Token::kRbrace));
  }
  c->colon = pos();
  Want(Token::kColon);
  c->body = StmtList();
  return Finish(c);
}

// Statement = Declaration | LabeledStmt | SimpleStmt | GoStmt | ReturnStmt | BreakStmt |
//             ContinueStmt | GotoStmt | FallthroughStmt | Block | IfStmt | SwitchStmt |
//             SelectStmt | ForStmt | DeferStmt .
Stmt* Parser::StmtOrNil() {
  Nest nest(this);
  if (!nest.ok) return nullptr;

  // Most statements (assignments) start with an identifier; look for it first before
  // doing anything more expensive.
  if (tok() == Token::kName) {
    ClearPragma();
    Span<Expr*> lhs = ExprList();
    if (lhs.size() == 1 && lhs[0]->kind == NodeKind::kName && tok() == Token::kColon) {
      return LabeledStmtOrNil(static_cast<Name*>(lhs[0]));
    }
    return SimpleStmt(lhs, true, Token::kEOF);
  }

  switch (tok()) {
    case Token::kVar:
    case Token::kConst:
    case Token::kType:
      return DeclStmtP();
    default:
      break;
  }

  ClearPragma();

  switch (tok()) {
    case Token::kLbrace:
      return BlockStmtP("");

    case Token::kOperator:
    case Token::kStar:
      switch (s_.op()) {
        case Operator::kAdd:
        case Operator::kSub:
        case Operator::kMul:
        case Operator::kAnd:
        case Operator::kXor:
        case Operator::kNot:
          return SimpleStmt({}, false, Token::kEOF);  // unary operators
        default:
          break;
      }
      break;

    case Token::kLiteral:
    case Token::kFunc:
    case Token::kLparen:  // operands
    case Token::kLbrack:
    case Token::kStruct:
    case Token::kMap:
    case Token::kChan:
    case Token::kInterface:  // composite types
    case Token::kArrow:      // receive operator
      return SimpleStmt({}, false, Token::kEOF);

    case Token::kFor:
      return ForStmtP();

    case Token::kSwitch:
      return SwitchStmtP();

    case Token::kSelect:
      return SelectStmtP();

    case Token::kIf:
      return IfStmtP();

    case Token::kFallthrough: {
      BranchStmt* s = New<BranchStmt>(pos(), off());
      Next();
      s->tok = Token::kFallthrough;
      return Finish(s);
    }

    case Token::kBreak:
    case Token::kContinue: {
      BranchStmt* s = New<BranchStmt>(pos(), off());
      s->tok = tok();
      Next();
      if (tok() == Token::kName) s->label = NameP();
      return Finish(s);
    }

    case Token::kGo:
    case Token::kDefer:
      return CallStmtP();

    case Token::kGoto: {
      BranchStmt* s = New<BranchStmt>(pos(), off());
      s->tok = Token::kGoto;
      Next();
      s->label = NameP();
      return Finish(s);
    }

    case Token::kReturn: {
      ReturnStmt* s = New<ReturnStmt>(pos(), off());
      Next();
      if (tok() != Token::kSemi && tok() != Token::kRbrace) s->results = ExprList();
      CheckValues(s->results);
      return Finish(s);
    }

    case Token::kSemi:
      return ZeroWidth(New<EmptyStmt>(pos(), off()));

    default:
      break;
  }
  return nullptr;
}

// StatementList = { Statement ";" } .
Span<Stmt*> Parser::StmtList() {
  size_t mark = scratch_.size();
  while (tok() != Token::kEOF && tok() != Token::kRbrace && tok() != Token::kCase &&
         tok() != Token::kDefault) {
    Stmt* s = StmtOrNil();
    ClearPragma();
    if (s == nullptr) break;
    Push(s);
    // ";" is optional before "}"
    if (!Got(Token::kSemi) && tok() != Token::kRbrace) {
      SyntaxError("at end of statement");
      Advance(Bit(Token::kSemi) | Bit(Token::kRbrace) | Bit(Token::kCase) | Bit(Token::kDefault));
      Got(Token::kSemi);  // avoid spurious empty statement
    }
  }
  return TakeList<Stmt>(mark);
}

// argList = [ arg { "," arg } [ "..." ] [ "," ] ] ")" .
void Parser::ArgList(CallExpr* call) {
  ++xnest_;
  size_t mark = scratch_.size();
  call->rparen = List("argument list", Token::kComma, Token::kRparen, [&] {
    Push(ExprP());
    call->has_dots = Got(Token::kDotDotDot);
    return call->has_dots;
  });
  call->args = TakeList<Expr>(mark);
  --xnest_;
}

// ----------------------------------------------------------------------------
// Common productions

Name* Parser::NameP() {
  if (tok() == Token::kName) {
    Name* n = New<Name>(pos(), off());
    n->value = s_.lit();
    Next();
    n->end = prev_end_;
    return n;
  }
  Name* n = ZeroWidth(NewName(pos(), off(), "_"));
  SyntaxError("expecting name");
  Advance(0);
  return n;
}

// IdentifierList = identifier { "," identifier } .
Span<Name*> Parser::NameList(Name* first) {
  size_t mark = scratch_.size();
  Push(first);
  while (Got(Token::kComma)) Push(NameP());
  return TakeList<Name>(mark);
}

// The first name may be provided, or null.
Expr* Parser::QualifiedName(Name* name) {
  Expr* x;
  if (name != nullptr) {
    x = name;
  } else if (tok() == Token::kName) {
    x = NameP();
  } else {
    x = ZeroWidth(NewName(pos(), off(), "_"));
    SyntaxError("expecting name");
    Advance(Bit(Token::kDot) | Bit(Token::kSemi) | Bit(Token::kRbrace));
  }

  if (tok() == Token::kDot) {
    SelectorExpr* s = New<SelectorExpr>(pos(), x->begin);
    Next();
    s->x = x;
    s->sel = NameP();
    x = Finish(s);
  }

  if (tok() == Token::kLbrack) x = TypeInstance(x);
  return x;
}

// ExpressionList = Expression { "," Expression } .
Span<Expr*> Parser::ExprList() {
  size_t mark = scratch_.size();
  Push(ExprP());
  while (Got(Token::kComma)) Push(ExprP());
  return TakeList<Expr>(mark);
}

// typeList = arg { "," arg } [ "," ] . The first element may be any expression, the others
// must be types. Pushes the elements on scratch_; returns whether there was a
// (separating or trailing) comma.
bool Parser::TypeList() {
  bool comma = false;
  ++xnest_;
  Push(ExprP());
  if (Got(Token::kComma)) {
    comma = true;
    if (Expr* t = TypeOrNil()) {
      Push(t);
      while (Got(Token::kComma)) {
        t = TypeOrNil();
        if (t == nullptr) break;
        Push(t);
      }
    }
  }
  --xnest_;
  return comma;
}

}  // namespace

using syntax_internal::StrAppend;
using syntax_internal::StrCat;

ParsedFile ParseFile(std::string filename, std::string source) {
  ParsedFile out;
  out.filename = std::move(filename);
  out.source = std::move(source);
  // Keep the text on the heap, so that the AST's string_views survive moving the
  // ParsedFile (a short string would live inside the object and move with it).
  if (out.source.capacity() < 32) out.source.reserve(32);
  out.arena = std::make_unique<Arena>();
  if (out.source.size() >= UINT32_MAX - 1) {
    out.ast = out.arena->New<File>();
    out.errors.push_back(SyntaxError{Pos{1, 1}, "file too large"});
    return out;
  }
  {
    Parser parser(&out);
    out.ast = parser.Run();
  }
  // Report in source order, as go tool compile does; drop exact duplicates.
  std::stable_sort(out.errors.begin(), out.errors.end(),
                   [](const SyntaxError& a, const SyntaxError& b) { return a.pos < b.pos; });
  out.errors.erase(std::unique(out.errors.begin(), out.errors.end(),
                               [](const SyntaxError& a, const SyntaxError& b) {
                                 return a.pos == b.pos && a.message == b.message;
                               }),
                   out.errors.end());
  return out;
}

RelPosition RelPos(const File& file, Pos pos) {
  const LineBase* base = nullptr;
  for (const LineBase& b : file.line_bases) {  // few; in source order
    if (pos < b.pos) break;
    base = &b;
  }
  if (base == nullptr) return RelPosition{{}, pos.line, pos.col};
  RelPosition r;
  r.filename = base->filename;
  r.line = base->line + (pos.line - base->pos.line);
  if (base->col != 0) {
    r.col = pos.line == base->pos.line ? base->col + (pos.col - base->pos.col) : pos.col;
  }
  return r;
}

std::string FormatPos(const ParsedFile& file, Pos pos) {
  if (file.ast == nullptr || file.ast->line_bases.empty()) {
    return StrCat(file.filename, ":", pos.line, ":", pos.col);
  }
  RelPosition r = RelPos(*file.ast, pos);
  std::string_view name = r.filename.empty() ? std::string_view(file.filename) : r.filename;
  std::string out = StrCat(name, ":", r.line);
  // gc: col == 0 (unknown) and col >= colMax (1<<30) are not printed.
  if (r.col > 0 && r.col < (1u << 30)) StrAppend(&out, ":", r.col);
  return out;
}

std::string FormatError(const ParsedFile& file, const SyntaxError& error) {
  return StrCat(FormatPos(file, error.pos), ": ", error.message);
}

}  // namespace heapmap::syntax
