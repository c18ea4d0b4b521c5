// frontend/syntax/ast_walk.h — generic traversal of the syntax tree.
//
// ForEachChild(n, f) calls f(child) for every non-null direct child of n, in source order.
// Type nodes shared between Fields (`a, b int`) are visited once per Field. Walk(n, f)
// visits n and its subtree in pre-order with an explicit stack (no recursion, so any tree
// the parser produced can be walked on a small stack); f returns false to skip a subtree.
#ifndef HEAPMAP_FRONTEND_SYNTAX_AST_WALK_H_
#define HEAPMAP_FRONTEND_SYNTAX_AST_WALK_H_

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "frontend/syntax/ast.h"

namespace heapmap::syntax {

template <typename F>
void ForEachChild(Node* n, F&& f) {
  auto one = [&](Node* c) {
    if (c != nullptr) f(c);
  };
  auto all = [&](auto span) {
    for (auto* c : span) one(c);
  };
  switch (n->kind) {
    case NodeKind::kFile: {
      auto* x = static_cast<File*>(n);
      one(x->pkg_name);
      all(x->decls);
      break;
    }
    case NodeKind::kBadExpr:
    case NodeKind::kName:
    case NodeKind::kBasicLit:
    case NodeKind::kEmptyStmt:
      break;
    case NodeKind::kCompositeLit: {
      auto* x = static_cast<CompositeLit*>(n);
      one(x->type);
      all(x->elems);
      break;
    }
    case NodeKind::kKeyValueExpr: {
      auto* x = static_cast<KeyValueExpr*>(n);
      one(x->key);
      one(x->value);
      break;
    }
    case NodeKind::kFuncLit: {
      auto* x = static_cast<FuncLit*>(n);
      one(x->type);
      one(x->body);
      break;
    }
    case NodeKind::kParenExpr:
      one(static_cast<ParenExpr*>(n)->x);
      break;
    case NodeKind::kSelectorExpr: {
      auto* x = static_cast<SelectorExpr*>(n);
      one(x->x);
      one(x->sel);
      break;
    }
    case NodeKind::kIndexExpr: {
      auto* x = static_cast<IndexExpr*>(n);
      one(x->x);
      all(x->indices);
      break;
    }
    case NodeKind::kSliceExpr: {
      auto* x = static_cast<SliceExpr*>(n);
      one(x->x);
      for (Expr* i : x->index) one(i);
      break;
    }
    case NodeKind::kAssertExpr: {
      auto* x = static_cast<AssertExpr*>(n);
      one(x->x);
      one(x->type);
      break;
    }
    case NodeKind::kTypeSwitchGuard: {
      auto* x = static_cast<TypeSwitchGuard*>(n);
      one(x->lhs);
      one(x->x);
      break;
    }
    case NodeKind::kUnaryExpr:
      one(static_cast<UnaryExpr*>(n)->x);
      break;
    case NodeKind::kBinaryExpr: {
      auto* x = static_cast<BinaryExpr*>(n);
      one(x->x);
      one(x->y);
      break;
    }
    case NodeKind::kCallExpr: {
      auto* x = static_cast<CallExpr*>(n);
      one(x->fun);
      all(x->args);
      break;
    }
    case NodeKind::kArrayType: {
      auto* x = static_cast<ArrayType*>(n);
      one(x->len);
      one(x->elem);
      break;
    }
    case NodeKind::kSliceType:
      one(static_cast<SliceType*>(n)->elem);
      break;
    case NodeKind::kDotsType:
      one(static_cast<DotsType*>(n)->elem);
      break;
    case NodeKind::kStructType:
      all(static_cast<StructType*>(n)->fields);
      break;
    case NodeKind::kInterfaceType:
      all(static_cast<InterfaceType*>(n)->methods);
      break;
    case NodeKind::kFuncType: {
      auto* x = static_cast<FuncType*>(n);
      all(x->params);
      all(x->results);
      break;
    }
    case NodeKind::kMapType: {
      auto* x = static_cast<MapType*>(n);
      one(x->key);
      one(x->value);
      break;
    }
    case NodeKind::kChanType:
      one(static_cast<ChanType*>(n)->elem);
      break;
    case NodeKind::kField: {
      auto* x = static_cast<Field*>(n);
      one(x->name);
      one(x->type);
      one(x->tag);
      break;
    }
    case NodeKind::kLabeledStmt: {
      auto* x = static_cast<LabeledStmt*>(n);
      one(x->label);
      one(x->stmt);
      break;
    }
    case NodeKind::kBlockStmt:
      all(static_cast<BlockStmt*>(n)->stmts);
      break;
    case NodeKind::kExprStmt:
      one(static_cast<ExprStmt*>(n)->x);
      break;
    case NodeKind::kSendStmt: {
      auto* x = static_cast<SendStmt*>(n);
      one(x->chan);
      one(x->value);
      break;
    }
    case NodeKind::kDeclStmt:
      one(static_cast<DeclStmt*>(n)->decl);
      break;
    case NodeKind::kAssignStmt: {
      auto* x = static_cast<AssignStmt*>(n);
      all(x->lhs);
      all(x->rhs);
      break;
    }
    case NodeKind::kIncDecStmt:
      one(static_cast<IncDecStmt*>(n)->x);
      break;
    case NodeKind::kBranchStmt:
      one(static_cast<BranchStmt*>(n)->label);
      break;
    case NodeKind::kCallStmt:
      one(static_cast<CallStmt*>(n)->call);
      break;
    case NodeKind::kReturnStmt:
      all(static_cast<ReturnStmt*>(n)->results);
      break;
    case NodeKind::kIfStmt: {
      auto* x = static_cast<IfStmt*>(n);
      one(x->init);
      one(x->cond);
      one(x->then);
      one(x->else_);
      break;
    }
    case NodeKind::kForStmt: {
      auto* x = static_cast<ForStmt*>(n);
      one(x->init);
      one(x->cond);
      one(x->post);
      one(x->body);
      break;
    }
    case NodeKind::kRangeStmt: {
      auto* x = static_cast<RangeStmt*>(n);
      one(x->key);
      one(x->value);
      one(x->x);
      one(x->body);
      break;
    }
    case NodeKind::kSwitchStmt:
    case NodeKind::kTypeSwitchStmt: {
      auto* x = static_cast<SwitchStmt*>(n);
      one(x->init);
      one(x->tag);
      all(x->clauses);
      break;
    }
    case NodeKind::kSelectStmt:
      all(static_cast<SelectStmt*>(n)->clauses);
      break;
    case NodeKind::kCaseClause: {
      auto* x = static_cast<CaseClause*>(n);
      all(x->cases);
      all(x->body);
      break;
    }
    case NodeKind::kCommClause: {
      auto* x = static_cast<CommClause*>(n);
      one(x->comm);
      all(x->body);
      break;
    }
    case NodeKind::kImportSpec: {
      auto* x = static_cast<ImportSpec*>(n);
      one(x->name);
      one(x->path);
      break;
    }
    case NodeKind::kValueSpec: {
      auto* x = static_cast<ValueSpec*>(n);
      all(x->names);
      one(x->type);
      all(x->values);
      break;
    }
    case NodeKind::kTypeSpec: {
      auto* x = static_cast<TypeSpec*>(n);
      one(x->name);
      all(x->tparams);
      one(x->type);
      break;
    }
    case NodeKind::kGenDecl:
      all(static_cast<GenDecl*>(n)->specs);
      break;
    case NodeKind::kFuncDecl: {
      auto* x = static_cast<FuncDecl*>(n);
      one(x->recv);
      one(x->name);
      all(x->tparams);
      one(x->type);
      one(x->body);
      break;
    }
    case NodeKind::kCount:
      break;
  }
}

template <typename F>
void Walk(Node* root, F&& f) {
  std::vector<Node*> stack{root};
  while (!stack.empty()) {
    Node* n = stack.back();
    stack.pop_back();
    if (!f(n)) continue;
    // The children go on the stack in order, then are reversed in place: the first child
    // is visited first.
    const size_t first = stack.size();
    ForEachChild(n, [&](Node* c) { stack.push_back(c); });
    std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(first), stack.end());
  }
}

// Checks the byte-range invariants of a parsed tree: begin <= end <= source_size for every
// node, and every child's range inside its parent's (a Field's type is exempt: one type
// node is shared by all the names of `a, b int`). Returns "" or a description of the first
// violation. For tests and the fuzzer.
inline std::string CheckRanges(File* file, size_t source_size) {
  std::string problem;
  std::vector<Node*> stack{file};
  while (!stack.empty() && problem.empty()) {
    Node* n = stack.back();
    stack.pop_back();
    if (n->begin > n->end || n->end > source_size) {
      problem = std::string(NodeKindName(n->kind)) + " has a bad range [" +
                std::to_string(n->begin) + "," + std::to_string(n->end) + ")";
      break;
    }
    ForEachChild(n, [&](Node* c) {
      bool shared = n->kind == NodeKind::kField && c == static_cast<Field*>(n)->type;
      if (!shared && problem.empty() && (c->begin < n->begin || c->end > n->end)) {
        problem = std::string(NodeKindName(c->kind)) + " [" + std::to_string(c->begin) + "," +
                  std::to_string(c->end) + ") escapes its parent " +
                  std::string(NodeKindName(n->kind)) + " [" + std::to_string(n->begin) + "," +
                  std::to_string(n->end) + ")";
      }
      stack.push_back(c);
    });
  }
  return problem;
}

}  // namespace heapmap::syntax

#endif  // HEAPMAP_FRONTEND_SYNTAX_AST_WALK_H_
