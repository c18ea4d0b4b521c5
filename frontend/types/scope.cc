// frontend/types/scope.cc — lexical scopes (types2/scope.go).
#include "frontend/types/scope.h"

#include <algorithm>

#include "frontend/types/object.h"
#include "frontend/types/typestring.h"
#include "frontend/types/universe.h"

namespace heapmap::types {

Scope* UniverseScopeNoInit();  // universe.cc

Scope::Scope(Scope* parent, syntax::Pos pos, syntax::Pos end, std::string comment)
    : parent_(parent), pos_(pos), end_(end), comment_(std::move(comment)) {
  // Package scopes are not children of the universe: it is shared and read-only.
  if (parent != nullptr && parent != UniverseScopeNoInit()) parent->children_.push_back(this);
}

std::vector<std::string_view> Scope::Names() const {
  std::vector<std::string_view> names;
  names.reserve(elems_.size());
  for (const auto& [name, obj] : elems_) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

Object* Scope::Lookup(std::string_view name) const {
  auto it = elems_.find(name);
  return it == elems_.end() ? nullptr : it->second;
}

const Scope* Scope::LookupNext() const {
  if (!statement_scope_) return parent_;
  if (lookup_next_set_) return lookup_next_;
  // Walk up over empty statement scopes (or jump by their own answers), then give every
  // scope on the way the same answer: each is empty and its ancestors up to the answer are.
  std::vector<const Scope*> path = {this};
  const Scope* p = parent_;
  while (p != nullptr && p->statement_scope_ && p->elems_.empty()) {
    if (p->lookup_next_set_) {
      p = p->lookup_next_;
      break;
    }
    path.push_back(p);
    p = p->parent_;
  }
  for (const Scope* q : path) {
    q->lookup_next_ = p;
    q->lookup_next_set_ = true;
  }
  return p;
}

std::pair<Scope*, Object*> Scope::LookupParent(std::string_view name, syntax::Pos pos) const {
  for (const Scope* s = this; s != nullptr; s = s->LookupNext()) {
    if (s->elems_.empty()) continue;
    if (Object* obj = s->Lookup(name);
        obj != nullptr && (!pos.IsKnown() || !(pos < obj->scope_pos()))) {
      return {const_cast<Scope*>(s), obj};
    }
  }
  return {nullptr, nullptr};
}

Object* Scope::Insert(Object* obj) {
  std::string_view name = obj->name();
  auto [it, inserted] = elems_.try_emplace(name, obj);
  if (!inserted) return it->second;
  if (obj->parent() == nullptr) obj->set_parent(this);
  return nullptr;
}

void Scope::RemoveChild(Scope* child) {
  auto it = std::find(children_.begin(), children_.end(), child);
  if (it == children_.end()) return;
  // types2 moves the last child into the hole.
  *it = children_.back();
  children_.pop_back();
}

Scope* Scope::Innermost(syntax::Pos p) {
  // A package scope's extent is unknown: search its file scopes.
  if (parent_ == UniverseScopeNoInit()) {
    for (Scope* s : children_) {
      if (Scope* inner = s->Innermost(p)) return inner;
    }
  }
  if (Contains(p)) {
    for (Scope* s : children_) {
      if (s->Contains(p)) return s->Innermost(p);
    }
    return this;
  }
  return nullptr;
}

std::string Scope::String(int indent, bool recurse) const {
  std::string ind;
  for (int i = 0; i < indent; i++) ind += ".  ";
  std::string out = ind + comment_ + " scope {\n";
  for (std::string_view name : Names()) {
    out += ind + ".  " + ObjectString(Lookup(name), nullptr) + "\n";
  }
  if (recurse) {
    for (Scope* s : children_) out += s->String(indent + 1, true);
  }
  out += ind + "}\n";
  return out;
}

}  // namespace heapmap::types
