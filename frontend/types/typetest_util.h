// frontend/types/typetest_util.h — helpers for the core tests: build types and objects programmatically.
#ifndef HEAPMAP_FRONTEND_TYPES_TYPETEST_UTIL_H_
#define HEAPMAP_FRONTEND_TYPES_TYPETEST_UTIL_H_

#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "frontend/types/object.h"
#include "frontend/types/package.h"
#include "frontend/types/scope.h"
#include "frontend/types/type.h"
#include "frontend/types/typeset.h"
#include "frontend/types/typestring.h"
#include "frontend/types/universe.h"

namespace heapmap::types::testing {

// A package plus shorthand constructors allocating in its arena.
class Builder {
 public:
  explicit Builder(std::string path, std::string name = "")
      : pkg_(std::make_unique<Package>(path, name.empty() ? path.substr(path.rfind('/') + 1) : name)) {}

  Package* pkg() { return pkg_.get(); }
  Arena& arena() { return pkg_->arena(); }

  static Basic* T(BasicKind k) { return Typ(k); }
  Pointer* Ptr(Type* t) { return arena().New<Pointer>(t); }
  Slice* SliceOf(Type* t) { return arena().New<Slice>(t); }
  Array* ArrayOf(Type* t, int64_t n) { return arena().New<Array>(t, n); }
  Map* MapOf(Type* k, Type* v) { return arena().New<Map>(k, v); }
  Chan* ChanOf(ChanDir d, Type* t) { return arena().New<Chan>(d, t); }

  Var* Field(std::string name, Type* t, bool embedded = false) {
    return arena().New<Var>(VarKind::kField, syntax::Pos{}, pkg(), std::move(name), t, embedded);
  }
  // An embedded field named after its type (T or *T).
  Var* Embed(Type* t) {
    Type* base = t;
    if (auto* p = DynCast<Pointer>(t)) base = p->elem();
    std::string name = "?";
    if (auto* n = DynCast<Named>(base)) name = n->obj()->name();
    if (auto* b = DynCast<Basic>(base)) name = std::string(b->name());
    return Field(name, t, true);
  }
  Struct* StructOf(std::vector<Var*> fields, std::vector<std::string> tags = {}) {
    return arena().New<Struct>(std::move(fields), std::move(tags));
  }
  Var* Param(std::string name, Type* t) {
    return arena().New<Var>(VarKind::kParam, syntax::Pos{}, pkg(), std::move(name), t);
  }
  Tuple* TupleOf(std::vector<Var*> vars) { return arena().New<Tuple>(std::move(vars)); }
  Tuple* Types(const std::vector<Type*>& ts) {
    std::vector<Var*> vars;
    for (Type* t : ts) vars.push_back(Param("", t));
    return TupleOf(std::move(vars));
  }
  Signature* Sig(Tuple* params, Tuple* results, bool variadic = false) {
    return arena().New<Signature>(nullptr, params, results, variadic);
  }

  // A declared type in the package scope.
  Named* NewNamed(std::string name, Type* underlying) {
    auto* obj = arena().New<TypeName>(syntax::Pos{}, pkg(), std::move(name), nullptr);
    pkg()->scope()->Insert(obj);
    return arena().New<Named>(obj, underlying, std::vector<Func*>{});
  }
  // Adds method name(sig) to n with a value or pointer receiver.
  Func* AddMethod(Named* n, std::string name, Signature* sig, bool ptr_recv = false) {
    Type* rt = ptr_recv ? static_cast<Type*>(Ptr(n)) : n;
    sig->set_recv(arena().New<Var>(VarKind::kRecv, syntax::Pos{}, pkg(), "", rt));
    auto* f = arena().New<Func>(syntax::Pos{}, pkg(), std::move(name), sig);
    f->set_has_ptr_recv(ptr_recv);
    n->AddMethod(f);
    return f;
  }
  // An interface method.
  Func* IMethod(std::string name, Signature* sig) {
    return arena().New<Func>(syntax::Pos{}, pkg(), std::move(name), sig);
  }
  Interface* Iface(std::vector<Func*> methods, std::vector<Type*> embeddeds = {}) {
    return arena().New<Interface>(std::move(methods), std::move(embeddeds));
  }
  TypeParam* NewTypeParam(std::string name, Type* constraint) {
    auto* obj = arena().New<TypeName>(syntax::Pos{}, pkg(), std::move(name), nullptr);
    return arena().New<TypeParam>(obj, constraint);
  }

 private:
  std::unique_ptr<Package> pkg_;
};

// The qualifier of the oracle: package paths.
inline std::string PathQualifier(const Package* p) { return p->path(); }
inline std::string S(Type* t) { return TypeString(t, PathQualifier); }

// Builds a type from a prefix recipe (see typestring_random_test.cc for the grammar).
class RecipeBuilder {
 public:
  RecipeBuilder(Builder* b, Named* t, Named* r) : b_(b), t_(t), r_(r) {}

  Type* Build(std::istringstream& in) {
    std::string tok;
    in >> tok;
    if (tok == "B") return Typ(static_cast<BasicKind>(Int(in)));
    if (tok == "byte") return UniverseByte();
    if (tok == "rune") return UniverseRune();
    if (tok == "P") return b_->Ptr(Build(in));
    if (tok == "S") return b_->SliceOf(Build(in));
    if (tok == "A") {
      int n = Int(in);
      return b_->ArrayOf(Build(in), n);
    }
    if (tok == "M") {
      Type* k = Build(in);
      return b_->MapOf(k, Build(in));
    }
    if (tok == "C") {
      int d = Int(in);
      return b_->ChanOf(static_cast<ChanDir>(d), Build(in));
    }
    if (tok == "T") {
      static const char* kNames[] = {"a", "b", "X", "Y", "_"};
      static const char* kTags[] = {"", "json:\"x\"", "a\tb", "q\"uote"};
      int n = Int(in);
      std::vector<Var*> fields;
      std::vector<std::string> tags;
      for (int i = 0; i < n; i++) {
        int ni = Int(in);
        int ti = Int(in);
        fields.push_back(b_->Field(kNames[ni], Build(in)));
        tags.push_back(kTags[ti]);
      }
      return b_->StructOf(std::move(fields), std::move(tags));
    }
    if (tok == "F") {
      bool variadic = Int(in) != 0;
      bool named = Int(in) != 0;
      int np = Int(in);
      std::vector<Var*> params;
      for (int i = 0; i < np; i++) {
        params.push_back(b_->Param(named ? "p" + std::to_string(i) : "", Build(in)));
      }
      int nr = Int(in);
      std::vector<Var*> results;
      for (int i = 0; i < nr; i++) {
        results.push_back(b_->Param(named ? "r" + std::to_string(i) : "", Build(in)));
      }
      return b_->Sig(b_->TupleOf(std::move(params)), b_->TupleOf(std::move(results)), variadic);
    }
    if (tok == "NT") return t_;
    if (tok == "NR") return r_;
    if (tok == "I") {
      static const char* kMethods[] = {"M", "N", "m"};
      int nm = Int(in);
      std::vector<Func*> methods;
      for (int i = 0; i < nm; i++) methods.push_back(b_->IMethod(kMethods[i], b_->Sig(nullptr, nullptr)));
      std::vector<Type*> embeddeds;
      if (Int(in) != 0) embeddeds.push_back(UniverseError());
      SortMethods(&methods);
      return b_->Iface(std::move(methods), std::move(embeddeds));
    }
    return nullptr;  // bad recipe
  }

 private:
  static int Int(std::istringstream& in) {
    int x = 0;
    in >> x;
    return x;
  }
  Builder* b_;
  Named* t_;
  Named* r_;
};

}  // namespace heapmap::types::testing

#endif  // HEAPMAP_FRONTEND_TYPES_TYPETEST_UTIL_H_
