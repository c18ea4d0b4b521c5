// ir/lower_body_text.cc — gc's -m=2 text of an inlinable function's body: what inl.go
// prints after "can inline F with cost N as: " ("%v { %v }" of the function's type and its
// Inl.Body, ir/fmt.go's stmtFmt and exprFmt).
//
// Inl.Body is irgen's typechecked body, copied before any call in it is inlined, so calls
// print as written (no FixVariadicCall "... argument", no ~R0) but method calls as their
// method expressions ((*T).M(x)), as typecheck rewrote them. irgen's statement forms show
// through: blocks are flattened and empty statements dropped, `x++` is `x += 1`, each
// declared variable is "var x T" followed by its assignment ("x = <nil>" without a value),
// each declared constant "<node DCLCONST>", a label "L: " before its statement; loops,
// switches and selects are abbreviated ("for loop"); an if's init is printed only when it
// is one statement with no init of its own (not a := definition).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ir/lower_internal.h"

namespace heapmap::ir::lower {

using syntax::DynCast;
using syntax::NodeKind;
namespace ty = ::heapmap::types;

namespace {

std::string Join(const std::vector<std::string>& items) { return absl::StrJoin(items, "; "); }

}  // namespace

std::string Lowerer::DeadcodeCondText(const syntax::Expr* e, int prec) const {
  if (e == nullptr || !StackOk(e)) return "";
  const syntax::Expr* n = DeadcodeCond(e, *ctx_->info);
  if (n != e) return DeadcodeCondText(n, prec);
  auto* b = DynCast<syntax::BinaryExpr>(syntax::Unparen(e));
  const ty::TypeAndValue* tv = TV(e);
  if (b == nullptr || (b->op != syntax::Operator::kAndAnd && b->op != syntax::Operator::kOrOr) ||
      (tv != nullptr && tv->mode == ty::Mode::kConstant)) {
    return GcText(e, prec);
  }
  const int np = GcPrec(b->op);
  std::string s = absl::StrCat(DeadcodeCondText(b->x, np), " ",
                               std::string(syntax::OperatorString(b->op)), " ",
                               DeadcodeCondText(b->y, np + 1));
  return prec > np ? "(" + s + ")" : s;
}

std::string Lowerer::GcTextConv(const syntax::Expr* e) const {
  // An imported body's implicit conversions are explicit nodes: printed T(x).
  auto it = ctx_->foreign_texts || tls_text_varies != nullptr ? ctx_->conv.find(e) : ctx_->conv.end();
  if (it == ctx_->conv.end() || IsNilExpr(e)) return GcText(e);
  NoteTextVaries();
  if (!ctx_->foreign_texts) return GcText(e);
  return IfaceConvText(it->second->to, GcText(e));
}

std::string Lowerer::TempListText(int first, int n) const {
  std::string s;
  for (int i = 0; i < n; i++) absl::StrAppend(&s, i > 0 ? ", " : "", ".autotmp_", first + i);
  return s;
}

std::string Lowerer::ExprListText(syntax::Span<syntax::Expr*> list) const {
  std::string s;
  for (size_t i = 0; i < list.size(); i++) {
    if (i > 0) s += ", ";
    s += GcTextConv(list[i]);
  }
  return s;
}

void Lowerer::BodyStmtItems(syntax::Span<syntax::Stmt*> list, std::vector<std::string>* out) const {
  const size_t live = LiveStmtCount(list);  // deadcode.stmts cuts the rest
  for (size_t i = 0; i < live; i++) BodyStmtItem(list[i], out);
}

void Lowerer::BodyStmtItem(const syntax::Stmt* s, std::vector<std::string>* out) const {
  if (s == nullptr || !StackOk(s)) return;
  switch (s->kind) {
    case NodeKind::kEmptyStmt:
      return;
    case NodeKind::kBlockStmt:
      BodyStmtItems(static_cast<const syntax::BlockStmt*>(s)->stmts, out);
      return;
    case NodeKind::kLabeledStmt: {
      auto* ls = static_cast<const syntax::LabeledStmt*>(s);
      out->push_back(absl::StrCat(ls->label != nullptr ? Text(ls->label) : "", ": "));
      BodyStmtItem(ls->stmt, out);
      return;
    }
    case NodeKind::kExprStmt:
      out->push_back(GcText(static_cast<const syntax::ExprStmt*>(s)->x));
      return;
    case NodeKind::kSendStmt: {
      auto* ss = static_cast<const syntax::SendStmt*>(s);
      out->push_back(GcText(ss->chan) + " <- " + GcText(ss->value));
      return;
    }
    case NodeKind::kDeclStmt: {
      auto* gd = static_cast<const syntax::DeclStmt*>(s)->decl;
      if (gd == nullptr) return;
      for (const syntax::Spec* sp : gd->specs) {
        auto* vs = DynCast<syntax::ValueSpec>(sp);
        if (vs == nullptr) {
          if (gd->tok == syntax::Token::kType) out->push_back("<node DCLTYPE>");
          continue;
        }
        if (gd->tok == syntax::Token::kConst) {
          for (size_t i = 0; i < vs->names.size(); i++) out->push_back("<node DCLCONST>");
          continue;
        }
        // irgen: each variable declared (ODCL), then assigned its value, or the zero
        // value (a nil right side, printed "<nil>"); several variables of one
        // multi-value expression are declared first and assigned together.
        auto decl = [&](const syntax::Name* n) {
          ty::Object* o = ObjOf(n);
          return absl::StrCat("var ", Text(n), " ",
                              GcTypeString(o != nullptr ? Sh(o->type()) : nullptr, TextPkg()));
        };
        if (vs->values.size() == vs->names.size() || vs->values.empty()) {
          for (size_t i = 0; i < vs->names.size(); i++) {
            out->push_back(decl(vs->names[i]));
            out->push_back(absl::StrCat(Text(vs->names[i]), " = ",
                                        vs->values.empty() ? "<nil>" : GcText(vs->values[i])));
          }
        } else {
          std::vector<std::string> names;
          for (const syntax::Name* n : vs->names) {
            out->push_back(decl(n));
            names.push_back(Text(n));
          }
          out->push_back(absl::StrCat(absl::StrJoin(names, ", "), " = ", ExprListText(vs->values)));
        }
      }
      return;
    }
    case NodeKind::kAssignStmt: {
      auto* as = static_cast<const syntax::AssignStmt*>(s);
      if (as->op != syntax::Operator::kNone) {
        out->push_back(absl::StrCat(GcText(as->lhs.size() ? as->lhs[0] : nullptr), " ",
                                    std::string(syntax::OperatorString(as->op)), "= ",
                                    GcText(as->rhs.size() ? as->rhs[0] : nullptr)));
        return;
      }
      // x, y = f() with a destination of another type than its result: through temporaries.
      if (auto it = assign_temp_.find(as); it != assign_temp_.end() && !as->define) {
        out->push_back(absl::StrCat(ExprListText(as->lhs), " = ",
                                    TempListText(it->second, static_cast<int>(as->lhs.size()))));
        return;
      }
      out->push_back(absl::StrCat(ExprListText(as->lhs), as->define ? " := " : " = ",
                                  ExprListText(as->rhs)));
      return;
    }
    case NodeKind::kIncDecStmt: {
      auto* id = static_cast<const syntax::IncDecStmt*>(s);
      out->push_back(GcText(id->x) + (id->inc ? " += 1" : " -= 1"));
      return;
    }
    case NodeKind::kBranchStmt: {
      auto* bs = static_cast<const syntax::BranchStmt*>(s);
      std::string t;
      switch (bs->tok) {
        case syntax::Token::kBreak: t = "break"; break;
        case syntax::Token::kContinue: t = "continue"; break;
        case syntax::Token::kGoto: t = "goto"; break;
        default: t = "fallthrough"; break;
      }
      if (bs->label != nullptr) absl::StrAppend(&t, " ", Text(bs->label));
      out->push_back(std::move(t));
      return;
    }
    case NodeKind::kCallStmt: {
      auto* cs = static_cast<const syntax::CallStmt*>(s);
      // In -m=2 notes, printed after escape analysis rewrote it: a wrapped call is the
      // call of its wrapper closure (goDeferStmt's n.Call).
      const bool wrapped = !body_text_ && GoDeferWraps(cs->call);
      out->push_back(absl::StrCat(cs->tok == syntax::Token::kGo ? "go " : "defer ",
                                  wrapped ? "(func literal)()" : GcText(cs->call)));
      return;
    }
    case NodeKind::kReturnStmt: {
      // return f() of several results: irgen returns them through temporaries.
      auto* rs = static_cast<const syntax::ReturnStmt*>(s);
      auto it = assign_temp_.find(rs);
      auto* c = rs->results.size() == 1 ? DynCast<syntax::CallExpr>(syntax::Unparen(rs->results[0]))
                                        : nullptr;
      if (it != assign_temp_.end() && c != nullptr && !IsConversion(c) && NumResults(c) > 1) {
        out->push_back("return " + TempListText(it->second, NumResults(c)));
        return;
      }
      out->push_back("return " + ExprListText(rs->results));
      return;
    }
    case NodeKind::kIfStmt: {
      auto* is = static_cast<const syntax::IfStmt*>(s);
      std::string t = "if ";
      // stmtFmt's simpleinit: one init statement without inits of its own (a definition
      // declares its variables in its init).
      auto* as = DynCast<syntax::AssignStmt>(is->init);
      if (is->init != nullptr && is->init->kind != NodeKind::kEmptyStmt &&
          !(as != nullptr && as->define)) {
        std::vector<std::string> init;
        BodyStmtItem(is->init, &init);
        if (init.size() == 1) absl::StrAppend(&t, init[0], "; ");
      }
      // deadcode: && and || fold on constant left operands; a constant condition empties
      // the dead branch.
      const syntax::Expr* cond = DeadcodeCond(is->cond, *ctx_->info);
      bool v = false;
      const bool constant = ConstCondition(cond, *ctx_->info, &v);
      std::vector<std::string> then;
      if (is->then != nullptr && (!constant || v)) BodyStmtItems(is->then->stmts, &then);
      absl::StrAppend(&t, DeadcodeCondText(is->cond, 0), " { ", Join(then), " }");
      if (is->else_ != nullptr && (!constant || !v)) {
        std::vector<std::string> els;
        BodyStmtItem(is->else_, &els);
        if (!els.empty()) absl::StrAppend(&t, " else { ", Join(els), " }");
      }
      out->push_back(std::move(t));
      return;
    }
    case NodeKind::kForStmt:
    case NodeKind::kRangeStmt:
      out->push_back("for loop");
      return;
    case NodeKind::kSwitchStmt:
    case NodeKind::kTypeSwitchStmt:
      out->push_back("switch statement");
      return;
    case NodeKind::kSelectStmt:
      out->push_back("select statement");
      return;
    default:
      out->push_back(Text(s));
      return;
  }
}

std::string Lowerer::CaseClauseText(const syntax::CaseClause* cc) const {
  std::string s;
  if (cc->is_default) {
    s = "default";
  } else {
    s = "case ";
    for (size_t i = 0; i < cc->cases.size(); i++) {
      if (i > 0) s += ", ";
      const syntax::Expr* c = cc->cases[i];
      const types::TypeAndValue* tv = TV(c);
      s += tv != nullptr && tv->mode == types::Mode::kTypeExpr ? GcTypeString(Sh(tv->type), TextPkg())
                                                              : GcText(c);
    }
  }
  std::vector<std::string> items;
  BodyStmtItems(cc->body, &items);
  return absl::StrCat(s, ": ", Join(items));
}

std::string Lowerer::StmtNoteText(const syntax::Node* s) const {
  if (auto* vs = DynCast<syntax::ValueSpec>(s)) {
    // irgen's assignment of a declared variable: x = v, or a, b = f().
    std::string names;
    for (size_t i = 0; i < vs->names.size(); i++) {
      absl::StrAppend(&names, i > 0 ? ", " : "", Text(vs->names[i]));
    }
    return absl::StrCat(names, " = ", ExprListText(vs->values));
  }
  auto* st = DynCast<syntax::Stmt>(s);
  if (st == nullptr) return "";
  std::vector<std::string> items;
  BodyStmtItem(st, &items);
  return items.empty() ? "" : items.back();
}

std::string Lowerer::InlineBodyText(const syntax::Node* fn) {
  const syntax::BlockStmt* body = nullptr;
  std::string type;
  body_text_ = true;
  if (auto* fd = DynCast<syntax::FuncDecl>(fn)) {
    body = fd->body;
    auto* f = fd->name != nullptr ? ty::DynCast<ty::Func>(ObjOf(fd->name)) : nullptr;
    ty::Signature* sig = f != nullptr ? f->signature() : nullptr;
    if (sig != nullptr && sig->recv() != nullptr) {
      type = absl::StrCat("method(", GcTypeString(Sh(sig->recv()->type()), TextPkg()), ") ");
    }
    absl::StrAppend(&type, GcTypeString(sig, TextPkg()));
  } else if (auto* lit = DynCast<syntax::FuncLit>(fn)) {
    body = lit->body;
    type = GcTypeString(TypeOf(lit), TextPkg());
  }
  std::vector<std::string> items;
  if (body != nullptr) {
    if (auto* fd = DynCast<syntax::FuncDecl>(fn)) {
      NumberTemps(fd->type, fd->recv, body);
    } else {
      NumberTemps(static_cast<const syntax::FuncLit*>(fn)->type, nullptr, body);
    }
    if (!DeadcodeEmptiesBody(body, *ctx_->info)) BodyStmtItems(body->stmts, &items);
  }
  body_text_ = false;
  return absl::StrCat(type, " { ", Join(items), " }");
}

}  // namespace heapmap::ir::lower

namespace heapmap::ir {

std::vector<std::string> InlineBodyTexts(
    const types::Package& pkg, const types::Info& info,
    const std::vector<std::pair<const syntax::ParsedFile*, const syntax::Node*>>& fns,
    const std::vector<std::string>& quoted_names) {
  lower::PackageCtx ctx;
  ctx.pkg = &pkg;
  ctx.text_pkg = &pkg;
  ctx.info = &info;
  // Calls of generic functions print stenciled (CanInline runs after stenciling).
  lower::ShapeTable shapes;
  ctx.shapes = &shapes;
  ctx.instantiate = [](const types::Func*, const std::vector<types::Type*>&) {
    return std::string();
  };
  lower::QuotedNamesScope quoted(&quoted_names);
  std::vector<std::string> texts;
  for (const auto& [file, fn] : fns) {
    lower::Lowerer l(&ctx, file, file->filename);  // a function's own temporaries
    texts.push_back(l.InlineBodyText(fn));
  }
  return texts;
}

}  // namespace heapmap::ir
