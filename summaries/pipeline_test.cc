// summaries/pipeline_test.cc — file names as `go build` prints them; packages read from
// export data in place of their source.
#include "summaries/pipeline.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "frontend/export/export.h"
#include "gtest/gtest.h"

namespace heapmap::summaries {
namespace {

TEST(DisplayNameTest, PackageDirectoryRelativeToTheCurrentOneWhenShorter) {
  EXPECT_EQ(DisplayName("/w/t/x.go", "/w/t"), "./x.go");
  EXPECT_EQ(DisplayName("/w/t/p/x.go", "/w/t"), "p/x.go");
  EXPECT_EQ(DisplayName("/usr/lib/go/src/io/io.go", "/usr/lib/go/src/net"), "../io/io.go");
  // Not shorter: absolute, as base.ShortPath.
  EXPECT_EQ(DisplayName("/usr/lib/go/src/io/io.go", "/work/a/b/c"), "/usr/lib/go/src/io/io.go");
  EXPECT_EQ(DisplayName("/w/t/x.go", ""), "/w/t/x.go");
  EXPECT_EQ(DisplayName("rel/x.go", "/w"), "rel/x.go");
}

// c <- a <- b: b uses a type of c through a (an indirect import in a's export data).
load::LoadResult ThreePackages(const std::string& dir) {
  auto pkg = [&](const std::string& name, const std::string& src,
                 std::vector<std::string> imports) {
    load::Package p;
    p.import_path = "example.com/" + name;
    p.name = name;
    p.dir = dir + "/" + name;
    std::string mk = "mkdir -p " + p.dir;
    EXPECT_EQ(std::system(mk.c_str()), 0);
    std::ofstream(p.dir + "/" + name + ".go") << src;
    p.go_files = {name + ".go"};
    p.imports = std::move(imports);
    return p;
  };
  load::LoadResult r;
  r.packages.push_back(pkg("c", "package c\n\ntype T struct{ X int }\n", {}));
  r.packages.push_back(pkg("a", "package a\n\nimport \"example.com/c\"\n\n"
                                "func F() c.T { return c.T{} }\n\nconst K = 1 << 70\n",
                           {"example.com/c"}));
  r.packages.push_back(pkg("b", "package b\n\nimport \"example.com/a\"\n\n"
                                "var V = a.F().X + a.K>>69\n",
                           {"example.com/a"}));
  return r;
}

TEST(ParseCheckTest, PackagesReadFromExportDataAreNotParsed) {
  std::string dir = ::testing::TempDir() + "/pipeline_export";
  load::LoadResult loaded = ThreePackages(dir);
  TypedProgram source = ParseCheck(loaded, {});
  ASSERT_TRUE(source.packages[2]->errors.empty());
  const std::string data = exportdata::WriteExportData(*source.packages[1]->types_pkg);

  for (const std::string& given : {data, std::string("not export data")}) {
    const bool good = given == data;
    TypecheckOptions options;
    options.keep_info = true;
    options.export_data = [&given](size_t i) -> std::string_view {
      return i == 1 ? std::string_view(given) : std::string_view();
    };
    std::vector<bool> seen_from_export(3, false);
    options.on_checked = [&](CheckedPackage& p, const TypedProgram&) {
      seen_from_export[p.index] = p.from_export;
    };
    TypedProgram prog = ParseCheck(loaded, options);
    const CheckedPackage& a = *prog.packages[1];
    EXPECT_TRUE(a.checked);
    EXPECT_EQ(a.from_export, good);
    EXPECT_EQ(seen_from_export[1], good);
    EXPECT_EQ(a.files.empty(), good);  // its source is parsed only when the data is bad
    EXPECT_EQ(a.info == nullptr, good);
    const CheckedPackage& b = *prog.packages[2];
    EXPECT_TRUE(b.checked);
    EXPECT_TRUE(b.errors.empty()) << b.errors.size();
    EXPECT_EQ(prog.checked, 3u);
  }
}

// Memory: a package's checker types replaced, in on_checked, by those read back from its
// export data; its importers are checked against the copy. A package whose check recorded
// instances in the shared context keeps its own.
TEST(ParseCheckTest, TypesReplacedByTheirExportData) {
  std::string dir = ::testing::TempDir() + "/pipeline_replace";
  load::LoadResult loaded = ThreePackages(dir);
  // d instantiates a generic of its own: the context may point into its arena.
  load::Package d;
  d.import_path = "example.com/d";
  d.name = "d";
  d.dir = dir + "/d";
  ASSERT_EQ(std::system(("mkdir -p " + d.dir).c_str()), 0);
  std::ofstream(d.dir + "/d.go") << "package d\n\ntype L[T any] struct{ v T }\n\nvar X L[int]\n";
  d.go_files = {"d.go"};
  loaded.packages.insert(loaded.packages.begin(), d);
  std::vector<const types::Package*> before(4, nullptr);
  std::vector<bool> replaced(4, false);
  TypecheckOptions options;
  options.on_checked = [&](CheckedPackage& p, const TypedProgram& prog) {
    before[p.index] = p.types_pkg;
    p.info.reset();
    const std::string data = exportdata::WriteExportData(*p.types_pkg);
    replaced[p.index] =
        ReplaceTypesWithExportData(prog, p, data, [](types::Package*) { return true; });
  };
  TypedProgram prog = ParseCheck(loaded, options);
  EXPECT_FALSE(replaced[0]);  // d: an instance in the context
  EXPECT_EQ(prog.packages[0]->types_pkg, before[0]);
  for (size_t i : {1, 2, 3}) {
    EXPECT_TRUE(replaced[i]) << i;
    EXPECT_NE(prog.packages[i]->types_pkg, before[i]);
    EXPECT_TRUE(prog.packages[i]->errors.empty()) << i;
  }
  // b was checked against a's copy, which names c's (replaced) types.
  EXPECT_EQ(prog.packages[3]->types_pkg->imports().at(0), prog.packages[2]->types_pkg);
  // `adopt` refusing keeps the checker's types.
  TypecheckOptions refuse;
  refuse.on_checked = [&](CheckedPackage& p, const TypedProgram& prog) {
    p.info.reset();
    const std::string data = exportdata::WriteExportData(*p.types_pkg);
    const types::Package* old = p.types_pkg;
    EXPECT_FALSE(ReplaceTypesWithExportData(prog, p, data, [](types::Package*) { return false; }));
    EXPECT_EQ(p.types_pkg, old);
  };
  ParseCheck(loaded, refuse);
}

}  // namespace
}  // namespace heapmap::summaries
