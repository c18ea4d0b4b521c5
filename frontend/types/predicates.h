// frontend/types/predicates.h — type identity and the type predicates (types2/predicates.go).
#ifndef HEAPMAP_FRONTEND_TYPES_PREDICATES_H_
#define HEAPMAP_FRONTEND_TYPES_PREDICATES_H_

#include <functional>
#include <string>

#include "frontend/types/type.h"

namespace heapmap::types {

// Type identity (the spec's). IdenticalIgnoreTags ignores struct tags.
bool Identical(Type* x, Type* y);
bool IdenticalIgnoreTags(Type* x, Type* y);

// The underlying type (types2's under): for Named its resolved underlying, otherwise
// t->Underlying(). Null-safe.
Type* Under(Type* t);

// Predicates on the underlying Basic type (false for type parameters): isBoolean, ...
bool IsBoolean(Type* t);
bool IsInteger(Type* t);
bool IsUnsigned(Type* t);
bool IsFloat(Type* t);
bool IsComplex(Type* t);
bool IsNumeric(Type* t);
bool IsString(Type* t);
bool IsIntegerOrFloat(Type* t);
bool IsConstType(Type* t);
bool IsBasicInfo(Type* t, uint32_t info);
// True for every type in t's type set if t is a type parameter (allBoolean, ...).
bool AllBoolean(Type* t);
bool AllInteger(Type* t);
bool AllUnsigned(Type* t);
bool AllNumeric(Type* t);
bool AllString(Type* t);
bool AllOrdered(Type* t);
bool AllNumericOrString(Type* t);
bool AllBasic(Type* t, uint32_t info);

// Basic, Named or TypeParam (types2 hasName).
bool HasName(Type* t);
bool IsTyped(Type* t);
bool IsUntyped(Type* t);
// An interface that is not a type parameter (types2 IsInterface / isNonTypeParamInterface).
bool IsInterface(Type* t);
bool IsTypeParam(Type* t);
// A generic Named type that is not instantiated, or a generic signature.
bool IsGeneric(Type* t);

// Comparable in the spec's sense (==); dynamic: also interfaces are allowed (types2's
// comparable(T, dynamic, nil, reportf)). reportf, if given, receives the reason why not.
bool Comparable(Type* t);
bool ComparableEx(Type* t, bool dynamic, const std::function<void(const std::string&)>& reportf);

// Whether nil is assignable to t (types2 hasNil).
bool HasNil(Type* t);

// The core type (spec) of t, or null: the underlying type, or for a type parameter the
// single underlying type of all of its type set (channels with compatible directions).
Type* CoreType(Type* t);
// Like CoreType but treats []byte and string as the same (types2 coreString).
Type* CoreString(Type* t);

// The default type of an untyped type (untyped int -> int, ...); t otherwise.
Type* Default(Type* t);

// Calls f with the underlying type of every term of t's type set if t is a type parameter
// (f(nullptr) for an unconstrained set), or with Under(t); returns true if all calls did
// (types2 underIs).
bool UnderIs(Type* t, const std::function<bool(Type*)>& f);

}  // namespace heapmap::types

#endif  // HEAPMAP_FRONTEND_TYPES_PREDICATES_H_
