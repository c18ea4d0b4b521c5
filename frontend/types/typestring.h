// frontend/types/typestring.h — types and objects as strings, exactly as go/types prints them.
#ifndef HEAPMAP_FRONTEND_TYPES_TYPESTRING_H_
#define HEAPMAP_FRONTEND_TYPES_TYPESTRING_H_

#include <functional>
#include <string>

#include "frontend/types/object.h"
#include "frontend/types/type.h"

namespace heapmap::types {

class Context;

// How a package-qualified name is printed: the qualifier returns the prefix for pkg
// ("" for none); a null Qualifier prints the package path (as types2 with qf == nil).
using Qualifier = std::function<std::string(const Package*)>;

// A qualifier that omits pkg and prints other packages by path (types2 RelativeTo).
Qualifier RelativeTo(const Package* pkg);

std::string TypeString(Type* t, const Qualifier& qf = nullptr);
// As TypeString, with function types' parameters and results unnamed ("func(string) int"),
// as gc's type format prints them.
std::string TypeStringWithoutParamNames(Type* t, const Qualifier& qf = nullptr);
// Writes an instance's type argument list, brackets included (gc prints its own form).
using TypeArgsWriter = std::function<void(std::string* buf, Named* instance)>;
// As TypeStringWithoutParamNames, with instances' argument lists written by `targs`.
std::string TypeStringWithoutParamNames(Type* t, const Qualifier& qf, const TypeArgsWriter& targs);
void WriteType(std::string* buf, Type* t, const Qualifier& qf = nullptr);
// The signature without the leading "func".
void WriteSignature(std::string* buf, Signature* sig, const Qualifier& qf = nullptr);
std::string ObjectString(Object* obj, const Qualifier& qf = nullptr);

// The type hash used by Context (types2 typeHasher): a string that is equal for identical
// types (type parameters written with their unique ids).
void WriteTypeHash(std::string* buf, Type* t, Context* ctxt);

}  // namespace heapmap::types

#endif  // HEAPMAP_FRONTEND_TYPES_TYPESTRING_H_
