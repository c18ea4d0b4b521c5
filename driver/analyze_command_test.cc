// driver/analyze_command_test.cc — `heapmap analyze`: flags, clean failures, a tiny package.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <algorithm>
#include <vector>
#include <string>

#include "summaries/lowering.h"
#include "driver/commands.h"
#include "driver/flags.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace heapmap::driver {
namespace {

using ::testing::HasSubstr;

CommandLine Parse(std::vector<std::string> args) {
  absl::StatusOr<CommandLine> cl = ParseCommandLine(args);
  EXPECT_TRUE(cl.ok()) << cl.status();
  return cl.ok() ? *cl : CommandLine{};
}

TEST(Analyze, Flags) {
  CommandLine cl = Parse({"analyze", "-m", "-l", "-cache", "/tmp/c", "-q", "./..."});
  EXPECT_TRUE(cl.escape_m);
  EXPECT_TRUE(cl.no_inline);
  EXPECT_TRUE(cl.quiet);
  EXPECT_EQ(cl.cache_dir, "/tmp/c");
  EXPECT_EQ(Parse({"analyze", "-m=2"}).m_level, 2);
  EXPECT_FALSE(ParseCommandLine({"analyze", "-m=3"}).ok());
  EXPECT_FALSE(ParseCommandLine({"check", "-m"}).ok());
  EXPECT_THAT(UsageText("analyze"), HasSubstr("-cache DIR"));
}

TEST(Analyze, UnsupportedFlagsAreRejected) {
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(RunAnalyze(Parse({"analyze", "-l", "x.go"})), 2);
  EXPECT_THAT(::testing::internal::GetCapturedStderr(), HasSubstr("needs -m"));
}

class TinyPackage : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "heapmap-analyze-XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
    std::ofstream(dir_ + "/a.go") << "package a\n"
                                     "\n"
                                     "var sink *int\n"
                                     "\n"
                                     "func Leak(p *int) { sink = p }\n"
                                     "\n"
                                     "func Keep(p *int) int { return *p }\n"
                                     "\n"
                                     "func Calls(q *int) { Leak(q) }\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // `heapmap analyze -m -l -q a.go`: its exit status, stdout and stderr.
  struct Run {
    int status;
    std::string out, err;
  };
  Run Analyze(bool inlining = false, std::vector<std::string> more = {}) {
    ::testing::internal::CaptureStdout();
    ::testing::internal::CaptureStderr();
    // -cache off: a test computes; the user's cache is shared with other processes, which
    // may trim or clean it while the test reads it.
    std::vector<std::string> args = {"analyze", "-m", "-q", "-cache", "off"};
    if (!inlining) args.push_back("-l");
    args.insert(args.end(), more.begin(), more.end());
    args.push_back(dir_ + "/a.go");
    int status = RunAnalyze(Parse(args));
    std::string out = ::testing::internal::GetCapturedStdout();
    return {status, out, ::testing::internal::GetCapturedStderr()};
  }

  std::string dir_;
};

TEST_F(TinyPackage, AnalyzeOrFailCleanly) {
  Run r = Analyze();
  EXPECT_EQ(r.status, 0) << r.err;
  const std::string f = dir_ + "/a.go";
  EXPECT_THAT(r.out, HasSubstr(f + ":5:11: leaking param: p\n"));
  EXPECT_THAT(r.out, HasSubstr(f + ":7:11: p does not escape\n"));
  EXPECT_THAT(r.out, HasSubstr(f + ":9:12: leaking param: q\n"));
}

// gc prints each -m line as it makes it (base.WarnfAt flushes): a slice literal returned
// as an interface is reported twice at the same position, once for the boxing and once
// for the literal (go tool compile -m -l, Go 1.19), and so is heapmap's output.
TEST_F(TinyPackage, EqualLinesAreAllPrinted) {
  std::ofstream(dir_ + "/a.go", std::ios::app) << "\nfunc Box() any { return []int{1} }\n";
  Run r = Analyze();
  EXPECT_EQ(r.status, 0) << r.err;
  const std::string line = dir_ + "/a.go:11:30: []int{...} escapes to heap\n";
  EXPECT_THAT(r.out, HasSubstr(line + line));
}

// With inlining on (no -l), as `go tool compile -p a -m` (Go 1.19) prints it for this file:
// the inliner's lines first, then escape analysis of the inlined code, where New's &T{}
// stays on Use's stack while New's own copy still lets it escape.
TEST_F(TinyPackage, InliningOn) {
  std::ofstream(dir_ + "/a.go", std::ios::app)
      << "\ntype T struct{ x int }\n\nfunc New() *T { return &T{} }\n\n"
         "func Use() int { return New().x }\n";
  Run r = Analyze(/*inlining=*/true);
  EXPECT_EQ(r.status, 0) << r.err;
  const std::string f = dir_ + "/a.go";
  EXPECT_EQ(r.out, "# command-line-arguments\n" + f + ":5:6: can inline Leak\n" + f +
                       ":7:6: can inline Keep\n" + f + ":9:6: can inline Calls\n" + f +
                       ":9:26: inlining call to Leak\n" + f + ":13:6: can inline New\n" + f +
                       ":15:6: can inline Use\n" + f + ":15:28: inlining call to New\n" + f +
                       ":5:11: leaking param: p\n" + f + ":7:11: p does not escape\n" + f +
                       ":9:12: leaking param: q\n" + f + ":13:24: &T{} escapes to heap\n" + f +
                       ":15:28: &T{} does not escape\n");
}

// -m=2: the inliner's -m=2 lines (costs, bodies, reasons) with the escape lines of -m, as
// `go tool compile -p a -m=2` prints them (Go 1.19) but for its escape explanations; with
// -race, //go:norace functions are not inlinable.
TEST_F(TinyPackage, InliningLevel2) {
  std::ofstream(dir_ + "/a.go", std::ios::app)
      << "\n//go:norace\nfunc Twice(x int) int { x++; return x * 2 }\n";
  Run r = Analyze(/*inlining=*/true, {"-m=2"});
  EXPECT_EQ(r.status, 0) << r.err;
  const std::string f = dir_ + "/a.go";
  EXPECT_THAT(r.out, HasSubstr(f + ":5:6: can inline Leak with cost 3 as: func(*int) { sink = p }\n"));
  EXPECT_THAT(r.out, HasSubstr(f + ":9:6: can inline Calls with cost 6 as: func(*int) { Leak(q) }\n"));
  EXPECT_THAT(r.out, HasSubstr(f + ":12:6: can inline Twice with cost 7 as: func(int) int { x += 1; "
                                   "return x * 2 }\n"));
  EXPECT_THAT(r.out, HasSubstr(f + ":9:26: inlining call to Leak\n"));
  EXPECT_THAT(r.out, HasSubstr(f + ":5:11: leaking param: p\n"));
  r = Analyze(/*inlining=*/true, {"-m=2", "-race"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out,
              HasSubstr(f + ":12:6: cannot inline Twice: marked go:norace with -race compilation\n"));
}

TEST_F(TinyPackage, TypeErrorsAreReportedAndSkipped) {
  std::ofstream(dir_ + "/a.go", std::ios::app) << "func Bad() { undefined() }\n";
  Run r = Analyze();
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("undefined"));
}

// A module whose package `use` instantiates another package's generics: gc stencils them
// in `use` (Go 1.19, go build -gcflags=-m ./use): the instances' lines are printed with the
// generic's full file name and names qualified as imported bodies print them (lib.v);
// "can inline" per instance, named after its shapes. heapmap orders a package's lines by
// position where gc prints instances first, so the lines are compared as sorted lists.
class GenericsAcrossPackages : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "heapmap-generics-XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
    std::filesystem::create_directories(dir_ + "/lib");
    std::filesystem::create_directories(dir_ + "/use");
    std::ofstream(dir_ + "/go.mod") << "module example.com/m\n\ngo 1.19\n";
    std::ofstream(dir_ + "/lib/lib.go") << "package lib\n"
                                           "\n"
                                           "type List[T any] struct {\n"
                                           "\titems []T\n"
                                           "\tlast  *T\n"
                                           "}\n"
                                           "\n"
                                           "func (l *List[T]) Push(v T) {\n"
                                           "\tl.items = append(l.items, v)\n"
                                           "\tl.last = &v\n"
                                           "}\n"
                                           "\n"
                                           "func Ptr[T any](v T) *T { return &v }\n"
                                           "\n"
                                           "var Sink any\n"
                                           "\n"
                                           "func Box[T any](v T) { Sink = v }\n";
    std::ofstream(dir_ + "/use/use.go") << "package use\n"
                                           "\n"
                                           "import \"example.com/m/lib\"\n"
                                           "\n"
                                           "type S struct{ a, b int }\n"
                                           "\n"
                                           "func F() int {\n"
                                           "\tvar l lib.List[S]\n"
                                           "\tl.Push(S{1, 2})\n"
                                           "\tp := lib.Ptr(3)\n"
                                           "\tvar x int\n"
                                           "\tlib.Box(S{})\n"
                                           "\tlib.Box(&x)\n"
                                           "\treturn *p\n"
                                           "}\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // `heapmap analyze -m [-l] -q ./use` in the module's directory, its -m lines sorted.
  std::vector<std::string> Analyze(bool inlining) {
    std::string cwd = std::filesystem::current_path().string();
    const char* pwd = std::getenv("PWD");
    std::string saved_pwd = pwd != nullptr ? pwd : "";
    std::filesystem::current_path(dir_);
    setenv("PWD", dir_.c_str(), 1);
    ::testing::internal::CaptureStdout();
    ::testing::internal::CaptureStderr();
    std::vector<std::string> args = {"analyze", "-m", "-q", "-cache", "off", "./use"};
    if (!inlining) args.insert(args.begin() + 2, "-l");
    int status = RunAnalyze(Parse(args));
    std::string out = ::testing::internal::GetCapturedStdout();
    std::string err = ::testing::internal::GetCapturedStderr();
    std::filesystem::current_path(cwd);
    setenv("PWD", saved_pwd.c_str(), 1);
    EXPECT_EQ(status, 0) << err;
    std::vector<std::string> lines;
    std::istringstream in(out);
    for (std::string l; std::getline(in, l);) {
      if (!l.empty() && l[0] != '#') lines.push_back(l);
    }
    std::sort(lines.begin(), lines.end());
    return lines;
  }

  std::string dir_;
};

TEST_F(GenericsAcrossPackages, MatchGc) {
  const std::string lib = dir_ + "/lib/lib.go";
  const std::string shape = "go.shape.struct { example.com/m/use.a int; example.com/m/use.b int }_0";
  std::vector<std::string> escapes = {
      lib + ":8:24: moved to heap: lib.v",
      lib + ":13:17: moved to heap: lib.v",
      lib + ":17:29: unsafe.Pointer(lib.v) escapes to heap",
      "use/use.go:11:6: moved to heap: x",
  };
  std::vector<std::string> with_inlining = {
      lib + ":8:19: can inline lib.(*List[" + shape + "]).Push",
      lib + ":13:6: can inline lib.Ptr[go.shape.int_0]",
      lib + ":17:6: can inline lib.Box[" + shape + "]",
      lib + ":17:6: can inline lib.Box[go.shape.*uint8_0]",
      "use/use.go:7:6: can inline F",
  };
  with_inlining.insert(with_inlining.end(), escapes.begin(), escapes.end());
  std::sort(escapes.begin(), escapes.end());
  std::sort(with_inlining.begin(), with_inlining.end());
  EXPECT_EQ(Analyze(/*inlining=*/false), escapes);
  EXPECT_EQ(Analyze(/*inlining=*/true), with_inlining);
}

}  // namespace
}  // namespace heapmap::driver
