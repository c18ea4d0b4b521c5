// ir/stencil.h — gc 1.19's GC-shape stenciling, the parts lowering needs: shape types
// (typecheck.Shapify), gc's LinkString of a type, and the names of shape instantiations.
//
// gc compiles a generic function once per list of shapes its type arguments have (noder/
// stencil.go), in every package that instantiates it: F[go.shape.int_0], methods of a
// generic type as (*T[go.shape.*uint8_0]).M. Two type arguments have the same shape when
// their underlying types are identical, or when both are pointers (not to arrays, and the
// type parameter's constraint has no core type). A shape is a named type of package
// "go.shape" whose name is the underlying type's LinkString and the parameter's index.
#ifndef HEAPMAP_IR_STENCIL_H_
#define HEAPMAP_IR_STENCIL_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "frontend/types/checker.h"
#include "frontend/types/object.h"
#include "frontend/types/package.h"
#include "frontend/types/type.h"

namespace heapmap::ir::lower {

// objabi.PathToPrefix: a package path as it appears in link symbols (control characters,
// '%', '"' and the dots of the last path element escaped as %xx).
std::string PathToPrefix(std::string_view path);

// types.Type.LinkString (fmtTypeID): the unique text of a type, package paths in full
// ("[]example.com/p.T", "struct { example.com/p.x int; Y string }", "go.shape.int_0").
std::string LinkString(types::Type* t);

// "[A,B]": an instantiation's type argument list as gc names instances (InstTypeName).
std::string TypeArgList(const std::vector<types::Type*>& args);

// Whether t mentions a type parameter (a generic body's types before stenciling).
bool HasTypeParam(types::Type* t);

// The fully instantiated generic types with methods a package's code uses (gc's
// instTypeList: every such type irgen converts, and the instances substitution creates
// inside them), ordered by LinkString. Their methods are stenciled in the package.
std::vector<types::Named*> InstantiatedTypes(const types::Info& info);

// The shapes of one package's compilation, and the types substituted with them. Not
// thread-safe: one per LowerPackage call.
class ShapeTable {
 public:
  ShapeTable();
  ~ShapeTable();
  ShapeTable(const ShapeTable&) = delete;
  ShapeTable& operator=(const ShapeTable&) = delete;

  // typecheck.Shapify as getInstantiation calls it: the shape of type argument t for the
  // index-th type parameter tparam (a shape argument is reshaped from its underlying type).
  types::Type* Shapify(types::Type* t, int index, types::TypeParam* tparam);
  bool IsShape(const types::Type* t) const { return shapes_.contains(t); }
  // t with tparams[i] replaced by args[i] (new types allocated here; no canonicalization).
  types::Type* Subst(types::Type* t, const std::vector<types::TypeParam*>& tparams,
                     const std::vector<types::Type*>& args);

 private:
  std::unique_ptr<types::Package> pkg_;  // "go.shape": owns the shapes and substituted types
  absl::flat_hash_map<std::string, types::Named*> by_name_;
  absl::flat_hash_set<const types::Type*> shapes_;
};

}  // namespace heapmap::ir::lower

#endif  // HEAPMAP_IR_STENCIL_H_
