// frontend/types/checker.h — the Go type checker proper: check one package, record what escape analysis needs.
//
// Port of types2 (Go 1.19) check.go and api.go, on heapmap's syntax tree. CheckPackage
// type-checks the parsed files of one package against its (already complete) imports and
// fills an Info: a TypeAndValue for every expression, the object of every identifier, the
// selections, the instances, and — what go/types does not record but escape analysis
// needs — every implicit conversion of a non-interface value to an interface type.
//
// Thread-safety: one call per package; packages that do not import each other may be
// checked concurrently (each call allocates only in its own Package's arena and in the
// shared, internally synchronized instance Context).
#ifndef HEAPMAP_FRONTEND_TYPES_CHECKER_H_
#define HEAPMAP_FRONTEND_TYPES_CHECKER_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "frontend/syntax/ast.h"
#include "frontend/syntax/parser.h"
#include "frontend/types/constant.h"
#include "frontend/types/object.h"
#include "frontend/types/package.h"
#include "frontend/types/type.h"

namespace heapmap::types {

class Context;
class Sizes;

// The mode of an expression (types2 operandMode). kNil is types2's nilvalue.
enum class Mode : uint8_t {
  kInvalid,
  kNoValue,   // a call without results
  kBuiltin,   // a built-in function name
  kTypeExpr,  // a type
  kConstant,  // a constant; value is set
  kVariable,  // an addressable variable
  kMapIndex,  // m[k]: assignable, not addressable; comma-ok capable
  kValue,     // a computed value
  kNil,       // the untyped nil
  kCommaOk,   // a value that may be used in a comma-ok assignment
  kCommaErr,  // a cgo call returning (value, error)
};

struct TypeAndValue {
  Mode mode = Mode::kInvalid;
  Type* type = nullptr;
  constant::Value value;  // for kConstant
};

// A selector x.f that is not a package-qualified identifier (go/types Selection, plus
// what an implicit receiver adjustment does).
enum class SelKind : uint8_t { kFieldVal, kMethodVal, kMethodExpr };
struct SelectionInfo {
  SelKind kind = SelKind::kFieldVal;
  Type* recv = nullptr;    // the type of x
  Object* obj = nullptr;   // the field (Var) or method (Func); for methods of instances, the instance's
  std::vector<int> index;  // path through embedded fields; last: the field's or method's index
  bool indirect = false;   // a pointer was dereferenced on the way (go/types)
  // Method values and calls only: the receiver is implicitly addressed (x.M() with a
  // pointer receiver and addressable x: (&x).M()) or dereferenced ((*p).M() with a value
  // receiver).
  bool implicit_addr = false;
  bool implicit_deref = false;
};

// An instantiation of a generic type or function at an identifier (go/types Instance).
struct InstanceInfo {
  std::vector<Type*> type_args;
  Type* type = nullptr;  // the instantiated type or signature
};

// An implicit conversion of a value of non-interface type `from` to interface type `to`.
enum class ConvContext : uint8_t {
  kAssign,      // assignment, var decl, define
  kArgument,    // call argument (incl. variadic elements)
  kReturn,      // return statement
  kSend,        // channel send
  kCompositeElem,  // element of a slice/array/struct literal
  kMapKey,      // composite literal map key
  kMapValue,    // composite literal map value
  kCompare,     // x == y / x != y (also switch cases) of an interface and a non-interface
  kOther,       // delete, map index, switch tag, ...
};
struct InterfaceConversion {
  const syntax::Expr* expr = nullptr;  // the converted expression
  Type* from = nullptr;
  Type* to = nullptr;
  ConvContext context = ConvContext::kAssign;
};

struct Info {
  absl::flat_hash_map<const syntax::Expr*, TypeAndValue> types;
  absl::flat_hash_map<const syntax::Name*, Object*> defs;
  absl::flat_hash_map<const syntax::Name*, Object*> uses;
  // Implicitly declared objects: import specs without rename (PkgName), type switch
  // case clauses (the per-clause Var), and unnamed function parameters' fields.
  absl::flat_hash_map<const syntax::Node*, Object*> implicits;
  absl::flat_hash_map<const syntax::SelectorExpr*, SelectionInfo> selections;
  absl::flat_hash_map<const syntax::Name*, InstanceInfo> instances;
  absl::flat_hash_map<const syntax::Node*, Scope*> scopes;
  std::vector<InterfaceConversion> conversions;
};

struct TypeError {
  int file = -1;  // index into the files passed to CheckPackage; -1 for none
  syntax::Pos pos;
  std::string message;
  bool soft = false;  // unused imports/variables and the like (go/types "soft")
};

struct CheckConfig {
  const Sizes* sizes = nullptr;  // default: gc amd64
  Context* context = nullptr;    // shared by a program's packages; default: the package's own
  // Resolves an import path as written in a file to a complete package, or null.
  std::function<Package*(std::string_view path)> importer;
  bool ignore_func_bodies = false;
  int go_minor = 23;  // language version 1.N for version-dependent rules
  // When false (default), Info::types is still filled; set to skip expression recording.
  bool record_types = true;
};

// Type-checks files (all of one package) into pkg, whose name is taken from the first
// file. Never throws or crashes on any input; errors are appended in order of discovery.
// Marks pkg complete at the end.
void CheckPackage(const CheckConfig& config, Package* pkg,
                  const std::vector<const syntax::ParsedFile*>& files, Info* info,
                  std::vector<TypeError>* errors);

// "file:line:col: message".
std::string FormatTypeError(const std::vector<const syntax::ParsedFile*>& files,
                            const TypeError& error);

}  // namespace heapmap::types

#endif  // HEAPMAP_FRONTEND_TYPES_CHECKER_H_
