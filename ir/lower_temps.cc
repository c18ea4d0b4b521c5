// ir/lower_temps.cc — the `.autotmp_N` temporaries irgen creates before escape analysis,
// which show up in gc's -m text.
//
// typecheck.RewriteNonNameCall (from transformCall) copies a call's receiver, or a
// non-name callee, into a temporary when it contains a call or channel operation:
// `f().M(x)` prints as `T.M(.autotmp_3, x)`. RewriteMultiValueCall creates one temporary
// per result for f(g()) and `return g()`. N is len(curfn.Dcl) at that moment: the
// function's parameters and results (unnamed parameters and all results included;
// blank parameters and unnamed or blank receivers not), then every local and temporary
// in irgen's order. NumberTemps replays that order and records N for each call whose
// receiver or callee is replaced.
#include "frontend/syntax/ast_walk.h"
#include "frontend/types/predicates.h"
#include "ir/lower_internal.h"

namespace heapmap::ir::lower {

using syntax::DynCast;
using syntax::NodeKind;
namespace ty = ::heapmap::types;

namespace {
int SignatureDcls(const syntax::FuncType* sig, const syntax::Field* recv) {
  int n = 0;
  if (recv != nullptr && recv->name != nullptr && recv->name->value != "_") ++n;
  if (sig == nullptr) return n;
  // irgen's defParam declares named parameters only: unnamed and blank ones are not in
  // fn.Dcl (results are, as ~r0 / ~b0).
  for (const syntax::Field* p : sig->params) {
    if (p->name != nullptr && p->name->value != "_") ++n;
  }
  n += static_cast<int>(sig->results.size());
  return n;
}
}  // namespace

bool Lowerer::AnyCallOrChan(const syntax::Expr* e) const {
  bool found = false;
  syntax::Walk(const_cast<syntax::Expr*>(e), [&](syntax::Node* n) {
    if (found) return false;
    auto* x = DynCast<syntax::Expr>(n);
    if (x == nullptr) return true;
    if (x->kind == NodeKind::kFuncLit) return false;
    if (IsConstantExpr(x)) return false;  // an OLITERAL
    if (auto* u = DynCast<syntax::UnaryExpr>(x); u && u->op == syntax::Operator::kRecv) {
      found = true;
      return false;
    }
    if (auto* c = DynCast<syntax::CallExpr>(x)) {
      const ty::TypeAndValue* ftv = TV(c->fun);
      if (ftv != nullptr && ftv->mode == ty::Mode::kTypeExpr) return true;  // a conversion
      const ty::Builtin* b = BuiltinCallee(c->fun);
      if (b != nullptr && b->id() == ty::BuiltinId::kNew) return true;  // ONEW is exempt
      // typecheck turns runtime.getg() into OGETG at once: not a call.
      if (auto* nm = DynCast<syntax::Name>(syntax::Unparen(c->fun)); nm != nullptr && nm->value == "getg") {
        ty::Object* o = ObjOf(nm);
        if (o != nullptr && o->pkg() != nullptr && o->pkg()->path() == "runtime") return true;
      }
      found = true;
      return false;
    }
    return true;
  });
  return found;
}

void Lowerer::NumberTemps(const syntax::FuncType* sig, const syntax::Field* recv,
                          const syntax::BlockStmt* body) {
  int n = SignatureDcls(sig, recv);
  if (body != nullptr) {
    TempStmts(body->stmts, &n);
    dcl_count_[body] = n;  // where escape analysis's own temporaries start
  }
}

void Lowerer::TempStmts(syntax::Span<syntax::Stmt*> l, int* n) {
  for (const syntax::Stmt* s : l) TempStmt(s, n);
}

void Lowerer::TempStmt(const syntax::Stmt* s, int* n) {
  if (s == nullptr || !StackOk(s)) return;
  const ty::Info& info = *ctx_->info;
  auto count_defs = [&](auto names) {
    for (const syntax::Expr* l : names) {
      auto* nm = DynCast<syntax::Name>(syntax::Unparen(l));
      if (nm == nullptr || nm->value == "_") continue;
      auto it = info.defs.find(nm);
      if (it != info.defs.end() && ty::Isa<ty::Var>(it->second)) ++*n;
    }
  };
  auto multi_value = [&](syntax::Span<syntax::Expr*> list) {
    if (list.size() != 1) return;
    auto* c = DynCast<syntax::CallExpr>(syntax::Unparen(list[0]));
    if (c != nullptr && !IsConversion(c) && NumResults(c) > 1) *n += NumResults(c);
  };
  switch (s->kind) {
    case NodeKind::kAssignStmt: {
      auto* as = static_cast<const syntax::AssignStmt*>(s);
      for (const syntax::Expr* r : as->rhs) TempExpr(r, n);
      if (as->define) {
        count_defs(as->lhs);
      } else {
        for (const syntax::Expr* l : as->lhs) TempExpr(l, n);
      }
      // x, y = f() where a destination's type differs from the result's: the results
      // go through temporaries first (transformAssign's RewriteMultiValueCall).
      if (as->op == syntax::Operator::kNone && as->rhs.size() == 1 && as->lhs.size() > 1) {
        auto* c = DynCast<syntax::CallExpr>(syntax::Unparen(as->rhs[0]));
        ty::Type* ft = c != nullptr && !IsConversion(c) ? TypeOf(c->fun) : nullptr;
        auto* sig = ft ? ty::DynCast<ty::Signature>(ty::Under(ft)) : nullptr;
        if (sig != nullptr && ty::TupleLen(sig->results()) == static_cast<int>(as->lhs.size())) {
          bool mismatched = false;
          for (size_t i = 0; i < as->lhs.size(); i++) {
            auto* nm = DynCast<syntax::Name>(syntax::Unparen(as->lhs[i]));
            if (nm != nullptr && nm->value == "_") continue;
            ty::Type* lt = TypeOf(as->lhs[i]);
            if (lt != nullptr && !ty::Identical(lt, sig->results()->At(static_cast<int>(i))->type())) {
              mismatched = true;
            }
          }
          if (mismatched) {
            assign_temp_[as] = *n;
            *n += static_cast<int>(as->lhs.size());
          }
        }
      }
      return;
    }
    case NodeKind::kDeclStmt: {
      auto* ds = static_cast<const syntax::DeclStmt*>(s);
      if (ds->decl == nullptr || ds->decl->tok != syntax::Token::kVar) return;
      for (const syntax::Spec* sp : ds->decl->specs) {
        auto* vs = DynCast<syntax::ValueSpec>(sp);
        if (vs == nullptr) continue;
        for (const syntax::Expr* v : vs->values) TempExpr(v, n);
        count_defs(vs->names);
      }
      return;
    }
    case NodeKind::kExprStmt:
      TempExpr(static_cast<const syntax::ExprStmt*>(s)->x, n);
      return;
    case NodeKind::kSendStmt: {
      auto* ss = static_cast<const syntax::SendStmt*>(s);
      TempExpr(ss->chan, n);
      TempExpr(ss->value, n);
      return;
    }
    case NodeKind::kIncDecStmt:
      TempExpr(static_cast<const syntax::IncDecStmt*>(s)->x, n);
      return;
    case NodeKind::kReturnStmt: {
      auto* rs = static_cast<const syntax::ReturnStmt*>(s);
      for (const syntax::Expr* r : rs->results) TempExpr(r, n);
      if (rs->results.size() == 1) assign_temp_[rs] = *n;
      multi_value(rs->results);
      return;
    }
    case NodeKind::kCallStmt:
      TempExpr(static_cast<const syntax::CallStmt*>(s)->call, n);
      return;
    case NodeKind::kBlockStmt:
      TempStmts(static_cast<const syntax::BlockStmt*>(s)->stmts, n);
      return;
    case NodeKind::kLabeledStmt:
      TempStmt(static_cast<const syntax::LabeledStmt*>(s)->stmt, n);
      return;
    case NodeKind::kIfStmt:  // an else-if chain is a loop, not recursion
      for (auto* is = static_cast<const syntax::IfStmt*>(s); is != nullptr;) {
        TempStmt(is->init, n);
        TempExpr(is->cond, n);
        if (is->then) TempStmts(is->then->stmts, n);
        auto* next = DynCast<syntax::IfStmt>(is->else_);
        if (next == nullptr) TempStmt(is->else_, n);
        is = next;
      }
      return;
    case NodeKind::kForStmt: {
      auto* fs = static_cast<const syntax::ForStmt*>(s);
      TempStmt(fs->init, n);
      TempExpr(fs->cond, n);
      TempStmt(fs->post, n);  // irgen builds the post statement before the body
      if (fs->body) TempStmts(fs->body->stmts, n);
      return;
    }
    case NodeKind::kRangeStmt: {
      auto* rs = static_cast<const syntax::RangeStmt*>(s);
      TempExpr(rs->x, n);
      if (rs->define) {
        const syntax::Expr* kv[] = {rs->key, rs->value};
        for (const syntax::Expr* e : kv) {
          if (e == nullptr) continue;
          auto* nm = DynCast<syntax::Name>(e);
          if (nm != nullptr && nm->value != "_" && info.defs.contains(nm)) ++*n;
        }
      } else {
        TempExpr(rs->key, n);
        TempExpr(rs->value, n);
      }
      if (rs->body) TempStmts(rs->body->stmts, n);
      return;
    }
    case NodeKind::kSwitchStmt:
    case NodeKind::kTypeSwitchStmt: {
      auto* ss = static_cast<const syntax::SwitchStmt*>(s);
      TempStmt(ss->init, n);
      auto* guard = DynCast<syntax::TypeSwitchGuard>(ss->tag);
      TempExpr(guard ? guard->x : ss->tag, n);
      for (const syntax::CaseClause* cc : ss->clauses) {
        if (guard != nullptr) {
          if (info.implicits.contains(cc)) ++*n;  // the clause's own v
        } else {
          for (const syntax::Expr* c : cc->cases) TempExpr(c, n);
        }
        TempStmts(cc->body, n);
      }
      return;
    }
    case NodeKind::kSelectStmt: {
      auto* ss = static_cast<const syntax::SelectStmt*>(s);
      for (const syntax::CommClause* cc : ss->clauses) {
        TempStmt(cc->comm, n);
        TempStmts(cc->body, n);
      }
      return;
    }
    default:
      return;
  }
}

void Lowerer::TempExpr(const syntax::Expr* e, int* n) {
  if (e == nullptr || IsConstantExpr(e) || !StackOk(e)) return;
  const ty::TypeAndValue* tv = TV(e);
  if (tv != nullptr && tv->mode == ty::Mode::kTypeExpr) return;
  switch (e->kind) {
    case NodeKind::kFuncLit: {
      auto* lit = static_cast<const syntax::FuncLit*>(e);
      NumberTemps(lit->type, nullptr, lit->body);  // the closure's own Dcl
      return;
    }
    case NodeKind::kCallExpr: {
      auto* c = static_cast<const syntax::CallExpr*>(e);
      const ty::TypeAndValue* ftv = TV(c->fun);
      bool regular = !(ftv != nullptr && (ftv->mode == ty::Mode::kTypeExpr ||
                                          ftv->mode == ty::Mode::kBuiltin));
      if (regular) TempExpr(c->fun, n);
      for (const syntax::Expr* a : c->args) TempExpr(a, n);
      if (!regular) return;
      // transformCall: RewriteNonNameCall, then RewriteMultiValueCall for f(g()).
      const syntax::Expr* callee = syntax::Unparen(c->fun);
      if (auto* s = DynCast<syntax::SelectorExpr>(callee)) {
        auto it = ctx_->info->selections.find(s);
        if (it != ctx_->info->selections.end() && it->second.kind == ty::SelKind::kMethodVal) {
          callee = s->x;
        }
      }
      if (AnyCallOrChan(callee)) call_temp_[c] = (*n)++;
      if (c->args.size() == 1) {
        auto* inner = DynCast<syntax::CallExpr>(syntax::Unparen(c->args[0]));
        if (inner != nullptr && !IsConversion(inner) && NumResults(inner) > 1) {
          *n += NumResults(inner);
        }
      }
      return;
    }
    default:
      syntax::ForEachChild(const_cast<syntax::Expr*>(e), [&](syntax::Node* child) {
        if (auto* ce = DynCast<syntax::Expr>(child)) TempExpr(ce, n);
      });
      return;
  }
}

}  // namespace heapmap::ir::lower
