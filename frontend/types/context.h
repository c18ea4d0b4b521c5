// frontend/types/context.h — canonical instances of generic types and functions, shared by all packages.
//
// types2's Context dedups instances per checker. Here one Context serves the whole
// program, so that all packages instantiating pkg.List[int] get the same *Named (cheaper
// identity, one expansion). Design: the table is keyed by the type hash of (origin, type
// args) — a string equal for identical type lists (typestring.h WriteTypeHash) — and
// split into 64 shards, each a mutex-protected absl::flat_hash_map from hash to the
// instances with that hash (collisions are resolved with Identical, as types2). Why not
// tbb::concurrent_hash_map: lookups must compare with Identical under the same lock that
// inserts, and a sharded mutex keeps that simple; contention is negligible (a few
// thousand instantiations per package).
#ifndef HEAPMAP_FRONTEND_TYPES_CONTEXT_H_
#define HEAPMAP_FRONTEND_TYPES_CONTEXT_H_

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "frontend/types/type.h"

namespace heapmap::types {

class Arena;

class Context {
 public:
  Context() = default;
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  // The hash of orig[targs] (types2 instanceHash).
  std::string InstanceHash(Type* orig, const std::vector<Type*>& targs);
  // The canonical instance orig[targs] with hash h, or null.
  Type* Lookup(const std::string& h, Type* orig, const std::vector<Type*>& targs);
  // Records inst as orig[targs] unless one exists; returns the canonical instance.
  Type* Update(const std::string& h, Type* orig, const std::vector<Type*>& targs, Type* inst);
  // How many instances the calling thread recorded so far, in any context. A package
  // whose check recorded none (the count did not move while it was checked) left no
  // pointer into its arena here, so its arena may be freed while the context lives
  // (summaries/pipeline.h). Per thread, because a check runs on one thread and other
  // packages are checked concurrently: a shared count moved by them would refuse the
  // swap at random (it once made a test flaky).
  static uint64_t RecordedOnThisThread();

 private:
  struct Entry {
    Type* orig;
    std::vector<Type*> targs;
    Type* instance;
  };
  struct Shard {
    std::mutex mu;
    absl::flat_hash_map<std::string, std::vector<Entry>> table;
  };
  std::array<Shard, 64> shards_;
  std::mutex ids_mu_;
  absl::flat_hash_map<Type*, int> ids_;  // origin type -> unique id (types2 getID)
  int next_id_ = 0;

  friend int ContextGetID(Context* ctxt, Type* t);
};

// The program-wide context (a function-local static).
Context* GlobalContext();

// Instantiates the generic Named orig with targs (no constraint check: that is the
// checker's), returning the canonical instance; a new instance is allocated in arena and
// expanded lazily. ctxt may be null (no canonicalization).
Named* InstantiateNamed(Arena* arena, Context* ctxt, Named* orig, std::vector<Type*> targs);

// Instantiates a generic function signature (types2 instance for *Signature): the result
// has the type arguments substituted and no type parameters. Canonicalized in ctxt if
// non-null. Requires targs.size() == sig->type_params().size() (else returns sig).
Signature* InstantiateSignature(Arena* arena, Context* ctxt, Signature* sig,
                                const std::vector<Type*>& targs);

// Type substitution (types2 subst): replaces the type parameters tparams[i] with
// targs[i] in t, allocating new types in arena; returns t if nothing changed. ctxt is used
// to canonicalize the instances it creates (may be null).
Type* Subst(Arena* arena, Context* ctxt, Type* t, const std::vector<TypeParam*>& tparams,
            const std::vector<Type*>& targs);

}  // namespace heapmap::types

#endif  // HEAPMAP_FRONTEND_TYPES_CONTEXT_H_
