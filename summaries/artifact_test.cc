// summaries/artifact_test.cc — package keys, artifact entries and rescan plans.
#include "summaries/artifact.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace heapmap::summaries {
namespace {

class TempDir {
 public:
  TempDir() {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "heapmap-artifact-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void Write(const std::string& path, const std::string& bytes) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// a <- b <- c (c imports b imports a), and d alone; all named.
load::LoadResult Program(const std::string& root) {
  load::LoadResult r;
  auto add = [&](const std::string& path, std::vector<std::string> imports) {
    load::Package& p = r.packages.emplace_back();
    p.import_path = path;
    p.name = path;
    p.dir = root + "/" + path;
    p.go_files = {path + ".go"};
    p.imports = std::move(imports);
    Write(p.dir + "/" + path + ".go", "package " + path + "\n");
  };
  add("a", {});
  add("b", {"a"});
  add("c", {"b"});
  add("d", {});
  return r;
}

std::string Same(const std::string& path) { return path; }

summary::PackageArtifact Artifact(const std::string& key, const std::string& path) {
  summary::PackageArtifact a;
  a.set_key(key);
  a.set_path(path);
  a.set_output("# " + path + "\n./x.go:1:1: leaking param: p\n");
  a.set_lines(1);
  a.set_api_hash(std::string(64, '0'));
  a.add_results()->add_funcs()->set_symbol(path + ".F");
  return a;
}

std::vector<bool> Mask(std::initializer_list<int> bits) {
  std::vector<bool> m;
  for (int b : bits) m.push_back(b != 0);
  return m;
}

// Runs a scan as analyze does: each wave's packages computed in load order, with the API
// text `api(i)`. Returns the waves.
std::vector<std::vector<bool>> Scan(RescanState* state, const load::LoadResult& prog,
                                    const std::function<std::string(size_t)>& api) {
  std::vector<std::vector<bool>> waves;
  for (std::vector<bool> w = state->NextWave(); !w.empty(); w = state->NextWave()) {
    waves.push_back(w);
    for (size_t i = 0; i < w.size(); ++i) {
      if (!w[i]) continue;
      summary::PackageArtifact a;
      a.set_output("# " + prog.packages[i].import_path + "\n");
      a.add_results()->add_funcs()->set_symbol(prog.packages[i].import_path + ".F");
      if (auto stored = state->Computed(i, a, api(i), /*clean=*/true)) {
        state->Store(i, *std::move(stored));
      }
    }
    if (waves.size() > 5) break;
  }
  return waves;
}

std::string SameApi(size_t i) { return "api " + std::to_string(i); }

// The program of Program() and a cache that a cold scan filled.
class FilledCache : public ::testing::Test {
 protected:
  FilledCache() : prog_(Program(dir_.path() + "/src")), cache_(dir_.path() + "/cache") {
    RescanState cold(prog_, "config", Same, &cache_, nullptr);
    Scan(&cold, prog_, SameApi);
  }
  RescanState State() { return RescanState(prog_, "config", Same, &cache_, nullptr); }

  TempDir dir_;
  load::LoadResult prog_;
  Cache cache_;
};

TEST(RescanState, ColdIsOneWaveThenWarmReusesEverything) {
  TempDir dir;
  load::LoadResult prog = Program(dir.path() + "/src");
  Cache cache(dir.path() + "/cache");
  CacheStats stats;
  RescanState cold(prog, "config", Same, &cache, &stats);
  EXPECT_EQ(Scan(&cold, prog, SameApi), std::vector<std::vector<bool>>({Mask({1, 1, 1, 1})}));
  EXPECT_EQ(cold.named_rebuilt(), 4u);
  EXPECT_EQ(cold.named_reused(), 0u);
  EXPECT_EQ(stats.writes.load(), 8);  // a main entry and a results entry each

  const int64_t hits = stats.hits.load();
  RescanState warm(prog, "config", Same, &cache, &stats);
  EXPECT_TRUE(warm.NextWave().empty());
  EXPECT_EQ(warm.named_reused(), 4u);
  EXPECT_EQ(warm.named_rebuilt(), 0u);
  ASSERT_NE(warm.Reused(2), nullptr);
  EXPECT_EQ(warm.Reused(2)->output(), "# c\n");
  EXPECT_EQ(warm.Reused(2)->api_hash().size(), 64u);
  EXPECT_EQ(warm.Reused(2)->results_size(), 0);
  EXPECT_EQ(stats.hits.load(), hits + 4);  // the results are not read...
  auto* results = warm.ReusedResults(2);    // ...until asked for
  ASSERT_NE(results, nullptr);
  ASSERT_EQ(results->size(), 1);
  EXPECT_EQ((*results)[0].funcs(0).symbol(), "c.F");
  EXPECT_EQ(stats.hits.load(), hits + 5);
  EXPECT_EQ(warm.ReusedResults(3), warm.ReusedResults(3));  // read once
}

TEST_F(FilledCache, UnreadableResultsAreNull) {
  RescanState probe = State();
  probe.NextWave();
  // The key of c is the same in every state over the same tree: corrupt its results.
  Write(cache_.EntryPath(ResultsKey(probe.Reused(2)->key())), "torn");
  RescanState warm = State();
  EXPECT_TRUE(warm.NextWave().empty());
  EXPECT_NE(warm.Reused(2), nullptr);
  EXPECT_EQ(warm.ReusedResults(2), nullptr);  // the package will be solved again
  EXPECT_NE(warm.ReusedResults(1), nullptr);
}

TEST_F(FilledCache, ABodyEditThatKeepsTheApiCutsOffImporters) {
  Write(prog_.packages[1].dir + "/b.go", "package b // edited\n");
  RescanState state = State();
  // Only b is computed; its API is unchanged, so c (which imports it) is reused.
  EXPECT_EQ(Scan(&state, prog_, SameApi), std::vector<std::vector<bool>>({Mask({0, 1, 0, 0})}));
  EXPECT_EQ(state.named_rebuilt(), 1u);
  EXPECT_EQ(state.named_reused(), 3u);
  EXPECT_EQ(state.cut_off(), 1u);
  // b's new artifact serves the next scan.
  EXPECT_TRUE(State().NextWave().empty());
}

TEST_F(FilledCache, AnApiEditRecomputesImporters) {
  Write(prog_.packages[0].dir + "/a.go", "package a // edited\n");
  RescanState state = State();
  auto api = [](size_t i) { return i == 0 ? std::string("a's new API") : SameApi(i); };
  // a first (its key is known); then b and c, whose keys depend on a's new API hash.
  EXPECT_EQ(Scan(&state, prog_, api),
            std::vector<std::vector<bool>>({Mask({1, 0, 0, 0}), Mask({0, 1, 1, 0})}));
  EXPECT_EQ(state.named_rebuilt(), 3u);
  EXPECT_EQ(state.named_reused(), 1u);
  RescanState again = State();
  EXPECT_TRUE(again.NextWave().empty());
  EXPECT_EQ(again.named_reused(), 4u);
}

TEST(RescanState, WithImportsIsTransitive) {
  TempDir dir;
  load::LoadResult prog = Program(dir.path() + "/src");
  RescanState state(prog, "config", Same, nullptr, nullptr);
  EXPECT_EQ(state.WithImports(Mask({0, 0, 1, 0})), Mask({1, 1, 1, 0}));
  EXPECT_EQ(state.WithImports(Mask({0, 0, 0, 1})), Mask({0, 0, 0, 1}));
}

TEST(RescanState, KeysCoverConfigNamesAndDependencyRole) {
  TempDir dir;
  load::LoadResult prog = Program(dir.path() + "/src");
  Cache cache(dir.path() + "/cache");
  RescanState cold(prog, "config", Same, &cache, nullptr);
  Scan(&cold, prog, SameApi);
  auto reused = [&](const load::LoadResult& p, const std::string& config,
                    const std::function<std::string(const std::string&)>& names) {
    RescanState s(p, config, names, &cache, nullptr);
    s.NextWave();
    return s.named_reused();
  };
  EXPECT_EQ(reused(prog, "config", Same), 4u);
  EXPECT_EQ(reused(prog, "config -m=2", Same), 0u);
  EXPECT_EQ(reused(prog, "config", [](const std::string& f) { return "./" + f; }), 0u);
  load::LoadResult dep = prog;
  dep.packages[0].dep_only = true;  // a is now only a dependency: a, b and c change keys
  EXPECT_EQ(reused(dep, "config", Same), 1u);
}

TEST(RescanState, UncacheablePackagesAreComputedWithTheirImporters) {
  TempDir dir;
  load::LoadResult prog = Program(dir.path() + "/src");
  prog.packages[1].error = load::PackageError{"", "broken"};
  std::filesystem::remove(prog.packages[3].dir + "/d.go");  // unreadable
  Cache cache(dir.path() + "/cache");
  CacheStats stats;
  RescanState state(prog, "config", Same, &cache, &stats);
  EXPECT_EQ(Scan(&state, prog, SameApi), std::vector<std::vector<bool>>({Mask({1, 1, 1, 1})}));
  EXPECT_EQ(stats.writes.load(), 2);  // a only (its two entries)
  RescanState again(prog, "config", Same, &cache, nullptr);
  EXPECT_EQ(Scan(&again, prog, SameApi), std::vector<std::vector<bool>>({Mask({0, 1, 1, 1})}));
  EXPECT_EQ(again.named_reused(), 1u);
}

TEST(RescanState, WithoutACacheEverythingIsOneWave) {
  TempDir dir;
  load::LoadResult prog = Program(dir.path() + "/src");
  RescanState state(prog, "config", Same, nullptr, nullptr);
  EXPECT_EQ(Scan(&state, prog, SameApi), std::vector<std::vector<bool>>({Mask({1, 1, 1, 1})}));
}

TEST(GetArtifact, BadEntriesAreMisses) {
  TempDir dir;
  Cache cache(dir.path() + "/cache");
  const std::string key(64, 'b');
  PutArtifact(cache, Artifact(key, "p"), nullptr);
  CacheStats stats;
  ASSERT_TRUE(GetArtifact(cache, key, "p", &stats).has_value());
  EXPECT_EQ(stats.hits.load(), 1);
  // Another package under the same key (a hash collision, or a forged entry).
  EXPECT_FALSE(GetArtifact(cache, key, "q", &stats).has_value());
  EXPECT_EQ(stats.corrupt.load(), 1);
  // An entry whose key field names another key.
  const std::string other(64, 'c');
  std::filesystem::create_directories(std::filesystem::path(cache.EntryPath(other)).parent_path());
  std::filesystem::copy_file(cache.EntryPath(key), cache.EntryPath(other));
  EXPECT_FALSE(GetArtifact(cache, other, "p", &stats).has_value());
  EXPECT_EQ(stats.corrupt.load(), 2);
  // A flipped byte, a truncated entry, a batch entry under an artifact's key.
  std::string bytes;
  {
    std::ifstream in(cache.EntryPath(key), std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x20;
  Write(cache.EntryPath(key), flipped);
  EXPECT_FALSE(GetArtifact(cache, key, "p", &stats).has_value());
  Write(cache.EntryPath(key), bytes.substr(0, bytes.size() - 3));
  EXPECT_FALSE(GetArtifact(cache, key, "p", &stats).has_value());
  cache.Put(key, summary::BatchResult(), nullptr);
  EXPECT_FALSE(GetArtifact(cache, key, "p", &stats).has_value());
  EXPECT_EQ(stats.corrupt.load(), 5);
  // Rewritten, it is good again.
  PutArtifact(cache, Artifact(key, "p"), nullptr);
  EXPECT_TRUE(GetArtifact(cache, key, "p", &stats).has_value());
}

TEST(PutArtifact, UnwritableCacheCountsWriteErrors) {
  // A regular file where the cache's directory should be: no write can succeed, even as
  // root (which a read-only directory would not stop).
  TempDir dir;
  Write(dir.path() + "/cache", "not a directory");
  Cache cache(dir.path() + "/cache");
  CacheStats stats;
  PutArtifact(cache, Artifact(std::string(64, 'd'), "p"), &stats);
  EXPECT_EQ(stats.write_errors.load(), 2);  // both entries
  EXPECT_FALSE(GetArtifact(cache, std::string(64, 'd'), "p", &stats).has_value());
  EXPECT_EQ(stats.misses.load(), 1);
}

}  // namespace
}  // namespace heapmap::summaries
