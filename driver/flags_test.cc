// driver/flags_test.cc — command-line parsing and --help.
#include "driver/flags.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace heapmap::driver {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(ParseCommandLineTest, FlagsBeforeAndAfterPatterns) {
  auto cl = ParseCommandLine({"list", "-json", "std", "--goroot=/g", "-j", "3", "net/..."});
  ASSERT_TRUE(cl.ok()) << cl.status();
  EXPECT_EQ(cl->command, "list");
  EXPECT_TRUE(cl->json);
  EXPECT_EQ(cl->threads, 3);
  EXPECT_EQ(cl->context.goroot, "/g");
  EXPECT_THAT(cl->args, ElementsAre("std", "net/..."));
}

TEST(ParseCommandLineTest, TagsSplitOnCommas) {
  auto cl = ParseCommandLine({"parse", "--tags", "a, b,,c", "x.go"});
  ASSERT_TRUE(cl.ok()) << cl.status();
  EXPECT_THAT(cl->context.tags, ElementsAre("a", "b", "c"));
  EXPECT_THAT(cl->args, ElementsAre("x.go"));
}

TEST(ParseCommandLineTest, DoubleDashEndsFlags) {
  auto cl = ParseCommandLine({"parse", "--", "-weird.go"});
  ASSERT_TRUE(cl.ok()) << cl.status();
  EXPECT_THAT(cl->args, ElementsAre("-weird.go"));
}

TEST(ParseCommandLineTest, InliningLevelsAsGc) {
  // gc's -l counts: -l (1) turns inlining off, 0 keeps it on, 2-4 turn it on again.
  auto off = ParseCommandLine({"analyze", "-m", "-l", "x.go"});
  ASSERT_TRUE(off.ok()) << off.status();
  EXPECT_TRUE(off->no_inline);
  for (const char* on : {"-l=0", "-l=2", "-l=3"}) {
    auto cl = ParseCommandLine({"analyze", "-m", on, "x.go"});
    ASSERT_TRUE(cl.ok()) << cl.status();
    EXPECT_FALSE(cl->no_inline) << on;
  }
  auto cheap = ParseCommandLine({"inline", "-m", "-l=4", "-d=inlfuncswithclosures=0", "x.go"});
  ASSERT_TRUE(cheap.ok()) << cheap.status();
  EXPECT_FALSE(cheap->no_inline);
  EXPECT_EQ(cheap->inline_level, 4);
  EXPECT_FALSE(cheap->inline_funcs_with_closures);
  EXPECT_THAT(ParseCommandLine({"analyze", "-l=5"}).status().message(),
              HasSubstr("invalid value \"5\" for flag -l"));
  EXPECT_THAT(ParseCommandLine({"analyze", "-d=checkptr=1"}).status().message(),
              HasSubstr("invalid value \"checkptr=1\" for flag -d"));
  // -race: gc's inlining rules for instrumented builds, and the race build tag.
  auto race = ParseCommandLine({"inline", "-m=2", "-race", "x.go"});
  ASSERT_TRUE(race.ok()) << race.status();
  EXPECT_TRUE(race->race);
  EXPECT_THAT(race->context.tags, ::testing::Contains("race"));
  EXPECT_FALSE(ParseCommandLine({"check", "-race", "x.go"}).ok());
}

TEST(ParseCommandLineTest, Errors) {
  EXPECT_THAT(ParseCommandLine({}).status().message(), HasSubstr("no command"));
  EXPECT_THAT(ParseCommandLine({"frob"}).status().message(), HasSubstr("unknown command \"frob\""));
  EXPECT_THAT(ParseCommandLine({"parse", "-json"}).status().message(),
              HasSubstr("unknown flag -json for parse"));
  EXPECT_THAT(ParseCommandLine({"list", "-j"}).status().message(), HasSubstr("needs a value"));
  EXPECT_THAT(ParseCommandLine({"list", "-j", "0"}).status().message(),
              HasSubstr("invalid value \"0\" for flag -j"));
  EXPECT_THAT(ParseCommandLine({"list", "-json=1"}).status().message(), HasSubstr("takes no value"));
}

// -pkgs names the packages for every command that loads them, so patterns beside it are a
// usage error; -deps is list's.
TEST(ParseCommandLineTest, PackageList) {
  for (const char* command :
       {"list", "parse", "check", "analyze", "inline", "report", "scan", "assert"}) {
    auto cl = ParseCommandLine({command, "-pkgs", "-"});
    ASSERT_TRUE(cl.ok()) << command << ": " << cl.status();
    EXPECT_EQ(cl->pkgs, "-");
    EXPECT_THAT(UsageText(command), HasSubstr("-pkgs FILE")) << command;
  }
  for (const char* command :
       {"action", "explain", "print", "history", "diff", "dashboard", "cache"}) {
    EXPECT_FALSE(ParseCommandLine({command, "-pkgs", "x.json"}).ok()) << command;
    EXPECT_THAT(UsageText(command), Not(HasSubstr("-pkgs"))) << command;
  }
  EXPECT_EQ(ParseCommandLine({"analyze", "-m", "-pkgs=l.json", "./...", "fmt"}).status().message(),
            "-pkgs l.json names the packages; drop the patterns (./... fmt) or -pkgs");
  auto deps = ParseCommandLine({"list", "-deps", "-json", "std"});
  ASSERT_TRUE(deps.ok()) << deps.status();
  EXPECT_TRUE(deps->deps);
  EXPECT_FALSE(ParseCommandLine({"parse", "-deps", "std"}).ok());
}

TEST(ParseCommandLineTest, Help) {
  auto top = ParseCommandLine({"--help"});
  ASSERT_TRUE(top.ok());
  EXPECT_EQ(top->command, "help");
  auto sub = ParseCommandLine({"list", "-h"});
  ASSERT_TRUE(sub.ok());
  EXPECT_TRUE(sub->help);
}

// --help lists every command, and each command's help lists only flags it accepts.
TEST(UsageTextTest, MatchesWhatIsAccepted) {
  std::string top = UsageText();
  EXPECT_THAT(top, HasSubstr("list"));
  EXPECT_THAT(top, HasSubstr("parse"));
  std::string list = UsageText("list");
  EXPECT_THAT(list, HasSubstr("-json"));
  EXPECT_THAT(UsageText("parse"), Not(HasSubstr("-json")));
  EXPECT_TRUE(ParseCommandLine({"list", "-json", "-goos", "linux", "-tags", "x"}).ok());
  EXPECT_EQ(UsageText("nonsense"), "");
}

}  // namespace
}  // namespace heapmap::driver
