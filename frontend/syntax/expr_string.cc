// frontend/syntax/expr_string.cc — ExprString, a port of the expression and type cases
// of gc's syntax/printer.go in ShortForm (the form syntax.String uses).
#include "frontend/syntax/expr_string.h"

#include <cstdint>
#include <string_view>
#include <utility>

namespace heapmap::syntax {
namespace {

// Deeper trees are cut off, which bounds the recursion (the parser bounds the depth of
// trees, but far beyond what a message needs).
constexpr int kMaxDepth = 500;

class Printer {
 public:
  std::string out;

  // type_ctx: x sits where gc's parser parses a type (typeOrNil), which drops parentheses.
  void Print(const Expr* x, bool type_ctx) {
    if (x == nullptr) return;  // as gc: "we should not reach here but don't crash"
    if (depth_ >= kMaxDepth) {
      out += "…";
      return;
    }
    ++depth_;
    PrintNode(x, type_ctx);
    --depth_;
  }

 private:
  void PrintNode(const Expr* x, bool type_ctx) {
    switch (x->kind) {
      case NodeKind::kBadExpr:
        out += "<bad expr>";
        break;
      case NodeKind::kName:
        out += static_cast<const Name*>(x)->value;
        break;
      case NodeKind::kBasicLit:
        out += static_cast<const BasicLit*>(x)->value;
        break;
      case NodeKind::kFuncLit: {
        auto* f = static_cast<const FuncLit*>(x);
        Print(f->type, true);
        out += " ";
        if (f->body != nullptr) out += f->body->stmts.empty() ? "{}" : "{…}";
        break;
      }
      case NodeKind::kCompositeLit: {
        auto* c = static_cast<const CompositeLit*>(x);
        Print(c->type, false);
        out += c->elems.empty() ? "{}" : "{…}";
        break;
      }
      case NodeKind::kKeyValueExpr: {
        auto* kv = static_cast<const KeyValueExpr*>(x);
        Print(kv->key, false);
        out += ": ";
        Print(kv->value, false);
        break;
      }
      case NodeKind::kParenExpr: {
        auto* p = static_cast<const ParenExpr*>(x);
        if (type_ctx) {
          Print(p->x, true);
        } else {
          out += "(";
          Print(p->x, false);
          out += ")";
        }
        break;
      }
      case NodeKind::kSelectorExpr: {
        auto* s = static_cast<const SelectorExpr*>(x);
        Print(s->x, false);
        out += ".";
        Print(s->sel, false);
        break;
      }
      case NodeKind::kIndexExpr: {
        // In a type, gc parses the first index as an expression and the others as types.
        auto* ix = static_cast<const IndexExpr*>(x);
        Print(ix->x, false);
        out += "[";
        for (uint32_t i = 0; i < ix->indices.size(); ++i) {
          if (i > 0) out += ", ";
          Print(ix->indices[i], i > 0 && type_ctx);
        }
        out += "]";
        break;
      }
      case NodeKind::kSliceExpr: {
        auto* s = static_cast<const SliceExpr*>(x);
        Print(s->x, false);
        out += "[";
        Print(s->index[0], false);
        out += ":";
        Print(s->index[1], false);
        if (s->index[2] != nullptr) {
          out += ":";
          Print(s->index[2], false);
        }
        out += "]";
        break;
      }
      case NodeKind::kAssertExpr: {
        auto* a = static_cast<const AssertExpr*>(x);
        Print(a->x, false);
        out += ".(";
        Print(a->type, true);
        out += ")";
        break;
      }
      case NodeKind::kTypeSwitchGuard: {
        auto* g = static_cast<const TypeSwitchGuard*>(x);
        if (g->lhs != nullptr) {
          Print(g->lhs, false);
          out += " := ";
        }
        Print(g->x, false);
        out += ".(type)";
        break;
      }
      case NodeKind::kUnaryExpr: {
        // *T keeps its context (a pointer type or a dereference); ~T is in a type set.
        auto* u = static_cast<const UnaryExpr*>(x);
        out += OperatorString(u->op);
        bool keep = u->op == Operator::kMul || u->op == Operator::kTilde;
        Print(u->x, keep && type_ctx);
        break;
      }
      case NodeKind::kBinaryExpr: {
        auto* b = static_cast<const BinaryExpr*>(x);
        Print(b->x, type_ctx);  // in a type: a union A | B
        out += " ";
        out += OperatorString(b->op);
        out += " ";
        Print(b->y, type_ctx);
        break;
      }
      case NodeKind::kCallExpr: {
        auto* c = static_cast<const CallExpr*>(x);
        Print(c->fun, false);
        out += "(";
        for (uint32_t i = 0; i < c->args.size(); ++i) {
          if (i > 0) out += ", ";
          Print(c->args[i], false);
        }
        if (c->has_dots) out += "...";
        out += ")";
        break;
      }
      case NodeKind::kArrayType: {
        auto* a = static_cast<const ArrayType*>(x);
        out += "[";
        if (a->len == nullptr) {
          out += "...";
        } else {
          Print(a->len, false);
        }
        out += "]";
        Print(a->elem, true);
        break;
      }
      case NodeKind::kSliceType:
        out += "[]";
        Print(static_cast<const SliceType*>(x)->elem, true);
        break;
      case NodeKind::kDotsType:
        out += "...";
        Print(static_cast<const DotsType*>(x)->elem, true);
        break;
      case NodeKind::kStructType:
        out += "struct{";
        PrintFieldList(static_cast<const StructType*>(x)->fields);
        out += "}";
        break;
      case NodeKind::kFuncType:
        out += "func";
        PrintSignature(static_cast<const FuncType*>(x));
        break;
      case NodeKind::kInterfaceType: {
        out += "interface{";
        const Span<Field*>& methods = static_cast<const InterfaceType*>(x)->methods;
        for (uint32_t i = 0; i < methods.size(); ++i) {
          if (i > 0) out += "; ";
          const Field* m = methods[i];
          auto* sig = DynCast<FuncType>(m->type);
          if (m->name != nullptr && sig != nullptr) {
            Print(m->name, false);
            PrintSignature(sig);
          } else {
            Print(m->type, true);
          }
        }
        out += "}";
        break;
      }
      case NodeKind::kMapType: {
        auto* m = static_cast<const MapType*>(x);
        out += "map[";
        Print(m->key, true);
        out += "]";
        Print(m->value, true);
        break;
      }
      case NodeKind::kChanType: {
        auto* c = static_cast<const ChanType*>(x);
        if (c->dir == ChanDir::kRecvOnly) out += "<-";
        out += "chan";
        if (c->dir == ChanDir::kSendOnly) out += "<-";
        out += " ";
        // don't print chan (<-chan T) as chan <-chan T
        auto* e = DynCast<ChanType>(Unparen(c->elem));
        if (c->dir == ChanDir::kBoth && e != nullptr && e->dir == ChanDir::kRecvOnly) {
          out += "(";
          Print(e, true);
          out += ")";
        } else {
          Print(c->elem, true);
        }
        break;
      }
      default:
        break;
    }
  }

  // gc's printFieldList: consecutive fields sharing one type node print as `a, b T`.
  void PrintFieldList(const Span<Field*>& fields) {
    uint32_t i0 = 0;
    const Expr* typ = nullptr;
    for (uint32_t i = 0; i < fields.size(); ++i) {
      const Field* f = fields[i];
      if (f->name == nullptr || f->type != typ) {
        if (i0 < i) {
          PrintFields(fields, i0, i);
          out += "; ";
          i0 = i;
        }
        typ = f->type;
      }
    }
    PrintFields(fields, i0, fields.size());
  }

  void PrintFields(const Span<Field*>& fields, uint32_t i, uint32_t j) {
    if (i >= j) return;
    if (i + 1 == j && fields[i]->name == nullptr) {
      Print(fields[i]->type, true);  // embedded field
    } else {
      for (uint32_t k = i; k < j; ++k) {
        if (k > i) out += ", ";
        Print(fields[k]->name, false);
      }
      out += " ";
      Print(fields[i]->type, true);
    }
    if (fields[i]->tag != nullptr) {
      out += " ";
      Print(fields[i]->tag, false);
    }
  }

  void PrintSignature(const FuncType* sig) {
    PrintParameterList(sig->params);
    if (!sig->results.empty()) {
      out += " ";
      if (sig->results.size() == 1 && sig->results[0]->name == nullptr) {
        Print(sig->results[0]->type, true);
      } else {
        PrintParameterList(sig->results);
      }
    }
  }

  void PrintParameterList(const Span<Field*>& list) {
    out += "(";
    for (uint32_t i = 0; i < list.size(); ++i) {
      if (i > 0) out += ", ";
      const Field* f = list[i];
      if (f->name != nullptr) {
        Print(f->name, false);
        if (i + 1 < list.size()) {
          const Field* f1 = list[i + 1];
          if (f1->name != nullptr && f1->type == f->type) continue;  // no need to print type
        }
        out += " ";
      }
      Print(f->type, true);
    }
    out += ")";
  }

  int depth_ = 0;
};

}  // namespace

std::string ExprString(const Expr* x) {
  Printer p;
  p.Print(x, false);
  return std::move(p.out);
}

}  // namespace heapmap::syntax
