// frontend/types/typearena.h — the per-package arena that owns types, objects and scopes.
//
// Why not syntax::Arena directly: types and objects hold std::vector/std::string members,
// so the arena must run destructors. Why a mutex: an instance of a generic type created by
// package P can be expanded lazily (its underlying type and methods substituted) by the
// thread checking another package Q that imports P, while P's own thread may still be
// allocating; allocation is rare enough (~100k per package) that an uncontended lock costs
// nothing measurable. Arenas live as long as the program's type information: objects of
// one package point freely into the arenas of its imports and of the universe.
#ifndef HEAPMAP_FRONTEND_TYPES_TYPEARENA_H_
#define HEAPMAP_FRONTEND_TYPES_TYPEARENA_H_

#include <cstddef>
#include <mutex>
#include <type_traits>
#include <utility>
#include <vector>

#include "frontend/syntax/ast.h"

namespace heapmap::types {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() {
    // Destroy in reverse order of construction.
    for (size_t i = dtors_.size(); i-- > 0;) dtors_[i].fn(dtors_[i].obj);
  }

  // Allocates and constructs a T; its destructor runs when the arena dies.
  template <typename T, typename... Args>
  T* New(Args&&... args) {
    std::lock_guard<std::mutex> lock(mu_);
    T* p = new (mem_.Allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
    if constexpr (!std::is_trivially_destructible_v<T>) {
      dtors_.push_back({p, [](void* q) { static_cast<T*>(q)->~T(); }});
    }
    return p;
  }

  size_t BytesReserved() const {
    std::lock_guard<std::mutex> lock(mu_);
    return mem_.BytesReserved();
  }

 private:
  struct Dtor {
    void* obj;
    void (*fn)(void*);
  };
  mutable std::mutex mu_;
  syntax::Arena mem_;
  std::vector<Dtor> dtors_;
};

}  // namespace heapmap::types

#endif  // HEAPMAP_FRONTEND_TYPES_TYPEARENA_H_
