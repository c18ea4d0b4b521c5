// frontend/types/check.cc — the checker's driver, error reporting and Info recording (types2 check.go, errors.go, operand.go String).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "frontend/types/checker_impl.h"

namespace heapmap::types {

Checker::Checker(const CheckConfig& config, Package* pkg,
                 const std::vector<const syn::ParsedFile*>& files, Info* info,
                 std::vector<TypeError>* errors)
    : config_(config), pkg_(pkg), files_(files), info_(info), errors_(errors) {
  sizes_ = config.sizes != nullptr ? config.sizes : GcSizesFor("amd64");
  // Without a shared table (one per program: the driver's), the package's own: a
  // process-wide one would keep instances of freed packages, and a later package allocated
  // at the same addresses would be handed them.
  ctxt_ = config.context != nullptr ? config.context : pkg->OwnContext();
}

void Checker::CheckFiles() {
  // The tables grow with the source: about one typed expression per 15 bytes and one
  // use per 26 on std. Sizing them up front saves the rehashes (a tenth of check's time).
  size_t bytes = 0;
  for (const syntax::ParsedFile* f : files_) bytes += f->source.size();
  info_->types.reserve(info_->types.size() + bytes / 16);
  info_->uses.reserve(info_->uses.size() + bytes / 28);
  InitFiles();
  CollectObjects();
  PackageObjects();
  ProcessDelayed(0);
  // Every interface of a complete package must already have its type set (typeset.h).
  UnusedImports();
  RecordUntyped();
  pkg_->MarkComplete();
}

// ----------------------------------------------------------------------------
// Errors.

syn::Pos Checker::StartPos(const syn::Node* n) const {
  if (n == nullptr) return {};
  int f = env_.file;
  if (f < 0 || f >= static_cast<int>(files_.size()) || files_[f]->ast == nullptr) return n->pos;
  const syn::File& file = *files_[f]->ast;
  if (n->end < n->begin || n->begin >= files_[f]->source.size() + 1) return n->pos;
  return syn::PosOf(file, n->begin);
}

void Checker::ErrorAt(syn::Pos pos, std::string msg, bool soft) {
  // types2 reports only the first of follow-on errors mentioning invalid operands; we
  // suppress messages that mention "invalid type" (they follow an earlier error).
  if (msg.find("invalid type") != std::string::npos && err_count_ > 0) return;
  err_count_++;
  errors_->push_back(TypeError{env_.file, pos, std::move(msg), soft});
}

std::string Checker::TS(Type* t) {
  if (t == nullptr) return "<nil>";
  return TypeString(t, [this](const Package* p) -> std::string {
    if (p == pkg_) return "";
    return p->name();
  });
}

bool Checker::StackOk(const syn::Node* at) {
  if (base::StackAvailable()) return true;
  if (!stack_error_reported_) {
    stack_error_reported_ = true;
    Error(at, "nested too deeply: heapmap's thread stack is used up here");
  }
  return false;
}

std::string Checker::ExprStr(const syn::Expr* e) {
  if (e == nullptr) return "";
  int f = env_.file;
  if (f < 0 || f >= static_cast<int>(files_.size())) return "?";
  // Only the prefix that is printed is copied: this runs for every call's arguments, and a
  // chain of n calls must not cost n^2.
  std::string_view text = syn::Text(files_[f]->source, *e);
  const bool cut = text.size() > 120;
  std::string s(text.substr(0, cut ? 117 : text.size()));
  // Collapse newlines so messages stay on one line.
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\t', ' ');
  if (cut) s += "...";
  return s;
}

std::string OperandModeString(Mode m) {
  switch (m) {
    case Mode::kInvalid: return "invalid operand";
    case Mode::kNoValue: return "no value";
    case Mode::kBuiltin: return "built-in";
    case Mode::kTypeExpr: return "type";
    case Mode::kConstant: return "constant";
    case Mode::kVariable: return "variable";
    case Mode::kMapIndex: return "map index expression";
    case Mode::kValue: return "value";
    case Mode::kNil: return "nil";
    case Mode::kCommaOk: return "comma, ok expression";
    case Mode::kCommaErr: return "comma, error expression";
  }
  return "?";
}

// types2 operandString.
std::string Checker::OS(const Operand& x) {
  if (x.mode == Mode::kNil) return "nil";
  std::string buf;
  std::string expr;
  if (x.expr != nullptr) {
    expr = ExprStr(x.expr);
  } else {
    switch (x.mode) {
      case Mode::kBuiltin: expr = std::string(GetBuiltinInfo(x.id).name); break;
      case Mode::kTypeExpr: expr = TS(x.type); break;
      case Mode::kConstant: expr = x.val.String(); break;
      default: break;
    }
  }
  if (!expr.empty()) {
    buf = expr;
    buf += " (";
  }
  bool has_type = false;
  switch (x.mode) {
    case Mode::kInvalid:
    case Mode::kNoValue:
    case Mode::kBuiltin:
    case Mode::kTypeExpr:
      break;
    default:
      if (x.type != nullptr) {
        if (IsUntyped(x.type)) {
          buf += AsBasic(x.type)->name();
          buf += " ";
          break;
        }
        has_type = true;
      }
  }
  buf += OperandModeString(x.mode);
  if (x.mode == Mode::kConstant) {
    std::string s = x.val.String();
    if (s != expr) {
      buf += " ";
      buf += s;
    }
  }
  if (has_type) {
    if (x.type != Invalid()) {
      std::string intro = " of type ";
      if (auto* tp = DynCast<TypeParam>(x.type)) {
        intro = " of type parameter type ";
        (void)tp;
      }
      buf += intro + TS(x.type);
    } else {
      buf += " with invalid type";
    }
  }
  if (!expr.empty()) buf += ")";
  return buf;
}

std::string Checker::ObjStr(Object* obj) {
  return ObjectString(obj, [this](const Package* p) -> std::string {
    if (p == pkg_) return "";
    return p->name();
  });
}

void Checker::InvalidOp(const Operand& x, std::string msg) {
  Error(x.expr, Cat("invalid operation: ", msg));
}

// ----------------------------------------------------------------------------
// Recording.

void Checker::RecordTypeAndValue(syn::Expr* x, Mode mode, Type* type, const constant::Value& val) {
  if (x == nullptr || mode == Mode::kInvalid) return;
  if (!config_.record_types) return;
  TypeAndValue& tv = info_->types[x];
  tv.mode = mode;
  tv.type = type;
  tv.value = mode == Mode::kConstant ? val : constant::Value();
}

void Checker::RecordBuiltinType(syn::Expr* f, Signature* sig) {
  // f must be a (possibly parenthesized, possibly qualified) identifier denoting a
  // built-in; record the signature for f and possible children.
  for (;;) {
    RecordTypeAndValue(f, Mode::kBuiltin, sig, constant::Value());
    if (auto* p = syn::DynCast<syn::ParenExpr>(f)) {
      f = p->x;
      continue;
    }
    return;  // a Name or a qualified identifier (pkg.f): its sel is not recorded
  }
}

void Checker::RecordCommaOkTypes(syn::Expr* x, Type* t0, Type* t1) {
  if (x == nullptr || t0 == nullptr || t1 == nullptr) return;
  if (t0 == Invalid() || t1 == Invalid()) return;
  std::vector<Var*> vars = {New<Var>(VarKind::kLocal, x->pos, nullptr, "", t0),
                            New<Var>(VarKind::kLocal, x->pos, nullptr, "", t1)};
  Tuple* t = New<Tuple>(std::move(vars));
  for (;;) {
    auto it = info_->types.find(x);
    if (it == info_->types.end()) break;
    it->second.type = t;
    auto* p = syn::DynCast<syn::ParenExpr>(x);
    if (p == nullptr) break;
    x = p->x;
  }
}

void Checker::RecordDef(syn::Name* id, Object* obj) {
  if (id != nullptr) info_->defs[id] = obj;
}

void Checker::RecordUse(syn::Name* id, Object* obj) {
  if (id != nullptr && obj != nullptr) info_->uses[id] = obj;
}

void Checker::RecordImplicit(const syn::Node* n, Object* obj) {
  if (n != nullptr && obj != nullptr) info_->implicits[n] = obj;
}

void Checker::RecordSelection(syn::SelectorExpr* x, SelectionInfo sel) {
  RecordUse(x->sel, sel.obj);
  info_->selections[x] = std::move(sel);
}

void Checker::RecordScope(const syn::Node* n, Scope* s) {
  if (n != nullptr && s != nullptr) info_->scopes[n] = s;
}

void Checker::RecordInstance(syn::Expr* x, const std::vector<Type*>& targs, Type* typ) {
  // x is the Name (possibly qualified, possibly indexed) of the instantiated object.
  for (;;) {
    x = syn::Unparen(x);
    if (auto* ix = syn::DynCast<syn::IndexExpr>(x)) {
      x = ix->x;
      continue;
    }
    break;
  }
  syn::Name* id = nullptr;
  if (auto* n = syn::DynCast<syn::Name>(x)) id = n;
  if (auto* s = syn::DynCast<syn::SelectorExpr>(x)) id = s->sel;
  if (id == nullptr) return;
  info_->instances[id] = InstanceInfo{targs, typ};
}

void Checker::RecordConversion(syn::Expr* x, Type* from, Type* to, ConvContext ctx) {
  if (x == nullptr || from == nullptr || to == nullptr) return;
  info_->conversions.push_back(InterfaceConversion{x, from, to, ctx});
}

void Checker::RememberUntyped(syn::Expr* e, bool lhs, Mode mode, Basic* typ,
                              const constant::Value& val) {
  ExprInfo& info = untyped_[e];
  info.is_lhs = lhs;
  info.mode = mode;
  info.type = typ;
  info.val = val;
}

void Checker::RecordUntyped() {
  for (auto& [x, info] : untyped_) {
    RecordTypeAndValue(const_cast<syn::Expr*>(x), info.mode, info.type, info.val);
  }
  untyped_.clear();
}

void Checker::ProcessDelayed(size_t top) {
  // Actions may add more actions; process them all in order.
  for (size_t i = top; i < delayed_.size(); ++i) {
    std::function<void()> f = std::move(delayed_[i]);
    Environment saved = env_;
    f();
    env_ = saved;
  }
  delayed_.resize(top);
}

Object* Checker::LookupName(std::string_view name) {
  Scope* s = env_.scope;
  if (s == nullptr) return nullptr;
  auto [scope, obj] = s->LookupParent(name, env_.pos);
  (void)scope;
  return obj;
}

// ----------------------------------------------------------------------------
// Entry points.

void CheckPackage(const CheckConfig& config, Package* pkg,
                  const std::vector<const syntax::ParsedFile*>& files, Info* info,
                  std::vector<TypeError>* errors) {
  Checker c(config, pkg, files, info, errors);
  c.CheckFiles();
}

std::string FormatTypeError(const std::vector<const syntax::ParsedFile*>& files,
                            const TypeError& e) {
  std::string file = "?";
  if (e.file >= 0 && e.file < static_cast<int>(files.size())) file = files[e.file]->filename;
  if (!e.pos.IsKnown()) return Cat(file, ": ", e.message);
  return Cat(file, ":", e.pos.line, ":", e.pos.col, ": ", e.message);
}

}  // namespace heapmap::types
