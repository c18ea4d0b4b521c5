// ir/lower_assign.cc — assignments: escape/assign.go (addr, assignList, reassigned) and the
// self-assignment rule of escape/utils.go isSelfAssign.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "frontend/types/constant.h"
#include "frontend/types/predicates.h"
#include "ir/lower_internal.h"

namespace heapmap::ir::lower {

using syntax::DynCast;
using syntax::NodeKind;
namespace ty = ::heapmap::types;

Hole Lowerer::AddrOf(const syntax::Expr* n) {
  if (n == nullptr || !StackOk(n)) return DiscardHole();
  n = syntax::Unparen(n);
  if (auto* nm = DynCast<syntax::Name>(n); nm && nm->value == "_") return DiscardHole();
  Hole k = HeapHole();
  switch (n->kind) {
    case NodeKind::kName:
      if (VarInfo* v = VarOf(n)) k = LocHole(v->loc);
      break;
    case NodeKind::kSelectorExpr: {
      auto* s = static_cast<const syntax::SelectorExpr*>(n);
      auto it = ctx_->info->selections.find(s);
      if (it == ctx_->info->selections.end()) break;  // package-qualified global
      // ODOT chains keep addressing the base; any ODOTPTR on the way stores through a pointer.
      ty::Type* t = TypeOf(s->x);
      bool via_ptr = false;
      for (size_t i = 0; i < it->second.index.size() && t; i++) {
        ty::Type* u = ty::Under(t);
        if (auto* p = ty::DynCast<ty::Pointer>(u)) {
          via_ptr = true;
          u = ty::Under(p->elem());
        }
        auto* st = ty::DynCast<ty::Struct>(u);
        t = st && it->second.index[i] < st->NumFields() ? st->Field(it->second.index[i])->type()
                                                       : nullptr;
      }
      if (via_ptr) {
        Discard(n);
      } else {
        k = AddrOf(s->x);
      }
      break;
    }
    case NodeKind::kIndexExpr: {
      auto* ix = static_cast<const syntax::IndexExpr*>(n);
      ty::Type* xt = TypeOf(ix->x);
      ty::Type* u = xt ? ty::Under(xt) : nullptr;
      if (ty::Isa<ty::Map>(u)) {
        // The insert may grow the map: always on the heap, never printed by gc; recorded for
        // report/.
        b_.loc(NewAlloc(ALLOC_MAPGROW, GcText(ix), ix->pos, nullptr)).set_silent(true);
        Discard(ix->x);
        Expr(Note(HeapHole(), ix, "key of map put"), ix->indices[0]);
      } else {
        Discard(ix->indices[0]);
        if (ty::Isa<ty::Array>(u)) {
          k = AddrOf(ix->x);
        } else {
          Discard(ix->x);
        }
      }
      break;
    }
    case NodeKind::kUnaryExpr:
      Discard(n);
      break;
    default:
      break;
  }
  return k;
}

namespace {
bool IsArith(syntax::Operator op) {
  using O = syntax::Operator;
  switch (op) {
    case O::kAdd: case O::kSub: case O::kOr: case O::kXor: case O::kMul: case O::kShl:
    case O::kShr: case O::kAnd: case O::kAndNot: case O::kDiv: case O::kRem:
      return true;
    default:
      return false;
  }
}
}  // namespace

// A field selector as gc's ODOT/ODOTPTR: the last step of its (embedded) path.
bool Lowerer::FieldStep(const syntax::Expr* e, FieldSel* out) const {
  auto* s = DynCast<syntax::SelectorExpr>(syntax::Unparen(e));
  if (s == nullptr) return false;
  auto it = ctx_->info->selections.find(s);
  if (it == ctx_->info->selections.end() || it->second.kind != ty::SelKind::kFieldVal) return false;
  out->sel = s;
  out->index = &it->second.index;
  ty::Type* t = TypeOf(s->x);
  out->ptr = false;
  for (size_t i = 0; i < out->index->size() && t != nullptr; i++) {
    ty::Type* u = ty::Under(t);
    out->ptr = false;
    if (auto* p = ty::DynCast<ty::Pointer>(u)) {
      out->ptr = true;
      u = ty::Under(p->elem());
    }
    auto* st = ty::DynCast<ty::Struct>(u);
    int f = (*out->index)[i];
    t = st && f < st->NumFields() ? st->Field(f)->type() : nullptr;
  }
  return true;
}

bool Lowerer::IsConstantExpr(const syntax::Expr* e) const {
  const ty::TypeAndValue* tv = TV(e);
  return tv != nullptr && tv->mode == ty::Mode::kConstant;
}

bool Lowerer::IsNilExpr(const syntax::Expr* e) const {
  const ty::TypeAndValue* tv = TV(e);
  return tv != nullptr && tv->mode == ty::Mode::kNil;
}

// ir.SameSafeExpr over the typed syntax tree.
bool Lowerer::SameSafeExpr(const syntax::Expr* l, const syntax::Expr* r) const {
  if (!StackOk(l)) return false;
  l = syntax::Unparen(l);
  r = syntax::Unparen(r);
  ty::Type* lt = TypeOf(l);
  ty::Type* rt = TypeOf(r);
  if (lt == nullptr || rt == nullptr || !ty::Identical(lt, rt)) return false;
  if (IsConstantExpr(l) || IsConstantExpr(r)) {
    return IsConstantExpr(l) && IsConstantExpr(r) &&
           ty::constant::Compare(TV(l)->value, ty::constant::Op::kEql, TV(r)->value);
  }
  if (IsNilExpr(l) || IsNilExpr(r)) return IsNilExpr(l) && IsNilExpr(r);
  if (l->kind != r->kind) return false;
  switch (l->kind) {
    case NodeKind::kName: {
      ty::Object* o = ObjOf(static_cast<const syntax::Name*>(l));
      return o != nullptr && ty::Isa<ty::Var>(o) && o == ObjOf(static_cast<const syntax::Name*>(r));
    }
    case NodeKind::kSelectorExpr: {
      FieldSel a, b;
      if (!FieldStep(l, &a)) {
        // A qualified identifier: the same package-level variable.
        auto* ls = static_cast<const syntax::SelectorExpr*>(l);
        auto* rs = static_cast<const syntax::SelectorExpr*>(r);
        ty::Object* o = ObjOf(ls->sel);
        return !ctx_->info->selections.contains(ls) && !ctx_->info->selections.contains(rs) &&
               o != nullptr && ty::Isa<ty::Var>(o) && o == ObjOf(rs->sel);
      }
      return FieldStep(r, &b) && *a.index == *b.index && SameSafeExpr(a.sel->x, b.sel->x);
    }
    case NodeKind::kUnaryExpr: {
      auto* a = static_cast<const syntax::UnaryExpr*>(l);
      auto* b = static_cast<const syntax::UnaryExpr*>(r);
      using O = syntax::Operator;
      if (a->op != b->op) return false;
      if (a->op != O::kMul && a->op != O::kNot && a->op != O::kXor && a->op != O::kAdd &&
          a->op != O::kSub) {
        return false;
      }
      return SameSafeExpr(a->x, b->x);
    }
    case NodeKind::kIndexExpr: {
      auto* a = static_cast<const syntax::IndexExpr*>(l);
      auto* b = static_cast<const syntax::IndexExpr*>(r);
      if (a->indices.size() != 1 || b->indices.size() != 1) return false;
      return SameSafeExpr(a->x, b->x) && SameSafeExpr(a->indices[0], b->indices[0]);
    }
    case NodeKind::kBinaryExpr: {
      auto* a = static_cast<const syntax::BinaryExpr*>(l);
      auto* b = static_cast<const syntax::BinaryExpr*>(r);
      return a->op == b->op && IsArith(a->op) && SameSafeExpr(a->x, b->x) &&
             SameSafeExpr(a->y, b->y);
    }
    default:
      return false;
  }
}

// escape/utils.go mayAffectMemory: false only for expressions built from names, constants
// and arithmetic, indexing, conversions, len/cap and field selections.
bool Lowerer::MayAffectMemory(const syntax::Expr* n) const {
  if (!StackOk(n)) return true;
  n = syntax::Unparen(n);
  if (IsConstantExpr(n) || IsNilExpr(n)) return false;
  switch (n->kind) {
    case NodeKind::kName:
      return false;
    case NodeKind::kBinaryExpr: {
      auto* b = static_cast<const syntax::BinaryExpr*>(n);
      if (!IsArith(b->op)) return true;
      return MayAffectMemory(b->x) || MayAffectMemory(b->y);
    }
    case NodeKind::kIndexExpr: {
      auto* ix = static_cast<const syntax::IndexExpr*>(n);
      if (ix->indices.size() != 1) return true;
      ty::Type* xt = TypeOf(ix->x);
      if (xt && ty::Isa<ty::Map>(ty::Under(xt))) return true;  // OINDEXMAP
      return MayAffectMemory(ix->x) || MayAffectMemory(ix->indices[0]);
    }
    case NodeKind::kUnaryExpr: {
      auto* u = static_cast<const syntax::UnaryExpr*>(n);
      using O = syntax::Operator;
      if (u->op != O::kNot && u->op != O::kXor && u->op != O::kAdd && u->op != O::kSub) return true;
      return MayAffectMemory(u->x);
    }
    case NodeKind::kSelectorExpr: {
      FieldSel f;
      if (!FieldStep(n, &f)) return ctx_->info->selections.contains(
                                        static_cast<const syntax::SelectorExpr*>(n));
      return MayAffectMemory(f.sel->x);
    }
    case NodeKind::kCallExpr: {
      auto* call = static_cast<const syntax::CallExpr*>(n);
      if (call->args.size() != 1) return true;
      if (IsConversion(call)) {
        // OCONV / OCONVNOP only: string and slice conversions allocate.
        ty::Type* to = TypeOf(call);
        ty::Type* from = TypeOf(call->args[0]);
        if (to == nullptr || from == nullptr || IsInterfaceType(to)) return true;
        auto* tb = ty::DynCast<ty::Basic>(ty::Under(to));
        auto* fb = ty::DynCast<ty::Basic>(ty::Under(from));
        bool str_conv = (tb && (tb->info() & ty::kIsString) && !(fb && (fb->info() & ty::kIsString))) ||
                        (fb && (fb->info() & ty::kIsString) && !(tb && (tb->info() & ty::kIsString)));
        if (str_conv) return true;
        return MayAffectMemory(call->args[0]);
      }
      const ty::Builtin* b = BuiltinCallee(call->fun);
      if (b == nullptr) return true;
      switch (b->id()) {
        case ty::BuiltinId::kLen: case ty::BuiltinId::kCap: case ty::BuiltinId::kAlignof:
        case ty::BuiltinId::kOffsetof: case ty::BuiltinId::kSizeof:
          return MayAffectMemory(call->args[0]);
        default:
          return true;
      }
    }
    default:
      return true;
  }
}

// escape/utils.go isSliceSelfAssign: b.buf = b.buf[n:m] (or *p = (*p)[n:m]) stores no new
// pointer into *b; slicing an array held in *b does (an implicit &b.arr).
bool Lowerer::IsSliceSelfAssign(const syntax::Expr* dst, const syntax::Expr* src) const {
  // The base name of an ODEREF (*x) or a direct ODOTPTR (x.f through a pointer).
  auto deref_base = [&](const syntax::Expr* e) -> const syntax::Name* {
    e = syntax::Unparen(e);
    if (auto* u = DynCast<syntax::UnaryExpr>(e); u && u->op == syntax::Operator::kMul) {
      return DynCast<syntax::Name>(syntax::Unparen(u->x));
    }
    FieldSel f;
    if (FieldStep(e, &f) && f.ptr && f.index->size() == 1) {
      return DynCast<syntax::Name>(syntax::Unparen(f.sel->x));
    }
    return nullptr;
  };
  const syntax::Name* dx = deref_base(dst);
  if (dx == nullptr) return false;
  auto* sl = DynCast<syntax::SliceExpr>(syntax::Unparen(src));
  if (sl == nullptr) return false;
  // An implicit OCONVNOP (a differently named slice type) hides the slice.
  ty::Type* dt = TypeOf(dst);
  ty::Type* st = TypeOf(src);
  if (dt == nullptr || st == nullptr || !ty::Identical(dt, st)) return false;
  ty::Type* xt = TypeOf(sl->x);
  if (xt == nullptr || ty::Isa<ty::Array>(ty::Under(xt))) return false;  // OSLICEARR of &arr
  const syntax::Name* bx = deref_base(sl->x);
  if (bx == nullptr) return false;
  ty::Object* o = ObjOf(dx);
  return o != nullptr && ty::Isa<ty::Var>(o) && o == ObjOf(bx);
}

// escape/utils.go isSelfAssign.
bool Lowerer::IsSelfAssign(const syntax::Expr* dst, const syntax::Expr* src) const {
  if (IsSliceSelfAssign(dst, src)) return true;
  dst = syntax::Unparen(dst);
  src = syntax::Unparen(src);
  if (ctx_->conv.contains(src)) return false;  // an implicit OCONVIFACE
  ty::Type* dt = TypeOf(dst);
  ty::Type* st = TypeOf(src);
  if (dt == nullptr || st == nullptr || !ty::Identical(dt, st)) return false;  // OCONVNOP
  FieldSel a, b;
  if (FieldStep(dst, &a)) {
    if (!FieldStep(src, &b) || a.ptr != b.ptr) return false;
    // dst.X and src.X: the paths up to the last step from the same safe expression.
    if (a.index->size() != b.index->size() ||
        !std::equal(a.index->begin(), a.index->end() - 1, b.index->begin())) {
      return false;
    }
    return SameSafeExpr(a.sel->x, b.sel->x);
  }
  auto* di = DynCast<syntax::IndexExpr>(dst);
  auto* si = DynCast<syntax::IndexExpr>(src);
  if (di == nullptr || si == nullptr || di->indices.size() != 1 || si->indices.size() != 1) {
    return false;
  }
  ty::Type* xt = TypeOf(di->x);
  ty::Type* yt = TypeOf(si->x);
  auto indexable = [](ty::Type* t) {  // OINDEX, not OINDEXMAP
    ty::Type* u = t ? ty::Under(t) : nullptr;
    return u != nullptr && !ty::Isa<ty::Map>(u);
  };
  if (!indexable(xt) || !indexable(yt)) return false;
  if (MayAffectMemory(di->indices[0]) || MayAffectMemory(si->indices[0])) return false;
  return SameSafeExpr(di->x, si->x);
}

// gc's stmtFmt of an assignment: "x = y", "x += y", "a, b = c, d".
std::string Lowerer::AssignText(const syntax::Node* where) const {
  auto* as = DynCast<syntax::AssignStmt>(where);
  if (as == nullptr) return Text(where);
  auto list = [&](syntax::Span<syntax::Expr*> l) {
    std::string out;
    for (const syntax::Expr* e : l) {
      if (!out.empty()) out += ", ";
      out += GcText(e);
    }
    return out;
  };
  std::string op = as->define ? ":" : "";
  if (as->op != syntax::Operator::kNone) op = syntax::OperatorString(as->op);
  return absl::StrCat(list(as->lhs), " ", op, "= ", list(as->rhs));
}

// RewriteMultiValueCall, then assignconv: the results go through .autotmp_N temporaries
// and are converted to interface where the destination's type asks for it.
void Lowerer::MultiValueThroughTemps(const std::vector<Hole>& ks,
                                     const std::vector<ty::Type*>& dst_types,
                                     const syntax::CallExpr* call, int first,
                                     syntax::Pos conv_pos) {
  ty::Type* ft = TypeOf(call->fun);
  auto* sig = ft ? ty::DynCast<ty::Signature>(ty::Under(ft)) : nullptr;
  int nr = NumResults(call);
  std::vector<uint32_t> temps;
  std::vector<Hole> tks;
  for (int i = 0; i < nr; i++) {
    temps.push_back(NewTemp(LOC_TEMP, false));
    tks.push_back(LocHole(temps.back()));
  }
  Call(&tks, call);
  for (int i = 0; i < nr && i < static_cast<int>(ks.size()); i++) {
    Hole k = ks[i];
    ty::Type* to = i < static_cast<int>(dst_types.size()) ? dst_types[i] : nullptr;
    ty::Type* from = sig != nullptr ? sig->results()->At(i)->type() : nullptr;
    if (to != nullptr && from != nullptr && IsInterfaceType(to) && !IsInterfaceType(from) &&
        !IsDirectIface(from)) {
      k = Spill(k, NewAlloc(ALLOC_CONVIFACE, absl::StrCat(".autotmp_", first + i), conv_pos, to));
    }
    Flow(k, temps[i]);
  }
}

void Lowerer::AssignList(const std::vector<const syntax::Expr*>& dsts,
                         const std::vector<const syntax::Expr*>& srcs,
                         const syntax::Node* where) {
  std::vector<Hole> ks;
  for (const syntax::Expr* d : dsts) ks.push_back(AddrOf(d));
  if (srcs.size() == 1 && dsts.size() > 1) {
    // OAS2FUNC / OAS2DOTTYPE / OAS2MAPR / OAS2RECV.
    const syntax::Expr* src = syntax::Unparen(srcs[0]);
    if (auto* call = DynCast<syntax::CallExpr>(src); call && !IsConversion(call)) {
      if (auto it = assign_temp_.find(where); it != assign_temp_.end()) {
        std::vector<ty::Type*> types;
        for (const syntax::Expr* d : dsts) {
          auto* nm = DynCast<syntax::Name>(syntax::Unparen(d));
          types.push_back(nm != nullptr && nm->value == "_" ? nullptr : TypeOf(d));
        }
        MultiValueThroughTemps(ks, types, call, it->second, AssignConvPos(where));
      } else {
        Call(&ks, call);
      }
    } else {
      // OAS2DOTTYPE / OAS2MAPR / OAS2RECV: order's as2ok adds the conversion to the
      // destination's type after escape analysis, so none is modelled here.
      const char* why = src->kind == NodeKind::kAssertExpr ? "assign-pair-dot-type"
                        : src->kind == NodeKind::kIndexExpr ? "assign-pair-mapr"
                                                            : "assign-pair-receive";
      ExprNoConv(Note(ks[0], where, why), src);
    }
    Reassigned(ks, where);
    return;
  }
  // gc's why: OAS2 ("assign-pair"), or OAS each ("assign"; irgen splits `var a, b = x, y`).
  auto* vs = DynCast<syntax::ValueSpec>(where);
  const char* why = ks.size() > 1 && vs == nullptr ? "assign-pair" : "assign";
  for (size_t i = 0; i < ks.size(); i++) {
    const syntax::Expr* src = i < srcs.size() ? srcs[i] : nullptr;
    // The assignment's note: a declaration's is its own `x = v`, at the name.
    auto noted = [&](Hole h) {
      return vs != nullptr && src != nullptr && i < vs->names.size() ? DeclNote(h, vs, i, why)
                                                                     : Note(h, where, why);
    };
    Hole k = noted(ks[i]);
    // Storing a uintptr into reflect.{Slice,String}Header.Data stores a pointer.
    if (src != nullptr && IsReflectHeaderDataPtr(dsts[i])) {
      UnsafeValue(noted(HeapHole()), src);
      continue;
    }
    if (src != nullptr && IsSelfAssign(dsts[i], src)) {
      b_.AddRemark(where->pos.line, where->pos.col,
                   absl::StrCat(b_.func(cur_).name(), " ignoring self-assignment in ",
                                AssignText(where)));
      k = DiscardHole();
    }
    Expr(k, src);
  }
  Reassigned(ks, where);
}

void Lowerer::Reassigned(const std::vector<Hole>& ks, const syntax::Node* where) {
  for (const Hole& k : ks) {
    if (k.kind != Hole::kLoc) continue;
    auto it = var_of_loc_.find(k.loc);
    if (it == var_of_loc_.end()) continue;
    VarInfo& vi = vars_[it->second];
    if (vi.defn == where && where->kind != NodeKind::kRangeStmt) continue;
    vi.reassigned = true;
  }
}

}  // namespace heapmap::ir::lower
