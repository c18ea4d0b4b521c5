// frontend/types/scope.h — lexical scopes: universe, package, file, function and block scopes.
//
// Port of types2/scope.go (Go 1.19), without lazy objects (imports are complete packages).
// A scope maps names to objects and knows its parent and children. Scopes are allocated in
// the package's arena (the universe's in the universe arena) and mutated only by the
// package's checker; the universe scope is built once and then read-only, which is why,
// as in types2, package scopes are not recorded as children of the universe.
#ifndef HEAPMAP_FRONTEND_TYPES_SCOPE_H_
#define HEAPMAP_FRONTEND_TYPES_SCOPE_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "frontend/syntax/ast.h"

namespace heapmap::types {

class Object;

class Scope {
 public:
  // Registers the new scope as a child of parent unless parent is null or the universe.
  // [pos, end) is the extent (may be unknown); comment is for debugging ("package p",
  // "file x.go", "function", "block", "universe").
  Scope(Scope* parent, syntax::Pos pos, syntax::Pos end, std::string comment);
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

  Scope* parent() const { return parent_; }
  int NumChildren() const { return static_cast<int>(children_.size()); }
  Scope* Child(int i) const { return children_[i]; }
  int Len() const { return static_cast<int>(elems_.size()); }
  // The names in the scope, sorted.
  std::vector<std::string_view> Names() const;

  // The object named `name` in this scope only, or null.
  Object* Lookup(std::string_view name) const;

  // Searches this scope and its parents for `name`; returns the scope and object found,
  // or {null, null}. If pos is known, only objects whose scope_pos() <= pos count (an
  // object declared later in a block is not yet visible) — types2's rule.
  std::pair<Scope*, Object*> LookupParent(std::string_view name, syntax::Pos pos) const;

  // Inserts obj unless an object with the same name exists, in which case returns that
  // object and leaves the scope unchanged. Sets obj's parent to this scope if it has none.
  Object* Insert(Object* obj);

  // Moves all objects of this scope into its parent (calling err(obj, alt) on a
  // conflict), and its children to the parent's children; this scope becomes empty
  // (types2 Squash, used for function-literal parameter scopes).
  template <typename ErrFn>
  void Squash(ErrFn err);

  syntax::Pos pos() const { return pos_; }
  syntax::Pos end() const { return end_; }
  void set_end(syntax::Pos end) { end_ = end; }
  // pos <= p < end.
  bool Contains(syntax::Pos p) const { return !(p < pos_) && p < end_; }
  // The innermost scope containing pos, or null (for a package scope, searches its
  // file scopes' children).
  Scope* Innermost(syntax::Pos p);
  const std::string& comment() const { return comment_; }
  bool is_func() const { return is_func_; }
  void set_is_func(bool b) { is_func_ = b; }
  // A statement's scope (block, if, for, range, switch, case): it gains objects only while
  // it is the innermost open scope, so while a scope below it is open (and every lookup
  // from there happens then: types2 checks function literals before the enclosing scope
  // changes), its contents are fixed. LookupParent relies on this to skip runs of empty
  // statement scopes in O(1) amortized: an else-if chain or loop nest n deep would
  // otherwise cost n per lookup.
  void set_statement_scope() { statement_scope_ = true; }

  // Debug dump, as types2 WriteTo (objects printed with ObjectString and no qualifier).
  std::string String(int indent = 0, bool recurse = false) const;

 private:
  void RemoveChild(Scope* child);

  Scope* parent_;
  std::vector<Scope*> children_;
  absl::flat_hash_map<std::string_view, Object*> elems_;  // keys view obj->name()
  syntax::Pos pos_;
  syntax::Pos end_;
  std::string comment_;
  bool is_func_ = false;
  bool statement_scope_ = false;
  // The first ancestor that is not an empty statement scope, once asked (LookupNext).
  mutable const Scope* lookup_next_ = nullptr;
  mutable bool lookup_next_set_ = false;
  const Scope* LookupNext() const;
};

}  // namespace heapmap::types

#include "frontend/types/object.h"

namespace heapmap::types {

template <typename ErrFn>
void Scope::Squash(ErrFn err) {
  std::vector<Object*> objs;
  for (std::string_view name : Names()) objs.push_back(elems_.at(name));
  elems_.clear();
  for (Object* obj : objs) {
    obj->set_parent(nullptr);
    if (Object* alt = parent_->Insert(obj); alt != nullptr) err(obj, alt);
  }
  parent_->RemoveChild(this);
  for (Scope* c : children_) {
    c->parent_ = parent_;
    c->lookup_next_set_ = false;
    parent_->children_.push_back(c);
  }
  children_.clear();
}

}  // namespace heapmap::types

#endif  // HEAPMAP_FRONTEND_TYPES_SCOPE_H_
