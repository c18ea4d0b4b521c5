// summaries/parse_files_test.cc — parallel read+parse keeps order and reports bad files.
#include "summaries/parse_files.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tbb/global_control.h"

namespace heapmap::summaries {
namespace {

using ::testing::HasSubstr;

class ParseFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("heapmap_parse_files_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(ParseFilesTest, OrderAndErrorsDoNotDependOnThreads) {
  std::vector<std::string> paths;
  for (int i = 0; i < 40; ++i) {
    std::string body = "package p\n";
    for (int j = 0; j < i * 10; ++j) body += "var x" + std::to_string(j) + " = 1\n";
    if (i % 7 == 3) body += "func (\n";  // a syntax error in some files
    paths.push_back(Write("f" + std::to_string(i) + ".go", body));
  }
  auto run = [&](int threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    std::string out;
    for (const SourceParse& p : ReadAndParseFiles(paths, false)) {
      out += p.path + " " + std::to_string(p.bytes) + "\n";
      for (const std::string& m : p.messages) out += m + "\n";
    }
    return out;
  };
  std::string one = run(1);
  EXPECT_THAT(one, HasSubstr("f3.go:"));
  EXPECT_EQ(one, run(2));
  EXPECT_EQ(one, run(8));
}

TEST_F(ParseFilesTest, MissingAndUnreadableFiles) {
  std::string missing = (dir_ / "missing.go").string();
  std::string is_dir = (dir_ / "adir.go").string();
  std::filesystem::create_directories(is_dir);
  std::string ok = Write("ok.go", "package ok\n");
  auto results = ReadAndParseFiles({missing, is_dir, ok});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_THAT(results[0].read_error, HasSubstr("open " + missing + ": No such file"));
  EXPECT_THAT(results[1].read_error, HasSubstr(is_dir));
  EXPECT_TRUE(results[2].read_error.empty());
  EXPECT_TRUE(results[2].file.errors.empty());
  ASSERT_NE(results[2].file.ast, nullptr);
}

// The tree is dropped after parsing, but messages are made before, so //line directives
// still remap error positions as gc does.
TEST_F(ParseFilesTest, LineDirectivesApplyWithoutKeepingTrees) {
  std::string path = Write("line.go", "package p\n\n//line other.go:100\nfunc (\n");
  auto results = ReadAndParseFiles({path}, /*keep_trees=*/false);
  ASSERT_EQ(results.size(), 1u);
  ASSERT_FALSE(results[0].messages.empty());
  EXPECT_THAT(results[0].messages[0], ::testing::StartsWith("other.go:10"));
  EXPECT_EQ(results[0].file.ast, nullptr);
}

TEST_F(ParseFilesTest, BinaryGarbageIsASyntaxErrorNotACrash) {
  std::string garbage("\x7f" "ELF\x02\x01\x01\0\0\0\xff\xfe", 14);
  auto results = ReadAndParseFiles({Write("bin.go", garbage)});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].read_error.empty());
  EXPECT_FALSE(results[0].file.errors.empty());
}

}  // namespace
}  // namespace heapmap::summaries
