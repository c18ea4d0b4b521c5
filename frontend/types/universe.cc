// frontend/types/universe.cc — the universe scope and package unsafe (types2/universe.go).
#include "frontend/types/universe.h"

#include <array>

#include "frontend/types/typeset.h"

namespace heapmap::types {

namespace {

struct UniverseData {
  Arena arena;
  Scope* scope = nullptr;
  Package* unsafe = nullptr;
  std::array<Basic*, kNumBasicKinds> typ{};
  Basic* byte = nullptr;
  Basic* rune = nullptr;
  Named* error = nullptr;
  Interface* any = nullptr;
  Named* comparable = nullptr;
  Const* iota = nullptr;
  Nil* nil = nullptr;
  std::array<Builtin*, static_cast<size_t>(BuiltinId::kCount)> builtins{};
};

struct BasicDef {
  BasicKind kind;
  uint32_t info;
  std::string_view name;
};

constexpr BasicDef kBasics[] = {
    {BasicKind::kInvalid, 0, "invalid type"},
    {BasicKind::kBool, kIsBoolean, "bool"},
    {BasicKind::kInt, kIsInteger, "int"},
    {BasicKind::kInt8, kIsInteger, "int8"},
    {BasicKind::kInt16, kIsInteger, "int16"},
    {BasicKind::kInt32, kIsInteger, "int32"},
    {BasicKind::kInt64, kIsInteger, "int64"},
    {BasicKind::kUint, kIsInteger | kIsUnsigned, "uint"},
    {BasicKind::kUint8, kIsInteger | kIsUnsigned, "uint8"},
    {BasicKind::kUint16, kIsInteger | kIsUnsigned, "uint16"},
    {BasicKind::kUint32, kIsInteger | kIsUnsigned, "uint32"},
    {BasicKind::kUint64, kIsInteger | kIsUnsigned, "uint64"},
    {BasicKind::kUintptr, kIsInteger | kIsUnsigned, "uintptr"},
    {BasicKind::kFloat32, kIsFloat, "float32"},
    {BasicKind::kFloat64, kIsFloat, "float64"},
    {BasicKind::kComplex64, kIsComplex, "complex64"},
    {BasicKind::kComplex128, kIsComplex, "complex128"},
    {BasicKind::kString, kIsString, "string"},
    {BasicKind::kUnsafePointer, 0, "Pointer"},
    {BasicKind::kUntypedBool, kIsBoolean | kIsUntyped, "untyped bool"},
    {BasicKind::kUntypedInt, kIsInteger | kIsUntyped, "untyped int"},
    {BasicKind::kUntypedRune, kIsInteger | kIsUntyped, "untyped rune"},
    {BasicKind::kUntypedFloat, kIsFloat | kIsUntyped, "untyped float"},
    {BasicKind::kUntypedComplex, kIsComplex | kIsUntyped, "untyped complex"},
    {BasicKind::kUntypedString, kIsString | kIsUntyped, "untyped string"},
    {BasicKind::kUntypedNil, kIsUntyped, "untyped nil"},
};

void Def(UniverseData* u, Object* obj) {
  if (obj->name().find(' ') != std::string::npos) return;
  Scope* scope = u->scope;
  if (obj->Exported()) scope = u->unsafe->scope();
  scope->Insert(obj);
}

UniverseData* Build() {
  auto* u = new UniverseData;
  Arena& a = u->arena;
  // The universe scope must exist before any other Scope is constructed (Scope's
  // constructor compares the parent with Universe()).
  u->scope = a.New<Scope>(nullptr, syntax::Pos{}, syntax::Pos{}, "universe");
  return u;
}

void Populate(UniverseData* u) {
  Arena& a = u->arena;
  u->unsafe = a.New<Package>("unsafe", "unsafe");
  u->unsafe->MarkComplete();

  for (const BasicDef& d : kBasics) {
    Basic* b = a.New<Basic>(d.kind, d.info, d.name);
    u->typ[static_cast<int>(d.kind)] = b;
    Package* pkg = d.kind == BasicKind::kUnsafePointer ? u->unsafe : nullptr;
    auto* tn = a.New<TypeName>(syntax::Pos{}, pkg, std::string(d.name), b);
    tn->set_color(1);
    Def(u, tn);
  }
  u->byte = a.New<Basic>(BasicKind::kUint8, kIsInteger | kIsUnsigned, "byte");
  u->rune = a.New<Basic>(BasicKind::kInt32, kIsInteger, "rune");
  for (Basic* b : {u->byte, u->rune}) {
    auto* tn = a.New<TypeName>(syntax::Pos{}, nullptr, std::string(b->name()), b);
    tn->set_color(1);
    Def(u, tn);
  }

  // any: an alias of an empty interface (with the all-types type set).
  u->any = a.New<Interface>(std::vector<Func*>{}, std::vector<Type*>{});
  u->any->InstallTypeSet(new TypeSet());
  {
    auto* tn = a.New<TypeName>(syntax::Pos{}, nullptr, "any", u->any);
    tn->set_color(1);
    Def(u, tn);
  }
  // error: interface{ Error() string }.
  {
    auto* obj = a.New<TypeName>(syntax::Pos{}, nullptr, "error", nullptr);
    obj->set_color(1);
    auto* typ = a.New<Named>(obj, nullptr, std::vector<Func*>{});
    auto* recv = a.New<Var>(VarKind::kRecv, syntax::Pos{}, nullptr, "", typ);
    auto* res = a.New<Var>(VarKind::kResult, syntax::Pos{}, nullptr, "", u->typ[static_cast<int>(BasicKind::kString)]);
    auto* sig = a.New<Signature>(recv, nullptr, a.New<Tuple>(std::vector<Var*>{res}), false);
    auto* err = a.New<Func>(syntax::Pos{}, nullptr, "Error", sig);
    auto* ityp = a.New<Interface>(std::vector<Func*>{err}, std::vector<Type*>{});
    ityp->InstallTypeSet(new TypeSet({err}, TermList{Term{}}, false));
    typ->SetUnderlying(ityp);
    u->error = typ;
    Def(u, obj);
  }
  // comparable.
  {
    auto* obj = a.New<TypeName>(syntax::Pos{}, nullptr, "comparable", nullptr);
    obj->set_color(1);
    auto* typ = a.New<Named>(obj, nullptr, std::vector<Func*>{});
    auto* ityp = a.New<Interface>(std::vector<Func*>{}, std::vector<Type*>{});
    ityp->InstallTypeSet(new TypeSet({}, TermList{Term{}}, true));
    typ->SetUnderlying(ityp);
    u->comparable = typ;
    Def(u, obj);
  }
  // Constants.
  {
    Type* ub = u->typ[static_cast<int>(BasicKind::kUntypedBool)];
    Type* ui = u->typ[static_cast<int>(BasicKind::kUntypedInt)];
    Const* t = a.New<Const>(syntax::Pos{}, nullptr, "true", ub, constant::MakeBool(true));
    Const* f = a.New<Const>(syntax::Pos{}, nullptr, "false", ub, constant::MakeBool(false));
    u->iota = a.New<Const>(syntax::Pos{}, nullptr, "iota", ui, constant::MakeInt64(0));
    for (Const* c : {t, f, u->iota}) {
      c->set_color(1);
      Def(u, c);
    }
  }
  u->nil = a.New<Nil>(u->typ[static_cast<int>(BasicKind::kUntypedNil)]);
  u->nil->set_color(1);
  Def(u, u->nil);
  for (int i = 0; i < static_cast<int>(BuiltinId::kCount); i++) {
    auto id = static_cast<BuiltinId>(i);
    if (id == BuiltinId::kAssert || id == BuiltinId::kTrace) continue;
    bool is_unsafe = id >= BuiltinId::kAdd && id <= BuiltinId::kStringData;
    auto* b = a.New<Builtin>(is_unsafe ? u->unsafe : nullptr, id);
    u->builtins[i] = b;
    Def(u, b);
  }
}

UniverseData* Phase1() {
  static UniverseData* u = Build();
  return u;
}

UniverseData* Data() {
  // Two phases so that the Scope and Package constructors run while populating can get
  // the universe scope (UniverseScopeNoInit) without recursing into the initialization.
  static bool populated = (Populate(Phase1()), true);
  (void)populated;
  return Phase1();
}

}  // namespace

Scope* UniverseScopeNoInit() { return Phase1()->scope; }
// For constructors that run while the universe is populated (Builtin, PkgName, Label).
Basic* InvalidTypeNoInit() { return Phase1()->typ[0]; }

Scope* Universe() { return Data()->scope; }
Basic* Typ(BasicKind kind) { return Data()->typ[static_cast<int>(kind)]; }
Basic* UniverseByte() { return Data()->byte; }
Basic* UniverseRune() { return Data()->rune; }
Named* UniverseError() { return Data()->error; }
Interface* UniverseAny() { return Data()->any; }
Named* UniverseComparable() { return Data()->comparable; }
Const* UniverseIota() { return Data()->iota; }
Nil* UniverseNil() { return Data()->nil; }
Builtin* UniverseBuiltin(BuiltinId id) { return Data()->builtins[static_cast<int>(id)]; }
Package* Unsafe() { return Data()->unsafe; }

void DefPredeclaredTestFuncs() {
  static bool done = [] {
    UniverseData* u = Data();
    for (BuiltinId id : {BuiltinId::kAssert, BuiltinId::kTrace}) {
      auto* b = u->arena.New<Builtin>(nullptr, id);
      u->builtins[static_cast<int>(id)] = b;
      Def(u, b);
    }
    return true;
  }();
  (void)done;
}

}  // namespace heapmap::types
