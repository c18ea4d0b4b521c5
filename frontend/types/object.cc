// frontend/types/object.cc — objects: ids, ordering, full names, builtin table.
#include "frontend/types/object.h"

#include "frontend/types/package.h"
#include "frontend/types/scope.h"
#include "frontend/types/typestring.h"
#include "frontend/types/universe.h"

namespace heapmap::types {

Basic* InvalidTypeNoInit();  // universe.cc

namespace {

struct UpperRange {
  uint32_t lo, hi, stride;
};
constexpr UpperRange kUpper[] = {
#include "frontend/types/object_upper.inc"
};

// unicode.IsUpper (Go 1.19 tables).
bool IsUpperRune(uint32_t r) {
  if (r < 0x80) return r >= 'A' && r <= 'Z';
  for (const UpperRange& u : kUpper) {
    if (r < u.lo) return false;
    if (r <= u.hi) return (r - u.lo) % u.stride == 0;
  }
  return false;
}

}  // namespace

bool Object::IsExported(std::string_view name) {
  if (name.empty()) return false;
  auto c = static_cast<unsigned char>(name[0]);
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  uint32_t r = 0;
  size_t n = 0;
  if ((c & 0xE0) == 0xC0) r = c & 0x1F, n = 1;
  else if ((c & 0xF0) == 0xE0) r = c & 0x0F, n = 2;
  else if ((c & 0xF8) == 0xF0) r = c & 0x07, n = 3;
  else return false;
  if (name.size() <= n) return false;
  for (size_t i = 1; i <= n; i++) r = (r << 6) | (static_cast<unsigned char>(name[i]) & 0x3F);
  return IsUpperRune(r);
}

std::string Id(const Package* pkg, std::string_view name) {
  if (Object::IsExported(name)) return std::string(name);
  std::string path = "_";
  if (pkg != nullptr && !pkg->path().empty()) path = pkg->path();
  path += '.';
  path += name;
  return path;
}

std::string Object::Id() const { return types::Id(pkg_, name_); }

bool Object::SameId(const Package* pkg, std::string_view name) const {
  if (name != name_) return false;
  if (Exported()) return true;
  if (pkg == nullptr || pkg_ == nullptr) return pkg == pkg_;
  return pkg == pkg_ || pkg->path() == pkg_->path();
}

bool ObjectLess(const Object* a, const Object* b) {
  if (a == b) return false;
  if (a == nullptr) return true;
  if (b == nullptr) return false;
  bool ea = a->Exported(), eb = b->Exported();
  if (ea != eb) return ea;
  if (a->name() != b->name()) return a->name() < b->name();
  if (!ea) {
    std::string_view pa = a->pkg() ? std::string_view(a->pkg()->path()) : std::string_view();
    std::string_view pb = b->pkg() ? std::string_view(b->pkg()->path()) : std::string_view();
    return pa < pb;
  }
  return false;
}

PkgName::PkgName(syntax::Pos pos, Package* pkg, std::string name, Package* imported)
    : Object(kKind, pos, pkg, std::move(name), InvalidTypeNoInit()), imported_(imported) {
  set_color(1);
}

Label::Label(syntax::Pos pos, Package* pkg, std::string name)
    : Object(kKind, pos, pkg, std::move(name), InvalidTypeNoInit()) {
  set_color(1);
}

bool TypeName::IsAlias() const {
  Type* t = type();
  if (t == nullptr) return false;
  switch (t->kind()) {
    case TypeKind::kBasic: {
      if (pkg() == Unsafe()) return false;
      auto* b = static_cast<Basic*>(t);
      return pkg() != nullptr || b->name() != name() || b == UniverseByte() || b == UniverseRune();
    }
    case TypeKind::kNamed:
      return this != static_cast<Named*>(t)->obj();
    case TypeKind::kTypeParam:
      return this != static_cast<TypeParam*>(t)->obj();
    default:
      return true;
  }
}

Scope* Func::scope() const {
  Signature* sig = signature();
  return sig != nullptr ? sig->scope() : nullptr;
}

std::string Func::FullName() const {
  std::string s;
  Signature* sig = signature();
  if (sig != nullptr && sig->recv() != nullptr) {
    s += '(';
    if (Isa<Interface>(sig->recv()->type())) {
      s += "interface";
    } else {
      WriteType(&s, sig->recv()->type(), nullptr);
    }
    s += ").";
  } else if (sig != nullptr && pkg() != nullptr) {
    if (!pkg()->path().empty()) {
      s += pkg()->path();
      s += '.';
    }
  }
  s += name();
  return s;
}

namespace {

constexpr BuiltinInfo kBuiltins[] = {
    {"append", 1, true, ExprKind::kExpression},
    {"cap", 1, false, ExprKind::kExpression},
    {"clear", 1, false, ExprKind::kStatement},
    {"close", 1, false, ExprKind::kStatement},
    {"complex", 2, false, ExprKind::kExpression},
    {"copy", 2, false, ExprKind::kStatement},
    {"delete", 2, false, ExprKind::kStatement},
    {"imag", 1, false, ExprKind::kExpression},
    {"len", 1, false, ExprKind::kExpression},
    {"make", 1, true, ExprKind::kExpression},
    {"max", 1, true, ExprKind::kExpression},
    {"min", 1, true, ExprKind::kExpression},
    {"new", 1, false, ExprKind::kExpression},
    {"panic", 1, false, ExprKind::kStatement},
    {"print", 0, true, ExprKind::kStatement},
    {"println", 0, true, ExprKind::kStatement},
    {"real", 1, false, ExprKind::kExpression},
    {"recover", 0, false, ExprKind::kStatement},
    {"Add", 2, false, ExprKind::kExpression},
    {"Alignof", 1, false, ExprKind::kExpression},
    {"Offsetof", 1, false, ExprKind::kExpression},
    {"Sizeof", 1, false, ExprKind::kExpression},
    {"Slice", 2, false, ExprKind::kExpression},
    {"SliceData", 1, false, ExprKind::kExpression},
    {"String", 2, false, ExprKind::kExpression},
    {"StringData", 1, false, ExprKind::kExpression},
    {"assert", 1, false, ExprKind::kStatement},
    {"trace", 0, true, ExprKind::kStatement},
};
static_assert(sizeof(kBuiltins) / sizeof(kBuiltins[0]) == static_cast<size_t>(BuiltinId::kCount));

}  // namespace

const BuiltinInfo& GetBuiltinInfo(BuiltinId id) { return kBuiltins[static_cast<int>(id)]; }

Builtin::Builtin(Package* pkg, BuiltinId id)
    : Object(kKind, syntax::Pos{}, pkg, std::string(GetBuiltinInfo(id).name),
             InvalidTypeNoInit()),
      id_(id) {
  set_color(1);
}

}  // namespace heapmap::types
