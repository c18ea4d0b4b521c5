// frontend/load/header_test.cc — the Go file header reader.
#include "frontend/load/header.h"

#include <random>

#include "gtest/gtest.h"

namespace heapmap::load {
namespace {

std::vector<std::string> Paths(const GoFileHeader& h) {
  std::vector<std::string> out;
  for (const auto& i : h.imports) out.push_back(i.path);
  return out;
}

TEST(HeaderTest, PackageAndImports) {
  GoFileHeader h = ParseGoFileHeader(
      "// Package p does things.\npackage p\n\nimport \"fmt\"\nimport (\n\tx \"os\"\n\t. "
      "`strings`\n\t_ \"a/b\"; \"c\"\n)\n\nfunc F() {}\n");
  EXPECT_EQ(h.package_name, "p");
  EXPECT_EQ(h.parse_error, "");
  EXPECT_EQ(Paths(h), (std::vector<std::string>{"fmt", "os", "strings", "a/b", "c"}));
  EXPECT_EQ(h.doc, " Package p does things.\n");
  EXPECT_EQ(h.imports[0].line, 4);
  EXPECT_EQ(h.imports[0].column, 8);
  // The header stops after the imports.
  EXPECT_EQ(h.header.find("func"), std::string::npos);
}

TEST(HeaderTest, BomAndComments) {
  GoFileHeader h = ParseGoFileHeader("\xEF\xBB\xBF/* c */ package /* d */ q // e\n");
  EXPECT_EQ(h.package_name, "q");
  EXPECT_EQ(h.parse_error, "");
}

TEST(HeaderTest, EscapesInImportPaths) {
  GoFileHeader h = ParseGoFileHeader("package p\nimport \"\\x66mt\"\n");
  EXPECT_EQ(Paths(h), (std::vector<std::string>{"fmt"}));
}

TEST(HeaderTest, ParseErrors) {
  GoFileHeader h = ParseGoFileHeader("package p\nimport (\n\t\"fmt\n)\n");
  EXPECT_EQ(h.package_name, "p");
  EXPECT_NE(h.parse_error, "");
  EXPECT_TRUE(h.imports.empty());

  h = ParseGoFileHeader("packag p\n");
  EXPECT_EQ(h.package_name, "");
  EXPECT_NE(h.parse_error, "");

  h = ParseGoFileHeader("package p import \"fmt\"\n");  // missing ';'
  EXPECT_NE(h.parse_error, "");

  h = ParseGoFileHeader("package p\nimport \"a b\"\n");  // invalid import path
  EXPECT_NE(h.parse_error, "");
}

TEST(HeaderTest, NulIsAReadError) {
  GoFileHeader h = ParseGoFileHeader(std::string("package p\x00", 10));
  EXPECT_EQ(h.read_error, "unexpected NUL in input");
}

TEST(HeaderTest, GarbageNeverCrashes) {
  std::mt19937 rng(42);
  for (int i = 0; i < 2000; i++) {
    std::string s(rng() % 300, '\0');
    for (char& c : s) c = static_cast<char>(rng() % 256);
    if (i % 3 == 0) s = "package p\nimport (" + s;
    if (i % 3 == 1) s = "package p\n/*" + s;
    GoFileHeader h = ParseGoFileHeader(s);
    (void)h;
  }
}

TEST(HeaderTest, MissingFileIsAReadError) {
  GoFileHeader h = ReadGoFileHeader("/nonexistent/x.go");
  EXPECT_NE(h.read_error.find("/nonexistent/x.go"), std::string::npos);
}

TEST(HeaderTest, Unquote) {
  std::string out;
  EXPECT_TRUE(UnquoteGoString("\"a\\tb\\u00e9\"", &out));
  EXPECT_EQ(out, "a\tb\xC3\xA9");
  EXPECT_TRUE(UnquoteGoString("`raw\\n`", &out));
  EXPECT_EQ(out, "raw\\n");
  EXPECT_FALSE(UnquoteGoString("\"bad\\q\"", &out));
  EXPECT_FALSE(UnquoteGoString("\"", &out));
}

}  // namespace
}  // namespace heapmap::load
