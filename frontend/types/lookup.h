// frontend/types/lookup.h — field and method lookup through embedded fields, missing methods (types2/lookup.go).
#ifndef HEAPMAP_FRONTEND_TYPES_LOOKUP_H_
#define HEAPMAP_FRONTEND_TYPES_LOOKUP_H_

#include <string_view>
#include <vector>

#include "frontend/types/object.h"
#include "frontend/types/typestring.h"
#include "frontend/types/type.h"

namespace heapmap::types {

// Result of LookupFieldOrMethod (types2's (obj, index, indirect)):
//  - obj != null: found; index is the path of field indices through embedded fields
//    (the last entry is the field's or method's own index: the method index in the Named's
//    method list or the interface's type set); indirect: a pointer was dereferenced on
//    the way (for a method: the receiver is a pointer, or a pointer indirection happened).
//  - obj == null, index non-empty: ambiguous (index is the depth's path as in types2).
//  - obj == null, index empty, indirect: found only a method with a pointer receiver,
//    but T is not addressable (types2's "not in method set").
//  - obj == null, index empty, !indirect: not found.
struct LookupResult {
  Object* obj = nullptr;
  std::vector<int> index;
  bool indirect = false;
};

// Looks up a field or method named name (in package pkg, for unexported names) in T, as
// types2 LookupFieldOrMethod: T may be a pointer to a named type; addressable is whether
// T's value is addressable (a pointer-receiver method is then found too).
LookupResult LookupFieldOrMethod(Type* t, bool addressable, const Package* pkg,
                                 std::string_view name);
// With ASCII case folding of names (for "did you mean" errors): types2's foldCase.
LookupResult LookupFieldOrMethodFold(Type* t, bool addressable, const Package* pkg,
                                     std::string_view name, bool fold_case);

// The first method of interface T missing in V (types2 missingMethod / MissingMethod):
// static: V is a concrete type (all methods must exist), else V is an interface and only
// methods present in both must match. wrong_type: a method of that name exists with a
// different signature (alt is it), or a pointer-receiver method exists (alt set, same
// name) — as types2 (method, alt).
struct MissingMethodResult {
  Func* method = nullptr;
  Func* alt = nullptr;
  bool wrong_type = false;
};
MissingMethodResult MissingMethod(Type* v, Interface* t, bool static_);

// Whether V's method set has all methods of interface T (no type-set constraints checked).
inline bool HasAllMethods(Type* v, Interface* t) { return MissingMethod(v, t, true).method == nullptr; }

// types2 missingMethodReason: "(missing method M)", "(method M has pointer receiver)",
// "(wrong type for method M)\n\t\thave ...\n\t\twant ...", ... (compiler_style: "M method"
// instead of "method M", as gc's CompilerErrorMessages). Types printed with qf.
std::string MissingMethodReason(Type* v, Type* t, Func* m, Func* alt, const Qualifier& qf,
                                bool compiler_style = false);

// types2 Checker.implements: whether V implements T (T's methods, comparability and type
// terms). On failure returns false and, if err is non-null, types2's message
// ("V does not implement T (missing method M)", "cannot implement T (empty type set)",
// "V does not implement comparable", "... (possibly missing ~ for int in constraint T)").
// Invalid types implement everything (no follow-on errors).
bool Implements(Type* v, Type* t, const Qualifier& qf, std::string* err,
                bool compiler_style = false);

// If typ is a pointer, its element type and true; else typ, false (types2 deref).
std::pair<Type*, bool> Deref(Type* typ);
// If typ is a pointer to a struct, the pointer's element; else typ.
Type* DerefStructPtr(Type* typ);
// Index of the field named name in fields, or -1.
int FieldIndex(const std::vector<Var*>& fields, const Package* pkg, std::string_view name);
// Index and method named name in methods, or {-1, null}.
std::pair<int, Func*> LookupMethod(const std::vector<Func*>& methods, const Package* pkg,
                                   std::string_view name, bool fold_case);

}  // namespace heapmap::types

#endif  // HEAPMAP_FRONTEND_TYPES_LOOKUP_H_
