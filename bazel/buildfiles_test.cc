// bazel/buildfiles_test.cc — the workspace written for loaded packages.
#include "bazel/buildfiles.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace heapmap::bazel {
namespace {

load::Package Pkg(std::string path, std::string dir, std::vector<std::string> files,
                  std::vector<std::string> imports, bool dep_only) {
  load::Package p;
  p.import_path = std::move(path);
  p.name = p.import_path.substr(p.import_path.rfind('/') + 1);
  p.dir = std::move(dir);
  p.go_files = std::move(files);
  p.imports = std::move(imports);
  p.dep_only = dep_only;
  return p;
}

// A module at /t: example.com/m/b (named) imports example.com/m/a (named, the module's
// root package), fmt (from GOROOT: outside the tree) and unsafe.
load::LoadResult Program() {
  load::LoadResult r;
  r.packages.push_back(Pkg("unsafe", "/go/src/unsafe", {"unsafe.go"}, {}, true));
  r.packages.push_back(Pkg("fmt", "/go/src/fmt", {"print.go"}, {}, true));
  r.packages.push_back(Pkg("example.com/m", "/t", {"m.go"}, {"fmt"}, false));
  r.packages.push_back(
      Pkg("example.com/m/b", "/t/b", {"b.go", "c.go"}, {"example.com/m", "fmt", "unsafe"}, false));
  return r;
}

std::map<std::string, WorkspaceFile> ByPath(const std::vector<WorkspaceFile>& files) {
  std::map<std::string, WorkspaceFile> out;
  for (const WorkspaceFile& f : files) out[f.path] = f;
  return out;
}

WorkspaceOptions Options() {
  WorkspaceOptions o;
  o.tree = "/t";
  o.mode = "-m -l";
  o.heapmap = "/bin/heapmap";
  return o;
}

TEST(WorkspaceFilesTest, MirrorsTheTreeAndPutsOtherPackagesUnderDeps) {
  absl::StatusOr<Workspace> ws = MakeWorkspace(Program(), Options());
  ASSERT_TRUE(ws.ok()) << ws.status();
  EXPECT_TRUE(ws->left_out.empty());
  std::map<std::string, WorkspaceFile> f = ByPath(ws->files);
  // Sources are links to the tree's files, at their paths below the tree.
  ASSERT_TRUE(f.count("b/b.go"));
  EXPECT_TRUE(f["b/b.go"].symlink);
  EXPECT_EQ(f["b/b.go"].contents, "/t/b/b.go");
  EXPECT_EQ(f["m.go"].contents, "/t/m.go");
  EXPECT_EQ(f["_deps/fmt/print.go"].contents, "/go/src/fmt/print.go");
  EXPECT_EQ(f["_heapmap/heapmap"].contents, "/bin/heapmap");
  EXPECT_TRUE(f["_heapmap/heapmap"].symlink);
  EXPECT_NE(f["_heapmap/defs.bzl"].contents.find("heapmap_aspect"), std::string::npos);
  EXPECT_EQ(f.count("_deps/unsafe/BUILD.bazel") + f.count("_deps/unsafe/unsafe.go"), 0u);

  const std::string& b = f["b/BUILD.bazel"].contents;
  EXPECT_NE(b.find("importpath = \"example.com/m/b\""), std::string::npos) << b;
  EXPECT_NE(b.find("srcs = [\n        \"b.go\",\n        \"c.go\",\n    ]"), std::string::npos) << b;
  // Imports in order, unsafe left out (it has no target).
  EXPECT_NE(b.find("deps = [\n        \"//:pkg\",\n        \"//_deps/fmt:pkg\",\n    ]"),
            std::string::npos) << b;
  EXPECT_EQ(b.find("dependency = True"), std::string::npos) << b;
  EXPECT_NE(f["_deps/fmt/BUILD.bazel"].contents.find("dependency = True"), std::string::npos);

  // The root: the named packages in load order, the rules in the mode given, and the
  // module's root package.
  const std::string& root = f["BUILD.bazel"].contents;
  EXPECT_NE(root.find("NAMED = [\n    \"//:pkg\",\n    \"//b:pkg\",\n]"), std::string::npos) << root;
  EXPECT_NE(root.find("heapmap_escape(\n    name = \"escape\",\n    packages = NAMED,\n    mode = \"-m -l\",\n)"),
            std::string::npos) << root;
  EXPECT_NE(root.find("importpath = \"example.com/m\""), std::string::npos) << root;
  EXPECT_TRUE(f.count("WORKSPACE"));
}

TEST(WorkspaceFilesTest, SameInputSameFiles) {
  auto one = MakeWorkspace(Program(), Options());
  auto two = MakeWorkspace(Program(), Options());
  ASSERT_TRUE(one.ok() && two.ok());
  ASSERT_EQ(one->files.size(), two->files.size());
  for (size_t i = 0; i < one->files.size(); ++i) {
    EXPECT_EQ(one->files[i].path, two->files[i].path);
    EXPECT_EQ(one->files[i].contents, two->files[i].contents);
  }
}

TEST(WorkspaceFilesTest, LeavesOutBrokenPackagesAndTheirImporters) {
  load::LoadResult broken = Program();
  broken.packages[2].error = load::PackageError{"m.go:3:1", "expected 'package'"};
  absl::StatusOr<Workspace> ws = MakeWorkspace(broken, Options());
  ASSERT_TRUE(ws.ok()) << ws.status();
  EXPECT_THAT(ws->left_out,
              ::testing::ElementsAre("example.com/m: m.go:3:1: expected 'package'",
                                     "example.com/m/b: left out: it imports example.com/m, "
                                     "which is left out"));
  std::map<std::string, WorkspaceFile> f = ByPath(ws->files);
  EXPECT_EQ(f.count("b/BUILD.bazel") + f.count("m.go"), 0u);
  EXPECT_EQ(f["_deps/fmt/print.go"].contents, "/go/src/fmt/print.go");  // the rest is kept
  EXPECT_NE(f["BUILD.bazel"].contents.find("NAMED = []"), std::string::npos);
}

TEST(WorkspaceFilesTest, RefusesWhatItCannotPlace) {
  load::LoadResult odd = Program();
  odd.packages[3].dir = "/t/has space";
  absl::StatusOr<Workspace> r = MakeWorkspace(odd, Options());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not a name Bazel accepts"), std::string::npos);
}

TEST(WriteWorkspaceTest, ReplacesWhatItWroteBeforeAndNothingElse) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("buildfiles_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  std::vector<WorkspaceFile> first = {{"WORKSPACE", "w\n"},
                                      {"old/BUILD.bazel", "x\n"},
                                      {"old/a.go", "/t/old/a.go", true}};
  ASSERT_TRUE(WriteWorkspace(dir.string(), first).ok());
  EXPECT_EQ(fs::read_symlink(dir / "old/a.go").string(), "/t/old/a.go");
  std::ofstream(dir / "bazel-out-marker") << "Bazel's\n";
  std::vector<WorkspaceFile> second = {{"WORKSPACE", "w2\n"}, {"new/BUILD.bazel", "y\n"}};
  ASSERT_TRUE(WriteWorkspace(dir.string(), second).ok());
  EXPECT_FALSE(fs::exists(dir / "old/BUILD.bazel"));
  EXPECT_FALSE(fs::is_symlink(dir / "old/a.go"));
  EXPECT_TRUE(fs::exists(dir / "bazel-out-marker"));
  std::ifstream in(dir / "WORKSPACE");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "w2\n");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace heapmap::bazel
