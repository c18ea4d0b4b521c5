// ir/lower_stmt.cc — statements: escape/stmt.go (stmt, block, dcl, looping labels), with the
// AST forms mapped to gc ops: `x := v` is ODCL + OAS, `for range` is ORANGE with its
// temporary, a type switch declares one variable per clause, IncDec is OASOP.
#include "base/stack.h"
#include "frontend/syntax/ast_walk.h"
#include "frontend/types/predicates.h"
#include "ir/lower_internal.h"

namespace heapmap::ir::lower {

using syntax::DynCast;
using syntax::NodeKind;
namespace ty = ::heapmap::types;

// deadcode.Func on an expression switch with a constant tag (or none) and constant cases:
// only the clause that must run is left (with its one matching value), the default when
// none can, or no clause at all. Returns false when the switch stays as it is.
bool ConstSwitchClause(const syntax::SwitchStmt* ss, const ty::Info& info,
                       const syntax::CaseClause** keep, const syntax::Expr** value) {
  auto TV = [&info](const syntax::Expr* e) -> const ty::TypeAndValue* {
    auto it = info.types.find(e);
    return it == info.types.end() ? nullptr : &it->second;
  };
  *keep = nullptr;
  *value = nullptr;
  if (ss->guard() != nullptr) return false;
  ty::constant::Value x;
  if (ss->tag != nullptr) {
    const ty::TypeAndValue* tv = TV(syntax::Unparen(ss->tag));
    if (tv == nullptr || tv->mode != ty::Mode::kConstant) return false;
    x = tv->value;
  } else {
    x = ty::constant::MakeBool(true);
  }
  auto has_fallthrough = [](const syntax::CaseClause* cc) {
    for (const syntax::Stmt* st : cc->body) {
      auto* br = DynCast<syntax::BranchStmt>(st);
      if (br != nullptr && br->tok == syntax::Token::kFallthrough) return true;
    }
    return false;
  };
  const syntax::CaseClause* def = nullptr;
  for (const syntax::CaseClause* cc : ss->clauses) {
    if (cc->is_default) {
      def = cc;
      continue;
    }
    for (const syntax::Expr* c : cc->cases) {
      const ty::TypeAndValue* tv = TV(syntax::Unparen(c));
      if (tv == nullptr || tv->mode != ty::Mode::kConstant) return false;
      if (tv->value.kind() == x.kind() &&
          ty::constant::Compare(x, ty::constant::Op::kEql, tv->value)) {
        if (has_fallthrough(cc)) return false;
        *keep = cc;
        *value = c;
        return true;
      }
    }
  }
  if (def != nullptr) {
    if (has_fallthrough(def)) return false;
    *keep = def;
  }
  return true;
}

// walkFunc's label pre-pass: a label is looping when a goto to it follows it.
void Lowerer::FindLabels(syntax::Node* body) {
  absl::flat_hash_map<std::string_view, const syntax::LabeledStmt*> seen;
  syntax::Walk(body, [&](syntax::Node* n) {
    // Statements sit in statements only (an expression holds one only in a literal's
    // body, which has labels of its own): expressions are not entered.
    if (syntax::Expr::Classof(n->kind)) return false;
    if (auto* l = DynCast<syntax::LabeledStmt>(n)) {
      seen[l->label->value] = l;
      looping_[l] = false;
    } else if (auto* b = DynCast<syntax::BranchStmt>(n)) {
      if (b->tok == syntax::Token::kGoto && b->label) {
        auto it = seen.find(b->label->value);
        if (it != seen.end()) looping_[it->second] = true;
      }
    }
    return true;
  });
}

Hole Lowerer::Dcl(VarInfo* v) {
  b_.loc(v->loc).set_loop_depth(loop_depth_);
  return LocHole(v->loc);
}

// deadcode.expr: a condition folded on constant left operands of && and ||.
bool ConstCondition(const syntax::Expr* e, const ty::Info& info, bool* value) {
  if (!base::StackAvailable()) return false;
  e = syntax::Unparen(e);
  if (auto it = info.types.find(e); it != info.types.end() &&
                                    it->second.mode == ty::Mode::kConstant) {
    if (it->second.value.kind() != ty::constant::Kind::kBool) return false;
    *value = ty::constant::BoolVal(it->second.value);
    return true;
  }
  auto* b = DynCast<syntax::BinaryExpr>(e);
  if (b == nullptr || (b->op != syntax::Operator::kAndAnd && b->op != syntax::Operator::kOrOr)) {
    return false;
  }
  bool lv;
  if (!ConstCondition(b->x, info, &lv)) return false;
  bool and_op = b->op == syntax::Operator::kAndAnd;
  if (lv != and_op) {  // false && x, true || x
    *value = lv;
    return true;
  }
  return ConstCondition(b->y, info, value);  // true && x, false || x
}

namespace {
// A constant bool, as typecheck leaves it (no folding of && and ||).
bool IsConstBool(const syntax::Expr* e, const ty::Info& info, bool* value) {
  auto it = info.types.find(syntax::Unparen(e));
  if (it == info.types.end() || it->second.mode != ty::Mode::kConstant ||
      it->second.value.kind() != ty::constant::Kind::kBool) {
    return false;
  }
  *value = ty::constant::BoolVal(it->second.value);
  return true;
}

// irgen leaves no statement of these (empty statements and blocks vanish).
bool NoStatements(syntax::Span<syntax::Stmt*> list) {
  for (const syntax::Stmt* s : list) {
    if (s->kind == NodeKind::kEmptyStmt) continue;
    auto* b = DynCast<syntax::BlockStmt>(s);
    if (b == nullptr || !NoStatements(b->stmts)) return false;
  }
  return true;
}
}  // namespace

const syntax::Expr* DeadcodeCond(const syntax::Expr* e, const ty::Info& info) {
  if (!base::StackAvailable()) return e;
  bool v = false;
  if (IsConstBool(e, info, &v)) return e;  // typecheck folded it whole: one constant
  auto* b = DynCast<syntax::BinaryExpr>(syntax::Unparen(e));
  if (b == nullptr || (b->op != syntax::Operator::kAndAnd && b->op != syntax::Operator::kOrOr)) {
    return e;
  }
  const syntax::Expr* x = DeadcodeCond(b->x, info);
  const syntax::Expr* y = DeadcodeCond(b->y, info);
  if (!IsConstBool(x, info, &v)) return e;
  bool and_op = b->op == syntax::Operator::kAndAnd;
  return v == and_op ? y : x;  // true && y, false || y; false && y, true || y
}

bool DeadcodeEmptiesBody(const syntax::BlockStmt* body, const ty::Info& info) {
  if (body == nullptr) return false;
  bool any = false;
  for (const syntax::Stmt* s : body->stmts) {
    if (s->kind == NodeKind::kEmptyStmt) continue;
    any = true;
    bool v = false;
    if (auto* is = DynCast<syntax::IfStmt>(s)) {
      if (is->init != nullptr || !IsConstBool(DeadcodeCond(is->cond, info), info, &v)) return false;
      if (v && is->then != nullptr && !NoStatements(is->then->stmts)) return false;
      if (!v && is->else_ != nullptr) {
        auto* eb = DynCast<syntax::BlockStmt>(is->else_);
        if (eb == nullptr || !NoStatements(eb->stmts)) return false;
      }
    } else if (auto* fs = DynCast<syntax::ForStmt>(s)) {
      if (fs->init != nullptr || fs->cond == nullptr || !IsConstBool(fs->cond, info, &v) || v) {
        return false;
      }
    } else {
      return false;
    }
  }
  return any;
}

bool Lowerer::CondConst(const syntax::Expr* e, bool* v) const {
  if (!StackOk(e)) return false;
  return ConstCondition(e, *ctx_->info, v);
}

// Evaluates a condition as deadcode leaves it: operands cut off by a constant are gone.
void Lowerer::Cond(const syntax::Expr* e) {
  if (!StackOk(e)) return;
  bool v;
  if (CondConst(e, &v)) return;
  const syntax::Expr* u = syntax::Unparen(e);
  auto* b = DynCast<syntax::BinaryExpr>(u);
  if (b == nullptr || (b->op != syntax::Operator::kAndAnd && b->op != syntax::Operator::kOrOr)) {
    Discard(e);
    return;
  }
  bool lv;
  if (CondConst(b->x, &lv)) {
    Cond(b->y);  // the constant left operand is dropped (true && x => x)
    return;
  }
  Cond(b->x);
  Cond(b->y);
}

bool IsReturnOrPanic(const syntax::Stmt* s, const ty::Info& info) {
  if (s == nullptr) return false;
  if (s->kind == NodeKind::kReturnStmt) return true;
  auto* es = DynCast<syntax::ExprStmt>(s);
  auto* call = es != nullptr ? DynCast<syntax::CallExpr>(syntax::Unparen(es->x)) : nullptr;
  auto* nm = call != nullptr ? DynCast<syntax::Name>(syntax::Unparen(call->fun)) : nullptr;
  auto* b = nm != nullptr ? ty::DynCast<ty::Builtin>(ObjectOf(info, nm)) : nullptr;
  return b != nullptr && b->id() == ty::BuiltinId::kPanic;
}

// deadcode.stmts: an if with a constant condition whose live branch ends in return or
// panic (the last statement irgen keeps: empty ones vanish) makes the rest of the list
// dead.
bool Lowerer::EndsListAfterConstIf(const syntax::Stmt* s) const {
  auto* is = DynCast<syntax::IfStmt>(s);
  bool v;
  if (is == nullptr || !CondConst(is->cond, &v)) return false;
  auto* blk = DynCast<syntax::BlockStmt>(v ? static_cast<const syntax::Stmt*>(is->then) : is->else_);
  if (blk == nullptr) return false;
  const syntax::Stmt* last = nullptr;
  for (const syntax::Stmt* st : blk->stmts) {
    if (st->kind != NodeKind::kEmptyStmt) last = st;
  }
  return IsReturnOrPanic(last, *ctx_->info);
}

size_t Lowerer::LiveStmtCount(syntax::Span<syntax::Stmt*> l) const {
  int last_label = -1;  // a label may be a goto's target: nothing before it is cut
  for (size_t i = 0; i < l.size(); i++) {
    if (l[i] != nullptr && l[i]->kind == NodeKind::kLabeledStmt) last_label = static_cast<int>(i);
  }
  for (size_t i = 0; i < l.size(); i++) {
    if (static_cast<int>(i) > last_label && EndsListAfterConstIf(l[i])) return i + 1;
  }
  return l.size();
}

void Lowerer::Stmts(syntax::Span<syntax::Stmt*> l) {
  const size_t live = LiveStmtCount(l);
  for (size_t i = 0; i < live; i++) Stmt(l[i]);
}

void Lowerer::Block(syntax::Span<syntax::Stmt*> l) {
  int old = loop_depth_;
  Stmts(l);
  loop_depth_ = old;
}

void Lowerer::Stmt(const syntax::Stmt* s) {
  if (s == nullptr || !StackOk(s)) return;
  const syntax::Node* saved_stmt = cur_stmt_;
  cur_stmt_ = s;
  StmtInner(s);
  cur_stmt_ = saved_stmt;
}

void Lowerer::StmtInner(const syntax::Stmt* s) {
  switch (s->kind) {
    case NodeKind::kBlockStmt:
      Block(static_cast<const syntax::BlockStmt*>(s)->stmts);
      return;
    case NodeKind::kLabeledStmt: {
      auto* l = static_cast<const syntax::LabeledStmt*>(s);
      if (looping_[l]) loop_depth_++;
      Stmt(l->stmt);
      return;
    }
    case NodeKind::kExprStmt: {
      const syntax::Expr* x = syntax::Unparen(static_cast<const syntax::ExprStmt*>(s)->x);
      if (auto* call = DynCast<syntax::CallExpr>(x)) {
        if (!IsConversion(call)) {
          Call(nullptr, call);
          return;
        }
      }
      Discard(x);
      return;
    }
    case NodeKind::kSendStmt: {
      auto* ss = static_cast<const syntax::SendStmt*>(s);
      Discard(ss->chan);
      Expr(Note(HeapHole(), ss, "send"), ss->value);
      return;
    }
    case NodeKind::kDeclStmt: {
      auto* d = static_cast<const syntax::DeclStmt*>(s)->decl;
      if (d->tok != syntax::Token::kVar) return;
      for (syntax::Spec* sp : d->specs) {
        auto* vs = DynCast<syntax::ValueSpec>(sp);
        if (vs == nullptr) continue;
        std::vector<const syntax::Expr*> dsts, srcs;
        for (syntax::Name* n : vs->names) {
          if (VarInfo* v = VarOf(n)) Dcl(v);
          dsts.push_back(n);
        }
        for (syntax::Expr* v : vs->values) srcs.push_back(v);
        cur_stmt_ = vs;
        if (srcs.empty()) {
          // `var x T` is OAS x = nil with no Defn: no flows, not a reassignment.
          continue;
        }
        AssignList(dsts, srcs, vs);
      }
      return;
    }
    case NodeKind::kAssignStmt: {
      auto* as = static_cast<const syntax::AssignStmt*>(s);
      std::vector<const syntax::Expr*> dsts(as->lhs.begin(), as->lhs.end());
      std::vector<const syntax::Expr*> srcs(as->rhs.begin(), as->rhs.end());
      if (as->define) {
        for (const syntax::Expr* l : dsts) {
          VarInfo* v = VarOf(l);
          if (v != nullptr && b_.loc(v->loc).func() == static_cast<uint32_t>(cur_)) {
            auto* nm = DynCast<syntax::Name>(l);
            auto d = ctx_->info->defs.find(nm);
            if (d != ctx_->info->defs.end() && d->second != nullptr) Dcl(v);
          }
        }
      }
      if (as->op != syntax::Operator::kNone) {
        // OASOP: x op= y assigns x's new value (no pointers unless string +=).
        AssignList(dsts, srcs, as);
        return;
      }
      AssignList(dsts, srcs, as);
      return;
    }
    case NodeKind::kIncDecStmt:
      AssignList({static_cast<const syntax::IncDecStmt*>(s)->x}, {}, s);
      return;
    case NodeKind::kBranchStmt:
    case NodeKind::kEmptyStmt:
      return;
    case NodeKind::kCallStmt:
      GoDefer(static_cast<const syntax::CallStmt*>(s));
      return;
    case NodeKind::kReturnStmt: {
      auto* r = static_cast<const syntax::ReturnStmt*>(s);
      std::vector<Hole> ks;
      for (uint32_t id : results_[cur_]) {
        ks.push_back(id == UnitBuilder::kNoSlot ? DiscardHole() : Note(LocHole(id), r, "return"));
      }
      if (r->results.size() == 1 && ks.size() > 1) {
        if (auto* call = DynCast<syntax::CallExpr>(syntax::Unparen(r->results[0]))) {
          auto it = assign_temp_.find(r);
          auto* fsig = b_.func(cur_).results_size() > 0 ? CurSignature() : nullptr;
          if (it != assign_temp_.end() && fsig != nullptr) {
            std::vector<ty::Type*> types;
            for (int i = 0; i < ty::TupleLen(fsig->results()); i++) {
              types.push_back(fsig->results()->At(i)->type());
            }
            MultiValueThroughTemps(ks, types, call, it->second, call->pos);
          } else {
            Call(&ks, call);
          }
          return;
        }
      }
      std::vector<const syntax::Expr*> srcs(r->results.begin(), r->results.end());
      for (size_t i = 0; i < ks.size() && i < srcs.size(); i++) Expr(ks[i], srcs[i]);
      return;
    }
    case NodeKind::kIfStmt: {
      // An else-if chain is walked in a loop (its length costs no stack); each arm is the
      // statement being lowered (cur_stmt_) while it is, as if nested.
      int old = loop_depth_;
      for (auto* is = static_cast<const syntax::IfStmt*>(s);;) {
        cur_stmt_ = is;
        Stmt(is->init);
        bool v = false;
        const bool is_const = CondConst(is->cond, &v);
        if (!is_const) Cond(is->cond);
        // deadcode: a constant condition drops the branch it never takes.
        if (!is_const || v) Block(is->then->stmts);
        if (is->else_ == nullptr || (is_const && v)) break;
        auto* next = DynCast<syntax::IfStmt>(is->else_);
        if (next == nullptr) {
          int o2 = loop_depth_;
          Stmt(is->else_);
          loop_depth_ = o2;
          break;
        }
        is = next;
      }
      loop_depth_ = old;
      return;
    }
    case NodeKind::kForStmt: {
      auto* fs = static_cast<const syntax::ForStmt*>(s);
      int old = loop_depth_;
      Stmt(fs->init);
      loop_depth_++;
      Discard(fs->cond);
      Stmt(fs->post);
      Block(fs->body->stmts);
      loop_depth_ = old;
      return;
    }
    case NodeKind::kRangeStmt: {
      auto* rs = static_cast<const syntax::RangeStmt*>(s);
      int old = loop_depth_;
      // irgen's initDefn puts ODCLs for := range variables in the statement's init, so
      // they are declared at the depth outside the loop.
      if (rs->define) {
        for (const syntax::Expr* e : {rs->key, rs->value}) {
          auto* nm = e ? DynCast<syntax::Name>(e) : nullptr;
          if (nm == nullptr || nm->value == "_" || !ctx_->info->defs.contains(nm)) continue;
          if (VarInfo* v = VarOf(nm)) Dcl(v);
        }
      }
      uint32_t tmp = NewTemp(LOC_TEMP, false);
      Expr(LocHole(tmp), rs->x);
      loop_depth_++;
      std::vector<Hole> ks = {AddrOf(rs->key), AddrOf(rs->value)};
      ty::Type* xt = TypeOf(rs->x);
      if (xt && ty::Isa<ty::Array>(ty::Under(xt))) {
        Flow(NoteText(ks[1], "for loop", "range", rs->range_pos), tmp, "range");
      } else {
        Flow(NoteText(ks[1].Deref(), "for loop", "range-deref", rs->range_pos), tmp, "range-deref");
      }
      Reassigned(ks, rs);
      Block(rs->body->stmts);
      loop_depth_ = old;
      return;
    }
    case NodeKind::kSwitchStmt:
    case NodeKind::kTypeSwitchStmt: {
      auto* sw = static_cast<const syntax::SwitchStmt*>(s);
      int old = loop_depth_;
      Stmt(sw->init);
      if (const syntax::TypeSwitchGuard* g = sw->guard()) {
        std::vector<Hole> ks;
        if (g->lhs != nullptr) {
          for (const syntax::CaseClause* cc : sw->clauses) {
            auto it = ctx_->info->implicits.find(cc);
            if (it == ctx_->info->implicits.end()) continue;
            auto* v = ty::DynCast<ty::Var>(it->second);
            auto vt = v ? vars_.find(v) : vars_.end();
            if (vt == vars_.end()) continue;
            Hole k = Dcl(&vt->second);
            if (HasPointers(v->type())) {
              if (!IsInterfaceType(v->type()) && !IsDirectIface(v->type())) k = k.Shift(1);
              if (ctx_->explain) k = NoteText(k, CaseClauseText(cc), "switch case", cc->pos);
              ks.push_back(k);
            }
          }
        }
        Expr(Tee(ks), g->x);
      } else {
        Discard(sw->tag);
      }
      // deadcode: a constant switch keeps the one clause that runs (and its one value).
      const syntax::CaseClause* keep = nullptr;
      const syntax::Expr* value = nullptr;
      const bool pruned = ConstSwitchClause(sw, *ctx_->info, &keep, &value);
      for (const syntax::CaseClause* cc : sw->clauses) {
        if (pruned && cc != keep) continue;
        for (const syntax::Expr* c : cc->cases) {
          if (sw->guard() == nullptr && (!pruned || c == value)) Discard(c);
        }
        Block(cc->body);
      }
      loop_depth_ = old;
      return;
    }
    case NodeKind::kSelectStmt: {
      auto* ss = static_cast<const syntax::SelectStmt*>(s);
      for (const syntax::CommClause* cc : ss->clauses) {
        Stmt(cc->comm);
        Block(cc->body);
      }
      return;
    }
    default:
      return;
  }
}

}  // namespace heapmap::ir::lower
