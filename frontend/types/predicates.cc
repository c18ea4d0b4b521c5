// frontend/types/predicates.cc — type identity and predicates (types2/predicates.go, type.go's under/coreType).
#include "frontend/types/predicates.h"

#include "absl/container/flat_hash_set.h"
#include "frontend/types/context.h"
#include "frontend/types/object.h"
#include "frontend/types/typearena.h"
#include "frontend/types/typeset.h"
#include "frontend/types/typestring.h"
#include "frontend/types/universe.h"

namespace heapmap::types {

// typeset.cc: a union's type set, for identity of unions.
TermList UnionTermList(Union* u);
bool TypeSetIsComparable(const TypeSet* ts, absl::flat_hash_set<Type*>* seen);
bool TermListEqual(const TermList& x, const TermList& y);

Type* Under(Type* t) {
  if (t == nullptr) return nullptr;
  auto* n = DynCast<Named>(t);
  if (n == nullptr) return t->Underlying();
  Type* u = n->Resolve();
  // During checking a declared type's underlying may still be another Named (type A B):
  // follow the chain without mutating (the checker's own under() reports cycles).
  for (int i = 0; i < 1000 && u != nullptr && u->kind() == TypeKind::kNamed; i++) {
    u = static_cast<Named*>(u)->Resolve();
  }
  if (u == nullptr || u->kind() == TypeKind::kNamed) return Typ(BasicKind::kInvalid);
  return u;
}

bool IsBasicInfo(Type* t, uint32_t info) {
  auto* u = DynCast<Basic>(Under(t));
  return u != nullptr && (u->info() & info) != 0;
}
bool IsBoolean(Type* t) { return IsBasicInfo(t, kIsBoolean); }
bool IsInteger(Type* t) { return IsBasicInfo(t, kIsInteger); }
bool IsUnsigned(Type* t) { return IsBasicInfo(t, kIsUnsigned); }
bool IsFloat(Type* t) { return IsBasicInfo(t, kIsFloat); }
bool IsComplex(Type* t) { return IsBasicInfo(t, kIsComplex); }
bool IsNumeric(Type* t) { return IsBasicInfo(t, kIsNumeric); }
bool IsString(Type* t) { return IsBasicInfo(t, kIsString); }
bool IsIntegerOrFloat(Type* t) { return IsBasicInfo(t, kIsInteger | kIsFloat); }
bool IsConstType(Type* t) { return IsBasicInfo(t, kIsConstType); }

bool AllBasic(Type* t, uint32_t info) {
  if (auto* tpar = DynCast<TypeParam>(t)) {
    return tpar->Iface()->GetTypeSet()->Is(
        [info](const Term* term) { return term != nullptr && IsBasicInfo(term->type, info); });
  }
  return IsBasicInfo(t, info);
}
bool AllBoolean(Type* t) { return AllBasic(t, kIsBoolean); }
bool AllInteger(Type* t) { return AllBasic(t, kIsInteger); }
bool AllUnsigned(Type* t) { return AllBasic(t, kIsUnsigned); }
bool AllNumeric(Type* t) { return AllBasic(t, kIsNumeric); }
bool AllString(Type* t) { return AllBasic(t, kIsString); }
bool AllOrdered(Type* t) { return AllBasic(t, kIsOrdered); }
bool AllNumericOrString(Type* t) { return AllBasic(t, kIsNumeric | kIsString); }

bool HasName(Type* t) {
  return t != nullptr && (t->kind() == TypeKind::kBasic || t->kind() == TypeKind::kNamed ||
                          t->kind() == TypeKind::kTypeParam);
}

bool IsTyped(Type* t) {
  auto* b = DynCast<Basic>(t);
  return b == nullptr || (b->info() & kIsUntyped) == 0;
}
bool IsUntyped(Type* t) { return !IsTyped(t); }

bool IsTypeParam(Type* t) { return Isa<TypeParam>(t); }

bool IsInterface(Type* t) { return !IsTypeParam(t) && Isa<Interface>(Under(t)); }

bool IsGeneric(Type* t) {
  auto* n = DynCast<Named>(t);
  return n != nullptr && n->obj() != nullptr && !n->IsInstance() && !n->type_params().empty();
}

namespace {

bool ComparableImpl(Type* T, bool dynamic, absl::flat_hash_set<Type*>* seen,
                    const std::function<void(const std::string&)>* reportf) {
  if (!seen->insert(T).second) return true;
  Type* u = Under(T);
  switch (u->kind()) {
    case TypeKind::kBasic:
      return static_cast<Basic*>(u)->basic_kind() != BasicKind::kUntypedNil;
    case TypeKind::kPointer:
    case TypeKind::kChan:
      return true;
    case TypeKind::kStruct:
      for (Var* f : static_cast<Struct*>(u)->fields()) {
        if (!ComparableImpl(f->type(), dynamic, seen, nullptr)) {
          if (reportf != nullptr && *reportf) {
            (*reportf)("struct containing " + TypeString(f->type()) + " cannot be compared");
          }
          return false;
        }
      }
      return true;
    case TypeKind::kArray:
      if (!ComparableImpl(static_cast<Array*>(u)->elem(), dynamic, seen, nullptr)) {
        if (reportf != nullptr && *reportf) (*reportf)(TypeString(u) + " cannot be compared");
        return false;
      }
      return true;
    case TypeKind::kInterface: {
      auto* t = static_cast<Interface*>(u);
      if ((dynamic && !IsTypeParam(T)) || TypeSetIsComparable(t->GetTypeSet(), seen)) return true;
      if (reportf != nullptr && *reportf) {
        (*reportf)(t->GetTypeSet()->IsEmpty() ? "empty type set"
                                              : "incomparable types in type set");
      }
      return false;
    }
    default:
      return false;
  }
}

struct IfacePair {
  Interface* x;
  Interface* y;
  const IfacePair* prev;
  bool Same(const IfacePair& q) const { return (x == q.x && y == q.y) || (x == q.y && y == q.x); }
};

bool IdenticalImpl(Type* x, Type* y, bool cmp_tags, const IfacePair* p);

bool IdenticalTuple(Tuple* x, Tuple* y, bool cmp_tags, const IfacePair* p) {
  if (TupleLen(x) != TupleLen(y)) return false;
  for (int i = 0; i < TupleLen(x); i++) {
    if (!IdenticalImpl(x->At(i)->type(), y->At(i)->type(), cmp_tags, p)) return false;
  }
  return true;
}

bool IdenticalImpl(Type* x, Type* y, bool cmp_tags, const IfacePair* p) {
  if (x == y) return true;
  if (x == nullptr || y == nullptr || x->kind() != y->kind()) return false;
  switch (x->kind()) {
    case TypeKind::kBasic:
      return static_cast<Basic*>(x)->basic_kind() == static_cast<Basic*>(y)->basic_kind();
    case TypeKind::kArray: {
      auto *a = static_cast<Array*>(x), *b = static_cast<Array*>(y);
      return (a->len() < 0 || b->len() < 0 || a->len() == b->len()) &&
             IdenticalImpl(a->elem(), b->elem(), cmp_tags, p);
    }
    case TypeKind::kSlice:
      return IdenticalImpl(static_cast<Slice*>(x)->elem(), static_cast<Slice*>(y)->elem(),
                           cmp_tags, p);
    case TypeKind::kStruct: {
      auto *a = static_cast<Struct*>(x), *b = static_cast<Struct*>(y);
      if (a->NumFields() != b->NumFields()) return false;
      for (int i = 0; i < a->NumFields(); i++) {
        Var *f = a->Field(i), *g = b->Field(i);
        if (f->embedded() != g->embedded() || (cmp_tags && a->Tag(i) != b->Tag(i)) ||
            !f->SameId(g->pkg(), g->name()) || !IdenticalImpl(f->type(), g->type(), cmp_tags, p)) {
          return false;
        }
      }
      return true;
    }
    case TypeKind::kPointer:
      return IdenticalImpl(static_cast<Pointer*>(x)->elem(), static_cast<Pointer*>(y)->elem(),
                           cmp_tags, p);
    case TypeKind::kTuple:
      return IdenticalTuple(static_cast<Tuple*>(x), static_cast<Tuple*>(y), cmp_tags, p);
    case TypeKind::kSignature: {
      auto *a = static_cast<Signature*>(x), *b = static_cast<Signature*>(y);
      if (a->type_params().size() != b->type_params().size()) return false;
      Tuple* yparams = b->params();
      Tuple* yresults = b->results();
      if (!a->type_params().empty()) {
        // Rename b's type parameters to a's, in a scratch arena with no canonicalization
        // (nothing created here escapes the comparison).
        Arena scratch;
        std::vector<Type*> targs(a->type_params().begin(), a->type_params().end());
        const auto& ytparams = b->type_params();
        for (size_t i = 0; i < ytparams.size(); i++) {
          Type* ybound = Subst(&scratch, nullptr, ytparams[i]->constraint(), ytparams, targs);
          if (!IdenticalImpl(a->type_params()[i]->constraint(), ybound, cmp_tags, p)) return false;
        }
        if (yparams != nullptr) {
          yparams = static_cast<Tuple*>(Subst(&scratch, nullptr, yparams, ytparams, targs));
        }
        if (yresults != nullptr) {
          yresults = static_cast<Tuple*>(Subst(&scratch, nullptr, yresults, ytparams, targs));
        }
        return a->variadic() == b->variadic() &&
               IdenticalTuple(a->params(), yparams, cmp_tags, p) &&
               IdenticalTuple(a->results(), yresults, cmp_tags, p);
      }
      return a->variadic() == b->variadic() &&
             IdenticalTuple(a->params(), yparams, cmp_tags, p) &&
             IdenticalTuple(a->results(), yresults, cmp_tags, p);
    }
    case TypeKind::kUnion:
      return TermListEqual(UnionTermList(static_cast<Union*>(x)),
                           UnionTermList(static_cast<Union*>(y)));
    case TypeKind::kInterface: {
      auto *a = static_cast<Interface*>(x), *b = static_cast<Interface*>(y);
      const TypeSet* xset = a->GetTypeSet();
      const TypeSet* yset = b->GetTypeSet();
      if (xset->comparable() != yset->comparable()) return false;
      if (!TermListEqual(xset->terms(), yset->terms())) return false;
      const auto& ma = xset->methods();
      const auto& mb = yset->methods();
      if (ma.size() != mb.size()) return false;
      IfacePair q{a, b, p};
      for (const IfacePair* r = p; r != nullptr; r = r->prev) {
        if (r->Same(q)) return true;  // same pair was compared before
      }
      for (size_t i = 0; i < ma.size(); i++) {
        Func *f = ma[i], *g = mb[i];
        if (!f->SameId(g->pkg(), g->name()) || !IdenticalImpl(f->type(), g->type(), cmp_tags, &q)) {
          return false;
        }
      }
      return true;
    }
    case TypeKind::kMap: {
      auto *a = static_cast<Map*>(x), *b = static_cast<Map*>(y);
      return IdenticalImpl(a->key(), b->key(), cmp_tags, p) &&
             IdenticalImpl(a->elem(), b->elem(), cmp_tags, p);
    }
    case TypeKind::kChan: {
      auto *a = static_cast<Chan*>(x), *b = static_cast<Chan*>(y);
      return a->dir() == b->dir() && IdenticalImpl(a->elem(), b->elem(), cmp_tags, p);
    }
    case TypeKind::kNamed: {
      auto *a = static_cast<Named*>(x), *b = static_cast<Named*>(y);
      const auto& xargs = a->type_args();
      const auto& yargs = b->type_args();
      if (xargs.size() != yargs.size()) return false;
      if (!xargs.empty()) {
        if (a->Origin() != b->Origin()) return false;
        for (size_t i = 0; i < xargs.size(); i++) {
          if (!Identical(xargs[i], yargs[i])) return false;
        }
        return true;
      }
      return a->obj() == b->obj();
    }
    case TypeKind::kTypeParam:
      return false;
  }
  return false;
}

// types2 match: x if identical; for channels differing only in direction, the restricted one.
Type* Match(Type* x, Type* y) {
  if (Identical(x, y)) return x;
  auto* cx = DynCast<Chan>(x);
  auto* cy = DynCast<Chan>(y);
  if (cx != nullptr && cy != nullptr && Identical(cx->elem(), cy->elem())) {
    if (cx->dir() == ChanDir::kSendRecv) return y;
    if (cy->dir() == ChanDir::kSendRecv) return x;
  }
  return nullptr;
}

Slice* ByteSlice() {
  static Slice* s = new Slice(UniverseByte());
  return s;
}

}  // namespace

bool Identical(Type* x, Type* y) { return IdenticalImpl(x, y, true, nullptr); }
bool IdenticalIgnoreTags(Type* x, Type* y) { return IdenticalImpl(x, y, false, nullptr); }

bool Comparable(Type* t) {
  absl::flat_hash_set<Type*> seen;
  return ComparableImpl(t, true, &seen, nullptr);
}

// For TypeSetIsComparable: comparability of a term type with the caller's seen set, as
// types2's _TypeSet.IsComparable(seen) does (a fresh set loops on cyclic constraints).
bool ComparableSeen(Type* t, absl::flat_hash_set<Type*>* seen) {
  return ComparableImpl(t, false, seen, nullptr);
}

bool ComparableEx(Type* t, bool dynamic, const std::function<void(const std::string&)>& reportf) {
  absl::flat_hash_set<Type*> seen;
  return ComparableImpl(t, dynamic, &seen, &reportf);
}

bool HasNil(Type* t) {
  Type* u = Under(t);
  switch (u->kind()) {
    case TypeKind::kBasic:
      return static_cast<Basic*>(u)->basic_kind() == BasicKind::kUnsafePointer;
    case TypeKind::kSlice:
    case TypeKind::kPointer:
    case TypeKind::kSignature:
    case TypeKind::kMap:
    case TypeKind::kChan:
      return true;
    case TypeKind::kInterface:
      return !IsTypeParam(t) || static_cast<Interface*>(u)->GetTypeSet()->UnderIs(
                                    [](Type* v) { return v != nullptr && HasNil(v); });
    default:
      return false;
  }
}

bool UnderIs(Type* t, const std::function<bool(Type*)>& f) {
  if (auto* tpar = DynCast<TypeParam>(t)) return tpar->Iface()->GetTypeSet()->UnderIs(f);
  return f(Under(t));
}

Type* CoreType(Type* t) {
  auto* tpar = DynCast<TypeParam>(t);
  if (tpar == nullptr) return Under(t);
  Type* su = nullptr;
  bool ok = tpar->Iface()->GetTypeSet()->UnderIs([&su](Type* u) {
    if (u == nullptr) return false;
    if (su != nullptr) {
      u = Match(su, u);
      if (u == nullptr) return false;
    }
    su = u;
    return true;
  });
  return ok ? su : nullptr;
}

Type* CoreString(Type* t) {
  auto* tpar = DynCast<TypeParam>(t);
  if (tpar == nullptr) return Under(t);
  Type* su = nullptr;
  bool has_string = false;
  bool ok = tpar->Iface()->GetTypeSet()->UnderIs([&](Type* u) {
    if (u == nullptr) return false;
    if (IsString(u)) {
      u = ByteSlice();
      has_string = true;
    }
    if (su != nullptr) {
      u = Match(su, u);
      if (u == nullptr) return false;
    }
    su = u;
    return true;
  });
  if (!ok) return nullptr;
  return has_string ? Typ(BasicKind::kString) : su;
}

Type* Default(Type* t) {
  if (auto* b = DynCast<Basic>(t)) {
    switch (b->basic_kind()) {
      case BasicKind::kUntypedBool: return Typ(BasicKind::kBool);
      case BasicKind::kUntypedInt: return Typ(BasicKind::kInt);
      case BasicKind::kUntypedRune: return UniverseRune();
      case BasicKind::kUntypedFloat: return Typ(BasicKind::kFloat64);
      case BasicKind::kUntypedComplex: return Typ(BasicKind::kComplex128);
      case BasicKind::kUntypedString: return Typ(BasicKind::kString);
      default: break;
    }
  }
  return t;
}

}  // namespace heapmap::types
