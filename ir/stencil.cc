// ir/stencil.cc — shapes, LinkString and instance names (gc's typecheck/subr.go Shapify,
// types/fmt.go fmtTypeID).
#include "ir/stencil.h"

#include "ir/lower_internal.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "frontend/types/context.h"
#include "frontend/types/predicates.h"
#include "frontend/types/typearena.h"
#include "frontend/types/universe.h"

namespace heapmap::ir::lower {

namespace ty = ::heapmap::types;

std::string PathToPrefix(std::string_view path) {
  // The shape package keeps its dotted name (types.ShapePkg).
  if (path == "go.shape") return std::string(path);
  size_t slash = path.rfind('/');
  size_t last = slash == std::string_view::npos ? 0 : slash + 1;
  std::string out;
  static const char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < path.size(); i++) {
    auto c = static_cast<unsigned char>(path[i]);
    if (c <= ' ' || (c == '.' && i >= last) || c == '%' || c == '"' || c >= 0x7F) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

namespace {

std::string_view BasicName(ty::BasicKind k) {
  switch (k) {
    case ty::BasicKind::kBool: return "bool";
    case ty::BasicKind::kInt: return "int";
    case ty::BasicKind::kInt8: return "int8";
    case ty::BasicKind::kInt16: return "int16";
    case ty::BasicKind::kInt32: return "int32";
    case ty::BasicKind::kInt64: return "int64";
    case ty::BasicKind::kUint: return "uint";
    case ty::BasicKind::kUint8: return "uint8";
    case ty::BasicKind::kUint16: return "uint16";
    case ty::BasicKind::kUint32: return "uint32";
    case ty::BasicKind::kUint64: return "uint64";
    case ty::BasicKind::kUintptr: return "uintptr";
    case ty::BasicKind::kFloat32: return "float32";
    case ty::BasicKind::kFloat64: return "float64";
    case ty::BasicKind::kComplex64: return "complex64";
    case ty::BasicKind::kComplex128: return "complex128";
    case ty::BasicKind::kString: return "string";
    case ty::BasicKind::kUnsafePointer: return "unsafe.Pointer";
    default: return "invalid";
  }
}

// strconv.Quote for struct tags (ASCII escapes; other bytes kept).
void AppendQuoted(std::string* b, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  *b += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      *b += '\\';
      *b += ch;
    } else if (c == '\n') {
      *b += "\\n";
    } else if (c == '\t') {
      *b += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      *b += "\\x";
      *b += kHex[c >> 4];
      *b += kHex[c & 15];
    } else {
      *b += ch;
    }
  }
  *b += '"';
}

// types.Sym.Less: exported names first, then by name, then by package path.
bool SymLess(const ty::Func* a, const ty::Func* b) {
  bool ea = a->Exported(), eb = b->Exported();
  if (ea != eb) return ea;
  if (a->name() != b->name()) return a->name() < b->name();
  std::string_view pa = a->pkg() ? std::string_view(a->pkg()->path()) : "";
  std::string_view pb = b->pkg() ? std::string_view(b->pkg()->path()) : "";
  return pa < pb;
}

class LinkWriter {
 public:
  // shapes: when set, shapes are written as their underlying types (Shapify's getShapes).
  LinkWriter(std::string* b, const ShapeTable* shapes) : b_(b), shapes_(shapes) {}

  void Type(ty::Type* t) {
    if (t == nullptr || depth_ > 64) {
      *b_ += "<T>";
      return;
    }
    depth_++;
    Write(t);
    depth_--;
  }

 private:
  void Qualified(const ty::Package* p, std::string_view name) {
    if (p != nullptr) {
      *b_ += PathToPrefix(p->path());
      *b_ += '.';
    }
    *b_ += name;
  }
  void Params(ty::Tuple* tp, bool variadic) {
    *b_ += '(';
    int n = tp ? tp->Len() : 0;
    for (int i = 0; i < n; i++) {
      if (i > 0) *b_ += ", ";
      ty::Type* pt = tp->At(i)->type();
      if (variadic && i == n - 1) {
        if (auto* s = ty::DynCast<ty::Slice>(pt)) {
          *b_ += "...";
          Type(s->elem());
          continue;
        }
      }
      Type(pt);
    }
    *b_ += ')';
  }
  void Signature(ty::Signature* sig) {
    Params(sig->params(), sig->variadic());
    int nr = sig->results() ? sig->results()->Len() : 0;
    if (nr == 1) {
      *b_ += ' ';
      Type(sig->results()->At(0)->type());
    } else if (nr > 1) {
      *b_ += ' ';
      Params(sig->results(), false);
    }
  }
  void Write(ty::Type* t) {
    switch (t->kind()) {
      case ty::TypeKind::kBasic:
        *b_ += BasicName(static_cast<ty::Basic*>(t)->basic_kind());
        return;
      case ty::TypeKind::kNamed: {
        auto* n = static_cast<ty::Named*>(t);
        if (shapes_ != nullptr && shapes_->IsShape(n)) {
          Type(n->Resolve());
          return;
        }
        Qualified(n->obj()->pkg(), n->obj()->name());
        if (n->IsInstance()) {
          *b_ += '[';
          for (size_t i = 0; i < n->type_args().size(); i++) {
            if (i > 0) *b_ += ',';
            Type(n->type_args()[i]);
          }
          *b_ += ']';
        }
        return;
      }
      case ty::TypeKind::kTypeParam:
        *b_ += static_cast<ty::TypeParam*>(t)->obj()->name();
        return;
      case ty::TypeKind::kPointer:
        *b_ += '*';
        Type(static_cast<ty::Pointer*>(t)->elem());
        return;
      case ty::TypeKind::kArray:
        absl::StrAppend(b_, "[", static_cast<ty::Array*>(t)->len(), "]");
        Type(static_cast<ty::Array*>(t)->elem());
        return;
      case ty::TypeKind::kSlice:
        *b_ += "[]";
        Type(static_cast<ty::Slice*>(t)->elem());
        return;
      case ty::TypeKind::kMap:
        *b_ += "map[";
        Type(static_cast<ty::Map*>(t)->key());
        *b_ += ']';
        Type(static_cast<ty::Map*>(t)->elem());
        return;
      case ty::TypeKind::kChan: {
        auto* c = static_cast<ty::Chan*>(t);
        if (c->dir() == ty::ChanDir::kRecvOnly) {
          *b_ += "<-chan ";
          Type(c->elem());
        } else if (c->dir() == ty::ChanDir::kSendOnly) {
          *b_ += "chan<- ";
          Type(c->elem());
        } else {
          *b_ += "chan ";
          auto* ec = ty::DynCast<ty::Chan>(c->elem());
          bool parens = ec != nullptr && ec->dir() == ty::ChanDir::kRecvOnly;
          if (parens) *b_ += '(';
          Type(c->elem());
          if (parens) *b_ += ')';
        }
        return;
      }
      case ty::TypeKind::kSignature:
        *b_ += "func";
        Signature(static_cast<ty::Signature*>(t));
        return;
      case ty::TypeKind::kStruct: {
        auto* s = static_cast<ty::Struct*>(t);
        *b_ += "struct {";
        for (int i = 0; i < s->NumFields(); i++) {
          ty::Var* f = s->Field(i);
          if (i > 0) *b_ += ';';
          *b_ += ' ';
          bool named = true;
          if (f->embedded()) {
            ty::Type* ft = f->type();
            if (auto* p = ty::DynCast<ty::Pointer>(ft)) ft = p->elem();
            auto* nt = ty::DynCast<ty::Named>(ft);
            named = nt == nullptr || nt->obj()->name() != f->name();
          }
          if (named) {
            if (f->Exported()) {
              *b_ += f->name();
            } else {
              Qualified(f->pkg(), f->name());
            }
            *b_ += f->embedded() ? " = " : " ";
          }
          Type(f->type());
          if (!s->Tag(i).empty()) {
            *b_ += ' ';
            AppendQuoted(b_, s->Tag(i));
          }
        }
        if (s->NumFields() > 0) *b_ += ' ';
        *b_ += '}';
        return;
      }
      case ty::TypeKind::kInterface: {
        auto* it = static_cast<ty::Interface*>(t);
        std::vector<ty::Func*> methods;
        for (int i = 0; i < it->NumMethods(); i++) methods.push_back(it->Method(i));
        if (methods.empty()) {
          *b_ += "interface {}";
          return;
        }
        std::sort(methods.begin(), methods.end(), SymLess);
        *b_ += "interface {";
        for (size_t i = 0; i < methods.size(); i++) {
          if (i > 0) *b_ += ';';
          *b_ += ' ';
          if (methods[i]->Exported()) {
            *b_ += methods[i]->name();
          } else {
            Qualified(methods[i]->pkg(), methods[i]->name());
          }
          if (auto* sig = methods[i]->signature()) Signature(sig);
        }
        *b_ += " }";
        return;
      }
      default:
        *b_ += "<T>";
        return;
    }
  }

  std::string* b_;
  const ShapeTable* shapes_;
  int depth_ = 0;
};

bool MentionsTypeParam(ty::Type* t, int depth) {
  if (t == nullptr || depth > 64) return false;
  if (ty::Isa<ty::TypeParam>(t)) return true;
  if (auto* n = ty::DynCast<ty::Named>(t)) {
    for (ty::Type* a : n->type_args()) {
      if (MentionsTypeParam(a, depth + 1)) return true;
    }
    return false;
  }
  bool found = false;
  ForEachComponentType(t, [&](ty::Type* c) { found = found || MentionsTypeParam(c, depth + 1); });
  return found;
}

}  // namespace

std::string LinkString(ty::Type* t) {
  std::string b;
  LinkWriter(&b, nullptr).Type(t);
  return b;
}

std::string TypeArgList(const std::vector<ty::Type*>& args) {
  std::string b = "[";
  for (size_t i = 0; i < args.size(); i++) {
    if (i > 0) b += ',';
    LinkWriter(&b, nullptr).Type(args[i]);
  }
  b += ']';
  return b;
}

bool HasTypeParam(ty::Type* t) { return MentionsTypeParam(t, 0); }

std::vector<ty::Named*> InstantiatedTypes(const ty::Info& info) {
  absl::flat_hash_set<ty::Type*> seen;
  std::vector<ty::Named*> found;
  std::vector<ty::Type*> stack;
  auto push = [&](ty::Type* t) {
    // Basic types have no parts (most expressions have one): no need to remember them.
    if (t != nullptr && !ty::Isa<ty::Basic>(t) && seen.insert(t).second) stack.push_back(t);
  };
  for (const auto& [e, tv] : info.types) push(tv.type);
  for (const auto& [n, obj] : info.defs) {
    if (obj != nullptr) push(obj->type());
  }
  while (!stack.empty()) {
    ty::Type* t = stack.back();
    stack.pop_back();
    if (auto* n = ty::DynCast<ty::Named>(t)) {
      // A declared type's declaration is read whole (iimport: its underlying type and its
      // methods' signatures), and every fully instantiated type found there is stenciled.
      bool concrete = true;
      for (ty::Type* a : n->type_args()) {
        concrete = concrete && !HasTypeParam(a);
        push(a);
      }
      if (!concrete) continue;
      ty::Type* u = n->Resolve();
      push(u);
      if (n->IsInstance() || n->type_params().empty()) {
        for (int i = 0; i < n->NumMethods(); i++) {
          if (ty::Func* m = n->Method(i)) push(m->type());
        }
      }
      if (n->IsInstance() && n->Origin()->NumMethods() > 0 && !ty::Isa<ty::Interface>(u)) {
        found.push_back(n);
      }
      continue;
    }
    ForEachComponentType(t, push);
  }
  // Identical instances may be distinct objects: one per LinkString.
  std::vector<std::pair<std::string, ty::Named*>> keyed;
  for (ty::Named* n : found) keyed.emplace_back(LinkString(n), n);
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<ty::Named*> out;
  for (size_t i = 0; i < keyed.size(); i++) {
    if (i > 0 && keyed[i].first == keyed[i - 1].first) continue;
    out.push_back(keyed[i].second);
  }
  return out;
}

ShapeTable::ShapeTable() : pkg_(std::make_unique<ty::Package>("go.shape", "go.shape")) {}
ShapeTable::~ShapeTable() = default;

ty::Type* ShapeTable::Shapify(ty::Type* t, int index, ty::TypeParam* tparam) {
  if (t == nullptr) return nullptr;
  if (IsShape(t)) t = static_cast<ty::Named*>(t)->Resolve();
  ty::Type* u = ty::Under(t);
  // All pointers share one shape, except pointers to arrays (slice-to-array-pointer
  // conversions) and type parameters whose constraint has a core type.
  if (auto* p = ty::DynCast<ty::Pointer>(u)) {
    bool to_array = ty::Isa<ty::Array>(ty::Under(p->elem()));
    bool core = tparam != nullptr && ty::CoreType(tparam) != nullptr;
    if (!to_array && !core) {
      u = pkg_->arena().New<ty::Pointer>(ty::Typ(ty::BasicKind::kUint8));
    }
  }
  std::string name;
  LinkWriter(&name, this).Type(u);
  absl::StrAppend(&name, "_", index);
  auto it = by_name_.find(name);
  if (it != by_name_.end()) return it->second;
  auto* obj = pkg_->arena().New<ty::TypeName>(syntax::Pos{}, pkg_.get(), name, nullptr);
  auto* shape = pkg_->arena().New<ty::Named>(obj, u, std::vector<ty::Func*>{});
  obj->set_type(shape);
  by_name_.emplace(name, shape);
  shapes_.insert(shape);
  return shape;
}

ty::Type* ShapeTable::Subst(ty::Type* t, const std::vector<ty::TypeParam*>& tparams,
                            const std::vector<ty::Type*>& args) {
  if (t == nullptr || tparams.empty() || !HasTypeParam(t)) return t;
  return ty::Subst(&pkg_->arena(), nullptr, t, tparams, args);
}

}  // namespace heapmap::ir::lower
