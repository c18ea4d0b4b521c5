// summaries/artifact.h — the package artifact: one package's analysis, cached whole.
//
// A package's artifact (summary::PackageArtifact) holds what a rescan needs from it: the
// block `analyze` prints for it and its batch results (the summaries its importers read).
// It is stored in the Cache under the package's key:
//
//   key = SHA-256(artifact format, the configuration (analyzer version, build context,
//                 flags that change output), the import path, named or dependency, each
//                 file's name as printed and SHA-256 of its bytes, the keys of its imports)
//
// The keys of the imports make the key cover everything the package's analysis reads
// (types, inline bodies and summaries of its dependencies, transitively), so a package
// whose key has an artifact is not loaded past `go list`: not read, parsed, checked,
// lowered or solved. An edit changes the key of the package and of every package that
// imports it, directly or not; the others are reused.
//
// Invariants: an entry that is missing, torn, corrupt, of another format, or that names
// another key or package is a miss (counted in CacheStats::corrupt when present), and the
// package is recomputed; writes are atomic (Cache::PutPayload); nothing here deletes.
#ifndef HEAPMAP_SUMMARIES_ARTIFACT_H_
#define HEAPMAP_SUMMARIES_ARTIFACT_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "frontend/load/loader.h"
#include "proto/summary.pb.h"
#include "summaries/cache.h"

namespace heapmap::summaries {

// What a rescan can take from the cache, per loaded package (load order).
struct RescanPlan {
  std::vector<std::string> keys;  // "" where the package is not cacheable
  // The artifacts found (only looked up where a key exists).
  std::vector<std::optional<summary::PackageArtifact>> found;
  // The packages to compute: named ones without an artifact (or not cacheable), and every
  // package they import, transitively (those with an artifact reuse its batch results).
  std::vector<bool> needed;
  size_t reused = 0;   // named packages printed from their artifacts
  size_t rebuilt = 0;  // named packages to compute
};

// Plans a scan of `loaded` (with its dependencies; `dep_only` tells the named packages).
// `config` holds everything besides the sources that changes any package's output;
// `display_name` gives a file's name as the output prints it. A package is cacheable when
// it loaded without error, its files could be read, and its imports are cacheable. With a
// null cache every package is computed.
RescanPlan PlanRescan(const load::LoadResult& loaded, const std::string& config,
                      const std::function<std::string(const std::string& path)>& display_name,
                      const Cache* cache, CacheStats* stats);

// The artifact stored under `key` for package `path`, or nullopt (a miss or a bad entry).
std::optional<summary::PackageArtifact> GetArtifact(const Cache& cache, const std::string& key,
                                                    const std::string& path, CacheStats* stats);
// Stores `artifact` under its key.
void PutArtifact(const Cache& cache, const summary::PackageArtifact& artifact, CacheStats* stats);

}  // namespace heapmap::summaries

#endif  // HEAPMAP_SUMMARIES_ARTIFACT_H_
