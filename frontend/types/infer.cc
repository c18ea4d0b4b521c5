// frontend/types/infer.cc — type argument inference, unification and instance verification (a compact port of types2 infer.go, unify.go, instantiate.go).
//
// Inference follows types2's order: explicit type arguments, then function arguments of
// typed operands, then untyped constants (their default types) for parameters that are
// bare type parameters, then core types of constraints; inferred types are substituted
// into each other until nothing changes.
#include "absl/strings/str_cat.h"
#include "frontend/types/checker_impl.h"

namespace heapmap::types {

namespace {

class Unifier {
 public:
  explicit Unifier(const std::vector<TypeParam*>& tparams) : tparams_(tparams), types_(tparams.size()) {}

  int Index(Type* t) const {
    auto* tp = DynCast<TypeParam>(t);
    if (tp == nullptr) return -1;
    for (size_t i = 0; i < tparams_.size(); ++i) {
      if (tparams_[i] == tp) return static_cast<int>(i);
    }
    return -1;
  }

  Type* At(int i) const { return types_[i]; }
  void Set(int i, Type* t) { types_[i] = t; }
  std::vector<Type*>& types() { return types_; }

  // Unifies x (may contain type parameters) with y; exact: no named/unnamed leeway.
  bool Unify(Type* x, Type* y, bool exact, int depth = 0) {
    if (depth > 64) return false;
    if (x == y) return true;
    if (x == nullptr || y == nullptr) return false;
    int i = Index(x), j = Index(y);
    if (i >= 0 && j >= 0) {
      if (types_[i] == nullptr && types_[j] == nullptr) return true;  // cannot bind yet
      if (types_[i] == nullptr) {
        types_[i] = types_[j];
        return true;
      }
      if (types_[j] == nullptr) {
        types_[j] = types_[i];
        return true;
      }
      return Unify(types_[i], types_[j], exact, depth + 1);
    }
    if (i >= 0) {
      if (types_[i] != nullptr) return Unify(types_[i], y, exact, depth + 1);
      types_[i] = y;
      return true;
    }
    if (j >= 0) {
      if (types_[j] != nullptr) return Unify(x, types_[j], exact, depth + 1);
      types_[j] = x;
      return true;
    }
    // Inexact unification: a named type unifies with a type literal via its underlying type.
    if (!exact) {
      auto* nx = DynCast<Named>(x);
      auto* ny = DynCast<Named>(y);
      if ((nx != nullptr) != (ny != nullptr)) {
        if (nx != nullptr && !Isa<TypeParam>(y)) return Unify(Under(x), y, exact, depth + 1);
        if (ny != nullptr && !Isa<TypeParam>(x)) return Unify(x, Under(y), exact, depth + 1);
      }
    }
    if (x->kind() != y->kind()) return false;
    switch (x->kind()) {
      case TypeKind::kBasic:
        return static_cast<Basic*>(x)->basic_kind() == static_cast<Basic*>(y)->basic_kind();
      case TypeKind::kPointer:
        return Unify(static_cast<Pointer*>(x)->elem(), static_cast<Pointer*>(y)->elem(), exact, depth + 1);
      case TypeKind::kSlice:
        return Unify(static_cast<Slice*>(x)->elem(), static_cast<Slice*>(y)->elem(), exact, depth + 1);
      case TypeKind::kArray: {
        auto* ax = static_cast<Array*>(x);
        auto* ay = static_cast<Array*>(y);
        return (ax->len() < 0 || ay->len() < 0 || ax->len() == ay->len()) &&
               Unify(ax->elem(), ay->elem(), exact, depth + 1);
      }
      case TypeKind::kMap: {
        auto* mx = static_cast<Map*>(x);
        auto* my = static_cast<Map*>(y);
        return Unify(mx->key(), my->key(), exact, depth + 1) && Unify(mx->elem(), my->elem(), exact, depth + 1);
      }
      case TypeKind::kChan: {
        auto* cx = static_cast<Chan*>(x);
        auto* cy = static_cast<Chan*>(y);
        return (!exact || cx->dir() == cy->dir()) && Unify(cx->elem(), cy->elem(), exact, depth + 1);
      }
      case TypeKind::kStruct: {
        auto* sx = static_cast<Struct*>(x);
        auto* sy = static_cast<Struct*>(y);
        if (sx->NumFields() != sy->NumFields()) return false;
        for (int k = 0; k < sx->NumFields(); ++k) {
          if (sx->Field(k)->name() != sy->Field(k)->name()) return false;
          if (!Unify(sx->Field(k)->type(), sy->Field(k)->type(), exact, depth + 1)) return false;
        }
        return true;
      }
      case TypeKind::kTuple: {
        auto* tx = static_cast<Tuple*>(x);
        auto* ty = static_cast<Tuple*>(y);
        if (tx->Len() != ty->Len()) return false;
        for (int k = 0; k < tx->Len(); ++k) {
          if (!Unify(tx->At(k)->type(), ty->At(k)->type(), exact, depth + 1)) return false;
        }
        return true;
      }
      case TypeKind::kSignature: {
        auto* fx = static_cast<Signature*>(x);
        auto* fy = static_cast<Signature*>(y);
        if (fx->variadic() != fy->variadic()) return false;
        if (TupleLen(fx->params()) != TupleLen(fy->params())) return false;
        if (TupleLen(fx->results()) != TupleLen(fy->results())) return false;
        for (int k = 0; k < TupleLen(fx->params()); ++k) {
          if (!Unify(fx->params()->At(k)->type(), fy->params()->At(k)->type(), exact, depth + 1)) return false;
        }
        for (int k = 0; k < TupleLen(fx->results()); ++k) {
          if (!Unify(fx->results()->At(k)->type(), fy->results()->At(k)->type(), exact, depth + 1)) return false;
        }
        return true;
      }
      case TypeKind::kNamed: {
        auto* nx = static_cast<Named*>(x);
        auto* ny = static_cast<Named*>(y);
        if (nx->Origin() != ny->Origin()) {
          // Same declared type reached through different origins is not identical.
          return Identical(x, y);
        }
        const auto& ax = nx->type_args();
        const auto& ay = ny->type_args();
        if (ax.size() != ay.size()) return false;
        for (size_t k = 0; k < ax.size(); ++k) {
          if (!Unify(ax[k], ay[k], true, depth + 1)) return false;
        }
        return true;
      }
      case TypeKind::kInterface:
      case TypeKind::kUnion:
        return Identical(x, y);
      case TypeKind::kTypeParam:
        return x == y;
    }
    return false;
  }

 private:
  const std::vector<TypeParam*>& tparams_;
  std::vector<Type*> types_;
};

// Whether t mentions any of tparams.
bool Mentions(Type* t, const std::vector<TypeParam*>& tparams, int depth = 0) {
  if (t == nullptr || depth > 32) return false;
  switch (t->kind()) {
    case TypeKind::kTypeParam:
      for (TypeParam* tp : tparams) {
        if (tp == t) return true;
      }
      return false;
    case TypeKind::kPointer: return Mentions(static_cast<Pointer*>(t)->elem(), tparams, depth + 1);
    case TypeKind::kSlice: return Mentions(static_cast<Slice*>(t)->elem(), tparams, depth + 1);
    case TypeKind::kArray: return Mentions(static_cast<Array*>(t)->elem(), tparams, depth + 1);
    case TypeKind::kChan: return Mentions(static_cast<Chan*>(t)->elem(), tparams, depth + 1);
    case TypeKind::kMap:
      return Mentions(static_cast<Map*>(t)->key(), tparams, depth + 1) ||
             Mentions(static_cast<Map*>(t)->elem(), tparams, depth + 1);
    case TypeKind::kStruct:
      for (Var* f : static_cast<Struct*>(t)->fields()) {
        if (Mentions(f->type(), tparams, depth + 1)) return true;
      }
      return false;
    case TypeKind::kTuple:
      for (Var* v : static_cast<Tuple*>(t)->vars()) {
        if (Mentions(v->type(), tparams, depth + 1)) return true;
      }
      return false;
    case TypeKind::kSignature: {
      auto* s = static_cast<Signature*>(t);
      return Mentions(s->params(), tparams, depth + 1) || Mentions(s->results(), tparams, depth + 1);
    }
    case TypeKind::kNamed:
      for (Type* a : static_cast<Named*>(t)->type_args()) {
        if (Mentions(a, tparams, depth + 1)) return true;
      }
      return false;
    case TypeKind::kInterface: {
      auto* i = static_cast<Interface*>(t);
      for (Func* m : i->explicit_methods()) {
        if (Mentions(m->type(), tparams, depth + 1)) return true;
      }
      for (Type* e : i->embeddeds()) {
        if (Mentions(e, tparams, depth + 1)) return true;
      }
      return false;
    }
    case TypeKind::kUnion:
      for (const Term& term : static_cast<Union*>(t)->terms()) {
        if (Mentions(term.type, tparams, depth + 1)) return true;
      }
      return false;
    default:
      return false;
  }
}

// The single specific term of a constraint (core term), or null; *tilde reports ~.
Type* CoreTerm(TypeParam* tp, bool* tilde) {
  const TypeSet* ts = tp->Iface()->GetTypeSet();
  if (!ts->HasTerms()) return nullptr;
  const TermList& terms = ts->terms();
  if (terms.size() == 1) {
    *tilde = terms[0].tilde;
    return terms[0].type;
  }
  // All terms with the same underlying type: the core type (tilde).
  Type* u = nullptr;
  for (const Term& t : terms) {
    if (t.type == nullptr) return nullptr;
    Type* tu = Under(t.type);
    if (u == nullptr) {
      u = tu;
    } else if (!Identical(u, tu)) {
      return nullptr;
    }
  }
  *tilde = true;
  return u;
}

}  // namespace

Type* Checker::Subst(Type* t, const std::vector<TypeParam*>& tparams, const std::vector<Type*>& targs) {
  if (t == nullptr || tparams.empty() || tparams.size() != targs.size()) return t;
  return types::Subst(&arena(), ctxt_, t, tparams, targs);
}

std::vector<Type*> Checker::Infer(syn::Node* pos, const std::vector<TypeParam*>& tparams_in,
                                  std::vector<Type*> targs, Tuple* params,
                                  std::vector<Operand>* args, bool report) {
  size_t n = tparams_in.size();
  if (targs.size() == n) {
    bool all = true;
    for (Type* t : targs) all = all && t != nullptr;
    if (all) return targs;
  }
  // types2's enableTparamRenaming: in a self-recursive call (f calls f inside its own
  // body, with its own type parameters as arguments: `func G[T any](x *T) { G(x) }`), the
  // type parameters solved for must not be the very objects that occur in the arguments,
  // or unification would bind T to itself and inference fails. They are renamed: new
  // type parameters, the same but for their identity, with the constraints and the
  // parameter types rewritten to use them.
  std::vector<TypeParam*> tparams = tparams_in;
  if (env_.sig != nullptr && !env_.sig->type_params().empty() && !tparams.empty() &&
      tparams[0] == env_.sig->type_params()[0]) {
    std::vector<TypeParam*> renamed(n);
    std::vector<Type*> renamed_types(n);
    for (size_t i = 0; i < n; ++i) {
      TypeName* obj = tparams[i]->obj();
      auto* tname = New<TypeName>(obj->pos(), obj->pkg(), obj->name(), nullptr);
      renamed[i] = New<TypeParam>(tname, nullptr);
      renamed[i]->set_index(tparams[i]->index());
      renamed_types[i] = renamed[i];
    }
    for (size_t i = 0; i < n; ++i) {
      renamed[i]->SetConstraint(Subst(tparams[i]->constraint(), tparams, renamed_types));
    }
    if (params != nullptr) {
      params = static_cast<Tuple*>(Subst(params, tparams, renamed_types));
    }
    tparams = std::move(renamed);
  }
  Unifier u(tparams);
  for (size_t i = 0; i < targs.size() && i < n; ++i) u.Set(static_cast<int>(i), targs[i]);

  auto error_args = [&](const Operand& arg, Type* par) {
    if (!report) return;
    Type* inferred = Subst(par, tparams, u.types());
    Error(arg.expr, Cat("type ", TS(arg.type), " of ", ExprStr(arg.expr),
                                 " does not match ", TS(inferred)));
  };

  std::vector<size_t> untyped;
  if (params != nullptr && args != nullptr) {
    for (int i = 0; i < params->Len() && i < static_cast<int>(args->size()); ++i) {
      Operand& arg = (*args)[i];
      if (arg.mode == Mode::kInvalid) return {};
      Type* par = params->At(i)->type();
      if (!Mentions(par, tparams)) continue;
      if (IsTyped(arg.type)) {
        if (!u.Unify(par, arg.type, false)) {
          error_args(arg, par);
          return {};
        }
      } else if (u.Index(par) >= 0) {
        untyped.push_back(static_cast<size_t>(i));
      }
    }
  }
  // Core types of constraints.
  for (int round = 0; round < 3; ++round) {
    bool changed = false;
    for (size_t i = 0; i < n; ++i) {
      bool tilde = false;
      Type* core = CoreTerm(tparams[i], &tilde);
      if (core == nullptr) continue;
      Type* cur = u.At(static_cast<int>(i));
      if (cur == nullptr) {
        if (!tilde) {
          u.Set(static_cast<int>(i), core);
          changed = true;
        } else if (Mentions(core, tparams)) {
          // e.g. ~[]E: cannot bind the type parameter itself, but nothing to unify yet.
        }
      } else if (Mentions(core, tparams)) {
        std::vector<Type*> before = u.types();
        if (u.Unify(core, tilde ? Under(cur) : cur, false)) changed = before != u.types();
      }
    }
    if (!changed) break;
  }
  // Untyped constants: the default type of the "largest" constant kind.
  if (args != nullptr) {
    for (size_t idx : untyped) {
      Operand& arg = (*args)[idx];
      int k = u.Index(params->At(static_cast<int>(idx))->type());
      if (k < 0 || u.At(k) != nullptr) continue;
      Type* max = nullptr;
      for (size_t jdx : untyped) {
        if (u.Index(params->At(static_cast<int>(jdx))->type()) != k) continue;
        Type* t = (*args)[jdx].type;
        if (max == nullptr) {
          max = t;
        } else if (IsNumeric(max) && IsNumeric(t)) {
          if (AsBasic(t)->basic_kind() > AsBasic(max)->basic_kind()) max = t;
        }
      }
      if (max == nullptr) max = arg.type;
      if (arg.IsNil()) continue;
      u.Set(k, Default(max));
    }
  }
  // Substitute inferred types into each other until nothing changes.
  std::vector<Type*> result = u.types();
  for (int iter = 0; iter < static_cast<int>(n) + 1; ++iter) {
    bool changed = false;
    for (size_t i = 0; i < n; ++i) {
      if (result[i] == nullptr || !Mentions(result[i], tparams)) continue;
      std::vector<Type*> repl = result;
      for (size_t j = 0; j < n; ++j) {
        if (repl[j] == nullptr) repl[j] = tparams[j];
      }
      Type* t = Subst(result[i], tparams, repl);
      if (t != result[i]) {
        result[i] = t;
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (size_t i = 0; i < n; ++i) {
    if (result[i] == nullptr) {
      if (report) {
        Error(pos, Cat("in call to ", pos != nullptr && syn::Isa<syn::CallExpr>(pos)
                                                  ? ExprStr(static_cast<syn::CallExpr*>(pos)->fun)
                                                  : std::string("function"),
                                ", cannot infer ", tparams[i]->obj()->name()));
      }
      return {};
    }
  }
  return result;
}

Type* Checker::Instantiate(syn::Node* pos, Type* orig, const std::vector<Type*>& targs, bool verify) {
  (void)pos;
  (void)verify;
  if (auto* n = DynCast<Named>(orig)) return InstantiateNamed(&arena(), ctxt_, n, targs);
  if (auto* s = DynCast<Signature>(orig)) return Subst(s, s->type_params(), targs);
  return orig;
}

bool Checker::VerifyInstance(syn::Node* pos, const std::vector<TypeParam*>& tparams,
                             const std::vector<Type*>& targs) {
  if (tparams.size() != targs.size()) return false;
  for (size_t i = 0; i < tparams.size(); ++i) {
    Type* bound = tparams[i]->constraint();
    if (bound == nullptr || bound == Invalid()) continue;
    bound = Subst(bound, tparams, targs);
    if (Under(bound) != nullptr && !Isa<Interface>(Under(bound))) {
      // A non-interface constraint [T int] means interface{int}.
      auto* ityp = New<Interface>(std::vector<Func*>{}, std::vector<Type*>{bound});
      ityp->MarkImplicit();
      ComputeInterfaceTypeSet(ityp, syn::Pos{});
      bound = ityp;
    }
    std::string cause;
    if (!Implements(targs[i], bound, &cause)) {
      Error(pos, Cat(TS(targs[i]), " does not satisfy ", TS(bound),
                              cause.empty() ? "" : " (", cause, cause.empty() ? "" : ")"));
      return false;
    }
  }
  return true;
}

}  // namespace heapmap::types
