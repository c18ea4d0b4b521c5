// frontend/types/checker_impl.h — the Checker class shared by the checker's .cc files (private).
//
// One Checker checks one package (types2's Checker). Method names follow types2 so that
// the Go source can be read side by side: collectObjects (resolver.cc), objDecl & co
// (decl.cc), typInternal (typexpr.cc), exprInternal (expr.cc), callExpr and builtins
// (call.cc), stmt (stmt.cc), infer/unify/instantiate (infer.cc).
#ifndef HEAPMAP_FRONTEND_TYPES_CHECKER_IMPL_H_
#define HEAPMAP_FRONTEND_TYPES_CHECKER_IMPL_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "base/stack.h"
#include "frontend/syntax/ast.h"
#include "frontend/types/checker.h"
#include "frontend/types/constant.h"
#include "frontend/types/context.h"
#include "frontend/types/lookup.h"
#include "frontend/types/object.h"
#include "frontend/types/package.h"
#include "frontend/types/predicates.h"
#include "frontend/types/scope.h"
#include "frontend/types/sizes.h"
#include "frontend/types/type.h"
#include "frontend/types/typeset.h"
#include "frontend/types/typestring.h"
#include "frontend/types/universe.h"

namespace heapmap::types {

namespace syn = ::heapmap::syntax;

// String concatenation that accepts std::string_view (absl::StrCat does not here:
// Debian's Abseil has its own string_view type).
namespace internal_cat {
inline void Append(std::string* out, std::string_view v) { out->append(v); }
inline void Append(std::string* out, const std::string& v) { out->append(v); }
inline void Append(std::string* out, const char* v) { out->append(v); }
inline void Append(std::string* out, char c) { out->push_back(c); }
template <typename T>
  requires std::is_arithmetic_v<T>
inline void Append(std::string* out, T v) {
  out->append(std::to_string(v));
}
}  // namespace internal_cat
template <typename... Args>
std::string Cat(const Args&... args) {
  std::string s;
  (internal_cat::Append(&s, args), ...);
  return s;
}

// An operand: an expression being checked (types2 operand).
struct Operand {
  Mode mode = Mode::kInvalid;
  syn::Expr* expr = nullptr;
  Type* type = nullptr;
  constant::Value val;
  BuiltinId id = BuiltinId::kCount;

  bool Invalid() const { return mode == Mode::kInvalid; }
  bool IsNil() const { return mode == Mode::kNil; }
  void SetConst(BasicKind k, constant::Value v) {
    mode = Mode::kConstant;
    type = Typ(k);
    val = std::move(v);
  }
};

// What the checker knows about a package-level object (types2 declInfo).
struct DeclInfo {
  Scope* file_scope = nullptr;
  int file = -1;
  std::vector<Var*> lhs;  // for `var a, b = f()`: all of a, b
  syn::Expr* vtyp = nullptr;
  syn::Expr* init = nullptr;
  bool inherited = false;  // init/vtyp inherited from a previous const spec
  uint32_t iota = 0;
  syn::TypeSpec* tdecl = nullptr;
  syn::FuncDecl* fdecl = nullptr;
  absl::flat_hash_set<Object*> deps;
};

// Per-expression state for untyped expressions (types2 exprInfo).
struct ExprInfo {
  bool is_lhs = false;
  Mode mode = Mode::kInvalid;
  Basic* type = nullptr;
  constant::Value val;
};

// The context in which an expression or statement is checked (types2 environment).
struct Environment {
  DeclInfo* decl = nullptr;
  Scope* scope = nullptr;
  syn::Pos pos;                 // if known, identifiers are looked up as if at pos
  bool has_iota = false;
  constant::Value iota;
  Object* errpos = nullptr;
  bool in_tparam_list = false;
  Signature* sig = nullptr;
  bool has_label = false;
  bool has_call_or_recv = false;
  int file = -1;
};

// Statement context flags (types2 stmtContext).
enum StmtContext : uint32_t {
  kBreakOk = 1 << 0,
  kContinueOk = 1 << 1,
  kFallthroughOk = 1 << 2,
  kFinalSwitchCase = 1 << 3,
  kInTypeSwitch = 1 << 4,
};

class Checker {
 public:
  Checker(const CheckConfig& config, Package* pkg,
          const std::vector<const syn::ParsedFile*>& files, Info* info,
          std::vector<TypeError>* errors);
  void CheckFiles();

  // --- errors (check.cc)
  syn::Pos StartPos(const syn::Node* n) const;
  void ErrorAt(syn::Pos pos, std::string msg, bool soft = false);
  void Error(const syn::Node* at, std::string msg) { ErrorAt(StartPos(at), std::move(msg)); }
  void SoftError(const syn::Node* at, std::string msg) { ErrorAt(StartPos(at), std::move(msg), true); }
  void InvalidOp(const Operand& x, std::string msg);
  std::string TS(Type* t);           // type string for messages
  std::string OS(const Operand& x);  // operand string for messages
  std::string ExprStr(const syn::Expr* e);
  std::string ObjStr(Object* obj);
  // False when the thread's stack is nearly used up (base/stack.h): the recursive walks
  // (expressions, statements, types) stop there instead of overflowing. The first time,
  // reports one error at `at`; everything under it is then invalid, which silences
  // follow-on errors.
  bool StackOk(const syn::Node* at);

  // --- recording (check.cc)
  void RecordTypeAndValue(syn::Expr* x, Mode mode, Type* type, const constant::Value& val);
  void RecordBuiltinType(syn::Expr* f, Signature* sig);
  void RecordCommaOkTypes(syn::Expr* x, Type* t0, Type* t1);
  void RecordDef(syn::Name* id, Object* obj);
  void RecordUse(syn::Name* id, Object* obj);
  void RecordImplicit(const syn::Node* n, Object* obj);
  void RecordSelection(syn::SelectorExpr* x, SelectionInfo sel);
  void RecordScope(const syn::Node* n, Scope* s);
  void RecordInstance(syn::Expr* x, const std::vector<Type*>& targs, Type* typ);
  void RecordConversion(syn::Expr* x, Type* from, Type* to, ConvContext ctx);
  void RememberUntyped(syn::Expr* e, bool lhs, Mode mode, Basic* typ, const constant::Value& val);
  void RecordUntyped();
  void Later(std::function<void()> f) { delayed_.push_back(std::move(f)); }
  void ProcessDelayed(size_t top);

  // --- resolver (resolver.cc)
  void InitFiles();
  void CollectObjects();
  void PackageObjects();
  void UnusedImports();
  void Declare(Scope* scope, syn::Name* id, Object* obj, syn::Pos scope_pos);
  void DeclarePkgObj(syn::Name* id, Object* obj, DeclInfo* d);
  Package* ImportPackage(syn::BasicLit* path_lit, std::string* path_out);
  std::pair<bool, TypeName*> ResolveBaseTypeName(bool seen_ptr, syn::Expr* typ,
                                                 Scope* file_scope);

  // --- declarations (decl.cc)
  void ObjDecl(Object* obj, Named* def);
  bool ValidCycle(Object* obj);
  void CycleError(const std::vector<Object*>& cycle);
  void ConstDecl(Const* obj, syn::Expr* typ, syn::Expr* init, bool inherited);
  void VarDecl(Var* obj, const std::vector<Var*>& lhs, syn::Expr* typ, syn::Expr* init);
  void TypeDecl(TypeName* obj, syn::TypeSpec* tdecl, Named* def);
  void CollectTypeParams(std::vector<TypeParam*>* dst, const syn::Span<syn::Field*>& list);
  Type* BoundType(syn::Expr* x);
  TypeParam* DeclareTypeParam(syn::Name* name);
  void CollectMethods(TypeName* obj);
  void FuncDecl(Func* obj, DeclInfo* decl);
  void DeclStmt(syn::GenDecl* d);

  // --- type expressions (typexpr.cc)
  void Ident(Operand* x, syn::Name* e, Named* def, bool want_type);
  Type* Typ(syn::Expr* e) { return DefinedType(e, nullptr); }
  Type* VarType(syn::Expr* e);
  Type* VarTypeInternal(syn::Expr* e);
  Type* DefinedType(syn::Expr* e, Named* def);
  Type* GenericType(syn::Expr* e, bool report_err);
  Type* TypInternal(syn::Expr* e, Named* def);
  Type* InstantiatedType(syn::Expr* x, const syn::Span<syn::Expr*>& xlist, Named* def);
  int64_t ArrayLength(syn::Expr* e);
  std::vector<Type*> TypeList(const syn::Span<syn::Expr*>& list);
  void FuncType(Signature* sig, syn::Field* recv, const syn::Span<syn::Field*>& tparams,
                syn::FuncType* ftyp);
  std::pair<std::vector<Var*>, bool> CollectParams(Scope* scope, const syn::Span<syn::Field*>& list,
                                                   bool variadic_ok, VarKind kind);
  Type* StructType(syn::StructType* e);
  Type* InterfaceType(Interface* ityp, syn::InterfaceType* e, Named* def);
  Type* UnionType(syn::Expr* e);
  void ValidType(Named* typ);
  bool ValidVarType(syn::Expr* e, Type* typ);
  void CheckFieldUniqueness(Struct* s, syn::StructType* e);

  // --- expressions (expr.cc)
  void RawExpr(Operand* x, syn::Expr* e, Type* hint, bool allow_generic);
  void ExprInternal(Operand* x, syn::Expr* e, Type* hint);
  void Expr(Operand* x, syn::Expr* e);
  void GenericExpr(Operand* x, syn::Expr* e);
  void MultiExpr(std::vector<Operand>* list, syn::Expr* e, bool allow_comma_ok, bool* comma_ok);
  void ExprWithHint(Operand* x, syn::Expr* e, Type* hint);
  void ExprOrType(Operand* x, syn::Expr* e, bool allow_generic);
  void Exclude(Operand* x, uint32_t modeset);
  void SingleValue(Operand* x);
  void Unary(Operand* x, syn::UnaryExpr* e);
  void Binary(Operand* x, syn::Expr* e, syn::Expr* lhs, syn::Expr* rhs, syn::Operator op);
  void Shift(Operand* x, Operand* y, syn::Expr* e, syn::Operator op);
  void Comparison(Operand* x, Operand* y, syn::Operator op, bool switch_case);
  void MatchTypes(Operand* x, Operand* y);
  void Overflow(Operand* x, syn::Pos op_pos);
  void Representable(Operand* x, Basic* typ);
  bool RepresentableValue(Operand* x, Basic* typ, constant::Value* rounded, std::string* why);
  void ConvertUntyped(Operand* x, Type* target);
  Type* ImplicitTypeAndValue(Operand* x, Type* target, constant::Value* val, std::string* err);
  void UpdateExprType(syn::Expr* x, Type* typ, bool final_);
  void UpdateExprVal(syn::Expr* x, const constant::Value& val);
  bool OpPredicate(Operand* x, syn::Operator op, bool binary);
  void IndexExpr(Operand* x, syn::IndexExpr* e, bool* is_funcinst);
  void SliceExpr(Operand* x, syn::SliceExpr* e);
  bool IsValidIndex(Operand* x, const char* what, bool allow_negative);
  Type* SingleIndex(syn::IndexExpr* e);
  int64_t Index(syn::Expr* index, int64_t max, Operand* out = nullptr);
  int64_t IndexedElts(const syn::Span<syn::Expr*>& elts, Type* typ, int64_t length, bool is_slice);
  void CompositeLit(Operand* x, syn::CompositeLit* e, Type* hint);
  void TypeAssertion(syn::Expr* e, Operand* x, Type* T, bool type_switch);
  void FuncLit(Operand* x, syn::FuncLit* e);

  // --- operands (operand.cc)
  bool AssignableTo(Operand* x, Type* T, std::string* cause);
  bool ConvertibleTo(Operand* x, Type* T, std::string* cause);
  void Conversion(Operand* x, Type* T);
  void Assignment(Operand* x, Type* T, ConvContext ctx, const char* context);
  bool Implements(Type* V, Type* T, std::string* cause);
  bool Satisfies(Type* V, Type* T, std::string* cause) { return Implements(V, T, cause); }
  std::string MissingMethodReason(Type* V, Type* T, const MissingMethodResult& m);

  // --- calls, selectors, builtins (call.cc)
  Mode CallExpr(Operand* x, syn::CallExpr* call);
  void Arguments(syn::CallExpr* call, Signature* sig, std::vector<Type*> targs,
                 std::vector<Operand>& args, const std::vector<syn::Expr*>& xlist,
                 Signature** rsig);
  void GenericExprList(const syn::Span<syn::Expr*>& elist, std::vector<Operand>* out);
  void FuncInst(Operand* x, syn::IndexExpr* inst);
  Signature* InstantiateSignature(syn::Expr* at, Signature* typ, const std::vector<Type*>& targs);
  void Selector(Operand* x, syn::SelectorExpr* e, Named* def, bool want_type);
  bool Builtin(Operand* x, syn::CallExpr* call, BuiltinId id);
  void Use(const syn::Span<syn::Expr*>& args);
  void UseExpr(syn::Expr* e);
  void UseLHS(const syn::Span<syn::Expr*>& args);

  // --- statements (stmt.cc)
  void FuncBody(DeclInfo* decl, const std::string& name, Signature* sig, syn::BlockStmt* body,
                const constant::Value* iota);
  void Usage(Scope* scope);
  void OpenScope(const syn::Node* n, const char* comment);
  // A statement's scope (block, if, for, range, switch, case): Scope::set_statement_scope.
  void OpenStatementScope(const syn::Node* n, const char* comment);
  void CloseScope();
  void StmtList(uint32_t ctxt, const syn::Span<syn::Stmt*>& list);
  void Stmt(uint32_t ctxt, syn::Stmt* s);
  void StmtInternal(uint32_t ctxt, syn::Stmt* s);
  void EnsureMethods(Type* t, int depth = 0);
  void SimpleStmt(syn::Stmt* s) {
    if (s != nullptr) Stmt(0, s);
  }
  void AssignStmt(syn::AssignStmt* s);
  void ReturnStmt(syn::ReturnStmt* s);
  void SwitchStmt(uint32_t ctxt, syn::SwitchStmt* s);
  void TypeSwitchStmt(uint32_t ctxt, syn::SwitchStmt* s);
  void RangeStmt(uint32_t ctxt, syn::RangeStmt* s);
  void SelectStmt(uint32_t ctxt, syn::SelectStmt* s);
  void Labels(syn::BlockStmt* body);
  bool IsTerminating(syn::Stmt* s, std::string_view label);
  bool IsTerminatingList(const syn::Span<syn::Stmt*>& list, std::string_view label);
  bool IsTerminatingSwitch(const syn::Span<syn::CaseClause*>& body, std::string_view label);

  // --- assignments (assign.cc)
  Type* LhsVar(syn::Expr* lhs);
  Type* AssignVar(syn::Expr* lhs, syn::Expr* rhs_expr, Operand* x);
  void InitVar(Var* lhs, Operand* x, const char* context);
  void InitConst(Const* lhs, Operand* x);
  void InitVars(const std::vector<Var*>& lhs, const std::vector<syn::Expr*>& orig_rhs,
                syn::Stmt* return_stmt);
  void AssignVars(const syn::Span<syn::Expr*>& lhs, const syn::Span<syn::Expr*>& orig_rhs);
  void ShortVarDecl(syn::Node* pos, const syn::Span<syn::Expr*>& lhs,
                    const syn::Span<syn::Expr*>& rhs);
  void AssignError(size_t nrhs, size_t nlhs, syn::Node* at, bool returnStmt);
  void UseLHSVars(const syn::Span<syn::Expr*>& lhs);

  // --- generics (infer.cc)
  std::vector<Type*> Infer(syn::Node* pos, const std::vector<TypeParam*>& tparams,
                           std::vector<Type*> targs, Tuple* params, std::vector<Operand>* args,
                           bool report);
  Type* Instantiate(syn::Node* pos, Type* orig, const std::vector<Type*>& targs, bool verify);
  bool VerifyInstance(syn::Node* pos, const std::vector<TypeParam*>& tparams,
                      const std::vector<Type*>& targs);
  Type* Subst(Type* t, const std::vector<TypeParam*>& tparams, const std::vector<Type*>& targs);

  // --- helpers
  Arena& arena() { return pkg_->arena(); }
  template <typename T, typename... Args>
  T* New(Args&&... args) {
    return pkg_->arena().New<T>(std::forward<Args>(args)...);
  }
  Type* Invalid() { return types::Typ(BasicKind::kInvalid); }
  Tuple* NewTuple(std::vector<Var*> vars) {
    if (vars.empty()) return nullptr;
    return New<Tuple>(std::move(vars));
  }
  int64_t WordSize() const { return 8; }
  syn::Pos NodePos(const syn::Node* n) const { return n == nullptr ? syn::Pos{} : n->pos; }
  bool AllowVersion(int minor) const { return config_.go_minor >= minor; }
  Object* LookupName(std::string_view name);

  // state
  CheckConfig config_;
  Package* pkg_;
  std::vector<const syn::ParsedFile*> files_;
  Info* info_;
  std::vector<TypeError>* errors_;
  const Sizes* sizes_;
  Context* ctxt_;

  absl::flat_hash_map<Object*, DeclInfo*> obj_map_;
  std::vector<std::unique_ptr<DeclInfo>> decl_infos_;
  std::vector<Object*> obj_list_;  // package-level objects in source order
  std::vector<Scope*> file_scopes_;
  absl::flat_hash_map<Scope*, std::vector<PkgName*>> dot_imports_;
  // Blank receiver type parameters (func (l *List[_]) M()): never declared, so the
  // receiver's type expression resolves each `_` here (types2 recvTParamMap).
  absl::flat_hash_map<const syn::Name*, TypeParam*> recv_tparam_map_;
  absl::flat_hash_map<std::string, Package*> imp_map_;
  std::vector<PkgName*> pkg_names_;
  absl::flat_hash_map<const syn::Expr*, ExprInfo> untyped_;
  std::vector<std::function<void()>> delayed_;
  std::vector<Object*> obj_path_;
  std::vector<Named*> named_types_;  // declared in this package, for validType
  absl::flat_hash_set<Type*> valid_types_done_;
  absl::flat_hash_map<Scope*, std::vector<Func*>> methods_by_base_;  // unused
  absl::flat_hash_map<TypeName*, std::vector<Func*>> methods_;
  absl::flat_hash_set<const syn::Expr*> allowed_generic_;
  Environment env_;
  ExprKind call_kind_ = ExprKind::kExpression;  // of the last call checked
  bool first_err_ = true;
  int err_count_ = 0;
  bool stack_error_reported_ = false;
};

// Small helpers.
inline bool IsBlank(std::string_view s) { return s == "_"; }
inline Basic* AsBasic(Type* t) { return DynCast<Basic>(t); }
inline bool IsTypedNil(Type* t) { return false; }
bool HasNilType(Type* t);
std::string OperandModeString(Mode m);
constant::Op ConstOp(syn::Operator op);
bool IsComparison(syn::Operator op);
bool IsShift(syn::Operator op);

}  // namespace heapmap::types

#endif  // HEAPMAP_FRONTEND_TYPES_CHECKER_IMPL_H_
