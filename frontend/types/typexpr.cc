// frontend/types/typexpr.cc — identifiers and type expressions: signatures, structs, interfaces, unions, instantiated types (types2 typexpr.go, signature.go, struct.go, interface.go, union.go, validtype.go).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "frontend/types/checker_impl.h"

namespace heapmap::types {

void Checker::Ident(Operand* x, syn::Name* e, Named* def, bool want_type) {
  x->mode = Mode::kInvalid;
  x->expr = e;
  x->type = Invalid();
  Scope* scope = nullptr;
  Object* obj = nullptr;
  if (env_.scope != nullptr) std::tie(scope, obj) = env_.scope->LookupParent(e->value, env_.pos);
  if (obj == nullptr) {
    if (e->value == "_") {
      if (auto it = recv_tparam_map_.find(e); it != recv_tparam_map_.end()) {
        x->mode = Mode::kTypeExpr;
        x->type = it->second;
        return;
      }
      Error(e, "cannot use _ as value or type");
    } else {
      Error(e, Cat("undefined: ", e->value));
    }
    return;
  }
  RecordUse(e, obj);
  Type* typ = obj->type();
  if (typ == nullptr || (Isa<TypeName>(obj) && want_type)) {
    ObjDecl(obj, def);
    typ = obj->type();
  }
  if (typ == nullptr) typ = Invalid();

  // Mark a dot-import as used.
  if (scope != nullptr && obj->pkg() != pkg_ && !Isa<PkgName>(obj)) {
    if (auto it = dot_imports_.find(scope); it != dot_imports_.end()) {
      for (PkgName* pn : it->second) {
        if (pn->imported() == obj->pkg()) pn->set_used(true);
      }
    }
  }

  switch (obj->kind()) {
    case ObjectKind::kPkgName:
      Error(e, Cat("use of package ", obj->name(), " not in selector"));
      return;
    case ObjectKind::kConst: {
      if (typ == Invalid()) return;
      if (obj == UniverseIota()) {
        if (!env_.has_iota) {
          Error(e, "cannot use iota outside constant declaration");
          return;
        }
        x->val = env_.iota;
      } else {
        x->val = static_cast<Const*>(obj)->val();
      }
      x->mode = Mode::kConstant;
      break;
    }
    case ObjectKind::kTypeName:
      x->mode = Mode::kTypeExpr;
      break;
    case ObjectKind::kVar: {
      auto* v = static_cast<Var*>(obj);
      if (v->pkg() == pkg_) v->set_used(true);
      if (typ == Invalid()) return;
      x->mode = Mode::kVariable;
      break;
    }
    case ObjectKind::kFunc:
      x->mode = Mode::kValue;
      break;
    case ObjectKind::kBuiltin:
      x->id = static_cast<types::Builtin*>(obj)->id();
      x->mode = Mode::kBuiltin;
      break;
    case ObjectKind::kNil:
      x->mode = Mode::kNil;
      break;
    default:
      return;
  }
  x->type = typ;
}

Type* Checker::VarType(syn::Expr* e) {
  Type* typ = DefinedType(e, nullptr);
  ValidVarType(e, typ);
  return typ;
}

bool Checker::ValidVarType(syn::Expr* e, Type* typ) {
  if (IsTypeParam(typ)) return true;
  int file = env_.file;
  Later([this, e, typ, file] {
    env_.file = file;
    if (auto* t = DynCast<Interface>(Under(typ))) {
      const TypeSet* ts = ComputeInterfaceTypeSet(t, StartPos(e));
      if (!ts->IsMethodSet()) {
        if (ts->comparable()) {
          SoftError(e, Cat("cannot use type ", TS(typ),
                                    " outside a type constraint: interface is (or embeds) comparable"));
        } else {
          SoftError(e, Cat("cannot use type ", TS(typ),
                                    " outside a type constraint: interface contains type constraints"));
        }
      }
    }
  });
  return true;
}

Type* Checker::DefinedType(syn::Expr* e, Named* def) {
  Type* typ = TypInternal(e, def);
  if (IsGeneric(typ)) {
    Error(e, Cat("cannot use generic type ", TS(typ), " without instantiation"));
    typ = Invalid();
  }
  RecordTypeAndValue(e, Mode::kTypeExpr, typ, constant::Value());
  return typ;
}

Type* Checker::GenericType(syn::Expr* e, bool report_err) {
  Type* typ = TypInternal(e, nullptr);
  if (typ != Invalid() && !IsGeneric(typ)) {
    if (report_err) Error(e, Cat(TS(typ), " is not a generic type"));
    typ = Invalid();
  }
  RecordTypeAndValue(e, Mode::kTypeExpr, typ, constant::Value());
  return typ;
}

namespace {
void SetDef(Named* def, Type* t) {
  if (def != nullptr) def->SetUnderlying(t);
}
}  // namespace

Type* Checker::TypInternal(syn::Expr* e0, Named* def) {
  if (!StackOk(e0)) return Invalid();
  switch (e0->kind) {
    case syn::NodeKind::kBadExpr:
      break;
    case syn::NodeKind::kName:
    case syn::NodeKind::kSelectorExpr: {
      Operand x;
      if (e0->kind == syn::NodeKind::kName) {
        Ident(&x, static_cast<syn::Name*>(e0), def, true);
      } else {
        Selector(&x, static_cast<syn::SelectorExpr*>(e0), def, true);
      }
      switch (x.mode) {
        case Mode::kTypeExpr:
          SetDef(def, x.type);
          return x.type;
        case Mode::kInvalid:
          break;
        case Mode::kNoValue:
          Error(e0, Cat(OS(x), " used as type"));
          break;
        default:
          Error(e0, Cat(OS(x), " is not a type"));
          break;
      }
      break;
    }
    case syn::NodeKind::kIndexExpr: {
      auto* e = static_cast<syn::IndexExpr*>(e0);
      return InstantiatedType(e->x, e->indices, def);
    }
    case syn::NodeKind::kParenExpr:
      return DefinedType(static_cast<syn::ParenExpr*>(e0)->x, def);
    case syn::NodeKind::kArrayType: {
      auto* e = static_cast<syn::ArrayType*>(e0);
      int64_t len = -1;
      if (e->len != nullptr) {
        len = ArrayLength(e->len);
      } else {
        Error(e, "invalid use of [...] array (outside a composite literal)");
      }
      Type* elem = e->elem != nullptr ? VarType(e->elem) : Invalid();
      auto* typ = New<Array>(elem, len);
      SetDef(def, typ);
      if (len >= 0) return typ;
      break;
    }
    case syn::NodeKind::kSliceType: {
      auto* e = static_cast<syn::SliceType*>(e0);
      auto* typ = New<Slice>(e->elem != nullptr ? VarType(e->elem) : Invalid());
      SetDef(def, typ);
      return typ;
    }
    case syn::NodeKind::kDotsType: {
      Error(e0, "invalid use of ...");
      break;
    }
    case syn::NodeKind::kStructType: {
      Type* t = StructType(static_cast<syn::StructType*>(e0));
      SetDef(def, t);
      return t;
    }
    case syn::NodeKind::kUnaryExpr: {
      auto* e = static_cast<syn::UnaryExpr*>(e0);
      if (e->op == syn::Operator::kMul) {
        Type* base = VarType(e->x);
        if (base == Invalid()) break;
        auto* typ = New<Pointer>(base);
        SetDef(def, typ);
        return typ;
      }
      Error(e0, Cat(ExprStr(e0), " is not a type"));
      break;
    }
    case syn::NodeKind::kFuncType: {
      auto* typ = New<Signature>(nullptr, nullptr, nullptr, false);
      SetDef(def, typ);
      FuncType(typ, nullptr, {}, static_cast<syn::FuncType*>(e0));
      return typ;
    }
    case syn::NodeKind::kInterfaceType: {
      auto* typ = New<Interface>(std::vector<Func*>{}, std::vector<Type*>{});
      SetDef(def, typ);
      return InterfaceType(typ, static_cast<syn::InterfaceType*>(e0), def);
    }
    case syn::NodeKind::kMapType: {
      auto* e = static_cast<syn::MapType*>(e0);
      Type* key = e->key != nullptr ? VarType(e->key) : Invalid();
      Type* elem = e->value != nullptr ? VarType(e->value) : Invalid();
      auto* typ = New<Map>(key, elem);
      SetDef(def, typ);
      int file = env_.file;
      Later([this, key, e, file] {
        env_.file = file;
        if (!Comparable(key)) {
          std::string why = IsTypeParam(key) ? " (missing comparable constraint)" : "";
          if (Under(key) != Invalid()) {
            Error(e->key, Cat("invalid map key type ", TS(key), why));
          }
        }
      });
      return typ;
    }
    case syn::NodeKind::kChanType: {
      auto* e = static_cast<syn::ChanType*>(e0);
      ChanDir dir = ChanDir::kSendRecv;
      if (e->dir == syn::ChanDir::kSendOnly) dir = ChanDir::kSendOnly;
      if (e->dir == syn::ChanDir::kRecvOnly) dir = ChanDir::kRecvOnly;
      auto* typ = New<Chan>(dir, e->elem != nullptr ? VarType(e->elem) : Invalid());
      SetDef(def, typ);
      return typ;
    }
    default:
      Error(e0, Cat(ExprStr(e0), " is not a type"));
      break;
  }
  Type* typ = Invalid();
  SetDef(def, typ);
  return typ;
}

Type* Checker::InstantiatedType(syn::Expr* x, const syn::Span<syn::Expr*>& xlist, Named* def) {
  Type* gtyp = GenericType(x, true);
  if (gtyp == Invalid()) return gtyp;
  auto* orig = DynCast<Named>(gtyp);
  if (orig == nullptr) return Invalid();
  std::vector<Type*> targs = TypeList(xlist);
  if (targs.empty()) {
    SetDef(def, Invalid());
    return Invalid();
  }
  if (targs.size() != orig->type_params().size()) {
    Error(x, Cat(targs.size() < orig->type_params().size() ? "not enough" : "too many",
                          " type arguments for type ", orig->obj()->name(), ": have ",
                          targs.size(), ", want ", orig->type_params().size()));
    SetDef(def, Invalid());
    return Invalid();
  }
  Named* inst = InstantiateNamed(&arena(), ctxt_, orig, targs);
  SetDef(def, inst);
  int file = env_.file;
  Later([this, x, xlist, inst, orig, targs, file] {
    env_.file = file;
    RecordInstance(x, targs, inst);
    VerifyInstance(x, orig->type_params(), targs);
    (void)xlist;
  });
  return inst;
}

int64_t Checker::ArrayLength(syn::Expr* e) {
  if (auto* name = syn::DynCast<syn::Name>(e)) {
    Object* obj = LookupName(name->value);
    if (obj == nullptr) {
      Error(name, Cat("undefined array length ", name->value, " or missing type constraint"));
      return -1;
    }
    if (!Isa<Const>(obj)) {
      Error(name, Cat("invalid array length ", name->value));
      return -1;
    }
  }
  Operand x;
  Expr(&x, e);
  if (x.mode != Mode::kConstant) {
    if (x.mode != Mode::kInvalid) Error(e, Cat("array length ", OS(x), " must be constant"));
    return -1;
  }
  if (IsUntyped(x.type) || IsInteger(x.type)) {
    constant::Value v = constant::ToInt(x.val);
    if (v.kind() == constant::Kind::kInt) {
      if (RepresentableConst(v, BasicKind::kInt, WordSize(), nullptr)) {
        auto n = constant::Int64Val(v);
        if (n.exact && n.value >= 0) return n.value;
        Error(e, Cat("invalid array length ", OS(x)));
        return -1;
      }
    }
  }
  Error(e, Cat("array length ", OS(x), " must be integer"));
  return -1;
}

std::vector<Type*> Checker::TypeList(const syn::Span<syn::Expr*>& list) {
  std::vector<Type*> res;
  for (syn::Expr* x : list) {
    Type* t = VarType(x);
    if (t == Invalid()) return {};
    res.push_back(t);
  }
  return res;
}

namespace {
// Strips parens and '*' from a receiver type; returns the base and its type parameter
// names (types2 unpackRecv with unpackParams).
syn::Expr* UnpackRecvParams(syn::Expr* rtyp, std::vector<syn::Name*>* params) {
  for (;;) {
    rtyp = syn::Unparen(rtyp);
    if (auto* u = syn::DynCast<syn::UnaryExpr>(rtyp); u != nullptr && u->op == syn::Operator::kMul) {
      rtyp = u->x;
      continue;
    }
    break;
  }
  if (auto* ix = syn::DynCast<syn::IndexExpr>(rtyp)) {
    for (syn::Expr* a : ix->indices) {
      if (auto* n = syn::DynCast<syn::Name>(a)) params->push_back(n);
    }
    return syn::Unparen(ix->x);
  }
  return rtyp;
}
}  // namespace

void Checker::FuncType(Signature* sig, syn::Field* recv_par, const syn::Span<syn::Field*>& tparams,
                       syn::FuncType* ftyp) {
  OpenScope(ftyp, "function");
  env_.scope->set_is_func(true);
  RecordScope(ftyp, env_.scope);
  sig->set_scope(env_.scope);

  if (recv_par != nullptr && recv_par->type != nullptr) {
    std::vector<syn::Name*> rparams;
    syn::Expr* rname = UnpackRecvParams(recv_par->type, &rparams);
    if (!rparams.empty()) {
      std::vector<TypeParam*> tps;
      for (syn::Name* p : rparams) tps.push_back(DeclareTypeParam(p));
      for (size_t i = 0; i < tps.size(); ++i) tps[i]->set_index(static_cast<int>(i));
      for (size_t i = 0; i < rparams.size(); ++i) {
        if (rparams[i]->value == "_") recv_tparam_map_[rparams[i]] = tps[i];
      }
      sig->set_recv_type_params(tps);
      std::vector<TypeParam*> recv_tparams;
      if (rname != nullptr) {
        if (auto* recv = DynCast<Named>(GenericType(rname, false))) {
          recv_tparams = recv->type_params();
        }
      }
      if (tps.size() == recv_tparams.size()) {
        std::vector<Type*> targs(tps.begin(), tps.end());
        for (size_t i = 0; i < tps.size(); ++i) {
          Type* b = recv_tparams[i]->constraint();
          tps[i]->SetConstraint(b == nullptr ? nullptr : Subst(b, recv_tparams, targs));
        }
      } else if (tps.size() < recv_tparams.size()) {
        Error(recv_par, Cat("got ", tps.size(), " type parameter",
                                     tps.size() == 1 ? "" : "s", ", but receiver base type declares ",
                                     recv_tparams.size()));
      }
    }
  }
  if (!tparams.empty()) {
    std::vector<TypeParam*> tps;
    CollectTypeParams(&tps, tparams);
    sig->set_type_params(tps);
  }
  auto* scope = New<Scope>(env_.scope, syn::Pos{}, syn::Pos{}, "function body (temp. scope)");
  std::vector<Var*> recv_list;
  if (recv_par != nullptr) {
    syn::Field* fields[1] = {recv_par};
    recv_list = CollectParams(scope, syn::Span<syn::Field*>(fields, 1), false, VarKind::kRecv).first;
  }
  auto [params, variadic] = CollectParams(scope, ftyp->params, true, VarKind::kParam);
  auto results = CollectParams(scope, ftyp->results, false, VarKind::kResult).first;
  scope->Squash([this](Object* obj, Object* alt) {
    (void)alt;
    ErrorAt(obj->pos(), Cat(obj->name(), " redeclared in this block"));
  });
  if (recv_par != nullptr) {
    Var* recv = nullptr;
    if (recv_list.empty()) {
      recv = New<Var>(VarKind::kRecv, syn::Pos{}, nullptr, "", Invalid());
    } else {
      if (recv_list.size() > 1) ErrorAt(recv_list.back()->pos(), "method must have exactly one receiver");
      recv = recv_list[0];
    }
    sig->set_recv(recv);
    int file = env_.file;
    Later([this, recv, sig, file] {
      env_.file = file;
      Type* rtyp = Deref(recv->type()).first;
      if (rtyp == Invalid()) return;
      std::string err;
      if (auto* T = DynCast<Named>(rtyp)) {
        if (T->IsInstance() && sig->recv_type_params().empty()) {
          ErrorAt(recv->pos(), Cat("cannot define new methods on instantiated type ", TS(recv->type())));
          return;
        }
        if (T->obj()->pkg() != pkg_) {
          ErrorAt(recv->pos(), Cat("cannot define new methods on non-local type ", TS(rtyp)));
          return;
        }
        Type* u = Under(T);
        if (auto* b = DynCast<Basic>(u); b != nullptr && b->basic_kind() == BasicKind::kUnsafePointer) {
          err = "unsafe.Pointer";
        } else if (Isa<Pointer>(u) || Isa<Interface>(u)) {
          err = "pointer or interface type";
        }
      } else if (Isa<Basic>(rtyp)) {
        ErrorAt(recv->pos(), Cat("cannot define new methods on non-local type ", TS(rtyp)));
        return;
      } else {
        ErrorAt(recv->pos(), Cat("invalid receiver type ", TS(recv->type())));
        return;
      }
      if (!err.empty()) {
        ErrorAt(recv->pos(), Cat("invalid receiver type ", TS(recv->type()), " (", err, ")"));
      }
    });
  }
  sig->set_params(NewTuple(std::move(params)));
  sig->set_results(NewTuple(std::move(results)));
  sig->set_variadic(variadic);
  CloseScope();
}

std::pair<std::vector<Var*>, bool> Checker::CollectParams(Scope* scope,
                                                          const syn::Span<syn::Field*>& list,
                                                          bool variadic_ok, VarKind kind) {
  std::vector<Var*> params;
  bool variadic = false;
  Type* typ = nullptr;
  syn::Expr* prev = nullptr;
  for (uint32_t i = 0; i < list.size(); ++i) {
    syn::Field* field = list[i];
    syn::Expr* ftype = field->type;
    if (ftype != prev || typ == nullptr) {
      prev = ftype;
      if (auto* t = syn::DynCast<syn::DotsType>(ftype)) {
        ftype = t->elem;
        if (variadic_ok && i == list.size() - 1) {
          variadic = true;
        } else {
          SoftError(t, "can only use ... with final parameter in list");
        }
      }
      typ = ftype != nullptr ? VarType(ftype) : Invalid();
    }
    if (field->name != nullptr) {
      auto* par = New<Var>(kind, field->name->pos, pkg_, std::string(field->name->value), typ);
      Declare(scope, field->name, par, scope->pos());
      params.push_back(par);
    } else {
      auto* par = New<Var>(kind, field->pos, pkg_, "", typ);
      RecordImplicit(field, par);
      params.push_back(par);
    }
  }
  if (variadic && !params.empty()) {
    Var* last = params.back();
    last->set_type(New<Slice>(last->type()));
    RecordTypeAndValue(list[list.size() - 1]->type, Mode::kTypeExpr, last->type(), constant::Value());
  }
  return {params, variadic};
}

namespace {
syn::Name* EmbeddedFieldIdent(syn::Expr* e) {
  switch (e->kind) {
    case syn::NodeKind::kName:
      return static_cast<syn::Name*>(e);
    case syn::NodeKind::kUnaryExpr: {
      auto* u = static_cast<syn::UnaryExpr*>(e);
      if (u->op != syn::Operator::kMul) return nullptr;
      auto* inner = syn::DynCast<syn::UnaryExpr>(u->x);
      if (inner != nullptr && inner->op == syn::Operator::kMul) return nullptr;
      return EmbeddedFieldIdent(u->x);
    }
    case syn::NodeKind::kSelectorExpr:
      return static_cast<syn::SelectorExpr*>(e)->sel;
    case syn::NodeKind::kIndexExpr:
      return EmbeddedFieldIdent(static_cast<syn::IndexExpr*>(e)->x);
    default:
      return nullptr;
  }
}
}  // namespace

Type* Checker::StructType(syn::StructType* e) {
  std::vector<Var*> fields;
  std::vector<std::string> tags;
  bool have_tags = false;
  absl::flat_hash_set<std::string> fset;
  Type* typ = nullptr;
  syn::Expr* prev = nullptr;
  for (syn::Field* f : e->fields) {
    if (f->type != prev || typ == nullptr) {
      typ = f->type != nullptr ? VarType(f->type) : Invalid();
      prev = f->type;
    }
    std::string tag;
    if (f->tag != nullptr) {
      constant::Value v = constant::MakeFromLiteral(f->tag->value, constant::LiteralKind::kString);
      if (v.kind() == constant::Kind::kString) tag = constant::StringVal(v);
      have_tags = true;
    }
    syn::Name* ident = f->name;
    bool embedded = false;
    syn::Pos pos;
    if (ident != nullptr) {
      pos = ident->pos;
    } else {
      embedded = true;
      pos = f->type != nullptr ? f->type->pos : f->pos;
      ident = f->type != nullptr ? EmbeddedFieldIdent(f->type) : nullptr;
      if (ident == nullptr) {
        Error(f->type, Cat("invalid embedded field type ", ExprStr(f->type)));
        auto* fld = New<Var>(VarKind::kField, pos, pkg_, "_", Invalid(), true);
        fields.push_back(fld);
        tags.push_back("");
        continue;
      }
      pos = StartPos(f->type);  // go/types: an embedded field is declared at its type's start
      Type* et = typ;
      syn::Expr* ftype = f->type;
      int file = env_.file;
      Later([this, et, ftype, file] {
        env_.file = file;
        auto [t, is_ptr] = Deref(et);
        Type* u = Under(t);
        if (auto* b = DynCast<Basic>(u)) {
          if (t == Invalid()) return;
          if (b->basic_kind() == BasicKind::kUnsafePointer) {
            Error(ftype, "embedded field type cannot be unsafe.Pointer");
          }
        } else if (Isa<Pointer>(u)) {
          Error(ftype, "embedded field type cannot be a pointer");
        } else if (Isa<Interface>(u)) {
          if (IsTypeParam(t)) {
            Error(ftype, "embedded field type cannot be a (pointer to a) type parameter");
          } else if (is_ptr) {
            Error(ftype, "embedded field type cannot be a pointer to an interface");
          }
        }
      });
    }
    auto* fld = New<Var>(VarKind::kField, pos, pkg_, std::string(ident->value), typ, embedded);
    fld->set_file(env_.file);
    if (ident->value == "_" || fset.insert(fld->Id()).second) {
      fields.push_back(fld);
      tags.push_back(tag);
      RecordDef(ident, fld);
    } else {
      Error(ident, Cat(ident->value, " redeclared"));
    }
  }
  if (!have_tags) tags.clear();
  return New<Struct>(std::move(fields), std::move(tags));
}

Type* Checker::InterfaceType(Interface* ityp, syn::InterfaceType* iface, Named* def) {
  ityp->set_complete(false);
  for (syn::Field* f : iface->methods) {
    if (f->name == nullptr) {
      if (f->type == nullptr) continue;
      Type* t = UnionType(f->type);
      ityp->mutable_embeddeds().push_back(t);
      ityp->embed_pos().push_back(StartPos(f->type));
      continue;
    }
    std::string_view name = f->name->value;
    if (name == "_") {
      Error(f->name, "methods must have a unique non-blank name");
      continue;
    }
    Type* typ = f->type != nullptr ? Typ(f->type) : Invalid();
    auto* sig = DynCast<Signature>(typ);
    if (sig == nullptr) continue;
    Type* recv_typ = ityp;
    if (def != nullptr) recv_typ = def;
    sig->set_recv(New<Var>(VarKind::kRecv, f->name->pos, pkg_, "", recv_typ));
    auto* m = New<Func>(f->name->pos, pkg_, std::string(name), sig);
    m->set_file(env_.file);
    RecordDef(f->name, m);
    ityp->mutable_methods().push_back(m);
  }
  ityp->set_complete(true);
  if (ityp->explicit_methods().empty() && ityp->embeddeds().empty()) {
    ComputeInterfaceTypeSet(ityp, iface->pos);
    return ityp;
  }
  SortMethods(&ityp->mutable_methods());
  int file = env_.file;
  Later([this, ityp, iface, file] {
    env_.file = file;
    ComputeInterfaceTypeSet(ityp, StartPos(iface), [this](syn::Pos pos, const std::string& msg) {
      ErrorAt(pos, msg);
    });
  });
  return ityp;
}

Type* Checker::UnionType(syn::Expr* uexpr) {
  // Flatten A | B | C (left-associative).
  std::vector<syn::Expr*> tlist;
  std::vector<syn::BinaryExpr*> blist;
  std::function<void(syn::Expr*)> flatten = [&](syn::Expr* x) {
    if (auto* b = syn::DynCast<syn::BinaryExpr>(x); b != nullptr && b->op == syn::Operator::kOr) {
      flatten(b->x);
      blist.push_back(b);
      tlist.push_back(b->y);
      return;
    }
    tlist.push_back(x);
  };
  flatten(uexpr);
  std::vector<Term> terms;
  Type* u = nullptr;
  for (size_t i = 0; i < tlist.size(); ++i) {
    syn::Expr* tx = tlist[i];
    syn::Expr* x = tx;
    bool tilde = false;
    if (auto* op = syn::DynCast<syn::UnaryExpr>(x); op != nullptr && op->op == syn::Operator::kTilde) {
      x = op->x;
      tilde = true;
    }
    Type* typ = Typ(x);
    if (IsTypeParam(typ)) {
      if (tilde) {
        Error(x, Cat("type in term ", ExprStr(tx), " cannot be a type parameter"));
      } else {
        Error(x, "term cannot be a type parameter");
      }
      typ = Invalid();
    }
    if (tilde) {
      RecordTypeAndValue(tx, Mode::kTypeExpr, New<Union>(std::vector<Term>{Term{true, typ}}),
                         constant::Value());
    }
    if (tlist.size() == 1 && !tilde) return typ;
    if (terms.size() >= static_cast<size_t>(kMaxTermCount)) {
      if (u != Invalid()) {
        Error(tx, Cat("cannot handle more than ", kMaxTermCount,
                               " union terms (implementation limitation)"));
        u = Invalid();
      }
    } else {
      terms.push_back(Term{tilde, typ});
      u = New<Union>(terms);
    }
    if (i > 0) RecordTypeAndValue(blist[i - 1], Mode::kTypeExpr, u, constant::Value());
  }
  return u == nullptr ? Invalid() : u;
}

// A simplified types2 validType: a named type must not contain itself through arrays and
// struct fields (directly or via other named types of this package).
void Checker::ValidType(Named* start) {
  std::vector<Named*> path;
  absl::flat_hash_set<Named*> on_path;
  std::function<bool(Type*)> visit = [&](Type* t) -> bool {
    if (t == nullptr) return true;
    switch (t->kind()) {
      case TypeKind::kArray:
        return visit(static_cast<Array*>(t)->elem());
      case TypeKind::kStruct:
        for (Var* f : static_cast<Struct*>(t)->fields()) {
          if (!visit(f->type())) return false;
        }
        return true;
      case TypeKind::kNamed: {
        auto* n = static_cast<Named*>(t);
        Named* orig = n->Origin();
        if (orig->obj() == nullptr || orig->obj()->pkg() != pkg_) return true;
        if (valid_types_done_.contains(n)) return true;
        if (on_path.contains(orig)) {
          if (orig == start) {
            Environment saved = env_;
            env_.file = orig->obj()->file();
            std::vector<Object*> cycle;
            bool in = false;
            for (Named* p : path) {
              if (p == orig) in = true;
              if (in) cycle.push_back(p->obj());
            }
            CycleError(cycle);
            env_ = saved;
            orig->SetUnderlying(Invalid());
            return false;
          }
          return true;  // reported when checking that type itself
        }
        on_path.insert(orig);
        path.push_back(orig);
        Type* u = n == orig ? n->underlying_raw() : Under(n);
        if (u != nullptr && Isa<Named>(u)) u = Under(u);
        bool ok = visit(u);
        path.pop_back();
        on_path.erase(orig);
        return ok;
      }
      default:
        return true;
    }
  };
  visit(start);
  valid_types_done_.insert(start);
}

}  // namespace heapmap::types
