// frontend/load/load_testutil.h — what the loader's tests share: the fixture trees under
// tests/testdata/load, a build context over them, a result's packages by import path.
#ifndef HEAPMAP_FRONTEND_LOAD_LOAD_TESTUTIL_H_
#define HEAPMAP_FRONTEND_LOAD_LOAD_TESTUTIL_H_

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "frontend/load/loader.h"
#include "gtest/gtest.h"

namespace heapmap::load {

// tests/testdata/load in the source tree ($HEAPMAP_SOURCE_DIR, set by the test runner).
inline std::string TestData() {
  const char* root = std::getenv("HEAPMAP_SOURCE_DIR");
  return std::string(root != nullptr ? root : ".") + "/tests/testdata/load";
}

// A build context run in `work_dir` with environment `env`, GOROOT the fixture's and no
// real HOME (nothing outside the fixtures is read).
inline BuildContext Ctx(std::map<std::string, std::string> env, const std::string& work_dir,
                        std::vector<std::string> tags = {}, std::string goos = "") {
  ContextFlags flags;
  flags.work_dir = work_dir;
  flags.tags = std::move(tags);
  flags.goos = std::move(goos);
  env.emplace("GOROOT", TestData() + "/goroot");
  env.emplace("HOME", "/nonexistent-home");
  auto ctx = MakeBuildContext(flags, env);
  EXPECT_TRUE(ctx.ok()) << ctx.status();
  return *ctx;
}

inline const Package* Find(const LoadResult& r, const std::string& path) {
  for (const Package& p : r.packages) {
    if (p.import_path == path) return &p;
  }
  return nullptr;
}

inline std::vector<std::string> Paths(const LoadResult& r) {
  std::vector<std::string> out;
  for (const Package& p : r.packages) out.push_back(p.import_path);
  return out;
}

}  // namespace heapmap::load

#endif  // HEAPMAP_FRONTEND_LOAD_LOAD_TESTUTIL_H_
