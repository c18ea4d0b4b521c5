// frontend/types/lookup.cc — field and method lookup (types2/lookup.go).
#include "frontend/types/lookup.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "frontend/types/predicates.h"
#include "frontend/types/typeset.h"
#include "frontend/types/universe.h"

namespace heapmap::types {

namespace {

struct EmbeddedType {
  Type* typ;
  std::vector<int> index;  // embedded field indices, starting at depth 0
  bool indirect;           // a pointer indirection on the path
  bool multiples;          // typ appears several times at this depth
};

std::vector<int> Concat(const std::vector<int>& list, int i) {
  std::vector<int> t = list;
  t.push_back(i);
  return t;
}

std::vector<EmbeddedType> ConsolidateMultiples(std::vector<EmbeddedType> list) {
  if (list.size() <= 1) return list;
  std::vector<EmbeddedType> out;
  for (EmbeddedType& e : list) {
    bool found = false;
    for (EmbeddedType& p : out) {
      if (p.typ == e.typ || Identical(p.typ, e.typ)) {
        p.multiples = true;
        found = true;
        break;
      }
    }
    if (!found) out.push_back(std::move(e));
  }
  return out;
}

bool EqualFold(std::string_view a, std::string_view b) {
  return absl::EqualsIgnoreCase(absl::string_view(a.data(), a.size()),
                                absl::string_view(b.data(), b.size()));
}

std::pair<int, Func*> NamedLookupMethod(Named* n, const Package* pkg, std::string_view name,
                                        bool fold_case) {
  Named* orig = n->Origin();
  int found = -1;
  for (int i = 0; i < orig->NumMethods(); i++) {
    Func* m = orig->Method(i);
    if ((m->name() == name || (fold_case && EqualFold(m->name(), name))) &&
        m->SameId(pkg, m->name())) {
      found = i;
      break;
    }
  }
  if (found < 0 || name == "_") return {-1, nullptr};
  return {found, n->Method(found)};
}

}  // namespace

std::pair<Type*, bool> Deref(Type* typ) {
  if (auto* p = DynCast<Pointer>(typ)) {
    if (p->elem() == nullptr) return {Typ(BasicKind::kInvalid), true};
    return {p->elem(), true};
  }
  return {typ, false};
}

Type* DerefStructPtr(Type* typ) {
  if (auto* p = DynCast<Pointer>(Under(typ))) {
    if (Isa<Struct>(Under(p->elem()))) return p->elem();
  }
  return typ;
}

int FieldIndex(const std::vector<Var*>& fields, const Package* pkg, std::string_view name) {
  if (name != "_") {
    for (size_t i = 0; i < fields.size(); i++) {
      if (fields[i]->SameId(pkg, name)) return static_cast<int>(i);
    }
  }
  return -1;
}

std::pair<int, Func*> LookupMethod(const std::vector<Func*>& methods, const Package* pkg,
                                   std::string_view name, bool fold_case) {
  if (name != "_") {
    for (size_t i = 0; i < methods.size(); i++) {
      Func* m = methods[i];
      if ((m->name() == name || (fold_case && EqualFold(m->name(), name))) &&
          m->SameId(pkg, m->name())) {
        return {static_cast<int>(i), m};
      }
    }
  }
  return {-1, nullptr};
}

namespace {

// Port of types2 lookupFieldOrMethod.
LookupResult LookupImpl(Type* T, bool addressable, const Package* pkg, std::string_view name,
                        bool fold_case) {
  LookupResult none;
  if (T == nullptr || name == "_") return none;

  auto [typ0, is_ptr] = Deref(T);
  // *typ where typ is an interface (or type parameter) has no methods.
  if (is_ptr && Isa<Interface>(Under(typ0))) return none;

  std::vector<EmbeddedType> current{{typ0, {}, is_ptr, false}};
  absl::flat_hash_map<Named*, std::vector<Named*>> seen;  // by origin

  Object* obj = nullptr;
  std::vector<int> index;
  bool indirect = false;

  while (!current.empty()) {
    std::vector<EmbeddedType> next;
    for (const EmbeddedType& e : current) {
      Type* typ = e.typ;
      if (auto* named = DynCast<Named>(typ)) {
        auto& insts = seen[named->Origin()];
        bool dup = false;
        for (Named* s : insts) {
          if (s == named || Identical(s, named)) {
            dup = true;
            break;
          }
        }
        if (dup) continue;
        insts.push_back(named);
        if (auto [i, m] = NamedLookupMethod(named, pkg, name, fold_case); m != nullptr) {
          index = Concat(e.index, i);
          if (obj != nullptr || e.multiples) return {nullptr, index, false};  // collision
          obj = m;
          indirect = e.indirect;
          continue;  // no matching field or interface method possible
        }
      }
      Type* u = Under(typ);
      if (auto* st = DynCast<Struct>(u)) {
        for (int i = 0; i < st->NumFields(); i++) {
          Var* f = st->Field(i);
          if (f->SameId(pkg, name)) {
            index = Concat(e.index, i);
            if (obj != nullptr || e.multiples) return {nullptr, index, false};
            obj = f;
            indirect = e.indirect;
            continue;
          }
          if (obj == nullptr && f->embedded()) {
            auto [ft, fptr] = Deref(f->type());
            next.push_back({ft, Concat(e.index, i), e.indirect || fptr, e.multiples});
          }
        }
      } else if (auto* it = DynCast<Interface>(u)) {
        if (auto [i, m] = it->GetTypeSet()->LookupMethod(pkg, name, fold_case); m != nullptr) {
          index = Concat(e.index, i);
          if (obj != nullptr || e.multiples) return {nullptr, index, false};
          obj = m;
          indirect = e.indirect;
        }
      }
    }
    if (obj != nullptr) {
      if (auto* f = DynCast<Func>(obj)) {
        if (f->has_ptr_recv() && !indirect && !addressable) return {nullptr, {}, true};
      }
      return {obj, index, indirect};
    }
    current = ConsolidateMultiples(std::move(next));
  }
  return none;
}

}  // namespace

// Port of types2 LookupFieldOrMethod.
LookupResult LookupFieldOrMethodFold(Type* T, bool addressable, const Package* pkg,
                                     std::string_view name, bool fold_case) {
  // Methods cannot be associated with a named pointer type (spec), but the pointer's base
  // may have a method of this name.
  if (auto* t = DynCast<Named>(T)) {
    if (auto* p = DynCast<Pointer>(Under(t))) {
      LookupResult r = LookupImpl(p, false, pkg, name, fold_case);
      if (Isa<Func>(r.obj)) return {};
      return r;
    }
  }
  return LookupImpl(T, addressable, pkg, name, fold_case);
}

LookupResult LookupFieldOrMethod(Type* t, bool addressable, const Package* pkg,
                                 std::string_view name) {
  return LookupFieldOrMethodFold(t, addressable, pkg, name, false);
}

MissingMethodResult MissingMethod(Type* V, Interface* T, bool static_) {
  MissingMethodResult res;
  const TypeSet* tts = T->GetTypeSet();
  if (tts->NumMethods() == 0) return res;

  if (auto* u = DynCast<Interface>(Under(V))) {
    const TypeSet* tset = u->GetTypeSet();
    for (Func* m : tts->methods()) {
      auto [i, f] = tset->LookupMethod(m->pkg(), m->name(), false);
      if (f == nullptr) {
        if (!static_) continue;
        res.method = m;
        return res;
      }
      if (!Identical(f->type(), m->type())) {
        res.method = m;
        res.alt = f;
        res.wrong_type = true;
        return res;
      }
    }
    return res;
  }

  for (Func* m : tts->methods()) {
    Object* obj = LookupImpl(V, false, m->pkg(), m->name(), false).obj;
    bool found = obj != nullptr;
    if (!found) {
      Pointer ptr(V);  // temporary *V; nothing keeps it
      obj = LookupImpl(&ptr, false, m->pkg(), m->name(), false).obj;
      if (obj == nullptr) obj = LookupImpl(V, false, m->pkg(), m->name(), true).obj;
    }
    auto* f = DynCast<Func>(obj);
    if (f == nullptr) {
      res.method = m;
      return res;
    }
    if (!found || !Identical(f->type(), m->type())) {
      res.method = m;
      res.alt = f;
      res.wrong_type = f->name() == m->name();
      return res;
    }
  }
  return res;
}

namespace {

bool IsInterfacePtr(Type* t) {
  auto* p = DynCast<Pointer>(Under(t));
  return p != nullptr && Isa<Interface>(Under(p->elem()));
}

std::string FuncString(Func* f, const Qualifier& qf) {
  std::string s = f->name();
  WriteSignature(&s, f->signature(), qf);
  return s;
}

}  // namespace

std::string MissingMethodReason(Type* V, Type* T, Func* m, Func* alt, const Qualifier& qf,
                                bool compiler_style) {
  std::string mname = compiler_style ? m->name() + " method" : "method " + m->name();
  if (alt != nullptr) {
    if (m->name() != alt->name()) {
      return "(missing " + mname + ")\n\t\thave " + FuncString(alt, qf) + "\n\t\twant " +
             FuncString(m, qf);
    }
    if (Identical(m->type(), alt->type())) return "(" + mname + " has pointer receiver)";
    return "(wrong type for " + mname + ")\n\t\thave " + FuncString(alt, qf) + "\n\t\twant " +
           FuncString(m, qf);
  }
  for (Type* x : {V, T}) {
    if (IsInterfacePtr(x)) {
      auto* p = DynCast<Pointer>(Under(x));
      if (IsTypeParam(p->elem())) {
        return "(type " + TypeString(x, qf) + " is pointer to type parameter, not type parameter)";
      }
      return "(type " + TypeString(x, qf) + " is pointer to interface, not interface)";
    }
  }
  return "(missing " + mname + ")";
}

bool Implements(Type* V, Type* T, const Qualifier& qf, std::string* err, bool compiler_style) {
  Type* invalid = Typ(BasicKind::kInvalid);
  Type* vu = Under(V);
  Type* tu = Under(T);
  if (vu == invalid || tu == invalid) return true;
  if (auto* p = DynCast<Pointer>(vu); p != nullptr && Under(p->elem()) == invalid) return true;
  auto fail = [&](std::string msg) {
    if (err != nullptr) *err = std::move(msg);
    return false;
  };
  auto* ti = DynCast<Interface>(tu);
  if (ti == nullptr) {
    std::string cause = IsInterfacePtr(tu)
                            ? "type " + TypeString(T, qf) + " is pointer to interface, not interface"
                            : TypeString(T, qf) + " is not an interface";
    return fail(TypeString(V, qf) + " does not implement " + TypeString(T, qf) + " (" + cause + ")");
  }
  if (ti->Empty()) return true;
  auto* vi = DynCast<Interface>(vu);
  if (vi != nullptr && vi->GetTypeSet()->IsEmpty()) return true;
  const TypeSet* tts = ti->GetTypeSet();
  if (tts->IsEmpty()) return fail("cannot implement " + TypeString(T, qf) + " (empty type set)");
  if (MissingMethodResult mm = MissingMethod(V, ti, true); mm.method != nullptr) {
    return fail(TypeString(V, qf) + " does not implement " + TypeString(T, qf) + " " +
                MissingMethodReason(V, T, mm.method, mm.alt, qf, compiler_style));
  }
  std::string pending;
  if (ti->IsComparable() && !ComparableEx(V, false, nullptr)) {
    pending = TypeString(V, qf) + " does not implement comparable";
  }
  if (!tts->HasTerms()) return pending.empty() ? true : fail(pending);
  if (vi != nullptr) {
    if (!TermListSubsetOf(vi->GetTypeSet()->terms(), tts->terms())) {
      return fail(TypeString(V, qf) + " does not implement " + TypeString(T, qf));
    }
    return pending.empty() ? true : fail(pending);
  }
  Type* alt = nullptr;
  bool none = tts->Is([&](const Term* t) {
    if (!TermListIncludes(TermList{*t}, V)) {
      if (alt == nullptr && !t->tilde && Identical(t->type, Under(t->type))) {
        if (TermListIncludes(TermList{Term{true, t->type}}, V)) alt = t->type;
      }
      return true;
    }
    return false;
  });
  if (none) {
    if (alt != nullptr) {
      return fail(TypeString(V, qf) + " does not implement " + TypeString(T, qf) +
                  " (possibly missing ~ for " + TypeString(alt, qf) + " in constraint " +
                  TypeString(T, qf) + ")");
    }
    std::string terms;
    for (size_t i = 0; i < tts->terms().size(); i++) {
      if (i > 0) terms += " | ";
      terms += TermString(tts->terms()[i]);
    }
    return fail(TypeString(V, qf) + " does not implement " + TypeString(T, qf) + " (" +
                TypeString(V, qf) + " missing in " + terms + ")");
  }
  return pending.empty() ? true : fail(pending);
}

}  // namespace heapmap::types
