// frontend/load/gomod_test.cc — go.mod, go.work and modules.txt parsing.
#include "frontend/load/gomod.h"

#include "gtest/gtest.h"

namespace heapmap::load {
namespace {

TEST(GoModTest, FullFile) {
  auto f = ParseGoMod("go.mod", R"(// comment
module "example.com/m" // trailing

go 1.17

require (
	example.com/a v1.2.3
	example.com/b v0.0.0-20200101000000-abcdefabcdef // indirect
)
require example.com/c v2.0.0+incompatible

replace example.com/a => ../a
replace (
	example.com/b v0.0.0-20200101000000-abcdefabcdef => example.com/b2 v1.0.0
)
exclude example.com/a v1.0.0
retract v1.0.1
)");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->module_path, "example.com/m");
  EXPECT_EQ(f->go_version, "1.17");
  ASSERT_EQ(f->require.size(), 3u);
  EXPECT_EQ(f->require[0].mod.path, "example.com/a");
  EXPECT_FALSE(f->require[0].indirect);
  EXPECT_TRUE(f->require[1].indirect);
  EXPECT_EQ(f->require[2].mod.version, "v2.0.0+incompatible");
  ASSERT_EQ(f->replace.size(), 2u);
  EXPECT_EQ(f->replace[0].new_mod.path, "../a");
  EXPECT_EQ(f->replace[0].new_mod.version, "");
  EXPECT_EQ(f->replace[1].old_mod.version, "v0.0.0-20200101000000-abcdefabcdef");
  EXPECT_EQ(f->replace[1].new_mod.version, "v1.0.0");
  ASSERT_EQ(f->exclude.size(), 1u);
}

TEST(GoModTest, ErrorsHaveLineNumbers) {
  auto f = ParseGoMod("/x/go.mod", "module m\n\ngo 1.17\nrequire example.com/x\nfrob x\n");
  ASSERT_FALSE(f.ok());
  std::string msg(f.status().message());
  EXPECT_NE(msg.find("/x/go.mod:4: usage: require module/path v1.2.3"), std::string::npos) << msg;
  EXPECT_NE(msg.find("/x/go.mod:5: unknown directive: frob"), std::string::npos) << msg;

  f = ParseGoMod("go.mod", "module m\ngo 1.x\n");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(std::string(f.status().message()).find("go.mod:2: invalid go version"),
            std::string::npos);

  f = ParseGoMod("go.mod", "module m\nrequire (\n\ta v1.0.0\n");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(std::string(f.status().message()).find("go.mod:2:"), std::string::npos);

  f = ParseGoMod("go.mod", "module m\nrequire a 1.0.0\n");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(std::string(f.status().message()).find("must be of the form v1.2.3"),
            std::string::npos);

  f = ParseGoMod("go.mod", "module m\nreplace a => b\n");
  ASSERT_FALSE(f.ok());

  f = ParseGoMod("go.mod", "go 1.17\n");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(std::string(f.status().message()).find("no module declaration"), std::string::npos);

  // modfile's "unexpected input character %#q" (the character was missing: StrFormat has
  // no %q, and returned "").
  f = ParseGoMod("go.mod", std::string("module m\n\x01\n", 11));
  ASSERT_FALSE(f.ok());
  EXPECT_NE(std::string(f.status().message()).find("unexpected input character '\\x01'"),
            std::string::npos)
      << f.status().message();

  // Garbage must not crash.
  f = ParseGoMod("go.mod", std::string("\x00\xff\"`(((", 7));
  EXPECT_FALSE(f.ok());
}

TEST(GoWorkTest, FullFile) {
  auto f = ParseGoWork("/w/go.work", R"(// comment
go 1.18

use (
	./a
	"./b c" // quoted
)
use /abs/d

replace example.com/x => ./x
replace (
	example.com/y v1.0.0 => example.com/y2 v1.1.0
)
)");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->go_version, "1.18");
  ASSERT_EQ(f->use.size(), 3u);
  EXPECT_EQ(f->use[0].path, "./a");
  EXPECT_EQ(f->use[0].line, 5);
  EXPECT_EQ(f->use[1].path, "./b c");
  EXPECT_EQ(f->use[2].path, "/abs/d");
  EXPECT_EQ(f->use[2].line, 8);
  ASSERT_EQ(f->replace.size(), 2u);
  EXPECT_EQ(f->replace[0].new_mod.path, "./x");
  EXPECT_EQ(f->replace[0].line, 10);
  EXPECT_EQ(f->replace[1].old_mod.version, "v1.0.0");
  EXPECT_EQ(f->replace[1].new_mod.version, "v1.1.0");
}

TEST(GoWorkTest, ErrorsHaveLineNumbers) {
  // As modfile.ParseWork: module, require and exclude are go.mod's, not go.work's.
  auto f = ParseGoWork("/w/go.work",
                       "go 1.18\ngo 1.19\nuse\nuse a b\nmodule m\nrequire (\n\tx v1.0.0\n)\n"
                       "replace a => b\n");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(std::string(f.status().message()),
            "/w/go.work:2: repeated go statement\n"
            "/w/go.work:3: usage: use local/dir\n"
            "/w/go.work:4: usage: use local/dir\n"
            "/w/go.work:5: unknown directive: module\n"
            "/w/go.work:6: unknown block type: require\n"
            "/w/go.work:9: replacement module without version must be directory path (rooted "
            "or starting with ./ or ../)");
  f = ParseGoWork("go.work", "use (\n\t./a\n");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(std::string(f.status().message()), "go.work:1: unexpected EOF: missing )");
  f = ParseGoWork("go.work", "use \"./a\n");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(std::string(f.status().message()), "go.work:1: unexpected newline in string");
  // Garbage must not crash.
  for (const char* garbage : {"\xff\"`(((", "\x01", ")))", "use ((((", "replace => => =>", "go"}) {
    EXPECT_FALSE(ParseGoWork("go.work", garbage).ok()) << garbage;
  }
  EXPECT_TRUE(ParseGoWork("go.work", "").ok());  // an empty workspace
}

TEST(GoModTest, ModulesTxt) {
  auto mods = ParseModulesTxt(
      "# example.com/a v1.0.0\n## explicit; go 1.16\nexample.com/a\nexample.com/a/sub\n"
      "# example.com/b v1.0.0 => ./b\n## explicit\nexample.com/b\n");
  ASSERT_EQ(mods.size(), 2u);
  EXPECT_EQ(mods[0].mod.version, "v1.0.0");
  EXPECT_EQ(mods[0].go_version, "1.16");
  EXPECT_TRUE(mods[0].explicit_req);
  EXPECT_EQ(mods[0].packages.size(), 2u);
  EXPECT_EQ(mods[1].replacement.path, "./b");
}

TEST(GoModTest, EscapeAndCompare) {
  EXPECT_EQ(EscapeModulePath("github.com/BurntSushi/toml"), "github.com/!burnt!sushi/toml");
  EXPECT_LT(CompareSemver("v1.2.3", "v1.10.0"), 0);
  EXPECT_GT(CompareSemver("v1.2.3", "v1.2.3-pre"), 0);
  EXPECT_EQ(CompareSemver("v1.2.3+meta", "v1.2.3"), 0);
  EXPECT_LT(CompareSemver("v1.2.3-alpha", "v1.2.3-beta"), 0);
  EXPECT_LT(CompareSemver("bad", "v0.0.1"), 0);
}

}  // namespace
}  // namespace heapmap::load
