// summaries/artifact.cc — package keys, artifact entries, and the plan of a rescan.
#include "summaries/artifact.h"

#include <fstream>
#include <sstream>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "ir/ir.h"
#include "tbb/parallel_for.h"

namespace heapmap::summaries {
namespace {

// The magic line of artifact entries; bump the number when PackageArtifact's meaning
// changes (it is also part of every key).
constexpr absl::string_view kArtifactMagic = "heapmap-package-artifact 1\n";

// SHA-256 of a file's bytes, or nullopt if it cannot be read.
std::optional<std::string> FileSha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return Sha256Hex(std::move(buf).str());
}

}  // namespace

std::optional<summary::PackageArtifact> GetArtifact(const Cache& cache, const std::string& key,
                                                    const std::string& path, CacheStats* stats) {
  std::optional<std::string> payload = cache.GetPayload(kArtifactMagic, key, stats);
  if (!payload) return std::nullopt;
  summary::PackageArtifact a;
  if (!a.ParseFromString(*payload) || a.key() != key || a.path() != path) {
    if (stats) stats->Corrupt();
    return std::nullopt;
  }
  if (stats) stats->hits.fetch_add(1);
  return a;
}

void PutArtifact(const Cache& cache, const summary::PackageArtifact& artifact, CacheStats* stats) {
  cache.PutPayload(kArtifactMagic, artifact.key(), ir::SerializeDeterministic(artifact), stats);
}

RescanPlan PlanRescan(const load::LoadResult& loaded, const std::string& config,
                      const std::function<std::string(const std::string& path)>& display_name,
                      const Cache* cache, CacheStats* stats) {
  const std::vector<load::Package>& pkgs = loaded.packages;
  const size_t n = pkgs.size();
  RescanPlan plan;
  plan.keys.assign(n, "");
  plan.found.resize(n);
  plan.needed.assign(n, false);
  absl::flat_hash_map<std::string, size_t> by_path;
  for (size_t i = 0; i < n; ++i) by_path[pkgs[i].import_path] = i;

  // Each package's own part of its key (files hashed in parallel); "" if not cacheable.
  std::vector<std::string> own(n);
  if (cache != nullptr) {
    tbb::parallel_for(size_t{0}, n, [&](size_t i) {
      const load::Package& p = pkgs[i];
      if (p.error) return;
      std::string text = absl::StrCat(kArtifactMagic, config, "\npackage ", p.import_path, " ",
                                      p.name, " ", p.dir, "\nnamed ", !p.dep_only, "\n");
      for (const std::string& f : p.go_files) {
        const std::string file = p.dir + "/" + f;
        std::optional<std::string> sum = FileSha256(file);
        if (!sum) return;  // unreadable: the pipeline reports it
        absl::StrAppend(&text, "file ", display_name(file), " ", *sum, "\n");
      }
      for (const auto& [written, resolved] : p.import_map) {
        absl::StrAppend(&text, "importmap ", written, " ", resolved, "\n");
      }
      own[i] = std::move(text);
    });
  }
  // Keys in load order (imports first): a package's key covers its imports' keys.
  for (size_t i = 0; i < n; ++i) {
    if (own[i].empty()) continue;
    std::string text = own[i];
    bool ok = true;
    for (const std::string& imp : pkgs[i].imports) {
      auto it = by_path.find(imp);
      if (it == by_path.end() || it->second >= i || plan.keys[it->second].empty()) {
        ok = false;
        break;
      }
      absl::StrAppend(&text, "import ", imp, " ", plan.keys[it->second], "\n");
    }
    if (ok) plan.keys[i] = Sha256Hex(text);
  }
  if (cache != nullptr) {
    tbb::parallel_for(size_t{0}, n, [&](size_t i) {
      if (plan.keys[i].empty() || pkgs[i].import_path == "unsafe") return;
      plan.found[i] = GetArtifact(*cache, plan.keys[i], pkgs[i].import_path, stats);
    });
  }
  // Named packages without an artifact are computed, with everything they import.
  for (size_t i = n; i-- > 0;) {
    const load::Package& p = pkgs[i];
    bool named = !p.dep_only && p.import_path != "unsafe";
    if (named) {
      if (plan.found[i]) {
        ++plan.reused;
      } else {
        ++plan.rebuilt;
        plan.needed[i] = true;
      }
    }
    if (!plan.needed[i]) continue;
    for (const std::string& imp : p.imports) {
      auto it = by_path.find(imp);
      if (it != by_path.end() && it->second < i) plan.needed[it->second] = true;
    }
  }
  return plan;
}

}  // namespace heapmap::summaries
