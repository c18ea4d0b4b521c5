// frontend/export/import.cc — the reader: proto/export.proto back into the checker's types.
//
// Order of work, so that cyclic types need no recursion and malformed input cannot loop:
//   1. shells: a TypeName + Named for every Named entry, a TypeName + TypeParam for every
//      TypeParam entry; named types get their type-parameter lists;
//   2. one forward pass over the table: an entry refers only to earlier entries or to
//      shells (anything else is an error), so each is built from finished parts;
//   3. shells are filled (underlying types, methods, constraints);
//   4. the shells are checked (constraints are interfaces; no type contains itself);
//   5. package-level objects;
//   6. the instances made here are entered in the shared context. Not earlier: hashing an
//      instance computes interface type sets, which needs the shells filled, and the
//      context must never point into a package dropped on an error. (An instance of
//      complete types that another package made already is looked up in step 2.)
// Every index, enum, count and name is validated; the first problem is the error.
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "frontend/export/export.h"
#include "frontend/types/constant.h"
#include "frontend/types/object.h"
#include "frontend/types/scope.h"
#include "frontend/types/type.h"
#include "frontend/types/universe.h"
#include "proto/export.pb.h"

namespace heapmap::exportdata {
namespace {

namespace pb = ::heapmap::exportdata;  // the generated messages (proto/export.proto)
namespace constant = types::constant;
using types::DynCast;
using types::Isa;

constexpr uint32_t kBlack = 1;  // the checker's colour of a fully declared object

class Reader {
 public:
  Reader(const pb::Package& in, types::Context* ctxt, const PackageLookup& lookup)
      : in_(in), ctxt_(ctxt), lookup_(lookup) {}

  absl::StatusOr<std::unique_ptr<types::Package>> Read() {
    pkg_ = std::make_unique<types::Package>(in_.path(), in_.name());
    if (ctxt_ == nullptr) ctxt_ = pkg_->OwnContext();
    if (absl::Status s = ReadPackages(); !s.ok()) return s;
    if (absl::Status s = MakeShells(); !s.ok()) return s;
    if (absl::Status s = BuildTypes(); !s.ok()) return s;
    if (absl::Status s = FillShells(); !s.ok()) return s;
    if (absl::Status s = CheckShells(); !s.ok()) return s;
    if (absl::Status s = ReadObjects(); !s.ok()) return s;
    RegisterInstances();
    pkg_->MarkComplete();
    return std::move(pkg_);
  }

 private:
  absl::Status Error(std::string what) const {
    return absl::InvalidArgumentError(
        absl::StrCat("export data of \"", in_.path(), "\": ", what));
  }

  types::Arena& arena() { return pkg_->arena(); }

  // ---- packages and files ----

  absl::Status ReadPackages() {
    if (in_.num_own_files() > static_cast<uint32_t>(in_.files_size())) {
      return Error("more own files than files");
    }
    pkg_->set_files(std::vector<std::string>(in_.files().begin(),
                                             in_.files().begin() + in_.num_own_files()));
    pkgs_.push_back(pkg_.get());
    for (const std::string& path : in_.package_refs()) {
      types::Package* p = lookup_(path);
      if (p == nullptr) return Error(absl::StrCat("package \"", path, "\" is not available"));
      pkgs_.push_back(p);
    }
    std::vector<types::Package*> imports;
    for (const std::string& path : in_.imports()) {
      types::Package* p = lookup_(path);
      if (p == nullptr) return Error(absl::StrCat("import \"", path, "\" is not available"));
      imports.push_back(p);
    }
    pkg_->set_imports(std::move(imports));
    return absl::OkStatus();
  }

  absl::StatusOr<types::Package*> Pkg(uint32_t ref, bool no_pkg) {
    if (no_pkg) return nullptr;
    if (ref >= pkgs_.size()) return Error(absl::StrCat("bad package reference ", ref));
    return pkgs_[ref];
  }

  // The object's position and file index (in its own package's file list).
  absl::Status SetPos(types::Object* obj, const pb::Pos& pos) {
    if (pos.file() > static_cast<uint32_t>(in_.files_size())) return Error("bad file index");
    // Object has no position setter: objects are created with their line and column
    // (NewPos), and only the file index is set here.
    if (pos.file() == 0 || obj->pkg() == nullptr) return absl::OkStatus();
    uint32_t k = pos.file() - 1;
    if (obj->pkg() == pkg_.get()) {
      if (k < in_.num_own_files()) obj->set_file(static_cast<int32_t>(k));
      return absl::OkStatus();
    }
    auto& index = file_maps_[obj->pkg()];
    if (index.empty()) {
      const std::vector<std::string>& files = obj->pkg()->files();
      for (size_t i = 0; i < files.size(); i++) index.try_emplace(files[i], static_cast<int32_t>(i));
    }
    if (auto it = index.find(in_.files(static_cast<int>(k))); it != index.end()) obj->set_file(it->second);
    return absl::OkStatus();
  }
  static syntax::Pos NewPos(const pb::Pos& pos) { return syntax::Pos{pos.line(), pos.col()}; }

  // ---- type references ----

  bool IsShell(uint32_t r) const {
    auto k = in_.types(static_cast<int>(r)).kind_case();
    return k == pb::Type::kNamed || k == pb::Type::kTypeParam;
  }

  // The type entry r, referenced from the entry being built (current_; after the forward
  // pass current_ is the table's size, and any entry may be referenced). Marks the current
  // entry as reaching this package's new types if r does.
  absl::StatusOr<types::Type*> Ref(uint32_t r) {
    if (r >= types_.size() || (r >= current_ && !IsShell(r)) || types_[r] == nullptr) {
      return Error(absl::StrCat("bad type reference ", r, " in entry ", current_));
    }
    if (local_[r]) current_local_ = true;
    return types_[r];
  }

  // A type used as the type of a value or an element: not a union (unions live only in
  // interfaces; the reader makes no tuples outside signatures).
  absl::StatusOr<types::Type*> ValueRef(uint32_t r) {
    auto t = Ref(r);
    if (t.ok() && Isa<types::Union>(*t)) return Error(absl::StrCat("union used as a type in entry ", current_));
    return t;
  }

  // ---- step 1: shells ----

  absl::Status MakeShells() {
    const int n = in_.types_size();
    types_.assign(n, nullptr);
    local_.assign(n, false);
    for (int i = 0; i < n; i++) {
      const pb::Type& t = in_.types(i);
      if (t.kind_case() == pb::Type::kNamed) {
        const pb::Named& m = t.named();
        auto p = Pkg(m.pkg(), false);
        if (!p.ok()) return p.status();
        auto* obj = arena().New<types::TypeName>(NewPos(m.pos()), *p, m.name(), nullptr);
        obj->set_color(kBlack);
        if (absl::Status s = SetPos(obj, m.pos()); !s.ok()) return s;
        types_[i] = arena().New<types::Named>(obj, nullptr, std::vector<types::Func*>{});
        local_[i] = true;
      } else if (t.kind_case() == pb::Type::kTypeParam) {
        const pb::TypeParam& m = t.type_param();
        auto p = Pkg(m.pkg(), m.no_pkg());
        if (!p.ok()) return p.status();
        auto* obj = arena().New<types::TypeName>(NewPos(m.pos()), *p, m.name(), nullptr);
        obj->set_color(kBlack);
        if (absl::Status s = SetPos(obj, m.pos()); !s.ok()) return s;
        auto* tp = arena().New<types::TypeParam>(obj, nullptr);
        if (m.index() < -1) return Error("bad type parameter index");
        tp->set_index(m.index());
        types_[i] = tp;
        local_[i] = true;
      }
    }
    // Type-parameter lists of named types (needed before instances are made).
    current_ = static_cast<uint32_t>(n);
    for (int i = 0; i < n; i++) {
      if (in_.types(i).kind_case() != pb::Type::kNamed) continue;
      auto tparams = TypeParams(in_.types(i).named().type_params());
      if (!tparams.ok()) return tparams.status();
      static_cast<types::Named*>(types_[i])->SetTypeParams(std::move(*tparams));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<types::TypeParam*>> TypeParams(
      const google::protobuf::RepeatedField<uint32_t>& refs) {
    std::vector<types::TypeParam*> out;
    for (uint32_t r : refs) {
      if (r >= types_.size() || in_.types(static_cast<int>(r)).kind_case() != pb::Type::kTypeParam) {
        return Error("type parameter reference is not a type parameter");
      }
      out.push_back(static_cast<types::TypeParam*>(types_[r]));
    }
    return out;
  }

  // ---- step 2: the forward pass ----

  absl::Status BuildTypes() {
    const int n = in_.types_size();
    for (int i = 0; i < n; i++) {
      if (IsShell(i)) continue;
      current_ = static_cast<uint32_t>(i);
      current_local_ = false;
      auto t = BuildType(in_.types(i));
      if (!t.ok()) return t.status();
      types_[i] = *t;
      local_[i] = current_local_;
    }
    current_ = static_cast<uint32_t>(n);
    return absl::OkStatus();
  }

  absl::StatusOr<types::Type*> BuildType(const pb::Type& t) {
    switch (t.kind_case()) {
      case pb::Type::kBasic:
        if (t.basic() > static_cast<uint32_t>(types::BasicKind::kUntypedNil)) {
          return Error("bad basic kind");
        }
        return types::Typ(static_cast<types::BasicKind>(t.basic()));
      case pb::Type::kUniverse:
        switch (t.universe()) {
          case pb::UNIVERSE_ERROR: return types::UniverseError();
          case pb::UNIVERSE_COMPARABLE: return types::UniverseComparable();
          case pb::UNIVERSE_ANY: return types::UniverseAny();
          case pb::UNIVERSE_ERROR_UNDERLYING: return types::UniverseError()->underlying_raw();
          case pb::UNIVERSE_COMPARABLE_UNDERLYING:
            return types::UniverseComparable()->underlying_raw();
          case pb::UNIVERSE_BYTE: return types::UniverseByte();
          case pb::UNIVERSE_RUNE: return types::UniverseRune();
          default: return Error("bad universe type");
        }
      case pb::Type::kPointer: {
        auto e = ValueRef(t.pointer());
        if (!e.ok()) return e.status();
        return arena().New<types::Pointer>(*e);
      }
      case pb::Type::kSlice: {
        auto e = ValueRef(t.slice());
        if (!e.ok()) return e.status();
        return arena().New<types::Slice>(*e);
      }
      case pb::Type::kArray: {
        auto e = ValueRef(t.array().elem());
        if (!e.ok()) return e.status();
        if (t.array().len() < 0) return Error("negative array length");
        return arena().New<types::Array>(*e, t.array().len());
      }
      case pb::Type::kMap: {
        auto k = ValueRef(t.map().key());
        if (!k.ok()) return k.status();
        auto e = ValueRef(t.map().elem());
        if (!e.ok()) return e.status();
        return arena().New<types::Map>(*k, *e);
      }
      case pb::Type::kChan: {
        auto e = ValueRef(t.chan().elem());
        if (!e.ok()) return e.status();
        if (t.chan().dir() < 0 || t.chan().dir() > 2) return Error("bad channel direction");
        return arena().New<types::Chan>(static_cast<types::ChanDir>(t.chan().dir()), *e);
      }
      case pb::Type::kStruct: {
        const pb::Struct& s = t.struct_();
        std::vector<types::Var*> fields;
        for (const pb::Var& f : s.fields()) {
          auto v = NewVar(types::VarKind::kField, f);
          if (!v.ok()) return v.status();
          fields.push_back(*v);
        }
        if (s.tags_size() != 0 && s.tags_size() != s.fields_size()) return Error("bad struct tags");
        return arena().New<types::Struct>(std::move(fields),
                                          std::vector<std::string>(s.tags().begin(), s.tags().end()));
      }
      case pb::Type::kSignature: {
        if (t.signature().has_recv()) return Error("function type with a receiver");
        auto sig = NewSignature(t.signature(), nullptr);
        if (!sig.ok()) return sig.status();
        return *sig;
      }
      case pb::Type::kInterface: {
        const pb::Interface& m = t.interface();
        auto* iface = arena().New<types::Interface>(std::vector<types::Func*>{},
                                                    std::vector<types::Type*>{});
        for (const pb::Func& f : m.methods()) {
          if (!f.signature().has_recv() && !f.signature().recv_is_interface()) {
            return Error("interface method without a receiver");
          }
          auto fn = NewFunc(f, iface);
          if (!fn.ok()) return fn.status();
          iface->mutable_methods().push_back(*fn);
        }
        for (uint32_t r : m.embeddeds()) {
          auto e = Ref(r);
          if (!e.ok()) return e.status();
          if (Isa<types::TypeParam>(*e) || Isa<types::Tuple>(*e)) {
            return Error("bad embedded type in interface");
          }
          iface->mutable_embeddeds().push_back(*e);
        }
        if (m.implicit()) iface->MarkImplicit();
        return iface;
      }
      case pb::Type::kUnion: {
        std::vector<types::Term> terms;
        for (const pb::Term& term : t.union_().terms()) {
          auto e = Ref(term.type());
          if (!e.ok()) return e.status();
          if (Isa<types::Tuple>(*e) || Isa<types::Union>(*e)) return Error("bad union term");
          terms.push_back(types::Term{term.tilde(), *e});
        }
        if (terms.empty()) return Error("empty union");
        return arena().New<types::Union>(std::move(terms));
      }
      case pb::Type::kNamedRef: {
        const pb::NamedRef& m = t.named_ref();
        if (m.pkg() == 0 || m.pkg() >= pkgs_.size()) return Error("bad package of a named type");
        types::Object* obj = pkgs_[m.pkg()]->scope()->Lookup(m.name());
        auto* tn = DynCast<types::TypeName>(obj);
        auto* named = tn != nullptr ? DynCast<types::Named>(tn->type()) : nullptr;
        if (named == nullptr || named->IsInstance()) {
          return Error(absl::StrCat("no named type ", m.name(), " in \"", pkgs_[m.pkg()]->path(), "\""));
        }
        return named;
      }
      case pb::Type::kInstance: {
        const pb::Instance& m = t.instance();
        auto o = Ref(m.origin());
        if (!o.ok()) return o.status();
        auto* orig = DynCast<types::Named>(*o);
        if (orig == nullptr || orig->IsInstance() || orig->type_params().empty()) {
          return Error("instance of a non-generic type");
        }
        std::vector<types::Type*> targs;
        for (uint32_t r : m.type_args()) {
          auto a = ValueRef(r);
          if (!a.ok()) return a.status();
          if (Isa<types::Tuple>(*a) || Isa<types::Union>(*a)) return Error("bad type argument");
          targs.push_back(*a);
        }
        if (targs.size() != orig->type_params().size()) return Error("wrong number of type arguments");
        if (!current_local_) {
          // Only complete types: an instance another package made may exist already.
          std::string h = ctxt_->InstanceHash(orig, targs);
          if (types::Type* canonical = ctxt_->Lookup(h, orig, targs)) return canonical;
        }
        // Entered in the context at the very end (see RegisterInstances).
        auto* inst = arena().New<types::Named>(&arena(), ctxt_, orig, std::move(targs));
        new_instances_.push_back(inst);
        return inst;
      }
      case pb::Type::kNamed:
      case pb::Type::kTypeParam:
        return Error("internal: shell in forward pass");
      case pb::Type::KIND_NOT_SET:
        break;
    }
    return Error("empty type entry");
  }

  absl::StatusOr<types::Var*> NewVar(types::VarKind kind, const pb::Var& m) {
    auto p = Pkg(m.pkg(), m.no_pkg());
    if (!p.ok()) return p.status();
    auto t = ValueRef(m.type());
    if (!t.ok()) return t.status();
    auto* v = arena().New<types::Var>(kind, NewPos(m.pos()), *p, m.name(), *t, m.embedded());
    v->set_color(kBlack);
    if (absl::Status s = SetPos(v, m.pos()); !s.ok()) return s;
    return v;
  }

  // A signature; `enclosing` is the interface whose method it is (for recv_is_interface).
  absl::StatusOr<types::Signature*> NewSignature(const pb::Signature& m, types::Interface* enclosing) {
    types::Var* recv = nullptr;
    if (m.recv_is_interface()) {
      if (enclosing == nullptr) return Error("receiver of an interface outside an interface");
      auto p = Pkg(m.recv().pkg(), m.recv().no_pkg());
      if (!p.ok()) return p.status();
      recv = arena().New<types::Var>(types::VarKind::kRecv, NewPos(m.recv().pos()), *p,
                                     m.recv().name(), enclosing);
      recv->set_color(kBlack);
      if (absl::Status s = SetPos(recv, m.recv().pos()); !s.ok()) return s;
    } else if (m.has_recv()) {
      auto v = NewVar(types::VarKind::kRecv, m.recv());
      if (!v.ok()) return v.status();
      recv = *v;
    }
    auto tparams = TypeParams(m.type_params());
    if (!tparams.ok()) return tparams.status();
    auto rparams = TypeParams(m.recv_type_params());
    if (!rparams.ok()) return rparams.status();
    auto tuple = [&](const auto& vars, bool present, types::VarKind kind) -> absl::StatusOr<types::Tuple*> {
      if (!present) {
        if (!vars.empty()) return Error("variables in an absent tuple");
        return nullptr;
      }
      std::vector<types::Var*> out;
      for (const pb::Var& v : vars) {
        auto var = NewVar(kind, v);
        if (!var.ok()) return var.status();
        out.push_back(*var);
      }
      return arena().New<types::Tuple>(std::move(out));
    };
    auto params = tuple(m.params(), m.has_params(), types::VarKind::kParam);
    if (!params.ok()) return params.status();
    auto results = tuple(m.results(), m.has_results(), types::VarKind::kResult);
    if (!results.ok()) return results.status();
    if (m.variadic()) {
      int n = types::TupleLen(*params);
      if (n == 0 || !Isa<types::Slice>((*params)->At(n - 1)->type())) {
        return Error("variadic signature without a final slice parameter");
      }
    }
    auto* sig = arena().New<types::Signature>(recv, *params, *results, m.variadic());
    sig->set_type_params(std::move(*tparams));
    sig->set_recv_type_params(std::move(*rparams));
    return sig;
  }

  absl::StatusOr<types::Func*> NewFunc(const pb::Func& m, types::Interface* enclosing) {
    auto p = Pkg(m.pkg(), m.no_pkg());
    if (!p.ok()) return p.status();
    auto sig = NewSignature(m.signature(), enclosing);
    if (!sig.ok()) return sig.status();
    auto* f = arena().New<types::Func>(NewPos(m.pos()), *p, m.name(), *sig);
    f->set_has_ptr_recv(m.ptr_recv());
    f->set_color(kBlack);
    if (absl::Status s = SetPos(f, m.pos()); !s.ok()) return s;
    return f;
  }

  // ---- step 3: fill the shells ----

  absl::Status FillShells() {
    const int n = in_.types_size();
    for (int i = 0; i < n; i++) {
      const pb::Type& t = in_.types(i);
      if (t.kind_case() == pb::Type::kNamed) {
        auto* named = static_cast<types::Named*>(types_[i]);
        auto u = Ref(t.named().underlying());
        if (!u.ok()) return u.status();
        switch ((*u)->kind()) {
          case types::TypeKind::kNamed:
          case types::TypeKind::kTypeParam:
          case types::TypeKind::kTuple:
          case types::TypeKind::kUnion:
            return Error(absl::StrCat("bad underlying type of ", t.named().name()));
          default:
            break;
        }
        named->SetUnderlying(*u);
        named->set_from_rhs(*u);
        for (const pb::Func& f : t.named().methods()) {
          if (!f.signature().has_recv() || f.signature().recv_is_interface()) {
            return Error("method without a receiver");
          }
          auto fn = NewFunc(f, nullptr);
          if (!fn.ok()) return fn.status();
          types::Type* rt = (*fn)->signature()->recv()->type();
          if (auto* p = DynCast<types::Pointer>(rt)) rt = p->elem();
          auto* rn = DynCast<types::Named>(rt);
          if (rn == nullptr || rn->Origin() != named) return Error("method receiver of another type");
          named->AddMethod(*fn);
        }
      } else if (t.kind_case() == pb::Type::kTypeParam) {
        auto c = Ref(t.type_param().constraint());
        if (!c.ok()) return c.status();
        static_cast<types::TypeParam*>(types_[i])->SetConstraint(*c);
      }
    }
    return absl::OkStatus();
  }

  // Constraints are interfaces, and no named type of this package contains itself (by value,
  // through struct fields, array elements, embedded interfaces or union terms, or an
  // instance of itself): such a type has no size and no type set, and walking it would not
  // end. The walk over the contents of one named type visits table entries, which are
  // acyclic apart from shells, so an explicit stack over entries suffices.
  absl::Status CheckShells() {
    const int n = in_.types_size();
    for (int i = 0; i < n; i++) {
      if (in_.types(i).kind_case() != pb::Type::kTypeParam) continue;
      // Without expanding instances (that would enter new instances in the context
      // before the package is known to be good): an instance's origin decides.
      types::Type* c = static_cast<types::TypeParam*>(types_[i])->constraint();
      if (auto* n = DynCast<types::Named>(c)) c = n->Origin()->underlying_raw();
      if (!Isa<types::Interface>(c)) return Error("constraint is not an interface");
    }
    // Edges between named shells: i -> j when the contents of i contain j by value.
    std::vector<std::vector<uint32_t>> edges(n);
    std::vector<int> seen(n, -1);
    for (int i = 0; i < n; i++) {
      if (in_.types(i).kind_case() != pb::Type::kNamed) continue;
      std::vector<uint32_t> stack = {in_.types(i).named().underlying()};
      while (!stack.empty()) {
        uint32_t r = stack.back();
        stack.pop_back();
        if (seen[r] == i) continue;
        seen[r] = i;
        const pb::Type& t = in_.types(static_cast<int>(r));
        switch (t.kind_case()) {
          case pb::Type::kNamed:
            edges[i].push_back(r);
            break;
          case pb::Type::kArray:
            stack.push_back(t.array().elem());
            break;
          case pb::Type::kStruct:
            for (const pb::Var& f : t.struct_().fields()) stack.push_back(f.type());
            break;
          case pb::Type::kInterface:
            for (uint32_t e : t.interface().embeddeds()) stack.push_back(e);
            break;
          case pb::Type::kUnion:
            for (const pb::Term& term : t.union_().terms()) stack.push_back(term.type());
            break;
          case pb::Type::kInstance:
            stack.push_back(t.instance().origin());
            break;
          default:
            break;
        }
      }
    }
    // Cycle detection, iteratively: 0 white, 1 grey, 2 black.
    std::vector<uint8_t> color(n, 0);
    for (int root = 0; root < n; root++) {
      if (color[root] != 0 || in_.types(root).kind_case() != pb::Type::kNamed) continue;
      std::vector<std::pair<uint32_t, size_t>> stack = {{static_cast<uint32_t>(root), 0}};
      color[root] = 1;
      while (!stack.empty()) {
        auto& [node, next] = stack.back();
        if (next == edges[node].size()) {
          color[node] = 2;
          stack.pop_back();
          continue;
        }
        uint32_t succ = edges[node][next++];
        if (color[succ] == 1) return Error("invalid recursive type");
        if (color[succ] == 0) {
          color[succ] = 1;
          stack.push_back({succ, 0});
        }
      }
    }
    return absl::OkStatus();
  }

  // ---- step 6 ----

  // Enters this package's new instances in the context. Last, when nothing can fail any
  // more: the context outlives a package that is dropped on an error, and must not keep
  // pointers into its arena. Hashing may expand instances, which enters the instances
  // the expansion makes (allocated here too) as well.
  void RegisterInstances() {
    for (types::Named* inst : new_instances_) {
      std::string h = ctxt_->InstanceHash(inst->Origin(), inst->type_args());
      ctxt_->Update(h, inst->Origin(), inst->type_args(), inst);
    }
  }

  // ---- step 5: objects ----

  absl::Status ReadObjects() {
    std::vector<bool> claimed(types_.size(), false);
    for (const pb::Object& m : in_.objects()) {
      if (m.name().empty() || m.name() == "_") return Error("bad object name");
      types::Object* obj = nullptr;
      types::Package* p = pkg_.get();
      switch (m.kind()) {
        case pb::OBJECT_CONST: {
          auto t = Ref(m.type());
          if (!t.ok()) return t.status();
          auto v = ReadConstant(m.value(), 0);
          if (!v.ok()) return v.status();
          obj = arena().New<types::Const>(NewPos(m.pos()), p, m.name(), *t, std::move(*v));
          break;
        }
        case pb::OBJECT_VAR: {
          auto t = Ref(m.type());
          if (!t.ok()) return t.status();
          if (Isa<types::Union>(*t)) return Error("bad variable type");
          obj = arena().New<types::Var>(types::VarKind::kPackage, NewPos(m.pos()), p, m.name(), *t);
          break;
        }
        case pb::OBJECT_TYPE_NAME: {
          auto t = Ref(m.type());
          if (!t.ok()) return t.status();
          if (m.alias()) {
            if (Isa<types::Tuple>(*t) || Isa<types::Union>(*t)) return Error("bad alias");
            obj = arena().New<types::TypeName>(NewPos(m.pos()), p, m.name(), *t);
            break;
          }
          uint32_t r = m.type();
          auto* named = DynCast<types::Named>(*t);
          if (in_.types(static_cast<int>(r)).kind_case() != pb::Type::kNamed || claimed[r] ||
              named->obj()->name() != m.name() || named->obj()->pkg() != p) {
            return Error(absl::StrCat("type ", m.name(), " does not declare its named type"));
          }
          claimed[r] = true;
          obj = named->obj();
          break;
        }
        case pb::OBJECT_FUNC: {
          if (m.signature().has_recv() || m.signature().recv_is_interface()) {
            return Error("package-level function with a receiver");
          }
          auto sig = NewSignature(m.signature(), nullptr);
          if (!sig.ok()) return sig.status();
          obj = arena().New<types::Func>(NewPos(m.pos()), p, m.name(), *sig);
          break;
        }
        default:
          return Error("bad object kind");
      }
      obj->set_color(kBlack);
      if (absl::Status s = SetPos(obj, m.pos()); !s.ok()) return s;
      if (pkg_->scope()->Insert(obj) != nullptr) {
        return Error(absl::StrCat(m.name(), " declared twice"));
      }
    }
    return absl::OkStatus();
  }

  // An exact constant in the representation it was written in.
  absl::StatusOr<constant::Value> ReadConstant(const pb::Constant& m, int depth) {
    switch (m.value_case()) {
      case pb::Constant::kUnknown:
      case pb::Constant::VALUE_NOT_SET:
        return constant::MakeUnknown();
      case pb::Constant::kBoolValue:
        return constant::MakeBool(m.bool_value());
      case pb::Constant::kStringValue:
        return constant::MakeString(m.string_value());
      case pb::Constant::kIntValue:
        return Decimal(m.int_value());
      case pb::Constant::kRatValue: {
        auto num = Decimal(m.rat_value().num());
        if (!num.ok()) return num.status();
        auto den = Decimal(m.rat_value().den());
        if (!den.ok()) return den.status();
        if (constant::Sign(*den) <= 0) return Error("bad fraction denominator");
        constant::Value v = constant::BinaryOp(*num, constant::Op::kQuo, *den);
        if (v.kind() != constant::Kind::kFloat) return Error("bad fraction");
        return v;
      }
      case pb::Constant::kFloatValue:
        return Float(m.float_value());
      case pb::Constant::kComplexValue: {
        if (depth > 0) return Error("nested complex constant");
        auto re = ReadConstant(m.complex_value().re(), depth + 1);
        if (!re.ok()) return re.status();
        auto im = ReadConstant(m.complex_value().im(), depth + 1);
        if (!im.ok()) return im.status();
        if (!IsNumber(*re) || !IsNumber(*im)) return Error("bad complex constant");
        return constant::BinaryOp(*re, constant::Op::kAdd, constant::MakeImag(*im));
      }
    }
    return Error("bad constant");
  }

  static bool IsNumber(const constant::Value& v) {
    return v.kind() == constant::Kind::kInt || v.kind() == constant::Kind::kFloat;
  }

  // [-]digits, as ExactString writes integers.
  absl::StatusOr<constant::Value> Decimal(const std::string& s) {
    bool neg = !s.empty() && s[0] == '-';
    std::string digits = s.substr(neg ? 1 : 0);
    if (digits.empty() || digits.size() > 100000 ||
        digits.find_first_not_of("0123456789") != std::string::npos) {
      return Error("bad integer constant");
    }
    constant::Value v = constant::MakeFromLiteral(digits, constant::LiteralKind::kInt);
    if (v.kind() != constant::Kind::kInt) return Error("bad integer constant");
    return neg ? constant::UnaryOp(constant::Op::kSub, v) : v;
  }

  // "0" or [-]0x.HEXp[+-]DEC (big.Float's %p form, ExactString of a 512-bit float). Parsed
  // as a Go literal, a small value becomes an int or a fraction, so it is multiplied by a
  // float 1 (2**5000 * 2**-5000, both floats: their exponents are beyond fractions' range)
  // to keep the float representation; the product is exact.
  absl::StatusOr<constant::Value> Float(const std::string& s) {
    bool neg = !s.empty() && s[0] == '-';
    std::string lit = s.substr(neg ? 1 : 0);
    bool ok = lit == "0";
    if (!ok && lit.size() < 4096 && lit.rfind("0x.", 0) == 0) {
      size_t p = lit.find('p');
      ok = p != std::string::npos && p > 3 &&
           lit.find_first_not_of("0123456789abcdef", 3) == p && p + 2 < lit.size() &&
           (lit[p + 1] == '+' || lit[p + 1] == '-') && p + 2 + 10 >= lit.size() &&
           lit.find_first_not_of("0123456789", p + 2) == std::string::npos;
    }
    if (!ok) return Error("bad float constant");
    constant::Value v = constant::MakeFromLiteral(lit, constant::LiteralKind::kFloat);
    if (v.kind() != constant::Kind::kInt && v.kind() != constant::Kind::kFloat) {
      return Error("bad float constant");
    }
    static const constant::Value kFloatOne = constant::BinaryOp(
        constant::MakeFromLiteral("0x1p5000", constant::LiteralKind::kFloat), constant::Op::kMul,
        constant::MakeFromLiteral("0x1p-5000", constant::LiteralKind::kFloat));
    v = constant::BinaryOp(v, constant::Op::kMul, kFloatOne);
    if (v.rep() != constant::Value::Rep::kFloat) return Error("bad float constant");
    return neg ? constant::UnaryOp(constant::Op::kSub, v) : v;
  }

  const pb::Package& in_;
  types::Context* ctxt_;
  const PackageLookup& lookup_;
  std::unique_ptr<types::Package> pkg_;
  std::vector<types::Package*> pkgs_;  // [0] = pkg_, then package_refs
  std::vector<types::Type*> types_;
  std::vector<bool> local_;  // the entry reaches this package's new types
  std::vector<types::Named*> new_instances_;  // made here, not yet in the context
  uint32_t current_ = 0;     // the entry being built (types_.size() outside the pass)
  bool current_local_ = false;
  absl::flat_hash_map<const types::Package*, absl::flat_hash_map<std::string, int32_t>> file_maps_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<types::Package>> ReadExportData(std::string_view data,
                                                               types::Context* context,
                                                               const PackageLookup& lookup) {
  pb::Package in;
  if (data.size() > static_cast<size_t>(std::numeric_limits<int>::max()) ||
      !in.ParseFromArray(data.data(), static_cast<int>(data.size()))) {
    return absl::InvalidArgumentError("export data: not a heapmap.export.Package message");
  }
  return Reader(in, context, lookup).Read();
}

}  // namespace heapmap::exportdata
