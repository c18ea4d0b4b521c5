// frontend/types/object.h — named language entities: packages, constants, types, variables, functions, labels, builtins, nil.
//
// Port of types2/object.go (Go 1.19). Objects are allocated in the arena of their package
// (types::Arena; universe objects in the universe's) and, like types, are mutated only by
// the checker of their own package (type, order/color, used flags) before the package is
// complete. Dispatch on kind() and cast with DynCast<Var>(obj) etc.
#ifndef HEAPMAP_FRONTEND_TYPES_OBJECT_H_
#define HEAPMAP_FRONTEND_TYPES_OBJECT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "frontend/syntax/ast.h"
#include "frontend/types/type.h"

namespace heapmap::types {

class Package;
class Scope;

enum class ObjectKind : uint8_t {
  kPkgName,
  kConst,
  kTypeName,
  kVar,
  kFunc,
  kLabel,
  kBuiltin,
  kNil,
};

class Object {
 public:
  Object& operator=(const Object&) = delete;

  ObjectKind kind() const { return kind_; }
  // The scope in which the object is declared; null for methods and struct fields.
  Scope* parent() const { return parent_; }
  void set_parent(Scope* s) { parent_ = s; }
  // Declaration position (gc's: the name's position); file index in the package's file
  // list (-1 for none: universe, unsafe, synthesized objects).
  syntax::Pos pos() const { return pos_; }
  int32_t file() const { return file_; }
  void set_file(int32_t f) { file_ = f; }
  // Null for universe objects (and for labels' and nil's package, as types2: nil has none).
  Package* pkg() const { return pkg_; }
  const std::string& name() const { return name_; }
  Type* type() const { return type_; }
  void set_type(Type* t) { type_ = t; }

  bool Exported() const { return IsExported(name_); }
  // The name if exported, else "path.name" (types2's Id): the key for method and field
  // lookup across packages.
  std::string Id() const;
  // Reports whether this object's name and package equal name and pkg (Id equality
  // without building strings).
  bool SameId(const Package* pkg, std::string_view name) const;

  // Checker bookkeeping (types2): package-level source order (> 0), the colour used for
  // cycle detection (0 white, 1 black, >= 2 grey: index into the object path + 2), and the
  // start of the scope in which the object is visible (LookupParent).
  uint32_t order() const { return order_; }
  void set_order(uint32_t o) { order_ = o; }
  uint32_t color() const { return color_; }
  void set_color(uint32_t c) { color_ = c; }
  syntax::Pos scope_pos() const { return scope_pos_; }
  void set_scope_pos(syntax::Pos p) { scope_pos_ = p; }

  static bool IsExported(std::string_view name);

 protected:
  Object(ObjectKind kind, syntax::Pos pos, Package* pkg, std::string name, Type* type)
      : kind_(kind), pos_(pos), pkg_(pkg), name_(std::move(name)), type_(type) {}
  Object(const Object&) = default;  // for substitution's copies of Vars and Funcs
  ~Object() = default;

 private:
  ObjectKind kind_;
  Scope* parent_ = nullptr;
  syntax::Pos pos_;
  int32_t file_ = -1;
  Package* pkg_;
  std::string name_;
  Type* type_;
  uint32_t order_ = 0;
  uint32_t color_ = 0;
  syntax::Pos scope_pos_;
};

template <typename T>
inline bool Isa(const Object* o) {
  return o != nullptr && o->kind() == T::kKind;
}
template <typename T>
inline T* DynCast(Object* o) {
  return Isa<T>(o) ? static_cast<T*>(o) : nullptr;
}
template <typename T>
inline const T* DynCast(const Object* o) {
  return Isa<T>(o) ? static_cast<const T*>(o) : nullptr;
}

// "path.name" or name (types2's Id function).
std::string Id(const Package* pkg, std::string_view name);

// types2's object.less: exported before unexported, then by name, then by package path
// (gc's order of interface methods). Type sets use go/types' order instead (SortMethods).
bool ObjectLess(const Object* a, const Object* b);

// An imported package's name in a file scope.
class PkgName final : public Object {
 public:
  static constexpr ObjectKind kKind = ObjectKind::kPkgName;
  // The type is Typ(kInvalid), as types2.
  PkgName(syntax::Pos pos, Package* pkg, std::string name, Package* imported);
  Package* imported() const { return imported_; }
  bool used() const { return used_; }
  void set_used(bool u) { used_ = u; }

 private:
  Package* imported_;
  bool used_ = false;
};

class Const final : public Object {
 public:
  static constexpr ObjectKind kKind = ObjectKind::kConst;
  // val is Unknown until the checker computes it (and for invalid constants).
  Const(syntax::Pos pos, Package* pkg, std::string name, Type* type, constant::Value val)
      : Object(kKind, pos, pkg, std::move(name), type), val_(std::move(val)) {}
  const constant::Value& val() const { return val_; }
  void set_val(constant::Value v) { val_ = std::move(v); }

 private:
  constant::Value val_;
};

class TypeName final : public Object {
 public:
  static constexpr ObjectKind kKind = ObjectKind::kTypeName;
  TypeName(syntax::Pos pos, Package* pkg, std::string name, Type* type)
      : Object(kKind, pos, pkg, std::move(name), type) {}
  // An alias declaration `type A = T` (types2's IsAlias, computed from the type: true when
  // the type's name is not this object).
  bool IsAlias() const;
};

enum class VarKind : uint8_t { kPackage, kLocal, kParam, kResult, kField, kRecv };

class Var final : public Object {
 public:
  static constexpr ObjectKind kKind = ObjectKind::kVar;
  Var(VarKind var_kind, syntax::Pos pos, Package* pkg, std::string name, Type* type,
      bool embedded = false)
      : Object(kKind, pos, pkg, std::move(name), type),
        var_kind_(var_kind),
        embedded_(embedded) {}

  VarKind var_kind() const { return var_kind_; }
  bool IsField() const { return var_kind_ == VarKind::kField; }
  // An embedded struct field (its name is the type's name).
  bool embedded() const { return embedded_; }
  bool used() const { return used_; }
  void set_used(bool u) { used_ = u; }
  // For fields and parameters of instantiated types and functions: the generic Var;
  // `this` otherwise.
  Var* Origin() { return origin_ != nullptr ? origin_ : this; }
  void set_origin(Var* v) { origin_ = v; }

 private:
  VarKind var_kind_;
  bool embedded_;
  bool used_ = false;
  Var* origin_ = nullptr;
};

// A function or method; type() is a *Signature (possibly null while being declared).
class Func final : public Object {
 public:
  static constexpr ObjectKind kKind = ObjectKind::kFunc;
  Func(syntax::Pos pos, Package* pkg, std::string name, Signature* sig)
      : Object(kKind, pos, pkg, std::move(name), sig) {}

  Signature* signature() const { return static_cast<Signature*>(type()); }
  // "pkgpath.F", "(pkgpath.T).M", "(*pkgpath.T).M" (types2's FullName).
  std::string FullName() const;
  // The function's scope (the signature's).
  Scope* scope() const;
  // Set by the checker for methods whose receiver is a pointer (also for interface
  // methods: never), before the receiver type is resolved (types2 hasPtrRecv_).
  bool has_ptr_recv() const { return has_ptr_recv_; }
  void set_has_ptr_recv(bool b) { has_ptr_recv_ = b; }
  // For methods of instantiated types and instantiated functions: the generic Func.
  Func* Origin() { return origin_ != nullptr ? origin_ : this; }
  void set_origin(Func* f) { origin_ = f; }

 private:
  bool has_ptr_recv_ = false;
  Func* origin_ = nullptr;
};

class Label final : public Object {
 public:
  static constexpr ObjectKind kKind = ObjectKind::kLabel;
  Label(syntax::Pos pos, Package* pkg, std::string name);
  bool used() const { return used_; }
  void set_used(bool u) { used_ = u; }

 private:
  bool used_ = false;
};

// Predeclared functions and unsafe's functions.
enum class BuiltinId : uint8_t {
  kAppend,
  kCap,
  kClear,
  kClose,
  kComplex,
  kCopy,
  kDelete,
  kImag,
  kLen,
  kMake,
  kMax,
  kMin,
  kNew,
  kPanic,
  kPrint,
  kPrintln,
  kReal,
  kRecover,
  // package unsafe
  kAdd,
  kAlignof,
  kOffsetof,
  kSizeof,
  kSlice,
  kSliceData,
  kString,
  kStringData,
  // testing support (types2 DefPredeclaredTestFuncs)
  kAssert,
  kTrace,
  kCount,
};

enum class ExprKind : uint8_t { kConversion, kExpression, kStatement };

struct BuiltinInfo {
  std::string_view name;
  int nargs;     // minimum number of arguments
  bool variadic;
  ExprKind kind;  // how a call may be used
};
const BuiltinInfo& GetBuiltinInfo(BuiltinId id);

class Builtin final : public Object {
 public:
  static constexpr ObjectKind kKind = ObjectKind::kBuiltin;
  // The type is Typ(kInvalid), as types2. pkg is null, or unsafe for unsafe's functions.
  Builtin(Package* pkg, BuiltinId id);
  BuiltinId id() const { return id_; }

 private:
  BuiltinId id_;
};

// The predeclared nil (type: untyped nil).
class Nil final : public Object {
 public:
  static constexpr ObjectKind kKind = ObjectKind::kNil;
  explicit Nil(Type* untyped_nil) : Object(kKind, syntax::Pos{}, nullptr, "nil", untyped_nil) {}
};

}  // namespace heapmap::types

#endif  // HEAPMAP_FRONTEND_TYPES_OBJECT_H_
