// frontend/types/context.cc — the program-wide instance table and type substitution (types2 context.go, subst.go).
#include "frontend/types/context.h"

#include "absl/hash/hash.h"
#include "frontend/types/object.h"
#include "frontend/types/predicates.h"
#include "frontend/types/typearena.h"
#include "frontend/types/typestring.h"
#include "frontend/types/universe.h"

namespace heapmap::types {

// A unique number per origin type. Instances are numbered by their origin (types2 numbers
// each instance pointer) so that a hash is structural even for instances that were
// created outside this context; lookups still confirm with Identical.
int ContextGetID(Context* ctxt, Type* t) {
  if (auto* n = DynCast<Named>(t)) t = n->Origin();
  std::lock_guard<std::mutex> lock(ctxt->ids_mu_);
  auto [it, inserted] = ctxt->ids_.try_emplace(t, ctxt->next_id_);
  if (inserted) ctxt->next_id_++;
  return it->second;
}

std::string Context::InstanceHash(Type* orig, const std::vector<Type*>& targs) {
  std::string buf = std::to_string(ContextGetID(this, orig));
  WriteTypeHash(&buf, orig, this);
  if (!targs.empty()) {
    buf += '[';
    for (size_t i = 0; i < targs.size(); i++) {
      if (i > 0) buf += ',';
      WriteTypeHash(&buf, targs[i], this);
    }
    buf += ']';
  }
  for (char& c : buf) {
    if (c == ' ') c = '#';
  }
  return buf;
}

namespace {

bool IdenticalInstance(Type* xorig, const std::vector<Type*>& xargs, Type* yorig,
                       const std::vector<Type*>& yargs) {
  if (xargs.size() != yargs.size()) return false;
  for (size_t i = 0; i < xargs.size(); i++) {
    if (!Identical(xargs[i], yargs[i])) return false;
  }
  return Identical(xorig, yorig);
}

}  // namespace

Type* Context::Lookup(const std::string& h, Type* orig, const std::vector<Type*>& targs) {
  Shard& shard = shards_[absl::HashOf(h) % shards_.size()];
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.table.find(h);
  if (it == shard.table.end()) return nullptr;
  for (const Entry& e : it->second) {
    if (IdenticalInstance(orig, targs, e.orig, e.targs)) return e.instance;
  }
  return nullptr;
}

namespace {
thread_local uint64_t recorded_on_this_thread = 0;
}  // namespace

uint64_t Context::RecordedOnThisThread() { return recorded_on_this_thread; }

Type* Context::Update(const std::string& h, Type* orig, const std::vector<Type*>& targs,
                      Type* inst) {
  Shard& shard = shards_[absl::HashOf(h) % shards_.size()];
  std::lock_guard<std::mutex> lock(shard.mu);
  auto& entries = shard.table[h];
  for (const Entry& e : entries) {
    if (IdenticalInstance(orig, targs, e.orig, e.targs)) return e.instance;
  }
  entries.push_back(Entry{orig, targs, inst});
  ++recorded_on_this_thread;
  return inst;
}

Context* GlobalContext() {
  static Context* ctxt = new Context;
  return ctxt;
}

Named* InstantiateNamed(Arena* arena, Context* ctxt, Named* orig, std::vector<Type*> targs) {
  std::string h;
  if (ctxt != nullptr) {
    h = ctxt->InstanceHash(orig, targs);
    if (Type* t = ctxt->Lookup(h, orig, targs)) return static_cast<Named*>(t);
  }
  Named* inst = arena->New<Named>(arena, ctxt, orig, std::move(targs));
  if (ctxt != nullptr) return static_cast<Named*>(ctxt->Update(h, orig, inst->type_args(), inst));
  return inst;
}

Signature* InstantiateSignature(Arena* arena, Context* ctxt, Signature* sig,
                                const std::vector<Type*>& targs) {
  const std::vector<TypeParam*>& tparams = sig->type_params();
  if (tparams.empty() || tparams.size() != targs.size()) return sig;
  std::string h;
  if (ctxt != nullptr) {
    h = ctxt->InstanceHash(sig, targs);
    if (Type* t = ctxt->Lookup(h, sig, targs)) return static_cast<Signature*>(t);
  }
  auto* res = static_cast<Signature*>(Subst(arena, ctxt, sig, tparams, targs));
  if (res == sig) res = arena->New<Signature>(*sig);
  res->set_type_params({});
  if (ctxt != nullptr) return static_cast<Signature*>(ctxt->Update(h, sig, targs, res));
  return res;
}

// ----------------------------------------------------------------------------
// Substitution (port of types2 subst.go).

namespace {

class Subster {
 public:
  Subster(Arena* arena, Context* ctxt, const std::vector<TypeParam*>& tparams,
          const std::vector<Type*>& targs)
      : arena_(arena), ctxt_(ctxt) {
    for (size_t i = 0; i < tparams.size() && i < targs.size(); i++) smap_[tparams[i]] = targs[i];
  }

  Type* Lookup(TypeParam* t) {
    auto it = smap_.find(t);
    return it == smap_.end() ? t : it->second;
  }

  Type* Typ(Type* typ) {
    if (typ == nullptr) return types::Typ(BasicKind::kInvalid);
    switch (typ->kind()) {
      case TypeKind::kBasic:
        return typ;
      case TypeKind::kArray: {
        auto* t = static_cast<Array*>(typ);
        Type* elem = Typ(t->elem());
        if (elem != t->elem()) return arena_->New<Array>(elem, t->len());
        return typ;
      }
      case TypeKind::kSlice: {
        auto* t = static_cast<Slice*>(typ);
        Type* elem = Typ(t->elem());
        if (elem != t->elem()) return arena_->New<Slice>(elem);
        return typ;
      }
      case TypeKind::kStruct: {
        auto* t = static_cast<Struct*>(typ);
        std::vector<Var*> fields;
        if (VarList(t->fields(), &fields)) {
          std::vector<std::string> tags;
          if (t->HasTags()) {
            for (int i = 0; i < t->NumFields(); i++) tags.emplace_back(t->Tag(i));
          }
          return arena_->New<Struct>(std::move(fields), std::move(tags));
        }
        return typ;
      }
      case TypeKind::kPointer: {
        auto* t = static_cast<Pointer*>(typ);
        Type* elem = Typ(t->elem());
        if (elem != t->elem()) return arena_->New<Pointer>(elem);
        return typ;
      }
      case TypeKind::kTuple:
        return Tuple_(static_cast<Tuple*>(typ));
      case TypeKind::kSignature: {
        auto* t = static_cast<Signature*>(typ);
        Tuple* params = Tuple_(t->params());
        Tuple* results = Tuple_(t->results());
        if (params != t->params() || results != t->results()) {
          auto* s = arena_->New<Signature>(t->recv(), params, results, t->variadic());
          s->set_type_params(t->type_params());
          s->set_recv_type_params(t->recv_type_params());
          s->set_scope(t->scope());
          return s;
        }
        return typ;
      }
      case TypeKind::kUnion: {
        auto* t = static_cast<Union*>(typ);
        std::vector<Term> terms = t->terms();
        bool copied = false;
        for (Term& term : terms) {
          Type* u = Typ(term.type);
          if (u != term.type) {
            term.type = u;
            copied = true;
          }
        }
        if (copied) return arena_->New<Union>(std::move(terms));
        return typ;
      }
      case TypeKind::kInterface: {
        auto* t = static_cast<Interface*>(typ);
        std::vector<Func*> methods = t->explicit_methods();
        bool mcopied = false;
        for (Func*& m : methods) {
          Type* mt = Typ(m->type());
          if (mt != m->type()) {
            m = CloneFunc(m, mt);
            mcopied = true;
          }
        }
        std::vector<Type*> embeddeds = t->embeddeds();
        bool ecopied = false;
        for (Type*& e : embeddeds) {
          Type* u = Typ(e);
          if (u != e) {
            e = u;
            ecopied = true;
          }
        }
        if (mcopied || ecopied) {
          auto* iface = arena_->New<Interface>(std::vector<Func*>{}, std::move(embeddeds));
          if (t->implicit()) iface->MarkImplicit();
          // replaceRecvType(methods, t, iface)
          for (Func*& m : methods) {
            Signature* sig = m->signature();
            if (sig != nullptr && sig->recv() != nullptr && sig->recv()->type() == t) {
              auto* nsig = arena_->New<Signature>(*sig);
              nsig->set_recv(CloneVar(sig->recv(), iface));
              m = CloneFunc(m, nsig);
            }
          }
          iface->mutable_methods() = std::move(methods);
          return iface;
        }
        return typ;
      }
      case TypeKind::kMap: {
        auto* t = static_cast<Map*>(typ);
        Type* key = Typ(t->key());
        Type* elem = Typ(t->elem());
        if (key != t->key() || elem != t->elem()) return arena_->New<Map>(key, elem);
        return typ;
      }
      case TypeKind::kChan: {
        auto* t = static_cast<Chan*>(typ);
        Type* elem = Typ(t->elem());
        if (elem != t->elem()) return arena_->New<Chan>(t->dir(), elem);
        return typ;
      }
      case TypeKind::kNamed: {
        auto* t = static_cast<Named*>(typ);
        Named* orig = t->Origin();
        size_t n = orig->type_params().size();
        if (n == 0) return t;  // not parameterized
        if (t->type_args().size() != n) return types::Typ(BasicKind::kInvalid);
        std::vector<Type*> new_targs;
        for (size_t i = 0; i < n; i++) {
          Type* targ = t->type_args()[i];
          Type* nt = Typ(targ);
          if (nt != targ) {
            if (new_targs.empty()) new_targs = t->type_args();
            new_targs[i] = nt;
          }
        }
        if (new_targs.empty()) return t;
        return InstantiateNamed(arena_, ctxt_, orig, std::move(new_targs));
      }
      case TypeKind::kTypeParam:
        return Lookup(static_cast<TypeParam*>(typ));
    }
    return typ;
  }

 private:
  Var* CloneVar(Var* v, Type* t) {
    Var* c = arena_->New<Var>(*v);
    c->set_type(t);
    c->set_origin(v->Origin());
    return c;
  }
  Func* CloneFunc(Func* f, Type* t) {
    Func* c = arena_->New<Func>(*f);
    c->set_type(t);
    c->set_origin(f->Origin());
    return c;
  }

  // Substitutes in every var; returns true (and *out) if any changed.
  bool VarList(const std::vector<Var*>& in, std::vector<Var*>* out) {
    bool copied = false;
    for (size_t i = 0; i < in.size(); i++) {
      Var* v = in[i];
      Type* t = Typ(v->type());
      if (t != v->type()) {
        if (!copied) {
          *out = in;
          copied = true;
        }
        (*out)[i] = CloneVar(v, t);
      }
    }
    return copied;
  }

  Tuple* Tuple_(Tuple* t) {
    if (t == nullptr) return t;
    std::vector<Var*> vars;
    if (VarList(t->vars(), &vars)) return arena_->New<Tuple>(std::move(vars));
    return t;
  }

  Arena* arena_;
  Context* ctxt_;
  absl::flat_hash_map<TypeParam*, Type*> smap_;
};

}  // namespace

Type* Subst(Arena* arena, Context* ctxt, Type* t, const std::vector<TypeParam*>& tparams,
            const std::vector<Type*>& targs) {
  if (tparams.empty() || t == nullptr) return t;
  return Subster(arena, ctxt, tparams, targs).Typ(t);
}

}  // namespace heapmap::types
