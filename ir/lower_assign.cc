// ir/lower_assign.cc — assignments: escape/assign.go (addr, assignList, reassigned) and the
// self-assignment rule of escape/utils.go isSelfAssign.
#include "frontend/types/predicates.h"
#include "ir/lower_internal.h"

namespace heapmap::ir::lower {

using syntax::DynCast;
using syntax::NodeKind;
namespace ty = ::heapmap::types;

Hole Lowerer::AddrOf(const syntax::Expr* n) {
  if (n == nullptr) return DiscardHole();
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
        Discard(ix->x);
        Expr(HeapHole(), ix->indices[0]);
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

// isSelfAssign: *p.f = *p.g-style assignments within the same object are no-ops.
bool Lowerer::IsSelfAssign(const syntax::Expr* dst, const syntax::Expr* src) {
  dst = syntax::Unparen(dst);
  src = syntax::Unparen(src);
  auto base = [&](const syntax::Expr* e) -> const syntax::Expr* {
    // Strip ODOT / OINDEX-of-array / OSLICE to the ODEREF or ODOTPTR underneath.
    while (true) {
      e = syntax::Unparen(e);
      if (auto* s = DynCast<syntax::SelectorExpr>(e)) {
        auto it = ctx_->info->selections.find(s);
        if (it == ctx_->info->selections.end()) return nullptr;
        ty::Type* xt = TypeOf(s->x);
        if (xt && ty::Isa<ty::Pointer>(ty::Under(xt))) return e;
        e = s->x;
      } else if (auto* ix = DynCast<syntax::IndexExpr>(e)) {
        ty::Type* xt = TypeOf(ix->x);
        if (xt && ty::Isa<ty::Array>(ty::Under(xt))) {
          e = ix->x;
        } else {
          return nullptr;
        }
      } else if (auto* u = DynCast<syntax::UnaryExpr>(e); u && u->op == syntax::Operator::kMul) {
        return e;
      } else {
        return nullptr;
      }
    }
  };
  auto* ds = DynCast<syntax::SelectorExpr>(dst);
  if (ds == nullptr) return false;
  // gc: dst must be ODOT/ODOTPTR/OINDEX; the bases (X of the ODEREF/ODOTPTR) must be the
  // same local name.
  const syntax::Expr* db = base(dst);
  const syntax::Expr* sb = nullptr;
  if (auto* sl = DynCast<syntax::SliceExpr>(src)) {
    sb = base(sl->x);
  } else {
    sb = base(src);
  }
  if (db == nullptr || sb == nullptr) return false;
  auto ptr_of = [](const syntax::Expr* e) -> const syntax::Expr* {
    if (auto* s = DynCast<syntax::SelectorExpr>(e)) return syntax::Unparen(s->x);
    if (auto* u = DynCast<syntax::UnaryExpr>(e)) return syntax::Unparen(u->x);
    return nullptr;
  };
  const syntax::Expr* dp = ptr_of(db);
  const syntax::Expr* sp = ptr_of(sb);
  auto* dn = DynCast<syntax::Name>(dp);
  auto* sn = DynCast<syntax::Name>(sp);
  if (dn == nullptr || sn == nullptr) return false;
  return ObjOf(dn) != nullptr && ObjOf(dn) == ObjOf(sn) && VarOf(dn) != nullptr;
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
      Call(&ks, call);
    } else {
      Expr(ks[0], src);
    }
    Reassigned(ks, where);
    return;
  }
  for (size_t i = 0; i < ks.size(); i++) {
    const syntax::Expr* src = i < srcs.size() ? srcs[i] : nullptr;
    Hole k = ks[i];
    if (src != nullptr && IsSelfAssign(dsts[i], src)) k = DiscardHole();
    Expr(k, src);
  }
  Reassigned(ks, where);
}

void Lowerer::Reassigned(const std::vector<Hole>& ks, const syntax::Node* where) {
  for (const Hole& k : ks) {
    if (k.kind != Hole::kLoc) continue;
    for (auto& [v, vi] : vars_) {
      if (vi.loc != k.loc) continue;
      if (vi.defn == where && where->kind != NodeKind::kRangeStmt) break;
      vi.reassigned = true;
      break;
    }
  }
}

}  // namespace heapmap::ir::lower
