// ir/lower_call.cc — calls: escape/call.go callCommon (callee resolution as ir.StaticValue,
// FixVariadicCall's "... argument", FixMethodCall's receiver-first form), builtins, explicit
// conversions (OCONVIFACE, OBYTES2STR, ...) and go/defer.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "frontend/syntax/ast_walk.h"
#include "frontend/types/lookup.h"
#include "frontend/types/predicates.h"
#include "ir/lower_internal.h"

namespace heapmap::ir::lower {

using syntax::DynCast;
using syntax::NodeKind;
namespace ty = ::heapmap::types;

bool Lowerer::IsConversion(const syntax::CallExpr* call) const {
  const ty::TypeAndValue* tv = TV(call->fun);
  return tv != nullptr && tv->mode == ty::Mode::kTypeExpr;
}

int Lowerer::NumResults(const syntax::CallExpr* call) const {
  ty::Type* ft = TypeOf(call->fun);
  auto* sig = ft ? ty::DynCast<ty::Signature>(ty::Under(ft)) : nullptr;
  return sig ? ty::TupleLen(sig->results()) : 0;
}

// "(*pkg.T).M" (types2 FullName) -> "pkgpath.(*T).M".
std::string MethodSymbol(const ty::Func* fn) {
  std::string sym = fn->FullName();
  if (sym.empty() || sym[0] != '(') return sym;
  bool ptr = sym[1] == '*';
  size_t close = sym.find(')');
  std::string qual = sym.substr(ptr ? 2 : 1, close - (ptr ? 2 : 1));
  size_t dot = qual.rfind('.');
  std::string path = qual.substr(0, dot), tn = qual.substr(dot + 1);
  return absl::StrCat(path, ".", ptr ? "(*" : "", tn, ptr ? ")" : "", sym.substr(close + 1));
}

// A package-level function's link symbol: "pkgpath.F".
std::string FuncSymbol(const ty::Func* f) {
  return absl::StrCat(f->pkg() ? f->pkg()->path() : "", ".", f->name());
}

bool IsGenericFunc(const ty::Func* f) {
  auto* sig = f != nullptr ? f->signature() : nullptr;
  return sig != nullptr && (!sig->type_params().empty() || !sig->recv_type_params().empty());
}

const std::vector<ty::TypeParam*>& InstanceTypeParams(const ty::Func* f) {
  auto* sig = f->signature();
  return sig->recv_type_params().empty() ? sig->type_params() : sig->recv_type_params();
}

std::string ShapeInstanceName(const ty::Func* origin, const std::vector<ty::Type*>& shapes) {
  auto* sig = origin->signature();
  if (sig == nullptr || sig->recv() == nullptr) return origin->name() + TypeArgList(shapes);
  ty::Type* rt = sig->recv()->type();
  bool ptr = false;
  if (auto* p = ty::DynCast<ty::Pointer>(rt)) {
    ptr = true;
    rt = p->elem();
  }
  auto* n = ty::DynCast<ty::Named>(rt);
  std::string tn = (n != nullptr ? n->obj()->name() : std::string("?")) + TypeArgList(shapes);
  return ptr ? absl::StrCat("(*", tn, ").", origin->name()) : absl::StrCat(tn, ".", origin->name());
}

const ty::Builtin* Lowerer::BuiltinCallee(const syntax::Expr* fun) const {
  fun = syntax::Unparen(fun);
  const syntax::Name* nm = DynCast<syntax::Name>(fun);
  if (auto* s = DynCast<syntax::SelectorExpr>(fun)) nm = s->sel;  // unsafe.Sizeof, ...
  return nm != nullptr ? ty::DynCast<ty::Builtin>(ObjOf(nm)) : nullptr;
}

namespace {

// The functions reflect and internal/reflectlite declare without a body and the runtime
// implements by allocating (runtime/malloc.go, map.go, chan.go).
bool IsReflectAllocator(std::string_view symbol) {
  return symbol == "reflect.unsafe_New" || symbol == "reflect.unsafe_NewArray" ||
         symbol == "reflect.makemap" || symbol == "reflect.makechan" ||
         symbol == "internal/reflectlite.unsafe_New";
}

}  // namespace

CallKind Lowerer::StaticCallee(const syntax::Expr* e, std::string* callee) {
  e = syntax::Unparen(e);
  if (auto* ix = DynCast<syntax::IndexExpr>(e)) {
    // An explicit instantiation F[T] (or pkg.F[T]): the generic function's instance.
    const syntax::Expr* x = syntax::Unparen(ix->x);
    const syntax::Name* nm = DynCast<syntax::Name>(x);
    if (auto* s = DynCast<syntax::SelectorExpr>(x)) nm = s->sel;
    auto* f = nm != nullptr ? ty::DynCast<ty::Func>(ObjOf(nm)) : nullptr;
    if (f == nullptr || !IsGenericFunc(f)) return CALL_DYNAMIC;
    *callee = GenericFuncInstance(nm, f);
    return callee->empty() ? CALL_DYNAMIC : CALL_STATIC;
  }
  if (auto* lit = DynCast<syntax::FuncLit>(e)) {
    auto it = lit_func_.find(lit);
    if (it == lit_func_.end()) return CALL_DYNAMIC;
    *callee = b_.func(it->second).symbol();
    return CALL_CLOSURE;
  }
  const syntax::Name* nm = DynCast<syntax::Name>(e);
  if (auto* s = DynCast<syntax::SelectorExpr>(e)) {
    auto it = ctx_->info->selections.find(s);
    if (it != ctx_->info->selections.end()) {
      auto* f = ty::DynCast<ty::Func>(it->second.obj);
      if (it->second.kind != ty::SelKind::kMethodExpr || f == nullptr ||
          IsInterfaceType(Sh(f->signature()->recv()->type()))) {
        return CALL_DYNAMIC;
      }
      if (IsGenericFunc(f->Origin())) {
        *callee = GenericMethodInstance(f);
        return callee->empty() ? CALL_DYNAMIC : CALL_STATIC;
      }
      *callee = MethodSymbol(f);
      return CALL_STATIC;
    }
    nm = s->sel;  // a qualified identifier
  }
  auto* f = nm != nullptr ? ty::DynCast<ty::Func>(ObjOf(nm)) : nullptr;
  if (f == nullptr) return CALL_DYNAMIC;
  if (IsGenericFunc(f)) {
    // A call of F[targs]: stenciled as F[shapes] (GenericFuncInstance).
    *callee = GenericFuncInstance(nm, f);
    return callee->empty() ? CALL_DYNAMIC : CALL_STATIC;
  }
  *callee = FuncSymbol(f);
  return CALL_STATIC;
}

void Lowerer::Conversion(Hole k, const syntax::CallExpr* call) {
  if (call->args.empty()) return;
  const syntax::Expr* x = call->args[0];
  ty::Type* to = TypeOf(call);
  ty::Type* from = TypeOf(x);
  if (to == nullptr || from == nullptr) return;
  ty::Type* tu = ty::Under(to);
  ty::Type* fu = ty::Under(from);
  auto basic = [](ty::Type* t, uint32_t info) {
    auto* b = ty::DynCast<ty::Basic>(t);
    return b && (b->info() & info);
  };
  auto byte_or_rune_slice = [](ty::Type* t, bool rune) {
    auto* s = ty::DynCast<ty::Slice>(t);
    if (s == nullptr) return false;
    auto* b = ty::DynCast<ty::Basic>(ty::Under(s->elem()));
    return b && b->basic_kind() == (rune ? ty::BasicKind::kInt32 : ty::BasicKind::kUint8);
  };
  if (IsNilExpr(x)) return;  // T(nil) is typecheck's ONIL of type T: no conversion
  if (IsInterfaceType(to) && !IsInterfaceType(from)) {
    if (!IsDirectIface(from)) {
      // A shaped value is boxed through the dictionary: OEFACE(type, OCONVIDATA(x)).
      auto gt = ctx_->info->types.find(x);
      bool shaped = generic_ && gt != ctx_->info->types.end() && HasTypeParam(gt->second.type);
      std::string text = shaped ? absl::StrCat("unsafe.Pointer(", GcText(x), ")") : GcText(call);
      k = Spill(k, NewAlloc(ALLOC_CONVIFACE, text, call->pos, to));
    }
    ExprNoConv(Note(k, call, "interface-converted"), x);
    return;
  }
  AllocKind kind = ALLOC_KIND_UNSPECIFIED;
  std::string text;
  if (basic(tu, ty::kIsString) && byte_or_rune_slice(fu, false)) {
    kind = ALLOC_BYTES2STR;
  } else if (basic(tu, ty::kIsString) && byte_or_rune_slice(fu, true)) {
    kind = ALLOC_RUNES2STR;
  } else if (basic(tu, ty::kIsString) && basic(fu, ty::kIsInteger)) {
    kind = ALLOC_RUNESTR;
  } else if (byte_or_rune_slice(tu, false) && basic(fu, ty::kIsString)) {
    kind = ALLOC_STR2BYTES;
  } else if (byte_or_rune_slice(tu, true) && basic(fu, ty::kIsString)) {
    kind = ALLOC_STR2RUNES;
  }
  if (kind != ALLOC_KIND_UNSPECIFIED) {
    std::string ts = GcTypeString(to, TextPkg());
    std::string fun = ty::Isa<ty::Named>(to) || ty::Isa<ty::Basic>(to) ? ts : "(" + ts + ")";
    Spill(k, NewAlloc(kind, absl::StrCat(fun, "(", GcText(x), ")"), call->pos, to));
    Discard(x);
    return;
  }
  if (IsUnsafePtr(to) && IsUintptr(from)) {
    UnsafeValue(k, x);
    return;
  }
  Expr(k, x);
}

void Lowerer::Call(const std::vector<Hole>* ks, const syntax::CallExpr* call) {
  CallCommon(ks, call, false, false, nullptr);
}

// ir.OuterValue: the variable whose storage an addressed expression is part of.
const syntax::Expr* Lowerer::OuterValue(const syntax::Expr* e) const {
  while (true) {
    e = syntax::Unparen(e);
    FieldSel f;
    if (FieldStep(e, &f)) {
      if (f.ptr || f.index->size() != 1) return e;  // ODOTPTR: another object
      e = f.sel->x;
    } else if (auto* ix = DynCast<syntax::IndexExpr>(e); ix && ix->indices.size() == 1) {
      ty::Type* xt = TypeOf(ix->x);
      if (xt == nullptr || !ty::Isa<ty::Array>(ty::Under(xt))) return e;
      e = ix->x;
    } else {
      return e;
    }
  }
}

// ir.reassigned, as inlining and devirtualization see it (not escape analysis' own): a
// local is reassigned by any plain or range assignment other than its definition, or by
// taking its address (explicitly, or implicitly for a pointer-receiver method), anywhere
// in the function and its closures. x op= y and x++ do not count.
void Lowerer::ComputeStaticReassigned(syntax::Node* body) {
  const ty::Info& info = *ctx_->info;
  auto mark = [&](const syntax::Expr* e) {
    auto* nm = DynCast<syntax::Name>(syntax::Unparen(e));
    if (nm == nullptr || info.defs.contains(nm)) return;
    if (auto* v = ty::DynCast<ty::Var>(ObjOf(nm))) static_reassigned_.insert(v);
  };
  syntax::Walk(body, [&](syntax::Node* n) {
    switch (n->kind) {
      case NodeKind::kAssignStmt: {
        auto* as = static_cast<syntax::AssignStmt*>(n);
        if (as->op == syntax::Operator::kNone) {
          for (const syntax::Expr* l : as->lhs) mark(l);
        }
        break;
      }
      case NodeKind::kRangeStmt: {
        auto* rs = static_cast<syntax::RangeStmt*>(n);
        if (!rs->define) {
          if (rs->key) mark(rs->key);
          if (rs->value) mark(rs->value);
        }
        break;
      }
      case NodeKind::kUnaryExpr: {
        auto* u = static_cast<syntax::UnaryExpr*>(n);
        if (u->op == syntax::Operator::kAnd) mark(OuterValue(u->x));
        break;
      }
      case NodeKind::kSelectorExpr: {
        auto* se = static_cast<syntax::SelectorExpr*>(n);
        auto it = info.selections.find(se);
        if (it != info.selections.end() && it->second.implicit_addr) mark(OuterValue(se->x));
        break;
      }
      default:
        break;
    }
    return true;
  });
}

// ir.StaticValue: follows locals defined by a single assignment (x := v, var x = v,
// a, b := v, w) and never reassigned to the value they hold.
const syntax::Expr* Lowerer::StaticValue(const syntax::Expr* e) {
  for (int depth = 0; depth < 64; depth++) {
    e = syntax::Unparen(e);
    auto* nm = DynCast<syntax::Name>(e);
    if (nm == nullptr) return e;
    // An implicit conversion to interface is an OCONVIFACE node: the value stops there.
    if (depth > 0 && ctx_->conv.contains(e)) return e;
    auto* v = ty::DynCast<ty::Var>(ObjOf(nm));
    VarInfo* vi = v ? VarOf(nm) : nullptr;
    // PAUTO of the current function: not a parameter, not captured from outside.
    if (vi == nullptr || vi->func != cur_ || vi->defn == nullptr ||
        b_.loc(vi->loc).kind() != LOC_LOCAL || static_reassigned_.contains(v)) {
      return e;
    }
    // OAS or OAS2 (as many values as names): the value assigned to v.
    const syntax::Expr* rhs = nullptr;
    auto pick = [&](auto lhs, auto rhs_list) {
      if (lhs.size() != rhs_list.size()) return;
      for (size_t i = 0; i < lhs.size(); i++) {
        auto* ln = DynCast<syntax::Name>(syntax::Unparen(lhs[i]));
        if (ln != nullptr && ObjOf(ln) == v) rhs = rhs_list[i];
      }
    };
    if (auto* as = DynCast<syntax::AssignStmt>(vi->defn); as && as->op == syntax::Operator::kNone) {
      pick(as->lhs, as->rhs);
    } else if (auto* vs = DynCast<syntax::ValueSpec>(vi->defn)) {
      pick(vs->names, vs->values);
    }
    if (rhs == nullptr) return e;
    e = rhs;
  }
  return e;
}

// devirtualize.Call: an interface method call whose receiver's static value is a
// conversion of a concrete T becomes a call of T's method on x.(T). Methods promoted
// from embedded fields stay interface calls (gc's "partially devirtualizing" keeps
// ODOTINTER for an embedded interface; promoted concrete methods are rare and not
// modelled). Returns the method and sets *type, or nullptr.
const ty::Func* Lowerer::Devirtualize(const syntax::CallExpr* call, const syntax::SelectorExpr* s,
                                      ty::Type** type, std::vector<int>* partial_path) {
  const syntax::Expr* x = syntax::Unparen(s->x);
  const syntax::Expr* v = x->kind == NodeKind::kName ? StaticValue(x) : x;
  ty::Type* from = nullptr;
  if (auto it = ctx_->conv.find(v); it != ctx_->conv.end() && v != x) {
    from = it->second->from;  // implicit OCONVIFACE: var x I = v
  } else if (auto* c = DynCast<syntax::CallExpr>(syntax::Unparen(v));
             c != nullptr && IsConversion(c) && c->args.size() == 1 &&
             IsInterfaceType(TypeOf(c))) {
    from = TypeOf(c->args[0]);  // explicit I(v)
    if (auto jt = ctx_->conv.find(c->args[0]); jt != ctx_->conv.end()) from = jt->second->from;
  }
  if (from == nullptr && ctx_->inlined_calls != nullptr) {
    // ir.StaticValue through an inlined call: its ~R0 holds the one returned conversion.
    if (auto* c = DynCast<syntax::CallExpr>(syntax::Unparen(v))) {
      if (auto it = ctx_->inlined_calls->find(c); it != ctx_->inlined_calls->end()) {
        from = it->second.devirt_type;
      }
    }
  }
  if (from == nullptr || IsInterfaceType(from) || ty::Isa<ty::Basic>(from)) return nullptr;
  ty::LookupResult r = ty::LookupFieldOrMethod(from, false, ctx_->pkg, s->sel->value);
  auto* m = ty::DynCast<ty::Func>(r.obj);
  if (m == nullptr || m->signature() == nullptr || m->signature()->recv() == nullptr) return nullptr;
  const bool promoted = r.index.size() != 1;
  const std::string msg = absl::StrCat(promoted ? "partially devirtualizing " : "devirtualizing ",
                                       GcText(s), " to ", GcTypeString(from, TextPkg()));
  if (promoted) {
    if (IsInterfaceType(m->signature()->recv()->type())) {
      // Partial: still an interface call, on x.(T).E...: the receiver is read out of the
      // boxed T (dotType) and through the embedded fields.
      b_.AddRemark(call->pos.line, call->pos.col, msg);
      *type = from;
      if (partial_path != nullptr) partial_path->assign(r.index.begin(), r.index.end() - 1);
    }
    return nullptr;
  }
  b_.AddRemark(call->pos.line, call->pos.col, msg);
  *type = from;
  return m;
}

bool Lowerer::UintptrEscapesArg(const syntax::Expr* e) {
  auto* c = DynCast<syntax::CallExpr>(syntax::Unparen(e));
  if (c == nullptr || !IsConversion(c) || c->args.size() != 1) return false;
  if (!IsUintptr(TypeOf(c)) || !IsUnsafePtr(TypeOf(c->args[0]))) return false;
  uint32_t tmp = NewTemp(LOC_TEMP, false);
  Expr(LocHole(tmp), c->args[0]);
  Flow(HeapHole(), tmp, "//go:uintptrescapes");
  return true;
}

bool Lowerer::WrapsArgument(const syntax::Expr* e, types::Type* param) const {
  if (e == nullptr) return true;  // a multi-value call's result temporary
  e = syntax::Unparen(e);
  // rewriteArgument's visit leaves OLITERAL, ONIL, OMETHEXPR and function names in the
  // call; a constant passed to an interface parameter is an OCONVIFACE and is copied.
  const ty::TypeAndValue* tv = TV(e);
  if (tv != nullptr && tv->mode == ty::Mode::kConstant) {
    return param != nullptr && IsInterfaceType(param) && !IsInterfaceType(tv->type);
  }
  if (IsNilExpr(e)) return false;
  const syntax::Name* nm = DynCast<syntax::Name>(e);
  if (auto* s = DynCast<syntax::SelectorExpr>(e)) {
    auto it = ctx_->info->selections.find(s);
    if (it != ctx_->info->selections.end()) return it->second.kind != ty::SelKind::kMethodExpr;
    nm = s->sel;  // a qualified identifier
  }
  if (nm != nullptr && ty::Isa<ty::Func>(ObjOf(nm))) return false;
  return true;
}

void Lowerer::Builtin(const std::vector<Hole>* ks, const syntax::CallExpr* call,
                      ty::BuiltinId id) {
  Hole k0 = ks && !ks->empty() ? (*ks)[0] : DiscardHole();
  const auto& args = call->args;
  switch (id) {
    case ty::BuiltinId::kAppend: {
      if (args.empty()) return;
      // Its growth: always on the heap, never printed by gc; recorded for report/.
      b_.loc(NewAlloc(ALLOC_APPEND, GcText(call), call->pos, nullptr)).set_silent(true);
      ty::Type* st = TypeOf(args[0]);
      auto* s = st ? ty::DynCast<ty::Slice>(ty::CoreType(st)) : nullptr;
      Hole appendee = k0;
      if (s && HasPointers(s->elem())) {
        appendee = Tee({appendee, NoteDeref(HeapHole(), call, "appendee slice")});
      }
      Expr(Note(appendee, call, "call parameter"), args[0]);
      if (call->has_dots) {
        Hole appended = DiscardHole();
        ty::Type* t1 = args.size() > 1 ? TypeOf(args[1]) : nullptr;
        auto* s1 = t1 ? ty::DynCast<ty::Slice>(ty::Under(t1)) : nullptr;
        if (s1 && HasPointers(s1->elem())) appended = NoteDeref(HeapHole(), call, "appended slice...");
        if (args.size() > 1) Expr(Note(appended, call, "call parameter"), args[1]);
      } else {
        for (size_t i = 1; i < args.size(); i++) {
          Expr(Note(HeapHole(), call, "call parameter"), args[i]);
        }
      }
      return;
    }
    case ty::BuiltinId::kCopy: {
      if (args.size() < 2) return;
      Discard(args[0]);
      Hole copied = DiscardHole();
      ty::Type* t1 = TypeOf(args[1]);
      auto* s1 = t1 ? ty::DynCast<ty::Slice>(ty::Under(t1)) : nullptr;
      if (s1 && HasPointers(s1->elem())) copied = NoteDeref(HeapHole(), call, "copied slice");
      Expr(Note(copied, call, "call parameter"), args[1]);
      return;
    }
    case ty::BuiltinId::kPanic:
      if (!args.empty()) Expr(Note(HeapHole(), call, "call parameter"), args[0]);
      return;
    case ty::BuiltinId::kNew: {
      ty::Type* t = TypeOf(call);
      Spill(k0, NewAlloc(ALLOC_NEW, absl::StrCat("new(", GcTypeString(
                                                    ty::DynCast<ty::Pointer>(t) ? ty::DynCast<ty::Pointer>(t)->elem() : t,
                                                    TextPkg()), ")"),
                         call->pos, t));
      return;
    }
    case ty::BuiltinId::kMake: {
      ty::Type* t = TypeOf(call);
      ty::Type* u = t ? ty::Under(t) : nullptr;
      std::string text = absl::StrCat("make(", GcTypeString(t, TextPkg()));
      for (size_t i = 1; i < args.size(); i++) absl::StrAppend(&text, ", ", GcText(args[i]));
      text += ")";
      if (ty::Isa<ty::Slice>(u)) {
        uint32_t loc = NewAlloc(ALLOC_MAKESLICE, text, call->pos, t);
        const syntax::Expr* size = args.size() > 2 ? args[2] : (args.size() > 1 ? args[1] : nullptr);
        const ty::TypeAndValue* tv = size ? TV(size) : nullptr;
        if (tv && tv->mode == ty::Mode::kConstant) {
          auto r = ty::constant::Int64Val(tv->value);
          int64_t v = r.value;
          if (r.exact && v >= INT32_MIN && v <= INT32_MAX) {
            b_.loc(loc).set_size_is_const(true);
            b_.loc(loc).set_make_count(v);
          }
        }
        Spill(k0, loc);
      } else if (ty::Isa<ty::Map>(u)) {
        Spill(k0, NewAlloc(ALLOC_MAKEMAP, text, call->pos, t));
      } else if (ty::Isa<ty::Chan>(u)) {
        // Always on the heap, never printed by gc; recorded for report/.
        b_.loc(NewAlloc(ALLOC_MAKECHAN, text, call->pos, nullptr)).set_silent(true);
      }
      for (size_t i = 1; i < args.size(); i++) Discard(args[i]);
      return;
    }
    case ty::BuiltinId::kAdd:
    case ty::BuiltinId::kSlice:
      if (args.size() == 2) {
        Expr(k0, args[0]);
        Discard(args[1]);
      }
      return;
    default:
      for (const syntax::Expr* a : args) Discard(a);
      return;
  }
}

// CallCommon is on the path of every call chain (f().g().h(), f()()()): the Go input can
// nest it as deep as it likes, and each level costs the stack of CallCommon's frame, so the
// bulky steps (callee resolution, -m=2 texts, argument forms) live in functions of their
// own that CallCommon calls and returns from before it recurses (base/stack.h: a 1 GB
// stack holds 100,000 nested calls even in sanitizer builds, whose frames are larger).
void Lowerer::CallCommon(const std::vector<Hole>* ks, const syntax::CallExpr* call, bool is_go,
                         bool is_defer, const Hole* wrapper) {
  const syntax::Expr* fun = syntax::Unparen(call->fun);
  if (const ty::Builtin* b = BuiltinCallee(fun)) {
    Builtin(ks, call, b->id());
    return;
  }
  ty::Type* ft = TypeOf(call->fun);
  auto* sig = ft ? ty::DynCast<ty::Signature>(ty::Under(ft)) : nullptr;
  if (sig == nullptr) return;
  CallTarget t;
  ResolveCallTarget(call, &t);
  if (t.kind == CALL_STATIC && IsReflectAllocator(t.callee)) {
    // What reflect.New, MakeSlice, MakeMap... allocate: always on the heap, never printed
    // by gc (the runtime allocates); recorded for report/.
    b_.loc(NewAlloc(ALLOC_REFLECT, GcText(call), call->pos, nullptr)).set_silent(true);
  }
  if (t.kind == CALL_DYNAMIC || t.recv == nullptr) CallFunValue(call, t, wrapper);
  CallArgs args;
  args.call = call;
  args.wrapper = wrapper;
  args.uintptr_escapes = t.uintptr_escapes;
  if (ctx_->explain && ctx_->inlined_calls != nullptr && ctx_->inlined_calls->contains(call)) {
    args.inline_assign = InlineAssignText(call, t, sig);
    args.inlined = true;
  }
  if (t.recv != nullptr) CallReceiver(&args, t, sig);
  CallParams(&args, sig);
  AddCallTo(ks, call, t, sig, args.slots, is_go, is_defer);
}

// ir.StaticValue: a function name, a function literal, a method expression, a concrete
// method call (FixMethodCall turns it into a method-expression call); devirtualize.Call.
[[gnu::noinline]] void Lowerer::ResolveCallTarget(const syntax::CallExpr* call, CallTarget* t) {
  const syntax::Expr* fun = syntax::Unparen(call->fun);
  CallKind& kind = t->kind;
  std::string& callee = t->callee;
  t->sv = fun->kind == NodeKind::kName ? StaticValue(fun) : fun;
  if (t->sv != fun || fun->kind == NodeKind::kName) {
    // A function name, or a local holding a function, closure or method expression.
    kind = StaticCallee(t->sv, &callee);
  } else if (fun->kind == NodeKind::kIndexExpr) {
    kind = StaticCallee(fun, &callee);  // F[T](args)
  } else if (auto* lit = DynCast<syntax::FuncLit>(fun)) {
    kind = StaticCallee(lit, &callee);
    if (kind == CALL_CLOSURE) b_.func(lit_func_.at(lit)).set_closure_called(true);
  } else if (auto* s = DynCast<syntax::SelectorExpr>(fun)) {
    auto it = ctx_->info->selections.find(s);
    if (it == ctx_->info->selections.end()) {
      kind = StaticCallee(s, &callee);  // pkg.F
    } else {
      t->sel = &it->second;
      const ty::SelectionInfo* sel = t->sel;
      auto* f = ty::DynCast<ty::Func>(sel->obj);
      bool iface = f && f->signature() && f->signature()->recv() &&
                   IsInterfaceType(f->signature()->recv()->type());
      bool tparam_recv = ty::Isa<ty::TypeParam>(ctx_->info->types.contains(s->x)
                                                     ? ctx_->info->types.at(s->x).type
                                                     : nullptr);
      if (sel->kind == ty::SelKind::kMethodVal && tparam_recv) {
        // A method of a type parameter's constraint: stenciling calls it through the
        // dictionary, a function pointer, with the receiver as its first argument.
        t->recv = s->x;
        kind = CALL_INTERFACE;
      } else if (sel->kind == ty::SelKind::kMethodVal) {
        t->recv = s->x;
        if (iface || IsInterfaceType(TypeOf(s->x))) {
          kind = CALL_INTERFACE;
          if (const ty::Func* m = Devirtualize(call, s, &t->devirt_type, &t->partial_path)) {
            kind = CALL_STATIC;
            callee = MethodSymbol(m);
            t->devirt_method = m;
          }
        } else if (f && IsGenericFunc(f->Origin())) {
          callee = GenericMethodInstance(f);
          kind = callee.empty() ? CALL_INTERFACE : CALL_STATIC;
        } else if (f) {
          kind = CALL_STATIC;
          callee = MethodSymbol(f);
        }
      } else if (sel->kind == ty::SelKind::kMethodExpr && f && !iface) {
        kind = CALL_STATIC;
        callee = IsGenericFunc(f->Origin()) ? GenericMethodInstance(f) : MethodSymbol(f);
        if (callee.empty()) kind = CALL_DYNAMIC;
        t->method_expr = true;
      } else if (sel->kind == ty::SelKind::kMethodExpr) {
        t->method_expr = true;
      } else {
        t->sel = nullptr;  // a field of function type
      }
    }
  }
  // The static callee's //go:uintptrescapes (same package only; see ir/README.md).
  if (kind == CALL_STATIC) {
    const syntax::Name* cn = DynCast<syntax::Name>(fun);
    if (auto* s = DynCast<syntax::SelectorExpr>(fun)) cn = s->sel;
    ty::Object* o = cn ? ObjOf(cn) : nullptr;
    if (t->sel != nullptr) o = t->sel->obj;
    t->uintptr_escapes = o != nullptr && ctx_->uintptrescapes.contains(o);
  }
}

// argument(e.discardHole(), &call.X): the function value itself, when it is not a static
// callee or a method's receiver.
void Lowerer::CallFunValue(const syntax::CallExpr* call, const CallTarget& t,
                           const Hole* wrapper) {
  const syntax::Expr* fun = syntax::Unparen(call->fun);
  if (t.sv != fun) {
    Expr(DiscardHole(), call->fun);  // a local: flows nowhere, but is evaluated
  } else if (!(t.kind == CALL_STATIC && !t.method_expr &&
               (fun->kind == NodeKind::kName || fun->kind == NodeKind::kIndexExpr))) {
    if (!t.method_expr && t.kind != CALL_STATIC) {
      if (wrapper != nullptr && WrapsArgument(call->fun, nullptr)) {
        WrapArgument(*wrapper, DiscardHole(), TypeOf(call->fun), call->fun,
                     [&](Hole k) { Expr(k, call->fun); });
      } else {
        Expr(DiscardHole(), call->fun);
      }
    }
  }
}

// -m=2: a call the inliner expands assigns its arguments to the inlined parameters, gc's
// inlvars assignment "a, b := x, y (assign-pair)", the receiver first.
[[gnu::noinline]] std::string Lowerer::InlineAssignText(const syntax::CallExpr* call,
                                                        const CallTarget& t,
                                                        const ty::Signature* sig) {
  const syntax::Expr* fun = syntax::Unparen(call->fun);
  std::vector<std::string> names, values;
  const ty::Func* m = t.sel != nullptr ? ty::DynCast<ty::Func>(t.sel->obj) : nullptr;
  if (t.devirt_method != nullptr) m = t.devirt_method;
  const ty::Var* rv = m != nullptr && m->signature() != nullptr ? m->signature()->recv() : nullptr;
  if (t.recv != nullptr && rv != nullptr) {
    names.push_back(rv->name().empty() ? "_" : std::string(rv->name()));
    auto* rs = DynCast<syntax::SelectorExpr>(fun);
    std::vector<int> path = t.sel != nullptr
                                ? std::vector<int>(t.sel->index.begin(), t.sel->index.end() - 1)
                                : std::vector<int>();
    values.push_back(rs != nullptr && t.sel != nullptr ? GcSelectorBase(rs, path, path.size(), 0)
                                                       : GcText(t.recv));
  }
  // Another package's inlined parameters print qualified (io.r).
  const ty::Object* cf = m;
  if (cf == nullptr) {
    if (auto* nm = DynCast<syntax::Name>(fun)) cf = ObjOf(nm);
    if (auto* se = DynCast<syntax::SelectorExpr>(fun)) cf = ObjOf(se->sel);
  }
  const std::string q = cf != nullptr ? PkgPrefix(cf->pkg()) : "";
  if (!names.empty()) names[0] = q + names[0];
  for (int i = 0; i < ty::TupleLen(sig->params()); i++) {
    std::string n(sig->params()->At(i)->name());
    names.push_back(n.empty() ? "_" : q + n);
  }
  for (const syntax::Expr* a : call->args) values.push_back(GcText(a));
  return absl::StrCat(absl::StrJoin(names, ", "), " := ", absl::StrJoin(values, ", "));
}

// One argument's slot: eval lowers the argument into the slot's hole. In a go/defer
// wrapper (rewriteArgument), the argument is first copied into a temporary that the
// wrapper closure captures.
void Lowerer::ArgInto(CallArgs* args, const syntax::Expr* e, ty::Type* pt,
                      absl::FunctionRef<void(Hole)> eval, bool wrap) {
  if (args->uintptr_escapes && e != nullptr && UintptrEscapesArg(e)) {
    args->slots.push_back(UnitBuilder::kNoSlot);
    return;
  }
  Hole k = DiscardHole();
  uint32_t slot = UnitBuilder::kNoSlot;
  if (HasPointers(pt)) {
    slot = NewTemp(LOC_ARG_SLOT, true);
    k = ArgNote(*args, LocHole(slot));
  }
  if (args->wrapper != nullptr && wrap && WrapsArgument(e, pt)) {
    WrapArgument(*args->wrapper, k, pt, e, [&](Hole h) { eval(h); });
  } else {
    eval(k);
  }
  args->slots.push_back(slot);
}

// -m=2: an argument's note: the inlined call's assignment, or "call parameter".
[[gnu::noinline]] Hole Lowerer::ArgNote(const CallArgs& args, Hole k) {
  if (!ctx_->explain) return k;
  return args.inlined ? NoteText(k, args.inline_assign, "assign-pair", args.call->pos)
                      : Note(k, args.call, "call parameter");
}

// The receiver, the first argument.
void Lowerer::CallReceiver(CallArgs* args, const CallTarget& t, const ty::Signature* sig) {
  const syntax::Expr* recv = t.recv;
  if (t.devirt_method != nullptr) {
    // x.(T) as the receiver: dotType's shift for a boxed T, and the implicit * of a
    // value method called on a *U.
    ty::Type* rt = t.devirt_method->signature()->recv()->type();
    ArgInto(args, recv, rt, [&](Hole k) {
      if (!IsDirectIface(t.devirt_type)) k = k.Deref();
      if (ty::Isa<ty::Pointer>(ty::Under(t.devirt_type)) && !ty::Isa<ty::Pointer>(rt)) {
        k = k.Deref();
      }
      Expr(k, recv);
    });
  } else if (t.devirt_type != nullptr) {
    // Partially devirtualized: x.(T).E.M() stays an interface call.
    ArgInto(args, recv, TypeOf(recv), [&](Hole k) {
      ty::Type* dt = t.devirt_type;
      for (int i : t.partial_path) {
        ty::Type* u = ty::Under(dt);
        if (auto* p = ty::DynCast<ty::Pointer>(u)) {
          k = k.Deref();
          u = ty::Under(p->elem());
        }
        auto* st = ty::DynCast<ty::Struct>(u);
        if (st == nullptr || i >= st->NumFields()) break;
        dt = st->Field(i)->type();
      }
      if (!IsDirectIface(t.devirt_type)) k = k.Deref();
      Expr(k, recv);
    });
  } else if (t.sel != nullptr) {
    ty::Type* rt = sig->recv() ? sig->recv()->type() : TypeOf(recv);
    auto* f = ty::DynCast<ty::Func>(t.sel->obj);
    if (f && f->signature() && f->signature()->recv()) rt = Sh(f->signature()->recv()->type());
    const std::vector<int> path(t.sel->index.begin(), t.sel->index.end() - 1);
    auto* rs = DynCast<syntax::SelectorExpr>(syntax::Unparen(args->call->fun));
    if (args->wrapper != nullptr && rs != nullptr &&
        (t.sel->implicit_addr || t.sel->implicit_deref || !path.empty())) {
      wrap_recv_ = recv;
      wrap_recv_pos_ = rs->pos;
      wrap_recv_text_ = absl::StrCat(t.sel->implicit_addr    ? "&"
                                     : t.sel->implicit_deref ? "*"
                                                             : "",
                                     GcSelectorBase(rs, path, path.size(), 0));
    }
    ArgInto(args, recv, rt, [&](Hole k) {
      k = ReceiverAddrDeref(k, *t.sel, recv, rs, path);
      EmbeddedPath(k, recv, TypeOf(recv), path, path.size(), rs);
    });
    wrap_recv_ = nullptr;
  }
}

// The implicit & or * a method call applies to its receiver, with its -m=2 note.
[[gnu::noinline]] Hole Lowerer::ReceiverAddrDeref(Hole k, const ty::SelectionInfo& sel,
                                                  const syntax::Expr* recv,
                                                  const syntax::SelectorExpr* rs,
                                                  const std::vector<int>& path) {
  auto recv_text = [&] { return rs != nullptr ? GcSelectorBase(rs, path, path.size(), 0) : ""; };
  if (sel.implicit_addr) {
    k = k.Addr();
    if (ctx_->explain) k = NoteText(k, recv_text(), "address-of", rs != nullptr ? rs->pos : recv->pos);
  }
  if (sel.implicit_deref) {
    k = k.Deref();
    if (ctx_->explain) {
      k = NoteText(k, "*" + recv_text(), "indirection", rs != nullptr ? rs->pos : recv->pos);
    }
  }
  return k;
}

// The parameters; FixVariadicCall packs the variadic tail into a "... argument" slice.
void Lowerer::CallParams(CallArgs* args, const ty::Signature* sig) {
  const syntax::CallExpr* call = args->call;
  const Hole* wrapper = args->wrapper;
  int np = ty::TupleLen(sig->params());
  if (call->args.size() == 1 && np > 1) {
    // f(g()) with multiple results: the results arrive through temporaries.
    if (auto* inner = DynCast<syntax::CallExpr>(syntax::Unparen(call->args[0]))) {
      CallMultiValueArg(args, sig, inner);
      return;
    }
  }
  const auto& a_args = call->args;
  for (int i = 0; i < np; i++) {
    ty::Type* pt = sig->params()->At(i)->type();
    bool last = i == np - 1;
    if (last && sig->variadic() && !call->has_dots) {
      CallVariadicArgs(args, pt, i);
      break;
    }
    const syntax::Expr* a = i < static_cast<int>(a_args.size()) ? a_args[i] : nullptr;
    auto* sl = a != nullptr ? DynCast<syntax::CompositeLit>(syntax::Unparen(a)) : nullptr;
    if (wrapper != nullptr && sl != nullptr && CallWrappedSliceLitArg(args, pt, a, sl)) continue;
    ArgInto(args, a, pt, [&](Hole k) { Expr(k, a); });
  }
}

// f(g()) with g's results as the arguments.
[[gnu::noinline]] void Lowerer::CallMultiValueArg(CallArgs* args, const ty::Signature* sig,
                                                  const syntax::CallExpr* inner) {
  std::vector<Hole> tks;
  std::vector<uint32_t> temps;
  for (int i = 0; i < NumResults(inner); i++) {
    uint32_t t = NewTemp(LOC_TEMP, false);
    temps.push_back(t);
    tks.push_back(LocHole(t));
  }
  Call(&tks, inner);
  int np = ty::TupleLen(sig->params());
  for (int i = 0; i < np; i++) {
    ty::Type* pt = sig->params()->At(i)->type();
    ArgInto(args, nullptr, pt, [&](Hole k) {
      if (i < static_cast<int>(temps.size())) Flow(k, temps[i]);
    });
  }
}

// The variadic tail from argument `first` on, packed into a "... argument" slice literal
// whose elements are copied one by one.
[[gnu::noinline]] void Lowerer::CallVariadicArgs(CallArgs* args, ty::Type* pt, int first) {
  const syntax::CallExpr* call = args->call;
  const Hole* wrapper = args->wrapper;
  ArgInto(args, nullptr, pt, [&](Hole k) {
    if (static_cast<size_t>(first) >= call->args.size()) return;
    uint32_t loc = NewAlloc(ALLOC_SLICELIT, "... argument", call->pos, pt);
    Hole ek = NoteText(Spill(k, loc), "... argument", "slice-literal-element", call->pos);
    auto* st = ty::DynCast<ty::Slice>(ty::Under(pt));
    ty::Type* et = st != nullptr ? st->elem() : nullptr;
    for (size_t j = first; j < call->args.size(); j++) {
      const syntax::Expr* e = call->args[j];
      if (args->uintptr_escapes && UintptrEscapesArg(e)) continue;
      if (wrapper != nullptr && WrapsArgument(e, et)) {
        WrapArgument(*wrapper, ek, et, e, [&](Hole k2) { Expr(k2, e); });
      } else {
        Expr(ek, e);
      }
    }
  }, /*wrap=*/false);
}

// rewriteArgument peels a slice literal argument (OSLICELIT) of a go/defer: the wrapper
// builds it, and only its elements are copied. False if a is not such an argument.
[[gnu::noinline]] bool Lowerer::CallWrappedSliceLitArg(CallArgs* args, ty::Type* pt,
                                                       const syntax::Expr* a,
                                                       const syntax::CompositeLit* sl) {
  ty::Type* slt = TypeOf(sl);
  if (slt == nullptr || !ty::Isa<ty::Slice>(ty::Under(slt)) || pt == nullptr ||
      !ty::Identical(slt, pt)) {
    return false;
  }
  const Hole& wrapper = *args->wrapper;
  ArgInto(args, a, pt, [&](Hole k) {
    Hole ek = Spill(k, NewAlloc(ALLOC_SLICELIT, ExprText(sl), sl->pos, slt));
    ty::Type* et = ty::DynCast<ty::Slice>(ty::Under(slt))->elem();
    for (const syntax::Expr* el : sl->elems) {
      if (auto* kv = DynCast<syntax::KeyValueExpr>(el)) el = kv->value;
      if (WrapsArgument(el, et)) {
        wrap_slice_lit_ = sl;
        WrapArgument(wrapper, ek, et, el, [&](Hole k2) { Expr(k2, el); });
        wrap_slice_lit_ = nullptr;
      } else {
        Expr(ek, el);
      }
    }
  }, /*wrap=*/false);
  return true;
}

// The call itself, its result slots flowing into ks.
[[gnu::noinline]] void Lowerer::AddCallTo(const std::vector<Hole>* ks,
                                          const syntax::CallExpr* call, const CallTarget& t,
                                          const ty::Signature* sig,
                                          const std::vector<uint32_t>& slots, bool is_go,
                                          bool is_defer) {
  std::vector<uint32_t> rslots;
  if (ks != nullptr) {
    int nr = ty::TupleLen(sig->results());
    for (int i = 0; i < nr; i++) {
      uint32_t r = NewTemp(LOC_RESULT_SLOT, true);
      if (i < static_cast<int>(ks->size())) {
        const Hole& k = (*ks)[i];
        if (k.kind == Hole::kBlank && k.derefs >= 0) b_.loc(r).set_blank_result(true);
        Flow(k, r);
      }
      rslots.push_back(r);
    }
  }
  ::heapmap::ir::Call& c = b_.AddCall(cur_, t.kind, t.callee, slots, rslots, ks != nullptr);
  if (t.kind == CALL_DYNAMIC) {
    if (auto* nm = DynCast<syntax::Name>(syntax::Unparen(call->fun))) {
      auto* v = ty::DynCast<ty::Var>(ObjOf(nm));
      VarInfo* vi = v != nullptr ? VarOf(nm) : nullptr;
      if (vi != nullptr && vi->func == cur_ && !static_reassigned_.contains(v)) {
        const Func& f = b_.func(cur_);
        for (int i = 0; i < f.params_size(); i++) {
          if (f.params(i).has_loc() && f.params(i).loc() == vi->loc) c.set_callee_param(i + 1);
        }
      }
    }
  }
  c.set_is_go(is_go);
  c.set_is_defer(is_defer);
  c.set_loop_depth(loop_depth_);
  c.mutable_pos()->set_line(call->pos.line);
  c.mutable_pos()->set_col(call->pos.col);
}

bool Lowerer::BodyHasInlinedCalls(const syntax::BlockStmt* body) {
  if (ctx_->inlined_calls == nullptr || ctx_->inlined_calls->empty()) return false;
  auto [it, added] = has_inlined_calls_.emplace(body, false);
  if (!added) return it->second;
  bool found = false;
  syntax::Walk(const_cast<syntax::BlockStmt*>(body), [&](syntax::Node* n) {
    if (found || n->kind == NodeKind::kFuncLit) return false;  // a literal has its own Dcl
    if (auto* c = DynCast<syntax::CallExpr>(n); c != nullptr && ctx_->inlined_calls->contains(c)) {
      found = true;
      return false;
    }
    return true;
  });
  it->second = found;  // the walk adds nothing to the map: `it` is still valid
  return found;
}

void Lowerer::WrapArgument(Hole clo, Hole k, types::Type* t, const syntax::Expr* e,
                           const std::function<void(Hole)>& eval) {
  if (go_defer_call_ == nullptr || e == nullptr || cur_body_ == nullptr ||
      !dcl_count_.contains(cur_body_) || BodyHasInlinedCalls(cur_body_)) {
    // Anonymous: gc's number for it is not known (inlining adds the inlined bodies'
    // variables to curfn.Dcl before escape analysis, which heapmap does not count).
    uint32_t tmp = NewTemp(LOC_TEMP, false);
    eval(LocHole(tmp));
    // flowClosure: captured by value when at most 128 bytes (the copy is never reassigned).
    Flow(t != nullptr && SizeOf(t) > 128 ? clo.Addr() : clo, tmp, "captured by a closure");
    Flow(k, tmp);
    return;
  }
  // escape's wrapExpr: copyExpr declares .autotmp_N (N = len(curfn.Dcl)) at the
  // expression (at the call for a name, which has no position of its own), assigns it,
  // and the wrapper captures it (flowClosure at the end of the function).
  const int n = dcl_count_[cur_body_] + escape_temps_[cur_body_]++;
  const std::string name = absl::StrCat(".autotmp_", n);
  // rewriteArgument's visit position: the call, or the slice literal an element is in;
  // copyExpr's: the expression's own, but for names (ir.HasUniquePos).
  const syntax::Pos visit = wrap_slice_lit_ != nullptr ? wrap_slice_lit_->pos : go_defer_call_->pos;
  syntax::Pos pos = syntax::Unparen(e)->kind == NodeKind::kName ? visit : e->pos;
  std::string text;
  if (e == wrap_recv_) {
    pos = wrap_recv_pos_;
    text = wrap_recv_text_;
  } else if (ctx_->explain) {
    text = GcText(e);
  }
  uint32_t tmp = b_.AddWalkTemp(cur_, name, pos.line, pos.col, loop_depth_);
  b_.loc(tmp).set_var_size(t != nullptr ? SizeOf(t) : 8);
  wrapped_names_[e] = name;
  eval(NoteText(LocHole(tmp), absl::StrCat(name, " = ", text), "assign", pos));
  b_.AddCapture(go_defer_clo_, tmp);
  if (ctx_->explain) b_.SetLastCapturePos(visit.line, visit.col);
  Flow(k, tmp);
}

// Whether escape's goDeferStmt wraps the call in a closure: all but an OCALLFUNC of no
// parameters and results (a method call is an OCALLFUNC with the receiver as its first
// argument, FixMethodCall, an interface method call an OCALLINTER: neither is one).
bool Lowerer::GoDeferWraps(const syntax::CallExpr* call) const {
  const syntax::Expr* fun = syntax::Unparen(call->fun);
  ty::Type* ft = TypeOf(call->fun);
  auto* sig = ft ? ty::DynCast<ty::Signature>(ty::Under(ft)) : nullptr;
  bool method = false;
  if (auto* sel = DynCast<syntax::SelectorExpr>(fun)) {
    auto it = ctx_->info->selections.find(sel);
    method = it != ctx_->info->selections.end() && it->second.kind != ty::SelKind::kFieldVal;
  }
  return !(sig && BuiltinCallee(fun) == nullptr && !method && !IsConversion(call) &&
           ty::TupleLen(sig->params()) + ty::TupleLen(sig->results()) == 0);
}

void Lowerer::GoDefer(const syntax::CallStmt* s) {
  bool is_defer = s->tok == syntax::Token::kDefer;
  if (!is_defer) {
    // The goroutine itself: always on the heap, never printed by gc; recorded for report/.
    b_.loc(NewAlloc(ALLOC_GO, GcText(s->call), s->pos, nullptr)).set_silent(true);
  }
  Hole k = HeapHole();
  if (is_defer && loop_depth_ == 1) k = Later(DiscardHole());
  const syntax::CallExpr* call = s->call;
  const ty::Builtin* builtin = BuiltinCallee(syntax::Unparen(call->fun));
  if (!GoDeferWraps(call)) {
    Expr(k, call->fun);
    return;
  }
  // The wrapper closure: silent in gc's output; it captures a copy of each argument.
  uint32_t clo = NewAlloc(ALLOC_CLOSURE, "func literal", s->pos, nullptr);
  b_.loc(clo).set_silent(true);
  b_.loc(clo).set_go_defer_wrapper(true);
  Hole kclo = Spill(k, clo);
  // A function literal among the arguments may hold go/defer statements of its own.
  const syntax::CallExpr* saved_call = go_defer_call_;
  const uint32_t saved_clo = go_defer_clo_;
  auto saved_names = std::move(wrapped_names_);
  go_defer_call_ = call;
  go_defer_clo_ = clo;
  wrapped_names_.clear();
  const size_t first_flow = b_.flow_count();
  if (builtin != nullptr) {
    Hole ka = builtin->id() == ty::BuiltinId::kPanic ? HeapHole() : DiscardHole();
    for (const syntax::Expr* a : call->args) {
      if (WrapsArgument(a, nullptr)) {
        WrapArgument(kclo, ka, TypeOf(a), a, [&](Hole k2) { Expr(k2, a); });
      } else {
        Expr(ka, a);
      }
    }
  } else {
    CallCommon(nullptr, call, !is_defer, is_defer, &kclo);
  }
  // The call's notes print it with the temporaries in place of what they copied.
  if (ctx_->explain) {
    render_as_ = &wrapped_names_;
    const std::string text = GcText(call);
    render_as_ = nullptr;
    b_.ReplaceNoteText(first_flow, kGoDeferCallText, text);
  }
  go_defer_call_ = saved_call;
  go_defer_clo_ = saved_clo;
  wrapped_names_ = std::move(saved_names);
}

}  // namespace heapmap::ir::lower
