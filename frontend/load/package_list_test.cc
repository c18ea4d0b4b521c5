// frontend/load/package_list_test.cc — package lists read back: round trips of the
// loader's own output, order, the checks of a whole graph, and bad input of every kind.
#include "frontend/load/package_list.h"

#include <cstdlib>
#include <random>

#include "absl/strings/str_cat.h"
#include "frontend/load/load_testutil.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace heapmap::load {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string Json(const LoadResult& r) {
  std::string out;
  for (const Package& p : r.packages) out += PackageToJson(p);
  return out;
}

// One package object as `go list -json` would print it (fields in its order).
std::string Obj(const std::string& path, const std::vector<std::string>& imports = {},
                bool dep_only = false) {
  Package p;
  p.import_path = path;
  p.dir = "/src/" + path;
  p.name = path.substr(path.rfind('/') + 1);
  p.go_files = {p.name + ".go"};
  p.imports = imports;
  p.dep_only = dep_only;
  return PackageToJson(p);
}

// What the loader prints with -deps reads back as the same packages, byte for byte:
// GOPATH mode (vendoring, errors, an unresolved import) and module mode (main module,
// replacement, module cache, a missing module).
TEST(PackageListTest, RoundTripOfTheLoadersOwnOutput) {
  std::vector<std::pair<BuildContext, std::vector<std::string>>> loads = {
      {Ctx({{"GO111MODULE", "off"}, {"GOPATH", TestData() + "/gopath"}},
           TestData() + "/gopath/src"),
       {"example.com/...", "net", "cmd/go"}},
      {Ctx({{"GOMODCACHE", TestData() + "/gomodcache"}}, TestData() + "/mod"),
       {"./...", "example.com/replaced", "github.com/Upper/lib"}},
      {Ctx({{"GOMODCACHE", TestData() + "/gomodcache"}}, TestData() + "/work/a"), {"./..."}},
  };
  for (const auto& [ctx, patterns] : loads) {
    LoadResult loaded = Load(ctx, patterns, /*with_deps=*/true);
    std::string json = Json(loaded);
    ASSERT_GT(loaded.packages.size(), 3u);
    LoadResult read = ReadPackageList(json, "list.json");
    EXPECT_THAT(read.errors, IsEmpty());
    EXPECT_FALSE(read.fatal);
    EXPECT_EQ(Json(read), json);
    for (size_t i = 0; i < read.packages.size(); i++) {
      EXPECT_EQ(read.packages[i].module_path, loaded.packages[i].module_path);
      EXPECT_EQ(read.packages[i].incomplete, loaded.packages[i].incomplete);
    }
    // Without deps: the named packages only, as Load without deps names them.
    LoadResult named = ReadPackageList(json, "list.json", /*with_deps=*/false);
    std::vector<std::string> want;
    for (const Package& p : loaded.packages) {
      if (!p.dep_only) want.push_back(p.import_path);
    }
    EXPECT_EQ(Paths(named), want);
  }
}

TEST(PackageListTest, DependencyOrderKeepsAnOrderedListAsItIs) {
  std::string ordered =
      Obj("c", {}, true) + Obj("b", {"c"}, true) + Obj("x") + Obj("a", {"b", "c"});
  LoadResult r = ReadPackageList(ordered, "l");
  EXPECT_THAT(Paths(r), ElementsAre("c", "b", "x", "a"));
  EXPECT_TRUE(r.packages[0].dep_only);
  EXPECT_FALSE(r.packages[3].dep_only);
  // Importers first: each moves after its imports, depth first, imports in their order.
  r = ReadPackageList(
      Obj("a", {"b", "c"}) + Obj("x") + Obj("b", {"c"}, true) + Obj("c", {}, true), "l");
  EXPECT_THAT(Paths(r), ElementsAre("c", "b", "a", "x"));
  EXPECT_THAT(r.errors, IsEmpty());
  // Unknown fields (go list's Target, Stale, DepsErrors, ...) are skipped, nulls are empty.
  r = ReadPackageList(R"({"ImportPath": "p", "Target": "/x.a", "Stale": true, "Shlib": null,
      "DepsErrors": [{"ImportStack": ["a", "b"], "Pos": "", "Err": "x", "N": -1.5e+3}],
      "Module": {"Path": "m", "Time": "2020-01-01T00:00:00Z", "Replace": null},
      "GoFiles": null, "Imports": ["unsafe"], "ImportMap": {"u": "unsafe"}, "Error": null}
      {"ImportPath":"unsafe","Standard":true,"DepOnly":true})",
                      "l");
  EXPECT_THAT(r.errors, IsEmpty());
  EXPECT_THAT(Paths(r), ElementsAre("unsafe", "p"));
  EXPECT_EQ(r.packages[1].module_path, "m");
  EXPECT_EQ(r.packages[1].import_map.at("u"), "unsafe");
  EXPECT_FALSE(r.packages[1].error.has_value());
  EXPECT_TRUE(r.packages[0].standard);
}

// An import missing from the list is its importer's error, at the import; the importer's
// importers stay (the commands skip them), other packages are not touched.
TEST(PackageListTest, MissingImportIsTheImportersError) {
  std::string list = Obj("ok") + Obj("b", {"ok", "gone"}, true) + Obj("a", {"b"});
  LoadResult r = ReadPackageList(list, "pkgs.json");
  EXPECT_THAT(r.errors, IsEmpty());
  EXPECT_THAT(Paths(r), ElementsAre("ok", "b", "a"));
  const Package* b = Find(r, "b");
  ASSERT_TRUE(b->error.has_value());
  // "gone" is the second string of b's Imports: line 19 of the list, after two tabs.
  EXPECT_EQ(b->error->pos, "pkgs.json:19:3");
  EXPECT_EQ(b->error->err, "package gone is not in the package list (a list must hold every "
                           "import, as go list -deps prints it)");
  EXPECT_THAT(b->error->import_stack, ElementsAre("b", "gone"));
  EXPECT_FALSE(Find(r, "ok")->error.has_value());
  EXPECT_FALSE(Find(r, "a")->error.has_value());
  EXPECT_TRUE(Find(r, "a")->incomplete);
  EXPECT_EQ(PackageErrorText(*b->error), "pkgs.json:19:3: " + b->error->err);
  // "C" is cgo's, never a package.
  EXPECT_FALSE(ReadPackageList(Obj("c", {"C"}), "l").packages[0].error.has_value());
}

TEST(PackageListTest, DuplicateIsAnErrorOfTheFirst) {
  std::string list = Obj("a") + "\n" + Obj("b") + Obj("a", {"b"});
  LoadResult r = ReadPackageList(list, "l");
  EXPECT_THAT(Paths(r), ElementsAre("a", "b"));
  const Package* a = Find(r, "a");
  ASSERT_TRUE(a->error.has_value());
  EXPECT_EQ(a->error->pos, "l:18:1");
  EXPECT_EQ(a->error->err, "package a is listed twice (first at l:1:1)");
  EXPECT_FALSE(Find(r, "b")->error.has_value());
}

TEST(PackageListTest, ImportCycleIsAnErrorOfThePackageClosingIt) {
  LoadResult r = ReadPackageList(Obj("a", {"b"}) + Obj("b", {"c"}) + Obj("c", {"a"}) + Obj("d") +
                                     Obj("self", {"self"}),
                                 "l");
  EXPECT_THAT(Paths(r), ElementsAre("c", "b", "a", "d", "self"));
  const Package* a = Find(r, "a");
  ASSERT_TRUE(a->error.has_value());
  EXPECT_EQ(a->error->err, "import cycle not allowed");
  EXPECT_THAT(a->error->import_stack, ElementsAre("a", "b", "c", "a"));
  EXPECT_EQ(PackageErrorText(*a->error),
            "package a\n\timports b\n\timports c\n\timports a: import cycle not allowed");
  EXPECT_FALSE(Find(r, "b")->error.has_value());
  EXPECT_TRUE(Find(r, "b")->incomplete);
  EXPECT_FALSE(Find(r, "d")->error.has_value());
  EXPECT_THAT(Find(r, "self")->error->import_stack, ElementsAre("self", "self"));
}

TEST(PackageListTest, ErrorsOfTheListArePositioned) {
  // Malformed JSON ends the list; the packages before it are kept.
  LoadResult r = ReadPackageList(
      Obj("a") + "{\n\t\"ImportPath\": \"b\",\n\t\"GoFiles\": [\"x.go\" \"y.go\"]\n}",
      "pkgs.json");
  EXPECT_TRUE(r.fatal);
  EXPECT_THAT(r.errors,
              ElementsAre("pkgs.json:11:21: unexpected '\"', want ',' or ']' in an array"));
  EXPECT_THAT(Paths(r), ElementsAre("a"));
  // A value of the wrong type.
  r = ReadPackageList("{\"ImportPath\": \"a\", \"GoFiles\": 3}", "l");
  EXPECT_THAT(r.errors, ElementsAre("l:1:32: GoFiles: want an array of strings"));
  r = ReadPackageList("{\"ImportPath\": \"a\", \"DepOnly\": \"yes\"}", "l");
  EXPECT_THAT(r.errors, ElementsAre("l:1:32: DepOnly: want true or false"));
  r = ReadPackageList("[1, 2]", "l");
  EXPECT_THAT(r.errors, ElementsAre("l:1:1: unexpected '[', want an object"));
  // An object that is no package is skipped; the next one is read.
  r = ReadPackageList("{\"Dir\": \"/x\"}\n" + Obj("a"), "l");
  EXPECT_THAT(r.errors, ElementsAre("l:1:1: a package without ImportPath"));
  EXPECT_THAT(Paths(r), ElementsAre("a"));
  // Nothing named.
  r = ReadPackageList(Obj("a", {}, true), "l");
  EXPECT_THAT(r.errors, ElementsAre("warning: the package list l names no package (every one "
                                    "is DepOnly, or there is none)"));
  EXPECT_THAT(ReadPackageList("  \n", "l").errors, testing::SizeIs(1));
}

TEST(PackageListTest, Strings) {
  LoadResult r = ReadPackageList(
      "{\"ImportPath\": \"a\\u003cb\\\\\\\"\\/\\t\", "
      "\"Doc\": \"\\ud83d\\ude00 \\ud83d x \\udc00\", "
      "\"Dir\": \"\xff\xfe/\xc3\xa9\"}",
      "l");
  ASSERT_THAT(r.errors, IsEmpty());
  EXPECT_EQ(r.packages[0].import_path, "a<b\\\"/\t");
  EXPECT_EQ(r.packages[0].doc, "\xf0\x9f\x98\x80 \xef\xbf\xbd x \xef\xbf\xbd");
  EXPECT_EQ(r.packages[0].dir, "\xff\xfe/\xc3\xa9");  // bytes that are not UTF-8 kept
  for (const char* bad : {"{\"ImportPath\": \"a\nb\"}", "{\"ImportPath\": \"a\\x\"}",
                          "{\"ImportPath\": \"a\\u12\"}", "{\"ImportPath\": \"a",
                          "{\"ImportPath\" \"a\"}",
                          "{\"ImportPath\": nul}", "{\"ImportPath\": \"a\",}", "{\"X\": -}",
                          "{\"X\": 1.}", "{\"X\": tru}", "{ImportPath: 1}"}) {
    r = ReadPackageList(bad, "l");
    EXPECT_TRUE(r.fatal) << bad;
    EXPECT_THAT(r.errors, testing::SizeIs(1)) << bad;
    EXPECT_THAT(r.errors[0], testing::StartsWith("l:1:")) << bad;
  }
}

// No byte sequence crashes the reader: every prefix of a real list, random bytes, random
// edits of a list, deep nesting; and a long import chain is no deep recursion.
TEST(PackageListTest, AnyBytes) {
  LoadResult loaded = Load(Ctx({{"GOMODCACHE", TestData() + "/gomodcache"}}, TestData() + "/mod"),
                           {"./..."}, /*with_deps=*/true);
  std::string json = Json(loaded);
  for (size_t n = 0; n < json.size(); n++) {
    LoadResult r = ReadPackageList(std::string_view(json).substr(0, n), "l");
    EXPECT_LE(r.packages.size(), loaded.packages.size());
  }
  std::mt19937 rng(11);
  for (int i = 0; i < 2000; i++) {
    std::string bytes(rng() % 200, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    ReadPackageList(bytes, "l");
    std::string edited = json;
    for (int k = 0; k < 3; k++) edited[rng() % edited.size()] = "{}[]\",:\\ \nu0"[rng() % 13];
    ReadPackageList(edited, "l");
  }
  LoadResult deep = ReadPackageList("{\"X\": " + std::string(100000, '[') + "}", "l");
  EXPECT_THAT(deep.errors, ElementsAre("l:1:71: values nested deeper than 64 levels"));
  std::string chain;
  const int kChain = 200000;
  for (int i = 0; i < kChain; i++) {
    chain += absl::StrCat("{\"ImportPath\":\"p", i, "\",\"Imports\":[\"p", i + 1, "\"]}\n");
  }
  chain += absl::StrCat("{\"ImportPath\":\"p", kChain, "\"}");
  LoadResult r = ReadPackageList(chain, "l");
  ASSERT_EQ(r.packages.size(), static_cast<size_t>(kChain + 1));
  EXPECT_EQ(r.packages.front().import_path, absl::StrCat("p", kChain));
  EXPECT_EQ(r.packages.back().import_path, "p0");
}

TEST(PackageListTest, UnreadableFile) {
  LoadResult r = LoadPackageList("/nonexistent/pkgs.json");
  EXPECT_TRUE(r.fatal);
  EXPECT_THAT(r.errors, ElementsAre("cannot read the package list /nonexistent/pkgs.json: No "
                                    "such file or directory"));
  r = LoadPackageList("/");
  EXPECT_THAT(r.errors, ElementsAre("cannot read the package list /: Is a directory"));
}

}  // namespace
}  // namespace heapmap::load
