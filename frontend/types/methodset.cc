// frontend/types/methodset.cc — method sets (port of go/types methodset.go).
#include "frontend/types/methodset.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "frontend/types/lookup.h"
#include "frontend/types/predicates.h"
#include "frontend/types/typearena.h"
#include "frontend/types/typeset.h"
#include "frontend/types/typestring.h"

namespace heapmap::types {

namespace {

struct EmbeddedType {
  Type* typ;
  std::vector<int> index;
  bool indirect;
  bool multiples;
};

std::vector<int> Concat(const std::vector<int>& list, int i) {
  std::vector<int> t = list;
  t.push_back(i);
  return t;
}

// Method set by Id; std::nullopt marks a collision.
using MSet = std::map<std::string, std::optional<Selection>>;

void AddOne(MSet* s, Func* f, std::vector<int> index, bool indirect, bool multiples) {
  std::string key = f->Id();
  if (!multiples) {
    if (s->find(key) == s->end() && (indirect || !f->has_ptr_recv())) {
      (*s)[key] = Selection{SelectionKind::kMethodVal, nullptr, f, std::move(index), indirect};
      return;
    }
  }
  (*s)[key] = std::nullopt;
}

}  // namespace

MethodSet NewMethodSet(Type* T) {
  MethodSet result;
  auto [typ0, is_ptr] = Deref(T);
  if (is_ptr && Isa<Interface>(Under(typ0))) return result;

  std::map<std::string, std::optional<Selection>> base;
  std::vector<EmbeddedType> current{{typ0, {}, is_ptr, false}};
  std::map<Named*, std::vector<Named*>> seen;

  while (!current.empty()) {
    std::vector<EmbeddedType> next;
    std::set<std::string> fset;
    MSet mset;
    for (const EmbeddedType& e : current) {
      Type* typ = e.typ;
      if (auto* named = DynCast<Named>(typ)) {
        auto& insts = seen[named->Origin()];
        bool dup = false;
        for (Named* s : insts) dup = dup || s == named || Identical(s, named);
        if (dup) continue;
        insts.push_back(named);
        for (int i = 0; i < named->NumMethods(); i++) {
          AddOne(&mset, named->Method(i), Concat(e.index, i), e.indirect, e.multiples);
        }
      }
      Type* u = Under(typ);
      if (auto* st = DynCast<Struct>(u)) {
        for (int i = 0; i < st->NumFields(); i++) {
          Var* f = st->Field(i);
          fset.insert(f->Id());
          if (f->embedded()) {
            auto [ft, fptr] = Deref(f->type());
            next.push_back({ft, Concat(e.index, i), e.indirect || fptr, e.multiples});
          }
        }
      } else if (auto* it = DynCast<Interface>(u)) {
        const auto& methods = it->GetTypeSet()->methods();
        for (size_t i = 0; i < methods.size(); i++) {
          AddOne(&mset, methods[i], Concat(e.index, static_cast<int>(i)), true, e.multiples);
        }
      }
    }
    for (auto& [k, m] : mset) {
      if (base.find(k) == base.end()) {
        if (fset.count(k) != 0) {
          base[k] = std::nullopt;
        } else {
          base[k] = m;
        }
      }
    }
    for (const std::string& k : fset) {
      if (base.find(k) == base.end()) base[k] = std::nullopt;
    }
    // consolidateMultiples
    std::vector<EmbeddedType> cons;
    for (EmbeddedType& e : next) {
      bool found = false;
      for (EmbeddedType& p : cons) {
        if (p.typ == e.typ || Identical(p.typ, e.typ)) {
          p.multiples = true;
          found = true;
          break;
        }
      }
      if (!found) cons.push_back(std::move(e));
    }
    current = std::move(cons);
  }
  // std::map iterates in Id order, as go/types sorts by Id.
  for (auto& [k, m] : base) {
    if (m.has_value()) {
      m->recv = T;
      result.mutable_list().push_back(std::move(*m));
    }
  }
  return result;
}

const Selection* MethodSet::Lookup(const Package* pkg, std::string_view name) const {
  if (list_.empty()) return nullptr;
  std::string key = Id(pkg, name);
  auto it = std::lower_bound(list_.begin(), list_.end(), key,
                             [](const Selection& s, const std::string& k) { return s.obj->Id() < k; });
  if (it != list_.end() && it->obj->Id() == key) return &*it;
  return nullptr;
}

namespace {

// Builds the selection's type into *sig_out / *vars_out (storage provided by the caller).
Type* SelectionTypeInto(const Selection& s, Signature* sig, Var* recv_copy,
                        std::vector<Var*>* params) {
  auto* f = DynCast<Func>(s.obj);
  if (s.kind == SelectionKind::kFieldVal || f == nullptr || f->signature() == nullptr) {
    return s.obj->type();
  }
  Signature* orig = f->signature();
  Var* recv = orig->recv();
  if (s.kind == SelectionKind::kMethodVal) {
    if (recv != nullptr) sig->set_recv(recv_copy);
    return sig;
  }
  sig->set_recv(nullptr);
  params->push_back(recv_copy);
  if (orig->params() != nullptr) {
    params->insert(params->end(), orig->params()->vars().begin(), orig->params()->vars().end());
  }
  return sig;
}

}  // namespace

Type* SelectionType(Arena* arena, const Selection& s) {
  auto* f = DynCast<Func>(s.obj);
  if (s.kind == SelectionKind::kFieldVal || f == nullptr || f->signature() == nullptr) {
    return s.obj->type();
  }
  Signature* orig = f->signature();
  auto* sig = arena->New<Signature>(*orig);
  Var* recv_copy = nullptr;
  if (orig->recv() != nullptr) {
    recv_copy = arena->New<Var>(*orig->recv());
  } else {
    recv_copy = arena->New<Var>(VarKind::kParam, syntax::Pos{}, f->pkg(), "", s.recv);
  }
  recv_copy->set_type(s.recv);
  std::vector<Var*> params;
  SelectionTypeInto(s, sig, recv_copy, &params);
  if (s.kind == SelectionKind::kMethodExpr) sig->set_params(arena->New<Tuple>(std::move(params)));
  return sig;
}

std::string SelectionString(const Selection& s, const Qualifier& qf) {
  std::string buf;
  switch (s.kind) {
    case SelectionKind::kFieldVal: buf = "field ("; break;
    case SelectionKind::kMethodVal: buf = "method ("; break;
    case SelectionKind::kMethodExpr: buf = "method expr ("; break;
  }
  WriteType(&buf, s.recv, qf);
  buf += ") ";
  buf += s.obj->name();
  if (s.kind == SelectionKind::kFieldVal) {
    buf += ' ';
    WriteType(&buf, s.obj->type(), qf);
    return buf;
  }
  // Scratch arena: the signature is only printed.
  Arena scratch;
  auto* sig = DynCast<Signature>(SelectionType(&scratch, s));
  if (sig != nullptr) WriteSignature(&buf, sig, qf);
  return buf;
}

std::string MethodSet::String() const {
  if (list_.empty()) return "MethodSet {}";
  std::string s = "MethodSet {\n";
  for (const Selection& sel : list_) s += "\t" + SelectionString(sel) + "\n";
  s += "}";
  return s;
}

}  // namespace heapmap::types
