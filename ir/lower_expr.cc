// ir/lower_expr.cc — expressions: escape/expr.go exprSkipInit, unsafeValue, spill, plus the
// typecheck rewrites gc has applied before escape analysis sees an expression: implicit
// OCONVIFACE, OPTRLIT for &T{} (also elided &T in nested literals), OSLICEARR's implicit &,
// ODOTPTR/ODOT chains for embedded fields, OMETHVALUE, OADDSTR flattening.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "frontend/types/predicates.h"
#include "frontend/syntax/ast_walk.h"
#include "frontend/types/universe.h"
#include "ir/lower_internal.h"

namespace heapmap::ir::lower {

using syntax::DynCast;
using syntax::NodeKind;
namespace ty = ::heapmap::types;

const syntax::Expr* Lowerer::UnparenMemo(const syntax::Expr* e) {
  std::vector<const syntax::Expr*> path;
  while (e != nullptr && e->kind == NodeKind::kParenExpr) {
    if (auto it = unparen_.find(e); it != unparen_.end()) {
      e = it->second;
      break;
    }
    path.push_back(e);
    e = static_cast<const syntax::ParenExpr*>(e)->x;
  }
  for (const syntax::Expr* p : path) unparen_[p] = e;
  return e;
}

// Expr, ExprNoConv and CallCommon recurse as deep as the input nests: what they do besides
// dispatching lives in functions of its own (ImplicitConv, CompositeLitExpr, ...), so that
// their frames stay small in every build (see CallCommon).
void Lowerer::Expr(Hole k, const syntax::Expr* e) {
  if (e == nullptr || !StackOk(e)) return;
  ExprNoConv(ImplicitConv(k, e), e);
}

// typecheck's implicit conversions (assignconv) of e to an interface: the hole e's value
// flows to, through the boxing allocation (and its -m=2 note) when there is one.
[[gnu::noinline]] Hole Lowerer::ImplicitConv(Hole k, const syntax::Expr* e) {
  auto it = ctx_->conv.find(e);
  if (it == ctx_->conv.end() && e->kind == NodeKind::kParenExpr) {
    it = ctx_->conv.find(UnparenMemo(e));
  }
  // irgen's transformCompare converts the concrete side of a mixed comparison only when
  // its type is at least 64 KiB (or a shape); otherwise walk compares in place.
  ty::Type* from = it != ctx_->conv.end() ? Sh(it->second->from) : nullptr;
  if (it != ctx_->conv.end() && it->second->context == ty::ConvContext::kCompare &&
      SizeOf(from) < (1 << 16) && !(generic_ && HasTypeParam(it->second->from))) {
    it = ctx_->conv.end();
  }
  if (it != ctx_->conv.end() && !IsNilExpr(e)) {
    // Implicit OCONVIFACE (typecheck's assignconv): boxing a non-pointer-shaped concrete
    // value allocates; every one (interface to interface too) has its -m=2 note.
    const bool boxes = !IsInterfaceType(from) && !IsDirectIface(from);
    if (boxes || ctx_->explain) {
      // typecheck's assignconv runs at the statement's position for assignments and
      // declarations; arguments and the rest keep the operand's position.
      syntax::Pos pos = syntax::Unparen(e)->pos;
      const ty::ConvContext cc = it->second->context;
      if (generic_ && cur_stmt_ != nullptr &&
          (cc == ty::ConvContext::kAssign || cc == ty::ConvContext::kSend)) {
        pos = StencilConvPos(cur_stmt_);
      } else if (cc == ty::ConvContext::kAssign && cur_stmt_ != nullptr) {
        pos = AssignConvPos(cur_stmt_);
      } else if (auto jt = conv_pos_.find(e); jt != conv_pos_.end()) {
        pos = jt->second;
      }
      // gc prints the operand of an implicit conversion.
      std::string text = ExprText(e);
      if (generic_ && HasTypeParam(it->second->from)) {
        // A shaped value is boxed through the dictionary: OEFACE(type, OCONVIDATA(x)).
        text = absl::StrCat("unsafe.Pointer(", GcText(e), ")");
      } else if (it->second->context == ty::ConvContext::kCompare || ctx_->foreign_texts) {
        // transformCompare's conversion and an imported body's are explicit: T(x).
        text = IfaceConvText(it->second->to, GcText(e));
      } else {
        NoteTextVaries();
      }
      if (boxes) k = Spill(k, NewAlloc(ALLOC_CONVIFACE, text, pos, Sh(it->second->to)));
      k = NoteText(k, text, "interface-converted", pos);
    }
  }
  return k;
}

// irgen (noder/expr.go expr0) sets base.Pos to every non-constant expression it converts,
// in pre-order; transformCall then sets it to the call's position and leaves it there.
// Constants (OrigConst) and types never touch it. Returns false if e never sets it.
// Where irgen leaves base.Pos when transformAssign converts an assigned value: it
// converts the right-hand side, then the left-hand side (blank names aside), each in
// pre-order; a declaration has only its values.
syntax::Pos Lowerer::AssignConvPos(const syntax::Node* stmt) const {
  syntax::Pos pos = syntax::StartPos(stmt);
  if (auto* as = DynCast<syntax::AssignStmt>(stmt)) {
    for (const syntax::Expr* r : as->rhs) LastExprPos(r, &pos);
    for (const syntax::Expr* l : as->lhs) LastExprPos(l, &pos);
  } else if (auto* vs = DynCast<syntax::ValueSpec>(stmt)) {
    for (const syntax::Expr* v : vs->values) LastExprPos(v, &pos);
  }
  return pos;
}

// Stenciling inserts a statement's implicit conversions after walking it (subster.node:
// ir.SetPos in pre-order, the transform after the children), so base.Pos is the last node
// of the statement with a position of its own: not names (constants and nil are literals
// there), not types, not a closure's body.
syntax::Pos Lowerer::StencilConvPos(const syntax::Node* stmt) const {
  syntax::Pos pos = stmt->pos;
  if (auto* vs = DynCast<syntax::ValueSpec>(stmt)) {
    if (!vs->names.empty()) pos = vs->names[0]->pos;  // the declaration's OAS
    for (const syntax::Expr* v : vs->values) LastUniquePos(v, &pos);
    return pos;
  }
  syntax::ForEachChild(const_cast<syntax::Node*>(stmt),
                       [&](syntax::Node* c) { LastUniquePos(c, &pos); });
  return pos;
}

void Lowerer::LastUniquePos(const syntax::Node* n, syntax::Pos* pos) const {
  if (n == nullptr || !StackOk(n)) return;
  if (n->kind == NodeKind::kFuncLit) {
    *pos = n->pos;
    return;
  }
  if (auto* nm = DynCast<syntax::Name>(n)) {
    ty::Object* o = ObjOf(nm);
    if (o != nullptr && (o->kind() == ty::ObjectKind::kConst || o->kind() == ty::ObjectKind::kNil)) {
      *pos = n->pos;
    }
    return;
  }
  if (auto* e = DynCast<syntax::Expr>(n)) {
    const ty::TypeAndValue* tv = TV(e);
    if (tv != nullptr && tv->mode == ty::Mode::kTypeExpr) return;
  }
  *pos = n->pos;
  syntax::ForEachChild(const_cast<syntax::Node*>(n),
                       [&](syntax::Node* c) { LastUniquePos(c, pos); });
}

bool Lowerer::LastExprPos(const syntax::Expr* e, syntax::Pos* pos) const {
  if (e == nullptr || !StackOk(e)) return false;
  const ty::TypeAndValue* tv = TV(e);
  if (tv == nullptr || tv->mode == ty::Mode::kConstant || tv->mode == ty::Mode::kTypeExpr ||
      tv->mode == ty::Mode::kBuiltin) {
    return false;
  }
  *pos = e->pos;
  switch (e->kind) {
    case NodeKind::kName:
    case NodeKind::kFuncLit:
      return true;
    case NodeKind::kSelectorExpr: {
      auto* s = static_cast<const syntax::SelectorExpr*>(e);
      LastExprPos(s->x, pos);
      return true;
    }
    case NodeKind::kCallExpr: {
      auto* c = static_cast<const syntax::CallExpr*>(e);
      const ty::TypeAndValue* ftv = TV(c->fun);
      bool regular = !(ftv != nullptr && (ftv->mode == ty::Mode::kTypeExpr ||
                                          ftv->mode == ty::Mode::kBuiltin));
      LastExprPos(c->fun, pos);
      for (const syntax::Expr* a : c->args) LastExprPos(a, pos);
      if (regular) *pos = c->pos;
      return true;
    }
    case NodeKind::kCompositeLit: {
      auto* cl = static_cast<const syntax::CompositeLit*>(e);
      ty::Type* t = tv->type;
      if (auto* p = t ? ty::DynCast<ty::Pointer>(ty::Under(t)) : nullptr) t = p->elem();
      bool is_struct = t != nullptr && ty::DynCast<ty::Struct>(ty::Under(t)) != nullptr;
      for (const syntax::Expr* el : cl->elems) {
        if (auto* kv = DynCast<syntax::KeyValueExpr>(el)) {
          if (!is_struct) LastExprPos(kv->key, pos);
          LastExprPos(kv->value, pos);
        } else {
          LastExprPos(el, pos);
        }
      }
      return true;
    }
    default:
      syntax::ForEachChild(const_cast<syntax::Expr*>(e), [&](syntax::Node* c) {
        if (auto* ce = DynCast<syntax::Expr>(c)) LastExprPos(ce, pos);
      });
      return true;
  }
}

// typecheckaste (noder/transform.go): base.Pos moves to each argument that has a unique
// position (not an ONAME; constants and nil do) before assignconvfn converts it.
void Lowerer::ComputeConvPositions(syntax::Node* body) {
  // Stenciled bodies convert after walking each node (subster.node): base.Pos is the last
  // node with a position of its own (LastUniquePos); irgen's is the last non-constant
  // expression it converted (LastExprPos).
  auto last_pos = [&](const syntax::Expr* e, syntax::Pos* pos) {
    if (generic_) {
      LastUniquePos(e, pos);
    } else {
      LastExprPos(e, pos);
    }
  };
  auto name_like = [&](const syntax::Expr* a) {
    if (generic_) {  // typecheckaste's ir.SetPos(arg): names have no position of their own
      const syntax::Expr* u = syntax::Unparen(a);
      const syntax::Name* nm = DynCast<syntax::Name>(u);
      if (auto* se = DynCast<syntax::SelectorExpr>(u); se && !ctx_->info->selections.contains(se)) {
        nm = se->sel;
      }
      if (nm == nullptr) return false;
      ty::Object* o = ObjOf(nm);
      return o == nullptr ||
             (o->kind() != ty::ObjectKind::kConst && o->kind() != ty::ObjectKind::kNil);
    }
    const syntax::Expr* u = syntax::Unparen(a);
    // A qualified identifier (pkg.V) is an ONAME as well.
    auto* se = DynCast<syntax::SelectorExpr>(u);
    if (u->kind != NodeKind::kName && (se == nullptr || ctx_->info->selections.contains(se))) {
      return false;
    }
    const ty::TypeAndValue* tv = TV(u);
    return tv == nullptr || (tv->mode != ty::Mode::kConstant && tv->mode != ty::Mode::kNil);
  };
  auto aste = [&](syntax::Pos base, syntax::Span<syntax::Expr*> args) {
    for (const syntax::Expr* a : args) {
      if (!name_like(a)) {
        const ty::TypeAndValue* tv = TV(a);
        base = tv != nullptr && tv->mode == ty::Mode::kConstant ? a->pos : syntax::Unparen(a)->pos;
      }
      conv_pos_[a] = base;
      conv_pos_[syntax::Unparen(a)] = base;
    }
  };
  syntax::Walk(body, [&](syntax::Node* n) {
    switch (n->kind) {
      case NodeKind::kBinaryExpr: {
        // transformCompare converts after both operands: base.Pos is the last of them.
        auto* bx = static_cast<syntax::BinaryExpr*>(n);
        if (bx->op != syntax::Operator::kEql && bx->op != syntax::Operator::kNeq) break;
        syntax::Pos base = bx->pos;
        last_pos(bx->x, &base);
        last_pos(bx->y, &base);
        for (const syntax::Expr* a : {bx->x, bx->y}) {
          conv_pos_[a] = base;
          conv_pos_[syntax::Unparen(a)] = base;
        }
        break;
      }
      case NodeKind::kCallExpr: {
        auto* c = static_cast<syntax::CallExpr*>(n);
        const ty::TypeAndValue* ftv = TV(c->fun);
        if (ftv != nullptr && ftv->mode == ty::Mode::kTypeExpr) break;
        if (ftv != nullptr && ftv->mode == ty::Mode::kBuiltin) {
          // transformBuiltin (append, delete, panic, ...): no SetPos; base.Pos is where
          // converting the call's operands left it.
          syntax::Pos base = c->pos;
          last_pos(c->fun, &base);
          for (const syntax::Expr* a : c->args) last_pos(a, &base);
          for (const syntax::Expr* a : c->args) {
            conv_pos_[a] = base;
            conv_pos_[syntax::Unparen(a)] = base;
          }
          break;
        }
        aste(c->pos, c->args);
        break;
      }
      case NodeKind::kReturnStmt: {
        auto* r = static_cast<syntax::ReturnStmt*>(n);
        syntax::Pos base = r->pos;
        for (const syntax::Expr* a : r->results) last_pos(a, &base);
        aste(base, r->results);
        break;
      }
      case NodeKind::kCompositeLit: {
        // Keyed elements convert at the key's ':' (the KeyExpr/StructKeyExpr position).
        for (syntax::Expr* el : static_cast<syntax::CompositeLit*>(n)->elems) {
          if (auto* kv = DynCast<syntax::KeyValueExpr>(el)) {
            conv_pos_[kv->key] = kv->pos;
            conv_pos_[kv->value] = kv->pos;
            conv_pos_[syntax::Unparen(kv->value)] = kv->pos;
          }
        }
        break;
      }
      default:
        break;
    }
    return true;
  });
}

std::string Lowerer::ExprText(const syntax::Expr* e) const {
  e = syntax::Unparen(e);
  if (auto* cl = DynCast<syntax::CompositeLit>(e)) {
    return GcTypeString(TypeOf(cl), TextPkg()) + (cl->elems.empty() ? "{}" : "{...}");
  }
  if (auto* u = DynCast<syntax::UnaryExpr>(e)) {
    if (u->op == syntax::Operator::kAnd) {
      if (auto* cl = DynCast<syntax::CompositeLit>(syntax::Unparen(u->x))) {
        return "&" + GcTypeString(TypeOf(cl), TextPkg()) + (cl->elems.empty() ? "{}" : "{...}");
      }
    }
  }
  if (e->kind == NodeKind::kFuncLit) return "func literal";
  return GcText(e);
}

int GcPrec(syntax::Operator op) {
  using O = syntax::Operator;
  switch (op) {
    case O::kOrOr: return 2;
    case O::kAndAnd: return 3;
    case O::kEql: case O::kNeq: case O::kLss: case O::kLeq: case O::kGtr: case O::kGeq:
      return 4;
    case O::kAdd: case O::kSub: case O::kOr: case O::kXor: return 5;
    default: return 6;
  }
}

// x followed by the names of the first n embedded fields of path (the implicit ODOTs).
std::string Lowerer::GcSelectorBase(const syntax::SelectorExpr* se, const std::vector<int>& path,
                                    size_t n, int prec) const {
  std::string s = GcText(se->x, n > 0 ? 8 : prec);
  ty::Type* t = TypeOf(se->x);
  for (size_t i = 0; i < n && t != nullptr; i++) {
    ty::Type* u = ty::Under(t);
    if (auto* p = ty::DynCast<ty::Pointer>(u)) u = ty::Under(p->elem());
    auto* st = ty::DynCast<ty::Struct>(u);
    if (st == nullptr || path[i] >= st->NumFields()) break;
    s += "." + std::string(st->Field(path[i])->name());
    t = st->Field(path[i])->type();
  }
  return s;
}

// ir.MethodExprName's printing: (*T).M or T.M, T qualified unless local.
std::string Lowerer::MethodExprName(ty::Type* recv, std::string_view name) const {
  if (auto* p = ty::DynCast<ty::Pointer>(recv)) {
    return "(*" + GcTypeString(p->elem(), TextPkg()) + ")." + std::string(name);
  }
  return GcTypeString(recv, TextPkg()) + "." + std::string(name);
}

std::string Lowerer::IfaceConvText(types::Type* to, const std::string& operand) const {
  std::string ts = GcTypeString(to, TextPkg());
  if (!ty::Isa<ty::Named>(to) && to != ty::UniverseAny()) ts = "(" + ts + ")";
  return ts + "(" + operand + ")";
}

std::string Lowerer::GcText(const syntax::Expr* e, int prec) const {
  if (e == nullptr || !StackOk(e)) return "";
  const bool addstr_operand = addstr_operand_;  // only for e itself, not its operands
  addstr_operand_ = false;
  const bool const_operand = const_operand_;
  const_operand_ = false;
  const ty::TypeAndValue* tv = TV(e);
  bool is_const = tv != nullptr && tv->mode == ty::Mode::kConstant;
  auto wrap = [&](int nprec, std::string s) { return prec > nprec ? "(" + s + ")" : s; };
  if (is_const && tv->type != nullptr) NoteTextVaries();
  if (is_const && ctx_->foreign_texts && tv->type != nullptr) {
    // An imported body's constant is an OLITERAL without its source text: T(value).
    ty::Type* t = ty::Default(tv->type);
    const auto kind = tv->value.kind();
    if (kind == ty::constant::Kind::kInt || kind == ty::constant::Kind::kString ||
        kind == ty::constant::Kind::kBool) {
      std::string v = kind == ty::constant::Kind::kBool
                          ? (ty::constant::BoolVal(tv->value) ? "true" : "false")
                          : tv->value.ExactString();
      return GcTypeString(t, TextPkg()) + "(" + v + ")";
    }
  }
  switch (e->kind) {
    case NodeKind::kName:
      if (ctx_->foreign_texts || tls_text_varies != nullptr) {
        // An imported inlined body's names are the package's: lib.x, lib.G, lib.F.
        ty::Object* o = ObjOf(static_cast<const syntax::Name*>(e));
        if (o != nullptr && o->pkg() == ctx_->pkg &&
            (ty::Isa<ty::Var>(o) || ty::Isa<ty::Func>(o) || ty::Isa<ty::Const>(o))) {
          NoteTextVaries();
          if (ctx_->foreign_texts) {
            return ForeignQualifier(ctx_->pkg->path(), ctx_->pkg->name()) + "." + Text(e);
          }
        }
      }
      return Text(e);
    case NodeKind::kBasicLit:
      return Text(e);
    case NodeKind::kParenExpr: {
      auto* pe = static_cast<const syntax::ParenExpr*>(e);
      // Constants print their syntax.String (parentheses kept); irgen drops the rest.
      if (is_const && const_operand) {
        const_operand_ = true;
        return "(" + GcText(pe->x, 0) + ")";
      }
      return GcText(pe->x, prec);
    }
    case NodeKind::kBinaryExpr: {
      // A left-deep chain (a + b + c ...) prints in one pass: a left operand of the same
      // constness (and, unless constant, the same precedence) needs no parentheses, and
      // recursing would copy the growing prefix at every level (n^2 bytes for n terms).
      auto* bx = static_cast<const syntax::BinaryExpr*>(e);
      const int np = GcPrec(bx->op);
      std::vector<const syntax::BinaryExpr*> spine = {bx};
      for (;;) {
        auto* l = DynCast<syntax::BinaryExpr>(spine.back()->x);
        if (l == nullptr) break;
        const ty::TypeAndValue* ltv = TV(l);
        const bool l_const = ltv != nullptr && ltv->mode == ty::Mode::kConstant;
        if (l_const != is_const || (!is_const && GcPrec(l->op) != np)) break;
        spine.push_back(l);
      }
      auto* bt = tv != nullptr ? ty::DynCast<ty::Basic>(ty::Under(tv->type)) : nullptr;
      const bool addstr = !is_const && bx->op == syntax::Operator::kAdd && bt != nullptr &&
                          (bt->info() & ty::kIsString);
      auto operand = [&](const syntax::Expr* x, int p) {
        addstr_operand_ = addstr;
        const_operand_ = is_const;
        return GcText(x, p);
      };
      std::string s = operand(spine.back()->x, is_const ? 0 : np);
      for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
        s += " ";
        s += syntax::OperatorString((*it)->op);
        s += " ";
        s += operand((*it)->y, is_const ? 0 : np + 1);
      }
      // A constant prints its source (inner parentheses kept), parenthesized where it
      // is an operand by the precedence of its outermost operator (exprFmt of the
      // OLITERAL's original expression).
      return is_const && const_operand ? s : wrap(np, std::move(s));
    }
    case NodeKind::kUnaryExpr: {
      auto* u = static_cast<const syntax::UnaryExpr*>(e);
      if (is_const) break;
      if (u->op == syntax::Operator::kAnd) {
        if (auto* cl = DynCast<syntax::CompositeLit>(syntax::Unparen(u->x))) {
          return wrap(7, "&" + GcText(cl));  // OPTRLIT: &T{...}
        }
        return wrap(7, "&" + GcText(u->x, 8));
      }
      std::string s(syntax::OperatorString(u->op));
      // ODEREF prints its operand at a higher precedence (*(*p)); other unary operators
      // separate a repeated operator with a blank (- -x).
      if (auto* ux = DynCast<syntax::UnaryExpr>(syntax::Unparen(u->x));
          ux && ux->op == u->op && u->op != syntax::Operator::kMul) {
        s += " ";
      }
      return wrap(7, s + GcText(u->x, 8));
    }
    case NodeKind::kIndexExpr: {
      auto* ix = static_cast<const syntax::IndexExpr*>(e);
      if (ix->indices.size() != 1) break;
      return GcText(ix->x, 8) + "[" + GcText(ix->indices[0], 0) + "]";
    }
    case NodeKind::kSelectorExpr: {
      if (is_const) break;
      auto* se = static_cast<const syntax::SelectorExpr*>(e);
      auto it = ctx_->info->selections.find(se);
      if (it == ctx_->info->selections.end()) {
        // A qualified identifier: the package's name, not the import alias.
        ty::Object* o = ObjOf(se->sel);
        if (o == nullptr || o->pkg() == nullptr) break;
        return GcPkgQualifier(o->pkg(), TextPkg()) + "." + std::string(se->sel->value);
      }
      if (it->second.kind == ty::SelKind::kMethodExpr) break;
      // Implicit ODOTs through embedded fields are printed.
      return GcSelectorBase(se, it->second.index, it->second.index.size() - 1) + "." +
             std::string(se->sel->value);
    }
    case NodeKind::kCompositeLit: {
      // Literals print abbreviated: T{...}, T{} (exprFmt's OCOMPLIT forms).
      auto* cl = static_cast<const syntax::CompositeLit*>(e);
      ty::Type* t = TypeOf(cl);
      if (t == nullptr) break;
      std::string ts = GcTypeString(t, TextPkg());
      if (ty::Isa<ty::Pointer>(ty::Under(t))) ts = GcTypeString(ty::DynCast<ty::Pointer>(ty::Under(t))->elem(), TextPkg()), ts = "&" + ts;
      return ts + (cl->elems.empty() ? "{}" : "{...}");
    }
    case NodeKind::kFuncLit:
      return "func literal";
    case NodeKind::kAssertExpr: {
      auto* ae = static_cast<const syntax::AssertExpr*>(e);
      ty::Type* t = ae->type != nullptr ? TypeOf(ae->type) : nullptr;
      if (t == nullptr) break;
      return GcText(ae->x, 8) + ".(" + GcTypeString(t, TextPkg()) + ")";
    }
    case NodeKind::kSliceExpr: {
      auto* sx = static_cast<const syntax::SliceExpr*>(e);
      // Slicing an array takes its address (OSLICEARR of an implicit OADDR); an imported
      // body's OADDR is no longer implicit and prints: (&a)[i:].
      ty::Type* xt = TypeOf(sx->x);
      if (xt != nullptr && ty::Isa<ty::Array>(ty::Under(xt))) NoteTextVaries();
      std::string x = ctx_->foreign_texts && xt != nullptr && ty::Isa<ty::Array>(ty::Under(xt))
                          ? "(&" + GcText(sx->x, 8) + ")"
                          : GcText(sx->x, 8);
      std::string s = x + "[" + GcText(sx->index[0]) + ":" + GcText(sx->index[1]);
      if (sx->full) s += ":" + GcText(sx->index[2]);
      return s + "]";
    }
    case NodeKind::kCallExpr: {
      auto* c = static_cast<const syntax::CallExpr*>(e);
      if (is_const) {
        // A constant prints as irgen kept its syntax (syntax.String: operators spaced,
        // parentheses kept): uint64(1 << 63), (string)(""). Other constant calls
        // (len("ab"), unsafe.Sizeof(x)) print their source.
        const ty::TypeAndValue* ftv = TV(c->fun);
        if (ftv == nullptr || ftv->mode != ty::Mode::kTypeExpr || c->args.size() != 1) break;
        const_operand_ = true;
        return Text(c->fun) + "(" + GcText(c->args[0]) + ")";
      }
      if (ctx_->inlined_calls != nullptr) {
        if (auto it = ctx_->inlined_calls->find(c); it != ctx_->inlined_calls->end()) {
          // OINLCALL prints its result variable, parenthesized as an operator's operand
          // (but not in a string concatenation, which lists its operands).
          const std::string& r = it->second.result_text;
          return prec > 0 && !addstr_operand ? "(" + r + ")" : r;
        }
      }
      const ty::TypeAndValue* ftv = TV(c->fun);
      if (ftv == nullptr) break;
      std::string fun;
      if (ftv->mode == ty::Mode::kTypeExpr) {
        if (c->args.size() != 1 || tv == nullptr || tv->type == nullptr) break;
        std::string ts = GcTypeString(tv->type, TextPkg());
        bool named = ty::Isa<ty::Named>(tv->type) || ty::Isa<ty::Basic>(tv->type);
        return (named ? ts : "(" + ts + ")") + "(" + GcText(c->args[0]) + ")";
      }
      const syntax::Expr* f = syntax::Unparen(c->fun);
      std::string recv_text;
      // Stenciled calls pass the dictionary first: F[shapes](&.dict.F[targs], args).
      std::string dict;
      if (ftv->mode != ty::Mode::kBuiltin && ctx_->shapes != nullptr) {
        const syntax::Expr* g = f;
        if (auto* ix = DynCast<syntax::IndexExpr>(g)) g = syntax::Unparen(ix->x);
        const syntax::Name* gn = DynCast<syntax::Name>(g);
        if (auto* se = DynCast<syntax::SelectorExpr>(g);
            se != nullptr && !ctx_->info->selections.contains(se)) {
          gn = se->sel;
        }
        auto* gf = gn != nullptr ? ty::DynCast<ty::Func>(ObjOf(gn)) : nullptr;
        auto it = gf != nullptr && IsGenericFunc(gf) ? ctx_->info->instances.find(gn)
                                                     : ctx_->info->instances.end();
        if (it != ctx_->info->instances.end()) {
          std::vector<ty::Type*> targs;
          for (ty::Type* t : it->second.type_args) targs.push_back(Sh(t));
          fun = PkgPrefix(gf->pkg()) + gf->name() +
                TypeArgList(ShapesOf(it->second.type_args, gf->signature()->type_params()));
          dict = "&.dict." + gf->name() + TypeArgList(targs);
        }
      }
      if (!dict.empty()) {
        // fun is set.
      } else if (ftv->mode == ty::Mode::kBuiltin) {
        auto* nm = DynCast<syntax::Name>(f);
        if (nm == nullptr) break;
        if ((nm->value == "make" || nm->value == "new") && !c->args.empty()) {
          // make(T, args) and new(T), with gc's spelling of T.
          ty::Type* t = TypeOf(c->args[0]);
          if (t == nullptr) break;
          std::string s = std::string(nm->value) + "(" + GcTypeString(t, TextPkg());
          for (size_t i = 1; i < c->args.size(); i++) s += ", " + GcText(c->args[i]);
          return s + ")";
        }
        fun = std::string(nm->value);
        if (nm->value == "real" || nm->value == "imag" || nm->value == "complex" ||
            nm->value == "recover") {
          // OREAL, OIMAG, OCOMPLEX and ORECOVER have no precedence in exprFmt: an operand
          // of an operator is parenthesized, -(imag(x)).
          std::string s = fun + "(";
          for (size_t i = 0; i < c->args.size(); i++) s += (i ? ", " : "") + GcText(c->args[i]);
          return wrap(0, s + ")");
        }
      } else if (const std::string* tmp = RenderedAs(f)) {
        fun = *tmp;  // a go/defer callee copied to a temporary
      } else if (f->kind == NodeKind::kFuncLit) {
        fun = "(func literal)";  // OCLOSURE has no precedence: parenthesized as a callee
      } else if (f->kind == NodeKind::kName) {
        fun = GcText(f);  // foreign texts qualify the package's own functions
      } else if (auto* se = DynCast<syntax::SelectorExpr>(f)) {
        auto it = ctx_->info->selections.find(se);
        if (it == ctx_->info->selections.end()) {
          fun = GcText(f, 8);  // a qualified identifier
        } else if (it->second.kind == ty::SelKind::kMethodVal) {
          auto* m = ty::DynCast<ty::Func>(it->second.obj);
          ty::Var* recv = m && m->signature() ? m->signature()->recv() : nullptr;
          if (recv == nullptr) break;
          auto tmp = call_temp_.find(c);
          std::string recv_tmp =
              tmp == call_temp_.end() ? "" : absl::StrCat(".autotmp_", tmp->second);
          if (const std::string* wrapped = RenderedAs(se->x)) recv_tmp = *wrapped;
          if (IsInterfaceType(recv->type()) || IsInterfaceType(TypeOf(se->x))) {
            fun = recv_tmp.empty() ? GcText(f, 8)  // ODOTINTER
                                   : recv_tmp + "." + std::string(se->sel->value);
          } else {
            // FixMethodCall: x.M(args) is T.M(x, args), printed with the method
            // expression's name and the (implicitly addressed/dereferenced) receiver,
            // or the temporary irgen copied it to.
            fun = MethodExprName(Sh(recv->type()), m->name());
            ty::Type* rt = Sh(recv->type());
            if (auto* p = ty::DynCast<ty::Pointer>(rt)) rt = p->elem();
            auto* rn = ty::DynCast<ty::Named>(rt);
            if (rn != nullptr && rn->IsInstance() && IsGenericFunc(m->Origin()) &&
                ctx_->shapes != nullptr) {
              ty::Func* origin = m->Origin();
              dict = "&.dict." + fun;
              fun = PkgPrefix(origin->pkg()) +
                    ShapeInstanceName(origin, ShapesOf(rn->type_args(), rn->type_params()));
            }
            // The receiver is the method expression's first argument (no parentheses).
            recv_text = !recv_tmp.empty()
                            ? recv_tmp
                            : GcSelectorBase(se, it->second.index, it->second.index.size() - 1, 0);
          }
        } else {
          fun = GcText(f, 8);
        }
      } else {
        break;
      }
      auto* sig = ty::DynCast<ty::Signature>(ty::Under(ftv->type));
      std::string s = fun + "(";
      if (!dict.empty()) s += dict + (recv_text.empty() && c->args.empty() ? "" : ", ");
      if (!recv_text.empty()) s += recv_text + (c->args.empty() ? "" : ", ");
      size_t nfixed = c->args.size();
      bool variadic = !body_text_ && ftv->mode != ty::Mode::kBuiltin && sig != nullptr &&
                      sig->variadic() && !c->has_dots;
      if (variadic) nfixed = std::min<size_t>(c->args.size(), ty::TupleLen(sig->params()) - 1);
      for (size_t i = 0; i < nfixed; i++) {
        const std::string* wrapped = RenderedAs(c->args[i]);
        s += (i ? ", " : "") + (wrapped != nullptr ? *wrapped : GcTextConv(c->args[i]));
      }
      if (variadic) {
        s += std::string(nfixed ? ", " : "") + (c->args.size() > nfixed ? "... argument..." : "nil...");
      } else if (c->has_dots) {
        s += "...";
      }
      return s + ")";
    }
    default:
      break;
  }
  return Text(e);
}

void Lowerer::ExprNoConv(Hole k, const syntax::Expr* e) {
  if (e == nullptr || !StackOk(e)) return;
  const ty::TypeAndValue* tv = TV(e);
  if (tv != nullptr) {
    switch (tv->mode) {
      case ty::Mode::kConstant:
      case ty::Mode::kTypeExpr:
      case ty::Mode::kBuiltin:
      case ty::Mode::kNil:
        return;
      default:
        break;
    }
    // Type pruning: values without pointers flow nowhere.
    ty::Type* vt = TypeOf(e);
    if (k.derefs >= 0 && vt != nullptr && !HasPointers(vt)) {
      if (auto* b = ty::DynCast<ty::Basic>(vt); !(b && (b->info() & ty::kIsUntyped))) {
        k = DiscardHole();
      }
    }
  }
  switch (e->kind) {
    case NodeKind::kParenExpr:
      Expr(k, static_cast<const syntax::ParenExpr*>(e)->x);
      return;
    case NodeKind::kName:
      if (VarInfo* v = VarOf(e)) Flow(k, v->loc);
      return;
    case NodeKind::kBasicLit:
      return;
    case NodeKind::kCompositeLit:
      CompositeLitExpr(k, static_cast<const syntax::CompositeLit*>(e));
      return;
    case NodeKind::kFuncLit:
      FuncLit(k, static_cast<const syntax::FuncLit*>(e));
      return;
    case NodeKind::kSelectorExpr:
      Selector(k, static_cast<const syntax::SelectorExpr*>(e));
      return;
    case NodeKind::kIndexExpr: {
      auto* ix = static_cast<const syntax::IndexExpr*>(e);
      ty::Type* xt = TypeOf(ix->x);
      if (xt == nullptr || ty::Isa<ty::Signature>(ty::Under(xt))) return;  // instantiation
      ty::Type* u = ty::Under(xt);
      if (ty::Isa<ty::Map>(u)) {
        Discard(ix->x);
      } else if (ty::Isa<ty::Array>(u)) {
        Expr(Note(k, ix, "fixed-array-index-of"), ix->x);
      } else {
        Expr(NoteDeref(k, ix, "dot of pointer"), ix->x);
      }
      for (const syntax::Expr* i : ix->indices) Discard(i);
      return;
    }
    case NodeKind::kSliceExpr:
      SliceExprOf(k, static_cast<const syntax::SliceExpr*>(e));
      return;
    case NodeKind::kAssertExpr: {
      auto* a = static_cast<const syntax::AssertExpr*>(e);
      ty::Type* t = TypeOf(a);
      if (t && !IsInterfaceType(t) && !IsDirectIface(t)) k = k.Shift(1);
      Expr(Note(k, a, "dot"), a->x);
      return;
    }
    case NodeKind::kUnaryExpr: {
      auto* u = static_cast<const syntax::UnaryExpr*>(e);
      switch (u->op) {
        case syntax::Operator::kAnd: {
          const syntax::Expr* x = syntax::Unparen(u->x);
          if (x->kind == NodeKind::kCompositeLit) {
            Expr(PtrLitHole(k, u), x);
          } else {
            Expr(NoteAddr(k, u, "address-of"), u->x);
          }
          return;
        }
        case syntax::Operator::kMul:
          Expr(NoteDeref(k, u, "indirection"), u->x);
          return;
        default:
          Discard(u->x);
          return;
      }
    }
    case NodeKind::kBinaryExpr:
      BinaryExprOf(k, static_cast<const syntax::BinaryExpr*>(e));
      return;
    case NodeKind::kCallExpr:
      CallExprValue(k, static_cast<const syntax::CallExpr*>(e));
      return;
    default:
      return;
  }
}

// A composite literal: its allocation (slice, map, elided &T) and its elements.
[[gnu::noinline]] void Lowerer::CompositeLitExpr(Hole k, const syntax::CompositeLit* cl) {
  ty::Type* t = TypeOf(cl);
  ty::Type* u = t ? ty::Under(t) : nullptr;
  if (auto* p = ty::DynCast<ty::Pointer>(u)) {
    // Elided &T inside an outer literal: OPTRLIT around the inner literal.
    uint32_t loc = NewAlloc(ALLOC_PTRLIT, "&" + GcTypeString(p->elem(), TextPkg()) +
                                              (cl->elems.empty() ? "{}" : "{...}"),
                            cl->pos, t);
    k = Spill(k, loc);
    u = ty::Under(p->elem());
  }
  auto value = [](const syntax::Expr* el) {
    if (auto* kv = DynCast<syntax::KeyValueExpr>(el)) return static_cast<const syntax::Expr*>(kv->value);
    return el;
  };
  if (ty::Isa<ty::Slice>(u)) {
    uint32_t loc = NewAlloc(ALLOC_SLICELIT, ExprText(cl), cl->pos, t);
    k = Note(Spill(k, loc), cl, "slice-literal-element");
    for (const syntax::Expr* el : cl->elems) Expr(k, value(el));
  } else if (ty::Isa<ty::Map>(u)) {
    uint32_t loc = NewAlloc(ALLOC_MAPLIT, ExprText(cl), cl->pos, t);
    Spill(k, loc);
    for (const syntax::Expr* el : cl->elems) {
      if (auto* kv = DynCast<syntax::KeyValueExpr>(el)) {
        Expr(Note(HeapHole(), cl, "map literal key"), kv->key);
        Expr(Note(HeapHole(), cl, "map literal value"), kv->value);
      }
    }
  } else {
    const char* why = ty::Isa<ty::Array>(u) ? "array literal element" : "struct literal element";
    if (auto* p = t != nullptr ? ty::DynCast<ty::Pointer>(ty::Under(t)) : nullptr) {
      // Elided &T: the note is on the literal inside the OPTRLIT.
      k = NoteText(k, GcTypeString(p->elem(), TextPkg()) + (cl->elems.empty() ? "{}" : "{...}"),
                   why, cl->pos);
    } else {
      k = Note(k, cl, why);
    }
    for (const syntax::Expr* el : cl->elems) Expr(k, value(el));
  }
}

// x[i:j]: the slice shares x's storage (an array's through its implicit address).
[[gnu::noinline]] void Lowerer::SliceExprOf(Hole k, const syntax::SliceExpr* sl) {
  ty::Type* xt = TypeOf(sl->x);
  // OSLICEARR: typecheck slices an addressable array through its address.
  if (xt && ty::Isa<ty::Array>(ty::Under(xt))) {
    // The implicit &a prints as a, at irgen's base.Pos once the slice expression is
    // converted (its last non-constant operand's position).
    syntax::Pos at = sl->pos;
    if (ctx_->explain) LastExprPos(sl, &at);
    Expr(ctx_->explain ? NoteText(Note(k, sl, "slice").Addr(), GcText(sl->x), "address-of", at)
                       : k.Addr(),
         sl->x);
  } else {
    Expr(Note(k, sl, "slice"), sl->x);
  }
  for (const syntax::Expr* i : sl->index) Discard(i);
}

// A binary operation: string concatenation allocates; the rest carry no pointers.
[[gnu::noinline]] void Lowerer::BinaryExprOf(Hole k, const syntax::BinaryExpr* bx) {
  ty::Type* t = TypeOf(bx);
  auto* bt = t ? ty::DynCast<ty::Basic>(ty::Under(t)) : nullptr;
  if (bx->op == syntax::Operator::kAdd && bt && (bt->info() & ty::kIsString)) {
    // OADDSTR: typecheck flattens a + b + c into one node.
    uint32_t loc = NewAlloc(ALLOC_ADDSTR, GcText(bx), bx->pos, t);
    Spill(k, loc);
    std::vector<const syntax::Expr*> ops;
    const syntax::Expr* cur = bx;
    while (true) {
      auto* b2 = DynCast<syntax::BinaryExpr>(cur);
      const ty::TypeAndValue* ctv = TV(cur);
      if (b2 && b2->op == syntax::Operator::kAdd &&
          !(ctv && ctv->mode == ty::Mode::kConstant)) {
        ops.push_back(b2->y);
        cur = b2->x;
        continue;
      }
      ops.push_back(cur);
      break;
    }
    for (auto it = ops.rbegin(); it != ops.rend(); ++it) Discard(*it);
    return;
  }
  Discard(bx->x);
  Discard(bx->y);
}

// &T{...}: the OPTRLIT allocation the literal is built in.
[[gnu::noinline]] Hole Lowerer::PtrLitHole(Hole k, const syntax::UnaryExpr* u) {
  return Spill(k, NewAlloc(ALLOC_PTRLIT, ExprText(u), u->pos, TypeOf(u)));
}

// A call or conversion used as a value: its (first) result flows to k.
[[gnu::noinline]] void Lowerer::CallExprValue(Hole k, const syntax::CallExpr* call) {
  if (IsConversion(call)) {
    Conversion(k, call);
    return;
  }
  std::vector<Hole> ks = {k};
  Call(&ks, call);
}

// ir.IsReflectHeaderDataField for an ODOTPTR: p.Data with p a *reflect.SliceHeader or
// *reflect.StringHeader.
bool Lowerer::IsReflectHeaderDataPtr(const syntax::Expr* e) const {
  FieldSel f;
  if (!FieldStep(e, &f) || !f.ptr || f.index->size() != 1 || f.sel->sel->value != "Data") {
    return false;
  }
  auto* p = ty::DynCast<ty::Pointer>(ty::Under(TypeOf(f.sel->x)));
  auto* n = p ? ty::DynCast<ty::Named>(p->elem()) : nullptr;
  if (n == nullptr || n->obj()->pkg() == nullptr || n->obj()->pkg()->path() != "reflect") {
    return false;
  }
  return n->obj()->name() == "SliceHeader" || n->obj()->name() == "StringHeader";
}

void Lowerer::UnsafeValue(Hole k, const syntax::Expr* e) {
  if (!StackOk(e)) return;
  e = syntax::Unparen(e);
  switch (e->kind) {
    case NodeKind::kCallExpr: {
      auto* call = static_cast<const syntax::CallExpr*>(e);
      if (IsConversion(call) && call->args.size() == 1) {
        if (IsUnsafePtr(TypeOf(call->args[0]))) {
          Expr(k, call->args[0]);
        } else {
          Discard(call->args[0]);
        }
        return;
      }
      break;
    }
    case NodeKind::kUnaryExpr: {
      auto* u = static_cast<const syntax::UnaryExpr*>(e);
      if (u->op == syntax::Operator::kAdd || u->op == syntax::Operator::kSub ||
          u->op == syntax::Operator::kXor) {
        UnsafeValue(k, u->x);
        return;
      }
      break;
    }
    case NodeKind::kBinaryExpr: {
      auto* bx = static_cast<const syntax::BinaryExpr*>(e);
      switch (bx->op) {
        case syntax::Operator::kAdd:
        case syntax::Operator::kSub:
        case syntax::Operator::kOr:
        case syntax::Operator::kXor:
        case syntax::Operator::kMul:
        case syntax::Operator::kDiv:
        case syntax::Operator::kRem:
        case syntax::Operator::kAnd:
        case syntax::Operator::kAndNot:
          UnsafeValue(k, bx->x);
          UnsafeValue(k, bx->y);
          return;
        case syntax::Operator::kShl:
        case syntax::Operator::kShr:
          UnsafeValue(k, bx->x);
          Discard(bx->y);
          return;
        default:
          break;
      }
      break;
    }
    case NodeKind::kSelectorExpr: {
      // ODOTPTR: only reflect.{Slice,String}Header.Data keeps a pointer.
      auto* s = static_cast<const syntax::SelectorExpr*>(e);
      if (ctx_->info->selections.contains(s)) {
        if (IsReflectHeaderDataPtr(s)) {
          Expr(k.Deref(), s->x);
        } else {
          Discard(s->x);
        }
        return;
      }
      break;
    }
    default:
      break;
  }
  ExprNoConv(DiscardHole(), e);
}

// The receiver/operand x.f1.f2...fn along an embedded path: ODOT keeps the hole, ODOTPTR
// (the implicit dereference of a pointer to the embedding struct) adds a dereference.
void Lowerer::EmbeddedPath(Hole k, const syntax::Expr* x, ty::Type* xt,
                           const std::vector<int>& path, size_t n,
                           const syntax::SelectorExpr* se) {
  // types[i]: the type of x.path[0..i).
  std::vector<ty::Type*> types = {xt};
  ty::Type* t = xt;
  for (size_t i = 0; i < n && t != nullptr; i++) {
    ty::Type* u = ty::Under(t);
    if (auto* p = ty::DynCast<ty::Pointer>(u)) u = ty::Under(p->elem());
    auto* st = ty::DynCast<ty::Struct>(u);
    t = st && path[i] < st->NumFields() ? st->Field(path[i])->type() : nullptr;
    types.push_back(t);
  }
  for (size_t i = n; i > 0; i--) {
    ty::Type* ft = types[i];
    if (k.derefs >= 0 && ft != nullptr && !HasPointers(ft)) k = DiscardHole();
    const bool ptr = types[i - 1] && ty::Isa<ty::Pointer>(ty::Under(types[i - 1]));
    if (ptr) k = k.Deref();
    if (ctx_->explain && se != nullptr && k.kind != Hole::kBlank) {
      // ODOT "dot" / ODOTPTR "dot of pointer", the implicit embedded steps included.
      k = NoteText(k, GcSelectorBase(se, path, i), ptr ? "dot of pointer" : "dot", se->pos);
    }
  }
  Expr(k, x);
}

void Lowerer::Selector(Hole k, const syntax::SelectorExpr* s) {
  auto it = ctx_->info->selections.find(s);
  if (it == ctx_->info->selections.end()) return;  // qualified identifier: global or func
  const ty::SelectionInfo& sel = it->second;
  ty::Type* xt = TypeOf(s->x);
  switch (sel.kind) {
    case ty::SelKind::kFieldVal:
      EmbeddedPath(k, s->x, xt, sel.index, sel.index.size(), s);
      return;
    case ty::SelKind::kMethodExpr:
      return;
    case ty::SelKind::kMethodVal:
      MethodValue(k, s, sel, xt);
      return;
  }
}

// x.M used as a value.
[[gnu::noinline]] void Lowerer::MethodValue(Hole k, const syntax::SelectorExpr* s,
                                            const ty::SelectionInfo& sel, ty::Type* xt) {
  // OMETHVALUE: the bound receiver is stored in a closure (spilled) and passed to the
  // method as if called with results going to the heap (tagHole with heap result holes).
  uint32_t loc = NewAlloc(ALLOC_METHVALUE, GcText(s), s->pos, TypeOf(s));
  // typecheck.MethodValueType: struct { F uintptr; R recv } ("too large for stack").
  {
    auto* fn0 = ty::DynCast<ty::Func>(sel.obj);
    ty::Type* rt = fn0 && fn0->signature() && fn0->signature()->recv()
                       ? fn0->signature()->recv()->type()
                       : xt;
    int64_t align = std::max<int64_t>(8, AlignOf(rt));
    int64_t size = (8 + align - 1) / align * align + SizeOf(rt);
    b_.loc(loc).set_record_size((size + align - 1) / align * align);
  }
  Hole closure_k = Spill(k, loc);
  auto* fn = ty::DynCast<ty::Func>(sel.obj);
  bool iface = IsInterfaceType(xt) ||
               (sel.index.size() > 1 && fn && fn->signature() && fn->signature()->recv() &&
                IsInterfaceType(fn->signature()->recv()->type()));
  Hole param_k = HeapHole();
  if (!iface && fn != nullptr) {
    ty::Signature* sig = fn->signature();
    uint32_t slot = NewTemp(LOC_ARG_SLOT, true);
    std::vector<uint32_t> rs;
    for (int i = 0; i < ty::TupleLen(sig ? sig->results() : nullptr); i++) {
      uint32_t r = NewTemp(LOC_RESULT_SLOT, true);
      Flow(HeapHole(), r);
      rs.push_back(r);
    }
    std::string sym = fn->FullName();
    ::heapmap::ir::Call& c = b_.AddCall(cur_, CALL_STATIC, "", {slot}, rs, true);
    c.set_method_value(true);
    // Link symbol: pkgpath.(*T).M / pkgpath.T.M from types2's FullName "(*pkg.T).M".
    std::string callee;
    if (sym.size() > 2 && sym[0] == '(') {
      bool ptr = sym[1] == '*';
      size_t close = sym.find(')');
      std::string qual = sym.substr(ptr ? 2 : 1, close - (ptr ? 2 : 1));
      size_t dot = qual.rfind('.');
      std::string path = qual.substr(0, dot), tn = qual.substr(dot + 1);
      callee = absl::StrCat(path, ".", ptr ? "(*" : "", tn, ptr ? ")" : "",
                            sym.substr(close + 1));
    }
    c.set_callee(callee);
    *c.mutable_pos() = Pos();
    c.mutable_pos()->set_line(s->pos.line);
    c.mutable_pos()->set_col(s->pos.col);
    param_k = LocHole(slot);
  }
  Hole rk = Tee({param_k, closure_k});
  std::vector<int> path(sel.index.begin(), sel.index.end() - 1);
  if (sel.implicit_addr) rk = rk.Addr();
  if (sel.implicit_deref) rk = rk.Deref();
  EmbeddedPath(rk, s->x, xt, path, path.size());
}

void Lowerer::FuncLit(Hole k, const syntax::FuncLit* lit) {
  auto fit = lit_func_.find(lit);
  if (fit == lit_func_.end()) return;
  lowered_lits_.insert(lit);
  int f = fit->second;
  const auto& caps = lit_captures_[lit];
  const auto& cap_pos = lit_capture_pos_[lit];
  uint32_t loc = NewAlloc(ALLOC_CLOSURE, "func literal", lit->pos, TypeOf(lit));
  b_.loc(loc).set_record_size(8 + 8 * static_cast<int64_t>(caps.size()));
  Spill(k, loc);
  for (size_t ci = 0; ci < caps.size(); ci++) {
    const ty::Var* v = caps[ci];
    VarInfo& vi = vars_[v];
    if (!vi.captured) {
      vi.captured = true;
      if (b_.loc(vi.loc).loop_depth() == loop_depth_) vi.reassigned = false;
    }
    b_.AddCapture(loc, vi.loc);
    if (ctx_->explain && ci < cap_pos.size()) b_.SetLastCapturePos(cap_pos[ci].line, cap_pos[ci].col);
  }
  int saved_fn = cur_, saved_depth = loop_depth_;
  const syntax::BlockStmt* saved_body = cur_body_;
  cur_ = f;
  cur_body_ = lit->body;
  loop_depth_ = 1;
  FindLabels(lit->body);
  Block(lit->body->stmts);
  cur_ = saved_fn;
  cur_body_ = saved_body;
  loop_depth_ = saved_depth;
}

}  // namespace heapmap::ir::lower
