// frontend/types/typeset.cc — type sets and term lists (types2 typeset.go, termlist.go, typeterm.go).
#include "frontend/types/typeset.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "frontend/types/lookup.h"
#include "frontend/types/object.h"
#include "frontend/types/predicates.h"
#include "frontend/types/typestring.h"
#include "frontend/types/universe.h"

namespace heapmap::types {

bool TypeSetIsComparable(const TypeSet* ts, absl::flat_hash_set<Type*>* seen);
bool ComparableSeen(Type* t, absl::flat_hash_set<Type*>* seen);  // predicates.cc
bool TermListEqual(const TermList& x, const TermList& y);
TermList UnionTermList(Union* u);

namespace {

// Term algebra. A TermList never holds ∅ terms (types2's nil *term): they are dropped.
bool IsAllTerm(const Term& t) { return t.type == nullptr; }

bool TermListIsAll(const TermList& l) {
  for (const Term& t : l) {
    if (IsAllTerm(t)) return true;
  }
  return false;
}

// x ∪ y as one term (returns 1) or two disjoint terms (returns 2).
int TermUnion(const Term& x, const Term& y, Term* out) {
  if (IsAllTerm(x)) return *out = x, 1;
  if (IsAllTerm(y)) return *out = y, 1;
  if (TermDisjoint(x, y)) return 2;
  *out = (x.tilde || !y.tilde) ? x : y;
  return 1;
}

// x ∩ y; false if empty.
bool TermIntersect(const Term& x, const Term& y, Term* out) {
  if (IsAllTerm(x)) return *out = y, true;
  if (IsAllTerm(y)) return *out = x, true;
  if (TermDisjoint(x, y)) return false;
  *out = (!x.tilde || y.tilde) ? x : y;
  return true;
}

bool TermIncludes(const Term& x, Type* t) {
  if (IsAllTerm(x)) return true;
  Type* u = t;
  if (x.tilde) u = Under(u);
  return Identical(x.type, u);
}

bool TermSubsetOf(const Term& x, const Term& y) {
  if (IsAllTerm(y)) return true;
  if (IsAllTerm(x)) return false;
  if (TermDisjoint(x, y)) return false;
  return !x.tilde || y.tilde;
}

TermList Norm(const TermList& xl) {
  std::vector<bool> used(xl.size());
  TermList rl;
  for (size_t i = 0; i < xl.size(); i++) {
    if (used[i]) continue;
    Term xi = xl[i];
    for (size_t j = i + 1; j < xl.size(); j++) {
      if (used[j]) continue;
      Term u;
      if (TermUnion(xi, xl[j], &u) == 1) {
        if (IsAllTerm(u)) return TermList{Term{}};
        xi = u;
        used[j] = true;
      }
    }
    rl.push_back(xi);
  }
  return rl;
}

bool TermListSupersetOf(const TermList& xl, const Term& y) {
  for (const Term& x : xl) {
    if (TermSubsetOf(y, x)) return true;
  }
  return false;
}

const TypeSet* TopTypeSet() {
  static const TypeSet* top = new TypeSet();
  return top;
}
const TypeSet* InvalidTypeSet() {
  static const TypeSet* invalid = new TypeSet({}, TermList{}, false);
  return invalid;
}

std::pair<TermList, bool> IntersectTermLists(const TermList& xterms, bool xcomp,
                                             const TermList& yterms, bool ycomp) {
  TermList terms = TermListIntersect(xterms, yterms);
  bool comp = xcomp || ycomp;
  if (comp && !TermListIsAll(terms)) {
    TermList kept;
    for (const Term& t : terms) {
      if (Comparable(t.type)) kept.push_back(t);
    }
    terms = std::move(kept);
    if (!TermListIsAll(terms)) comp = false;
  }
  return {std::move(terms), comp};
}

// Interfaces whose type set is being computed on this thread (cycle guard: types2
// installs a provisional "all types" set instead, which we cannot do before publishing).
thread_local absl::flat_hash_set<Interface*>* in_progress = nullptr;

using UnionSets = absl::flat_hash_map<Union*, const TypeSet*>;

const TypeSet* ComputeUnion(Union* utyp, syntax::Pos pos, const TypeSetErrorFn& err,
                            UnionSets* sets, std::vector<std::unique_ptr<TypeSet>>* owned);

const TypeSet* ComputeIface(Interface* ityp, syntax::Pos pos, const TypeSetErrorFn& err) {
  if (const TypeSet* ts = ityp->type_set_if_computed()) return ts;
  if (!ityp->complete()) return TopTypeSet();
  absl::flat_hash_set<Interface*> local;
  bool outer = in_progress == nullptr;
  if (outer) in_progress = &local;
  if (!in_progress->insert(ityp).second) return TopTypeSet();  // invalid cycle
  // An invalid cycle through ever new instances (I[P] interface{ I[*P] }, go/types
  // testdata issue48951) never repeats an Interface: bound the depth instead.
  if (in_progress->size() > 100) {
    in_progress->erase(ityp);
    return TopTypeSet();
  }

  std::vector<Func*> all_methods;
  absl::flat_hash_map<std::string, Func*> seen;  // by Id
  auto add_method = [&](syntax::Pos mpos, Func* m, bool explicit_) {
    auto [it, inserted] = seen.try_emplace(m->Id(), m);
    if (inserted) {
      all_methods.push_back(m);
      return;
    }
    // Embedded duplicates are fine if the signatures are identical (Go 1.14).
    if ((explicit_ || !Identical(m->type(), it->second->type())) && err) {
      err(mpos.IsKnown() ? mpos : m->pos(), "duplicate method " + m->name());
    }
  };
  for (Func* m : ityp->explicit_methods()) add_method(m->pos(), m, true);

  TermList all_terms{Term{}};
  bool all_comparable = false;
  UnionSets union_sets;
  std::vector<std::unique_ptr<TypeSet>> owned;
  for (int i = 0; i < ityp->NumEmbeddeds(); i++) {
    Type* typ = ityp->EmbeddedType(i);
    syntax::Pos epos;
    if (i < static_cast<int>(ityp->embed_pos().size())) epos = ityp->embed_pos()[i];
    bool comparable = false;
    TermList terms;
    Type* u = Under(typ);
    if (auto* ui = DynCast<Interface>(u); ui != nullptr && !IsTypeParam(typ)) {
      const TypeSet* tset = ComputeIface(ui, epos, err);
      comparable = tset->comparable();
      for (Func* m : tset->methods()) add_method(epos, m, false);
      terms = tset->terms();
    } else if (auto* un = DynCast<Union>(u)) {
      const TypeSet* tset = ComputeUnion(un, epos, err, &union_sets, &owned);
      if (tset == InvalidTypeSet()) continue;
      terms = tset->terms();
    } else {
      if (u == Typ(BasicKind::kInvalid)) continue;
      terms = TermList{Term{false, typ}};
    }
    std::tie(all_terms, all_comparable) =
        IntersectTermLists(all_terms, all_comparable, terms, comparable);
  }
  SortMethods(&all_methods);
  in_progress->erase(ityp);
  if (outer) in_progress = nullptr;
  return ityp->InstallTypeSet(new TypeSet(std::move(all_methods), std::move(all_terms), all_comparable));
}

const TypeSet* ComputeUnion(Union* utyp, syntax::Pos pos, const TypeSetErrorFn& err,
                            UnionSets* sets, std::vector<std::unique_ptr<TypeSet>>* owned) {
  if (auto it = sets->find(utyp); it != sets->end()) return it->second;
  TermList all_terms;
  for (const Term& t0 : utyp->terms()) {
    TermList terms;
    Type* u = Under(t0.type);
    if (auto* ui = DynCast<Interface>(u); ui != nullptr && !IsTypeParam(t0.type)) {
      terms = ComputeIface(ui, pos, err)->terms();
    } else if (u == Typ(BasicKind::kInvalid)) {
      continue;
    } else {
      if (t0.tilde && !Identical(t0.type, u)) continue;  // ∅ term
      terms = TermList{t0};
    }
    all_terms = TermListUnion(all_terms, terms);
    if (static_cast<int>(all_terms.size()) > kMaxTermCount) {
      if (err) {
        err(pos, "cannot handle more than " + std::to_string(kMaxTermCount) +
                     " union terms (implementation limitation)");
      }
      (*sets)[utyp] = InvalidTypeSet();
      return InvalidTypeSet();
    }
  }
  owned->push_back(std::make_unique<TypeSet>(std::vector<Func*>{}, std::move(all_terms), false));
  (*sets)[utyp] = owned->back().get();
  return owned->back().get();
}

}  // namespace

bool TermDisjoint(const Term& x, const Term& y) {
  Type* ux = x.type;
  if (y.tilde) ux = Under(ux);
  Type* uy = y.type;
  if (x.tilde) uy = Under(uy);
  return !Identical(ux, uy);
}

std::string TermString(const Term& t) {
  if (t.type == nullptr) return "𝓤";
  return (t.tilde ? "~" : "") + TypeString(t.type);
}

bool TermListIncludes(const TermList& l, Type* t) {
  for (const Term& x : l) {
    if (TermIncludes(x, t)) return true;
  }
  return false;
}

bool TermListSubsetOf(const TermList& xl, const TermList& yl) {
  if (yl.empty()) return xl.empty();
  for (const Term& x : xl) {
    if (!TermListSupersetOf(yl, x)) return false;
  }
  return true;
}

bool TermListEqual(const TermList& x, const TermList& y) {
  return TermListSubsetOf(x, y) && TermListSubsetOf(y, x);
}

TermList TermListUnion(const TermList& x, const TermList& y) {
  TermList all = x;
  all.insert(all.end(), y.begin(), y.end());
  return Norm(all);
}

TermList TermListIntersect(const TermList& xl, const TermList& yl) {
  if (xl.empty() || yl.empty()) return {};
  TermList rl;
  for (const Term& x : xl) {
    for (const Term& y : yl) {
      Term r;
      if (TermIntersect(x, y, &r)) rl.push_back(r);
    }
  }
  return Norm(rl);
}

TermList UnionTermList(Union* u) {
  UnionSets sets;
  std::vector<std::unique_ptr<TypeSet>> owned;
  return ComputeUnion(u, syntax::Pos{}, nullptr, &sets, &owned)->terms();
}

// go/types order (byte-wise by Id), not types2's object.less: the oracle is go/types, and
// the order shows in interface strings and in method indices of lookup paths.
void SortMethods(std::vector<Func*>* methods) {
  std::vector<std::pair<std::string, Func*>> keyed;
  keyed.reserve(methods->size());
  for (Func* m : *methods) keyed.emplace_back(m->Id(), m);
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < keyed.size(); i++) (*methods)[i] = keyed[i].second;
}

const TypeSet* ComputeInterfaceTypeSet(Interface* ityp, syntax::Pos pos, const TypeSetErrorFn& err) {
  return ComputeIface(ityp, pos, err);
}

// ----------------------------------------------------------------------------
// TypeSet.

bool TypeSet::IsMethodSet() const { return !comparable_ && TermListIsAll(terms_); }

bool TypeSet::HasTerms() const { return !terms_.empty() && !TermListIsAll(terms_); }

bool TypeSetIsComparable(const TypeSet* ts, absl::flat_hash_set<Type*>* seen) {
  if (TermListIsAll(ts->terms())) return ts->comparable();
  return ts->Is([seen](const Term* t) { return t != nullptr && ComparableSeen(t->type, seen); });
}

bool TypeSet::IsComparable() const {
  absl::flat_hash_set<Type*> seen;
  return TypeSetIsComparable(this, &seen);
}

std::pair<int, Func*> TypeSet::LookupMethod(const Package* pkg, std::string_view name,
                                            bool fold_case) const {
  return types::LookupMethod(methods_, pkg, name, fold_case);
}

bool TypeSet::Is(const std::function<bool(const Term*)>& f) const {
  if (!HasTerms()) return f(nullptr);
  for (const Term& t : terms_) {
    if (!f(&t)) return false;
  }
  return true;
}

bool TypeSet::UnderIs(const std::function<bool(Type*)>& f) const {
  if (!HasTerms()) return f(nullptr);
  for (const Term& t : terms_) {
    Type* u = t.type;
    if (!t.tilde) u = Under(u);
    if (!f(u)) return false;
  }
  return true;
}

std::string TypeSet::String() const {
  if (IsEmpty()) return "∅";
  if (IsAll()) return "𝓤";
  bool has_methods = !methods_.empty();
  bool has_terms = HasTerms();
  std::string s = "{";
  if (comparable_) {
    s += "comparable";
    if (has_methods || has_terms) s += "; ";
  }
  for (size_t i = 0; i < methods_.size(); i++) {
    if (i > 0) s += "; ";
    s += ObjectString(methods_[i]);
  }
  if (has_methods && has_terms) s += "; ";
  if (has_terms) {
    for (size_t i = 0; i < terms_.size(); i++) {
      if (i > 0) s += " | ";
      s += TermString(terms_[i]);
    }
  }
  s += "}";
  return s;
}

}  // namespace heapmap::types
