// ir/rules_test.cc — one test per file of ir/testdata/rules/: Go source in, gc's -m -l
// lines out; one per file of ir/testdata/inline/: gc's -m=2 inlining lines out
// (`heapmap inline -m=2 FILE`: can inline with the cost, cannot inline with the reason,
// inlining call to); and one per file of ir/testdata/inlined/: gc's -m lines with
// inlining on (`heapmap analyze -m FILE`: escape analysis of the inlined code). Each file is a self-contained package annotated the errorcheck way (Go's
// test/run.go), with the column in front: `// ERROR "^7: re1" "^12: re2"` on a line means
// every regexp must match some "COLUMN: MESSAGE" heapmap prints for that source line, and
// every printed one must be matched by one of them. The annotations are gc's own output, written by tests/gen/errorcheck_annotate.py;
// never edit them by hand. Files without imports are lowered and solved in process; a file
// that imports packages is analyzed by the heapmap binary (`heapmap analyze -m -l FILE`,
// which loads its imports from the Go source tree).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ir/lower_testutil.h"

namespace heapmap::ir {
namespace {

namespace fs = std::filesystem;

// The Go string literals after "// ERROR" on one line.
std::vector<std::string> ParseExpectations(const std::string& line) {
  std::vector<std::string> out;
  size_t at = line.find("// ERROR ");
  if (at == std::string::npos) return out;
  for (size_t i = at + 9; i < line.size(); ++i) {
    if (line[i] == '`') {
      size_t end = line.find('`', i + 1);
      out.push_back(line.substr(i + 1, end - i - 1));
      i = end;
    } else if (line[i] == '"') {
      std::string s;
      for (++i; i < line.size() && line[i] != '"'; ++i) {
        if (line[i] == '\\' && i + 1 < line.size()) ++i;
        s += line[i];
      }
      out.push_back(s);
    }
  }
  return out;
}

// `heapmap ARGS ./file` run in dir: its -m lines.
std::vector<std::string> RunHeapmap(const std::string& dir, const std::string& args,
                                    const std::string& file, std::string* err) {
  std::string cmd = "cd '" + dir + "' && '" + HEAPMAP_BIN + "' " + args + " ./" + file + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::vector<std::string> lines;
  if (p == nullptr) {
    *err = "cannot run " + cmd;
    return lines;
  }
  char buf[4096];
  std::string out;
  while (fgets(buf, sizeof buf, p) != nullptr) out += buf;
  int rc = pclose(p);
  std::istringstream in(out);
  std::string l;
  while (std::getline(in, l)) {
    if (!l.empty() && l[0] != '#') lines.push_back(l);
  }
  if (rc != 0) *err = "heapmap " + args + " failed:\n" + out;
  return lines;
}

// Checks the lines heapmap prints for one annotated file against its annotations.
void CheckFile(const std::string& dir, const std::string& file, bool by_binary);

class RuleFile : public ::testing::TestWithParam<std::string> {};
TEST_P(RuleFile, MatchesGc) { CheckFile(HEAPMAP_RULES_DIR, GetParam(), false); }

class InlineRuleFile : public ::testing::TestWithParam<std::string> {};
TEST_P(InlineRuleFile, MatchesGc) { CheckFile(HEAPMAP_INLINE_RULES_DIR, GetParam(), true); }

// ir/testdata/inlined/: gc's whole -m output with inlining on (`heapmap analyze -m`).
class InlinedRuleFile : public ::testing::TestWithParam<std::string> {};
TEST_P(InlinedRuleFile, MatchesGc) { CheckFile(HEAPMAP_INLINED_RULES_DIR, GetParam(), true); }

void CheckFile(const std::string& dir, const std::string& file, bool by_binary) {
  const fs::path path = fs::path(dir) / file;
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string src = buf.str();
  const std::string display = "./" + file;

  std::map<int, std::vector<std::string>> want;
  std::istringstream lines(src);
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n) {
    if (auto e = ParseExpectations(line); !e.empty()) want[n] = e;
  }
  ASSERT_FALSE(want.empty()) << "no // ERROR annotations in " << path;

  LoweredRun r;
  if (by_binary || src.find("\nimport") != std::string::npos) {
    std::string err;
    const std::string args = dir == HEAPMAP_INLINE_RULES_DIR    ? "inline -q -m=2"
                             : dir == HEAPMAP_INLINED_RULES_DIR ? "analyze -q -m"
                                                                : "analyze -q -m -l";
    r.lines = RunHeapmap(dir, args, file, &err);
    ASSERT_TRUE(err.empty()) << err;
  } else {
    r = LowerAndSolve({{display, src}});
    ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  }
  std::map<int, std::vector<std::string>> got;
  const std::regex diag("^" + display + ":(\\d+):(\\d+: .*)$");
  for (const std::string& l : r.lines) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(l, m, diag)) << "unexpected line form: " << l;
    got[std::stoi(m[1])].push_back(m[2]);
  }
  for (auto& [n, msgs] : got) {
    std::vector<bool> used(msgs.size());
    for (const std::string& re : want[n]) {
      bool matched = false;
      std::regex rx(re);
      for (size_t i = 0; i < msgs.size(); ++i) {
        if (std::regex_search(msgs[i], rx)) used[i] = matched = true;
      }
      EXPECT_TRUE(matched) << file << ":" << n << ": no line matches " << re;
    }
    for (size_t i = 0; i < msgs.size(); ++i) {
      EXPECT_TRUE(used[i]) << file << ":" << n << ": unexpected: " << msgs[i];
    }
  }
  for (auto& [n, res] : want) {
    if (!got.contains(n)) {
      for (const std::string& re : res) {
        ADD_FAILURE() << file << ":" << n << ": no line matches " << re;
      }
    }
  }
}

std::vector<std::string> RuleFiles(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".go") out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = info.param.substr(0, info.param.size() - 3);
  for (char& c : n) {
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return n;
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFile, ::testing::ValuesIn(RuleFiles(HEAPMAP_RULES_DIR)),
                         TestName);
INSTANTIATE_TEST_SUITE_P(Inline, InlineRuleFile,
                         ::testing::ValuesIn(RuleFiles(HEAPMAP_INLINE_RULES_DIR)), TestName);
INSTANTIATE_TEST_SUITE_P(Inlined, InlinedRuleFile,
                         ::testing::ValuesIn(RuleFiles(HEAPMAP_INLINED_RULES_DIR)), TestName);

}  // namespace
}  // namespace heapmap::ir
