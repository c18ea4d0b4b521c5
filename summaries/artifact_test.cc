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
  a.add_results()->add_funcs()->set_symbol(path + ".F");
  return a;
}

// Stores an artifact for every package of the plan.
void Fill(const Cache& cache, const load::LoadResult& prog, const RescanPlan& plan) {
  for (size_t i = 0; i < prog.packages.size(); ++i) {
    PutArtifact(cache, Artifact(plan.keys[i], prog.packages[i].import_path), nullptr);
  }
}

TEST(PlanRescan, ColdThenWarm) {
  TempDir dir;
  load::LoadResult prog = Program(dir.path() + "/src");
  Cache cache(dir.path() + "/cache");
  CacheStats stats;
  RescanPlan cold = PlanRescan(prog, "config", Same, &cache, &stats);
  EXPECT_EQ(cold.rebuilt, 4u);
  EXPECT_EQ(cold.reused, 0u);
  EXPECT_EQ(cold.needed, std::vector<bool>({true, true, true, true}));
  for (const std::string& k : cold.keys) EXPECT_EQ(k.size(), 64u);
  EXPECT_EQ(stats.misses.load(), 4);
  Fill(cache, prog, cold);

  RescanPlan warm = PlanRescan(prog, "config", Same, &cache, &stats);
  EXPECT_EQ(warm.keys, cold.keys);
  EXPECT_EQ(warm.reused, 4u);
  EXPECT_EQ(warm.rebuilt, 0u);
  EXPECT_EQ(warm.needed, std::vector<bool>({false, false, false, false}));
  ASSERT_TRUE(warm.found[2].has_value());
  EXPECT_EQ(warm.found[2]->output(), Artifact(cold.keys[2], "c").output());
}

TEST(PlanRescan, AnEditRebuildsThePackageAndItsImporters) {
  TempDir dir;
  load::LoadResult prog = Program(dir.path() + "/src");
  Cache cache(dir.path() + "/cache");
  RescanPlan cold = PlanRescan(prog, "config", Same, &cache, nullptr);
  Fill(cache, prog, cold);
  Write(prog.packages[1].dir + "/b.go", "package b\n\nfunc F() {}\n");
  RescanPlan plan = PlanRescan(prog, "config", Same, &cache, nullptr);
  EXPECT_EQ(plan.keys[0], cold.keys[0]);
  EXPECT_NE(plan.keys[1], cold.keys[1]);
  EXPECT_NE(plan.keys[2], cold.keys[2]);  // through b's key
  EXPECT_EQ(plan.keys[3], cold.keys[3]);
  EXPECT_EQ(plan.rebuilt, 2u);
  EXPECT_EQ(plan.reused, 2u);
  // b and c are computed; a because b imports it (its batch results are reused).
  EXPECT_EQ(plan.needed, std::vector<bool>({true, true, true, false}));
  EXPECT_TRUE(plan.found[0].has_value());
}

TEST(PlanRescan, KeysCoverConfigNamesAndDependencyRole) {
  TempDir dir;
  load::LoadResult prog = Program(dir.path() + "/src");
  RescanPlan base = PlanRescan(prog, "config", Same, nullptr, nullptr);
  Cache cache(dir.path() + "/cache");
  base = PlanRescan(prog, "config", Same, &cache, nullptr);
  RescanPlan other = PlanRescan(prog, "config -m=2", Same, &cache, nullptr);
  EXPECT_NE(other.keys[0], base.keys[0]);
  RescanPlan renamed = PlanRescan(
      prog, "config", [](const std::string& f) { return "./" + f; }, &cache, nullptr);
  EXPECT_NE(renamed.keys[0], base.keys[0]);
  prog.packages[0].dep_only = true;
  RescanPlan dep = PlanRescan(prog, "config", Same, &cache, nullptr);
  EXPECT_NE(dep.keys[0], base.keys[0]);
  EXPECT_EQ(dep.rebuilt, 3u);  // a is not named
}

TEST(PlanRescan, UncacheablePackagesAndTheirImporters) {
  TempDir dir;
  load::LoadResult prog = Program(dir.path() + "/src");
  prog.packages[0].error = load::PackageError{"", "broken"};
  std::filesystem::remove(prog.packages[3].dir + "/d.go");  // unreadable
  Cache cache(dir.path() + "/cache");
  RescanPlan plan = PlanRescan(prog, "config", Same, &cache, nullptr);
  for (const std::string& k : plan.keys) EXPECT_EQ(k, "");
  EXPECT_EQ(plan.rebuilt, 4u);
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
  EXPECT_EQ(stats.write_errors.load(), 1);
  EXPECT_FALSE(GetArtifact(cache, std::string(64, 'd'), "p", &stats).has_value());
  EXPECT_EQ(stats.misses.load(), 1);
}

}  // namespace
}  // namespace heapmap::summaries
