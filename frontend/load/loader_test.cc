// frontend/load/loader_test.cc — the loader over fake GOROOT, GOPATH and module trees
// (tests/testdata/load/).
#include "frontend/load/loader.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "frontend/load/load_testutil.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace heapmap::load {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

BuildContext GopathCtx(std::vector<std::string> tags = {}, std::string goos = "") {
  return Ctx({{"GO111MODULE", "off"}, {"GOPATH", TestData() + "/gopath"}},
             TestData() + "/gopath/src", std::move(tags), std::move(goos));
}

BuildContext ModCtx(const std::string& dir) {
  return Ctx({{"GOMODCACHE", TestData() + "/gomodcache"}}, TestData() + "/" + dir);
}

TEST(ContextTest, GorootErrorNamesFlagAndPackage) {
  ContextFlags flags;
  flags.goroot = "/nonexistent-goroot";
  auto ctx = MakeBuildContext(flags, {});
  ASSERT_FALSE(ctx.ok());
  EXPECT_THAT(std::string(ctx.status().message()), HasSubstr("--goroot"));
  EXPECT_THAT(std::string(ctx.status().message()), HasSubstr("golang-1.19-src"));
}

TEST(ContextTest, VersionAndDefaults) {
  BuildContext ctx = GopathCtx();
  EXPECT_EQ(ctx.go_minor_version, 19);
  EXPECT_EQ(ctx.goos, "linux");
  EXPECT_EQ(ctx.goarch, "amd64");
  EXPECT_FALSE(ctx.cgo_enabled);
  EXPECT_EQ(ctx.gomodcache, TestData() + "/gopath/pkg/mod");
}

TEST(GopathTest, FileSelection) {
  LoadResult r = Load(GopathCtx(), {"example.com/lib"});
  ASSERT_EQ(r.packages.size(), 1u);
  const Package& p = r.packages[0];
  EXPECT_EQ(p.name, "lib");
  EXPECT_EQ(p.dir, TestData() + "/gopath/src/example.com/lib");
  EXPECT_EQ(p.root, TestData() + "/gopath");
  EXPECT_FALSE(p.goroot);
  EXPECT_THAT(p.go_files, ElementsAre("late_plus_build.go", "lib.go", "lib_linux.go", "unix.go",
                                      "x_unix.go"));
  EXPECT_THAT(p.ignored_go_files, ElementsAre("cgo.go", "doc.go", "ignored.go",
                                              "lib_linux_arm64.go", "lib_windows.go",
                                              "tagged.go"));
  EXPECT_THAT(p.imports, ElementsAre("bytes", "errors", "fmt"));
  EXPECT_THAT(p.test_go_files, ElementsAre("lib_test.go"));
  EXPECT_THAT(p.xtest_go_files, ElementsAre("ext_test.go"));
  EXPECT_THAT(p.s_files, ElementsAre("asm_amd64.s"));
  EXPECT_EQ(p.doc, "Package lib exercises file selection.");
  EXPECT_FALSE(p.error.has_value()) << p.error->err;
}

TEST(GopathTest, TagsAndGoos) {
  LoadResult r = Load(GopathCtx({"heapmaptag"}), {"example.com/lib"});
  EXPECT_THAT(r.packages[0].go_files, testing::Contains("tagged.go"));
  r = Load(GopathCtx({}, "windows"), {"example.com/lib"});
  EXPECT_THAT(r.packages[0].go_files, ElementsAre("late_plus_build.go", "lib_windows.go",
                                                  "x_unix.go"));
}

TEST(GopathTest, VendorAndStdVendor) {
  LoadResult r = Load(GopathCtx(), {"example.com/app", "net", "cmd/go"});
  ASSERT_EQ(r.packages.size(), 3u);
  EXPECT_THAT(r.packages[0].imports,
              ElementsAre("example.com/app/vendor/example.com/dep", "example.com/lib", "fmt"));
  EXPECT_EQ(r.packages[0].doc, "Command app is a test program.");
  EXPECT_THAT(r.packages[1].imports, ElementsAre("errors", "vendor/golang.org/x/net/dns/dnsmessage"));
  EXPECT_TRUE(r.packages[1].standard);
  EXPECT_THAT(r.packages[1].ignored_go_files, ElementsAre("cgo_linux.go", "net_windows.go"));
  EXPECT_THAT(r.packages[2].imports, ElementsAre("cmd/vendor/golang.org/x/mod/modfile"));
}

TEST(GopathTest, MinimalModuleCompatibility) {
  LoadResult r = Load(GopathCtx(), {"example.com/modcompat"});
  EXPECT_THAT(r.packages[0].imports, ElementsAre("example.com/versioned"));
}

TEST(GopathTest, WildcardSkipsTestdataUnderscoreVendorAndEmpty) {
  LoadResult r = Load(GopathCtx(), {"example.com/..."});
  EXPECT_THAT(Paths(r), ElementsAre("example.com/app", "example.com/broken", "example.com/dep",
                                    "example.com/lib", "example.com/modcompat",
                                    "example.com/multi", "example.com/versioned"));
  EXPECT_THAT(r.errors, IsEmpty());
  r = Load(GopathCtx(), {"./example.com/lib/..."});
  EXPECT_THAT(Paths(r), ElementsAre("example.com/lib"));
  r = Load(GopathCtx(), {"std"});
  EXPECT_THAT(Paths(r), ElementsAre("bytes", "errors", "fmt", "net",
                                    "vendor/golang.org/x/net/dns/dnsmessage"));
  r = Load(GopathCtx(), {"cmd"});
  EXPECT_THAT(Paths(r), ElementsAre("cmd/go", "cmd/vendor/golang.org/x/mod/modfile"));
}

TEST(GopathTest, Errors) {
  LoadResult r = Load(GopathCtx(), {"example.com/multi", "example.com/broken",
                                    "example.com/onlyignored", "example.com/nope", "nothing/...",
                                    "example.com/dep", "example.com/lib"});
  EXPECT_THAT(r.errors, ElementsAre("warning: \"nothing/...\" matched no packages"));
  const Package* multi = Find(r, "example.com/multi");
  ASSERT_NE(multi, nullptr);
  EXPECT_THAT(multi->error->err, HasSubstr("found packages a (a.go) and b (b.go) in"));
  EXPECT_THAT(multi->go_files, ElementsAre("a.go", "b.go"));
  const Package* broken = Find(r, "example.com/broken");
  EXPECT_THAT(broken->go_files, ElementsAre("broken.go", "ok.go"));
  EXPECT_THAT(broken->invalid_go_files, ElementsAre("broken.go"));
  EXPECT_THAT(broken->error->pos, HasSubstr("broken.go:5:2"));
  EXPECT_THAT(Find(r, "example.com/onlyignored")->error->err,
              HasSubstr("build constraints exclude all Go files in"));
  EXPECT_THAT(Find(r, "example.com/nope")->error->err,
              HasSubstr("cannot find package \"example.com/nope\""));
  // An import that does not resolve is an error on the importer.
  const Package* dep = Find(r, "example.com/dep");
  EXPECT_THAT(dep->error->err, HasSubstr("this/does/not/exist"));
  EXPECT_THAT(dep->error->pos, HasSubstr("dep.go:3:8"));
  EXPECT_FALSE(Find(r, "example.com/lib")->error.has_value());
}

TEST(GopathTest, CommandLineFiles) {
  std::string dir = TestData() + "/gopath/src/example.com/lib";
  LoadResult r = Load(GopathCtx(), {dir + "/lib.go", dir + "/lib_windows.go", dir + "/unix.go"});
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].import_path, "command-line-arguments");
  EXPECT_THAT(r.packages[0].go_files, ElementsAre("lib.go", "unix.go"));
  EXPECT_THAT(r.packages[0].ignored_go_files, ElementsAre("lib_windows.go"));
}

TEST(GopathTest, BadFilesDoNotStopTheRest) {
  char tmpl[] = "/tmp/heapmap_load_testXXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  std::ofstream(dir + "/a.go") << "package p\nimport \"fmt\"\n";
  std::ofstream(dir + "/nul.go") << std::string("package p\x00\x01\x02", 12);
  std::string garbage;
  for (int i = 0; i < 4096; i++) garbage.push_back(static_cast<char>((i * 7919) % 251 + 1));
  std::ofstream(dir + "/garbage.go") << garbage;
  LoadResult r = Load(GopathCtx(), {dir});
  ASSERT_EQ(r.packages.size(), 1u);
  const Package& p = r.packages[0];
  EXPECT_EQ(p.import_path, "_" + dir);
  EXPECT_THAT(p.go_files, testing::Contains("a.go"));
  EXPECT_THAT(p.invalid_go_files, testing::Contains("nul.go"));
  EXPECT_TRUE(p.error.has_value());
  EXPECT_THAT(p.imports, ElementsAre("fmt"));
  std::string json = PackageToJson(p);
  EXPECT_THAT(json, HasSubstr("\"ImportPath\": "));
  std::remove((dir + "/a.go").c_str());
  std::remove((dir + "/nul.go").c_str());
  std::remove((dir + "/garbage.go").c_str());
  ::rmdir(dir.c_str());
}

TEST(GopathTest, LocalImportsResolveBesideTheImporterAndAreMapped) {
  // run.go's .dir tests: `import "./p"` outside GOPATH names the directory p beside the
  // importer; ImportMap records the path as written.
  char tmpl[] = "/tmp/heapmap_load_testXXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  ASSERT_EQ(::mkdir((dir + "/p").c_str(), 0755), 0);
  std::ofstream(dir + "/q.go") << "package q\nimport \"./p\"\nvar _ = p.F\n";
  std::ofstream(dir + "/p/p.go") << "package p\nfunc F() {}\n";
  LoadResult r = Load(GopathCtx(), {dir}, /*with_deps=*/true);
  const Package* q = Find(r, "_" + dir);
  ASSERT_NE(q, nullptr);
  EXPECT_FALSE(q->error.has_value());
  EXPECT_THAT(q->imports, ElementsAre("_" + dir + "/p"));
  EXPECT_EQ(q->import_map.at("./p"), "_" + dir + "/p");
  EXPECT_NE(Find(r, "_" + dir + "/p"), nullptr);
  EXPECT_THAT(PackageToJson(*q), HasSubstr("\"ImportMap\": {\n\t\t\"./p\": \"_" + dir + "/p\"\n\t}"));
  std::remove((dir + "/q.go").c_str());
  std::remove((dir + "/p/p.go").c_str());
  ::rmdir((dir + "/p").c_str());
  ::rmdir(dir.c_str());
}

TEST(ModTest, ResolvesReplaceCacheAndMissing) {
  LoadResult r = Load(ModCtx("mod"), {"./...", "example.com/replaced", "github.com/Upper/lib",
                                      "fmt"});
  EXPECT_FALSE(r.fatal);
  EXPECT_THAT(Paths(r), ElementsAre("example.com/m", "example.com/m/sub", "example.com/replaced",
                                    "github.com/Upper/lib", "fmt"));
  const Package* m = Find(r, "example.com/m");
  EXPECT_THAT(m->imports, ElementsAre("example.com/missing/pkg", "example.com/replaced", "fmt",
                                      "github.com/Upper/lib"));
  ASSERT_TRUE(m->error.has_value());
  EXPECT_THAT(m->error->err, HasSubstr("example.com/missing@v0.1.0"));
  EXPECT_THAT(m->error->pos, HasSubstr("m.go:4:2"));
  ASSERT_TRUE(m->module.has_value());
  EXPECT_TRUE(m->module->main);
  EXPECT_EQ(m->module->go_version, "1.17");
  const Package* rep = Find(r, "example.com/replaced");
  EXPECT_EQ(rep->dir, TestData() + "/mod/replaced");
  EXPECT_EQ(rep->module->replace_path, "./replaced");
  EXPECT_FALSE(rep->error.has_value());
  const Package* up = Find(r, "github.com/Upper/lib");
  EXPECT_EQ(up->dir, TestData() + "/gomodcache/github.com/!upper/lib@v1.2.0");
  EXPECT_EQ(up->module->version, "v1.2.0");
  EXPECT_THAT(up->imports, ElementsAre("fmt"));
  EXPECT_FALSE(up->error.has_value());
  EXPECT_TRUE(Find(r, "fmt")->standard);
}

TEST(ModTest, NotProvidedAndAll) {
  LoadResult r = Load(ModCtx("mod"), {"example.com/unknown", "example.com/m/nested", "all"});
  EXPECT_THAT(r.packages[0].error->err, HasSubstr("no required module provides package"));
  EXPECT_TRUE(r.packages[1].error.has_value());  // nested module is not in the build list
  EXPECT_NE(Find(r, "github.com/Upper/lib"), nullptr);
  EXPECT_NE(Find(r, "errors"), nullptr);  // fmt's import, in "all"
}

TEST(ModTest, WithDepsIsDependencyOrder) {
  LoadResult r = Load(ModCtx("mod"), {"example.com/m/sub"}, /*with_deps=*/true);
  std::vector<std::string> paths = Paths(r);
  ASSERT_FALSE(paths.empty());
  EXPECT_EQ(paths.back(), "example.com/m/sub");
  auto pos = [&](const std::string& s) {
    return std::find(paths.begin(), paths.end(), s) - paths.begin();
  };
  EXPECT_LT(pos("errors"), pos("fmt"));
  EXPECT_LT(pos("fmt"), pos("example.com/m"));
  EXPECT_TRUE(Find(r, "fmt")->dep_only);
  EXPECT_FALSE(Find(r, "example.com/m/sub")->dep_only);
}

TEST(ModTest, Vendor) {
  LoadResult r = Load(ModCtx("modvendor"), {"./...", "example.com/dep/sub"});
  ASSERT_EQ(r.packages.size(), 2u);
  EXPECT_THAT(r.packages[0].imports, ElementsAre("example.com/dep/sub"));
  EXPECT_FALSE(r.packages[0].error.has_value());
  EXPECT_EQ(r.packages[1].dir, TestData() + "/modvendor/vendor/example.com/dep/sub");
  EXPECT_EQ(r.packages[1].module_path, "example.com/dep");
}

TEST(ModTest, StdVendorInModuleMode) {
  LoadResult r = Load(ModCtx("mod"), {"net", "cmd/go"});
  EXPECT_THAT(r.packages[0].imports, ElementsAre("errors", "vendor/golang.org/x/net/dns/dnsmessage"));
  EXPECT_THAT(r.packages[1].imports, ElementsAre("cmd/vendor/golang.org/x/mod/modfile"));
}

TEST(ModTest, BrokenGoModIsOneErrorAndStdStillLoads) {
  LoadResult r = Load(ModCtx("badmod"), {"fmt", "./..."});
  EXPECT_TRUE(r.fatal);
  ASSERT_FALSE(r.errors.empty());
  EXPECT_THAT(r.errors[0], HasSubstr("badmod/go.mod:5: usage: require module/path v1.2.3"));
  EXPECT_THAT(r.errors[0], HasSubstr("badmod/go.mod:6: unknown directive: frobnicate"));
  const Package* fmt = Find(r, "fmt");
  ASSERT_NE(fmt, nullptr);
  EXPECT_FALSE(fmt->error.has_value());
}

// --- Workspaces (tests/testdata/load/work: go.work uses a, a/inner, b and c; its
// replacement of example.com/ext wins over c's go.mod's). ---

BuildContext WorkCtx(const std::string& dir, std::map<std::string, std::string> env = {}) {
  env.emplace("GOMODCACHE", TestData() + "/gomodcache");
  return Ctx(std::move(env), TestData() + "/work" + (dir.empty() ? "" : "/" + dir));
}

// A temporary tree of files (path -> contents), removed by the destructor.
class TempTree {
 public:
  explicit TempTree(const std::map<std::string, std::string>& files) {
    char tmpl[] = "/tmp/heapmap_load_testXXXXXX";
    EXPECT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    for (const auto& [path, text] : files) {
      std::filesystem::create_directories(std::filesystem::path(dir_ + "/" + path).parent_path());
      std::ofstream(dir_ + "/" + path) << text;
    }
  }
  ~TempTree() { std::filesystem::remove_all(dir_); }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

TEST(WorkspaceTest, UsedModulesAreMainModules) {
  LoadResult r = Load(WorkCtx("a"), {"./...", "example.com/c"}, /*with_deps=*/true);
  EXPECT_FALSE(r.fatal);
  EXPECT_THAT(r.errors, IsEmpty());
  std::vector<std::string> named;
  for (const Package& p : r.packages) {
    // (The fake GOROOT has no runtime, which a main package imports implicitly.)
    if (p.import_path != "runtime") {
      EXPECT_FALSE(p.error.has_value()) << p.import_path << ": " << p.error->err;
    }
    if (!p.dep_only) named.push_back(p.import_path);
  }
  // ./... in module a: its packages, not those of the module nested in it.
  EXPECT_THAT(named, ElementsAre("example.com/c", "example.com/a", "example.com/a/cmd/tool"));
  const Package* a = Find(r, "example.com/a");
  EXPECT_THAT(a->imports, ElementsAre("example.com/a/inner", "example.com/b", "fmt"));
  // Every used module is a main module, the nested one too (the longest module path).
  for (const char* path :
       {"example.com/a", "example.com/a/inner", "example.com/b", "example.com/c"}) {
    const Package* p = Find(r, path);
    ASSERT_NE(p, nullptr) << path;
    ASSERT_TRUE(p->module.has_value()) << path;
    EXPECT_TRUE(p->module->main) << path;
    EXPECT_FALSE(p->module->indirect) << path;
    EXPECT_EQ(p->module->path, path);
  }
  EXPECT_EQ(Find(r, "example.com/a/inner")->dir, TestData() + "/work/a/inner");
  EXPECT_EQ(Find(r, "example.com/a/inner")->module->dir, TestData() + "/work/a/inner");
  // go.work's replacement wins over c's go.mod (../ext-old); printed as go.work writes it.
  const Package* ext = Find(r, "example.com/ext");
  EXPECT_EQ(ext->dir, TestData() + "/work/ext");
  EXPECT_EQ(ext->module->version, "v1.0.0");
  EXPECT_EQ(ext->module->replace_path, "./ext");
  EXPECT_EQ(ext->module->replace_dir, TestData() + "/work/ext");
  EXPECT_TRUE(ext->module->indirect);  // no requirement is direct in a workspace
  EXPECT_THAT(PackageToJson(*ext), HasSubstr("\t\t},\n\t\t\"Indirect\": true,\n\t\t\"Dir\": "));
  auto pos = [&](const std::string& s) {
    std::vector<std::string> paths = Paths(r);
    return std::find(paths.begin(), paths.end(), s) - paths.begin();
  };
  EXPECT_LT(pos("example.com/ext"), pos("example.com/c"));
  EXPECT_LT(pos("example.com/b"), pos("example.com/a"));
}

TEST(WorkspaceTest, FromTheWorkspaceRoot) {
  LoadResult r = Load(WorkCtx(""), {"all"});
  for (const char* path : {"example.com/a", "example.com/a/cmd/tool", "example.com/a/inner",
                           "example.com/b", "example.com/c", "example.com/ext", "errors", "fmt"}) {
    EXPECT_NE(Find(r, path), nullptr) << path;
  }
  EXPECT_EQ(Find(r, "example.com/ext-old"), nullptr);
  r = Load(WorkCtx(""), {"example.com/a/inner", "./b"});
  EXPECT_THAT(Paths(r), ElementsAre("example.com/a/inner", "example.com/b"));
  EXPECT_FALSE(r.packages[0].error.has_value());
  EXPECT_FALSE(r.packages[1].error.has_value());
  // The root is in no module: ./... there matches nothing (modload.matchLocalDirs).
  r = Load(WorkCtx(""), {"./...", "fmt"});
  EXPECT_TRUE(r.fatal);
  EXPECT_THAT(r.errors, ElementsAre("pattern ./...: directory prefix . does not contain modules "
                                    "listed in go.work or their selected dependencies"));
  EXPECT_THAT(Paths(r), ElementsAre("fmt"));
  // A module the workspace does not use.
  r = Load(WorkCtx(""), {"./ext-old"});
  ASSERT_TRUE(r.packages[0].error.has_value());
  EXPECT_EQ(r.packages[0].error->err,
            "directory ext-old is contained in a module that is not one of the workspace modules "
            "listed in go.work. You can add the module to the workspace using go work use ext-old");
}

TEST(WorkspaceTest, Gowork) {
  // GOWORK=off: module a alone, which requires nothing.
  LoadResult r = Load(WorkCtx("a", {{"GOWORK", "off"}}), {"."});
  ASSERT_TRUE(r.packages[0].error.has_value());
  EXPECT_THAT(r.packages[0].error->err,
              HasSubstr("no required module provides package example.com/a/inner"));
  // GOWORK names the file, from anywhere.
  r = Load(Ctx({{"GOWORK", TestData() + "/work/go.work"}}, TestData() + "/gopath"),
           {"example.com/b"}, /*with_deps=*/true);
  EXPECT_THAT(r.errors, IsEmpty());
  EXPECT_TRUE(Find(r, "example.com/b")->module->main);
  EXPECT_FALSE(Find(r, "example.com/c")->error.has_value());
  // It must be absolute.
  ContextFlags flags;
  flags.work_dir = TestData() + "/work";
  auto ctx = MakeBuildContext(flags, {{"GOROOT", TestData() + "/goroot"}, {"GOWORK", "go.work"}});
  ASSERT_FALSE(ctx.ok());
  EXPECT_THAT(std::string(ctx.status().message()),
              HasSubstr("GOWORK=go.work: the path provided to GOWORK must be an absolute path"));
}

TEST(WorkspaceTest, GoModReplacementsAreRelativeToTheWorkspaceAndMustAgree) {
  TempTree t({{"go.work", "go 1.18\n\nuse ./m\nuse ./n\n"},
              {"m/go.mod", "module example.com/m\n\ngo 1.18\n\nrequire example.com/x v1.0.0\n\n"
                           "replace example.com/x => ../x\n"},
              {"m/m.go", "package m\n\nimport _ \"example.com/x\"\n"},
              {"n/go.mod", "module example.com/n\n\ngo 1.18\n"},
              {"n/n.go", "package n\n"},
              {"x/go.mod", "module example.com/x\n\ngo 1.18\n"},
              {"x/x.go", "package x\n"}});
  LoadResult r = Load(Ctx({}, t.dir() + "/m"), {"."}, /*with_deps=*/true);
  EXPECT_THAT(r.errors, IsEmpty());
  const Package* x = Find(r, "example.com/x");
  ASSERT_NE(x, nullptr);
  EXPECT_FALSE(x->error.has_value());
  EXPECT_EQ(x->module->replace_path, "x");  // relative to the go.work's directory
  EXPECT_EQ(x->module->replace_dir, t.dir() + "/x");

  std::ofstream(t.dir() + "/n/go.mod")
      << "module example.com/n\n\ngo 1.18\n\nreplace example.com/x => ./x2\n";
  r = Load(Ctx({}, t.dir() + "/m"), {"."});
  EXPECT_TRUE(r.fatal);
  EXPECT_THAT(r.errors,
              ElementsAre("go: conflicting replacements for example.com/x:\n\t" + t.dir() +
                          "/x\n\t" + t.dir() + "/n/x2\nuse \"go work edit -replace "
                          "example.com/x=[override]\" to resolve"));
}

TEST(WorkspaceTest, BrokenGoWorkIsPositionedAndStdStillLoads) {
  TempTree t({{"go.work", "go 1.x\n\nuse ./m\nfrob x\nuse (\n\t./m\n)\n"},
              {"m/go.mod", "module example.com/m\n\ngo 1.18\n"},
              {"m/m.go", "package m\n"}});
  LoadResult r = Load(Ctx({}, t.dir() + "/m"), {"fmt", "."});
  EXPECT_TRUE(r.fatal);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "reading go.work: " + t.dir() + "/go.work:1: invalid go version '1.x': "
                         "must match format 1.23\n" +
                         t.dir() + "/go.work:4: unknown directive: frob");
  EXPECT_FALSE(Find(r, "fmt")->error.has_value());
  EXPECT_TRUE(r.packages[1].error.has_value());

  std::filesystem::create_directories(t.dir() + "/nomod");
  std::ofstream(t.dir() + "/go.work")
      << "go 1.18\n\nuse ./m\nuse ./nomod\nuse ./gone\nuse (\n\t./m/\n)\n"
         "replace example.com/m => ./n\n";
  r = Load(Ctx({}, t.dir() + "/m"), {"."});
  ASSERT_EQ(r.errors.size(), 1u);
  std::string w = t.dir() + "/go.work:";
  EXPECT_EQ(r.errors[0], "reading go.work: " + w + "4: use ./nomod: no go.mod file in " + t.dir() +
                         "/nomod\n" + w + "5: use ./gone: directory " + t.dir() +
                         "/gone does not exist\n" + w + "7: path " + t.dir() +
                         "/m appears multiple times in workspace\n" + w + "9: workspace module "
                         "example.com/m is replaced at all versions in the go.work file. To fix, "
                         "remove the replacement from the go.work file or specify the version at "
                         "which to replace the module.");
  EXPECT_THAT(r.packages[0].error->err, HasSubstr("outside"));

  // A used module's broken go.mod is reported as go.mod errors are.
  std::ofstream(t.dir() + "/go.work") << "go 1.18\nuse ./m\n";
  std::ofstream(t.dir() + "/m/go.mod") << "module example.com/m\nrequire x\n";
  r = Load(Ctx({}, t.dir() + "/m"), {"."});
  EXPECT_THAT(r.errors, ElementsAre("go: errors parsing go.mod:\n" + t.dir() +
                                    "/m/go.mod:2: usage: require module/path v1.2.3"));
}

TEST(JsonTest, LayoutFollowsGoList) {
  Package p;
  p.dir = "/d";
  p.import_path = "a/b";
  p.name = "b";
  p.goroot = true;
  p.standard = true;
  p.go_files = {"x.go"};
  p.imports = {"fmt", "a<b"};
  p.error = PackageError{"", "bad \"thing\""};
  EXPECT_EQ(PackageToJson(p),
            "{\n\t\"Dir\": \"/d\",\n\t\"ImportPath\": \"a/b\",\n\t\"Name\": \"b\",\n"
            "\t\"Goroot\": true,\n\t\"Standard\": true,\n\t\"Incomplete\": true,\n"
            "\t\"GoFiles\": [\n\t\t\"x.go\"\n\t],\n"
            "\t\"Imports\": [\n\t\t\"fmt\",\n\t\t\"a\\u003cb\"\n\t],\n"
            "\t\"Error\": {\n\t\t\"ImportStack\": [],\n\t\t\"Pos\": \"\",\n"
            "\t\t\"Err\": \"bad \\\"thing\\\"\"\n\t}\n}\n");
}

// Imports become indices, each once; paths outside the result and self-imports are left out.
TEST(ImportIndices, IndicesOfLoadedImports) {
  LoadResult r;
  r.packages.resize(3);
  r.packages[0].import_path = "a";
  r.packages[1].import_path = "b";
  r.packages[1].imports = {"a", "missing", "a", "b"};
  r.packages[2].import_path = "c";
  r.packages[2].imports = {"b", "a"};
  std::vector<std::vector<size_t>> got = ImportIndices(r);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_TRUE(got[0].empty());
  EXPECT_EQ(got[1], std::vector<size_t>({0}));
  EXPECT_EQ(got[2], std::vector<size_t>({1, 0}));
}

// An import is found by its resolved path, by the path a vendored package is written
// with, and by the ImportMap's written path.
TEST(ImportPaths, ResolvedVendoredAndMappedPaths) {
  LoadResult r;
  r.packages.resize(3);
  r.packages[0].import_path = "vendor/golang.org/x/net/dns";
  r.packages[1].import_path = "example.com/m/local";
  r.packages[2].import_path = "example.com/m";
  r.packages[2].imports = {"vendor/golang.org/x/net/dns", "example.com/m/local"};
  r.packages[2].import_map = {{"./local", "example.com/m/local"}};
  absl::flat_hash_map<std::string, size_t> paths = ImportPaths(r, 2, ImportIndices(r)[2]);
  EXPECT_EQ(paths.size(), 4u);
  EXPECT_EQ(paths["vendor/golang.org/x/net/dns"], 0u);
  EXPECT_EQ(paths["golang.org/x/net/dns"], 0u);
  EXPECT_EQ(paths["example.com/m/local"], 1u);
  EXPECT_EQ(paths["./local"], 1u);
}

TEST(StripMajorVersions, DropsMajorVersionElementsAfterTheFirst) {
  EXPECT_EQ(StripMajorVersions("github.com/a/b/v2/c"), "github.com/a/b/c");
  EXPECT_EQ(StripMajorVersions("github.com/a/b/v3"), "github.com/a/b");
  EXPECT_EQ(StripMajorVersions("github.com/a/b/v1"), "github.com/a/b/v1");
  EXPECT_EQ(StripMajorVersions("v2/x"), "v2/x");
  EXPECT_EQ(StripMajorVersions("a/v2x/b"), "a/v2x/b");
}

}  // namespace
}  // namespace heapmap::load
