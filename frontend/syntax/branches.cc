// frontend/syntax/branches.cc — label and branch checks; a port of gc's syntax/branches.go.
//
// gc runs these checks in its parser (mode CheckBranches) for every function body that
// parsed without errors, so their errors are part of what `go build` reports for a file
// that otherwise only has syntax errors.
#include "frontend/syntax/internal/branches.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/stack.h"
#include "frontend/syntax/internal/str_util.h"

namespace heapmap::syntax_internal {
namespace {

using namespace heapmap::syntax;  // NOLINT: a port that names every node type

struct Block {
  Block* parent;       // immediately enclosing block, or null
  Pos start;           // start of block
  LabeledStmt* lstmt;  // labeled statement associated with this block, or null
};

struct Label {
  Block* parent;       // block containing this label declaration
  LabeledStmt* lstmt;  // statement declaring the label
  bool used;
};

struct Targets {
  Stmt* breaks;     // For/Range/Switch/SelectStmt, or null
  Stmt* continues;  // For/RangeStmt, or null
  int case_index;   // case index of the immediately enclosing switch, or < 0
};

class LabelScope {
 public:
  LabelScope(std::string_view filename, const std::function<void(Pos, std::string)>& error)
      : filename_(filename), error_(error) {}

  void Check(BlockStmt* body) {
    std::vector<BranchStmt*> fwd =
        BlockBranches(nullptr, Targets{nullptr, nullptr, -1}, nullptr, body->pos, body->stmts);
    for (BranchStmt* g : fwd) {
      std::string_view name = g->label->value;
      if (Label* l = Find(name)) {
        l->used = true;  // avoid "defined and not used" error
        error_(g->label->pos, StrCat("goto ", name, " jumps into block starting at ",
                                     PosString(l->parent->start)));
      } else {
        error_(g->label->pos, StrCat("label ", name, " not defined"));
      }
    }
    for (Label& l : labels_) {
      if (!l.used) {
        error_(l.lstmt->label->pos,
               StrCat("label ", l.lstmt->label->value, " defined and not used"));
      }
    }
  }

 private:
  std::string PosString(Pos p) const { return StrCat(filename_, ":", p.line, ":", p.col); }

  Label* Find(std::string_view name) {
    auto it = index_.find(name);
    return it == index_.end() ? nullptr : it->second;
  }

  Label* Declare(Block* b, LabeledStmt* s) {
    if (Label* alt = Find(s->label->value)) {
      error_(s->label->pos, StrCat("label ", s->label->value, " already defined at ",
                                   PosString(alt->lstmt->label->pos)));
      return alt;
    }
    labels_.push_back(Label{b, s, false});
    index_.emplace(s->label->value, &labels_.back());
    return &labels_.back();
  }

  LabeledStmt* GotoTarget(Block* b, std::string_view name) {
    if (Label* l = Find(name)) {
      l->used = true;  // even if it's not a valid target
      for (; b != nullptr; b = b->parent) {
        if (l->parent == b) return l->lstmt;
      }
    }
    return nullptr;
  }

  // The labeled statement `name` if it encloses b; &invalid_ if it exists but does not
  // enclose b; null if there is no such label.
  LabeledStmt* EnclosingTarget(Block* b, std::string_view name) {
    if (Label* l = Find(name)) {
      l->used = true;  // even if it's not a valid target
      for (; b != nullptr; b = b->parent) {
        if (l->lstmt == b->lstmt) return l->lstmt;
      }
      return &invalid_;
    }
    return nullptr;
  }

  std::vector<BranchStmt*> BlockBranches(Block* parent, Targets ctxt, LabeledStmt* lstmt, Pos start,
                                         Span<Stmt*> body);

  std::string_view filename_;
  const std::function<void(Pos, std::string)>& error_;
  // Labels of one function are few; a deque keeps pointers stable.
  std::deque<Label> labels_;
  std::deque<Block> blocks_;
  std::unordered_map<std::string_view, Label*> index_;
  LabeledStmt invalid_;
};

std::vector<BranchStmt*> LabelScope::BlockBranches(Block* parent, Targets ctxt, LabeledStmt* lstmt,
                                                   Pos start, Span<Stmt*> body) {
  std::vector<BranchStmt*> fwd_gotos;
  // Blocks nest (an else-if chain is one block inside the other, as in gc); past the
  // thread's stack (base/stack.h), deeper blocks go unchecked rather than overflow.
  if (!base::StackAvailable()) return fwd_gotos;

  // Labels keep pointing at their block after this call returns (for "jumps into
  // block" errors), so blocks live as long as the scope.
  blocks_.push_back(Block{parent, start, lstmt});
  Block& b = blocks_.back();
  Pos var_pos;
  std::string var_name;
  std::vector<BranchStmt*> bad_gotos;

  auto record_var_decl = [&](Pos pos, std::string name) {
    var_pos = pos;
    var_name = std::move(name);
    bad_gotos = fwd_gotos;
  };
  auto jumps_over_var_decl = [&](BranchStmt* fwd) {
    return var_pos.IsKnown() &&
           std::find(bad_gotos.begin(), bad_gotos.end(), fwd) != bad_gotos.end();
  };
  auto inner_block = [&](Targets inner, Pos inner_start, Span<Stmt*> inner_body) {
    std::vector<BranchStmt*> more = BlockBranches(&b, inner, lstmt, inner_start, inner_body);
    fwd_gotos.insert(fwd_gotos.end(), more.begin(), more.end());
  };

  // trimTrailingEmptyStmts
  uint32_t n = body.size();
  while (n > 0 && body[n - 1]->kind == NodeKind::kEmptyStmt) --n;

  for (uint32_t stmt_index = 0; stmt_index < n; ++stmt_index) {
    Stmt* stmt = body[stmt_index];
    lstmt = nullptr;
    for (;;) {  // re-dispatch on the statement of a LabeledStmt
      switch (stmt->kind) {
        case NodeKind::kDeclStmt: {
          GenDecl* d = static_cast<DeclStmt*>(stmt)->decl;
          if (d->tok == Token::kVar && !d->specs.empty()) {
            auto* v = static_cast<ValueSpec*>(d->specs[0]);  // the first VarDecl will do
            record_var_decl(v->pos, std::string(v->names[0]->value));
          }
          break;
        }

        case NodeKind::kLabeledStmt: {
          auto* s = static_cast<LabeledStmt*>(stmt);
          std::string_view name = s->label->value;
          if (name != "_") {
            Label* l = Declare(&b, s);
            size_t i = 0;
            for (BranchStmt* fwd : fwd_gotos) {
              if (fwd->label->value == name) {
                fwd->target = s;
                l->used = true;
                if (jumps_over_var_decl(fwd)) {
                  error_(fwd->label->pos, StrCat("goto ", name, " jumps over declaration of ",
                                                 var_name, " at ", PosString(var_pos)));
                }
              } else {
                fwd_gotos[i++] = fwd;
              }
            }
            fwd_gotos.resize(i);
            lstmt = s;
          }
          stmt = s->stmt;
          continue;
        }

        case NodeKind::kBranchStmt: {
          auto* s = static_cast<BranchStmt*>(stmt);
          if (s->label == nullptr) {
            switch (s->tok) {
              case Token::kBreak:
                if (ctxt.breaks != nullptr) {
                  s->target = ctxt.breaks;
                } else {
                  error_(s->pos, "break is not in a loop, switch, or select");
                }
                break;
              case Token::kContinue:
                if (ctxt.continues != nullptr) {
                  s->target = ctxt.continues;
                } else {
                  error_(s->pos, "continue is not in a loop");
                }
                break;
              case Token::kFallthrough: {
                const char* msg = "fallthrough statement out of place";
                if (auto* t = DynCast<SwitchStmt>(ctxt.breaks)) {
                  if (t->kind == NodeKind::kTypeSwitchStmt) {
                    msg = "cannot fallthrough in type switch";
                  } else if (ctxt.case_index < 0 || stmt_index + 1 < n) {
                    // fallthrough nested in a block or not the last statement
                  } else if (ctxt.case_index + 1 == static_cast<int>(t->clauses.size())) {
                    msg = "cannot fallthrough final case in switch";
                  } else {
                    msg = nullptr;  // fallthrough ok
                  }
                }
                if (msg != nullptr) error_(s->pos, msg);
                break;
              }
              default:  // goto without label: already a syntax error
                break;
            }
            break;
          }

          std::string_view name = s->label->value;
          switch (s->tok) {
            case Token::kBreak:
              if (LabeledStmt* t = EnclosingTarget(&b, name)) {
                Stmt* ts = t->stmt;
                if (ts != nullptr &&
                    (Isa<SwitchStmt>(ts) || ts->kind == NodeKind::kSelectStmt ||
                     ts->kind == NodeKind::kForStmt || ts->kind == NodeKind::kRangeStmt)) {
                  s->target = ts;
                } else {
                  error_(s->label->pos, StrCat("invalid break label ", name));
                }
              } else {
                error_(s->label->pos, StrCat("break label not defined: ", name));
              }
              break;
            case Token::kContinue:
              if (LabeledStmt* t = EnclosingTarget(&b, name)) {
                Stmt* ts = t->stmt;
                if (ts != nullptr &&
                    (ts->kind == NodeKind::kForStmt || ts->kind == NodeKind::kRangeStmt)) {
                  s->target = ts;
                } else {
                  error_(s->label->pos, StrCat("invalid continue label ", name));
                }
              } else {
                error_(s->label->pos, StrCat("continue label not defined: ", name));
              }
              break;
            case Token::kGoto:
              if (LabeledStmt* t = GotoTarget(&b, name)) {
                s->target = t;
              } else {
                fwd_gotos.push_back(s);
              }
              break;
            default:
              break;
          }
          break;
        }

        case NodeKind::kAssignStmt: {
          auto* s = static_cast<AssignStmt*>(stmt);
          if (s->define) {
            // gc prints the whole left-hand side list.
            std::string names;
            for (uint32_t i = 0; i < s->lhs.size(); ++i) {
              if (i > 0) names += ", ";
              if (auto* nm = DynCast<Name>(s->lhs[i])) names += nm->value;
            }
            record_var_decl(s->pos, names);
          }
          break;
        }

        case NodeKind::kBlockStmt: {
          auto* s = static_cast<BlockStmt*>(stmt);
          inner_block(Targets{ctxt.breaks, ctxt.continues, -1}, s->pos, s->stmts);
          break;
        }

        case NodeKind::kIfStmt: {
          auto* s = static_cast<IfStmt*>(stmt);
          Targets inner{ctxt.breaks, ctxt.continues, -1};
          if (s->then != nullptr) inner_block(inner, s->then->pos, s->then->stmts);
          if (s->else_ != nullptr) inner_block(inner, s->else_->pos, Span<Stmt*>(&s->else_, 1));
          break;
        }

        case NodeKind::kForStmt: {
          auto* s = static_cast<ForStmt*>(stmt);
          if (s->body != nullptr) inner_block(Targets{s, s, -1}, s->body->pos, s->body->stmts);
          break;
        }

        case NodeKind::kRangeStmt: {
          auto* s = static_cast<RangeStmt*>(stmt);
          if (s->body != nullptr) inner_block(Targets{s, s, -1}, s->body->pos, s->body->stmts);
          break;
        }

        case NodeKind::kSwitchStmt:
        case NodeKind::kTypeSwitchStmt: {
          auto* s = static_cast<SwitchStmt*>(stmt);
          Targets inner{s, ctxt.continues, -1};
          for (uint32_t i = 0; i < s->clauses.size(); ++i) {
            inner.case_index = static_cast<int>(i);
            inner_block(inner, s->clauses[i]->pos, s->clauses[i]->body);
          }
          break;
        }

        case NodeKind::kSelectStmt: {
          auto* s = static_cast<SelectStmt*>(stmt);
          Targets inner{s, ctxt.continues, -1};
          for (CommClause* cc : s->clauses) inner_block(inner, cc->pos, cc->body);
          break;
        }

        default:
          break;
      }
      break;
    }
  }
  return fwd_gotos;
}

}  // namespace

void CheckBranches(BlockStmt* body, std::string_view filename,
                   const std::function<void(Pos, std::string)>& error) {
  if (body == nullptr) return;
  LabelScope ls(filename, error);
  ls.Check(body);
}

}  // namespace heapmap::syntax_internal
