// frontend/types/decl.cc — declarations: objDecl with cycle detection, const/var/type/func declarations, local declarations (types2 decl.go).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "frontend/types/checker_impl.h"

namespace heapmap::types {

namespace {
constexpr uint32_t kWhite = 0;
constexpr uint32_t kBlack = 1;
constexpr uint32_t kGrey = 2;
}  // namespace

void Checker::ObjDecl(Object* obj, Named* def) {
  // Objects of other packages are complete (and shared between threads: never touch them).
  if (obj->pkg() != pkg_ || obj->kind() == ObjectKind::kPkgName) return;
  if (obj->color() == kWhite && obj->type() != nullptr) {
    obj->set_color(kBlack);
    return;
  }
  if (obj->color() == kBlack) return;
  if (obj->color() >= kGrey) {
    switch (obj->kind()) {
      case ObjectKind::kConst:
      case ObjectKind::kVar:
        if (!ValidCycle(obj) || obj->type() == nullptr) obj->set_type(Invalid());
        break;
      case ObjectKind::kTypeName:
        if (!ValidCycle(obj)) obj->set_type(Invalid());
        break;
      case ObjectKind::kFunc:
        ValidCycle(obj);
        break;
      default:
        break;
    }
    if (obj->type() == nullptr) obj->set_type(Invalid());
    return;
  }

  auto it = obj_map_.find(obj);
  if (it == obj_map_.end()) {
    // A local object declared elsewhere; nothing to do.
    if (obj->type() == nullptr) obj->set_type(Invalid());
    return;
  }
  DeclInfo* d = it->second;

  obj_path_.push_back(obj);
  obj->set_color(kGrey + static_cast<uint32_t>(obj_path_.size() - 1));

  Environment saved = env_;
  env_ = Environment{};
  env_.scope = d->file_scope;
  env_.file = d->file;

  switch (obj->kind()) {
    case ObjectKind::kConst:
      env_.decl = d;
      env_.has_iota = true;
      env_.iota = constant::MakeInt64(d->iota);
      ConstDecl(static_cast<Const*>(obj), d->vtyp, d->init, d->inherited);
      break;
    case ObjectKind::kVar:
      env_.decl = d;
      VarDecl(static_cast<Var*>(obj), d->lhs, d->vtyp, d->init);
      break;
    case ObjectKind::kTypeName:
      TypeDecl(static_cast<TypeName*>(obj), d->tdecl, def);
      CollectMethods(static_cast<TypeName*>(obj));
      break;
    case ObjectKind::kFunc:
      FuncDecl(static_cast<Func*>(obj), d);
      break;
    default:
      break;
  }
  env_ = saved;
  obj_path_.pop_back();
  obj->set_color(kBlack);
  if (obj->type() == nullptr) obj->set_type(Invalid());
}

bool Checker::ValidCycle(Object* obj) {
  size_t start = obj->color() - kGrey;
  if (start >= obj_path_.size()) return true;
  std::vector<Object*> cycle(obj_path_.begin() + start, obj_path_.end());
  int nval = 0, ndef = 0;
  bool tpar_cycle = false;
  for (Object* o : cycle) {
    switch (o->kind()) {
      case ObjectKind::kConst:
      case ObjectKind::kVar:
        nval++;
        break;
      case ObjectKind::kTypeName: {
        if (env_.in_tparam_list && o->type() != nullptr && IsGeneric(o->type())) {
          tpar_cycle = true;
          break;
        }
        bool alias;
        auto it = obj_map_.find(o);
        if (it != obj_map_.end() && it->second->tdecl != nullptr) {
          alias = it->second->tdecl->alias;
        } else {
          alias = static_cast<TypeName*>(o)->IsAlias();
        }
        if (!alias) ndef++;
        break;
      }
      default:
        break;
    }
    if (tpar_cycle) break;
  }
  if (!tpar_cycle) {
    if (nval == static_cast<int>(cycle.size())) return true;
    if (nval == 0 && ndef > 0) return true;
  }
  CycleError(cycle);
  return false;
}

void Checker::CycleError(const std::vector<Object*>& cycle) {
  // Report at the object that appears first in the source (types2 firstInSrc).
  size_t i = 0;
  for (size_t j = 1; j < cycle.size(); ++j) {
    if (cycle[j]->file() < cycle[i]->file() ||
        (cycle[j]->file() == cycle[i]->file() && cycle[j]->pos() < cycle[i]->pos())) {
      i = j;
    }
  }
  Object* obj = cycle[i];
  Environment saved = env_;
  env_.file = obj->file();
  if (Isa<TypeName>(obj) && cycle.size() == 1) {
    ErrorAt(obj->pos(), Cat("invalid recursive type: ", obj->name(), " refers to itself"));
  } else if (Isa<TypeName>(obj)) {
    ErrorAt(obj->pos(), Cat("invalid recursive type ", obj->name()));
  } else {
    ErrorAt(obj->pos(), Cat("invalid cycle in declaration of ", obj->name()));
  }
  env_ = saved;
}

void Checker::ConstDecl(Const* obj, syn::Expr* typ, syn::Expr* init, bool inherited) {
  Object* saved_errpos = env_.errpos;
  env_.errpos = nullptr;
  obj->set_val(constant::MakeUnknown());
  if (typ != nullptr) {
    Type* t = Typ(typ);
    if (!IsConstType(t)) {
      if (Under(t) != Invalid()) Error(typ, Cat("invalid constant type ", TS(t)));
      obj->set_type(Invalid());
      env_.errpos = saved_errpos;
      return;
    }
    obj->set_type(t);
  }
  Operand x;
  if (init != nullptr) {
    if (inherited) env_.errpos = obj;
    Expr(&x, init);
  }
  InitConst(obj, &x);
  env_.errpos = saved_errpos;
}

void Checker::VarDecl(Var* obj, const std::vector<Var*>& lhs, syn::Expr* typ, syn::Expr* init) {
  if (typ != nullptr) obj->set_type(VarType(typ));
  if (init == nullptr) {
    if (typ == nullptr) obj->set_type(Invalid());
    return;
  }
  if (lhs.size() <= 1) {
    Operand x;
    Expr(&x, init);
    InitVar(obj, &x, "variable declaration");
    return;
  }
  if (typ != nullptr) {
    for (Var* v : lhs) v->set_type(obj->type());
  }
  InitVars(lhs, {init}, nullptr);
}

void Checker::TypeDecl(TypeName* obj, syn::TypeSpec* tdecl, Named* def) {
  bool alias = tdecl->alias;
  if (alias && !tdecl->tparams.empty()) {
    Error(tdecl, "generic type cannot be alias");
    alias = false;
  }
  if (alias) {
    obj->set_type(Invalid());  // guard against cycles (types2 brokenAlias)
    Type* rhs = VarType(tdecl->type);
    obj->set_type(rhs);
    return;
  }
  auto* named = New<Named>(obj, nullptr, std::vector<Func*>{});
  if (obj->type() != named) obj->set_type(named);
  if (def != nullptr) def->SetUnderlying(named);
  named_types_.push_back(named);
  if (!tdecl->tparams.empty()) {
    OpenScope(tdecl, "type parameters");
    std::vector<TypeParam*> tparams;
    CollectTypeParams(&tparams, tdecl->tparams);
    named->SetTypeParams(tparams);
    // types2 bindTParams happened earlier; constraints may refer to the type.
    Type* rhs = DefinedType(tdecl->type, named);
    named->set_from_rhs(rhs);
    CloseScope();
  } else {
    Type* rhs = DefinedType(tdecl->type, named);
    named->set_from_rhs(rhs);
  }
  if (named->underlying_raw() == nullptr) named->SetUnderlying(Invalid());
  if (IsTypeParam(named->from_rhs())) {
    Error(tdecl->type, "cannot use a type parameter as RHS in type declaration");
    named->SetUnderlying(Invalid());
  }
  // Flatten chains of named types (type A B) once everything is declared, and check
  // that the type is finite (types2 validType).
  Later([this, named] {
    Type* u = named->underlying_raw();
    if (u != nullptr && Isa<Named>(u)) named->SetUnderlying(Under(u));
    ValidType(named);
  });
}

TypeParam* Checker::DeclareTypeParam(syn::Name* name) {
  auto* tname = New<TypeName>(name->pos, pkg_, std::string(name->value), nullptr);
  auto* tpar = New<TypeParam>(tname, Invalid());
  Declare(env_.scope, name, tname, env_.scope->pos());
  return tpar;
}

Type* Checker::BoundType(syn::Expr* x) {
  syn::Expr* ux = x;
  bool is_union = false;
  if (auto* u = syn::DynCast<syn::UnaryExpr>(ux); u != nullptr && u->op == syn::Operator::kTilde) {
    is_union = true;
  }
  if (auto* b = syn::DynCast<syn::BinaryExpr>(ux); b != nullptr && b->op == syn::Operator::kOr) {
    is_union = true;
  }
  if (is_union) {
    Type* u = UnionType(x);
    if (u == Invalid()) return u;
    auto* ityp = New<Interface>(std::vector<Func*>{}, std::vector<Type*>{u});
    ityp->MarkImplicit();
    Later([ityp] { ComputeInterfaceTypeSet(ityp, syn::Pos{}); });
    return ityp;
  }
  return Typ(x);
}

void Checker::CollectTypeParams(std::vector<TypeParam*>* dst, const syn::Span<syn::Field*>& list) {
  std::vector<TypeParam*> tparams;
  for (syn::Field* f : list) {
    if (f->name == nullptr) continue;
    tparams.push_back(DeclareTypeParam(f->name));
  }
  for (size_t i = 0; i < tparams.size(); ++i) tparams[i]->set_index(static_cast<int>(i));
  *dst = tparams;
  bool saved = env_.in_tparam_list;
  env_.in_tparam_list = true;
  Type* bound = nullptr;
  size_t j = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    syn::Field* f = list[i];
    if (f->name == nullptr) continue;
    if (i == 0 || f->type != list[i - 1]->type || bound == nullptr) {
      bound = f->type != nullptr ? BoundType(f->type) : Invalid();
      if (IsTypeParam(bound)) {
        Error(f->type, "cannot use a type parameter as constraint");
        bound = Invalid();
      }
    }
    tparams[j++]->SetConstraint(bound);
  }
  env_.in_tparam_list = saved;
  // A non-interface constraint (e.g. [T int]) is wrapped in an implicit interface now,
  // while we own the package (TypeParam::Iface must not do it lazily; see type.h).
  Later([this, tparams] {
    for (TypeParam* tp : tparams) {
      Type* b = tp->constraint();
      if (b == nullptr || b == Invalid()) continue;
      if (!Isa<Interface>(Under(b)) && Under(b) != Invalid()) {
        auto* ityp = New<Interface>(std::vector<Func*>{}, std::vector<Type*>{b});
        ityp->MarkImplicit();
        ComputeInterfaceTypeSet(ityp, syn::Pos{});
        tp->SetConstraint(ityp);
      }
    }
  });
}

void Checker::CollectMethods(TypeName* obj) {
  auto it = methods_.find(obj);
  if (it == methods_.end()) return;
  std::vector<Func*> methods = std::move(it->second);
  methods_.erase(it);
  auto* base = DynCast<Named>(obj->type());
  absl::flat_hash_map<std::string, Func*> mset;
  if (base != nullptr) {
    Later([this, base, obj] {
      auto* s = DynCast<Struct>(Under(base));
      if (s == nullptr) return;
      absl::flat_hash_set<std::string> fields;
      for (Var* f : s->fields()) {
        if (!IsBlank(f->name())) fields.insert(f->Id());
      }
      for (int i = 0; i < base->NumMethods(); ++i) {
        Func* m = base->Method(i);
        if (fields.contains(m->Id())) {
          Environment saved = env_;
          env_.file = m->file();
          ErrorAt(m->pos(), Cat("field and method with the same name ", m->name()));
          env_ = saved;
        }
      }
      (void)obj;
    });
    for (int i = 0; i < base->NumMethods(); ++i) mset[base->Method(i)->Id()] = base->Method(i);
  }
  for (Func* m : methods) {
    std::string id = m->Id();
    if (mset.contains(id)) {
      Environment saved = env_;
      env_.file = m->file();
      ErrorAt(m->pos(), Cat("method ", obj->name(), ".", m->name(), " already declared"));
      env_ = saved;
      continue;
    }
    mset[id] = m;
    if (base != nullptr) base->AddMethod(m);
  }
}

void Checker::FuncDecl(Func* obj, DeclInfo* decl) {
  auto* sig = New<Signature>(nullptr, nullptr, nullptr, false);
  obj->set_type(sig);
  uint32_t saved = obj->color();
  obj->set_color(kBlack);
  syn::FuncDecl* fdecl = decl->fdecl;
  FuncType(sig, fdecl->recv, fdecl->tparams, fdecl->type);
  obj->set_color(saved);
  if (!fdecl->tparams.empty() && fdecl->body == nullptr) {
    SoftError(fdecl, "parameterized function is missing function body");
  }
  if (!config_.ignore_func_bodies && fdecl->body != nullptr) {
    Later([this, decl, obj, sig, fdecl] {
      env_ = Environment{};
      env_.file = decl->file;
      FuncBody(decl, obj->name(), sig, fdecl->body, nullptr);
    });
  }
}

void Checker::DeclStmt(syn::GenDecl* gd) {
  syn::ValueSpec* last = nullptr;
  for (syn::Spec* spec : gd->specs) {
    switch (spec->kind) {
      case syn::NodeKind::kValueSpec: {
        auto* s = static_cast<syn::ValueSpec*>(spec);
        size_t top = delayed_.size();
        if (gd->tok == syn::Token::kConst) {
          syn::Expr* typ = s->type;
          syn::Span<syn::Expr*> values = s->values;
          bool inherited = false;
          if (typ != nullptr || !values.empty()) {
            last = s;
          } else if (last != nullptr) {
            typ = last->type;
            values = last->values;
            inherited = true;
          }
          std::vector<Const*> lhs;
          bool saved_has = env_.has_iota;
          constant::Value saved_iota = env_.iota;
          env_.has_iota = true;
          env_.iota = constant::MakeInt64(s->iota);
          for (uint32_t i = 0; i < s->names.size(); ++i) {
            syn::Name* name = s->names[i];
            auto* obj = New<Const>(name->pos, pkg_, std::string(name->value), nullptr,
                                   constant::Value());
            obj->set_file(env_.file);
            lhs.push_back(obj);
            ConstDecl(obj, typ, i < values.size() ? values[i] : nullptr, inherited);
          }
          env_.has_iota = saved_has;
          env_.iota = saved_iota;
          if (values.size() > s->names.size()) {
            Error(values[s->names.size()], "extra init expr");
          } else if (values.size() < s->names.size()) {
            Error(s->names[values.size()], "missing init expr for const declaration");
          }
          ProcessDelayed(top);
          for (uint32_t i = 0; i < s->names.size(); ++i) {
            Declare(env_.scope, s->names[i], lhs[i], s->pos);
          }
        } else {
          std::vector<Var*> lhs0;
          for (syn::Name* name : s->names) {
            auto* v = New<Var>(VarKind::kLocal, name->pos, pkg_, std::string(name->value), nullptr);
            v->set_file(env_.file);
            lhs0.push_back(v);
          }
          size_t nv = s->values.size();
          for (size_t i = 0; i < lhs0.size(); ++i) {
            std::vector<Var*> lhs;
            syn::Expr* init = nullptr;
            if (nv == lhs0.size()) {
              init = s->values[i];
            } else if (nv == 1) {
              lhs = lhs0;
              init = s->values[0];
            } else if (i < nv) {
              init = s->values[i];
            }
            VarDecl(lhs0[i], lhs, s->type, init);
            if (nv == 1) break;
          }
          if (nv == 1 && lhs0.size() > 1) {
            for (Var* v : lhs0) {
              if (v->type() == nullptr) v->set_type(Invalid());
            }
          }
          if (s->type == nullptr || nv > 0) {
            if (nv > 1 && nv != lhs0.size()) {
              if (nv > lhs0.size()) {
                Error(s->values[lhs0.size()], "extra init expr");
              } else {
                Error(s->names[nv], "missing init expr for variable declaration");
              }
            }
          }
          ProcessDelayed(top);
          for (size_t i = 0; i < lhs0.size(); ++i) {
            Declare(env_.scope, s->names[i], lhs0[i], s->pos);
          }
        }
        break;
      }
      case syn::NodeKind::kTypeSpec: {
        auto* s = static_cast<syn::TypeSpec*>(spec);
        if (s->name == nullptr) break;
        auto* obj = New<TypeName>(s->name->pos, pkg_, std::string(s->name->value), nullptr);
        obj->set_file(env_.file);
        Declare(env_.scope, s->name, obj, s->name->pos);
        obj_path_.push_back(obj);
        obj->set_color(kGrey + static_cast<uint32_t>(obj_path_.size() - 1));
        TypeDecl(obj, s, nullptr);
        obj_path_.pop_back();
        obj->set_color(kBlack);
        if (obj->type() == nullptr) obj->set_type(Invalid());
        break;
      }
      default:
        break;
    }
  }
}

}  // namespace heapmap::types
