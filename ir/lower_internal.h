// ir/lower_internal.h — the lowering walker shared by lower*.cc (gc's escape struct + holes).
//
// One Lowerer per FuncUnit. Its methods mirror escape/*.go name for name: Expr (exprSkipInit),
// Stmt, AddrOf (addr), AssignList, Reassigned, CallCommon, GoDefer, Spill, Tee. A Hole is gc's
// hole: a destination (blank, heap or a location) and a dereference count.
#ifndef HEAPMAP_IR_LOWER_INTERNAL_H_
#define HEAPMAP_IR_LOWER_INTERNAL_H_

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "frontend/syntax/ast.h"
#include "frontend/syntax/parser.h"
#include "frontend/types/checker.h"
#include "frontend/types/object.h"
#include "frontend/types/type.h"
#include "ir/builder.h"
#include "ir/lower.h"
#include "ir/stencil.h"
#include "proto/ir.pb.h"
#include "absl/container/node_hash_map.h"

namespace heapmap::ir::lower {

// Type facts gc reads (types.Type methods).
bool HasPointers(types::Type* t);
bool IsDirectIface(types::Type* t);
bool IsInterfaceType(types::Type* t);
bool IsUnsafePtr(types::Type* t);
bool IsUintptr(types::Type* t);
int64_t SizeOf(types::Type* t);
int64_t AlignOf(types::Type* t);
// gc's printing of a type in -m lines: local types unqualified, others by package name.
std::string GcTypeString(types::Type* t, const types::Package* local);
// gc's package qualifier in -m text: the package name, or its quoted path when imported
// packages share the name; empty for the local package.
std::string GcPkgQualifier(const types::Package* p, const types::Package* local);
// Link symbols: "pkgpath.F" for a package-level function, "pkgpath.(*T).M" / "pkgpath.T.M"
// for a method (the callee names of CALL_STATIC, the keys of inlining facts).
std::string FuncSymbol(const types::Func* f);
std::string MethodSymbol(const types::Func* fn);

// The types a composite type is built from, one level down (a Named is not looked into):
// element, key, fields, parameters' and results' types, an interface's explicit methods'
// types and embedded types. For walks over what a type references (export data,
// runtime type descriptors).
void ForEachComponentType(types::Type* t, const std::function<void(types::Type*)>& fn);

// The object an identifier uses or defines (Info.uses, then Info.defs), or null.
types::Object* ObjectOf(const types::Info& info, const syntax::Name* n);

// A few recent answers of a walk's type lookups, in front of the checker's hash map: the
// walks ask about the same expression several times in a row (its kind, its conversion,
// nil-ness). The map must not change while the cache is in use (its values are pointed to).
class TVCache {
 public:
  template <typename Lookup>
  const types::TypeAndValue* Find(const syntax::Expr* e, Lookup lookup) const {
    Entry& slot = slots_[(reinterpret_cast<uintptr_t>(e) >> 4) % kSlots];
    if (slot.expr != e || e == nullptr) slot = {e, lookup(e)};
    return slot.tv;
  }

 private:
  static constexpr size_t kSlots = 64;
  struct Entry {
    const syntax::Expr* expr = nullptr;
    const types::TypeAndValue* tv = nullptr;
  };
  mutable std::array<Entry, kSlots> slots_{};
};

// deadcode.expr folded: a condition that is a constant bool, or becomes one when &&/||
// with a constant left operand are folded (false && x, true || x). False otherwise.
bool ConstCondition(const syntax::Expr* e, const types::Info& info, bool* value);

// exprFmt's precedence of a binary operator (OpPrec, in the same order).
int GcPrec(syntax::Operator op);

// What deadcode.stmts looks for at the end of a constant if's live branch: a return, or a
// call of the builtin panic.
bool IsReturnOrPanic(const syntax::Stmt* s, const types::Info& info);

// deadcode.expr's result: the operand a constant left operand of && or || leaves
// (`debug && x` with debug false is `debug`, `!debug && x` is `x`), else e itself (whose
// operands deadcode may have reduced in place: Lowerer::DeadcodeCondText prints them).
const syntax::Expr* DeadcodeCond(const syntax::Expr* e, const types::Info& info);

// deadcode.Func: a body of nothing but ifs with a constant condition and no live
// statements, and `for false` loops, is replaced by an empty block (no statements, cost 0).
bool DeadcodeEmptiesBody(const syntax::BlockStmt* body, const types::Info& info);

// deadcode.Func on an expression switch with a constant tag (or none) and constant cases:
// the clause that must run (and its matching value), the default when none can, or no
// clause at all (keep null). False when the switch stays as it is.
bool ConstSwitchClause(const syntax::SwitchStmt* ss, const types::Info& info,
                       const syntax::CaseClause** keep, const syntax::Expr** value);

// gc's generated method wrappers of the package's types (ir/lower_wrappers.cc), one unit
// each, for their -m=2 explanations, appended to `out`.
void LowerMethodWrappers(const types::Package& pkg,
                         const std::vector<const syntax::ParsedFile*>& files,
                         const std::vector<std::string>& display, const types::Info& info,
                         UnitList* out);

struct PackageCtx {
  const types::Package* pkg = nullptr;       // the package whose syntax and Info these are
  const types::Package* text_pkg = nullptr;  // the package being compiled: texts relative to it
  const types::Info* info = nullptr;
  bool foreign_texts = false;  // LowerOptions::foreign_texts
  const absl::flat_hash_map<const syntax::CallExpr*, LowerOptions::InlinedCall>* inlined_calls =
      nullptr;
  absl::flat_hash_map<const syntax::Expr*, const types::InterfaceConversion*> conv;
  int glob_closgen = 0;
  // Functions of this package marked //go:uintptrescapes (their callers' uintptr(p)
  // arguments keep p alive on the heap).
  absl::flat_hash_set<const types::Object*> uintptrescapes;
  // Where a walk first found the thread's stack used up (base/stack.h); line 0 if never.
  // LowerPackage then fails with that position instead of returning partial units.
  syntax::Pos stack_exhausted_at;
  std::string stack_exhausted_file;
  // Stenciling (ir/stencil.h): the compilation's shapes, and the function that records a
  // shape instantiation the code refers to and returns its symbol (LowerPackage's
  // worklist). Null: generic functions are left unknown callees.
  // -m=2: holes carry gc's notes, and flows record them (LowerOptions::explain).
  bool explain = false;
  // //heapmap:noescape: the lines of each file whose variables it asserts
  // (Lowerer::NoescapeAssertions fills a file's on first use).
  absl::flat_hash_map<const syntax::ParsedFile*, absl::flat_hash_set<uint32_t>> noescape_lines;
  ShapeTable* shapes = nullptr;
  std::function<std::string(const types::Func* origin, const std::vector<types::Type*>& shapes)>
      instantiate;
};

// A shape instantiation of a generic function or method (gc's stencil.go genericSubst).
struct ShapeInstance {
  std::string name;    // F[go.shape.int_0], (*T[go.shape.*uint8_0]).M
  std::string symbol;  // the unit's symbol (unique within the program)
  std::string origin;  // the generic's symbol (FuncSymbol / MethodSymbol)
  std::vector<types::TypeParam*> tparams;
  std::vector<types::Type*> shapes;
};

// gc's name of a shape instantiation of origin (a generic function, or a method of a
// generic type).
std::string ShapeInstanceName(const types::Func* origin, const std::vector<types::Type*>& shapes);
// The type parameters a shape instantiation of origin substitutes: the function's, or the
// method's receiver type parameters.
const std::vector<types::TypeParam*>& InstanceTypeParams(const types::Func* origin);
// Whether f is generic: it has type parameters, or is a method of a generic type.
bool IsGenericFunc(const types::Func* f);

// LowerOptions::texts_vary: while a function is lowered, where to note that a text was
// made that foreign_texts would spell otherwise (null: nobody asks).
extern thread_local bool* tls_text_varies;
inline void NoteTextVaries() {
  if (tls_text_varies != nullptr) *tls_text_varies = true;
}

// The package names gc spells as their quoted path in the texts (LowerOptions::quoted_names),
// for the scope's duration on this thread (GcPkgQualifier reads them).
class QuotedNamesScope {
 public:
  explicit QuotedNamesScope(const std::vector<std::string>* names);
  ~QuotedNamesScope();
  QuotedNamesScope(const QuotedNamesScope&) = delete;
  QuotedNamesScope& operator=(const QuotedNamesScope&) = delete;

 private:
  const std::vector<std::string>* saved_;
};

// One -m=2 explanation note of a hole (gc's note): the node's gc text, why, and where it
// is. Holes share tails: a list, newest first, as gc prints them.
struct NoteNode {
  const NoteNode* next = nullptr;
  std::string where;
  const char* why = "";
  syntax::Pos pos;
};

struct Hole {
  enum Kind { kBlank, kHeap, kLoc };
  Kind kind = kBlank;
  uint32_t loc = 0;
  int derefs = 0;
  const NoteNode* notes = nullptr;  // only when explaining (PackageCtx::explain)
  Hole Deref() const { Hole h = *this; h.derefs++; return h; }
  Hole Addr() const { Hole h = *this; h.derefs--; return h; }
  Hole Shift(int d) const { Hole h = *this; h.derefs += d; return h; }
};

struct VarInfo {
  uint32_t loc = 0;
  int func = 0;
  const syntax::Node* defn = nullptr;  // gc's Name.Defn: the defining statement
  bool reassigned = false;
  bool captured = false;
};

class Lowerer {
 public:
  // The unit is built on `out`'s arena and appended to it (null: a list of its own, for a
  // Lowerer that only asks questions).
  Lowerer(PackageCtx* ctx, const syntax::ParsedFile* file, std::string display,
          UnitList* out = nullptr);
  // False when the thread's stack is nearly used up: every recursive walk of the tree asks
  // before it descends and returns at once on false (the first place is recorded in ctx_).
  bool StackOk(const syntax::Node* at) const;
  // inst: lower the generic fd as this shape instantiation.
  FuncUnit& LowerFunc(const syntax::FuncDecl* fd, const ShapeInstance* inst = nullptr);
  void MarkDeadClosures();
  // The code gc's init runs for one file's package-level variables (staticinit leaves
  // statically initialized data out; what remains is evaluated into the variables).
  FuncUnit& LowerGlobalInit(const syntax::File* ast, const std::string& symbol);
  bool IsStaticInit(const syntax::Expr* e);
  void GlobalValue(Hole k, const syntax::Expr* e);

  // lower.cc: declarations, names, texts.
  void DeclareSignature(int f, const syntax::FuncType* ft, const syntax::Field* recv);
  // //heapmap:noescape: the lines whose variables it asserts (a comment on its own line
  // asserts the next line's, a trailing one its own line's) and the names the function's
  // doc directive lists; MarkNoescape sets Location.assert_noescape from them.
  void NoescapeAssertions(const syntax::FuncDecl* fd);
  void MarkNoescape(uint32_t loc, std::string_view name, syntax::Pos pos);
  const absl::flat_hash_set<uint32_t>* noescape_lines_ = nullptr;  // in ctx_->noescape_lines
  absl::flat_hash_set<std::string> noescape_names_;
  void DeclareBody(int f, syntax::Node* body);
  int DeclareClosure(const syntax::FuncLit* lit);
  uint32_t DeclareVar(int f, const types::Var* v, const syntax::Name* name, LocKind kind,
                      const syntax::Node* defn, const syntax::Pos* at = nullptr);
  std::string Text(const syntax::Node* n) const;
  // The package types are printed relative to: none for foreign texts (all qualified).
  const types::Package* TextPkg() const { return ctx_->foreign_texts ? nullptr : ctx_->text_pkg; }
  // "pkg." before a name declared in package p, as the texts spell it ("" for the compiled
  // package's own, or a null p); importers' copies qualify every package (texts_vary).
  std::string PkgPrefix(const types::Package* p) const;
  std::string ExprText(const syntax::Expr* e) const;
  // gc's exprFmt (ir/fmt.go) over the source tree: binary operators spaced, parentheses
  // from precedence, variadic calls with "... argument...". Falls back to the source text
  // where gc's rewrites are not modelled (method calls, ...).
  std::string GcText(const syntax::Expr* e, int prec = 0) const;
  // lower_body_text.cc: gc's -m=2 text of an inlinable function or literal (ir::InlineBodyTexts).
  std::string InlineBodyText(const syntax::Node* fn);
  void BodyStmtItems(syntax::Span<syntax::Stmt*> list, std::vector<std::string>* out) const;
  void BodyStmtItem(const syntax::Stmt* s, std::vector<std::string>* out) const;
  std::string ExprListText(syntax::Span<syntax::Expr*> list) const;
  // An explicit conversion to the interface type `to` as exprFmt prints it: T(x), or (T)(x)
  // for a type without a name.
  std::string IfaceConvText(types::Type* to, const std::string& operand) const;
  // GcText, with an imported body's implicit conversion of e spelled T(e), as gc prints it.
  std::string GcTextConv(const syntax::Expr* e) const;
  std::string TempListText(int first, int n) const;  // .autotmp_N, .autotmp_N+1, ...
  // GcText of a condition as deadcode.expr leaves it (operands of && and || reduced).
  std::string DeadcodeCondText(const syntax::Expr* e, int prec) const;
  // se's operand and the first n embedded fields of path (the implicit ODOTs); the
  // operand alone is printed at precedence prec.
  std::string GcSelectorBase(const syntax::SelectorExpr* se, const std::vector<int>& path,
                             size_t n, int prec = 8) const;
  std::string MethodExprName(types::Type* recv, std::string_view name) const;
  types::Type* TypeOf(const syntax::Expr* e) const;
  // In a shape instantiation, t with the type parameters replaced by their shapes.
  types::Type* Sh(types::Type* t) const;
  // The shapes of an instantiation's type arguments (getInstantiation: in a shape body,
  // the arguments are shaped first).
  std::vector<types::Type*> ShapesOf(const std::vector<types::Type*>& targs,
                                     const std::vector<types::TypeParam*>& tparams) const;
  // The symbol of the shape instantiation a reference to a generic function (n, with its
  // Info.instances entry) or a call of a generic type's method (f, the instance's method)
  // names; "" when f is not generic or stenciling is off.
  std::string GenericFuncInstance(const syntax::Name* n, const types::Func* f);
  std::string GenericMethodInstance(const types::Func* f);
  const types::TypeAndValue* TV(const syntax::Expr* e) const;
  types::Object* ObjOf(const syntax::Name* n) const;
  VarInfo* VarOf(const syntax::Expr* e);  // a local variable (not a global) named by e
  uint32_t NewAlloc(AllocKind kind, const std::string& text, syntax::Pos pos, types::Type* t);
  uint32_t NewTemp(LocKind kind = LOC_TEMP, bool transient = false);

  // Holes and flows (graph.go).
  Hole LocHole(uint32_t loc) const { return Hole{Hole::kLoc, loc, 0}; }
  Hole HeapHole() const { return Hole{Hole::kHeap, 0, 0}; }
  Hole DiscardHole() const { return Hole{}; }
  void Flow(Hole k, uint32_t src, const char* why = "assign");
  // gc's hole.note / deref / addr with a note: k with (where's gc text, why) in front of its
  // notes when explaining; k itself otherwise (the text is never computed).
  Hole Note(Hole k, const syntax::Node* where, const char* why);
  Hole NoteDeref(Hole k, const syntax::Node* where, const char* why) {
    return Note(k.Deref(), where, why);
  }
  Hole NoteAddr(Hole k, const syntax::Node* where, const char* why) {
    return Note(k.Addr(), where, why);
  }
  Hole NoteText(Hole k, std::string where, const char* why, syntax::Pos pos);
  // The note of the i-th variable of a declaration with values (irgen's `x = v` each, at
  // the name).
  Hole DeclNote(Hole k, const syntax::ValueSpec* vs, size_t i, const char* why);
  // gc's %v of a statement at escape time (the where of assignment and return notes).
  std::string StmtNoteText(const syntax::Node* s) const;
  // stmtFmt's OCASE: "case T1, T2: BODY" (or "default: BODY"), the body as its items.
  std::string CaseClauseText(const syntax::CaseClause* cc) const;
  Hole Spill(Hole k, uint32_t loc);
  Hole Tee(const std::vector<Hole>& ks);
  Hole Later(Hole k);

  // lower_expr.cc
  void Expr(Hole k, const syntax::Expr* e);          // applies implicit conversions
  void ExprNoConv(Hole k, const syntax::Expr* e);    // exprSkipInit
  Hole ImplicitConv(Hole k, const syntax::Expr* e);
  void CompositeLitExpr(Hole k, const syntax::CompositeLit* cl);
  void SliceExprOf(Hole k, const syntax::SliceExpr* sl);
  void BinaryExprOf(Hole k, const syntax::BinaryExpr* bx);
  void CallExprValue(Hole k, const syntax::CallExpr* call);
  Hole PtrLitHole(Hole k, const syntax::UnaryExpr* u);
  void MethodValue(Hole k, const syntax::SelectorExpr* s, const types::SelectionInfo& sel,
                   types::Type* xt);
  void Discard(const syntax::Expr* e) { Expr(DiscardHole(), e); }
  void UnsafeValue(Hole k, const syntax::Expr* e);
  bool IsReflectHeaderDataPtr(const syntax::Expr* e) const;
  void FuncLit(Hole k, const syntax::FuncLit* lit);
  void Selector(Hole k, const syntax::SelectorExpr* s);
  // irgen's base.Pos when it inserts implicit OCONVIFACEs (noder/transform.go), per
  // converted expression of calls, returns and keyed literal elements in body.
  void ComputeConvPositions(syntax::Node* body);
  bool LastExprPos(const syntax::Expr* e, syntax::Pos* pos) const;
  syntax::Pos AssignConvPos(const syntax::Node* stmt) const;
  syntax::Pos StencilConvPos(const syntax::Node* stmt) const;
  void LastUniquePos(const syntax::Node* n, syntax::Pos* pos) const;
  void EmbeddedPath(Hole k, const syntax::Expr* x, types::Type* xt, const std::vector<int>& path,
                    size_t n, const syntax::SelectorExpr* se = nullptr);

  // lower_stmt.cc
  void Stmt(const syntax::Stmt* s);
  void StmtInner(const syntax::Stmt* s);
  void Stmts(syntax::Span<syntax::Stmt*> l);
  // deadcode (gc's deadcode.Func, run before escape analysis).
  bool CondConst(const syntax::Expr* e, bool* v) const;
  void Cond(const syntax::Expr* e);
  bool EndsListAfterConstIf(const syntax::Stmt* s) const;
  // How many of l's statements deadcode.stmts keeps (all up to an EndsListAfterConstIf).
  size_t LiveStmtCount(syntax::Span<syntax::Stmt*> l) const;
  void Block(syntax::Span<syntax::Stmt*> l);
  void FindLabels(syntax::Node* body);
  Hole Dcl(VarInfo* v);

  // lower_assign.cc
  Hole AddrOf(const syntax::Expr* lhs);
  void AssignList(const std::vector<const syntax::Expr*>& dsts,
                  const std::vector<const syntax::Expr*>& srcs, const syntax::Node* where);
  void MultiValueThroughTemps(const std::vector<Hole>& ks,
                              const std::vector<types::Type*>& dst_types,
                              const syntax::CallExpr* call, int first, syntax::Pos conv_pos);
  void AssignHoles(const std::vector<Hole>& ks, const std::vector<const syntax::Expr*>& srcs,
                   const std::vector<const syntax::Expr*>& dsts);
  void Reassigned(const std::vector<Hole>& ks, const syntax::Node* where);
  // escape/utils.go isSelfAssign and its helpers (ir.SameSafeExpr, mayAffectMemory).
  struct FieldSel {
    const syntax::SelectorExpr* sel = nullptr;
    const std::vector<int>* index = nullptr;
    bool ptr = false;  // the last step goes through a pointer (ODOTPTR)
  };
  bool FieldStep(const syntax::Expr* e, FieldSel* out) const;
  bool IsConstantExpr(const syntax::Expr* e) const;
  bool IsNilExpr(const syntax::Expr* e) const;
  bool SameSafeExpr(const syntax::Expr* l, const syntax::Expr* r) const;
  bool MayAffectMemory(const syntax::Expr* n) const;
  bool IsSliceSelfAssign(const syntax::Expr* dst, const syntax::Expr* src) const;
  bool IsSelfAssign(const syntax::Expr* dst, const syntax::Expr* src) const;
  std::string AssignText(const syntax::Node* where) const;

  // lower_temps.cc: irgen's .autotmp_N numbering (RewriteNonNameCall, RewriteMultiValueCall).
  void NumberTemps(const syntax::FuncType* sig, const syntax::Field* recv,
                   const syntax::BlockStmt* body);
  void TempStmts(syntax::Span<syntax::Stmt*> l, int* n);
  void TempStmt(const syntax::Stmt* s, int* n);
  void TempExpr(const syntax::Expr* e, int* n);
  bool AnyCallOrChan(const syntax::Expr* e) const;

  // lower_call.cc
  // ks == nullptr: call statement (gc's ks == nil). Returns false if e is not a call.
  void Call(const std::vector<Hole>* ks, const syntax::CallExpr* call);
  void CallCommon(const std::vector<Hole>* ks, const syntax::CallExpr* call, bool is_go,
                  bool is_defer, const Hole* wrapper);
  // What a call calls, after ir.StaticValue and devirtualization.
  struct CallTarget {
    CallKind kind = CALL_DYNAMIC;
    std::string callee;                         // the static callee's symbol
    const syntax::Expr* sv = nullptr;           // ir.StaticValue of the function expression
    const syntax::Expr* recv = nullptr;         // a method call's receiver
    const types::SelectionInfo* sel = nullptr;  // a method value or expression
    bool method_expr = false;
    types::Type* devirt_type = nullptr;         // devirtualize.Call: the concrete type
    const types::Func* devirt_method = nullptr;
    std::vector<int> partial_path;              // partial devirtualization: embedded fields
    bool uintptr_escapes = false;               // the callee is //go:uintptrescapes
  };
  // A call's arguments as they are lowered: their slots, in order.
  struct CallArgs {
    const syntax::CallExpr* call = nullptr;
    const Hole* wrapper = nullptr;  // a go/defer wrapper closure's hole
    bool uintptr_escapes = false;
    bool inlined = false;           // -m=2: the inliner expands the call
    std::string inline_assign;      // its parameter assignment's text
    std::vector<uint32_t> slots;
  };
  void ResolveCallTarget(const syntax::CallExpr* call, CallTarget* t);
  void CallFunValue(const syntax::CallExpr* call, const CallTarget& t, const Hole* wrapper);
  std::string InlineAssignText(const syntax::CallExpr* call, const CallTarget& t,
                               const types::Signature* sig);
  void ArgInto(CallArgs* args, const syntax::Expr* e, types::Type* pt,
               absl::FunctionRef<void(Hole)> eval, bool wrap = true);
  Hole ArgNote(const CallArgs& args, Hole k);
  void CallReceiver(CallArgs* args, const CallTarget& t, const types::Signature* sig);
  Hole ReceiverAddrDeref(Hole k, const types::SelectionInfo& sel, const syntax::Expr* recv,
                         const syntax::SelectorExpr* rs, const std::vector<int>& path);
  void CallParams(CallArgs* args, const types::Signature* sig);
  void CallMultiValueArg(CallArgs* args, const types::Signature* sig,
                         const syntax::CallExpr* inner);
  void CallVariadicArgs(CallArgs* args, types::Type* pt, int first);
  bool CallWrappedSliceLitArg(CallArgs* args, types::Type* pt, const syntax::Expr* a,
                              const syntax::CompositeLit* sl);
  void AddCallTo(const std::vector<Hole>* ks, const syntax::CallExpr* call, const CallTarget& t,
                 const types::Signature* sig, const std::vector<uint32_t>& slots, bool is_go,
                 bool is_defer);
  // go/defer wrappers (rewriteArgument): whether the argument e (for a parameter of type
  // param) is copied into the wrapper's context, and the copy itself: a temporary that
  // the wrapper closure clo captures and that is passed on to k.
  bool WrapsArgument(const syntax::Expr* e, types::Type* param) const;
  // rewriteArgument's unsafeUintptr for a //go:uintptrescapes callee: uintptr(p) with p an
  // unsafe.Pointer is copied to a temporary that flows to the heap. False if e is not
  // such an argument.
  bool UintptrEscapesArg(const syntax::Expr* e);
  // The builtin a call's function expression names (len, unsafe.Sizeof, ...), or nullptr.
  const types::Builtin* BuiltinCallee(const syntax::Expr* fun) const;
  // ir.StaticValue's callee: a function literal, function name, qualified function or
  // concrete method expression gives CALL_CLOSURE / CALL_STATIC and its symbol.
  CallKind StaticCallee(const syntax::Expr* e, std::string* callee);
  const types::Func* Devirtualize(const syntax::CallExpr* call, const syntax::SelectorExpr* s,
                                  types::Type** type, std::vector<int>* partial_path);
  // ir.StaticValue / ir.reassigned / ir.OuterValue (callee resolution through locals).
  const syntax::Expr* OuterValue(const syntax::Expr* e) const;
  void ComputeStaticReassigned(syntax::Node* body);
  const syntax::Expr* StaticValue(const syntax::Expr* e);
  void WrapArgument(Hole clo, Hole k, types::Type* t, const syntax::Expr* e,
                    const std::function<void(Hole)>& eval);
  bool BodyHasInlinedCalls(const syntax::BlockStmt* body);
  bool GoDeferWraps(const syntax::CallExpr* call) const;
  absl::flat_hash_map<const syntax::BlockStmt*, bool> has_inlined_calls_;
  void Conversion(Hole k, const syntax::CallExpr* call);
  void Builtin(const std::vector<Hole>* ks, const syntax::CallExpr* call, types::BuiltinId id);
  void GoDefer(const syntax::CallStmt* s);
  bool IsConversion(const syntax::CallExpr* call) const;
  int NumResults(const syntax::CallExpr* call) const;

  PackageCtx* ctx_;
  const syntax::ParsedFile* file_;
  UnitBuilder b_;
  int cur_ = 0;
  // The body being lowered (cur_'s), for the numbering of escape's own temporaries.
  const syntax::BlockStmt* cur_body_ = nullptr;
  // irgen's len(curfn.Dcl) per function body (NumberTemps), and the temporaries escape
  // analysis has added to it so far (copyExpr: .autotmp_N, N = len(curfn.Dcl)).
  absl::flat_hash_map<const syntax::BlockStmt*, int> dcl_count_;
  absl::flat_hash_map<const syntax::BlockStmt*, int> escape_temps_;
  // The go/defer call being wrapped: its wrapper closure's location, and the expressions
  // copied to temporaries the wrapper captures (rewriteArgument), by their names. Notes
  // that print the call are patched once all are known (kGoDeferCallText).
  static constexpr const char* kGoDeferCallText = "\x02go/defer call\x02";
  const syntax::CallExpr* go_defer_call_ = nullptr;
  uint32_t go_defer_clo_ = 0;
  // The receiver being wrapped, when the method call addresses or dereferences it (or
  // reaches it through embedded fields): gc's copy is that implicit expression, at the
  // method selector, printed so.
  const syntax::Expr* wrap_recv_ = nullptr;
  syntax::Pos wrap_recv_pos_;
  std::string wrap_recv_text_;
  // Where rewriteArgument visits an element of a slice literal argument: the literal.
  const syntax::Expr* wrap_slice_lit_ = nullptr;
  absl::flat_hash_map<const syntax::Expr*, std::string> wrapped_names_;
  // GcText of a call renders these expressions as these names (the go/defer call's text).
  const absl::flat_hash_map<const syntax::Expr*, std::string>* render_as_ = nullptr;
  const std::string* RenderedAs(const syntax::Expr* e) const {
    if (render_as_ == nullptr) return nullptr;
    auto it = render_as_->find(e);
    return it == render_as_->end() ? nullptr : &it->second;
  }
  int loop_depth_ = 1;
  absl::flat_hash_map<const types::Var*, VarInfo> vars_;
  // syntax::Unparen, remembered for every parenthesis on the way: Expr asks at each level
  // of n nested parentheses, which would otherwise cost n^2.
  const syntax::Expr* UnparenMemo(const syntax::Expr* e);
  absl::flat_hash_map<const syntax::Expr*, const syntax::Expr*> unparen_;
  // The variable of each declared location (Reassigned looks holes up by location).
  absl::flat_hash_map<uint32_t, const types::Var*> var_of_loc_;
  void RecordVar(const types::Var* v, const VarInfo& vi) {
    vars_[v] = vi;
    var_of_loc_[vi.loc] = v;
  }
  absl::flat_hash_map<const syntax::FuncLit*, int> lit_func_;
  absl::flat_hash_set<const syntax::FuncLit*> lowered_lits_;  // reached by the walk
  absl::flat_hash_set<const types::Var*> static_reassigned_;  // ir.reassigned locals
  // Calls whose receiver (or callee) irgen copies to .autotmp_N: N.
  absl::flat_hash_map<const syntax::CallExpr*, int> call_temp_;
  // Multi-value assignments and returns whose results go through temporaries: the first N.
  absl::flat_hash_map<const syntax::Node*, int> assign_temp_;
  // The signature of the function being lowered (cur_).
  std::vector<types::Signature*> sigs_;
  types::Signature* CurSignature() const {
    return cur_ < static_cast<int>(sigs_.size()) ? sigs_[cur_] : nullptr;
  }
  absl::flat_hash_map<const syntax::Node*, std::vector<const types::Var*>> lit_captures_;
  // Where each captured variable is first referenced in the literal (gc's closure variable).
  absl::flat_hash_map<const syntax::Node*, std::vector<syntax::Pos>> lit_capture_pos_;
  std::vector<std::vector<uint32_t>> results_;  // per func: result locations (kNoSlot: none)
  std::vector<int> closgen_;                    // per func: closures named so far
  absl::flat_hash_map<const syntax::LabeledStmt*, bool> looping_;
  std::string top_name_;
  absl::flat_hash_map<const syntax::Expr*, syntax::Pos> conv_pos_;
  const syntax::Node* cur_stmt_ = nullptr;
  // GcText is rendering an operand of a string concatenation (OADDSTR lists them).
  mutable bool addstr_operand_ = false;
  // GcText: e is an operand of a constant expression, printed as its syntax (parentheses
  // kept); irgen drops the parentheses around a whole expression (unparen).
  mutable bool const_operand_ = false;
  // GcText prints calls as irgen left them, before escape analysis's FixVariadicCall
  // (InlineBodyTexts).
  bool body_text_ = false;
  std::deque<NoteNode> notes_;  // the notes of this unit's holes (stable addresses)
  bool generic_ = false;  // lowering a shape instantiation
  std::vector<types::TypeParam*> tparams_;  // its type parameters
  std::vector<types::Type*> shape_args_;    // and their shapes
  // TV with Sh applied, per expression (lowering reads types through TV/TypeOf).
  mutable absl::node_hash_map<const syntax::Expr*, types::TypeAndValue> shaped_tv_;
  TVCache tv_cache_;
  // Closures' symbols: the package path before the name, and what follows it (shape
  // instantiations of other packages' generics are made unique per compiled package).
  std::string sym_path_;
  std::string sym_suffix_;
  bool global_init_ = false;  // lowering the package initializer (LowerGlobalInit)
  bool static_data_ = false;  // statically initialized data: its allocations are silent
};

}  // namespace heapmap::ir::lower

#endif  // HEAPMAP_IR_LOWER_INTERNAL_H_
