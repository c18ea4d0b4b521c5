// frontend/export/export.cc — the writer: a checked package's API as proto/export.proto.
//
// Types go into one table in post-order (what a type refers to comes first), except that a
// named type declared here and a type parameter get their index before their contents are
// visited: those are the reader's "shells", through which all cycles go. Objects are
// written sorted by name and methods in the checker's order, so the bytes depend only on
// the package's source.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "frontend/export/export.h"
#include "frontend/types/object.h"
#include "frontend/types/scope.h"
#include "frontend/types/type.h"
#include "frontend/types/universe.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "proto/export.pb.h"

namespace heapmap::exportdata {
namespace {

namespace pb = ::heapmap::exportdata;  // the generated messages (proto/export.proto)
using types::DynCast;
using types::Isa;

class Writer {
 public:
  Writer(const types::Package& pkg, const std::function<std::string(const std::string&)>& file_name)
      : pkg_(pkg), file_name_(file_name) {}

  std::string Write() {
    out_.set_path(pkg_.path());
    out_.set_name(pkg_.name());
    for (const types::Package* imp : pkg_.imports()) out_.add_imports(imp->path());
    for (const std::string& f : pkg_.files()) AddFile(f);
    out_.set_num_own_files(static_cast<uint32_t>(pkg_.files().size()));
    // Names() is sorted.
    for (std::string_view name : pkg_.scope()->Names()) {
      types::Object* obj = pkg_.scope()->Lookup(name);
      WriteObject(obj, out_.add_objects());
    }
    std::string bytes;
    {
      google::protobuf::io::StringOutputStream stream(&bytes);
      google::protobuf::io::CodedOutputStream coded(&stream);
      coded.SetSerializationDeterministic(true);
      out_.SerializeToCodedStream(&coded);
    }
    return bytes;
  }

 private:
  uint32_t AddFile(const std::string& name) {
    auto [it, inserted] = file_index_.try_emplace(name, out_.files_size());
    if (inserted) out_.add_files(file_name_ ? file_name_(name) : name);
    return it->second;
  }

  // The package reference of an object: 0 for this package, k for package_refs[k-1].
  uint32_t PkgRef(const types::Package* p) {
    if (p == &pkg_) return 0;
    auto [it, inserted] = pkg_index_.try_emplace(p, out_.package_refs_size() + 1);
    if (inserted) out_.add_package_refs(p->path());
    return it->second;
  }

  void WritePos(const types::Object* obj, pb::Pos* pos) {
    if (!obj->pos().IsKnown()) return;
    const types::Package* p = obj->pkg();
    if (obj->file() >= 0 && p != nullptr &&
        static_cast<size_t>(obj->file()) < p->files().size()) {
      pos->set_file(AddFile(p->files()[obj->file()]) + 1);
    }
    pos->set_line(obj->pos().line);
    pos->set_col(obj->pos().col);
  }

  template <typename Msg>
  void WriteObjPkg(const types::Object* obj, Msg* m) {
    if (obj->pkg() == nullptr) {
      m->set_no_pkg(true);
    } else {
      m->set_pkg(PkgRef(obj->pkg()));
    }
  }

  void WriteVar(types::Var* v, pb::Var* m) {
    m->set_name(v->name());
    WritePos(v, m->mutable_pos());
    WriteObjPkg(v, m);
    m->set_type(TypeIndex(v->type()));
    m->set_embedded(v->embedded());
  }

  void WriteSignature(types::Signature* sig, types::Interface* enclosing, pb::Signature* m) {
    if (types::Var* recv = sig->recv()) {
      if (enclosing != nullptr && recv->type() == enclosing) {
        m->set_recv_is_interface(true);
        pb::Var* r = m->mutable_recv();
        r->set_name(recv->name());
        WritePos(recv, r->mutable_pos());
        WriteObjPkg(recv, r);
      } else {
        WriteVar(recv, m->mutable_recv());
      }
    }
    for (types::TypeParam* tp : sig->type_params()) m->add_type_params(TypeIndex(tp));
    for (types::TypeParam* tp : sig->recv_type_params()) m->add_recv_type_params(TypeIndex(tp));
    if (sig->params() != nullptr) {
      m->set_has_params(true);
      for (types::Var* v : sig->params()->vars()) WriteVar(v, m->add_params());
    }
    if (sig->results() != nullptr) {
      m->set_has_results(true);
      for (types::Var* v : sig->results()->vars()) WriteVar(v, m->add_results());
    }
    m->set_variadic(sig->variadic());
  }

  void WriteFunc(types::Func* f, types::Interface* enclosing, pb::Func* m) {
    m->set_name(f->name());
    WritePos(f, m->mutable_pos());
    WriteObjPkg(f, m);
    if (f->signature() != nullptr) WriteSignature(f->signature(), enclosing, m->mutable_signature());
    m->set_ptr_recv(f->has_ptr_recv());
  }

  // The index of t in the type table, writing it (and what it refers to) first if needed.
  uint32_t TypeIndex(types::Type* t) {
    if (t == nullptr) t = types::Typ(types::BasicKind::kInvalid);
    if (auto it = type_index_.find(t); it != type_index_.end()) return it->second;
    pb::Type entry;
    switch (t->kind()) {
      case types::TypeKind::kBasic: {
        auto* b = static_cast<types::Basic*>(t);
        if (b == types::UniverseByte()) {
          entry.set_universe(pb::UNIVERSE_BYTE);
        } else if (b == types::UniverseRune()) {
          entry.set_universe(pb::UNIVERSE_RUNE);
        } else {
          entry.set_basic(static_cast<uint32_t>(b->basic_kind()));
        }
        break;
      }
      case types::TypeKind::kPointer:
        entry.set_pointer(TypeIndex(static_cast<types::Pointer*>(t)->elem()));
        break;
      case types::TypeKind::kSlice:
        entry.set_slice(TypeIndex(static_cast<types::Slice*>(t)->elem()));
        break;
      case types::TypeKind::kArray: {
        auto* a = static_cast<types::Array*>(t);
        uint32_t elem = TypeIndex(a->elem());
        entry.mutable_array()->set_elem(elem);
        entry.mutable_array()->set_len(a->len());
        break;
      }
      case types::TypeKind::kMap: {
        auto* m = static_cast<types::Map*>(t);
        uint32_t key = TypeIndex(m->key());
        uint32_t elem = TypeIndex(m->elem());
        entry.mutable_map()->set_key(key);
        entry.mutable_map()->set_elem(elem);
        break;
      }
      case types::TypeKind::kChan: {
        auto* c = static_cast<types::Chan*>(t);
        uint32_t elem = TypeIndex(c->elem());
        entry.mutable_chan()->set_dir(static_cast<pb::ChanDir>(c->dir()));
        entry.mutable_chan()->set_elem(elem);
        break;
      }
      case types::TypeKind::kStruct: {
        auto* s = static_cast<types::Struct*>(t);
        pb::Struct* m = entry.mutable_struct_();
        for (int i = 0; i < s->NumFields(); i++) WriteVar(s->Field(i), m->add_fields());
        if (s->HasTags()) {
          for (int i = 0; i < s->NumFields(); i++) m->add_tags(std::string(s->Tag(i)));
        }
        break;
      }
      case types::TypeKind::kTuple: {
        // Tuples appear only inside signatures, where they are written inline; a tuple
        // elsewhere is not part of an API.
        entry.set_basic(static_cast<uint32_t>(types::BasicKind::kInvalid));
        break;
      }
      case types::TypeKind::kSignature:
        WriteSignature(static_cast<types::Signature*>(t), nullptr, entry.mutable_signature());
        break;
      case types::TypeKind::kInterface: {
        auto* iface = static_cast<types::Interface*>(t);
        if (iface == types::UniverseAny()) {
          entry.set_universe(pb::UNIVERSE_ANY);
        } else if (iface == types::UniverseError()->underlying_raw()) {
          entry.set_universe(pb::UNIVERSE_ERROR_UNDERLYING);
        } else if (iface == types::UniverseComparable()->underlying_raw()) {
          entry.set_universe(pb::UNIVERSE_COMPARABLE_UNDERLYING);
        } else {
          pb::Interface* m = entry.mutable_interface();
          for (types::Func* f : iface->explicit_methods()) WriteFunc(f, iface, m->add_methods());
          for (types::Type* e : iface->embeddeds()) m->add_embeddeds(TypeIndex(e));
          m->set_implicit(iface->implicit());
        }
        break;
      }
      case types::TypeKind::kUnion: {
        auto* u = static_cast<types::Union*>(t);
        pb::Type::Union* m = entry.mutable_union_();
        for (const types::Term& term : u->terms()) {
          pb::Term* pt = m->add_terms();
          pt->set_tilde(term.tilde);
          pt->set_type(TypeIndex(term.type));
        }
        break;
      }
      case types::TypeKind::kNamed:
        return NamedIndex(static_cast<types::Named*>(t));
      case types::TypeKind::kTypeParam:
        return TypeParamIndex(static_cast<types::TypeParam*>(t));
    }
    // Visiting the parts may have written t already: in `type T struct{ p *T }; type U T`
    // U's underlying type is T's struct, so visiting U visits the struct, its field *T, T's
    // shell, T's underlying type (the same struct) and writes it; the outer visit then
    // finds it written and drops its own copy.
    if (auto it = type_index_.find(t); it != type_index_.end()) return it->second;
    return Append(t, std::move(entry));
  }

  uint32_t Append(types::Type* t, pb::Type entry) {
    uint32_t index = static_cast<uint32_t>(out_.types_size());
    *out_.add_types() = std::move(entry);
    type_index_.emplace(t, index);
    return index;
  }

  uint32_t NamedIndex(types::Named* n) {
    if (n == types::UniverseError() || n == types::UniverseComparable()) {
      pb::Type entry;
      entry.set_universe(n == types::UniverseError() ? pb::UNIVERSE_ERROR : pb::UNIVERSE_COMPARABLE);
      return Append(n, std::move(entry));
    }
    if (n->IsInstance()) {
      uint32_t origin = TypeIndex(n->Origin());
      std::vector<uint32_t> targs;
      for (types::Type* a : n->type_args()) targs.push_back(TypeIndex(a));
      if (auto it = type_index_.find(n); it != type_index_.end()) return it->second;
      pb::Type entry;
      entry.mutable_instance()->set_origin(origin);
      for (uint32_t a : targs) entry.mutable_instance()->add_type_args(a);
      return Append(n, std::move(entry));
    }
    types::TypeName* obj = n->obj();
    const types::Package* p = obj->pkg();
    // Another package's package-level type: by name. Anything else (this package's types,
    // and local types another package's API happens to reach) is declared here.
    if (p != nullptr && p != &pkg_ && p->scope()->Lookup(obj->name()) == obj) {
      pb::Type entry;
      entry.mutable_named_ref()->set_pkg(PkgRef(p));
      entry.mutable_named_ref()->set_name(obj->name());
      return Append(n, std::move(entry));
    }
    // A shell: index first, contents after.
    uint32_t index = Append(n, pb::Type());
    pb::Named named;
    named.set_name(obj->name());
    WritePos(obj, named.mutable_pos());
    named.set_pkg(p == nullptr ? 0 : PkgRef(p));
    for (types::TypeParam* tp : n->type_params()) named.add_type_params(TypeIndex(tp));
    named.set_underlying(TypeIndex(n->Underlying()));
    for (int i = 0; i < n->NumMethods(); i++) WriteFunc(n->Method(i), nullptr, named.add_methods());
    *out_.mutable_types(index)->mutable_named() = std::move(named);
    return index;
  }

  uint32_t TypeParamIndex(types::TypeParam* tp) {
    uint32_t index = Append(tp, pb::Type());
    pb::TypeParam m;
    types::TypeName* obj = tp->obj();
    if (obj != nullptr) {
      m.set_name(obj->name());
      WritePos(obj, m.mutable_pos());
      WriteObjPkg(obj, &m);
    }
    m.set_index(tp->index());
    m.set_constraint(TypeIndex(tp->constraint()));
    *out_.mutable_types(index)->mutable_type_param() = std::move(m);
    return index;
  }

  void WriteObject(types::Object* obj, pb::Object* m) {
    m->set_name(obj->name());
    WritePos(obj, m->mutable_pos());
    switch (obj->kind()) {
      case types::ObjectKind::kConst: {
        auto* c = static_cast<types::Const*>(obj);
        m->set_kind(pb::OBJECT_CONST);
        m->set_type(TypeIndex(c->type()));
        WriteConstant(c->val(), m->mutable_value());
        break;
      }
      case types::ObjectKind::kVar:
        m->set_kind(pb::OBJECT_VAR);
        m->set_type(TypeIndex(obj->type()));
        break;
      case types::ObjectKind::kTypeName: {
        auto* tn = static_cast<types::TypeName*>(obj);
        m->set_kind(pb::OBJECT_TYPE_NAME);
        m->set_alias(tn->IsAlias());
        m->set_type(TypeIndex(tn->type()));
        break;
      }
      case types::ObjectKind::kFunc: {
        auto* f = static_cast<types::Func*>(obj);
        m->set_kind(pb::OBJECT_FUNC);
        if (f->signature() != nullptr) WriteSignature(f->signature(), nullptr, m->mutable_signature());
        break;
      }
      default:
        // Package scopes hold nothing else; keep the entry as an invalid variable so that
        // the name is still declared.
        m->set_kind(pb::OBJECT_VAR);
        m->set_type(TypeIndex(nullptr));
        break;
    }
  }

  static void WriteConstant(const types::constant::Value& v, pb::Constant* m) {
    namespace constant = types::constant;
    using Rep = constant::Value::Rep;
    switch (v.rep()) {
      case Rep::kUnknown:
        m->set_unknown(true);
        break;
      case Rep::kBool:
        m->set_bool_value(constant::BoolVal(v));
        break;
      case Rep::kString:
        m->set_string_value(constant::StringVal(v));
        break;
      case Rep::kInt64:
      case Rep::kBigInt:
        m->set_int_value(v.ExactString());
        break;
      case Rep::kRat: {
        pb::Constant::Fraction* f = m->mutable_rat_value();
        f->set_num(constant::Num(v).ExactString());
        f->set_den(constant::Denom(v).ExactString());
        break;
      }
      case Rep::kFloat:
        m->set_float_value(v.ExactString());
        break;
      case Rep::kComplex:
        WriteConstant(constant::Real(v), m->mutable_complex_value()->mutable_re());
        WriteConstant(constant::Imag(v), m->mutable_complex_value()->mutable_im());
        break;
    }
  }

  const types::Package& pkg_;
  const std::function<std::string(const std::string&)>& file_name_;
  pb::Package out_;
  absl::flat_hash_map<const types::Type*, uint32_t> type_index_;
  absl::flat_hash_map<const types::Package*, uint32_t> pkg_index_;
  absl::flat_hash_map<std::string, uint32_t> file_index_;
};

}  // namespace

std::string WriteExportData(const types::Package& pkg,
                            const std::function<std::string(const std::string&)>& file_name) {
  return Writer(pkg, file_name).Write();
}

}  // namespace heapmap::exportdata
