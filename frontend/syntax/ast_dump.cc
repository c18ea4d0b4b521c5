// frontend/syntax/ast_dump.cc — the text dump of ast_dump.h.
#include "frontend/syntax/ast_dump.h"

#include <cstdio>
#include <string>

#include "base/stack.h"
#include "frontend/syntax/internal/str_util.h"

namespace heapmap::syntax {
namespace {

using syntax_internal::StrAppend;
using syntax_internal::StrCat;

constexpr size_t kMaxSnippet = 60;

class Dumper {
 public:
  explicit Dumper(std::string_view source) : source_(source) {}

  std::string Take() { return std::move(out_); }

  void Node(std::string_view label, const syntax::Node* n);

 private:
  void Line(std::string_view label, const syntax::Node* n, std::string_view attrs);
  template <typename T>
  void List(std::string_view label, Span<T*> list) {
    for (uint32_t i = 0; i < list.size(); ++i) Node(StrCat(label, "[", i, "]"), list[i]);
  }
  void Directives(std::string_view label, Span<Directive> dirs);
  std::string Snippet(const syntax::Node* n) const;
  static std::string P(Pos p) { return StrCat(p.line, ":", p.col); }

  std::string_view source_;
  std::string out_;
  int indent_ = 0;
};

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += "\"";
  return out;
}

std::string Dumper::Snippet(const syntax::Node* n) const {
  if (source_.empty() || n->begin > n->end || n->end > source_.size()) return "";
  std::string_view text = source_.substr(n->begin, n->end - n->begin);
  if (text.size() > kMaxSnippet) {
    return StrCat(" ", Quote(text.substr(0, kMaxSnippet)), "...");
  }
  return StrCat(" ", Quote(text));
}

void Dumper::Line(std::string_view label, const syntax::Node* n, std::string_view attrs) {
  out_.append(static_cast<size_t>(indent_) * 2, ' ');
  if (!label.empty()) StrAppend(&out_, label, ": ");
  StrAppend(&out_, NodeKindName(n->kind));
  if (!attrs.empty()) StrAppend(&out_, " ", attrs);
  StrAppend(&out_, " @", P(n->pos));
  bool compound = Isa<Expr>(n) && n->kind != NodeKind::kName && n->kind != NodeKind::kBasicLit;
  if (compound) StrAppend(&out_, Snippet(n));
  out_ += '\n';
}

void Dumper::Directives(std::string_view label, Span<Directive> dirs) {
  for (uint32_t i = 0; i < dirs.size(); ++i) {
    out_.append(static_cast<size_t>(indent_) * 2, ' ');
    StrAppend(&out_, label, "[", i, "]: ", Quote(dirs[i].text), " @", P(dirs[i].pos),
              dirs[i].own_line ? "" : " (not on own line)", "\n");
  }
}

std::string_view ChanDirName(ChanDir d) {
  switch (d) {
    case ChanDir::kBoth:
      return "both";
    case ChanDir::kSendOnly:
      return "send";
    case ChanDir::kRecvOnly:
      return "recv";
  }
  return "?";
}

void Dumper::Node(std::string_view label, const syntax::Node* n) {
  // The parser nests as deep as the thread's stack allows; the dump, which recurses once
  // per node, stops where the stack runs out rather than overflow (base/stack.h).
  if (n != nullptr && !base::StackAvailable()) {
    out_.append(static_cast<size_t>(indent_) * 2, ' ');
    StrAppend(&out_, label, ": ... (nested too deeply to dump)\n");
    return;
  }
  if (n == nullptr) {
    out_.append(static_cast<size_t>(indent_) * 2, ' ');
    StrAppend(&out_, label, ": nil\n");
    return;
  }
  switch (n->kind) {
    case NodeKind::kFile: {
      auto* f = static_cast<const File*>(n);
      Line(label, n, StrCat("eof=", P(f->eof)));
      ++indent_;
      Node("package", f->pkg_name);
      Directives("directive", f->directives);
      for (uint32_t i = 0; i < f->line_bases.size(); ++i) {
        const LineBase& b = f->line_bases[i];
        out_.append(static_cast<size_t>(indent_) * 2, ' ');
        StrAppend(&out_, "line_base[", i, "]: from ", P(b.pos), " ", Quote(b.filename), ":", b.line,
                  b.col != 0 ? StrCat(":", b.col) : std::string(), "\n");
      }
      List("decl", f->decls);
      --indent_;
      return;
    }
    case NodeKind::kBadExpr:
      Line(label, n, "");
      return;
    case NodeKind::kName:
      Line(label, n, static_cast<const Name*>(n)->value);
      return;
    case NodeKind::kBasicLit: {
      auto* b = static_cast<const BasicLit*>(n);
      Line(label, n,
           StrCat(LitKindString(b->lit_kind), " ", Quote(b->value), b->bad ? " bad" : ""));
      return;
    }
    default:
      break;
  }

  switch (n->kind) {
    case NodeKind::kCompositeLit: {
      auto* x = static_cast<const CompositeLit*>(n);
      Line(label, n, StrCat("keys=", x->num_keys, " rbrace=", P(x->rbrace)));
      ++indent_;
      Node("type", x->type);
      List("elem", x->elems);
      break;
    }
    case NodeKind::kKeyValueExpr: {
      auto* x = static_cast<const KeyValueExpr*>(n);
      Line(label, n, "");
      ++indent_;
      Node("key", x->key);
      Node("value", x->value);
      break;
    }
    case NodeKind::kFuncLit: {
      auto* x = static_cast<const FuncLit*>(n);
      Line(label, n, "");
      ++indent_;
      Node("type", x->type);
      Node("body", x->body);
      break;
    }
    case NodeKind::kParenExpr:
      Line(label, n, "");
      ++indent_;
      Node("x", static_cast<const ParenExpr*>(n)->x);
      break;
    case NodeKind::kSelectorExpr: {
      auto* x = static_cast<const SelectorExpr*>(n);
      Line(label, n, "");
      ++indent_;
      Node("x", x->x);
      Node("sel", x->sel);
      break;
    }
    case NodeKind::kIndexExpr: {
      auto* x = static_cast<const IndexExpr*>(n);
      Line(label, n, "");
      ++indent_;
      Node("x", x->x);
      List("index", x->indices);
      break;
    }
    case NodeKind::kSliceExpr: {
      auto* x = static_cast<const SliceExpr*>(n);
      Line(label, n, x->full ? "full" : "");
      ++indent_;
      Node("x", x->x);
      for (int i = 0; i < 3; ++i) {
        if (x->index[i] != nullptr || (i < 2) || x->full)
          Node(StrCat("index[", i, "]"), x->index[i]);
      }
      break;
    }
    case NodeKind::kAssertExpr: {
      auto* x = static_cast<const AssertExpr*>(n);
      Line(label, n, "");
      ++indent_;
      Node("x", x->x);
      Node("type", x->type);
      break;
    }
    case NodeKind::kTypeSwitchGuard: {
      auto* x = static_cast<const TypeSwitchGuard*>(n);
      Line(label, n, "");
      ++indent_;
      if (x->lhs != nullptr) Node("lhs", x->lhs);
      Node("x", x->x);
      break;
    }
    case NodeKind::kUnaryExpr: {
      auto* x = static_cast<const UnaryExpr*>(n);
      Line(label, n, OperatorString(x->op));
      ++indent_;
      Node("x", x->x);
      break;
    }
    case NodeKind::kBinaryExpr: {
      auto* x = static_cast<const BinaryExpr*>(n);
      Line(label, n, OperatorString(x->op));
      ++indent_;
      Node("x", x->x);
      Node("y", x->y);
      break;
    }
    case NodeKind::kCallExpr: {
      auto* x = static_cast<const CallExpr*>(n);
      Line(label, n, x->has_dots ? "..." : "");
      ++indent_;
      Node("fun", x->fun);
      List("arg", x->args);
      break;
    }
    case NodeKind::kArrayType: {
      auto* x = static_cast<const ArrayType*>(n);
      Line(label, n, x->len == nullptr ? "[...]" : "");
      ++indent_;
      if (x->len != nullptr) Node("len", x->len);
      Node("elem", x->elem);
      break;
    }
    case NodeKind::kSliceType:
      Line(label, n, "");
      ++indent_;
      Node("elem", static_cast<const SliceType*>(n)->elem);
      break;
    case NodeKind::kDotsType:
      Line(label, n, "");
      ++indent_;
      Node("elem", static_cast<const DotsType*>(n)->elem);
      break;
    case NodeKind::kStructType: {
      auto* x = static_cast<const StructType*>(n);
      Line(label, n, "");
      ++indent_;
      List("field", x->fields);
      break;
    }
    case NodeKind::kInterfaceType: {
      auto* x = static_cast<const InterfaceType*>(n);
      Line(label, n, "");
      ++indent_;
      List("elem", x->methods);
      break;
    }
    case NodeKind::kFuncType: {
      auto* x = static_cast<const FuncType*>(n);
      Line(label, n, "");
      ++indent_;
      List("param", x->params);
      List("result", x->results);
      break;
    }
    case NodeKind::kMapType: {
      auto* x = static_cast<const MapType*>(n);
      Line(label, n, "");
      ++indent_;
      Node("key", x->key);
      Node("value", x->value);
      break;
    }
    case NodeKind::kChanType: {
      auto* x = static_cast<const ChanType*>(n);
      Line(label, n, ChanDirName(x->dir));
      ++indent_;
      Node("elem", x->elem);
      break;
    }
    case NodeKind::kField: {
      auto* x = static_cast<const Field*>(n);
      Line(label, n, "");
      ++indent_;
      if (x->name != nullptr) Node("name", x->name);
      Node("type", x->type);
      if (x->tag != nullptr) Node("tag", x->tag);
      break;
    }
    case NodeKind::kEmptyStmt:
      Line(label, n, "");
      ++indent_;
      break;
    case NodeKind::kLabeledStmt: {
      auto* x = static_cast<const LabeledStmt*>(n);
      Line(label, n, "");
      ++indent_;
      Node("label", x->label);
      Node("stmt", x->stmt);
      break;
    }
    case NodeKind::kBlockStmt: {
      auto* x = static_cast<const BlockStmt*>(n);
      Line(label, n, StrCat("rbrace=", P(x->rbrace)));
      ++indent_;
      List("stmt", x->stmts);
      break;
    }
    case NodeKind::kExprStmt:
      Line(label, n, "");
      ++indent_;
      Node("x", static_cast<const ExprStmt*>(n)->x);
      break;
    case NodeKind::kSendStmt: {
      auto* x = static_cast<const SendStmt*>(n);
      Line(label, n, "");
      ++indent_;
      Node("chan", x->chan);
      Node("value", x->value);
      break;
    }
    case NodeKind::kDeclStmt:
      Line(label, n, "");
      ++indent_;
      Node("decl", static_cast<const DeclStmt*>(n)->decl);
      break;
    case NodeKind::kAssignStmt: {
      auto* x = static_cast<const AssignStmt*>(n);
      Line(label, n, x->define ? ":=" : StrCat(OperatorString(x->op), "="));
      ++indent_;
      List("lhs", x->lhs);
      List("rhs", x->rhs);
      break;
    }
    case NodeKind::kIncDecStmt: {
      auto* x = static_cast<const IncDecStmt*>(n);
      Line(label, n, x->inc ? "++" : "--");
      ++indent_;
      Node("x", x->x);
      break;
    }
    case NodeKind::kBranchStmt: {
      auto* x = static_cast<const BranchStmt*>(n);
      std::string attrs(TokenString(x->tok));
      if (x->target != nullptr) {
        StrAppend(&attrs, " target=", NodeKindName(x->target->kind), "@", P(x->target->pos));
      }
      Line(label, n, attrs);
      ++indent_;
      if (x->label != nullptr) Node("label", x->label);
      break;
    }
    case NodeKind::kCallStmt: {
      auto* x = static_cast<const CallStmt*>(n);
      Line(label, n, TokenString(x->tok));
      ++indent_;
      Node("call", x->call);
      break;
    }
    case NodeKind::kReturnStmt:
      Line(label, n, "");
      ++indent_;
      List("result", static_cast<const ReturnStmt*>(n)->results);
      break;
    case NodeKind::kIfStmt: {
      auto* x = static_cast<const IfStmt*>(n);
      Line(label, n, "");
      ++indent_;
      if (x->init != nullptr) Node("init", x->init);
      Node("cond", x->cond);
      Node("then", x->then);
      if (x->else_ != nullptr) Node("else", x->else_);
      break;
    }
    case NodeKind::kForStmt: {
      auto* x = static_cast<const ForStmt*>(n);
      Line(label, n, "");
      ++indent_;
      if (x->init != nullptr) Node("init", x->init);
      if (x->cond != nullptr) Node("cond", x->cond);
      if (x->post != nullptr) Node("post", x->post);
      Node("body", x->body);
      break;
    }
    case NodeKind::kRangeStmt: {
      auto* x = static_cast<const RangeStmt*>(n);
      Line(label, n,
           StrCat(x->define ? ":= " : (x->key != nullptr ? "= " : ""), "range=", P(x->range_pos)));
      ++indent_;
      if (x->key != nullptr) Node("key", x->key);
      if (x->value != nullptr) Node("value", x->value);
      Node("x", x->x);
      Node("body", x->body);
      break;
    }
    case NodeKind::kSwitchStmt:
    case NodeKind::kTypeSwitchStmt: {
      auto* x = static_cast<const SwitchStmt*>(n);
      Line(label, n, StrCat("rbrace=", P(x->rbrace)));
      ++indent_;
      if (x->init != nullptr) Node("init", x->init);
      if (x->tag != nullptr) Node("tag", x->tag);
      List("clause", x->clauses);
      break;
    }
    case NodeKind::kSelectStmt: {
      auto* x = static_cast<const SelectStmt*>(n);
      Line(label, n, StrCat("rbrace=", P(x->rbrace)));
      ++indent_;
      List("clause", x->clauses);
      break;
    }
    case NodeKind::kCaseClause: {
      auto* x = static_cast<const CaseClause*>(n);
      Line(label, n, StrCat(x->is_default ? "default " : "", "colon=", P(x->colon)));
      ++indent_;
      List("case", x->cases);
      List("stmt", x->body);
      break;
    }
    case NodeKind::kCommClause: {
      auto* x = static_cast<const CommClause*>(n);
      Line(label, n, StrCat(x->comm == nullptr ? "default " : "", "colon=", P(x->colon)));
      ++indent_;
      if (x->comm != nullptr) Node("comm", x->comm);
      List("stmt", x->body);
      break;
    }
    case NodeKind::kImportSpec: {
      auto* x = static_cast<const ImportSpec*>(n);
      Line(label, n, "");
      ++indent_;
      Directives("directive", x->directives);
      if (x->name != nullptr) Node("name", x->name);
      Node("path", x->path);
      break;
    }
    case NodeKind::kValueSpec: {
      auto* x = static_cast<const ValueSpec*>(n);
      Line(label, n, StrCat("iota=", x->iota));
      ++indent_;
      Directives("directive", x->directives);
      List("name", x->names);
      if (x->type != nullptr) Node("type", x->type);
      List("value", x->values);
      break;
    }
    case NodeKind::kTypeSpec: {
      auto* x = static_cast<const TypeSpec*>(n);
      Line(label, n, x->alias ? "alias" : "");
      ++indent_;
      Directives("directive", x->directives);
      Node("name", x->name);
      List("tparam", x->tparams);
      Node("type", x->type);
      break;
    }
    case NodeKind::kGenDecl: {
      auto* x = static_cast<const GenDecl*>(n);
      std::string attrs(TokenString(x->tok));
      if (x->lparen.IsKnown()) StrAppend(&attrs, " (", P(x->lparen), " )", P(x->rparen));
      Line(label, n, attrs);
      ++indent_;
      Directives("directive", x->directives);
      List("spec", x->specs);
      break;
    }
    case NodeKind::kFuncDecl: {
      auto* x = static_cast<const FuncDecl*>(n);
      Line(label, n, "");
      ++indent_;
      Directives("directive", x->directives);
      if (x->recv != nullptr) Node("recv", x->recv);
      Node("name", x->name);
      List("tparam", x->tparams);
      Node("type", x->type);
      if (x->body != nullptr) Node("body", x->body);
      break;
    }
    default:
      Line(label, n, "?");
      ++indent_;
      break;
  }
  --indent_;
}

}  // namespace

std::string DumpAst(const File& file, std::string_view source) {
  Dumper d(source);
  d.Node("", &file);
  return d.Take();
}

std::string DumpNode(const Node* node, std::string_view source) {
  Dumper d(source);
  d.Node("", node);
  return d.Take();
}

}  // namespace heapmap::syntax
