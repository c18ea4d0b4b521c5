// frontend/types/type.cc — type representation: Underlying, interfaces, type parameters, named types and their lazy expansion.
#include "frontend/types/type.h"

#include "frontend/types/context.h"
#include "frontend/types/lookup.h"
#include "frontend/types/object.h"
#include "frontend/types/predicates.h"
#include "frontend/types/typearena.h"
#include "frontend/types/typeset.h"
#include "frontend/types/universe.h"

namespace heapmap::types {

Type* Type::Underlying() {
  switch (kind_) {
    case TypeKind::kNamed:
      return static_cast<Named*>(this)->Resolve();
    case TypeKind::kTypeParam:
      return static_cast<TypeParam*>(this)->Iface();
    default:
      return this;
  }
}

// ----------------------------------------------------------------------------
// Interface.

Interface::~Interface() { delete tset_.load(std::memory_order_relaxed); }

const TypeSet* Interface::InstallTypeSet(const TypeSet* ts) {
  const TypeSet* expected = nullptr;
  if (tset_.compare_exchange_strong(expected, ts, std::memory_order_acq_rel)) return ts;
  delete ts;  // another thread (or a recursive computation) won
  return expected;
}

const TypeSet* Interface::GetTypeSet() {
  if (const TypeSet* ts = tset_.load(std::memory_order_acquire)) return ts;
  return ComputeInterfaceTypeSet(this, syntax::Pos{}, nullptr);
}

int Interface::NumMethods() { return GetTypeSet()->NumMethods(); }
Func* Interface::Method(int i) { return GetTypeSet()->Method(i); }
bool Interface::Empty() { return GetTypeSet()->IsAll(); }
bool Interface::IsComparable() { return GetTypeSet()->IsComparable(); }
bool Interface::IsMethodSet() { return GetTypeSet()->IsMethodSet(); }

// ----------------------------------------------------------------------------
// TypeParam.

namespace {
std::atomic<uint64_t> last_type_param_id{0};

Interface* EmptyInterface() {
  static Interface* empty = [] {
    auto* i = new Interface({}, {});
    i->InstallTypeSet(new TypeSet());
    return i;
  }();
  return empty;
}
}  // namespace

TypeParam::TypeParam(TypeName* obj, Type* constraint)
    : Type(kKind), obj_(obj), bound_(constraint), id_(++last_type_param_id) {
  if (obj != nullptr && obj->type() == nullptr) obj->set_type(this);
}

Interface* TypeParam::Iface() {
  Type* bound = bound_;
  if (bound == nullptr) return EmptyInterface();
  if (Isa<TypeParam>(bound)) return EmptyInterface();  // error reported by the checker
  auto* ityp = DynCast<Interface>(Under(bound));
  if (ityp == nullptr) return EmptyInterface();  // invalid, or a non-interface bound
  ityp->GetTypeSet();
  return ityp;
}

// ----------------------------------------------------------------------------
// Named.

Named::Named(TypeName* obj, Type* underlying, std::vector<Func*> methods)
    : Type(kKind), orig_(this), obj_(obj), underlying_(underlying), methods_(std::move(methods)) {
  if (obj != nullptr && obj->type() == nullptr) obj->set_type(this);
  from_rhs_ = underlying;
}

Named::Named(Arena* arena, Context* ctxt, Named* orig, std::vector<Type*> targs)
    : Type(kKind),
      orig_(orig),
      obj_(orig->obj_),
      underlying_(nullptr),
      targs_(std::move(targs)),
      arena_(arena),
      ctxt_(ctxt) {}

TypeName* Named::obj() const { return orig_->obj_; }

void Named::SetTypeParams(std::vector<TypeParam*> tparams) {
  for (size_t i = 0; i < tparams.size(); i++) tparams[i]->set_index(static_cast<int>(i));
  tparams_ = std::move(tparams);
}

void Named::AddMethod(Func* m) {
  if (LookupMethod(methods_, m->pkg(), m->name(), false).second == nullptr) methods_.push_back(m);
}

Type* Named::Resolve() {
  if (orig_ == this) return underlying_;
  Type* ou = orig_->underlying_;
  if (ou == nullptr || Isa<Named>(ou)) {
    // The origin is still being declared (its checker is running on this thread; no
    // other thread can see it yet): answer without latching the expansion.
    if (ou == nullptr || orig_->tparams_.size() != targs_.size()) return Typ(BasicKind::kInvalid);
    // An invalid cycle through instances (type T[P any] T[P]; go/types testdata typeinst0,
    // issue49043) would recurse forever: give up as invalid past a fixed depth.
    thread_local int depth = 0;
    if (depth > 100) return Typ(BasicKind::kInvalid);
    ++depth;
    Type* u = Under(ou);
    --depth;
    return Subst(arena_, ctxt_, u, orig_->tparams_, targs_);
  }
  std::call_once(expand_once_, [this] { Expand(); });
  return underlying_;
}

namespace {

Var* CloneVar(Arena* arena, Var* v, Type* t) {
  Var* c = arena->New<Var>(*v);
  c->set_type(t);
  c->set_origin(v->Origin());
  return c;
}

Func* CloneFunc(Arena* arena, Func* f, Type* t) {
  Func* c = arena->New<Func>(*f);
  c->set_type(t);
  c->set_origin(f->Origin());
  return c;
}

}  // namespace

// Port of types2 expandUnderlying.
void Named::Expand() {
  Named* orig = orig_;
  Type* ou = orig->underlying_;
  if (ou == nullptr || orig->tparams_.size() != targs_.size()) {
    underlying_ = Typ(BasicKind::kInvalid);
    return;
  }
  Type* u = Subst(arena_, ctxt_, ou, orig->tparams_, targs_);
  // Interface methods on the RHS of a declaration have the declared type as receiver: set
  // it to the instance.
  if (auto* iface = DynCast<Interface>(u)) {
    std::vector<Func*> methods = iface->explicit_methods();
    bool copied = false;
    for (Func*& m : methods) {
      Signature* sig = m->signature();
      if (sig != nullptr && sig->recv() != nullptr && sig->recv()->type() == orig) {
        auto* nsig = arena_->New<Signature>(*sig);
        nsig->set_recv(CloneVar(arena_, sig->recv(), this));
        m = CloneFunc(arena_, m, nsig);
        copied = true;
      }
    }
    if (copied) {
      auto* n = arena_->New<Interface>(std::move(methods), iface->embeddeds());
      if (iface->implicit()) n->MarkImplicit();
      u = n;
    }
  }
  underlying_ = u;
}

// Port of types2 Named.Method / expandMethod.
Func* Named::Method(int i) {
  if (orig_ == this) return methods_[i];
  Resolve();
  std::lock_guard<std::mutex> lock(methods_mu_);
  // Methods are only ever appended to the origin (while it is checked): keep the ones
  // expanded so far, so that Method(i) stays the same object.
  if (methods_.size() < orig_->methods_.size()) methods_.resize(orig_->methods_.size(), nullptr);
  if (methods_[i] != nullptr) return methods_[i];
  Func* origm = orig_->methods_[i];
  Signature* orig_sig = origm->signature();
  if (orig_sig == nullptr || orig_sig->recv() == nullptr) return methods_[i] = origm;
  Type* rbase = Deref(orig_sig->recv()->type()).first;
  if (rbase == this) return methods_[i] = origm;
  Signature* sig = orig_sig;
  if (orig_sig->recv_type_params().size() == targs_.size()) {
    // (Substitution leaves the receiver alone, as types2.)
    sig = static_cast<Signature*>(
        Subst(arena_, ctxt_, orig_sig, orig_sig->recv_type_params(), targs_));
  }
  if (sig == orig_sig) sig = arena_->New<Signature>(*orig_sig);
  Type* rtyp = this;
  if (origm->has_ptr_recv()) rtyp = arena_->New<Pointer>(this);
  sig->set_recv(CloneVar(arena_, orig_sig->recv(), rtyp));
  return methods_[i] = CloneFunc(arena_, origm, sig);
}

}  // namespace heapmap::types
