// summaries/cache_test.cc — cache entries: round trip, misses, corruption; warm runs.
#include "summaries/cache.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "ir/ir.h"
#include "summaries/scheduler.h"
#include "summaries/test_util.h"

namespace heapmap::summaries {
namespace {

using testing::MakeFunc;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "heapmap-cache-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

const std::string kKey(64, 'a');

summary::BatchResult Sample() {
  summary::BatchResult r;
  r.add_funcs()->set_symbol("p.f");
  r.add_diagnostics()->set_message("leaking param: p");
  return r;
}

void Overwrite(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(Cache, RoundTripAndMiss) {
  TempDir dir;
  Cache cache(dir.path() + "/c");
  CacheStats stats;
  EXPECT_FALSE(cache.Get(kKey, &stats).has_value());
  cache.Put(kKey, Sample(), &stats);
  std::optional<summary::BatchResult> got = cache.Get(kKey, &stats);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(ir::SerializeDeterministic(*got), ir::SerializeDeterministic(Sample()));
  EXPECT_EQ(stats.hits.load(), 1);
  EXPECT_EQ(stats.misses.load(), 1);
  EXPECT_EQ(stats.writes.load(), 1);
  EXPECT_FALSE(cache.Get("../../etc/passwd", &stats).has_value());  // not a key: a miss
}

TEST(Cache, CorruptEntriesAreMisses) {
  TempDir dir;
  Cache cache(dir.path());
  cache.Put(kKey, Sample(), nullptr);
  const std::string path = cache.EntryPath(kKey);
  const std::string good = ReadAll(path);
  std::vector<std::string> bad = {"", "garbage", good.substr(0, good.size() - 1),
                                  good.substr(0, 30), good + "x"};
  std::string flipped = good;
  flipped.back() ^= 1;
  bad.push_back(flipped);
  std::string bad_magic = good;
  bad_magic[0] = 'H';
  bad.push_back(bad_magic);
  for (const std::string& b : bad) {
    Overwrite(path, b);
    CacheStats stats;
    EXPECT_FALSE(cache.Get(kKey, &stats).has_value()) << b.size();
    EXPECT_EQ(stats.corrupt.load(), 1);
  }
  Overwrite(path, good);
  EXPECT_TRUE(cache.Get(kKey, nullptr).has_value());
}

TEST(Cache, UnwritableDirectoryIsNotFatal) {
  Cache cache("/proc/heapmap-cannot-write-here");
  CacheStats stats;
  cache.Put(kKey, Sample(), &stats);
  EXPECT_EQ(stats.write_errors.load(), 1);
  EXPECT_FALSE(cache.Get(kKey, &stats).has_value());
}

std::string Dump(const std::vector<PackageResult>& results) {
  std::string out;
  for (const PackageResult& r : results) {
    for (const summary::BatchResult& b : r.results) out += ir::SerializeDeterministic(b);
    for (const summary::Diagnostic& d : r.diagnostics) {
      absl::StrAppend(&out, solver::FormatDiagnostic(d), "\n");
    }
  }
  return out;
}

std::string Lines(const std::vector<PackageResult>& results) {
  std::string out;
  for (const PackageResult& r : results) {
    for (const summary::Diagnostic& d : r.diagnostics) {
      absl::StrAppend(&out, solver::FormatDiagnostic(d), "\n");
    }
  }
  return out;
}

TEST(Cache, WarmRunRecomputesNothing) {
  TempDir dir;
  Cache cache(dir.path());
  std::vector<ir::FuncUnit> q = {MakeFunc("q", "Leak", 3, {}, true), MakeFunc("q", "Keep", 5, {})};
  std::vector<ir::FuncUnit> r = {MakeFunc("r", "F", 3, {"q.Leak", "r.G"}),
                                 MakeFunc("r", "G", 7, {"q.Keep", "r.F"}),
                                 MakeFunc("r", "H", 9, {"r.G"})};
  auto inputs = [&] {
    std::vector<PackageInput> in(2);
    for (const ir::FuncUnit& u : q) in[0].units.push_back(&u);
    for (const ir::FuncUnit& u : r) in[1].units.push_back(&u);
    in[1].imports = {0};
    return in;
  };
  AnalyzeOptions options;
  options.cache = &cache;
  options.version = "test";

  AnalyzeStats cold;
  std::vector<PackageResult> cold_out = AnalyzeProgram(inputs(), options, &cold);
  // Only FuncSummary.key differs from an uncached run; the lines are the same.
  EXPECT_EQ(Lines(cold_out), Lines(AnalyzeProgram(inputs(), {})));
  EXPECT_EQ(cold.batches.load(), 4);  // Leak, Keep, {F, G}, H
  EXPECT_EQ(cold.solved.load(), 4);
  EXPECT_EQ(cold.cache.writes.load(), 4);

  AnalyzeStats warm;
  std::vector<PackageResult> warm_out = AnalyzeProgram(inputs(), options, &warm);
  EXPECT_EQ(Dump(warm_out), Dump(cold_out));
  EXPECT_EQ(warm.solved.load(), 0);
  EXPECT_EQ(warm.cache.hits.load(), 4);

  // Corrupt H's entry: exactly that batch is recomputed, with the same result.
  Overwrite(cache.EntryPath(cold_out[1].cache_keys[1]), "torn");
  AnalyzeStats after;
  EXPECT_EQ(Dump(AnalyzeProgram(inputs(), options, &after)), Dump(cold_out));
  EXPECT_EQ(after.solved.load(), 1);
  EXPECT_EQ(after.cache.corrupt.load(), 1);

  // A changed callee body whose tags stay the same recomputes only itself (early cutoff):
  // Keep gets a local that does not affect its parameter.
  q[1] = MakeFunc("q", "Keep", 6, {});
  AnalyzeStats edited;
  AnalyzeProgram(inputs(), options, &edited);
  EXPECT_EQ(edited.solved.load(), 1);
}

}  // namespace
}  // namespace heapmap::summaries

namespace heapmap::summaries {
namespace {

void SetAge(const std::string& path, int seconds_ago) {
  struct timespec times[2];
  times[0].tv_sec = times[1].tv_sec = std::time(nullptr) - seconds_ago;
  times[0].tv_nsec = times[1].tv_nsec = 0;
  ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
}

TEST(Cache, TrimRemovesTheLeastRecentlyUsedEntries) {
  TempDir dir;
  Cache cache(dir.path() + "/c");
  const std::string a(64, 'a'), b(64, 'b'), c(64, 'c');
  for (const std::string& k : {a, b, c}) cache.Put(k, Sample(), nullptr);
  Cache::Usage u = cache.Measure();
  EXPECT_EQ(u.entries, 3);
  const int64_t one = u.bytes / 3;
  SetAge(cache.EntryPath(a), 300);
  SetAge(cache.EntryPath(b), 200);
  SetAge(cache.EntryPath(c), 100);
  // Reading b makes it the most recently used: a, then c, go first.
  ASSERT_TRUE(cache.Get(b, nullptr).has_value());
  // A writer's temporary file that is stale, and one that is not.
  const std::string stale = cache.EntryPath(a) + ".tmp.1.2", fresh = cache.EntryPath(a) + ".tmp.3.4";
  Overwrite(stale, "x");
  Overwrite(fresh, "y");
  SetAge(stale, 7200);
  EXPECT_EQ(cache.Measure().temp_files, 2);
  // (Existence checked without reading: a read would touch the entry.)
  auto present = [&](const std::string& k) { return std::filesystem::exists(cache.EntryPath(k)); };
  EXPECT_EQ(cache.Trim(2 * one), 1);
  EXPECT_FALSE(present(a));
  EXPECT_TRUE(present(c));
  EXPECT_EQ(cache.Measure().temp_files, 1);
  EXPECT_EQ(cache.Trim(one), 1);
  EXPECT_FALSE(present(c));
  EXPECT_TRUE(present(b));
  EXPECT_EQ(cache.Clean(), 1);
  u = cache.Measure();
  EXPECT_EQ(u.entries, 0);
  EXPECT_EQ(u.temp_files, 0);
}

TEST(Cache, TrimDailyTrimsOnceADay) {
  TempDir dir;
  Cache cache(dir.path() + "/c");
  cache.Put(std::string(64, 'a'), Sample(), nullptr);
  cache.TrimDaily(0);  // first call: trims
  EXPECT_EQ(cache.Measure().entries, 0);
  cache.Put(std::string(64, 'a'), Sample(), nullptr);
  cache.TrimDaily(0);  // within the day: does nothing
  EXPECT_EQ(cache.Measure().entries, 1);
  SetAge(dir.path() + "/c/trimmed", 25 * 3600);
  cache.TrimDaily(0);
  EXPECT_EQ(cache.Measure().entries, 0);
}

}  // namespace
}  // namespace heapmap::summaries
