// frontend/syntax/stdlib_parse_test.cc — parses every .go file of $GOROOT/src (outside
// testdata directories) and expects zero syntax errors and consistent byte ranges; also
// prints the single-threaded throughput (parse time only, sources already in memory).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "frontend/syntax/ast_walk.h"
#include "frontend/syntax/parser.h"
#include "gtest/gtest.h"

namespace heapmap::syntax {
namespace {

namespace fs = std::filesystem;

std::string FindGoroot() {
  if (const char* env = std::getenv("GOROOT"); env != nullptr && *env != '\0') return env;
  for (const char* dir : {"/usr/lib/go-1.19", "/usr/lib/go", "/usr/local/go"}) {
    if (fs::exists(fs::path(dir) / "src")) return dir;
  }
  return "";
}

std::vector<std::string> GoFiles(const fs::path& root) {
  std::vector<std::string> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(
           root, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_directory() && it->path().filename() == "testdata") {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && it->path().extension() == ".go")
      files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(GorootParse, AllStdFilesParseWithoutErrors) {
  std::string goroot = FindGoroot();
  if (goroot.empty()) GTEST_SKIP() << "no GOROOT found";
  std::vector<std::string> files = GoFiles(fs::path(goroot) / "src");
  ASSERT_GT(files.size(), 1000u);

  std::vector<std::string> sources;
  sources.reserve(files.size());
  size_t bytes = 0;
  for (const auto& f : files) {
    sources.push_back(ReadFile(f));
    bytes += sources.back().size();
  }

  size_t failed = 0;
  double secs = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    auto start = std::chrono::steady_clock::now();
    ParsedFile pf = ParseFile(files[i], sources[i]);
    secs += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!pf.errors.empty()) {
      ++failed;
      if (failed <= 20) ADD_FAILURE() << FormatError(pf, pf.errors[0]);
    }
    std::string problem = CheckRanges(pf.ast, pf.source.size());
    if (!problem.empty()) ADD_FAILURE() << files[i] << ": " << problem;
  }
  std::printf("parsed %zu files, %.1f MB in %.3f s: %.1f MB/s; %zu with errors\n", files.size(),
              bytes / 1e6, secs, bytes / 1e6 / secs, failed);
  EXPECT_EQ(failed, 0u);
}

}  // namespace
}  // namespace heapmap::syntax
