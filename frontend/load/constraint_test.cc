// frontend/load/constraint_test.cc — build constraint parsing and evaluation.
#include "frontend/load/constraint.h"

#include "gtest/gtest.h"

namespace heapmap::load {
namespace {

TagContext Linux() {
  TagContext c;
  c.goos = "linux";
  c.goarch = "amd64";
  c.tags = {"go1.18", "go1.19", "mytag"};
  return c;
}

bool Eval(const std::string& line, const TagContext& c = Linux()) {
  auto x = ParseConstraint(line);
  EXPECT_TRUE(x.ok()) << line << ": " << x.status();
  if (!x.ok()) return false;
  return (*x)->Eval([&c](absl::string_view t) { return c.MatchTag(t); });
}

TEST(ConstraintTest, GoBuildExpressions) {
  EXPECT_TRUE(Eval("//go:build linux"));
  EXPECT_FALSE(Eval("//go:build !linux"));
  EXPECT_TRUE(Eval("//go:build linux && amd64"));
  EXPECT_FALSE(Eval("//go:build linux && arm64"));
  EXPECT_TRUE(Eval("//go:build windows || (linux && !386)"));
  EXPECT_TRUE(Eval("//go:build unix"));
  EXPECT_TRUE(Eval("//go:build gc && go1.19 && mytag"));
  EXPECT_FALSE(Eval("//go:build go1.20"));
  EXPECT_FALSE(Eval("//go:build cgo"));
  EXPECT_TRUE(Eval("//go:build !cgo"));
  EXPECT_FALSE(Eval("//go:build ignore"));
}

TEST(ConstraintTest, GoBuildPrecedence) {
  // && binds tighter than ||.
  auto x = ParseConstraint("//go:build a || b && c");
  ASSERT_TRUE(x.ok());
  EXPECT_EQ((*x)->String(), "a || (b && c)");
}

TEST(ConstraintTest, GoBuildErrors) {
  for (const char* bad : {"//go:build", "//go:build linux &&", "//go:build (linux",
                          "//go:build linux)", "//go:build !!linux", "//go:build a & b",
                          "//go:build a $ b"}) {
    EXPECT_FALSE(ParseConstraint(bad).ok()) << bad;
  }
  EXPECT_EQ(ParseConstraint("//go:build (linux").status().message(), "missing close paren");
  EXPECT_EQ(ParseConstraint("//go:build !!linux").status().message(),
            "double negation not allowed");
  // Deep nesting is an error, not a stack overflow.
  std::string deep = "//go:build " + std::string(100000, '(') + "a";
  EXPECT_FALSE(ParseConstraint(deep).ok());
}

TEST(ConstraintTest, PlusBuild) {
  EXPECT_TRUE(Eval("// +build linux darwin"));
  EXPECT_FALSE(Eval("// +build windows darwin"));
  EXPECT_TRUE(Eval("// +build linux,amd64"));
  EXPECT_FALSE(Eval("// +build linux,!amd64"));
  EXPECT_FALSE(Eval("// +build !!linux"));  // becomes the tag "ignore"
  EXPECT_TRUE(IsPlusBuildLine("// +build linux"));
  EXPECT_FALSE(IsPlusBuildLine("// +buildlinux"));
  EXPECT_TRUE(IsGoBuildLine("//go:build linux"));
  EXPECT_FALSE(IsGoBuildLine("// go:build linux"));
}

TEST(ConstraintTest, FileNameSuffixes) {
  TagContext c = Linux();
  EXPECT_TRUE(GoodOSArchFile(c, "x.go"));
  EXPECT_TRUE(GoodOSArchFile(c, "x_linux.go"));
  EXPECT_FALSE(GoodOSArchFile(c, "x_windows.go"));
  EXPECT_TRUE(GoodOSArchFile(c, "x_amd64.go"));
  EXPECT_FALSE(GoodOSArchFile(c, "x_arm64.go"));
  EXPECT_TRUE(GoodOSArchFile(c, "x_linux_amd64.go"));
  EXPECT_FALSE(GoodOSArchFile(c, "x_linux_arm64.go"));
  EXPECT_FALSE(GoodOSArchFile(c, "x_windows_amd64_test.go"));
  EXPECT_TRUE(GoodOSArchFile(c, "x_linux_test.go"));
  // A bare GOOS name is not a constraint, and `unix` is not a file name suffix.
  EXPECT_TRUE(GoodOSArchFile(c, "windows.go"));
  EXPECT_TRUE(GoodOSArchFile(c, "x_unix.go"));
  EXPECT_TRUE(GoodOSArchFile(c, "x_windows.go.orig") == false);
  c.goos = "android";
  EXPECT_TRUE(GoodOSArchFile(c, "x_linux.go"));
}

TEST(ConstraintTest, ShouldBuildHeader) {
  TagContext c = Linux();
  EXPECT_TRUE(*ShouldBuild(c, "package x\n"));
  EXPECT_FALSE(*ShouldBuild(c, "//go:build windows\n\npackage x\n"));
  // //go:build wins over // +build.
  EXPECT_TRUE(*ShouldBuild(c, "//go:build linux\n// +build windows\n\npackage x\n"));
  EXPECT_FALSE(*ShouldBuild(c, "// +build windows\n\npackage x\n"));
  // A +build line must be followed by a blank line before the package clause.
  EXPECT_TRUE(*ShouldBuild(c, "// +build windows\npackage x\n"));
  // ... and must come before the package clause.
  EXPECT_TRUE(*ShouldBuild(c, "package x\n\n// +build windows\n\n"));
  // Inside /* */ it does not count.
  EXPECT_TRUE(*ShouldBuild(c, "/*\n// +build windows\n*/\n\npackage x\n"));
  EXPECT_FALSE(ShouldBuild(c, "//go:build linux\n//go:build linux\n\npackage x\n").ok());
  EXPECT_FALSE(ShouldBuild(c, "//go:build linux &&\n\npackage x\n").ok());
}

}  // namespace
}  // namespace heapmap::load
