// frontend/types/type.h — Go types (port of types2's type representation, Go 1.19).
//
// Representation: one C++ class per types2 type, all deriving from Type, which carries a
// TypeKind for cheap dispatch (no virtual functions; use DynCast/Isa as for AST nodes).
// Types are compared with Identical (predicates.h), never by pointer, except where types2
// compares pointers (Basic via kind, Named via origin, TypeParam by pointer).
//
// Ownership: every type is allocated in a types::Arena (typearena.h) — the arena of the
// package whose checker created it, or the universe's — and lives as long as the program's
// type information. Pointers between arenas are free. Nothing is ever freed individually.
//
// Mutability and threads: a type is built by one package's checker, mutated only while that
// package is checked (SetUnderlying, AddMethod, SetConstraint, ...), and read-only once the
// package is complete; only then may other threads see it. The lazy parts that other
// threads can trigger are internally synchronized: an instance's expansion (Named), an
// interface's type set (Interface::GetTypeSet).
#ifndef HEAPMAP_FRONTEND_TYPES_TYPE_H_
#define HEAPMAP_FRONTEND_TYPES_TYPE_H_

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/syntax/ast.h"
#include "frontend/types/constant.h"

namespace heapmap::types {

class Arena;
class Func;
class Package;
class Scope;
class TypeName;
class TypeSet;
class Var;
class Context;

enum class TypeKind : uint8_t {
  kBasic,
  kPointer,
  kArray,
  kSlice,
  kMap,
  kChan,
  kStruct,
  kTuple,
  kSignature,
  kInterface,
  kUnion,
  kNamed,
  kTypeParam,
};

class Type {
 public:
  Type& operator=(const Type&) = delete;

  TypeKind kind() const { return kind_; }

  // The underlying type: the type itself for type literals and Basic; the resolved
  // underlying type for Named (expanding an instance on first use); the constraint's
  // interface for TypeParam (as types2).
  Type* Underlying();

 protected:
  explicit Type(TypeKind kind) : kind_(kind) {}
  Type(const Type&) = default;  // for substitution's copies of signatures
  ~Type() = default;

 private:
  TypeKind kind_;
};

template <typename T>
inline bool Isa(const Type* t) {
  return t != nullptr && t->kind() == T::kKind;
}
template <typename T>
inline T* DynCast(Type* t) {
  return Isa<T>(t) ? static_cast<T*>(t) : nullptr;
}
template <typename T>
inline const T* DynCast(const Type* t) {
  return Isa<T>(t) ? static_cast<const T*>(t) : nullptr;
}

// ----------------------------------------------------------------------------
// Basic.

// BasicKind is defined in constant.h (shared with the constants code): kInvalid, kBool,
// kInt ... kUnsafePointer, kUntypedBool ... kUntypedNil, in go/types order.
inline constexpr int kNumBasicKinds = static_cast<int>(BasicKind::kUntypedNil) + 1;
inline constexpr BasicKind kByte = BasicKind::kUint8;  // the byte alias
inline constexpr BasicKind kRune = BasicKind::kInt32;  // the rune alias

// Properties of basic types (a bit set, as types2's BasicInfo).
enum BasicInfo : uint32_t {
  kIsBoolean = 1 << 0,
  kIsInteger = 1 << 1,
  kIsUnsigned = 1 << 2,
  kIsFloat = 1 << 3,
  kIsComplex = 1 << 4,
  kIsString = 1 << 5,
  kIsUntyped = 1 << 6,
  kIsOrdered = kIsInteger | kIsFloat | kIsString,
  kIsNumeric = kIsInteger | kIsFloat | kIsComplex,
  kIsConstType = kIsBoolean | kIsNumeric | kIsString,
};

class Basic final : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::kBasic;
  Basic(BasicKind k, uint32_t info, std::string_view name)
      : Type(kKind), basic_kind_(k), info_(info), name_(name) {}

  BasicKind basic_kind() const { return basic_kind_; }
  uint32_t info() const { return info_; }
  // "int", "untyped int", "unsafe.Pointer", "invalid type", "byte", ...
  std::string_view name() const { return name_; }

 private:
  BasicKind basic_kind_;
  uint32_t info_;
  std::string_view name_;  // static storage
};

// ----------------------------------------------------------------------------
// Composite type literals.

class Pointer final : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::kPointer;
  explicit Pointer(Type* elem) : Type(kKind), elem_(elem) {}
  Type* elem() const { return elem_; }

 private:
  Type* elem_;
};

class Array final : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::kArray;
  // len < 0 means unknown (an error was reported).
  Array(Type* elem, int64_t len) : Type(kKind), elem_(elem), len_(len) {}
  Type* elem() const { return elem_; }
  int64_t len() const { return len_; }

 private:
  Type* elem_;
  int64_t len_;
};

class Slice final : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::kSlice;
  explicit Slice(Type* elem) : Type(kKind), elem_(elem) {}
  Type* elem() const { return elem_; }

 private:
  Type* elem_;
};

class Map final : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::kMap;
  Map(Type* key, Type* elem) : Type(kKind), key_(key), elem_(elem) {}
  Type* key() const { return key_; }
  Type* elem() const { return elem_; }

 private:
  Type* key_;
  Type* elem_;
};

enum class ChanDir : uint8_t { kSendRecv, kSendOnly, kRecvOnly };

class Chan final : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::kChan;
  Chan(ChanDir dir, Type* elem) : Type(kKind), dir_(dir), elem_(elem) {}
  ChanDir dir() const { return dir_; }
  Type* elem() const { return elem_; }

 private:
  ChanDir dir_;
  Type* elem_;
};

class Struct final : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::kStruct;
  // tags is empty or has one entry per field ("" for no tag).
  Struct(std::vector<Var*> fields, std::vector<std::string> tags)
      : Type(kKind), fields_(std::move(fields)), tags_(std::move(tags)) {}

  int NumFields() const { return static_cast<int>(fields_.size()); }
  Var* Field(int i) const { return fields_[i]; }
  const std::vector<Var*>& fields() const { return fields_; }
  std::string_view Tag(int i) const {
    return i < static_cast<int>(tags_.size()) ? std::string_view(tags_[i]) : std::string_view();
  }
  bool HasTags() const { return !tags_.empty(); }

 private:
  std::vector<Var*> fields_;
  std::vector<std::string> tags_;
};

// An ordered list of variables: parameters, results, the types of a multi-value
// expression. A null Tuple* is the empty tuple wherever a Tuple* is accepted.
class Tuple final : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::kTuple;
  explicit Tuple(std::vector<Var*> vars) : Type(kKind), vars_(std::move(vars)) {}

  int Len() const { return static_cast<int>(vars_.size()); }
  Var* At(int i) const { return vars_[i]; }
  const std::vector<Var*>& vars() const { return vars_; }

 private:
  std::vector<Var*> vars_;
};

inline int TupleLen(const Tuple* t) { return t == nullptr ? 0 : t->Len(); }

class TypeParam;

class Signature final : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::kSignature;
  // params/results may be null (empty). If variadic, the last parameter's type is a
  // slice (or, for append-like special cases, a string/Basic as in types2).
  Signature(Var* recv, Tuple* params, Tuple* results, bool variadic)
      : Type(kKind), recv_(recv), params_(params), results_(results), variadic_(variadic) {}

  Var* recv() const { return recv_; }
  Tuple* params() const { return params_; }
  Tuple* results() const { return results_; }
  bool variadic() const { return variadic_; }
  // Type parameters of a generic function; receiver type parameters of a method of a
  // generic type (the receiver's base type's parameters, renamed).
  const std::vector<TypeParam*>& type_params() const { return tparams_; }
  const std::vector<TypeParam*>& recv_type_params() const { return rparams_; }
  // The function's scope (parameters and results), set by the checker; may be null.
  Scope* scope() const { return scope_; }

  void set_recv(Var* recv) { recv_ = recv; }
  void set_params(Tuple* t) { params_ = t; }
  void set_results(Tuple* t) { results_ = t; }
  void set_variadic(bool v) { variadic_ = v; }
  void set_type_params(std::vector<TypeParam*> t) { tparams_ = std::move(t); }
  void set_recv_type_params(std::vector<TypeParam*> t) { rparams_ = std::move(t); }
  void set_scope(Scope* s) { scope_ = s; }

 private:
  Var* recv_;
  Tuple* params_;
  Tuple* results_;
  bool variadic_;
  std::vector<TypeParam*> tparams_;
  std::vector<TypeParam*> rparams_;
  Scope* scope_ = nullptr;
};

// ----------------------------------------------------------------------------
// Interfaces, unions, type sets.

class Interface final : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::kInterface;
  // methods: the explicitly declared methods; they are printed in this order, and
  // go/types keeps them sorted (SortMethods in typeset.h): the checker sorts them once the
  // interface is built (the constructor does not). embeddeds: embedded types in source
  // order (named interfaces, unions, ~T, any type in constraint position).
  Interface(std::vector<Func*> methods, std::vector<Type*> embeddeds)
      : Type(kKind), methods_(std::move(methods)), embeddeds_(std::move(embeddeds)) {}
  ~Interface();

  // Explicit methods and embedded types, as declared.
  int NumExplicitMethods() const { return static_cast<int>(methods_.size()); }
  Func* ExplicitMethod(int i) const { return methods_[i]; }
  const std::vector<Func*>& explicit_methods() const { return methods_; }
  int NumEmbeddeds() const { return static_cast<int>(embeddeds_.size()); }
  Type* EmbeddedType(int i) const { return embeddeds_[i]; }
  const std::vector<Type*>& embeddeds() const { return embeddeds_; }
  // Positions of the embedded types (checker, for error messages); may be empty.
  std::vector<syntax::Pos>& embed_pos() { return embed_pos_; }

  // An implicit interface wraps a constraint literal in type-parameter position, as in
  // [T ~int] (printed as "~int").
  bool implicit() const { return implicit_; }
  void MarkImplicit() { implicit_ = true; }
  // While the checker builds an interface it may mark it incomplete: its type set is then
  // reported as "all types" and not cached (types2's complete flag). Default: complete.
  bool complete() const { return complete_; }
  void set_complete(bool c) { complete_ = c; }

  // The type set; computed on first use (with no error reporting) unless the checker has
  // computed it already with ComputeInterfaceTypeSet (typeset.h). Thread-safe.
  const TypeSet* GetTypeSet();

  // Methods of the type set (explicit and embedded), sorted by Id.
  int NumMethods();
  Func* Method(int i);
  bool Empty();          // the type set is all types
  bool IsComparable();   // every type in the type set is comparable
  bool IsMethodSet();    // the type set is described by methods alone (a basic interface)

  // Internal (typeset.cc): installs the type set if none is installed yet; returns the
  // installed one.
  const TypeSet* InstallTypeSet(const TypeSet* ts);
  const TypeSet* type_set_if_computed() const { return tset_.load(std::memory_order_acquire); }

  // Mutators for the checker while it builds the interface.
  std::vector<Func*>& mutable_methods() { return methods_; }
  std::vector<Type*>& mutable_embeddeds() { return embeddeds_; }

 private:
  std::vector<Func*> methods_;
  std::vector<Type*> embeddeds_;
  std::vector<syntax::Pos> embed_pos_;
  bool implicit_ = false;
  bool complete_ = true;
  std::atomic<const TypeSet*> tset_{nullptr};  // owned (deleted by ~Interface)
};

// A union term: T or ~T.
struct Term {
  bool tilde = false;
  Type* type = nullptr;  // null only inside type-set computation (the set of all types)
};

class Union final : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::kUnion;
  explicit Union(std::vector<Term> terms) : Type(kKind), terms_(std::move(terms)) {}
  int Len() const { return static_cast<int>(terms_.size()); }
  const Term& term(int i) const { return terms_[i]; }
  const std::vector<Term>& terms() const { return terms_; }

 private:
  std::vector<Term> terms_;
};

// ----------------------------------------------------------------------------
// Named types and type parameters.

class TypeParam final : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::kTypeParam;
  // Takes a fresh global id (for type hashing; ids are unique in the process).
  TypeParam(TypeName* obj, Type* constraint);

  TypeName* obj() const { return obj_; }
  // Index in its type-parameter list; -1 until bound to one.
  int index() const { return index_; }
  void set_index(int i) { index_ = i; }
  uint64_t id() const { return id_; }
  Type* constraint() const { return bound_; }
  // The checker must install an interface (possibly implicit) before the package is
  // complete: lazily wrapping a non-interface bound would race (types2 mutates here).
  void SetConstraint(Type* bound) { bound_ = bound; }
  // The constraint's underlying interface (an empty interface if the constraint is
  // invalid or not an interface).
  Interface* Iface();

 private:
  TypeName* obj_;
  Type* bound_;
  int index_ = -1;
  uint64_t id_;
};

class Named final : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::kNamed;

  // A declared (origin) type. obj->type() is set to this. underlying may be null or
  // another Named while the checker resolves the declaration; set it with SetUnderlying.
  Named(TypeName* obj, Type* underlying, std::vector<Func*> methods);

  // An instance orig[targs]; its underlying type and methods are computed lazily by
  // substitution, allocating in `arena` (the arena of the package that created the
  // instance) and canonicalizing the instances that creates in ctxt (may be null).
  // Prefer InstantiateNamed (context.h), which canonicalizes the instance itself.
  Named(Arena* arena, Context* ctxt, Named* orig, std::vector<Type*> targs);

  // The declared type name (the origin's, for instances).
  TypeName* obj() const;
  // The generic type an instance instantiates; `this` for a non-instance.
  Named* Origin() { return orig_; }
  bool IsInstance() const { return orig_ != this; }
  const std::vector<TypeParam*>& type_params() const { return orig_->tparams_; }
  const std::vector<Type*>& type_args() const { return targs_; }

  // Methods: declared on the origin; for an instance, the origin's methods with the
  // receiver type parameters substituted (created on first access; Func::origin() gives
  // the generic method). Thread-safe for instances.
  int NumMethods() const { return static_cast<int>(orig_->methods_.size()); }
  Func* Method(int i);

  // Checker-side mutators (origin only).
  void SetUnderlying(Type* u) { underlying_ = u; }
  void SetTypeParams(std::vector<TypeParam*> tparams);
  // Adds m unless a method with the same name (and package, if unexported) exists.
  void AddMethod(Func* m);
  // The type on the RHS of the declaration (cycle reporting); as types2 fromRHS.
  Type* from_rhs() const { return from_rhs_; }
  void set_from_rhs(Type* t) { from_rhs_ = t; }
  // The raw underlying field, no expansion (null for an unexpanded instance).
  Type* underlying_raw() const { return underlying_; }

  // Underlying type (expanding an instance once, thread-safely).
  Type* Resolve();

 private:
  void Expand();

  Named* orig_;
  TypeName* obj_;
  Type* from_rhs_ = nullptr;
  Type* underlying_;
  std::vector<TypeParam*> tparams_;  // origin only
  std::vector<Type*> targs_;         // instances only
  std::vector<Func*> methods_;       // origin: declared; instance: expanded (may be null)
  Arena* arena_ = nullptr;           // instances: where expansion allocates
  Context* ctxt_ = nullptr;          // instances: where expansion canonicalizes
  std::once_flag expand_once_;
  std::mutex methods_mu_;
};

}  // namespace heapmap::types

#endif  // HEAPMAP_FRONTEND_TYPES_TYPE_H_
