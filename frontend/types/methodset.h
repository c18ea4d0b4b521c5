// frontend/types/methodset.h — method sets with selection paths (go/types methodset.go, selection.go).
#ifndef HEAPMAP_FRONTEND_TYPES_METHODSET_H_
#define HEAPMAP_FRONTEND_TYPES_METHODSET_H_

#include <string>
#include <string_view>
#include <vector>

#include "frontend/types/object.h"
#include "frontend/types/type.h"
#include "frontend/types/typestring.h"

namespace heapmap::types {

enum class SelectionKind : uint8_t { kFieldVal, kMethodVal, kMethodExpr };

// A selector x.f (go/types Selection), minus Type() (which needs allocation; the checker
// computes selector types itself).
struct Selection {
  SelectionKind kind = SelectionKind::kMethodVal;
  Type* recv = nullptr;     // the type of x
  Object* obj = nullptr;    // the Var or Func
  std::vector<int> index;   // path through embedded fields; last: field or method index
  bool indirect = false;    // a pointer indirection is needed to reach f
};

class Arena;

// The type of the selector expression (go/types Selection.Type): the field's type; for a
// method value the method's signature with s.recv as receiver; for a method expression
// T.m the signature with the receiver moved to the first parameter (func(T, args...)).
// New signatures are allocated in arena.
Type* SelectionType(Arena* arena, const Selection& s);
// "field (T) f int", "method (T) m(x int)", "method expr (T) m(T, int)" (go/types).
std::string SelectionString(const Selection& s, const Qualifier& qf = nullptr);

// The method set of a type (go/types MethodSet): entries sorted by Id. For a pointer to a
// named type, includes pointer-receiver methods.
class MethodSet {
 public:
  int Len() const { return static_cast<int>(list_.size()); }
  const Selection& At(int i) const { return list_[i]; }
  // The entry for (pkg, name), or null.
  const Selection* Lookup(const Package* pkg, std::string_view name) const;
  // "MethodSet {\n\tmethod (T) M()\n}" style, as go/types String (Qualifier: paths).
  std::string String() const;

  std::vector<Selection>& mutable_list() { return list_; }

 private:
  std::vector<Selection> list_;
};

MethodSet NewMethodSet(Type* t);

}  // namespace heapmap::types

#endif  // HEAPMAP_FRONTEND_TYPES_METHODSET_H_
