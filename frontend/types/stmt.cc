// frontend/types/stmt.cc — function bodies and statements: scopes, assignments, if/for/range/switch/type switch/select, returns, terminating analysis, unused variables (types2 stmt.go, return.go).
#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "frontend/syntax/ast_walk.h"
#include "frontend/types/checker_impl.h"

namespace heapmap::types {

void Checker::OpenScope(const syn::Node* n, const char* comment) {
  auto* scope = New<Scope>(env_.scope, n != nullptr ? n->pos : syn::Pos{}, syn::Pos{}, comment);
  RecordScope(n, scope);
  env_.scope = scope;
}

void Checker::OpenStatementScope(const syn::Node* n, const char* comment) {
  OpenScope(n, comment);
  env_.scope->set_statement_scope();
}

void Checker::CloseScope() {
  if (env_.scope != nullptr) env_.scope = env_.scope->parent();
}

void Checker::FuncBody(DeclInfo* decl, const std::string& name, Signature* sig,
                       syn::BlockStmt* body, const constant::Value* iota) {
  (void)name;
  Environment saved = env_;
  int file = env_.file;
  env_ = Environment{};
  env_.file = file;
  env_.decl = decl;
  env_.scope = sig->scope();
  if (env_.scope == nullptr) {
    env_.scope = New<Scope>(nullptr, syn::Pos{}, syn::Pos{}, "function");
  }
  if (iota != nullptr) {
    env_.has_iota = true;
    env_.iota = *iota;
  }
  env_.sig = sig;
  StmtList(0, body->stmts);
  Labels(body);
  if (TupleLen(sig->results()) > 0 && !IsTerminating(body, "")) {
    ErrorAt(body->rbrace, "missing return");
  }
  Usage(sig->scope());
  env_ = saved;
}

// Records the labels of one function body (not of nested function literals, which have
// their own) as Defs and the labels of its branch statements as Uses (go/types labels.go;
// the parser's branch checks already reported invalid labels, so a lookup by name is
// enough).
void Checker::Labels(syn::BlockStmt* body) {
  if (body == nullptr) return;
  absl::flat_hash_map<std::string_view, Label*> labels;
  std::vector<syn::BranchStmt*> branches;
  syn::Walk(body, [&](syn::Node* n) {
    if (n->kind == syn::NodeKind::kFuncLit) return false;
    if (auto* l = syn::DynCast<syn::LabeledStmt>(n)) {
      if (l->label != nullptr && l->label->value != "_" && !labels.contains(l->label->value)) {
        auto* lbl = New<Label>(l->label->pos, pkg_, std::string(l->label->value));
        lbl->set_file(env_.file);
        labels.emplace(l->label->value, lbl);
        RecordDef(l->label, lbl);
      }
    } else if (auto* b = syn::DynCast<syn::BranchStmt>(n)) {
      if (b->label != nullptr) branches.push_back(b);
    }
    return true;
  });
  for (syn::BranchStmt* b : branches) {
    auto it = labels.find(b->label->value);
    if (it == labels.end()) continue;
    it->second->set_used(true);
    RecordUse(b->label, it->second);
  }
}

void Checker::Usage(Scope* scope) {
  if (scope == nullptr) return;
  std::vector<Var*> unused;
  for (std::string_view n : scope->Names()) {
    auto* v = DynCast<Var>(scope->Lookup(n));
    if (v == nullptr || v->used()) continue;
    if (v->var_kind() != VarKind::kLocal) continue;
    unused.push_back(v);
  }
  std::sort(unused.begin(), unused.end(), [](Var* a, Var* b) { return a->pos() < b->pos(); });
  for (Var* v : unused) ErrorAt(v->pos(), Cat(v->name(), " declared and not used"), true);
  for (int i = 0; i < scope->NumChildren(); ++i) {
    Scope* c = scope->Child(i);
    if (!c->is_func()) Usage(c);
  }
}

void Checker::StmtList(uint32_t ctxt, const syn::Span<syn::Stmt*>& list) {
  bool ok = (ctxt & kFallthroughOk) != 0;
  uint32_t inner = ctxt & ~(kFallthroughOk | kFinalSwitchCase);
  // Trailing empty statements are permitted - skip them.
  int64_t last = static_cast<int64_t>(list.size()) - 1;
  while (last >= 0 && syn::Isa<syn::EmptyStmt>(list[last])) last--;
  for (int64_t i = 0; i < static_cast<int64_t>(list.size()); ++i) {
    uint32_t in = inner;
    if (ok && i == last) in |= kFallthroughOk;
    Stmt(in, list[i]);
  }
}

namespace {

// Whether a break in list (or nested statements) targets `target` (the parser resolved
// every break's target).
bool HasBreakTo(syn::Stmt* s, const syn::Stmt* target);
bool HasBreakToList(const syn::Span<syn::Stmt*>& list, const syn::Stmt* target) {
  for (syn::Stmt* s : list) {
    if (HasBreakTo(s, target)) return true;
  }
  return false;
}
bool HasBreakTo(syn::Stmt* s, const syn::Stmt* target) {
  if (s == nullptr) return false;
  switch (s->kind) {
    case syn::NodeKind::kBranchStmt: {
      auto* b = static_cast<syn::BranchStmt*>(s);
      return b->tok == syn::Token::kBreak && b->target == target;
    }
    case syn::NodeKind::kBlockStmt:
      return HasBreakToList(static_cast<syn::BlockStmt*>(s)->stmts, target);
    case syn::NodeKind::kLabeledStmt:
      return HasBreakTo(static_cast<syn::LabeledStmt*>(s)->stmt, target);
    case syn::NodeKind::kIfStmt:  // an else-if chain is a loop, not recursion
      for (auto* i = static_cast<syn::IfStmt*>(s);;) {
        if (HasBreakTo(i->then, target)) return true;
        auto* next = syn::DynCast<syn::IfStmt>(i->else_);
        if (next == nullptr) return HasBreakTo(i->else_, target);
        i = next;
      }
    case syn::NodeKind::kForStmt:
      return HasBreakTo(static_cast<syn::ForStmt*>(s)->body, target);
    case syn::NodeKind::kRangeStmt:
      return HasBreakTo(static_cast<syn::RangeStmt*>(s)->body, target);
    case syn::NodeKind::kSwitchStmt:
    case syn::NodeKind::kTypeSwitchStmt:
      for (syn::CaseClause* cc : static_cast<syn::SwitchStmt*>(s)->clauses) {
        if (HasBreakToList(cc->body, target)) return true;
      }
      return false;
    case syn::NodeKind::kSelectStmt:
      for (syn::CommClause* cc : static_cast<syn::SelectStmt*>(s)->clauses) {
        if (HasBreakToList(cc->body, target)) return true;
      }
      return false;
    default:
      return false;
  }
}

}  // namespace

bool Checker::IsTerminating(syn::Stmt* s, std::string_view label) {
  if (s == nullptr) return false;
  switch (s->kind) {
    case syn::NodeKind::kLabeledStmt:
      return IsTerminating(static_cast<syn::LabeledStmt*>(s)->stmt,
                           static_cast<syn::LabeledStmt*>(s)->label->value);
    case syn::NodeKind::kExprStmt: {
      auto* call = syn::DynCast<syn::CallExpr>(syn::Unparen(static_cast<syn::ExprStmt*>(s)->x));
      if (call == nullptr) return false;
      auto* name = syn::DynCast<syn::Name>(syn::Unparen(call->fun));
      if (name == nullptr) return false;
      auto it = info_->uses.find(name);
      if (it == info_->uses.end()) return false;
      auto* b = DynCast<types::Builtin>(it->second);
      return b != nullptr && b->id() == BuiltinId::kPanic;
    }
    case syn::NodeKind::kReturnStmt:
      return true;
    case syn::NodeKind::kBranchStmt: {
      auto* b = static_cast<syn::BranchStmt*>(s);
      return b->tok == syn::Token::kGoto || b->tok == syn::Token::kFallthrough;
    }
    case syn::NodeKind::kBlockStmt:
      return IsTerminatingList(static_cast<syn::BlockStmt*>(s)->stmts, "");
    case syn::NodeKind::kIfStmt:  // an else-if chain is a loop, not recursion
      for (auto* i = static_cast<syn::IfStmt*>(s);;) {
        if (i->else_ == nullptr || !IsTerminating(i->then, "")) return false;
        auto* next = syn::DynCast<syn::IfStmt>(i->else_);
        if (next == nullptr) return IsTerminating(i->else_, "");
        i = next;
      }
    case syn::NodeKind::kSwitchStmt:
    case syn::NodeKind::kTypeSwitchStmt: {
      auto* sw = static_cast<syn::SwitchStmt*>(s);
      bool has_default = false;
      for (syn::CaseClause* cc : sw->clauses) {
        if (cc->is_default) has_default = true;
        if (!IsTerminatingList(cc->body, "") || HasBreakToList(cc->body, sw)) return false;
      }
      return has_default;
    }
    case syn::NodeKind::kSelectStmt: {
      auto* sel = static_cast<syn::SelectStmt*>(s);
      for (syn::CommClause* cc : sel->clauses) {
        if (!IsTerminatingList(cc->body, "") || HasBreakToList(cc->body, sel)) return false;
      }
      return true;
    }
    case syn::NodeKind::kForStmt: {
      auto* f = static_cast<syn::ForStmt*>(s);
      return f->cond == nullptr && !HasBreakTo(f->body, f);
    }
    default:
      return false;
  }
}

bool Checker::IsTerminatingList(const syn::Span<syn::Stmt*>& list, std::string_view label) {
  for (int64_t i = static_cast<int64_t>(list.size()) - 1; i >= 0; --i) {
    if (!syn::Isa<syn::EmptyStmt>(list[i])) return IsTerminating(list[i], label);
  }
  return false;
}

bool Checker::IsTerminatingSwitch(const syn::Span<syn::CaseClause*>& body, std::string_view label) {
  (void)body;
  (void)label;
  return false;
}

void Checker::Stmt(uint32_t ctxt, syn::Stmt* s) {
  if (s == nullptr || !StackOk(s)) return;
  // Function literals collected in this statement are checked before the scope changes
  // (types2: defer check.processDelayed).
  size_t top = delayed_.size();
  StmtInternal(ctxt, s);
  ProcessDelayed(top);
}

void Checker::StmtInternal(uint32_t ctxt, syn::Stmt* s) {
  uint32_t inner = ctxt & ~(kFallthroughOk | kFinalSwitchCase | kInTypeSwitch);
  switch (s->kind) {
    case syn::NodeKind::kEmptyStmt:
      break;
    case syn::NodeKind::kDeclStmt:
      if (auto* d = static_cast<syn::DeclStmt*>(s)->decl) DeclStmt(d);
      break;
    case syn::NodeKind::kLabeledStmt:
      env_.has_label = true;
      Stmt(ctxt, static_cast<syn::LabeledStmt*>(s)->stmt);
      break;
    case syn::NodeKind::kExprStmt: {
      syn::Expr* e = static_cast<syn::ExprStmt*>(s)->x;
      if (e == nullptr) break;
      Operand x;
      call_kind_ = ExprKind::kExpression;
      RawExpr(&x, e, nullptr, false);
      syn::Expr* ue = syn::Unparen(e);
      ExprKind kind = ExprKind::kExpression;
      if (syn::Isa<syn::CallExpr>(ue)) kind = call_kind_;
      if (auto* u = syn::DynCast<syn::UnaryExpr>(ue); u != nullptr && u->op == syn::Operator::kRecv) {
        kind = ExprKind::kStatement;
      }
      std::string msg;
      switch (x.mode) {
        case Mode::kInvalid:
          return;
        case Mode::kBuiltin:
          msg = "must be called";
          break;
        case Mode::kTypeExpr:
          msg = "is not an expression";
          break;
        default:
          if (kind == ExprKind::kStatement) return;
          msg = "is not used";
      }
      Error(e, Cat(OS(x), " ", msg));
      break;
    }
    case syn::NodeKind::kSendStmt: {
      auto* ss = static_cast<syn::SendStmt*>(s);
      Operand ch, val;
      Expr(&ch, ss->chan);
      Expr(&val, ss->value);
      if (ch.mode == Mode::kInvalid || val.mode == Mode::kInvalid) return;
      Type* u = CoreType(ch.type);
      if (u == nullptr) {
        Error(s, Cat("invalid operation: cannot send to ", OS(ch), ": no core type"));
        return;
      }
      auto* uch = DynCast<Chan>(u);
      if (uch == nullptr) {
        Error(s, Cat("invalid operation: cannot send to non-channel ", OS(ch)));
        return;
      }
      if (uch->dir() == ChanDir::kRecvOnly) {
        Error(s, Cat("invalid operation: cannot send to receive-only channel ", OS(ch)));
        return;
      }
      Assignment(&val, uch->elem(), ConvContext::kSend, "send");
      break;
    }
    case syn::NodeKind::kIncDecStmt: {
      auto* is = static_cast<syn::IncDecStmt*>(s);
      Operand x;
      Expr(&x, is->x);
      if (x.mode == Mode::kInvalid) return;
      if (!AllNumeric(x.type)) {
        const char* op = is->inc ? "++" : "--";
        Error(is->x, Cat("invalid operation: ", ExprStr(is->x), op, " (non-numeric type ",
                                  TS(x.type), ")"));
        return;
      }
      AssignVar(is->x, nullptr, &x);
      break;
    }
    case syn::NodeKind::kAssignStmt:
      AssignStmt(static_cast<syn::AssignStmt*>(s));
      break;
    case syn::NodeKind::kCallStmt: {
      auto* cs = static_cast<syn::CallStmt*>(s);
      const char* kw = cs->tok == syn::Token::kGo ? "go" : "defer";
      if (cs->call == nullptr) break;
      Operand x;
      call_kind_ = ExprKind::kExpression;
      RawExpr(&x, cs->call, nullptr, false);
      if (x.mode == Mode::kInvalid) break;
      if (call_kind_ == ExprKind::kConversion) {
        Error(cs->call, Cat(kw, " requires function call, not conversion"));
      } else if (call_kind_ == ExprKind::kExpression) {
        Error(cs->call, Cat(kw, " discards result of ", OS(x)));
      }
      break;
    }
    case syn::NodeKind::kReturnStmt:
      ReturnStmt(static_cast<syn::ReturnStmt*>(s));
      break;
    case syn::NodeKind::kBranchStmt:
      break;
    case syn::NodeKind::kBlockStmt:
      OpenStatementScope(s, "block");
      StmtList(inner, static_cast<syn::BlockStmt*>(s)->stmts);
      CloseScope();
      break;
    case syn::NodeKind::kIfStmt: {
      // types2 checks `else if` as a nested statement (its scope inside this one's, its
      // function literals processed when it ends). The chain is walked in a loop with the
      // same effect, so that its length costs no stack: tops[k] is arm k+1's
      // delayed-literal mark, as Stmt would have taken it.
      std::vector<size_t> tops;
      for (auto* is = static_cast<syn::IfStmt*>(s);;) {
        OpenStatementScope(is, "if");
        SimpleStmt(is->init);
        if (is->cond != nullptr) {
          Operand x;
          Expr(&x, is->cond);
          if (x.mode != Mode::kInvalid && !AllBoolean(x.type)) {
            Error(is->cond, "non-boolean condition in if statement");
          }
        }
        Stmt(inner, is->then);
        auto* next = syn::DynCast<syn::IfStmt>(is->else_);
        if (next == nullptr) {
          if (is->else_ != nullptr) Stmt(inner, is->else_);
          break;
        }
        tops.push_back(delayed_.size());
        is = next;
      }
      for (auto it = tops.rbegin(); it != tops.rend(); ++it) {
        CloseScope();
        ProcessDelayed(*it);
      }
      CloseScope();
      break;
    }
    case syn::NodeKind::kForStmt: {
      auto* fs = static_cast<syn::ForStmt*>(s);
      inner |= kBreakOk | kContinueOk;
      OpenStatementScope(s, "for");
      SimpleStmt(fs->init);
      if (fs->cond != nullptr) {
        Operand x;
        Expr(&x, fs->cond);
        if (x.mode != Mode::kInvalid && !AllBoolean(x.type)) {
          Error(fs->cond, "non-boolean condition in for statement");
        }
      }
      SimpleStmt(fs->post);
      Stmt(inner, fs->body);
      CloseScope();
      break;
    }
    case syn::NodeKind::kRangeStmt:
      RangeStmt(inner | kBreakOk | kContinueOk, static_cast<syn::RangeStmt*>(s));
      break;
    case syn::NodeKind::kSwitchStmt:
      SwitchStmt(inner | kBreakOk, static_cast<syn::SwitchStmt*>(s));
      break;
    case syn::NodeKind::kTypeSwitchStmt:
      TypeSwitchStmt(inner | kBreakOk | kInTypeSwitch, static_cast<syn::SwitchStmt*>(s));
      break;
    case syn::NodeKind::kSelectStmt:
      SelectStmt(inner | kBreakOk, static_cast<syn::SelectStmt*>(s));
      break;
    default:
      Error(s, "invalid statement");
  }
}

void Checker::AssignStmt(syn::AssignStmt* s) {
  if (s->op == syn::Operator::kNone) {
    if (s->define) {
      ShortVarDecl(s, s->lhs, s->rhs);
    } else {
      AssignVars(s->lhs, s->rhs);
    }
    return;
  }
  if (s->lhs.size() != 1 || s->rhs.size() != 1) {
    Error(s, Cat("assignment operation ", syn::OperatorString(s->op),
                          " requires single-valued expressions"));
    return;
  }
  Operand x;
  Binary(&x, nullptr, s->lhs[0], s->rhs[0], s->op);
  AssignVar(s->lhs[0], nullptr, &x);
}

void Checker::ReturnStmt(syn::ReturnStmt* s) {
  Signature* sig = env_.sig;
  if (sig == nullptr) return;
  Tuple* res = sig->results();
  if (s->results.empty() && TupleLen(res) > 0 && !res->At(0)->name().empty()) {
    for (Var* obj : res->vars()) {
      Object* alt = LookupName(obj->name());
      if (alt != nullptr && alt != obj) {
        Error(s, Cat("result parameter ", obj->name(), " not in scope at return"));
      }
    }
    return;
  }
  if (!s->results.empty() || TupleLen(res) > 0) {
    std::vector<Var*> vars;
    if (res != nullptr) vars = res->vars();
    std::vector<syn::Expr*> results(s->results.begin(), s->results.end());
    if (vars.empty() && !results.empty()) {
      for (syn::Expr* e : results) UseExpr(e);
      Error(results[0], "too many return values");
      return;
    }
    // Return values initialize copies of the result variables: do not retype them.
    std::vector<Var*> copies;
    for (Var* v : vars) {
      copies.push_back(New<Var>(VarKind::kResult, v->pos(), v->pkg(), v->name(), v->type()));
    }
    InitVars(copies, results, s);
  }
}

void Checker::SwitchStmt(uint32_t inner, syn::SwitchStmt* s) {
  OpenStatementScope(s, "switch");
  SimpleStmt(s->init);
  Operand x;
  if (s->tag != nullptr) {
    Expr(&x, s->tag);
    size_t nconv = info_->conversions.size();
    Assignment(&x, nullptr, ConvContext::kOther, "switch expression");
    info_->conversions.resize(nconv);
    if (x.mode != Mode::kInvalid && !Comparable(x.type) && !HasNil(x.type)) {
      Error(s->tag, Cat("cannot switch on ", OS(x), " (", TS(x.type), " is not comparable)"));
      x.mode = Mode::kInvalid;
    }
  } else {
    x.mode = Mode::kConstant;
    x.type = types::Typ(BasicKind::kBool);
    x.val = constant::MakeBool(true);
    x.expr = nullptr;
  }
  absl::flat_hash_map<std::string, std::vector<Type*>> seen;
  for (size_t i = 0; i < s->clauses.size(); ++i) {
    syn::CaseClause* clause = s->clauses[i];
    uint32_t in = inner;
    if (i + 1 < s->clauses.size()) {
      in |= kFallthroughOk;
    } else {
      in |= kFinalSwitchCase;
    }
    for (syn::Expr* e : clause->cases) {
      Operand v;
      Expr(&v, e);
      if (x.mode == Mode::kInvalid || v.mode == Mode::kInvalid) continue;
      ConvertUntyped(&v, x.type);
      if (v.mode == Mode::kInvalid) continue;
      Operand res = v;
      Comparison(&res, &x, syn::Operator::kEql, true);
      if (res.mode == Mode::kInvalid) continue;
      if (v.mode != Mode::kConstant) continue;
      // gc checks duplicates only for integer, floating-point and string values (goVal).
      constant::Kind vk = v.val.kind();
      if (vk != constant::Kind::kInt && vk != constant::Kind::kFloat && vk != constant::Kind::kString) {
        continue;
      }
      std::string key = Cat(static_cast<int>(v.val.kind()), ":", v.val.ExactString());
      bool dup = false;
      for (Type* t : seen[key]) {
        if (Identical(v.type, t)) {
          Error(v.expr, Cat("duplicate case ", OS(v), " in expression switch"));
          dup = true;
          break;
        }
      }
      if (!dup) seen[key].push_back(v.type);
    }
    OpenStatementScope(clause, "case");
    StmtList(in, clause->body);
    CloseScope();
  }
  CloseScope();
}

void Checker::TypeSwitchStmt(uint32_t inner, syn::SwitchStmt* s) {
  OpenStatementScope(s, "type switch");
  SimpleStmt(s->init);
  syn::TypeSwitchGuard* guard = s->guard();
  if (guard == nullptr || guard->x == nullptr) {
    CloseScope();
    return;
  }
  syn::Name* lhs = guard->lhs;
  if (lhs != nullptr) {
    if (lhs->value == "_") {
      SoftError(lhs, "no new variable on left side of :=");
      lhs = nullptr;
    } else {
      RecordDef(lhs, nullptr);
    }
  }
  Operand x;
  Expr(&x, guard->x);
  if (x.mode == Mode::kInvalid) {
    // Still check the clause bodies so that their expressions are recorded.
    for (syn::CaseClause* clause : s->clauses) {
      OpenStatementScope(clause, "case");
      if (lhs != nullptr) {
        auto* obj = New<Var>(VarKind::kLocal, lhs->pos, pkg_, std::string(lhs->value), Invalid());
        obj->set_used(true);
        Declare(env_.scope, nullptr, obj, clause->pos);
        RecordImplicit(clause, obj);
      }
      StmtList(inner, clause->body);
      CloseScope();
    }
    CloseScope();
    return;
  }
  Operand* sx = nullptr;
  if (IsTypeParam(x.type)) {
    Error(guard->x, Cat("cannot use type switch on type parameter value ", OS(x)));
  } else if (IsInterface(x.type)) {
    sx = &x;
  } else {
    Error(guard->x, Cat(OS(x), " is not an interface"));
  }
  std::vector<Var*> lhs_vars;
  std::vector<Type*> seen;
  bool seen_nil = false;
  for (syn::CaseClause* clause : s->clauses) {
    Type* T = nullptr;
    for (syn::Expr* e : clause->cases) {
      bool is_nil = false;
      if (auto* n = syn::DynCast<syn::Name>(syn::Unparen(e))) {
        is_nil = Isa<Nil>(LookupName(n->value));
      }
      if (is_nil) {
        T = nullptr;
        Operand dummy;
        Expr(&dummy, e);
        if (seen_nil) Error(e, "duplicate case nil in type switch");
        seen_nil = true;
        continue;
      }
      T = VarType(e);
      if (T == Invalid()) continue;
      bool dup = false;
      for (Type* t : seen) {
        if (Identical(T, t)) {
          Error(e, Cat("duplicate case ", TS(T), " in type switch"));
          dup = true;
          break;
        }
      }
      if (dup) continue;
      seen.push_back(T);
      if (sx != nullptr) TypeAssertion(e, sx, T, true);
    }
    OpenStatementScope(clause, "case");
    if (lhs != nullptr) {
      if (clause->cases.size() != 1 || T == nullptr || T == Invalid()) T = x.type;
      auto* obj = New<Var>(VarKind::kLocal, lhs->pos, pkg_, std::string(lhs->value), T);
      obj->set_file(env_.file);
      Declare(env_.scope, nullptr, obj, clause->pos);
      RecordImplicit(clause, obj);
      lhs_vars.push_back(obj);
    }
    StmtList(inner, clause->body);
    CloseScope();
  }
  if (lhs != nullptr) {
    bool used = false;
    for (Var* v : lhs_vars) {
      if (v->used()) used = true;
      v->set_used(true);
    }
    if (!used) SoftError(lhs, Cat(lhs->value, " declared and not used"));
  }
  CloseScope();
}

void Checker::RangeStmt(uint32_t inner, syn::RangeStmt* s) {
  Operand x;
  if (s->x != nullptr) Expr(&x, s->x);
  Type* key = nullptr;
  Type* val = nullptr;
  bool is_func = false;
  if (x.mode != Mode::kInvalid && s->x != nullptr) {
    std::string cause;
    Type* u = CoreType(x.type);
    if (auto* ch = DynCast<Chan>(u)) {
      if (s->value != nullptr) {
        SoftError(s->value, Cat("range over ", OS(x), " permits only one iteration variable"));
      }
      if (ch->dir() == ChanDir::kSendOnly) cause = "receive from send-only channel";
    } else if (u == nullptr) {
      cause = Cat(TS(x.type), " has no core type");
    }
    Type* t = u;
    if (auto* p = DynCast<Pointer>(t)) {
      if (auto* a = DynCast<Array>(Under(p->elem()))) t = a;
    }
    if (t != nullptr) {
      switch (t->kind()) {
        case TypeKind::kBasic:
          if (IsString(t)) {
            key = types::Typ(BasicKind::kInt);
            val = UniverseRune();
          } else if (IsInteger(t) && AllowVersion(22)) {
            if (IsUntyped(x.type)) {
              ConvertUntyped(&x, Default(x.type));
            }
            key = x.type;
            if (s->value != nullptr) {
              SoftError(s->value, Cat("range over ", OS(x), " permits only one iteration variable"));
            }
          }
          break;
        case TypeKind::kArray:
          key = types::Typ(BasicKind::kInt);
          val = static_cast<Array*>(t)->elem();
          break;
        case TypeKind::kSlice:
          key = types::Typ(BasicKind::kInt);
          val = static_cast<Slice*>(t)->elem();
          break;
        case TypeKind::kMap:
          key = static_cast<Map*>(t)->key();
          val = static_cast<Map*>(t)->elem();
          break;
        case TypeKind::kChan:
          key = static_cast<Chan*>(t)->elem();
          val = Invalid();
          break;
        case TypeKind::kSignature: {
          // Go 1.23 range-over-func: func(yield func(K[, V]) bool).
          auto* sig = static_cast<Signature*>(t);
          if (TupleLen(sig->params()) == 1 && TupleLen(sig->results()) == 0) {
            if (auto* yield = DynCast<Signature>(CoreType(sig->params()->At(0)->type()))) {
              if (TupleLen(yield->results()) == 1 && IsBoolean(yield->results()->At(0)->type()) &&
                  TupleLen(yield->params()) <= 2) {
                is_func = true;
                int n = TupleLen(yield->params());
                key = n >= 1 ? yield->params()->At(0)->type() : nullptr;
                val = n >= 2 ? yield->params()->At(1)->type() : nullptr;
                if (n == 0) key = nullptr;
              }
            }
          }
          if (!is_func) cause = "func must be func(yield func(...) bool): argument is not func";
          break;
        }
        default:
          break;
      }
    }
    if ((key == nullptr && !is_func) || !cause.empty()) {
      if (cause.empty()) {
        SoftError(s->x, Cat("cannot range over ", OS(x)));
      } else {
        SoftError(s->x, Cat("cannot range over ", OS(x), " (", cause, ")"));
      }
    }
  }
  OpenStatementScope(s, "range");
  syn::Expr* lhs[2] = {s->key, s->value};
  Type* rhs[2] = {key, val};
  if (s->define) {
    std::vector<Var*> vars;
    for (int i = 0; i < 2; ++i) {
      if (lhs[i] == nullptr) continue;
      Var* obj = nullptr;
      if (auto* ident = syn::DynCast<syn::Name>(lhs[i])) {
        obj = New<Var>(VarKind::kLocal, ident->pos, pkg_, std::string(ident->value), nullptr);
        obj->set_file(env_.file);
        RecordDef(ident, obj);
        if (ident->value != "_") vars.push_back(obj);
      } else {
        Error(lhs[i], Cat("cannot declare ", ExprStr(lhs[i])));
        obj = New<Var>(VarKind::kLocal, lhs[i]->pos, pkg_, "_", nullptr);
      }
      if (Type* typ = rhs[i]; typ != nullptr && typ != Invalid()) {
        Operand v;
        v.mode = Mode::kValue;
        v.expr = lhs[i];
        v.type = typ;
        InitVar(obj, &v, "range clause");
      } else {
        obj->set_type(Invalid());
        obj->set_used(true);
      }
    }
    if (!vars.empty()) {
      for (Var* obj : vars) Declare(env_.scope, nullptr, obj, s->pos);
    } else if (s->key != nullptr) {
      Error(s, "no new variables on left side of :=");
    }
  } else {
    for (int i = 0; i < 2; ++i) {
      if (lhs[i] == nullptr) continue;
      if (Type* typ = rhs[i]; typ != nullptr && typ != Invalid()) {
        Operand v;
        v.mode = Mode::kValue;
        v.expr = lhs[i];
        v.type = typ;
        AssignVar(lhs[i], nullptr, &v);
      } else {
        UseLHS(syn::Span<syn::Expr*>(&lhs[i], 1));
      }
    }
  }
  Stmt(inner, s->body);
  CloseScope();
}

void Checker::SelectStmt(uint32_t inner, syn::SelectStmt* s) {
  for (syn::CommClause* clause : s->clauses) {
    bool valid = false;
    syn::Expr* rhs = nullptr;
    syn::Stmt* comm = clause->comm;
    if (comm == nullptr || syn::Isa<syn::SendStmt>(comm)) {
      valid = true;
    } else if (auto* as = syn::DynCast<syn::AssignStmt>(comm)) {
      if (as->rhs.size() == 1) rhs = as->rhs[0];
    } else if (auto* es = syn::DynCast<syn::ExprStmt>(comm)) {
      rhs = es->x;
    }
    if (rhs != nullptr) {
      if (auto* u = syn::DynCast<syn::UnaryExpr>(syn::Unparen(rhs)); u != nullptr && u->op == syn::Operator::kRecv) {
        valid = true;
      }
    }
    if (!valid) {
      Error(comm, "select case must be receive, send or assign recv");
      continue;
    }
    OpenStatementScope(clause, "case");
    if (comm != nullptr) Stmt(inner, comm);
    StmtList(inner, clause->body);
    CloseScope();
  }
}

}  // namespace heapmap::types
