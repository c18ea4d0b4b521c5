// tests/goroot_parse_test.cc — every .go file of the Go source tree parses without error.
//
// Walks GOROOT/src (the GOROOT that the loader finds: $GOROOT or the usual places),
// skipping testdata directories, which hold deliberately broken files. Non-test files
// are what the issue requires; _test.go files are held to the same bar.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "driver/parse_files.h"
#include "frontend/load/loader.h"
#include "gtest/gtest.h"

namespace heapmap {
namespace {

std::vector<std::string> GoFilesUnder(const std::filesystem::path& root, bool tests) {
  std::vector<std::string> files;
  for (auto it = std::filesystem::recursive_directory_iterator(root);
       it != std::filesystem::recursive_directory_iterator(); ++it) {
    if (it->is_directory() && it->path().filename() == "testdata") {
      it.disable_recursion_pending();
      continue;
    }
    std::string name = it->path().filename().string();
    if (!it->is_regular_file() || !absl::EndsWith(name, ".go")) continue;
    if (absl::EndsWith(name, "_test.go") == tests) files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

void ExpectAllParse(bool tests, size_t at_least) {
  auto ctx = load::MakeBuildContext({}, load::ProcessEnvironment());
  ASSERT_TRUE(ctx.ok()) << ctx.status();
  std::vector<std::string> files = GoFilesUnder(std::filesystem::path(ctx->goroot) / "src", tests);
  ASSERT_GE(files.size(), at_least) << "GOROOT " << ctx->goroot << " looks incomplete";
  size_t bytes = 0, errors = 0;
  for (const driver::SourceParse& p : driver::ReadAndParseFiles(files, false)) {
    EXPECT_EQ(p.read_error, "");
    bytes += p.bytes;
    for (const auto& e : p.file.errors) {
      ++errors;
      ADD_FAILURE() << syntax::FormatError(p.file, e);
    }
  }
  std::printf("parsed %zu files (%.1f MB) under %s/src: %zu errors\n", files.size(), bytes / 1e6,
              ctx->goroot.c_str(), errors);
}

TEST(GorootParseTest, EveryNonTestFileParses) { ExpectAllParse(false, 3000); }

TEST(GorootParseTest, EveryTestFileParses) { ExpectAllParse(true, 1000); }

}  // namespace
}  // namespace heapmap
