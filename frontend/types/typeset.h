// frontend/types/typeset.h — type sets of interfaces and unions (types2 typeset.go, termlist.go, typeterm.go).
//
// A TypeSet is immutable once built. Interface::GetTypeSet computes it lazily with no
// error reporting; the checker should call ComputeInterfaceTypeSet with an error callback
// for each interface of its package (types2 does so in a `later` action) so that every
// interface of a complete package already has its type set.
#ifndef HEAPMAP_FRONTEND_TYPES_TYPESET_H_
#define HEAPMAP_FRONTEND_TYPES_TYPESET_H_

#include <functional>
#include <string>
#include <vector>

#include "frontend/syntax/ast.h"
#include "frontend/types/type.h"

namespace heapmap::types {

// A normalized union of terms: empty = no types, a single {false, nullptr} = all types.
using TermList = std::vector<Term>;

class TypeSet {
 public:
  TypeSet() : terms_{Term{}} {}  // all types, no methods
  TypeSet(std::vector<Func*> methods, TermList terms, bool comparable)
      : methods_(std::move(methods)), terms_(std::move(terms)), comparable_(comparable) {}

  bool IsEmpty() const { return terms_.empty(); }
  bool IsAll() const { return IsMethodSet() && methods_.empty(); }
  bool IsMethodSet() const;
  // Every type in the set is comparable.
  bool IsComparable() const;
  int NumMethods() const { return static_cast<int>(methods_.size()); }
  Func* Method(int i) const { return methods_[i]; }
  const std::vector<Func*>& methods() const { return methods_; }  // sorted by Id (SortMethods)
  // Index and method named name in pkg (foldCase: ASCII case-insensitive), or {-1, null}.
  std::pair<int, Func*> LookupMethod(const Package* pkg, std::string_view name, bool fold_case) const;
  const TermList& terms() const { return terms_; }
  bool comparable() const { return comparable_; }
  // Has specific terms (neither empty nor all).
  bool HasTerms() const;
  // f over every term (f(nullptr) for all types); false if any call is false.
  bool Is(const std::function<bool(const Term*)>& f) const;
  // f over the underlying type of every term (f(nullptr) for all types).
  bool UnderIs(const std::function<bool(Type*)>& f) const;
  std::string String() const;

 private:
  std::vector<Func*> methods_;
  TermList terms_;
  bool comparable_ = false;
};

// Error sink for type-set computation: (position, message) as types2 reports them.
using TypeSetErrorFn = std::function<void(syntax::Pos, const std::string&)>;

// Computes (once) and returns the interface's type set, reporting errors (duplicate
// methods, invalid embedded types, overlapping/too many union terms, comparable in a
// union) through err if non-null. pos: position for the errors without a better one.
const TypeSet* ComputeInterfaceTypeSet(Interface* ityp, syntax::Pos pos,
                                       const TypeSetErrorFn& err = nullptr);

// Term list algebra (exposed for the checker: union overlap checks, constraint satisfaction).
bool TermListIncludes(const TermList& l, Type* t);
bool TermListSubsetOf(const TermList& x, const TermList& y);
TermList TermListUnion(const TermList& x, const TermList& y);
TermList TermListIntersect(const TermList& x, const TermList& y);
// Whether x and y are disjoint terms (types2 term.disjoint; both non-null types).
bool TermDisjoint(const Term& x, const Term& y);
std::string TermString(const Term& t);

// Maximum number of terms a union may have (types2 maxTermCount).
inline constexpr int kMaxTermCount = 100;

// Sorts methods byte-wise by their Id, as go/types' sortMethods (types2 uses object.less,
// ObjectLess in object.h). The checker must sort an interface's explicit methods with this
// (go/types does, in interfaceType) so that interface strings match go/types.
void SortMethods(std::vector<Func*>* methods);

}  // namespace heapmap::types

#endif  // HEAPMAP_FRONTEND_TYPES_TYPESET_H_
