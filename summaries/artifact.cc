// summaries/artifact.cc — package keys, API hashes, artifact entries, rescan waves.
#include "summaries/artifact.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "frontend/syntax/ast.h"
#include "frontend/types/object.h"
#include "frontend/types/scope.h"
#include "frontend/types/type.h"
#include "frontend/types/typestring.h"
#include "ir/ir.h"
#include "summaries/scheduler.h"
#include "tbb/parallel_for.h"

namespace heapmap::summaries {
namespace {


// SHA-256 of a file's bytes, or nullopt if it cannot be read.
std::optional<std::string> FileSha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return Sha256Hex(std::move(buf).str());
}

bool IsNamed(const load::Package& p) { return !p.dep_only && p.import_path != "unsafe"; }

}  // namespace

std::string ResultsKey(const std::string& key) { return Sha256Hex(key + "\nresults"); }

std::optional<summary::PackageArtifact> GetArtifact(const Cache& cache, const std::string& key,
                                                    const std::string& path, CacheStats* stats) {
  std::optional<std::string> payload = cache.GetPayload(kArtifactMagic, key, stats);
  if (!payload) return std::nullopt;
  summary::PackageArtifact a;
  if (!a.ParseFromString(*payload) || a.key() != key || a.path() != path ||
      a.api_hash().size() != 64 || a.results_size() != 0 || !a.export_data().empty() ||
      a.has_inlining() || a.sources_size() != 0) {
    if (stats) stats->Corrupt();
    return std::nullopt;
  }
  if (stats) stats->hits.fetch_add(1);
  return a;
}

std::optional<summary::PackageArtifact> GetArtifactResults(const Cache& cache,
                                                           const std::string& key,
                                                           const std::string& path,
                                                           CacheStats* stats) {
  std::optional<std::string> payload = cache.GetPayload(kArtifactMagic, ResultsKey(key), stats);
  if (!payload) return std::nullopt;
  summary::PackageArtifact a;
  if (!a.ParseFromString(*payload) || a.key() != key || a.path() != path ||
      !a.api_hash().empty() || !a.output().empty()) {
    if (stats) stats->Corrupt();
    return std::nullopt;
  }
  if (stats) stats->hits.fetch_add(1);
  return a;
}

summary::PackageArtifact SplitResults(summary::PackageArtifact* artifact) {
  summary::PackageArtifact results;
  results.set_key(artifact->key());
  results.set_path(artifact->path());
  results.mutable_results()->Swap(artifact->mutable_results());
  results.mutable_export_data()->swap(*artifact->mutable_export_data());
  if (artifact->has_inlining()) results.mutable_inlining()->Swap(artifact->mutable_inlining());
  artifact->clear_inlining();
  results.mutable_sources()->Swap(artifact->mutable_sources());
  return results;
}

summary::PackageArtifact ImporterArtifact(summary::PackageArtifact whole) {
  summary::PackageArtifact x = SplitResults(&whole);
  x.clear_key();  // it hashes the package's files: any edit would change it
  x.set_name(whole.name());
  *x.mutable_imports() = whole.imports();
  x.set_api_hash(whole.api_hash());
  for (summary::BatchResult& b : *x.mutable_results()) {
    b.clear_diagnostics();
    for (summary::FuncSummary& f : *b.mutable_funcs()) KeepCallerVisible(&f);
  }
  return x;
}

summary::PackageArtifact PutArtifact(const Cache& cache, summary::PackageArtifact artifact,
                                     CacheStats* stats) {
  summary::PackageArtifact results = SplitResults(&artifact);
  // The results first: a reader that finds the main entry usually finds them too (and
  // recomputes what it does not).
  cache.PutPayload(kArtifactMagic, ResultsKey(artifact.key()), ir::SerializeDeterministic(results),
                   stats);
  cache.PutPayload(kArtifactMagic, artifact.key(), ir::SerializeDeterministic(artifact), stats);
  return artifact;
}

bool DeclaresGenericCode(const syntax::FuncDecl& fd) {
  if (!fd.tparams.empty()) return true;
  if (fd.recv == nullptr) return false;
  // A receiver type with type parameters: T[P] or *T[P].
  const syntax::Expr* rt = syntax::Unparen(fd.recv->type);
  if (auto* star = syntax::DynCast<syntax::UnaryExpr>(rt)) rt = syntax::Unparen(star->x);
  return rt != nullptr && rt->kind == syntax::NodeKind::kIndexExpr;
}

std::string ApiText(const types::Package& pkg, const std::vector<const syntax::ParsedFile*>& files,
                    const std::vector<std::string>& shown_names, const std::string& inline_facts) {
  // Fully qualified: another package's T is "path.T" whatever this package calls it.
  types::Qualifier qf = [](const types::Package* p) { return p == nullptr ? "" : p->path(); };
  std::string text = absl::StrCat("heapmap-api 1\npackage ", pkg.path(), " ", pkg.name(), "\n");
  std::vector<std::string_view> names = pkg.scope()->Names();
  std::sort(names.begin(), names.end());
  for (std::string_view name : names) {
    types::Object* obj = pkg.scope()->Lookup(name);
    if (obj == nullptr) continue;
    absl::StrAppend(&text, types::ObjectString(obj, qf), "\n");
    if (auto* c = types::DynCast<types::Const>(obj)) {
      absl::StrAppend(&text, "  = ", c->val().ExactString(), "\n");  // importers fold it
    }
    if (auto* tn = types::DynCast<types::TypeName>(obj)) {
      if (auto* named = types::DynCast<types::Named>(tn->type())) {
        for (int m = 0; m < named->NumMethods(); ++m) {
          absl::StrAppend(&text, "  method ", types::ObjectString(named->Method(m), qf), "\n");
        }
      }
    }
  }
  // Generic functions and methods of generic types: importers stencil their bodies.
  for (size_t i = 0; i < files.size(); ++i) {
    const syntax::ParsedFile* f = files[i];
    if (f == nullptr || f->ast == nullptr) continue;
    for (const syntax::Decl* d : f->ast->decls) {
      auto* fd = syntax::DynCast<syntax::FuncDecl>(d);
      if (fd != nullptr && DeclaresGenericCode(*fd)) {
        absl::StrAppend(&text, "generic ", shown_names[i], "\n",
                        std::string(syntax::Text(f->source, *fd)), "\n");
      }
    }
  }
  absl::StrAppend(&text, "inline ", Sha256Hex(inline_facts), "\n");
  return text;
}

RescanState::RescanState(const load::LoadResult& loaded, std::string config,
                         const std::function<std::string(const std::string& path)>& display_name,
                         const Cache* cache, CacheStats* stats)
    : loaded_(loaded), cache_(cache), stats_(stats) {
  const std::vector<load::Package>& pkgs = loaded.packages;
  const size_t n = pkgs.size();
  own_.assign(n, "");
  keys_.assign(n, "");
  api_.resize(n);
  reused_.resize(n);
  results_.resize(n);
  computed_.assign(n, false);
  decided_.assign(n, false);
  imports_ = load::ImportIndices(loaded);
  for (size_t i = 0; i < n; ++i) {
    // Load order puts imports first; only an import cycle (a load error) points forward.
    std::erase_if(imports_[i], [i](size_t j) { return j >= i; });
    if (pkgs[i].import_path == "unsafe") {
      api_[i] = "unsafe";  // the checker's own: the same for every program
      decided_[i] = true;
    }
  }
  if (cache == nullptr) return;
  HashOwn(config, display_name, {});
}

RescanState::RescanState(const load::LoadResult& loaded, std::string config,
                         const std::function<std::string(const std::string& path)>& display_name,
                         size_t target, std::vector<std::optional<summary::PackageArtifact>> given)
    : RescanState(loaded, config, display_name, nullptr, nullptr) {
  action_ = true;
  stored_.resize(own_.size());
  std::vector<bool> only(own_.size(), false);
  only[target] = true;
  HashOwn(config, display_name, only);
  for (size_t i = 0; i < given.size() && i < own_.size(); ++i) {
    if (i == target || !given[i]) continue;
    results_[i] = SplitResults(&*given[i]);
    api_[i] = given[i]->api_hash();
    reused_[i] = std::move(given[i]);
    decided_[i] = any_reused_ = true;
  }
  keys_[target] = KeyOf(target);
}

std::optional<summary::PackageArtifact> RescanState::TakeStored(size_t i) {
  std::lock_guard<std::mutex> lock(mu_);
  return i < stored_.size() ? std::move(stored_[i]) : std::nullopt;
}

void RescanState::HashOwn(const std::string& config,
                          const std::function<std::string(const std::string& path)>& display_name,
                          const std::vector<bool>& only) {
  const std::vector<load::Package>& pkgs = loaded_.packages;
  const size_t n = pkgs.size();
  // Each package's own part of its key (files hashed in parallel); "" if not cacheable.
  tbb::parallel_for(size_t{0}, n, [&](size_t i) {
    const load::Package& p = pkgs[i];
    if (p.error || decided_[i] || (!only.empty() && !only[i])) return;
    // The directory as printed (relative to the working directory when under it), as
    // the files: the action's key must not name its sandbox.
    std::string text = absl::StrCat(kArtifactMagic, config, "\npackage ", p.import_path, " ",
                                    p.name, " ", display_name(p.dir + "/"), "\nnamed ",
                                    IsNamed(p), "\n");
    for (const std::string& f : p.go_files) {
      const std::string file = p.dir + "/" + f;
      std::optional<std::string> sum = FileSha256(file);
      if (!sum) return;  // unreadable: the pipeline reports it
      absl::StrAppend(&text, "file ", display_name(file), " ", *sum, "\n");
    }
    for (const auto& [written, resolved] : p.import_map) {
      absl::StrAppend(&text, "importmap ", written, " ", resolved, "\n");
    }
    // An import the loader could not place makes the package uncacheable.
    if (imports_[i].size() != p.imports.size()) return;
    own_[i] = std::move(text);
  });
}

std::string RescanState::KeyOf(size_t i) const {
  if (own_[i].empty()) return "";
  std::string text = own_[i];
  for (size_t j : imports_[i]) {
    if (!api_[j].has_value() || api_[j]->empty()) return "";
    absl::StrAppend(&text, "import ", loaded_.packages[j].import_path, " ", *api_[j], "\n");
  }
  return Sha256Hex(text);
}

void RescanState::Resolve() {
  const size_t n = own_.size();
  if (cache_ == nullptr) return;
  // Rounds: the packages whose imports are all decided get their keys and are looked up
  // together; a hit decides the package and may ready its importers for the next round.
  while (true) {
    std::vector<size_t> ready;
    for (size_t i = 0; i < n; ++i) {
      if (decided_[i] || !keys_[i].empty() || own_[i].empty()) continue;
      bool imports_decided = true;
      for (size_t j : imports_[i]) imports_decided = imports_decided && api_[j].has_value();
      if (!imports_decided) continue;
      keys_[i] = KeyOf(i);
      if (!keys_[i].empty()) ready.push_back(i);
    }
    if (ready.empty()) return;
    tbb::parallel_for(size_t{0}, ready.size(), [&](size_t k) {
      size_t i = ready[k];
      reused_[i] = GetArtifact(*cache_, keys_[i], loaded_.packages[i].import_path, stats_);
    });
    bool progress = false;
    for (size_t i : ready) {
      if (!reused_[i]) continue;
      progress = true;
      any_reused_ = true;
      decided_[i] = true;
      api_[i] = reused_[i]->api_hash();
      for (size_t j : imports_[i]) {
        if (computed_[j]) {
          ++cut_off_;
          break;
        }
      }
    }
    if (!progress) return;
  }
}

std::vector<bool> RescanState::NextWave() {
  Resolve();
  const size_t n = own_.size();
  std::vector<bool> known(n, false), rest(n, false);
  bool any_known = false, any_rest = false;
  for (size_t i = 0; i < n; ++i) {
    if (decided_[i]) continue;
    if (!keys_[i].empty()) {
      known[i] = any_known = true;
    } else {
      rest[i] = any_rest = true;
    }
  }
  if (!any_known && !any_rest) return {};
  ++waves_;
  // The first wave of a warm scan computes only what it can decide (see the file
  // comment); otherwise everything undecided.
  if (waves_ == 1 && any_reused_ && any_known) return known;
  for (size_t i = 0; i < n; ++i) known[i] = known[i] || rest[i];
  return known;
}

std::vector<bool> RescanState::WithImports(const std::vector<bool>& wave) const {
  std::vector<bool> out = wave;
  out.resize(own_.size(), false);
  for (size_t i = out.size(); i-- > 0;) {
    // A package that did not load is reported, never checked: its imports are not needed.
    if (!out[i] || loaded_.packages[i].error) continue;
    for (size_t j : imports_[i]) out[j] = true;
  }
  return out;
}

const summary::PackageArtifact* RescanState::Reused(size_t i) const {
  return reused_[i] ? &*reused_[i] : nullptr;
}

const summary::PackageArtifact* RescanState::ReusedImport(size_t i) {
  if (!reused_[i]) return nullptr;
  if (!results_[i] && cache_ != nullptr) {
    results_[i] = GetArtifactResults(*cache_, keys_[i], loaded_.packages[i].import_path, stats_);
  }
  return results_[i] ? &*results_[i] : nullptr;
}

const google::protobuf::RepeatedPtrField<summary::BatchResult>* RescanState::ReusedResults(
    size_t i) {
  const summary::PackageArtifact* a = ReusedImport(i);
  return a != nullptr ? &a->results() : nullptr;
}

size_t RescanState::named_reused() const {
  size_t k = 0;
  for (size_t i = 0; i < own_.size(); ++i) {
    if (reused_[i] && !computed_[i] && IsNamed(loaded_.packages[i])) ++k;
  }
  return k;
}

std::string OwnApiHash(const summary::PackageArtifact& artifact,
                       const std::string& api_text_hash) {
  std::string api = absl::StrCat("text ", api_text_hash, "\nsummaries\n");
  for (const summary::BatchResult& r : artifact.results()) {
    for (const summary::FuncSummary& f : r.funcs()) absl::StrAppend(&api, CallerVisibleHash(f), "\n");
  }
  return Sha256Hex(api);
}

std::optional<summary::PackageArtifact> RescanState::Computed(
    size_t i, summary::PackageArtifact artifact, const std::string& own_api, bool clean) {
  std::lock_guard<std::mutex> lock(mu_);
  computed_[i] = decided_[i] = true;
  if (IsNamed(loaded_.packages[i])) ++named_rebuilt_;
  api_[i] = "";
  if (!clean || !caching()) return std::nullopt;
  if (keys_[i].empty()) keys_[i] = KeyOf(i);  // its imports are decided by now
  if (keys_[i].empty()) return std::nullopt;
  std::string api = absl::StrCat("own ", own_api, "\n");
  for (size_t j : imports_[i]) absl::StrAppend(&api, "import ", *api_[j], "\n");
  artifact.set_key(keys_[i]);
  artifact.set_path(loaded_.packages[i].import_path);
  artifact.set_name(loaded_.packages[i].name);
  for (size_t j : imports_[i]) artifact.add_imports(loaded_.packages[j].import_path);
  artifact.set_api_hash(Sha256Hex(api));
  api_[i] = artifact.api_hash();
  return artifact;
}

void RescanState::Store(size_t i, summary::PackageArtifact artifact) {
  if (action_) {
    std::lock_guard<std::mutex> lock(mu_);
    stored_[i] = std::move(artifact);
    return;
  }
  // A later wave reads the results entry back if it needs it.
  summary::PackageArtifact main = PutArtifact(*cache_, std::move(artifact), stats_);
  std::lock_guard<std::mutex> lock(mu_);
  reused_[i] = std::move(main);
}

}  // namespace heapmap::summaries

namespace heapmap::summaries {

std::string ArtifactFileBytes(const summary::PackageArtifact& artifact) {
  std::string payload = ir::SerializeDeterministic(artifact);
  return absl::StrCat(kArtifactMagic, Sha256Hex(payload), "\n", payload);
}

absl::StatusOr<summary::PackageArtifact> ParseArtifactFile(std::string_view bytes) {
  std::string_view magic = kArtifactMagic;
  if (bytes.substr(0, magic.size()) != magic) {
    return absl::InvalidArgumentError("not a heapmap package artifact of this version");
  }
  bytes.remove_prefix(magic.size());
  if (bytes.size() < 65 || bytes[64] != '\n') return absl::DataLossError("truncated artifact");
  std::string_view sum = bytes.substr(0, 64), payload = bytes.substr(65);
  summary::PackageArtifact a;
  if (Sha256Hex(absl::string_view(payload.data(), payload.size())) != sum) return absl::DataLossError("artifact checksum mismatch");
  if (!a.ParseFromArray(payload.data(), static_cast<int>(payload.size())) ||
      a.path().empty() || a.api_hash().size() != 64) {
    return absl::DataLossError("malformed artifact");
  }
  return a;
}

}  // namespace heapmap::summaries
