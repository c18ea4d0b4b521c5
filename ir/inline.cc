// ir/inline.cc — gc 1.19's inliner decisions (inl.go) over heapmap's typed AST.
//
// The package is processed as gc's InlinePackage does: functions in bottom-up order of the
// reference graph (ir.VisitFuncsBottomUp), and for each function of a component CanInline
// (unless it is a lone self-recursive function) then InlineCalls. CanInline runs the
// "hairy visitor" (CostWalker) over the function body as gc's IR would look after irgen,
// typecheck's rewrites and deadcode (in most functions the reference walk did it already:
// CostWalker::Speculate); InlineCalls replays which calls mkinlcall expands, transitively
// through the callees' own calls (InlineFunc.calls).
#include "ir/inline.h"
#include "ir/stencil.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "base/stack.h"
#include "frontend/syntax/ast_walk.h"
#include "frontend/types/predicates.h"
#include "frontend/types/universe.h"
#include "ir/lower_internal.h"

namespace heapmap::ir {
namespace {

namespace ty = types;
using syntax::DynCast;
using syntax::NodeKind;

struct IntrinsicKey {
  std::string_view pkg, name;
};
constexpr IntrinsicKey kIntrinsics[] = {
#include "ir/inline_intrinsics.inc"
};

// Asked for every call: a set over the table (its views point at static strings).
bool IsIntrinsic(std::string_view pkg, std::string_view name) {
  using Key = std::pair<std::string_view, std::string_view>;
  static const absl::flat_hash_set<Key>* const set = [] {
    auto* s = new absl::flat_hash_set<Key>();
    for (const IntrinsicKey& k : kIntrinsics) s->insert({k.pkg, k.name});
    return s;
  }();
  return set->contains(Key{pkg, name});
}

struct WalkResult;

// One function as gc's inliner sees it: a declaration, a function literal, or the
// package initializer (pkginit.MakeInit: every package-level variable's assignment).
struct Fn {
  const syntax::FuncDecl* decl = nullptr;
  const syntax::FuncLit* lit = nullptr;
  bool package_init = false;
  int file = 0;
  syntax::Pos pos;
  std::string name;    // as gc prints it in this package: "F", "(*T).M", "F.func1"
  std::string symbol;  // "pkgpath.F"
  Fn* outer = nullptr;  // the enclosing function of a literal
  mutable int closgen = 0;  // literals named so far inside this function (copies too)
  std::vector<Fn*> lits;  // literals directly inside, in source order
  std::string result0;    // InlineFunc.result0
  ty::Type* devirt = nullptr;  // PackageInlining::devirt
  int returns = 0;             // CostWalker::returns
  const syntax::ReturnStmt* last_return = nullptr;
  std::string pragma_reason;  // a //go: directive that forbids inlining
  bool has_body = true;
  bool inlined_in_place = false;  // a literal called where it is written, and inlined
  // A generic function or method, or a literal inside one: compiled per shape
  // instantiation, so its lines are printed per instance (InlineLine::generic_owner).
  bool generic = false;

  // gc's state: InlinabilityChecked, Inl != nil, the recorded cost.
  bool checked = false;
  bool inlinable = false;
  int cost = 0;
  int nodes = 0;  // isBigFunc's count
  std::string reason;
  std::vector<InlineCall> calls;  // InlineFunc.calls
  // InlineFunc.packages (own included); not collected once the cost is past the budget.
  absl::flat_hash_set<const ty::Package*> packages;
  // Per call of a literal's body: the enclosing function's variable it calls, if any.
  // Inlined into that function, the copy calls what the variable holds (inlsubst maps a
  // captured variable to the outer one), which gc may inline too. Same package only.
  std::vector<const ty::Var*> captured;
  uint32_t visit_id = 0;  // bottomUpVisitor
  // CanInline's walk, already done by the reference walk (CostWalker::Speculate).
  std::unique_ptr<WalkResult> walked;
};

// The static value of a function-typed argument: a function's symbol or a literal.
struct FuncValue {
  std::string symbol;
  Fn* closure = nullptr;
};

// A call InlineCalls may expand, in the order inlnode reaches it (arguments first).
struct CallSite {
  syntax::Pos pos;
  int file = 0;
  std::string callee;      // static callee symbol; empty when none
  Fn* closure = nullptr;   // a literal called in place (or through a never-reassigned local)
  bool no_inline = false;  // the call of a go/defer statement
  const syntax::CallExpr* call = nullptr;
  // A call of what another call returns (g()(x), or f(x) after f := g()): when g is
  // inlined and returns a literal, ir.StaticValue sees the literal's copy through the
  // OINLCALL's result variable, and the call is one of it.
  const syntax::CallExpr* via = nullptr;
  // Receiver and arguments in inlParam's order; what an inlined body's call of that
  // parameter calls.
  std::vector<FuncValue> args;
  // In a generic body: an argument has a type parameter's type (a shape once stenciled),
  // and mkinlcall never inlines a function without shape parameters given shape arguments.
  bool shape_args = false;
  // In a generic body, a call of another generic: which instance it calls depends on the
  // instance being compiled (lowering names it); `callee` is the generic's symbol.
  bool generic_callee = false;
  bool callee_shape_params = false;  // the generic's parameters use its type parameters
  std::string callee_name;           // the generic's name as printed (the line's tail)
};

// What a cost walk found (CostWalker::Take).
struct WalkResult {
  int cost = 0;
  int nodes = 0;
  std::string reason;
  std::vector<InlineCall> calls;
  std::vector<const ty::Var*> captured;
  absl::flat_hash_set<const ty::Package*> packages;
  int returns = 0;
  const syntax::ReturnStmt* last_return = nullptr;
  std::vector<CallSite> sites;
  // Charges not in `cost`: a call of a literal (checked on the spot first) or of a
  // function of the package not decided when the walk ran, in walk order.
  std::vector<Fn*> deferred;
};

class Analyzer;

// The hairy visitor (inl.go hairyVisitor.doNode) and isBigFunc's node count over one
// function body, with the node shapes gc's IR has at inlining time. It does not stop at a
// hard reason or at the budget: -m=2 prints the full cost, and the node count and call
// sites are needed even when the function is not inlinable. Only literal bodies are
// skipped past the budget at -m=1 (they count for the cost alone).
class CostWalker {
 public:
  CostWalker(Analyzer* a, Fn* fn) : a_(a), fn_(fn), file_(fn->file) {}
  // The reference walk: collect the functions the (live) body names, in visit order, for
  // bottomUpVisitor (a literal is named, its body's references are its own), and compute
  // the costs too, before the callees are decided. Calls of the package's own functions
  // and literals are charged later (WalkResult::deferred: their inlinability is not known
  // yet, or is decided on the spot), so the walk's costs and call sites are CanInline's
  // (Fn::walked) and that walk is saved; unless, at -m=1, a literal's body comes after
  // such a call (gc's visitor may have stopped before it): then dynamic(), and references
  // only from there on.
  void Speculate(std::vector<Fn*>* refs) {
    refs_ = refs;
    speculative_ = true;
  }
  bool dynamic() const { return dynamic_; }
  // Call sites and isBigFunc's count only (a recursive function: no hairy visitor).
  void SitesOnly() { sites_only_ = true; }

  void Run();
  void PackageInit();
  int cost() const { return cost_; }
  int nodes() const { return nodes_; }
  const std::string& reason() const { return reason_; }
  std::vector<InlineCall>& calls() { return calls_; }
  // The returns of the live body (outside literals), as canDelayResults counts them.
  int returns() const { return returns_; }
  const syntax::ReturnStmt* last_return() const { return last_return_; }
  absl::flat_hash_set<const ty::Package*>& packages() { return packages_; }
  std::vector<const ty::Var*> captured() {
    captured_.resize(calls_.size());
    return captured_;
  }
  std::vector<CallSite>& sites() { return sites_; }
  WalkResult Take() {
    WalkResult r;
    r.cost = cost_;
    r.nodes = nodes_;
    r.reason = std::move(reason_);
    r.captured = captured();
    r.calls = std::move(calls_);
    r.packages = std::move(packages_);
    r.returns = returns_;
    r.last_return = last_return_;
    r.sites = std::move(sites_);
    r.deferred = std::move(deferred_);
    return r;
  }

 private:
  const ty::TypeAndValue* TV(const syntax::Expr* e) const;
  lower::TVCache tv_cache_;
  ty::Type* TypeOf(const syntax::Expr* e) const;
  ty::Object* ObjOf(const syntax::Name* n) const;
  bool IsConst(const syntax::Expr* e) const;
  bool IsType(const syntax::Expr* e) const;
  bool IsNil(const syntax::Expr* e) const;

  // One IR node: cost c (1 unless gc adjusts it), and one node for isBigFunc outside
  // function literals.
  void Node(int c = 1) {
    cost_ += c;
    if (lit_depth_ == 0) nodes_++;
  }
  void Hard(std::string reason) {
    if (reason_.empty()) reason_ = std::move(reason);
  }

  // Statements (noder/stmt.go, then deadcode.Func).
  void Stmts(syntax::Span<syntax::Stmt*> list);
  void StmtList(const std::vector<const syntax::Stmt*>& list);
  void Flatten(syntax::Span<syntax::Stmt*> list, std::vector<const syntax::Stmt*>* out);
  void Stmt(const syntax::Stmt* s);
  void SimpleStmt(const syntax::Stmt* s) {
    if (s != nullptr) Stmt(s);
  }
  void Assign(const syntax::AssignStmt* as);
  void DeclStmt(const syntax::DeclStmt* ds);
  void Decls(int new_names);
  bool IsNewName(const syntax::Expr* e) const;
  void Return(const syntax::ReturnStmt* rs);
  void If(const syntax::IfStmt* is);
  void Switch(const syntax::SwitchStmt* ss);
  bool ConstSwitch(const syntax::SwitchStmt* ss, const syntax::CaseClause** keep,
                   const syntax::Expr** value) const;
  void Select(const syntax::SelectStmt* ss);
  void Range(const syntax::RangeStmt* rs);
  bool FoldConst(const syntax::Expr* e, bool* value) const;
  void Cond(const syntax::Expr* e);
  bool EndsInReturnOrPanic(const std::vector<const syntax::Stmt*>& body) const;

  // Expressions (noder/expr.go, transform.go).
  void Expr(const syntax::Expr* e);
  void Conv(const syntax::Expr* e, ty::Type* dst);  // assignconvfn
  void ExprOrBlank(const syntax::Expr* e);
  void CompositeLit(const syntax::CompositeLit* lit, ty::Type* t);
  void FuncLit(const syntax::FuncLit* lit);
  void Selector(const syntax::SelectorExpr* se);
  void Binary(const syntax::BinaryExpr* be);
  void AddStringList(const syntax::Expr* e);
  void Call(const syntax::CallExpr* call, bool no_inline);
  void Conversion(const syntax::CallExpr* call);
  void Builtin(const syntax::CallExpr* call, ty::BuiltinId id);
  // f(g()) / return g() with a multi-value g: typecheck.RewriteMultiValueCall's
  // temporaries, each converted to its destination type.
  void MultiValue(const syntax::CallExpr* call, const std::vector<ty::Type*>& dsts);
  void Args(const syntax::CallExpr* call, ty::Signature* sig);
  bool CallOrChan(const syntax::Expr* e) const;

  int ConvNodeCost(ty::Type* from, ty::Type* to, bool* node) const;
  bool IsAddrThroughNops(const syntax::Expr* e) const;
  // The callee's cost as the hairy visitor charges an OCALLFUNC (on top of the call node
  // itself), and the call site InlineCalls considers.
  int CallCost(const syntax::CallExpr* call, const syntax::Expr* fun, CallSite* site);

  Analyzer* a_;
  Fn* fn_;
  int cost_ = 0;
  int nodes_ = 1;  // isBigFunc counts the function node itself
  int lit_depth_ = 0;
  int no_inline_depth_ = 0;
  int file_ = 0;  // the file of the statement being walked (the initializer spans files)
  std::string reason_;
  std::vector<InlineCall> calls_;
  absl::flat_hash_set<const ty::Package*> packages_;  // Fn::packages
  void TypePackages(ty::Type* t, int depth = 0);
  std::vector<const ty::Var*> captured_;  // parallel to calls_ (Fn::captured)
  int returns_ = 0;
  const syntax::ReturnStmt* last_return_ = nullptr;
  std::vector<CallSite> sites_;
  // 1 + the index (receiver first) of fn_'s parameter v; 0 if v is not one.
  int ParamIndex(const ty::Var* v) const;
  FuncValue StaticFunc(const syntax::Expr* e) const;
  std::vector<ty::Signature*> sigs_;
  std::vector<Fn*>* refs_ = nullptr;
  bool costs_ = true;  // false: references only
  bool speculative_ = false;
  bool dynamic_ = false;
  // A speculative walk's charges for calls of the package's own functions and literals,
  // in walk order (WalkResult::deferred).
  std::vector<Fn*> deferred_;
  // A speculative walk met a cost it cannot know yet: references only from here on.
  void GoDynamic() {
    dynamic_ = true;
    costs_ = false;
  }
  bool sites_only_ = false;
  std::vector<Fn*> lits_;  // the literals being walked, innermost last
  // The function whose body is being walked: inside a literal its locals are the
  // literal's, and the enclosing function's are captured (never static values).
  const Fn* CurFn() const { return lits_.empty() ? fn_ : lits_.back(); }
  void Ref(const ty::Object* obj);
};

class Analyzer {
 public:
  // An implicit interface conversion applies to e.
  bool Converted(const syntax::Expr* e) const { return conv_.contains(e); }
  Analyzer(const ty::Package& pkg, const std::vector<const syntax::ParsedFile*>& files,
           const ty::Info& info, const InlineOptions& options)
      : pkg_(pkg), files_(files), info_(info), options_(options) {}

  PackageInlining Run();

  const ty::Package& pkg() const { return pkg_; }
  const ty::Info& info() const { return info_; }
  const InlineOptions& options() const { return options_; }
  const std::vector<const syntax::ParsedFile*>& files() const { return files_; }
  bool full_costs() const { return options_.m > 1; }
  Fn* LitFn(const syntax::FuncLit* lit) const {
    auto it = lit_fn_.find(lit);
    return it == lit_fn_.end() ? nullptr : it->second;
  }
  Fn* DeclFn(const ty::Func* f) const {
    auto it = decl_fn_.find(f);
    return it == decl_fn_.end() ? nullptr : it->second;
  }
  // Memoized: the imports' facts do not change while the package is analyzed, and the
  // shared table's lookup takes a lock and a search by package path.
  const InlineFunc* Imported(std::string_view symbol) const {
    if (!options_.imported) return nullptr;
    auto [it, inserted] = imported_memo_.try_emplace(absl::string_view(symbol.data(), symbol.size()));
    if (inserted) it->second = options_.imported(symbol);
    return it->second;
  }
  // A shape instance a call may inline (a generic without shape parameters called from
  // ordinary code, mkinlcall's rule): its symbol as lowering names it (its unit is in the
  // compiled package's lowering), registered with its generic's symbol and printed name.
  std::string InstanceCallee(const ty::Func* origin, const std::vector<ty::Type*>& targs);
  struct Instance {
    std::string origin;  // the generic's symbol
    std::string name;    // F[go.shape.int_0], as this package prints it
  };
  const Instance* FindInstance(std::string_view symbol) const {
    auto it = instances_.find(absl::string_view(symbol.data(), symbol.size()));
    return it == instances_.end() ? nullptr : &it->second;
  }
  // gc's CanInline(fn): decides fn's inlinability once, printing its line.
  void CanInline(Fn* fn);
  // ir.StaticValue through never-reassigned locals of fn's top-level function.
  const syntax::Expr* StaticValue(const syntax::Expr* e, const Fn* fn) const;
  bool Reassigned(const ty::Var* v) const { return reassigned_.contains(v); }
  // v is a local of a function enclosing the literal fn.
  bool DeclaredOutside(const ty::Var* v, const Fn* fn) const {
    auto it = var_fn_.find(v);
    if (it == var_fn_.end()) return false;
    for (const Fn* o = fn->outer; o != nullptr; o = o->outer) {
      if (o == it->second) return true;
    }
    return false;
  }
  // f's link symbol (lower::FuncSymbol / MethodSymbol), built once per function.
  const std::string& Symbol(const ty::Func* f) const;
  bool IsRuntime(const ty::Package* p) const { return p != nullptr && p->path() == "runtime"; }

 private:
  void Collect();
  void NameLits(Fn* outer, syntax::Node* body, int file, bool locals);
  void RecordLocals(syntax::Node* n, const Fn* fn);
  const ty::Var* UsedVar(const syntax::Expr* e) const;
  const ty::Var* OuterVar(const syntax::Expr* e) const;
  void References(Fn* fn, std::vector<Fn*>* out);
  // CanInline's cost walk of fn (the speculative reference walk's when it could do it).
  WalkResult CostWalk(Fn* fn);
  uint32_t Visit(Fn* fn);
  void Component(const std::vector<Fn*>& list, bool recursive);
  void InlineCalls(Fn* fn);
  void WrapperCalls();
  void EarlyWrappers(const syntax::Expr* e, ty::Type* target,
                     absl::flat_hash_set<std::string>* early);
  void WrittenTypes(ty::Type* t, absl::flat_hash_set<std::string>* written);
  void Expand(const CallSite& at, const FuncValue& target, int max_cost, const Fn* cur,
              const std::vector<FuncValue>& args, std::vector<std::string>* stack);
  void ExpandCopy(const CallSite& at, Fn* lit, const std::string& name, int max_cost,
                  const Fn* cur, std::vector<std::string>* stack);
  std::string PrintName(const Fn* local, const InlineFunc* imported);
  void CountNames();
  void BodyPackages();
  ty::Type* DevirtType(const Fn* fn) const;
  bool names_counted_ = false;
  absl::flat_hash_map<std::string, int> name_count_;  // packages gc knows, per name
  void Line(int file, syntax::Pos pos, std::string msg);

  const ty::Package& pkg_;
  const std::vector<const syntax::ParsedFile*>& files_;
  const ty::Info& info_;
  const InlineOptions& options_;

  std::vector<std::unique_ptr<Fn>> fns_;
  std::vector<Fn*> roots_;  // gc's Target.Decls order for VisitFuncsBottomUp
  absl::flat_hash_map<const syntax::FuncLit*, Fn*> lit_fn_;
  absl::flat_hash_map<const ty::Func*, Fn*> decl_fn_;
  absl::flat_hash_map<std::string, Fn*> by_symbol_;
  mutable absl::node_hash_map<const ty::Func*, std::string> symbols_;  // Symbol's memo
  mutable absl::flat_hash_map<std::string, const InlineFunc*> imported_memo_;
  // Per-function costs walkers keep the call sites for InlineCalls.
  absl::flat_hash_map<const Fn*, std::vector<CallSite>> sites_;
  // Locals: the function that declares each, its defining statement's value, and the
  // ir.Reassigned set (any assignment but the definition, or the address taken).
  absl::flat_hash_map<const ty::Var*, const Fn*> var_fn_;
  absl::flat_hash_map<const ty::Var*, const syntax::Expr*> var_value_;
  absl::flat_hash_set<const ty::Var*> reassigned_;
  absl::flat_hash_map<const syntax::Expr*, const ty::InterfaceConversion*> conv_;
  lower::ShapeTable shapes_;
  absl::flat_hash_map<std::string, Instance> instances_;

  uint32_t visitgen_ = 0;
  std::vector<Fn*> stack_;
  std::vector<Fn*> order_;
  PackageInlining out_;
  // -m=2 "can inline" lines (index into out_.lines) and the function whose body text ends them.
  std::vector<std::pair<size_t, const Fn*>> body_texts_;
  // Top-level inlined calls whose callee returns one of its literals: the literal and
  // its copy's name (CallSite::via).
  absl::flat_hash_map<const syntax::CallExpr*, std::pair<Fn*, std::string>> returned_copy_;
};

// ---------------------------------------------------------------------------------------
// CostWalker: type facts.

const ty::TypeAndValue* CostWalker::TV(const syntax::Expr* e) const {
  return tv_cache_.Find(e, [this](const syntax::Expr* x) -> const ty::TypeAndValue* {
    auto it = a_->info().types.find(x);
    return it == a_->info().types.end() ? nullptr : &it->second;
  });
}

ty::Type* CostWalker::TypeOf(const syntax::Expr* e) const {
  const ty::TypeAndValue* tv = TV(syntax::Unparen(e));
  if (tv == nullptr) {
    // A declared name (var x T = v) is not an expression: its object has the type.
    auto* nm = DynCast<syntax::Name>(syntax::Unparen(e));
    ty::Object* obj = nm != nullptr ? ObjOf(nm) : nullptr;
    return obj != nullptr ? obj->type() : nullptr;
  }
  if (auto* tup = ty::DynCast<ty::Tuple>(tv->type);
      tup != nullptr && e->kind != NodeKind::kCallExpr && ty::TupleLen(tup) == 2) {
    return tup->At(0)->type();  // comma-ok forms are recorded as (T, bool)
  }
  return tv->type;
}

ty::Object* CostWalker::ObjOf(const syntax::Name* n) const {
  return lower::ObjectOf(a_->info(), n);
}

bool CostWalker::IsConst(const syntax::Expr* e) const {
  const ty::TypeAndValue* tv = TV(syntax::Unparen(e));
  return tv != nullptr && tv->mode == ty::Mode::kConstant;
}
bool CostWalker::IsType(const syntax::Expr* e) const {
  const ty::TypeAndValue* tv = TV(syntax::Unparen(e));
  return tv != nullptr && tv->mode == ty::Mode::kTypeExpr;
}
// The predeclared nil itself (not T(nil), which is a conversion node of its own).
bool CostWalker::IsNil(const syntax::Expr* e) const {
  auto* nm = DynCast<syntax::Name>(syntax::Unparen(e));
  return nm != nullptr && ty::Isa<ty::Nil>(ObjOf(nm));
}

bool IsIface(ty::Type* t) { return lower::IsInterfaceType(t); }

// The first result's name if it is named and not blank (oldInline's retvars keep it).
std::string Result0(ty::Signature* sig) {
  if (sig == nullptr || sig->results() == nullptr || ty::TupleLen(sig->results()) == 0) return "";
  const std::string& n = sig->results()->At(0)->name();
  return n.empty() || n == "_" ? "" : n;
}

// typecheck.Assignop1: a value converted to an interface type it is not identical to is an
// OCONVIFACE, except between empty interfaces (an OCONVNOP).
bool IsConvIface(ty::Type* from, ty::Type* to) {
  if (!IsIface(to) || ty::Identical(from, to)) return false;
  if (auto* fi = ty::DynCast<ty::Interface>(ty::Under(from))) {
    auto* ti = ty::DynCast<ty::Interface>(ty::Under(to));
    bool empty = fi->NumExplicitMethods() == 0 && fi->NumEmbeddeds() == 0;
    if (empty && ti != nullptr && ty::Identical(fi, ti)) return false;
  }
  return true;
}

// types.SimType on amd64 for numeric kinds: int is int64, uint and uintptr are uint64.
// kInvalid for anything that is not an integer, float or complex type.
ty::BasicKind SimKind(ty::Type* under) {
  auto* b = ty::DynCast<ty::Basic>(under);
  if (b == nullptr || !(b->info() & ty::kIsNumeric) || (b->info() & ty::kIsUntyped)) {
    return ty::BasicKind::kInvalid;
  }
  switch (b->basic_kind()) {
    case ty::BasicKind::kInt:
      return ty::BasicKind::kInt64;
    case ty::BasicKind::kUint:
    case ty::BasicKind::kUintptr:
      return ty::BasicKind::kUint64;
    default:
      return b->basic_kind();
  }
}

// ---------------------------------------------------------------------------------------
// CostWalker: statements.

void CostWalker::Run() {
  const syntax::BlockStmt* body = nullptr;
  ty::Signature* sig = nullptr;
  if (fn_->decl != nullptr) {
    body = fn_->decl->body;
    auto it = a_->info().defs.find(fn_->decl->name);
    if (it != a_->info().defs.end()) {
      if (auto* f = ty::DynCast<ty::Func>(it->second)) sig = f->signature();
    }
  } else if (fn_->lit != nullptr) {
    body = fn_->lit->body;
    sig = ty::DynCast<ty::Signature>(TypeOf(fn_->lit));
  }
  sigs_.push_back(sig);
  if (body != nullptr && !lower::DeadcodeEmptiesBody(body, a_->info())) Stmts(body->stmts);
  if (fn_->package_init) PackageInit();
}

// pkginit.MakeInit's function: every package-level variable's assignment, in 1.19 before
// staticinit has taken the static ones out (it runs after inlining), so big tables count.
void CostWalker::PackageInit() {
  for (size_t i = 0; i < a_->files().size(); i++) {
    file_ = static_cast<int>(i);
    for (const syntax::Decl* d : a_->files()[i]->ast->decls) {
      auto* gd = DynCast<syntax::GenDecl>(d);
      if (gd == nullptr || gd->tok != syntax::Token::kVar) continue;
      for (const syntax::Spec* sp : gd->specs) {
        auto* vs = DynCast<syntax::ValueSpec>(sp);
        if (vs == nullptr) continue;
        if (!vs->values.empty() && vs->values.size() != vs->names.size()) {
          Node();  // OAS2FUNC, OAS2MAPR, ...
          for (const syntax::Name* n : vs->names) ExprOrBlank(n);
          Expr(vs->values[0]);
          continue;
        }
        for (size_t j = 0; j < vs->names.size(); j++) {
          Node();  // OAS (x = nil without a value)
          ExprOrBlank(vs->names[j]);
          if (!vs->values.empty()) {
            Conv(vs->values[j], vs->names[j]->value == "_" ? nullptr : TypeOf(vs->names[j]));
          }
        }
      }
    }
  }
}

// irgen's stmts: block statements, labeled statements and declarations are spliced into
// the enclosing list; empty statements vanish.
void CostWalker::Flatten(syntax::Span<syntax::Stmt*> list, std::vector<const syntax::Stmt*>* out) {
  for (const syntax::Stmt* s : list) {
    while (s != nullptr) {
      if (auto* b = DynCast<syntax::BlockStmt>(s)) {
        Flatten(b->stmts, out);
        s = nullptr;
      } else if (auto* ls = DynCast<syntax::LabeledStmt>(s)) {
        out->push_back(ls);  // OLABEL
        s = ls->stmt;
      } else if (s->kind == NodeKind::kEmptyStmt) {
        s = nullptr;
      } else {
        out->push_back(s);
        s = nullptr;
      }
    }
  }
}

void CostWalker::Stmts(syntax::Span<syntax::Stmt*> list) {
  std::vector<const syntax::Stmt*> flat;
  Flatten(list, &flat);
  StmtList(flat);
}

bool CostWalker::EndsInReturnOrPanic(const std::vector<const syntax::Stmt*>& body) const {
  return !body.empty() && lower::IsReturnOrPanic(body.back(), a_->info());
}

// deadcode.stmts: an if with a constant condition whose live branch ends in return or
// panic cuts the rest of the list (unless a label follows).
void CostWalker::StmtList(const std::vector<const syntax::Stmt*>& list) {
  int last_label = -1;
  for (size_t i = 0; i < list.size(); i++) {
    if (list[i]->kind == NodeKind::kLabeledStmt) last_label = static_cast<int>(i);
  }
  for (size_t i = 0; i < list.size(); i++) {
    Stmt(list[i]);
    if (auto* is = DynCast<syntax::IfStmt>(list[i])) {
      bool v = false;
      if (FoldConst(is->cond, &v) && static_cast<int>(i) > last_label) {
        std::vector<const syntax::Stmt*> live;
        if (v) {
          Flatten(is->then->stmts, &live);
        } else if (is->else_ != nullptr) {
          const syntax::Stmt* e = is->else_;
          if (auto* b = DynCast<syntax::BlockStmt>(e)) {
            Flatten(b->stmts, &live);
          } else {
            live.push_back(e);
          }
        }
        if (EndsInReturnOrPanic(live)) return;
      }
    }
  }
}

void CostWalker::Stmt(const syntax::Stmt* s) {
  if (!base::StackAvailable()) return;
  switch (s->kind) {
    case NodeKind::kLabeledStmt:
      Node();  // OLABEL; the statement follows in the flattened list
      return;
    case NodeKind::kBlockStmt:
      Stmts(static_cast<const syntax::BlockStmt*>(s)->stmts);
      return;
    case NodeKind::kEmptyStmt:
      return;
    case NodeKind::kExprStmt:
      Expr(static_cast<const syntax::ExprStmt*>(s)->x);
      return;
    case NodeKind::kSendStmt: {
      auto* ss = static_cast<const syntax::SendStmt*>(s);
      Node();  // OSEND
      Expr(ss->chan);
      auto* ch = ty::DynCast<ty::Chan>(ty::CoreType(TypeOf(ss->chan)));
      Conv(ss->value, ch ? ch->elem() : nullptr);
      return;
    }
    case NodeKind::kDeclStmt:
      DeclStmt(static_cast<const syntax::DeclStmt*>(s));
      return;
    case NodeKind::kAssignStmt:
      Assign(static_cast<const syntax::AssignStmt*>(s));
      return;
    case NodeKind::kIncDecStmt:
      Node();  // OASOP
      Expr(static_cast<const syntax::IncDecStmt*>(s)->x);
      Node();  // the constant 1
      return;
    case NodeKind::kBranchStmt:
      // OFALL costs nothing (and its children are skipped).
      Node(static_cast<const syntax::BranchStmt*>(s)->tok == syntax::Token::kFallthrough ? 0 : 1);
      return;
    case NodeKind::kCallStmt: {
      auto* cs = static_cast<const syntax::CallStmt*>(s);
      Hard(cs->tok == syntax::Token::kGo ? "unhandled op GO" : "unhandled op DEFER");
      Node();
      no_inline_depth_++;
      Call(cs->call, /*no_inline=*/true);
      no_inline_depth_--;
      return;
    }
    case NodeKind::kReturnStmt:
      Return(static_cast<const syntax::ReturnStmt*>(s));
      return;
    case NodeKind::kIfStmt:
      If(static_cast<const syntax::IfStmt*>(s));
      return;
    case NodeKind::kForStmt: {
      auto* fs = static_cast<const syntax::ForStmt*>(s);
      Node();  // OFOR
      SimpleStmt(fs->init);
      if (fs->cond != nullptr) Expr(fs->cond);
      SimpleStmt(fs->post);
      Stmts(fs->body->stmts);
      return;
    }
    case NodeKind::kRangeStmt:
      Range(static_cast<const syntax::RangeStmt*>(s));
      return;
    case NodeKind::kSwitchStmt:
    case NodeKind::kTypeSwitchStmt:
      Switch(static_cast<const syntax::SwitchStmt*>(s));
      return;
    case NodeKind::kSelectStmt:
      Select(static_cast<const syntax::SelectStmt*>(s));
      return;
    default:
      return;
  }
}

// A name a := declares (initDefn gives it an ODCL); redeclared names and blanks are not.
bool CostWalker::IsNewName(const syntax::Expr* e) const {
  auto* nm = DynCast<syntax::Name>(e);
  if (nm == nullptr || nm->value == "_") return false;
  auto it = a_->info().defs.find(nm);
  return it != a_->info().defs.end() && it->second != nullptr;
}

void CostWalker::Decls(int new_names) {
  for (int i = 0; i < new_names; i++) {
    Node();  // ODCL
    Node();  // its name
  }
}

void CostWalker::Assign(const syntax::AssignStmt* as) {
  if (as->op != syntax::Operator::kNone) {
    Node();  // OASOP
    Expr(as->lhs[0]);
    Expr(as->rhs[0]);
    return;
  }
  int new_names = 0;
  if (as->define) {
    for (const syntax::Expr* l : as->lhs) new_names += IsNewName(l);
  }
  Decls(new_names);
  Node();  // OAS, OAS2, OAS2FUNC, OAS2MAPR, ...
  if (as->lhs.size() == as->rhs.size()) {
    for (size_t i = 0; i < as->lhs.size(); i++) {
      ExprOrBlank(as->lhs[i]);
      auto* nm = DynCast<syntax::Name>(as->lhs[i]);
      Conv(as->rhs[i], nm != nullptr && nm->value == "_" ? nullptr : TypeOf(as->lhs[i]));
    }
    return;
  }
  for (const syntax::Expr* l : as->lhs) ExprOrBlank(l);
  const syntax::Expr* r = syntax::Unparen(as->rhs[0]);
  auto* call = DynCast<syntax::CallExpr>(r);
  auto* tup = call ? ty::DynCast<ty::Tuple>(TV(call) ? TV(call)->type : nullptr) : nullptr;
  if (tup == nullptr || ty::TupleLen(tup) != static_cast<int>(as->lhs.size())) {
    Expr(r);  // v, ok = m[k] / <-c / x.(T)
    return;
  }
  // x, y = f(): temporaries when a destination's type differs from the result's.
  bool mismatched = false;
  std::vector<ty::Type*> dsts;
  for (size_t i = 0; i < as->lhs.size(); i++) {
    auto* nm = DynCast<syntax::Name>(as->lhs[i]);
    ty::Type* lt = nm != nullptr && nm->value == "_" ? nullptr : TypeOf(as->lhs[i]);
    dsts.push_back(lt);
    if (lt != nullptr && !ty::Identical(lt, tup->At(static_cast<int>(i))->type())) mismatched = true;
  }
  if (mismatched) {
    MultiValue(call, dsts);
  } else {
    Expr(call);
  }
}

void CostWalker::DeclStmt(const syntax::DeclStmt* ds) {
  const syntax::GenDecl* gd = ds->decl;
  for (const syntax::Spec* sp : gd->specs) {
    if (gd->tok == syntax::Token::kType) {
      Hard("unhandled op DCLTYPE");
      Node();
      continue;
    }
    auto* vs = DynCast<syntax::ValueSpec>(sp);
    if (vs == nullptr) continue;
    if (gd->tok == syntax::Token::kConst) {
      for (size_t i = 0; i < vs->names.size(); i++) {
        Node(0);  // ODCLCONST: free, children skipped (but counted by isBigFunc)
        Node(0);
      }
      continue;
    }
    size_t n = vs->names.size();
    if (!vs->values.empty() && vs->values.size() != n) {
      // var a, b = f(): ODCLs, then one OAS2FUNC (temporaries if a type differs).
      Decls(static_cast<int>(n));
      Node();
      std::vector<ty::Type*> dsts;
      bool mismatched = false;
      auto* call = DynCast<syntax::CallExpr>(syntax::Unparen(vs->values[0]));
      auto* tup = call ? ty::DynCast<ty::Tuple>(TV(call) ? TV(call)->type : nullptr) : nullptr;
      for (size_t i = 0; i < n; i++) {
        ExprOrBlank(vs->names[i]);
        ty::Type* lt = vs->names[i]->value == "_" ? nullptr : TypeOf(vs->names[i]);
        dsts.push_back(lt);
        if (tup != nullptr && i < static_cast<size_t>(ty::TupleLen(tup)) && lt != nullptr &&
            !ty::Identical(lt, tup->At(static_cast<int>(i))->type())) {
          mismatched = true;
        }
      }
      if (mismatched && call != nullptr) {
        MultiValue(call, dsts);
      } else {
        Expr(vs->values[0]);
      }
      continue;
    }
    for (size_t i = 0; i < n; i++) {
      bool blank = vs->names[i]->value == "_";
      Decls(1);
      Node();  // OAS
      Node();  // the name
      if (!vs->values.empty()) Conv(vs->values[i], blank ? nullptr : TypeOf(vs->names[i]));
    }
  }
}

void CostWalker::Return(const syntax::ReturnStmt* rs) {
  if (lit_depth_ == 0) {  // canDelayResults counts an empty return twice
    returns_ += rs->results.empty() ? 2 : 1;
    last_return_ = rs;
  }
  Node();  // ORETURN
  ty::Signature* sig = sigs_.empty() ? nullptr : sigs_.back();
  ty::Tuple* results = sig ? sig->results() : nullptr;
  auto result_type = [&](size_t i) -> ty::Type* {
    return results != nullptr && i < static_cast<size_t>(ty::TupleLen(results))
               ? results->At(static_cast<int>(i))->type()
               : nullptr;
  };
  if (rs->results.size() == 1) {
    auto* call = DynCast<syntax::CallExpr>(syntax::Unparen(rs->results[0]));
    auto* tup = call ? ty::DynCast<ty::Tuple>(TV(call) ? TV(call)->type : nullptr) : nullptr;
    if (tup != nullptr && ty::TupleLen(tup) > 1) {
      std::vector<ty::Type*> dsts;
      for (int i = 0; i < ty::TupleLen(tup); i++) dsts.push_back(result_type(i));
      MultiValue(call, dsts);
      return;
    }
  }
  for (size_t i = 0; i < rs->results.size(); i++) Conv(rs->results[i], result_type(i));
}

bool CostWalker::FoldConst(const syntax::Expr* e, bool* value) const {
  return lower::ConstCondition(e, a_->info(), value);
}

// deadcode.expr: && and || with a constant left operand fold away.
void CostWalker::Cond(const syntax::Expr* e) {
  e = syntax::Unparen(e);
  bool v = false;
  if (FoldConst(e, &v)) {
    Node();  // OLITERAL
    return;
  }
  auto* be = DynCast<syntax::BinaryExpr>(e);
  if (be != nullptr &&
      (be->op == syntax::Operator::kAndAnd || be->op == syntax::Operator::kOrOr)) {
    bool x = false;
    if (FoldConst(be->x, &x)) {
      Cond(be->y);  // true && y, false || y
      return;
    }
    Node();
    Cond(be->x);
    Cond(be->y);
    return;
  }
  Expr(e);
}

void CostWalker::If(const syntax::IfStmt* is) {
  bool v = false;
  bool constant = FoldConst(is->cond, &v);
  // OIF and a constant condition cost nothing; only the live branch is left.
  cost_ += constant ? -2 : 0;
  Node();
  SimpleStmt(is->init);
  Cond(is->cond);
  if (!constant || v) Stmts(is->then->stmts);
  if (is->else_ != nullptr && (!constant || !v)) Stmt(is->else_);
}

void CostWalker::Range(const syntax::RangeStmt* rs) {
  int new_names = 0;
  if (rs->define) new_names = IsNewName(rs->key) + IsNewName(rs->value);
  Decls(new_names);
  Node();  // ORANGE
  if (rs->key != nullptr) ExprOrBlank(rs->key);
  if (rs->value != nullptr) ExprOrBlank(rs->value);
  Expr(rs->x);
  Stmts(rs->body->stmts);
}

bool CostWalker::ConstSwitch(const syntax::SwitchStmt* ss, const syntax::CaseClause** keep,
                             const syntax::Expr** value) const {
  return lower::ConstSwitchClause(ss, a_->info(), keep, value);
}

void CostWalker::Switch(const syntax::SwitchStmt* ss) {
  Node();  // OSWITCH
  SimpleStmt(ss->init);
  const syntax::TypeSwitchGuard* guard = ss->guard();
  if (guard != nullptr) {
    Node();                            // OTYPESW
    if (guard->lhs != nullptr) Node();  // its identifier
    Expr(guard->x);
  } else if (ss->tag != nullptr) {
    Expr(ss->tag);
  }
  const syntax::CaseClause* keep = nullptr;
  const syntax::Expr* value = nullptr;
  bool pruned = ConstSwitch(ss, &keep, &value);
  for (const syntax::CaseClause* cc : ss->clauses) {
    if (pruned && cc != keep) continue;
    Node();  // OCASE
    if (guard != nullptr && guard->lhs != nullptr && a_->info().implicits.contains(cc)) Node();
    for (const syntax::Expr* c : cc->cases) {
      if (pruned && c != value) continue;
      if (guard != nullptr) {
        Node();  // OTYPE or ONIL
      } else {
        Expr(c);
      }
    }
    Stmts(cc->body);
  }
}

void CostWalker::Select(const syntax::SelectStmt* ss) {
  Node();  // OSELECT
  for (const syntax::CommClause* cc : ss->clauses) {
    Node();  // OCASE
    const syntax::Stmt* comm = cc->comm;
    if (auto* send = DynCast<syntax::SendStmt>(comm)) {
      Stmt(send);
    } else if (auto* es = DynCast<syntax::ExprStmt>(comm)) {
      Node();  // OSELRECV2 _, _ = <-c
      Node();
      Node();
      Expr(es->x);
    } else if (auto* as = DynCast<syntax::AssignStmt>(comm)) {
      int new_names = 0;
      if (as->define) {
        for (const syntax::Expr* l : as->lhs) new_names += IsNewName(l);
      }
      Decls(new_names);
      Node();  // OSELRECV2
      for (const syntax::Expr* l : as->lhs) ExprOrBlank(l);
      if (as->lhs.size() == 1) Node();  // the blank ok
      Expr(as->rhs[0]);
    }
    Stmts(cc->body);
  }
}

// ---------------------------------------------------------------------------------------
// CostWalker: expressions.

void CostWalker::ExprOrBlank(const syntax::Expr* e) {
  auto* nm = DynCast<syntax::Name>(syntax::Unparen(e));
  if (nm != nullptr && nm->value == "_") {
    Node();  // ir.BlankNode
    return;
  }
  Expr(e);
}

// The cost of the conversion node typecheck would put between a value of type `from` and
// type `to` (0 when none or OCONVNOP); *node tells whether there is a node at all.
int CostWalker::ConvNodeCost(ty::Type* from, ty::Type* to, bool* node) const {
  *node = false;
  if (from == nullptr || to == nullptr || ty::Identical(from, to)) return 0;
  *node = true;
  // A shaped value boxes through the dictionary: OEFACE(type word, OCONVIDATA(x)).
  if (IsConvIface(from, to) && lower::HasTypeParam(from) && !IsIface(from)) return 7;
  return IsConvIface(from, to) ? 1 : 0;
}

void CostWalker::Conv(const syntax::Expr* e, ty::Type* dst) {
  Expr(e);
  if (!costs_ || dst == nullptr || IsNil(e)) return;  // costs only
  bool node = false;
  int c = ConvNodeCost(TypeOf(e), dst, &node);
  if (node) Node(c);
}

void CostWalker::Expr(const syntax::Expr* e) {
  if (e == nullptr || !base::StackAvailable()) return;
  e = syntax::Unparen(e);
  const ty::TypeAndValue* tv = TV(e);
  if (tv != nullptr && costs_) TypePackages(tv->type);
  if (tv != nullptr && tv->mode == ty::Mode::kConstant) {
    Node();  // OLITERAL
    return;
  }
  if (tv != nullptr && tv->mode == ty::Mode::kTypeExpr) {
    Node();  // OTYPE
    return;
  }
  switch (e->kind) {
    case NodeKind::kName:
      Node();  // ONAME, ONIL, the blank
      if (refs_ != nullptr) Ref(ObjOf(static_cast<const syntax::Name*>(e)));
      return;
    case NodeKind::kBasicLit:
      Node();
      return;
    case NodeKind::kCompositeLit:
      CompositeLit(static_cast<const syntax::CompositeLit*>(e), TypeOf(e));
      return;
    case NodeKind::kFuncLit:
      FuncLit(static_cast<const syntax::FuncLit*>(e));
      return;
    case NodeKind::kSelectorExpr:
      Selector(static_cast<const syntax::SelectorExpr*>(e));
      return;
    case NodeKind::kIndexExpr: {
      auto* ix = static_cast<const syntax::IndexExpr*>(e);
      if (ix->indices.size() != 1 || IsType(ix->indices[0])) {
        Expr(ix->x);  // an instantiation: irgen keeps the generic function's name
        return;
      }
      ty::Type* xt = TypeOf(ix->x);
      ty::Type* core = ty::CoreType(xt);
      if (auto* m = ty::DynCast<ty::Map>(core)) {
        Node();  // OINDEXMAP
        Expr(ix->x);
        Conv(ix->indices[0], m->key());
        return;
      }
      Node();  // OINDEX
      if (auto* p = ty::DynCast<ty::Pointer>(core); p && ty::Isa<ty::Array>(ty::Under(p->elem()))) {
        Node(IsAddrThroughNops(ix->x) ? 0 : 1);  // implicit ODEREF
      }
      Expr(ix->x);
      Expr(ix->indices[0]);
      return;
    }
    case NodeKind::kSliceExpr: {
      auto* sl = static_cast<const syntax::SliceExpr*>(e);
      Node();  // OSLICE*
      if (ty::Isa<ty::Array>(ty::Under(TypeOf(sl->x)))) Node();  // implicit OADDR
      Expr(sl->x);
      for (const syntax::Expr* i : sl->index) {
        if (i != nullptr) Expr(i);
      }
      return;
    }
    case NodeKind::kAssertExpr:
      Node();  // ODOTTYPE
      Expr(static_cast<const syntax::AssertExpr*>(e)->x);
      return;
    case NodeKind::kUnaryExpr: {
      auto* u = static_cast<const syntax::UnaryExpr*>(e);
      if (u->op == syntax::Operator::kMul) {
        // *(*T)(unsafe.Pointer(&x)) is cheap: the ODEREF of an OADDR costs nothing.
        Node(IsAddrThroughNops(u->x) ? 0 : 1);
        Expr(u->x);
        return;
      }
      Node();
      Expr(u->x);
      return;
    }
    case NodeKind::kBinaryExpr:
      Binary(static_cast<const syntax::BinaryExpr*>(e));
      return;
    case NodeKind::kCallExpr:
      Call(static_cast<const syntax::CallExpr*>(e), false);
      return;
    case NodeKind::kKeyValueExpr:
      return;
    default:
      Node();
      return;
  }
}

bool CostWalker::IsAddrThroughNops(const syntax::Expr* e) const {
  for (int depth = 0; depth < 1000; depth++) {
    e = syntax::Unparen(e);
    if (auto* u = DynCast<syntax::UnaryExpr>(e)) {
      return u->op == syntax::Operator::kAnd &&
             DynCast<syntax::CompositeLit>(syntax::Unparen(u->x)) == nullptr;
    }
    auto* call = DynCast<syntax::CallExpr>(e);
    if (call == nullptr || call->args.size() != 1 || !IsType(call->fun) || IsConst(call)) {
      return false;
    }
    ty::Type* from = TypeOf(call->args[0]);
    ty::Type* to = TypeOf(call);
    // An explicit conversion that is an OCONVNOP (same underlying type, pointers,
    // unsafe.Pointer).
    if (from == nullptr || to == nullptr || IsIface(to)) return false;
    ty::Type* fu = ty::Under(from);
    ty::Type* tu = ty::Under(to);
    bool nop = ty::Identical(fu, tu) || ty::Isa<ty::Pointer>(fu) || ty::Isa<ty::Pointer>(tu) ||
               lower::IsUnsafePtr(from) || lower::IsUnsafePtr(to);
    if (!nop) return false;
    e = call->args[0];
  }
  return false;
}

void CostWalker::CompositeLit(const syntax::CompositeLit* lit, ty::Type* t) {
  ty::Type* core = ty::CoreType(t);
  if (auto* p = ty::DynCast<ty::Pointer>(core)) {
    Node();  // OPTRLIT for an elided &T
    t = p->elem();
    core = ty::CoreType(t);
  }
  if (auto* st = ty::DynCast<ty::Struct>(core)) {
    Node();  // OSTRUCTLIT
    for (size_t i = 0; i < lit->elems.size(); i++) {
      Node();  // OSTRUCTKEY
      const syntax::Expr* v = lit->elems[i];
      ty::Type* ft = nullptr;
      if (auto* kv = DynCast<syntax::KeyValueExpr>(v)) {
        v = kv->value;
        auto* key = DynCast<syntax::Name>(kv->key);
        for (int f = 0; key != nullptr && f < st->NumFields(); f++) {
          if (st->Field(f)->name() == key->value) ft = st->Field(f)->type();
        }
      } else if (static_cast<int>(i) < st->NumFields()) {
        ft = st->Field(static_cast<int>(i))->type();
      }
      if (auto* inner = DynCast<syntax::CompositeLit>(syntax::Unparen(v)); inner && !inner->type) {
        CompositeLit(inner, ft);
        continue;
      }
      Conv(v, ft);
    }
    return;
  }
  ty::Type* elem = nullptr;
  ty::Type* key = nullptr;
  if (auto* s = ty::DynCast<ty::Slice>(core)) {
    Node(2);  // OSLICELIT (a hack in inl.go charges it twice)
    if (lit_depth_ == 0) nodes_--;
    elem = s->elem();
  } else if (auto* a = ty::DynCast<ty::Array>(core)) {
    Node();  // OARRAYLIT
    elem = a->elem();
  } else if (auto* m = ty::DynCast<ty::Map>(core)) {
    Node();  // OMAPLIT
    elem = m->elem();
    key = m->key();
  } else {
    Node();
  }
  for (const syntax::Expr* el : lit->elems) {
    const syntax::Expr* v = el;
    if (auto* kv = DynCast<syntax::KeyValueExpr>(el)) {
      Node();  // OKEY
      if (key != nullptr) {
        auto* inner = DynCast<syntax::CompositeLit>(syntax::Unparen(kv->key));
        if (inner != nullptr && inner->type == nullptr) {
          CompositeLit(inner, key);
        } else {
          Conv(kv->key, key);
        }
      } else {
        Expr(kv->key);
      }
      v = kv->value;
    }
    if (auto* inner = DynCast<syntax::CompositeLit>(syntax::Unparen(v)); inner && !inner->type) {
      CompositeLit(inner, elem);
      continue;
    }
    Conv(v, elem);
  }
}

void CostWalker::FuncLit(const syntax::FuncLit* lit) {
  // OCLOSURE: 1 + 15, and its body counted in place (not by isBigFunc).
  Node(16);
  if (refs_ != nullptr && lit_depth_ == 0) {
    if (Fn* f = a_->LitFn(lit)) refs_->push_back(f);
  }
  if (!costs_) return;
  if (!a_->options().funcs_with_closures) Hard("not inlining functions with closures");
  // Past the budget only -m=2 needs the exact cost (gc's visitor stops there at -m=1); the
  // body's nodes count for nothing else, and skipping it keeps n nested literals linear.
  if (!a_->full_costs() && cost_ > kInlineMaxBudget) return;
  // Charges still to come (deferred_) may have put the cost past the budget already.
  if (!a_->full_costs() && !deferred_.empty()) {
    GoDynamic();
    return;
  }
  lit_depth_++;
  lits_.push_back(a_->LitFn(lit));
  sigs_.push_back(ty::DynCast<ty::Signature>(TypeOf(lit)));
  Stmts(lit->body->stmts);
  sigs_.pop_back();
  lits_.pop_back();
  lit_depth_--;
}

// The packages of the named types in t (export data writes each type it references).
void CostWalker::TypePackages(ty::Type* t, int depth) {
  if (t == nullptr || depth > 4) return;
  // Only an inlinable function's packages are read, and costs only grow.
  if (cost_ > kInlineMaxBudget) return;
  switch (t->kind()) {
    case ty::TypeKind::kNamed: {
      auto* n = static_cast<ty::Named*>(t);
      if (n->obj() != nullptr && n->obj()->pkg() != nullptr) packages_.insert(n->obj()->pkg());
      for (ty::Type* a : n->type_args()) TypePackages(a, depth + 1);
      return;
    }
    case ty::TypeKind::kPointer:
      return TypePackages(static_cast<ty::Pointer*>(t)->elem(), depth + 1);
    case ty::TypeKind::kSlice:
      return TypePackages(static_cast<ty::Slice*>(t)->elem(), depth + 1);
    case ty::TypeKind::kArray:
      return TypePackages(static_cast<ty::Array*>(t)->elem(), depth + 1);
    case ty::TypeKind::kChan:
      return TypePackages(static_cast<ty::Chan*>(t)->elem(), depth + 1);
    case ty::TypeKind::kMap:
      TypePackages(static_cast<ty::Map*>(t)->key(), depth + 1);
      return TypePackages(static_cast<ty::Map*>(t)->elem(), depth + 1);
    case ty::TypeKind::kTuple:
      for (ty::Var* v : static_cast<ty::Tuple*>(t)->vars()) TypePackages(v->type(), depth + 1);
      return;
    case ty::TypeKind::kSignature: {
      auto* sig = static_cast<ty::Signature*>(t);
      TypePackages(sig->params(), depth + 1);
      TypePackages(sig->results(), depth + 1);
      return;
    }
    default:
      return;
  }
}

void CostWalker::Selector(const syntax::SelectorExpr* se) {
  auto it = a_->info().selections.find(se);
  if (it == a_->info().selections.end()) {
    if (costs_ && cost_ <= kInlineMaxBudget) {  // as TypePackages
      if (ty::Object* o = ObjOf(se->sel); o != nullptr && o->pkg() != nullptr) {
        packages_.insert(o->pkg());
      }
    }
    Node();  // a qualified identifier: ONAME
    if (refs_ != nullptr) Ref(ObjOf(se->sel));
    return;
  }
  const ty::SelectionInfo& sel = it->second;
  if (refs_ != nullptr && sel.kind != ty::SelKind::kFieldVal) Ref(sel.obj);
  if (sel.kind == ty::SelKind::kMethodExpr) {
    Node(0);  // OMETHEXPR (inl.go: +1 then the default -1)
    Node();   // the OTYPE operand
    return;
  }
  size_t steps = sel.index.empty() ? 0 : sel.index.size() - 1;
  if (sel.kind == ty::SelKind::kFieldVal) {
    Node();  // ODOT / ODOTPTR
    for (size_t i = 0; i < steps; i++) Node();
    Expr(se->x);
    return;
  }
  // A method value: OMETHVALUE costs 2 (a hack in inl.go), with the implicit & or *.
  Node(2);
  if (lit_depth_ == 0) nodes_--;
  for (size_t i = 0; i < steps; i++) Node();
  if (sel.implicit_addr || sel.implicit_deref) Node();
  Expr(se->x);
}

void CostWalker::AddStringList(const syntax::Expr* e) {
  e = syntax::Unparen(e);
  auto* be = DynCast<syntax::BinaryExpr>(e);
  if (be != nullptr && be->op == syntax::Operator::kAdd && !IsConst(be)) {
    if (auto* b = ty::DynCast<ty::Basic>(ty::Under(TypeOf(be))); b && (b->info() & ty::kIsString)) {
      AddStringList(be->x);
      AddStringList(be->y);
      return;
    }
  }
  Expr(e);
}

void CostWalker::Binary(const syntax::BinaryExpr* be) {
  using Op = syntax::Operator;
  if (be->op == Op::kAdd) {
    if (auto* b = ty::DynCast<ty::Basic>(ty::Under(TypeOf(be))); b && (b->info() & ty::kIsString)) {
      Node();  // OADDSTR over the flattened operands
      AddStringList(be->x);
      AddStringList(be->y);
      return;
    }
  }
  Node();
  Expr(be->x);
  Expr(be->y);
  if ((be->op == Op::kEql || be->op == Op::kNeq) && !IsNil(be->x) && !IsNil(be->y)) {
    ty::Type* lt = TypeOf(be->x);
    ty::Type* rt = TypeOf(be->y);
    if (lt != nullptr && rt != nullptr && !ty::Identical(lt, rt) && IsIface(lt) == IsIface(rt)) {
      // transformCompare converts one side to the other's type.
      Node(IsConvIface(lt, rt) && IsConvIface(rt, lt) ? 1 : 0);
    }
  }
}

bool CostWalker::CallOrChan(const syntax::Expr* e) const {
  bool found = false;
  syntax::Walk(const_cast<syntax::Expr*>(e), [&](syntax::Node* n) {
    if (found || n->kind == NodeKind::kFuncLit) return false;
    auto* x = DynCast<syntax::Expr>(n);
    if (x != nullptr && IsConst(x)) return false;
    if (auto* u = DynCast<syntax::UnaryExpr>(n); u && u->op == syntax::Operator::kRecv) {
      found = true;
      return false;
    }
    if (auto* call = DynCast<syntax::CallExpr>(n)) {
      if (IsType(call->fun)) return true;  // conversions are not calls
      const syntax::Expr* fun = syntax::Unparen(call->fun);
      const syntax::Name* nm = DynCast<syntax::Name>(fun);
      if (auto* s = DynCast<syntax::SelectorExpr>(fun)) nm = s->sel;
      ty::Object* obj = nm ? ObjOf(nm) : nullptr;
      // typecheck's callOrChan: make and getg are already OMAKE* and OGETG; new is exempt.
      auto* b = ty::DynCast<ty::Builtin>(obj);
      if (b != nullptr && (b->id() == ty::BuiltinId::kNew || b->id() == ty::BuiltinId::kMake)) {
        return true;
      }
      if (ty::Isa<ty::Func>(obj) && a_->IsRuntime(obj->pkg()) && obj->name() == "getg") return true;
      found = true;
      return false;
    }
    return true;
  });
  return found;
}

void CostWalker::MultiValue(const syntax::CallExpr* call, const std::vector<ty::Type*>& dsts) {
  auto* tup = ty::DynCast<ty::Tuple>(TV(call) ? TV(call)->type : nullptr);
  int n = tup ? ty::TupleLen(tup) : 0;
  Node();  // OAS2FUNC into the temporaries
  Decls(n);
  for (int i = 0; i < n; i++) Node();  // the temporaries on its left
  Expr(call);
  for (int i = 0; i < n; i++) {
    Node();  // the temporary, used
    ty::Type* dst = i < static_cast<int>(dsts.size()) ? dsts[i] : nullptr;
    bool node = false;
    int c = ConvNodeCost(tup->At(i)->type(), dst, &node);
    if (node) Node(c);
  }
}

void CostWalker::Args(const syntax::CallExpr* call, ty::Signature* sig) {
  ty::Tuple* params = sig ? sig->params() : nullptr;
  int np = params ? ty::TupleLen(params) : 0;
  auto param = [&](size_t i) -> ty::Type* {
    if (params == nullptr || np == 0) return nullptr;
    if (sig->variadic() && static_cast<int>(i) >= np - 1) {
      ty::Type* last = params->At(np - 1)->type();
      if (call->has_dots) return last;
      auto* s = ty::DynCast<ty::Slice>(ty::CoreType(last));
      return s ? s->elem() : nullptr;
    }
    return static_cast<int>(i) < np ? params->At(static_cast<int>(i))->type() : nullptr;
  };
  if (call->args.size() == 1 && !call->has_dots) {
    auto* inner = DynCast<syntax::CallExpr>(syntax::Unparen(call->args[0]));
    auto* tup = inner ? ty::DynCast<ty::Tuple>(TV(inner) ? TV(inner)->type : nullptr) : nullptr;
    if (tup != nullptr && ty::TupleLen(tup) > 1) {
      std::vector<ty::Type*> dsts;
      for (int i = 0; i < ty::TupleLen(tup); i++) dsts.push_back(param(i));
      MultiValue(inner, dsts);
      return;
    }
  }
  for (size_t i = 0; i < call->args.size(); i++) Conv(call->args[i], param(i));
}

void CostWalker::Conversion(const syntax::CallExpr* call) {
  if (call->args.empty()) return;
  const syntax::Expr* x = call->args[0];
  ty::Type* from = TypeOf(x);
  ty::Type* to = TypeOf(call);
  bool nop = false;
  if (from != nullptr && to != nullptr) {
    ty::Type* fu = ty::Under(from);
    ty::Type* tu = ty::Under(to);
    if (IsNil(x)) {
      nop = true;  // T(nil)
    } else if (IsIface(to)) {
      nop = !IsConvIface(from, to);
    } else if (ty::IdenticalIgnoreTags(fu, tu)) {
      auto* fb = ty::DynCast<ty::Basic>(fu);
      nop = fb == nullptr || !(fb->info() & (ty::kIsFloat | ty::kIsComplex));
    } else if (SimKind(fu) != ty::BasicKind::kInvalid && SimKind(fu) == SimKind(tu)) {
      nop = true;  // Convertop: numbers of the same machine type (int and int64 on amd64)
    } else if (auto* fp = ty::DynCast<ty::Pointer>(fu)) {
      auto* tp = ty::DynCast<ty::Pointer>(tu);
      nop = lower::IsUnsafePtr(to) ||
            (tp != nullptr && ty::IdenticalIgnoreTags(ty::Under(fp->elem()), ty::Under(tp->elem())));
    } else if (lower::IsUnsafePtr(from)) {
      nop = ty::Isa<ty::Pointer>(tu) || lower::IsUintptr(to);
    } else if (lower::IsUintptr(from)) {
      nop = lower::IsUnsafePtr(to);
    } else if (auto* fc = ty::DynCast<ty::Chan>(fu)) {
      auto* tc = ty::DynCast<ty::Chan>(tu);
      nop = tc != nullptr && ty::Identical(fc->elem(), tc->elem());
    }
  }
  // []rune("constant") becomes a slice literal of the runes.
  if (IsConst(x) && !nop) {
    if (auto* s = ty::DynCast<ty::Slice>(ty::Under(to))) {
      auto* eb = ty::DynCast<ty::Basic>(ty::Under(s->elem()));
      if (eb != nullptr && eb->basic_kind() == ty::BasicKind::kInt32) {
        const ty::TypeAndValue* tv = TV(syntax::Unparen(x));
        Node(2);  // OSLICELIT
        if (lit_depth_ == 0) nodes_--;
        if (tv != nullptr && tv->value.kind() == ty::constant::Kind::kString) {
          std::string sv = ty::constant::StringVal(tv->value);
          // One OKEY, index and value per rune.
          for (size_t i = 0; i < sv.size();) {
            unsigned char c = static_cast<unsigned char>(sv[i]);
            i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            Node();
            Node();
            Node();
          }
        }
        return;
      }
    }
  }
  Node(nop ? 0 : 1);
  Expr(x);
}

void CostWalker::Builtin(const syntax::CallExpr* call, ty::BuiltinId id) {
  using B = ty::BuiltinId;
  auto args = call->args;
  switch (id) {
    case B::kAppend: {
      Node();  // OAPPEND
      if (args.empty()) return;
      ty::Type* st = TypeOf(args[0]);
      auto* s = ty::DynCast<ty::Slice>(ty::CoreType(st));
      Expr(args[0]);
      for (size_t i = 1; i < args.size(); i++) {
        if (call->has_dots) {
          auto* b = ty::DynCast<ty::Basic>(ty::Under(TypeOf(args[i])));
          if (b != nullptr && (b->info() & ty::kIsString)) {
            Expr(args[i]);
          } else {
            Conv(args[i], st ? ty::Under(st) : nullptr);
          }
        } else {
          Conv(args[i], s ? s->elem() : nullptr);
        }
      }
      return;
    }
    case B::kMake: {
      Node();  // OMAKESLICE, OMAKEMAP, OMAKECHAN
      ty::Type* t = args.empty() ? nullptr : ty::CoreType(TypeOf(args[0]));
      if (args.size() < 2 && (ty::Isa<ty::Map>(t) || ty::Isa<ty::Chan>(t))) Node();  // size 0
      for (size_t i = 1; i < args.size(); i++) Expr(args[i]);
      return;
    }
    case B::kNew:
      Node();  // ONEW
      Node();  // its OTYPE
      return;
    case B::kPanic: {
      // OPANIC: inl.go charges 1 more, and 1 less when the operand is an implicit boxing.
      bool boxed = !args.empty() && !IsNil(args[0]) && TypeOf(args[0]) != nullptr &&
                   !ty::Identical(TypeOf(args[0]), ty::UniverseAny());
      Node(boxed ? 1 : 2);
      if (!args.empty()) {
        Expr(args[0]);
        if (boxed) Node();
      }
      return;
    }
    case B::kRecover:
      Hard("call to recover");
      Node();
      return;
    case B::kDelete: {
      Node();
      if (args.size() < 2) return;
      auto* m = ty::DynCast<ty::Map>(ty::CoreType(TypeOf(args[0])));
      Expr(args[0]);
      Conv(args[1], m ? m->key() : nullptr);
      return;
    }
    case B::kLen:
    case B::kCap:
      Node();
      if (!args.empty()) {
        auto* p = ty::DynCast<ty::Pointer>(ty::CoreType(TypeOf(args[0])));
        if (p != nullptr && ty::Isa<ty::Array>(ty::Under(p->elem()))) {
          Node(IsAddrThroughNops(args[0]) ? 0 : 1);  // implicit *
        }
        Expr(args[0]);
      }
      return;
    default:
      Node();
      for (const syntax::Expr* a : args) Expr(a);
      return;
  }
}

int CostWalker::CallCost(const syntax::CallExpr* call, const syntax::Expr* fun, CallSite* site) {
  (void)call;
  if (!costs_) return kInlineExtraCallCost;
  fun = syntax::Unparen(fun);
  // A copy made by inlining keeps only direct callees (InlineFunc.calls).
  bool direct = lit_depth_ == 0 && no_inline_depth_ == 0;
  auto closure = [&](const syntax::FuncLit* lit, bool in_place) {
    Fn* c = a_->LitFn(lit);
    if (c == nullptr) return a_->options().extra_call_cost;
    // The hairy visitor's inlCallee checks a literal's inlinability on the spot; a walk
    // for call sites only (a recursive function) must not. A speculative walk leaves the
    // check to CanInline's time, with the charge.
    if (speculative_) {
      deferred_.push_back(c);
    } else if (!sites_only_) {
      a_->CanInline(c);
    }
    if (site != nullptr) site->closure = c;
    if (direct && in_place) {
      calls_.emplace_back();
      calls_.back().set_callee(c->symbol);
    }
    if (speculative_) return 0;
    return c->inlinable ? c->cost : a_->options().extra_call_cost;
  };
  const ty::Func* callee = nullptr;
  bool method_expr = false;
  if (auto* ix = DynCast<syntax::IndexExpr>(fun)) {
    // An explicit instantiation F[T] (or pkg.F[T]): a call of the instance.
    const syntax::Expr* x = syntax::Unparen(ix->x);
    const syntax::Name* xn = DynCast<syntax::Name>(x);
    if (auto* se = DynCast<syntax::SelectorExpr>(x); se && !a_->info().selections.contains(se)) {
      xn = se->sel;
    }
    if (xn == nullptr || !a_->info().instances.contains(xn)) return a_->options().extra_call_cost;
    fun = x;
  }
  if (auto* lit = DynCast<syntax::FuncLit>(fun)) return closure(lit, true);
  const syntax::Name* nm = DynCast<syntax::Name>(fun);
  if (auto* se = DynCast<syntax::SelectorExpr>(fun)) {
    auto it = a_->info().selections.find(se);
    if (it == a_->info().selections.end()) {
      nm = se->sel;  // pkg.F
    } else {
      const ty::SelectionInfo& sel = it->second;
      auto* f = ty::DynCast<ty::Func>(sel.obj);
      ty::Var* recv = f != nullptr && f->signature() ? f->signature()->recv() : nullptr;
      if (recv == nullptr || IsIface(recv->type())) {
        return a_->options().extra_call_cost;  // OCALLINTER, or a call of a function-typed field
      }
      // inlCallee: a method expression's receiver type must be the method's own.
      if (sel.kind == ty::SelKind::kMethodExpr &&
          (TypeOf(se->x) == nullptr || !ty::Identical(recv->type(), TypeOf(se->x)))) {
        return a_->options().extra_call_cost;
      }
      callee = f;
      method_expr = true;
      nm = nullptr;
    }
  }
  if (nm != nullptr) {
    ty::Object* obj = ObjOf(nm);
    callee = ty::DynCast<ty::Func>(obj);
    if (callee == nullptr && ty::Isa<ty::Var>(obj)) {
      // A parameter: in an inlined copy it holds the call site's argument (inlParam).
      auto* v = static_cast<const ty::Var*>(obj);
      if (int param = ParamIndex(v); param > 0 && direct && !a_->Reassigned(v)) {
        calls_.emplace_back();
        calls_.back().set_param(param);
      } else if (direct && fn_->lit != nullptr && a_->DeclaredOutside(v, fn_)) {
        calls_.emplace_back();
        captured_.resize(calls_.size());
        captured_.back() = v;
      }
      // ir.StaticValue: a never-reassigned local holding a literal or a function name.
      direct = false;
      const syntax::Expr* sv = a_->StaticValue(nm, CurFn());
      if (auto* lit = DynCast<syntax::FuncLit>(sv)) return closure(lit, false);
      const syntax::Name* sn = DynCast<syntax::Name>(sv);
      if (auto* se2 = DynCast<syntax::SelectorExpr>(sv); se2 && !a_->info().selections.contains(se2)) {
        sn = se2->sel;
      }
      if (sn != nullptr && sn != nm) callee = ty::DynCast<ty::Func>(ObjOf(sn));
    }
  }
  if (callee != nullptr && lower::IsGenericFunc(const_cast<ty::Func*>(callee)->Origin())) {
    // A shape instance: hairyVisitor charges its cost when it is inlinable (mkinlcall
    // then refuses most such calls: they pass a dictionary and non-shape arguments), and
    // the dictionary argument (&.dict.F[T]) is two more nodes.
    const ty::Func* origin = const_cast<ty::Func*>(callee)->Origin();
    // The dictionary: &.dict.F[T] from ordinary code, a sub-dictionary entry
    // ((*(*[N]uintptr)(unsafe.Pointer(.dict)))[.dict]) from a shape body.
    Node(fn_->generic ? 4 : 2);
    // mkinlcall inlines an instance without shape parameters given no shape arguments:
    // from ordinary code, a generic function whose parameters do not use its type
    // parameters (New[T](), Make[T](n)).
    if (site != nullptr && !fn_->generic && nm != nullptr && !method_expr &&
        origin->signature()->recv() == nullptr &&
        !lower::HasTypeParam(origin->signature()->params())) {
      auto it = a_->info().instances.find(nm);
      if (it != a_->info().instances.end()) {
        site->callee = a_->InstanceCallee(origin, it->second.type_args);
      }
    } else if (site != nullptr && fn_->generic) {
      // The instance depends on the shapes of the caller's instance: Expand applies
      // mkinlcall's shape rule, lowering names the instance, the splicer takes its call.
      site->callee = a_->Symbol(origin);
      site->generic_callee = true;
      site->callee_shape_params = origin->signature()->recv() != nullptr ||
                                  lower::HasTypeParam(origin->signature()->params());
    }
    if (Fn* local = a_->DeclFn(origin)) {
      if (speculative_ && !local->checked) {
        deferred_.push_back(local);
        return 0;
      }
      return local->inlinable ? local->cost : a_->options().extra_call_cost;
    }
    const InlineFunc* imp = a_->Imported(a_->Symbol(origin));
    return imp != nullptr && imp->inlinable() ? imp->cost() : a_->options().extra_call_cost;
  }
  if (callee == nullptr || callee->signature() == nullptr) {
    return a_->options().extra_call_cost;  // dynamic
  }
  const ty::Package* cp = callee->pkg();
  const std::string& symbol = a_->Symbol(callee);
  if (cp != nullptr && !method_expr) {
    if (a_->IsRuntime(cp)) {
      if (callee->name() == "getg") return 0;  // typecheck makes it OGETG, not a call
      if (callee->name() == "getcallerpc" || callee->name() == "getcallersp") {
        Hard(absl::StrCat("call to ", callee->name()));
      }
    }
    // Intrinsics are charged like any node and never inlined.
    if (IsIntrinsic(cp->path(), callee->name())) return 0;
  }
  if (site != nullptr) site->callee = symbol;
  if (direct) {
    calls_.emplace_back();
    calls_.back().set_callee(symbol);
  }
  if (cp != nullptr && !method_expr && a_->IsRuntime(cp) && callee->name() == "throw") {
    return kInlineMaxBudget;
  }
  if (cp != nullptr && method_expr) {
    // inl.go's "cheap" methods: charged like any node (and still inlined).
    std::string_view rest = std::string_view(symbol).substr(cp->path().size() + 1);
    if (cp->path() == "runtime" && rest == "heapBits.nextArena") return 0;
    if (cp->path() == "encoding/binary") {
      for (std::string_view m : {"Uint64", "Uint32", "Uint16", "PutUint64", "PutUint32",
                                 "PutUint16"}) {
        if (rest == absl::StrCat("littleEndian.", std::string(m)) ||
            rest == absl::StrCat("bigEndian.", std::string(m))) {
          return 0;
        }
      }
    }
  }
  if (Fn* local = a_->DeclFn(callee)) {
    if (speculative_ && !local->checked) {
      deferred_.push_back(local);
      return 0;
    }
    return local->inlinable ? local->cost : a_->options().extra_call_cost;
  }
  const InlineFunc* imp = a_->Imported(symbol);
  return imp != nullptr && imp->inlinable() ? imp->cost() : a_->options().extra_call_cost;
}

int CostWalker::ParamIndex(const ty::Var* v) const {
  ty::Signature* sig = sigs_.empty() ? nullptr : sigs_.front();
  if (sig == nullptr || lit_depth_ > 0) return 0;
  int i = 1;
  if (sig->recv() != nullptr) {
    if (sig->recv() == v) return i;
    i++;
  }
  for (int j = 0; sig->params() != nullptr && j < ty::TupleLen(sig->params()); j++, i++) {
    if (sig->params()->At(j) == v) return i;
  }
  return 0;
}

// ir.StaticValue of a function-typed argument, when it names a function or a literal.
FuncValue CostWalker::StaticFunc(const syntax::Expr* e) const {
  FuncValue out;
  if (!ty::Isa<ty::Signature>(ty::Under(TypeOf(e)))) return out;
  e = a_->StaticValue(syntax::Unparen(e), CurFn());
  if (auto* lit = DynCast<syntax::FuncLit>(e)) {
    out.closure = a_->LitFn(lit);
    return out;
  }
  if (auto* ix = DynCast<syntax::IndexExpr>(e); ix != nullptr && !fn_->generic) {
    // F[T] as a value: gc wraps the instance in a closure (not modelled) that calls it;
    // a call of the value calls the instance.
    const syntax::Expr* x = syntax::Unparen(ix->x);
    const syntax::Name* xn = DynCast<syntax::Name>(x);
    if (auto* se = DynCast<syntax::SelectorExpr>(x); se && !a_->info().selections.contains(se)) {
      xn = se->sel;
    }
    auto* g = xn != nullptr ? ty::DynCast<ty::Func>(ObjOf(xn)) : nullptr;
    auto it = g != nullptr ? a_->info().instances.find(xn) : a_->info().instances.end();
    if (it != a_->info().instances.end() && lower::IsGenericFunc(g)) {
      out.symbol = a_->InstanceCallee(g, it->second.type_args);
    }
    return out;
  }
  const syntax::Name* nm = DynCast<syntax::Name>(e);
  if (auto* se = DynCast<syntax::SelectorExpr>(e)) {
    auto it = a_->info().selections.find(se);
    if (it != a_->info().selections.end()) {
      auto* f = ty::DynCast<ty::Func>(it->second.obj);
      ty::Var* recv = f != nullptr && f->signature() ? f->signature()->recv() : nullptr;
      if (it->second.kind == ty::SelKind::kMethodExpr && recv != nullptr &&
          !IsIface(recv->type()) && TypeOf(se->x) != nullptr &&
          ty::Identical(recv->type(), TypeOf(se->x))) {
        out.symbol = a_->Symbol(f);
      }
      return out;
    }
    nm = se->sel;
  }
  auto* f = nm != nullptr ? ty::DynCast<ty::Func>(ObjOf(nm)) : nullptr;
  if (f != nullptr && f->signature() != nullptr && f->signature()->type_params().empty()) {
    out.symbol = a_->Symbol(f);
  }
  return out;
}

void CostWalker::Call(const syntax::CallExpr* call, bool no_inline) {
  if (IsType(call->fun)) {
    Conversion(call);
    return;
  }
  const syntax::Expr* fun = syntax::Unparen(call->fun);
  {
    const syntax::Name* nm = DynCast<syntax::Name>(fun);
    if (auto* s = DynCast<syntax::SelectorExpr>(fun)) nm = s->sel;
    if (auto* b = nm ? ty::DynCast<ty::Builtin>(ObjOf(nm)) : nullptr) {
      Builtin(call, b->id());
      return;
    }
  }
  ty::Signature* sig = ty::DynCast<ty::Signature>(ty::CoreType(TypeOf(call->fun)));
  // The call node and its callee.
  CallSite site;
  site.pos = call->pos;
  site.file = file_;
  site.call = call;
  site.no_inline = no_inline;
  auto* se = DynCast<syntax::SelectorExpr>(fun);
  auto sit = se ? a_->info().selections.find(se) : a_->info().selections.end();
  bool method_call = se != nullptr && sit != a_->info().selections.end() &&
                     sit->second.kind == ty::SelKind::kMethodVal;
  int c = CallCost(call, fun, lit_depth_ == 0 ? &site : nullptr);
  Node(1 + c);
  if (method_call) {
    const ty::SelectionInfo& sel = sit->second;
    if (refs_ != nullptr) Ref(sel.obj);
    size_t steps = sel.index.empty() ? 0 : sel.index.size() - 1;
    auto* f = ty::DynCast<ty::Func>(sel.obj);
    bool iface = f == nullptr || IsIface(f->signature()->recv() ? f->signature()->recv()->type() : nullptr);
    if (iface) {
      Node();  // ODOTINTER
    } else {
      Node(0);  // OMETHEXPR
      Node();   // its OTYPE
      if (sel.implicit_addr || sel.implicit_deref) Node();
    }
    for (size_t i = 0; i < steps; i++) Node();
    Expr(se->x);
    if (costs_ && CallOrChan(se->x)) Node(3);  // RewriteNonNameCall: tmp := recv
  } else {
    Expr(call->fun);
    if (costs_ && fun->kind != NodeKind::kName && fun->kind != NodeKind::kFuncLit &&
        CallOrChan(fun)) {
      Node(3);
    }
  }
  Args(call, sig);
  if (!costs_) return;  // the reference walk keeps no call sites
  if (lit_depth_ == 0 && site.callee.empty() && site.closure == nullptr && !method_call) {
    site.via = DynCast<syntax::CallExpr>(a_->StaticValue(fun, CurFn()));
  }
  if (lit_depth_ == 0 && (!site.callee.empty() || site.closure != nullptr || site.via)) {
    if (method_call) site.args.push_back(StaticFunc(se->x));
    for (const syntax::Expr* arg : call->args) site.args.push_back(StaticFunc(arg));
    if (fn_->generic) {
      // An argument converted to the parameter's interface type is no longer a shape.
      auto shaped = [this](const syntax::Expr* e) {
        return lower::HasTypeParam(TypeOf(e)) && !a_->Converted(e) &&
               !a_->Converted(syntax::Unparen(e));
      };
      if (method_call) site.shape_args = shaped(se->x);
      for (const syntax::Expr* arg : call->args) site.shape_args = site.shape_args || shaped(arg);
    }
    sites_.push_back(site);
  }
}

// ---------------------------------------------------------------------------------------
// Analyzer.

const std::string& Analyzer::Symbol(const ty::Func* f) const {
  auto [it, inserted] = symbols_.try_emplace(f);
  if (inserted) {
    auto* sig = f->signature();
    it->second = sig != nullptr && sig->recv() != nullptr ? lower::MethodSymbol(f)
                                                          : lower::FuncSymbol(f);
  }
  return it->second;
}

// One walk over a body: names its literals as gc's closureName does (outer.funcN for
// top-level functions, outer.N inside literals, glob..funcN across the package's
// initializers), in the order gc meets them; and, where `locals` (not at the package
// level), records the locals ir.StaticValue and ir.Reassigned ask about (RecordLocals).
void Analyzer::NameLits(Fn* outer, syntax::Node* body, int file, bool locals) {
  syntax::Walk(body, [&](syntax::Node* n) {
    auto* lit = DynCast<syntax::FuncLit>(n);
    if (lit == nullptr) {
      if (locals) RecordLocals(n, outer);
      return true;
    }
    auto fn = std::make_unique<Fn>();
    Fn* f = fn.get();
    f->lit = lit;
    f->file = file;
    f->pos = lit->pos;
    f->outer = outer;
    f->generic = outer->generic;
    int n_ = ++outer->closgen;
    if (outer->package_init) {
      f->name = absl::StrCat("glob..func", n_);
    } else if (outer->lit != nullptr) {
      f->name = absl::StrCat(outer->name, ".", n_);
    } else {
      f->name = absl::StrCat(outer->name, ".func", n_);
    }
    f->symbol = absl::StrCat(pkg_.path(), ".", f->name);
    if (auto it = info_.types.find(lit); it != info_.types.end()) {
      f->result0 = Result0(ty::DynCast<ty::Signature>(it->second.type));
    }
    outer->lits.push_back(f);
    lit_fn_[lit] = f;
    by_symbol_[f->symbol] = f;
    fns_.push_back(std::move(fn));
    // A literal's locals are its own, also at the package level (glob..funcN is a
    // top-level function).
    NameLits(f, lit->body, file, /*locals=*/true);
    return false;
  });
}

void Analyzer::Collect() {
  for (const ty::InterfaceConversion& c : info_.conversions) conv_[c.expr] = &c;
  auto init = std::make_unique<Fn>();
  Fn* pkg_init = init.get();
  pkg_init->package_init = true;
  pkg_init->name = "init";
  pkg_init->symbol = absl::StrCat(pkg_.path(), ".init");
  int init_count = 0;
  std::vector<Fn*> decls;
  for (size_t i = 0; i < files_.size(); i++) {
    const syntax::File* ast = files_[i]->ast;
    for (syntax::Decl* d : ast->decls) {
      if (auto* gd = DynCast<syntax::GenDecl>(d); gd && gd->tok == syntax::Token::kVar) {
        for (syntax::Spec* sp : gd->specs) {
          NameLits(pkg_init, sp, static_cast<int>(i), /*locals=*/false);
        }
        continue;
      }
      auto* fd = DynCast<syntax::FuncDecl>(d);
      if (fd == nullptr) continue;
      auto it = info_.defs.find(fd->name);
      auto* f = it != info_.defs.end() ? ty::DynCast<ty::Func>(it->second) : nullptr;
      bool generic = !fd->tparams.empty();
      if (f != nullptr && f->signature() != nullptr && !f->signature()->recv_type_params().empty()) {
        generic = true;
      }
      auto fn = std::make_unique<Fn>();
      Fn* p = fn.get();
      p->generic = generic;  // analyzed once; its lines are printed per shape instance
      p->decl = fd;
      p->file = static_cast<int>(i);
      p->pos = fd->pos;
      if (fd->name->value == "init" && fd->recv == nullptr) {
        p->name = absl::StrCat("init.", init_count++);
        p->symbol = absl::StrCat(pkg_.path(), ".", p->name);
      } else if (fd->name->value == "_") {
        p->name = "_";  // compiled (stringer's checks), never called
        p->symbol = absl::StrCat(pkg_.path(), "._#", fns_.size());
      } else if (f != nullptr) {
        p->symbol = Symbol(f);
        p->name = p->symbol.substr(pkg_.path().size() + 1);
        decl_fn_[f] = p;
      } else {
        continue;
      }
      p->has_body = fd->body != nullptr;
      // CanInline's pragma checks, in its order (//go:uintptrescapes implies keep-alive).
      bool noinline = false, norace = false, cgo_unsafe_args = false, keepalive = false,
           yeswb = false;
      for (const syntax::Directive& d : fd->directives) {
        std::string_view name = d.Name();
        noinline |= name == "go:noinline";
        norace |= name == "go:norace";
        cgo_unsafe_args |= name == "go:cgo_unsafe_args";
        keepalive |= name == "go:uintptrkeepalive" || name == "go:uintptrescapes";
        yeswb |= name == "go:yeswritebarrierrec";
      }
      if (noinline) {
        p->pragma_reason = "marked go:noinline";
      } else if (norace && options_.race) {
        p->pragma_reason = "marked go:norace with -race compilation";
      } else if (cgo_unsafe_args) {
        p->pragma_reason = "marked go:cgo_unsafe_args";
      } else if (keepalive) {
        p->pragma_reason = "marked as having a keep-alive uintptr argument";
      } else if (yeswb) {
        p->pragma_reason = "marked go:yeswritebarrierrec";
      }
      p->result0 = Result0(f != nullptr ? f->signature() : nullptr);
      by_symbol_[p->symbol] = p;
      decls.push_back(p);
      fns_.push_back(std::move(fn));
      if (fd->body != nullptr) NameLits(p, fd->body, static_cast<int>(i), /*locals=*/true);
    }
  }
  // Target.Decls: declared functions, then package-level literals, then the initializer.
  for (Fn* d : decls) roots_.push_back(d);
  for (Fn* l : pkg_init->lits) roots_.push_back(l);
  roots_.push_back(pkg_init);
  fns_.push_back(std::move(init));
}

// Locals for ir.StaticValue: which function declares each, the value of its defining
// assignment, and whether anything else assigns it or takes its address (ir.Reassigned).
// `n` is a node of fn's own body (not of a literal inside it).
const ty::Var* Analyzer::UsedVar(const syntax::Expr* e) const {
  auto* nm = DynCast<syntax::Name>(syntax::Unparen(e));
  if (nm == nullptr) return nullptr;
  auto it = info_.uses.find(nm);
  if (it == info_.uses.end()) return nullptr;
  return ty::DynCast<ty::Var>(it->second);
}

// The variable named by x through field selections and array indexing (ir.OuterValue).
const ty::Var* Analyzer::OuterVar(const syntax::Expr* e) const {
  for (int depth = 0; depth < 10000; depth++) {
    e = syntax::Unparen(e);
    if (auto* se = DynCast<syntax::SelectorExpr>(e)) {
      auto it = info_.selections.find(se);
      if (it == info_.selections.end() || it->second.kind != ty::SelKind::kFieldVal ||
          it->second.indirect) {
        return nullptr;
      }
      e = se->x;
    } else if (auto* ix = DynCast<syntax::IndexExpr>(e)) {
      auto it = info_.types.find(ix->x);
      if (it == info_.types.end() || !ty::Isa<ty::Array>(ty::Under(it->second.type))) return nullptr;
      e = ix->x;
    } else {
      return UsedVar(e);
    }
  }
  return nullptr;
}

void Analyzer::RecordLocals(syntax::Node* n, const Fn* fn) {
  switch (n->kind) {
    case NodeKind::kAssignStmt: {
      auto* as = static_cast<syntax::AssignStmt*>(n);
      if (as->op != syntax::Operator::kNone) break;
      for (size_t i = 0; i < as->lhs.size(); i++) {
        auto* nm = DynCast<syntax::Name>(as->lhs[i]);
        if (nm == nullptr) continue;
        auto dt = info_.defs.find(nm);
        if (as->define && dt != info_.defs.end() && dt->second != nullptr) {
          auto* v = ty::DynCast<ty::Var>(dt->second);
          if (v == nullptr) continue;
          var_fn_[v] = fn;
          if (as->lhs.size() == as->rhs.size()) var_value_[v] = as->rhs[i];
        } else if (const ty::Var* v = UsedVar(nm)) {
          reassigned_.insert(v);
        }
      }
      break;
    }
    case NodeKind::kValueSpec: {
      auto* vs = static_cast<syntax::ValueSpec*>(n);
      for (size_t i = 0; i < vs->names.size(); i++) {
        auto dt = info_.defs.find(vs->names[i]);
        if (dt == info_.defs.end()) continue;
        auto* v = ty::DynCast<ty::Var>(dt->second);
        if (v == nullptr) continue;
        var_fn_[v] = fn;
        if (vs->values.size() == vs->names.size()) var_value_[v] = vs->values[i];
      }
      break;
    }
    case NodeKind::kRangeStmt: {
      auto* rs = static_cast<syntax::RangeStmt*>(n);
      if (!rs->define) {
        if (const ty::Var* v = rs->key ? UsedVar(rs->key) : nullptr) reassigned_.insert(v);
        if (const ty::Var* v = rs->value ? UsedVar(rs->value) : nullptr) reassigned_.insert(v);
      }
      break;
    }
    case NodeKind::kUnaryExpr: {
      auto* u = static_cast<syntax::UnaryExpr*>(n);
      if (u->op == syntax::Operator::kAnd) {
        if (const ty::Var* v = OuterVar(u->x)) reassigned_.insert(v);
      }
      break;
    }
    case NodeKind::kSelectorExpr: {
      auto* se = static_cast<syntax::SelectorExpr*>(n);
      auto it = info_.selections.find(se);
      if (it != info_.selections.end() && it->second.implicit_addr) {
        if (const ty::Var* v = OuterVar(se->x)) reassigned_.insert(v);
      }
      break;
    }
    default:
      break;
  }
}

const syntax::Expr* Analyzer::StaticValue(const syntax::Expr* e, const Fn* fn) const {
  for (int depth = 0; depth < 64; depth++) {
    e = syntax::Unparen(e);
    auto* nm = DynCast<syntax::Name>(e);
    if (nm == nullptr) return e;
    auto it = info_.uses.find(nm);
    if (it == info_.uses.end()) return e;
    auto* v = ty::DynCast<ty::Var>(it->second);
    if (v == nullptr) return e;
    auto ft = var_fn_.find(v);
    if (ft == var_fn_.end() || ft->second != fn || reassigned_.contains(v)) return e;
    auto vt = var_value_.find(v);
    if (vt == var_value_.end()) return e;
    e = vt->second;
  }
  return e;
}

// bottomUpVisitor's edges: every function named (called or not), method expressions and
// values, and literals, in the order ir.Visit meets them in the body deadcode leaves.
void Analyzer::References(Fn* fn, std::vector<Fn*>* out) {
  CostWalker w(this, fn);
  w.Speculate(out);
  w.Run();
  if (!w.dynamic()) fn->walked = std::make_unique<WalkResult>(w.Take());
}

WalkResult Analyzer::CostWalk(Fn* fn) {
  if (fn->walked != nullptr) {
    WalkResult r = std::move(*fn->walked);
    fn->walked.reset();
    // The hairy visitor's charges in its order: a literal is checked when its call is met.
    for (Fn* c : r.deferred) {
      if (c->lit != nullptr) CanInline(c);
      r.cost += c->inlinable ? c->cost : options_.extra_call_cost;
    }
    return r;
  }
  CostWalker w(this, fn);
  w.Run();
  return w.Take();
}

void CostWalker::Ref(const ty::Object* obj) {
  if (lit_depth_ > 0) return;  // a literal's references are its own
  if (auto* f = ty::DynCast<ty::Func>(obj)) {
    // A method of an instance refers to the generic method (gc: its shape instance).
    if (Fn* d = a_->DeclFn(const_cast<ty::Func*>(f)->Origin())) refs_->push_back(d);
  }
}

uint32_t Analyzer::Visit(Fn* fn) {
  if (fn->visit_id > 0) return fn->visit_id;
  uint32_t id = ++visitgen_;
  fn->visit_id = id;
  uint32_t min = ++visitgen_;
  stack_.push_back(fn);
  std::vector<Fn*> refs;
  References(fn, &refs);
  for (Fn* r : refs) {
    uint32_t m = Visit(r);
    if (m < min) min = m;
  }
  bool hidden = fn->lit != nullptr && !fn->outer->package_init;
  if ((min == id || min == id + 1) && !hidden) {
    bool recursive = min == id;
    size_t i = stack_.size();
    while (i > 0) {
      i--;
      stack_[i]->visit_id = UINT32_MAX;
      if (stack_[i] == fn) break;
    }
    std::vector<Fn*> block(stack_.begin() + static_cast<long>(i), stack_.end());
    stack_.resize(i);
    Component(block, recursive);
  }
  return min;
}

void Analyzer::Line(int file, syntax::Pos pos, std::string msg) {
  if (file < 0) {  // a generated wrapper's call
    out_.lines.push_back(InlineLine{0, {}, absl::StrCat("<autogenerated>:1: ", msg), true});
    return;
  }
  std::string display = file < static_cast<int>(options_.display_names.size())
                            ? options_.display_names[file]
                            : files_[file]->filename;
  syntax::RelPosition rp = syntax::RelPos(*files_[file]->ast, pos);
  std::string where = rp.filename.empty() ? display : std::string(rp.filename);
  // gc keeps 8 bits of column: 0 and from 255 on it prints none.
  std::string text = rp.col > 0 && rp.col < 255
                         ? absl::StrCat(where, ":", rp.line, ":", rp.col, ": ", msg)
                         : absl::StrCat(where, ":", rp.line, ": ", msg);
  out_.lines.push_back(InlineLine{file, pos, std::move(text)});
}

void Analyzer::CanInline(Fn* fn) {
  if (fn->checked) return;
  fn->checked = true;
  if (fn->package_init) {  // MakeInit's function: its calls only
    WalkResult w = CostWalk(fn);
    fn->nodes = w.nodes;
    sites_[fn] = std::move(w.sites);
    return;
  }
  std::string reason = fn->pragma_reason;
  if (reason.empty() && !fn->has_body) reason = "no function body";
  if (fn->has_body) {
    WalkResult w = CostWalk(fn);
    fn->cost = w.cost;
    fn->nodes = w.nodes;
    fn->captured = std::move(w.captured);
    fn->calls = std::move(w.calls);
    fn->packages = std::move(w.packages);
    fn->returns = w.returns;
    fn->last_return = w.last_return;
    sites_[fn] = std::move(w.sites);
    if (reason.empty()) reason = w.reason;
    if (reason.empty() && fn->cost > kInlineMaxBudget) {
      reason = absl::StrCat("function too complex: cost ", fn->cost, " exceeds budget ",
                            kInlineMaxBudget);
    }
  }
  fn->reason = reason;
  fn->inlinable = reason.empty();
  if (fn->inlinable) fn->devirt = DevirtType(fn);
  if (fn->generic && fn->lit == nullptr) {
    // Printed per shape instance by the commands (they know which the package compiles).
  } else if (fn->inlinable) {
    Line(fn->file, fn->pos,
         options_.m > 1 ? absl::StrCat("can inline ", fn->name, " with cost ", fn->cost)
                        : absl::StrCat("can inline ", fn->name));
    if (options_.m > 1) body_texts_.emplace_back(out_.lines.size() - 1, fn);
  } else if (options_.m > 1) {
    Line(fn->file, fn->pos, absl::StrCat("cannot inline ", fn->name, ": ", reason));
  }
  if (fn->generic && fn->lit != nullptr && !out_.lines.empty() &&
      out_.lines.back().generic_owner.empty() && out_.lines.back().pos == fn->pos) {
    // A literal of a generic body: printed per instance, named after it.
    const Fn* top = fn;
    while (top->outer != nullptr) top = top->outer;
    out_.lines.back().generic_owner = top->symbol;
  }
}

// canDelayResults and ir.StaticValue through the inlined copy: exactly one return, with
// values, unnamed results, the first converting a concrete type to the interface result.
ty::Type* Analyzer::DevirtType(const Fn* fn) const {
  const syntax::ReturnStmt* ret = fn->last_return;
  if (!fn->result0.empty() || fn->returns != 1 || ret == nullptr || ret->results.empty()) {
    return nullptr;
  }
  const syntax::Expr* e = syntax::Unparen(ret->results[0]);
  auto it = conv_.find(e);
  if (it == conv_.end()) it = conv_.find(ret->results[0]);
  if (it == conv_.end()) return nullptr;
  const ty::InterfaceConversion& c = *it->second;
  return c.context == ty::ConvContext::kReturn && !IsIface(c.from) ? c.from : nullptr;
}

void Analyzer::Component(const std::vector<Fn*>& list, bool recursive) {
  int non_closures = 0;
  for (Fn* f : list) non_closures += f->lit == nullptr;
  for (Fn* f : list) {
    if (!recursive || non_closures > 1) {
      CanInline(f);
    } else {
      // Never a candidate; inlCallee may still check a literal of it on the spot.
      if (!f->checked) {
        f->reason = "recursive";
        CostWalker w(this, f);
        w.SitesOnly();
        w.Run();
        f->cost = w.cost();
        f->nodes = w.nodes();
        sites_[f] = std::move(w.sites());
      }
      if (options_.m > 1 && !f->package_init && !f->generic) {
        Line(f->file, f->pos, absl::StrCat("cannot inline ", f->name, ": recursive"));
      }
    }
    InlineCalls(f);
    order_.push_back(f);
  }
}

// types.pkgqual: a package whose name several imported packages share prints as its quoted
// path; gc counts the packages its imports' export data names (lower::KnownPackageNames).
std::string Analyzer::InstanceCallee(const ty::Func* origin, const std::vector<ty::Type*>& targs) {
  const auto& tparams = lower::InstanceTypeParams(origin);
  std::vector<ty::Type*> shapes;
  for (size_t i = 0; i < targs.size() && i < tparams.size(); i++) {
    shapes.push_back(shapes_.Shapify(targs[i], static_cast<int>(i), tparams[i]));
  }
  std::string name = lower::ShapeInstanceName(origin, shapes);
  std::string symbol = absl::StrCat(origin->pkg() ? origin->pkg()->path() : "", ".", name);
  Instance inst{Symbol(origin), name};
  if (origin->pkg() != &pkg_) {
    absl::StrAppend(&symbol, "\x01", pkg_.path());
    if (const InlineFunc* imp = Imported(inst.origin)) {
      std::string printed = PrintName(nullptr, imp);
      inst.name = printed.substr(0, printed.size() - imp->name().size()) + name;
    }
  }
  instances_.try_emplace(symbol, std::move(inst));
  return symbol;
}

std::string Analyzer::PrintName(const Fn* local, const InlineFunc* imported) {
  if (local != nullptr) return local->name;
  CountNames();
  std::string qual = imported->pkg_name();
  auto it = name_count_.find(qual);
  if (it != name_count_.end() && it->second > 1) {
    qual = absl::StrCat("\"", imported->pkg_path(), "\"");
  }
  return absl::StrCat(qual, ".", imported->name());
}

// PackageInlining::body_packages: the exported functions' and exported types' methods'
// bodies, and what they call, transitively through inlinable callees (their bodies are
// exported too).
void Analyzer::BodyPackages() {
  absl::flat_hash_map<std::string, std::string> names;
  absl::flat_hash_set<std::string> seen;
  std::vector<const InlineCall*> work;
  auto exported = [](std::string_view n) {
    if (!n.empty() && n[0] == '(') n.remove_prefix(2);  // "(*T).M"
    return !n.empty() && ty::Object::IsExported(n.substr(0, n.find('.')));
  };
  auto local_packages = [&](const Fn* f) {
    for (const ty::Package* q : f->packages) names[q->path()] = q->name();
  };
  for (Fn* f : order_) {
    if (f->package_init || !f->inlinable || !exported(f->name)) continue;
    if (!seen.insert(f->symbol).second) continue;
    local_packages(f);
    for (const InlineCall& c : f->calls) work.push_back(&c);
  }
  while (!work.empty()) {
    const InlineCall* c = work.back();
    work.pop_back();
    if (c->callee().empty()) continue;
    if (auto it = by_symbol_.find(c->callee()); it != by_symbol_.end()) {
      Fn* g = it->second;
      names[pkg_.path()] = pkg_.name();
      if (g->inlinable && seen.insert(g->symbol).second) {
        local_packages(g);
        for (const InlineCall& d : g->calls) work.push_back(&d);
      }
      continue;
    }
    const InlineFunc* g = Imported(c->callee());
    if (g == nullptr) continue;
    names[g->pkg_path()] = g->pkg_name();
    if (g->inlinable() && seen.insert(g->symbol()).second) {
      for (const PackageName& q : g->packages()) names[q.path()] = q.name();
      for (const InlineCall& d : g->calls()) work.push_back(&d);
    }
  }
  out_.body_packages.assign(names.begin(), names.end());
  std::sort(out_.body_packages.begin(), out_.body_packages.end());
}

void Analyzer::CountNames() {
  if (names_counted_) return;
  names_counted_ = true;
  name_count_ = KnownPackageNames(pkg_, options_.imported_body_packages,
                                  options_.exported_packages);
}

// mkinlcall for one call and, transitively, the calls of the inlined body. `args` are the
// static values of the call's function-typed arguments (for calls of parameters).
void Analyzer::Expand(const CallSite& at, const FuncValue& target, int max_cost, const Fn* cur,
                      const std::vector<FuncValue>& args, std::vector<std::string>* stack) {
  Fn* local = target.closure;
  const InlineFunc* imp = nullptr;
  const Instance* instance = local == nullptr ? FindInstance(target.symbol) : nullptr;
  const std::string& lookup = instance != nullptr ? instance->origin : target.symbol;
  if (local == nullptr) {
    auto it = by_symbol_.find(lookup);
    if (it != by_symbol_.end()) local = it->second;
  }
  if (local != nullptr) {
    if (local->lit != nullptr) CanInline(local);  // inlCallee checks a literal on the spot
  } else {
    imp = Imported(lookup);
    if (imp == nullptr) return;
  }
  bool inlinable = local != nullptr ? local->inlinable : imp->inlinable();
  int cost = local != nullptr ? local->cost : imp->cost();
  if (!inlinable || cost > max_cost || local == cur) return;
  // Instrumenting (-race) leaves the runtime's functions out of other code.
  if (options_.race && (local != nullptr ? IsRuntime(&pkg_) : imp->pkg_path() == "runtime")) return;
  if (stack->empty() && at.generic_callee) {
    // mkinlcall: an instance with shape parameters needs a shape argument; one without,
    // none (the dictionary is always an argument).
    if (at.callee_shape_params != at.shape_args) return;
  } else if (stack->empty() && at.shape_args) {
    return;
  }
  if (instance != nullptr && !stack->empty()) return;  // inside copies: not modelled
  if (at.generic_callee && !stack->empty()) return;
  const std::string& sym =
      instance != nullptr ? target.symbol : local != nullptr ? local->symbol : imp->symbol();
  if (std::find(stack->begin(), stack->end(), sym) != stack->end()) return;
  Line(at.file, at.pos, absl::StrCat("inlining call to ",
                                     instance != nullptr ? instance->name : PrintName(local, imp)));
  if (cur->generic) {
    const Fn* top = cur;
    while (top->outer != nullptr) top = top->outer;
    out_.lines.back().generic_owner = top->symbol;
    if (at.generic_callee && stack->empty()) {
      out_.lines.back().instance_callee =
          local != nullptr ? local->name : imp->name();  // renamed per instance
    }
  }
  if (stack->empty() && local != nullptr && local->lit != nullptr && local->outer == cur) {
    local->inlined_in_place = true;
  }
  if (stack->empty() && at.file >= 0) {
    std::string result0 = local != nullptr ? local->result0 : imp->result0();
    std::string result_text = "~R0";
    if (!result0.empty()) {
      result_text = local != nullptr ? result0 : absl::StrCat(imp->pkg_name(), ".", result0);
    }
    types::Type* devirt = nullptr;
    if (local != nullptr) {
      devirt = local->devirt;
    } else if (options_.imported_devirt) {
      devirt = options_.imported_devirt(sym);
    }
    std::vector<std::string> arg_funcs;
    for (const FuncValue& a : at.args) arg_funcs.push_back(a.closure == nullptr ? a.symbol : "");
    out_.sites.push_back(InlineSite{at.file, at.pos, sym, cur->symbol, max_cost, at.call,
                                    std::move(result_text), devirt, std::move(arg_funcs)});
    out_.sites.back().generic_callee = at.generic_callee;
  }
  stack->push_back(sym);
  if (at.generic_callee && stack->size() == 1) {
    // The instance's own calls depend on its shapes: not followed here (the splicer does
    // not either: instance bodies carry no inlining facts).
    stack->pop_back();
    return;
  }
  // The body's calls, read in place (an imported function's are its facts').
  const size_t ncalls = local != nullptr ? local->calls.size() : static_cast<size_t>(imp->calls_size());
  auto call_at = [local, imp](size_t i) -> const InlineCall& {
    return local != nullptr ? local->calls[i] : imp->calls(static_cast<int>(i));
  };
  // inlsubst copies every literal of the body as a new closure of the compiled function,
  // in order, each taking the next name (F.funcN); those called in place are then inlined.
  absl::flat_hash_map<const Fn*, std::string> copies;
  if (local != nullptr) {
    for (const Fn* l : local->lits) {
      int n = ++cur->closgen;
      copies[l] = cur->lit != nullptr ? absl::StrCat(cur->name, ".", n)
                                      : absl::StrCat(cur->name, ".func", n);
    }
    // mkinlcall's delayretvars (one return statement with a value, unnamed results):
    // the result variable's definition is the returned expression, so a returned
    // literal is the static value of the call's result (CallSite::via).
    if (stack->size() == 1 && at.call != nullptr && local->returns == 1 &&
        local->result0.empty() && local->last_return != nullptr &&
        local->last_return->results.size() == 1) {
      auto* lit = DynCast<syntax::FuncLit>(syntax::Unparen(local->last_return->results[0]));
      Fn* lf = lit != nullptr ? LitFn(lit) : nullptr;
      if (lf != nullptr && copies.contains(lf)) returned_copy_[at.call] = {lf, copies[lf]};
    }
  }
  for (size_t i = 0; i < ncalls; i++) {
    const InlineCall& c = call_at(i);
    FuncValue next;
    const ty::Var* v = local != nullptr && i < local->captured.size() ? local->captured[i] : nullptr;
    if (v != nullptr) {
      // The captured variable, as the outermost function sees it.
      auto ft = var_fn_.find(v);
      auto vt = var_value_.find(v);
      if (ft == var_fn_.end() || ft->second != cur || vt == var_value_.end() || Reassigned(v)) {
        continue;
      }
      const syntax::Expr* value = StaticValue(vt->second, cur);
      if (auto* lit = DynCast<syntax::FuncLit>(syntax::Unparen(value))) next.closure = LitFn(lit);
    } else if (c.param() > 0) {
      if (static_cast<size_t>(c.param()) > args.size()) continue;
      next = args[c.param() - 1];
    } else {
      next.symbol = c.callee();
    }
    if (next.symbol.empty() && next.closure == nullptr) continue;
    Fn* lit = next.closure;
    if (lit == nullptr && local != nullptr) {
      auto lt = by_symbol_.find(next.symbol);
      if (lt != by_symbol_.end() && lt->second->lit != nullptr) lit = lt->second;
    }
    if (lit != nullptr && local != nullptr && lit->outer == local && copies.contains(lit)) {
      ExpandCopy(at, lit, copies[lit], max_cost, cur, stack);
      continue;
    }
    Expand(at, next, max_cost, cur, {}, stack);
  }
  stack->pop_back();
}

// A literal of an inlined body called in place: inlsubst.closure copies it as a new
// closure of the function being compiled (named after it: F.func2, F.func1.2), which
// inlCallee then checks and mkinlcall inlines like any other.
void Analyzer::ExpandCopy(const CallSite& at, Fn* lit, const std::string& name, int max_cost,
                          const Fn* cur, std::vector<std::string>* stack) {
  CanInline(lit);  // the copy's body is the literal's
  if (lit->inlinable) {
    Line(lit->file, lit->pos,
         options_.m > 1 ? absl::StrCat("can inline ", name, " with cost ", lit->cost)
                        : absl::StrCat("can inline ", name));
    if (options_.m > 1) body_texts_.emplace_back(out_.lines.size() - 1, lit);
  } else if (options_.m > 1) {
    Line(lit->file, lit->pos, absl::StrCat("cannot inline ", name, ": ", lit->reason));
  }
  if (!lit->inlinable || lit->cost > max_cost) return;
  Line(at.file, at.pos, absl::StrCat("inlining call to ", name));
  stack->push_back(lit->symbol);
  for (const InlineCall& c : lit->calls) {
    if (c.callee().empty()) continue;
    FuncValue next;
    next.symbol = c.callee();
    Expand(at, next, max_cost, cur, {}, stack);
  }
  stack->pop_back();
}

void Analyzer::InlineCalls(Fn* fn) {
  int max_cost = fn->nodes >= kInlineBigFunctionNodes ? kInlineBigFunctionMaxCost
                                                      : kInlineMaxBudget;
  auto it = sites_.find(fn);
  if (it == sites_.end()) return;
  std::vector<std::string> stack;
  for (const CallSite& s : it->second) {
    if (s.no_inline) continue;
    if (s.via != nullptr) {
      auto rc = returned_copy_.find(s.via);
      if (rc == returned_copy_.end()) continue;
      Fn* lit = rc->second.first;
      CanInline(lit);
      if (lit->inlinable && lit->cost <= max_cost) {
        out_.sites.push_back(InlineSite{s.file, s.pos, lit->symbol, fn->symbol, max_cost, s.call,
                                        "~R0", nullptr, {}, s.via->pos});
      }
      ExpandCopy(s, lit, rc->second.second, max_cost, fn, &stack);
      continue;
    }
    FuncValue target{s.callee, s.closure};
    Expand(s, target, max_cost, fn, s.args, &stack);
  }
}

// reflectdata.methodWrapper: writing the runtime type of *T for each type T declared at
// package scope (addsignats; sorted by name, as WriteRuntimeTypes), gc generates a
// (*T).M wrapper for each method M declared on T with a value receiver, and inlines the
// call of T.M in it (InlineCalls, for (*T).M wrappers of the compiled package only).
namespace {

// types.IsDirectIface: pointer-shaped types are stored in the interface word itself.
bool IsDirectIface(ty::Type* t) {
  ty::Type* u = t != nullptr ? ty::Under(t) : nullptr;
  if (u == nullptr) return false;
  if (ty::Isa<ty::Pointer>(u) || ty::Isa<ty::Chan>(u) || ty::Isa<ty::Map>(u) ||
      ty::Isa<ty::Signature>(u)) {
    return true;
  }
  if (auto* b = ty::DynCast<ty::Basic>(u)) return b->basic_kind() == ty::BasicKind::kUnsafePointer;
  if (auto* a = ty::DynCast<ty::Array>(u)) return a->len() == 1 && IsDirectIface(a->elem());
  if (auto* st = ty::DynCast<ty::Struct>(u)) {
    return st->NumFields() == 1 && IsDirectIface(st->Field(0)->type());
  }
  return false;
}

}  // namespace

// writeType's recursion from t: the descriptors of the package's types it writes (each
// named T also writes *T, whose method table makes the (*T).M wrappers). Records their
// names in *written.
void Analyzer::WrittenTypes(ty::Type* t, absl::flat_hash_set<std::string>* written) {
  std::vector<ty::Type*> work = {t};
  absl::flat_hash_set<ty::Type*> seen;
  auto push = [&](ty::Type* x) { work.push_back(x); };
  while (!work.empty()) {
    ty::Type* x = work.back();
    work.pop_back();
    if (x == nullptr || !seen.insert(x).second) continue;
    if (auto* n = ty::DynCast<ty::Named>(x)) {
      // Other packages' types were written by them (NeedEmit); generic ones never are.
      if (n->obj() == nullptr || n->obj()->pkg() != &pkg_ || !n->type_params().empty()) continue;
      written->insert(std::string(n->obj()->name()));
      work.push_back(n->Underlying());
      for (int i = 0; i < n->NumMethods(); i++) {  // the method table's func types
        if (ty::Func* m = n->Method(i); m != nullptr) work.push_back(m->type());
      }
      continue;
    }
    lower::ForEachComponentType(x, push);
  }
}

// staticinit (pkginit.Task, before escape analysis) writes the itab of every conversion
// to a non-empty interface in a package-level initializer it assigns statically (the
// value itself, or inside composite literals), and with it the descriptor of the
// concrete type (writeType): the (*T).M wrappers of every type that writes are generated
// then, before AfterGlobalEscapeAnalysis, and not inlined. Records those types' names.
void Analyzer::EarlyWrappers(const syntax::Expr* e, ty::Type* target,
                             absl::flat_hash_set<std::string>* early) {
  e = syntax::Unparen(e);
  if (e == nullptr || target == nullptr || !base::StackAvailable()) return;
  auto type_of = [&](const syntax::Expr* x) -> ty::Type* {
    auto it = info_.types.find(x);
    return it == info_.types.end() ? nullptr : it->second.type;
  };
  if (auto* iface = ty::DynCast<ty::Interface>(ty::Under(target))) {
    // OCONVIFACE chains: the concrete value inside explicit conversions.
    ty::Type* t = type_of(e);
    while (t != nullptr && ty::Isa<ty::Interface>(ty::Under(t))) {
      auto* call = DynCast<syntax::CallExpr>(e);
      auto it = call != nullptr && call->args.size() == 1 ? info_.types.find(call->fun)
                                                          : info_.types.end();
      if (it == info_.types.end() || it->second.mode != ty::Mode::kTypeExpr) return;
      e = syntax::Unparen(call->args[0]);
      t = type_of(e);
    }
    if (t != nullptr && iface->NumMethods() > 0) WrittenTypes(t, early);
    return;
  }
  const syntax::CompositeLit* cl = DynCast<syntax::CompositeLit>(e);
  if (auto* u = DynCast<syntax::UnaryExpr>(e); u && u->op == syntax::Operator::kAnd) {
    cl = DynCast<syntax::CompositeLit>(syntax::Unparen(u->x));  // OPTRLIT
  }
  if (cl == nullptr) return;
  ty::Type* lt = ty::Under(type_of(cl));
  if (auto* st = ty::DynCast<ty::Struct>(lt)) {
    for (size_t i = 0; i < cl->elems.size(); i++) {
      const syntax::Expr* v = cl->elems[i];
      int field = static_cast<int>(i);
      if (auto* kv = DynCast<syntax::KeyValueExpr>(v)) {
        auto* key = DynCast<syntax::Name>(kv->key);
        field = -1;
        for (int f = 0; key != nullptr && f < st->NumFields(); f++) {
          if (st->Field(f)->name() == key->value) field = f;
        }
        v = kv->value;
      }
      if (field >= 0 && field < st->NumFields()) EarlyWrappers(v, st->Field(field)->type(), early);
    }
  } else if (ty::Isa<ty::Array>(lt) || ty::Isa<ty::Slice>(lt)) {
    ty::Type* elem = ty::Isa<ty::Array>(lt) ? ty::DynCast<ty::Array>(lt)->elem()
                                             : ty::DynCast<ty::Slice>(lt)->elem();
    for (const syntax::Expr* v : cl->elems) {
      if (auto* kv = DynCast<syntax::KeyValueExpr>(v)) v = kv->value;
      EarlyWrappers(v, elem, early);
    }
  }
}

void Analyzer::WrapperCalls() {
  const ty::Scope* scope = pkg_.scope();
  if (scope == nullptr) return;
  absl::flat_hash_set<std::string> early;
  for (const syntax::ParsedFile* f : files_) {
    for (syntax::Decl* d : f->ast->decls) {
      auto* gd = DynCast<syntax::GenDecl>(d);
      if (gd == nullptr || gd->tok != syntax::Token::kVar) continue;
      for (syntax::Spec* sp : gd->specs) {
        auto* vs = DynCast<syntax::ValueSpec>(sp);
        if (vs == nullptr || vs->names.size() != vs->values.size()) continue;
        for (size_t i = 0; i < vs->names.size(); i++) {
          if (vs->names[i]->value == "_") continue;
          auto it = info_.defs.find(vs->names[i]);
          if (it == info_.defs.end() || it->second == nullptr) continue;
          EarlyWrappers(vs->values[i], it->second->type(), &early);
        }
      }
    }
  }
  for (std::string_view name : scope->Names()) {
    auto* tn = ty::DynCast<ty::TypeName>(scope->Lookup(name));
    if (tn == nullptr || tn->IsAlias()) continue;
    auto* named = ty::DynCast<ty::Named>(tn->type());
    if (named == nullptr || !named->type_params().empty()) continue;
    std::vector<const ty::Func*> methods;
    for (int i = 0; i < named->NumMethods(); i++) {
      const ty::Func* m = named->Method(i);
      if (m != nullptr && !m->has_ptr_recv()) methods.push_back(m);
    }
    // Sym.Less: exported names first, then by name.
    std::sort(methods.begin(), methods.end(), [](const ty::Func* a, const ty::Func* b) {
      bool ea = a->Exported(), eb = b->Exported();
      return ea != eb ? ea : a->name() < b->name();
    });
    for (const ty::Func* m : methods) {
      auto it = decl_fn_.find(m);
      if (it == decl_fn_.end() || !it->second->inlinable) continue;
      // Only wrappers made after escape analysis inline, and only methods without
      // closures left to compile (methodWrapper, issue 53702: Func.Closures, which walk
      // fills; a literal inlined where it is called is gone by then).
      bool closures = false;
      for (const Fn* l : it->second->lits) closures |= !l->inlined_in_place;
      if (closures || early.contains(std::string(name))) continue;
      Fn wrapper;
      wrapper.name = absl::StrCat("(*", std::string(name), ").", m->name());
      wrapper.symbol = absl::StrCat(pkg_.path(), ".", wrapper.name);
      CallSite at;
      at.file = -1;
      at.callee = it->second->symbol;
      std::vector<std::string> stack;
      Expand(at, FuncValue{at.callee, nullptr}, kInlineMaxBudget, &wrapper, {}, &stack);
    }
  }
}

PackageInlining Analyzer::Run() {
  Collect();
  for (Fn* r : roots_) Visit(r);
  WrapperCalls();
  CountNames();
  for (const auto& [name, count] : name_count_) {
    if (count > 1) out_.quoted_names.push_back(name);
  }
  std::sort(out_.quoted_names.begin(), out_.quoted_names.end());
  // -m=2: " as: BODY", with package qualifiers as the package's texts spell them.
  std::vector<std::pair<const syntax::ParsedFile*, const syntax::Node*>> bodies;
  for (const auto& [line, fn] : body_texts_) {
    bodies.emplace_back(files_[fn->file], fn->decl != nullptr
                                              ? static_cast<const syntax::Node*>(fn->decl)
                                              : static_cast<const syntax::Node*>(fn->lit));
  }
  std::vector<std::string> texts = InlineBodyTexts(pkg_, info_, bodies, out_.quoted_names);
  for (size_t i = 0; i < body_texts_.size(); i++) {
    absl::StrAppend(&out_.lines[body_texts_[i].first].text, " as: ", texts[i]);
  }
  BodyPackages();
  for (Fn* f : order_) {
    if (f->package_init) continue;
    InlineFunc out;
    out.set_symbol(f->symbol);
    out.set_name(f->name);
    out.set_inlinable(f->inlinable);
    out.set_cost(f->cost);
    out.set_reason(f->reason);
    for (const InlineCall& c : f->calls) *out.add_calls() = c;
    out.set_pkg_path(pkg_.path());
    out.set_pkg_name(pkg_.name());
    out.set_nodes(f->nodes);
    out.set_result0(f->result0);
    if (f->inlinable) {
      std::vector<std::pair<std::string, std::string>> pkgs;
      for (const ty::Package* q : f->packages) pkgs.emplace_back(q->path(), q->name());
      std::sort(pkgs.begin(), pkgs.end());
      for (const auto& [path, name] : pkgs) {
        PackageName* n = out.add_packages();
        n->set_path(path);
        n->set_name(name);
      }
    }
    if (f->devirt != nullptr) out_.devirt[f->symbol] = f->devirt;
    out_.funcs.push_back(std::move(out));
  }
  return std::move(out_);
}

}  // namespace

std::string_view SymbolPackage(std::string_view symbol) {
  size_t slash = symbol.rfind('/', symbol.find('('));
  size_t dot = symbol.find('.', slash == std::string_view::npos ? 0 : slash);
  return symbol.substr(0, dot);
}

std::vector<std::string_view> SymbolPackages(std::string_view symbol) {
  std::vector<std::string_view> out;
  // A shape instance's type arguments ("p.F[go.shape.struct { example.com/q.x int }_0]")
  // name other packages: the package is before them.
  size_t bracket = symbol.find('[');
  size_t paren = std::min(symbol.find('('), bracket);
  size_t slash = symbol.rfind('/', paren);
  size_t from = slash == std::string_view::npos ? 0 : slash;
  size_t end = paren == std::string_view::npos ? symbol.size() : paren;
  for (size_t dot = symbol.rfind('.', end); dot != std::string_view::npos && dot > from;
       dot = symbol.rfind('.', dot - 1)) {
    out.push_back(symbol.substr(0, dot));
  }
  if (from == 0 && !symbol.empty() && symbol[0] != '.' && out.empty()) out.push_back(symbol);
  return out;
}

bool IsInlineIntrinsic(std::string_view symbol) {
  std::string_view pkg = SymbolPackage(symbol);
  if (pkg.size() == symbol.size()) return false;
  return IsIntrinsic(pkg, symbol.substr(pkg.size() + 1));
}

PackageInlining AnalyzeInlining(const types::Package& pkg,
                                const std::vector<const syntax::ParsedFile*>& files,
                                const types::Info& info, const InlineOptions& options) {
  Analyzer a(pkg, files, info, options);
  return a.Run();
}

}  // namespace heapmap::ir
