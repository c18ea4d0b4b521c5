// summaries/artifact.h — the package artifact: one package's analysis, cached whole, and
// the plan of a rescan that reuses artifacts with early cutoff.
//
// A package's artifact (summary::PackageArtifact) holds what a rescan needs from it: the
// block `analyze` prints for it, its batch results (the summaries its importers read) and
// its API hash. It is stored in the Cache under the package's key:
//
//   key = SHA-256(artifact format, the configuration (analyzer version, build context,
//                 flags that change output), import path, named or dependency, each file's
//                 name as printed and SHA-256 of its bytes, the API hashes of its imports)
//   API hash = SHA-256(what its importers' analyses read from it: its package-level
//                 objects and types, the source of its generic functions, its inliner
//                 facts and inline bodies, its functions' caller-visible summaries, and
//                 the API hashes of its imports)
//
// So an edit that changes nothing importers read (a function body whose summary and
// inlining stay the same) gives the package the same API hash, its importers the same
// keys, and they are reused (early cutoff).
//
// A rescan runs in waves (RescanState): a package's key is known once its imports' API
// hashes are (from their artifacts, or from computing them); a known key with an artifact
// is reused; the rest is computed. The first wave computes only the packages whose keys
// are known (the edited ones), so that their new API hashes may reuse their importers;
// the next wave computes everything still undecided at once (its keys are computed as
// each package's imports complete), so a scan has at most two waves. A scan with no
// artifact at all (cold) is one wave.
//
// Invariants: an entry that is missing, torn, corrupt, of another format, or that names
// another key or package is a miss (counted in CacheStats::corrupt when present), and the
// package is recomputed; writes are atomic (Cache::PutPayload); nothing here deletes.
#ifndef HEAPMAP_SUMMARIES_ARTIFACT_H_
#define HEAPMAP_SUMMARIES_ARTIFACT_H_

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

#include "frontend/load/loader.h"
#include "frontend/syntax/parser.h"
#include "frontend/types/package.h"
#include "proto/summary.pb.h"
#include "summaries/cache.h"

namespace heapmap::summaries {

// The magic line of artifact entries; bump the number when PackageArtifact's meaning
// changes (it is also part of every key).
inline constexpr char kArtifactMagic[] = "heapmap-package-artifact 5\n";

class RescanState {
 public:
  // Hashes the files of `loaded` (with its dependencies, in load order; `dep_only` tells
  // the named packages). `config` holds everything besides the sources that changes any
  // package's output; `display_name` gives a file's name as the output prints it. With a
  // null cache, everything is computed in one wave. A package is cacheable when it loaded
  // without error, its files could be read, and its imports are cacheable.
  RescanState(const load::LoadResult& loaded, std::string config,
              const std::function<std::string(const std::string& path)>& display_name,
              const Cache* cache, CacheStats* stats);

  // The per-package action's plan (no cache, nothing read but the sources of `target`):
  // package `target` is computed in one wave; every other package is one of its imports
  // (transitively), given as the whole artifact an earlier action wrote (`given[i]`).
  // Computed's artifact is kept for TakeStored.
  RescanState(const load::LoadResult& loaded, std::string config,
              const std::function<std::string(const std::string& path)>& display_name,
              size_t target, std::vector<std::optional<summary::PackageArtifact>> given);
  // The action's artifact of package i (whole: the results entry's parts too), once.
  std::optional<summary::PackageArtifact> TakeStored(size_t i);

  // The packages the next wave computes (empty when every named package is decided):
  // see the file comment. Reused packages are looked up first.
  std::vector<bool> NextWave();
  // `wave` and everything it imports, transitively: what the wave loads.
  std::vector<bool> WithImports(const std::vector<bool>& wave) const;

  // The artifact package i reuses, or null (the wave computes it, or it is undecided):
  // its output, lines and API hash.
  const summary::PackageArtifact* Reused(size_t i) const;
  // Its batch results, read from the cache on first use (a scan that computes nothing
  // never reads them); null if they cannot be read (then the package is solved again).
  const google::protobuf::RepeatedPtrField<summary::BatchResult>* ReusedResults(size_t i);
  // The same entry whole: its results, export data and importer inlining facts (what a
  // wave reads in place of checking the package's source); null if it cannot be read.
  const summary::PackageArtifact* ReusedImport(size_t i);

  // Records package i as computed by the current wave, after its imports are decided
  // (several packages may be recorded at once, from different threads): `artifact` with
  // its output, lines and results; `own_api` its OwnApiHash; `clean` false if it had
  // errors (then nothing is stored and its importers are not cacheable). Sets the key and
  // API hash (its importers' keys need them), and returns the artifact to Store, if any.
  std::optional<summary::PackageArtifact> Computed(size_t i, summary::PackageArtifact artifact,
                                                   const std::string& own_api, bool clean);
  // Writes what Computed returned to the cache: thread-safe, and needed by nothing else of
  // the wave, so it can run alongside (a later wave reads the results back from the cache).
  void Store(size_t i, summary::PackageArtifact artifact);

  bool caching() const { return cache_ != nullptr || action_; }
  size_t named_reused() const;
  size_t named_rebuilt() const { return named_rebuilt_; }
  size_t cut_off() const { return cut_off_; }  // reused although an import was computed
  int waves() const { return waves_; }

 private:
  void Resolve();  // keys and lookups where the imports' API hashes are known
  // own_ of each package (of those in `only`, if not empty).
  void HashOwn(const std::string& config,
               const std::function<std::string(const std::string& path)>& display_name,
               const std::vector<bool>& only);
  std::string KeyOf(size_t i) const;  // "" unless own_[i] and every import's API hash

  const load::LoadResult& loaded_;
  const Cache* cache_;
  CacheStats* stats_;
  std::vector<std::vector<size_t>> imports_;  // per package, indices of its imports
  std::vector<std::string> own_;              // its own part of its key; "" = not cacheable
  std::vector<std::string> keys_;             // "" until known
  std::vector<std::optional<std::string>> api_;  // known API hashes ("" = not cacheable)
  std::vector<std::optional<summary::PackageArtifact>> reused_;
  std::vector<std::optional<summary::PackageArtifact>> results_;  // loaded by ReusedResults
  std::vector<bool> computed_;
  std::vector<bool> decided_;                 // reused, computed, or not cacheable
  std::mutex mu_;                             // Computed's
  bool any_reused_ = false;
  size_t named_rebuilt_ = 0, cut_off_ = 0;
  int waves_ = 0;
  bool action_ = false;  // the per-package action's plan
  std::vector<std::optional<summary::PackageArtifact>> stored_;  // the action's, by Store
};

// The package's own part of its API hash: SHA-256 of `api_text_hash` (the SHA-256 of its
// ApiText) and the caller-visible hashes of the summaries in `artifact`'s results.
// Thread-safe.
std::string OwnApiHash(const summary::PackageArtifact& artifact,
                       const std::string& api_text_hash);

// What importers read from a package besides its summaries, as text (part of its API
// hash): every package-level object with its type (types, fields and methods included,
// unexported ones too: they decide sizes and method sets), constants with their values,
// the source of its generic functions and of the methods of its generic types (importers
// instantiate them), and `inline_facts` (the inliner's facts and inline bodies, bytes).
// frontend/export's export data holds what the first parts describe; the API hash is
// still this text's (ARCHITECTURE.md asks for the export data's hash): export data keeps
// positions, so a body edit that moves lines would change it, and cut off less.
// `shown_names` are the files' names as printed (DisplayName): the text names no
// absolute path under the working directory, so an action's API hash is the same in
// any sandbox.
std::string ApiText(const types::Package& pkg, const std::vector<const syntax::ParsedFile*>& files,
                    const std::vector<std::string>& shown_names, const std::string& inline_facts);

// A generic function, or a method of a generic type (its receiver is T[P] or *T[P]): code
// importers stencil from its source, so ApiText includes it and GenericSources keeps its
// syntax tree.
bool DeclaresGenericCode(const syntax::FuncDecl& fd);

// An artifact is two entries: the main one under the package's key (output, lines, API
// hash: all a warm scan reads) and its batch results under ResultsKey(key) (read only
// when an importer is computed).
std::string ResultsKey(const std::string& key);
// The main entry stored under `key` for package `path`, or nullopt (a miss or a bad entry).
std::optional<summary::PackageArtifact> GetArtifact(const Cache& cache, const std::string& key,
                                                    const std::string& path, CacheStats* stats);
// The results entry of `key` (an artifact holding only key, path and results), or nullopt.
std::optional<summary::PackageArtifact> GetArtifactResults(const Cache& cache,
                                                           const std::string& key,
                                                           const std::string& path,
                                                           CacheStats* stats);
// The per-package action's output file: kArtifactMagic, the payload's SHA-256 (hex) and a
// newline, then the whole artifact (deterministic bytes). ParseArtifactFile checks all three
// and that the artifact names a package and an API hash: any other bytes are an error.
std::string ArtifactFileBytes(const summary::PackageArtifact& artifact);
absl::StatusOr<summary::PackageArtifact> ParseArtifactFile(std::string_view bytes);

// Moves the parts of a whole artifact that only importers read (batch results, export
// data, inliner facts, sources) into its results entry, which it returns; `artifact` is
// left as its main entry.
summary::PackageArtifact SplitResults(summary::PackageArtifact* artifact);

// What an importer's action reads of a whole artifact (the per-package action's -export
// file): path, name, imports, API hash, and the results entry with only what callers read
// of each summary (KeepCallerVisible; no -m lines). Its bytes change with the API hash,
// and besides only with positions (export data and inline bodies keep them) or, for a
// package importers check from source, with its source: a build system that keys an
// importer by these bytes reruns it only then.
summary::PackageArtifact ImporterArtifact(summary::PackageArtifact whole);

// Stores `artifact` under its key: both entries (SplitResults). Returns the main entry.
summary::PackageArtifact PutArtifact(const Cache& cache, summary::PackageArtifact artifact,
                                     CacheStats* stats);

}  // namespace heapmap::summaries

#endif  // HEAPMAP_SUMMARIES_ARTIFACT_H_
