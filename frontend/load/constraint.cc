// frontend/load/constraint.cc — build constraints (//go:build, // +build, file names) as go/build.
#include "frontend/load/constraint.h"

#include <array>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace heapmap::load {
namespace {

// go/build/syslist.go (Go 1.19).
constexpr std::array<absl::string_view, 17> kKnownOS = {
    "aix",   "android", "darwin", "dragonfly", "freebsd", "hurd",    "illumos", "ios", "js",
    "linux", "nacl",    "netbsd", "openbsd",   "plan9",   "solaris", "windows", "zos"};
constexpr std::array<absl::string_view, 12> kUnixOS = {
    "aix",     "android", "darwin", "dragonfly", "freebsd", "hurd",
    "illumos", "ios",     "linux",  "netbsd",    "openbsd", "solaris"};
constexpr std::array<absl::string_view, 24> kKnownArch = {
    "386",      "amd64",    "amd64p32",  "arm",         "armbe", "arm64",   "arm64be", "loong64",
    "mips",     "mipsle",   "mips64",    "mips64le",    "mips64p32", "mips64p32le", "ppc",
    "ppc64",    "ppc64le",  "riscv",     "riscv64",     "s390",  "s390x",   "sparc",   "sparc64",
    "wasm"};

template <size_t N>
bool In(const std::array<absl::string_view, N>& list, absl::string_view s) {
  for (absl::string_view x : list) {
    if (x == s) return true;
  }
  return false;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

absl::string_view TrimSpace(absl::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// unicode.IsLetter || IsDigit || '_' || '.'. Non-ASCII bytes count as letters: the Go
// rule accepts Unicode letters, and no real tag uses other non-ASCII characters.
bool IsTagChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '.' || c >= 0x80;
}

std::unique_ptr<ConstraintExpr> Tag(absl::string_view name) {
  auto e = std::make_unique<ConstraintExpr>();
  e->kind = ConstraintExpr::Kind::kTag;
  e->tag = std::string(name);
  return e;
}

std::unique_ptr<ConstraintExpr> Unary(std::unique_ptr<ConstraintExpr> x) {
  auto e = std::make_unique<ConstraintExpr>();
  e->kind = ConstraintExpr::Kind::kNot;
  e->x = std::move(x);
  return e;
}

std::unique_ptr<ConstraintExpr> Binary(ConstraintExpr::Kind kind,
                                       std::unique_ptr<ConstraintExpr> x,
                                       std::unique_ptr<ConstraintExpr> y) {
  auto e = std::make_unique<ConstraintExpr>();
  e->kind = kind;
  e->x = std::move(x);
  e->y = std::move(y);
  return e;
}

// splitGoBuild / splitPlusBuild.
bool SplitGoBuild(absl::string_view line, absl::string_view* expr) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (line.find('\n') != absl::string_view::npos) return false;
  if (!absl::StartsWith(line, "//go:build")) return false;
  line = TrimSpace(line);
  line.remove_prefix(absl::string_view("//go:build").size());
  absl::string_view trim = TrimSpace(line);
  if (line.size() == trim.size() && !line.empty()) return false;
  *expr = trim;
  return true;
}

bool SplitPlusBuild(absl::string_view line, absl::string_view* expr) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (line.find('\n') != absl::string_view::npos) return false;
  if (!absl::StartsWith(line, "//")) return false;
  line.remove_prefix(2);
  line = TrimSpace(line);
  if (!absl::StartsWith(line, "+build")) return false;
  line.remove_prefix(absl::string_view("+build").size());
  absl::string_view trim = TrimSpace(line);
  if (line.size() == trim.size() && !line.empty()) return false;
  *expr = trim;
  return true;
}

// The //go:build expression parser of constraint/expr.go. Go recovers from a panic;
// here the first error is recorded and parsing unwinds. Nesting is capped so that
// hostile input ("((((...") cannot exhaust the stack.
class ExprParser {
 public:
  explicit ExprParser(absl::string_view s) : s_(s) {}

  absl::StatusOr<std::unique_ptr<ConstraintExpr>> Parse() {
    auto x = Or();
    if (!failed_ && !tok_.empty()) Fail(pos_, absl::StrCat("unexpected token ", tok_));
    if (failed_) return absl::InvalidArgumentError(err_);
    return x;
  }

 private:
  static constexpr int kMaxDepth = 1000;

  void Fail(size_t offset, std::string msg) {
    if (failed_) return;
    failed_ = true;
    (void)offset;
    err_ = std::move(msg);
  }

  std::unique_ptr<ConstraintExpr> Or() {
    auto x = And();
    while (!failed_ && tok_ == "||") {
      x = Binary(ConstraintExpr::Kind::kOr, std::move(x), And());
    }
    return x;
  }

  std::unique_ptr<ConstraintExpr> And() {
    auto x = Not();
    while (!failed_ && tok_ == "&&") {
      x = Binary(ConstraintExpr::Kind::kAnd, std::move(x), Not());
    }
    return x;
  }

  std::unique_ptr<ConstraintExpr> Not() {
    Lex();
    if (failed_) return Tag("");
    if (tok_ == "!") {
      Lex();
      if (failed_) return Tag("");
      if (tok_ == "!") {
        Fail(pos_, "double negation not allowed");
        return Tag("");
      }
      return Unary(Atom());
    }
    return Atom();
  }

  std::unique_ptr<ConstraintExpr> Atom() {
    if (failed_) return Tag("");
    if (tok_ == "(") {
      if (++depth_ > kMaxDepth) {
        Fail(pos_, "expression too deeply nested");
        return Tag("");
      }
      size_t pos = pos_;
      auto x = Or();
      --depth_;
      if (failed_) {
        if (err_ == "unexpected end of expression") err_ = "missing close paren";
        return Tag("");
      }
      if (tok_ != ")") {
        Fail(pos, "missing close paren");
        return Tag("");
      }
      Lex();
      return x;
    }
    if (!is_tag_) {
      if (tok_.empty()) {
        Fail(pos_, "unexpected end of expression");
      } else {
        Fail(pos_, absl::StrCat("unexpected token ", tok_));
      }
      return Tag("");
    }
    std::string tok(tok_);
    Lex();
    return Tag(tok);
  }

  void Lex() {
    if (failed_) return;
    is_tag_ = false;
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) i_++;
    if (i_ >= s_.size()) {
      tok_ = {};
      pos_ = i_;
      return;
    }
    char c = s_[i_];
    if (c == '(' || c == ')' || c == '!') {
      pos_ = i_;
      tok_ = s_.substr(i_, 1);
      i_++;
      return;
    }
    if (c == '&' || c == '|') {
      if (i_ + 1 >= s_.size() || s_[i_ + 1] != c) {
        Fail(i_, absl::StrCat("invalid syntax at ", std::string(1, c)));
        return;
      }
      pos_ = i_;
      tok_ = s_.substr(i_, 2);
      i_ += 2;
      return;
    }
    size_t j = i_;
    while (j < s_.size() && IsTagChar(static_cast<unsigned char>(s_[j]))) j++;
    if (j == i_) {
      Fail(i_, absl::StrCat("invalid syntax at ", std::string(1, c)));
      return;
    }
    pos_ = i_;
    tok_ = s_.substr(i_, j - i_);
    i_ = j;
    is_tag_ = true;
  }

  absl::string_view s_;
  size_t i_ = 0;
  absl::string_view tok_;
  bool is_tag_ = false;
  size_t pos_ = 0;
  int depth_ = 0;
  bool failed_ = false;
  std::string err_;
};

bool IsValidTag(absl::string_view word) {
  if (word.empty()) return false;
  for (unsigned char c : word) {
    if (!IsTagChar(c)) return false;
  }
  return true;
}

std::unique_ptr<ConstraintExpr> ParsePlusBuildExpr(absl::string_view text) {
  std::unique_ptr<ConstraintExpr> x;
  for (absl::string_view clause : absl::StrSplit(text, absl::ByAnyChar(" \t\n\v\f\r"),
                                               absl::SkipEmpty())) {
    std::unique_ptr<ConstraintExpr> y;
    for (absl::string_view lit : absl::StrSplit(clause, ',')) {
      std::unique_ptr<ConstraintExpr> z;
      if (absl::StartsWith(lit, "!!") || lit == "!") {
        z = Tag("ignore");
      } else {
        bool neg = absl::ConsumePrefix(&lit, "!");
        z = IsValidTag(lit) ? Tag(lit) : Tag("ignore");
        if (neg) z = Unary(std::move(z));
      }
      y = y ? Binary(ConstraintExpr::Kind::kAnd, std::move(y), std::move(z)) : std::move(z);
    }
    x = x ? Binary(ConstraintExpr::Kind::kOr, std::move(x), std::move(y)) : std::move(y);
  }
  if (!x) x = Tag("ignore");
  return x;
}

// isGoBuildComment of go/build (stricter than IsGoBuildLine about what follows).
bool IsGoBuildComment(absl::string_view line) {
  if (!absl::StartsWith(line, "//go:build")) return false;
  line = TrimSpace(line);
  absl::string_view rest = line.substr(absl::string_view("//go:build").size());
  return rest.empty() || TrimSpace(rest).size() < rest.size();
}

}  // namespace

bool ConstraintExpr::Eval(const std::function<bool(absl::string_view)>& ok) const {
  switch (kind) {
    case Kind::kTag:
      return ok(tag);
    case Kind::kNot:
      return !x->Eval(ok);
    case Kind::kAnd: {
      bool a = x->Eval(ok);
      bool b = y->Eval(ok);
      return a && b;
    }
    case Kind::kOr: {
      bool a = x->Eval(ok);
      bool b = y->Eval(ok);
      return a || b;
    }
  }
  return false;
}

std::string ConstraintExpr::String() const {
  auto paren = [](const ConstraintExpr& e, Kind parent) {
    std::string s = e.String();
    if ((e.kind == Kind::kAnd || e.kind == Kind::kOr) && e.kind != parent) {
      return absl::StrCat("(", s, ")");
    }
    return s;
  };
  switch (kind) {
    case Kind::kTag:
      return tag;
    case Kind::kNot:
      return absl::StrCat("!", paren(*x, Kind::kNot));
    case Kind::kAnd:
      return absl::StrCat(paren(*x, kind), " && ", paren(*y, kind));
    case Kind::kOr:
      return absl::StrCat(paren(*x, kind), " || ", paren(*y, kind));
  }
  return "";
}

bool IsGoBuildLine(absl::string_view line) {
  absl::string_view e;
  return SplitGoBuild(line, &e);
}

bool IsPlusBuildLine(absl::string_view line) {
  absl::string_view e;
  return SplitPlusBuild(line, &e);
}

absl::StatusOr<std::unique_ptr<ConstraintExpr>> ParseConstraint(absl::string_view line) {
  absl::string_view text;
  if (SplitGoBuild(line, &text)) return ExprParser(text).Parse();
  if (SplitPlusBuild(line, &text)) return ParsePlusBuildExpr(text);
  return absl::InvalidArgumentError("not a build constraint");
}

bool IsKnownOS(absl::string_view s) { return In(kKnownOS, s); }
bool IsKnownArch(absl::string_view s) { return In(kKnownArch, s); }
bool IsUnixOS(absl::string_view s) { return In(kUnixOS, s); }

bool TagContext::MatchTag(absl::string_view name) const {
  if (cgo_enabled && name == "cgo") return true;
  if (name == goos || name == goarch || name == "gc") return true;
  if (goos == "android" && name == "linux") return true;
  if (goos == "illumos" && name == "solaris") return true;
  if (goos == "ios" && name == "darwin") return true;
  if (name == "unix" && IsUnixOS(goos)) return true;
  if (name == "boringcrypto") name = "goexperiment.boringcrypto";
  return tags.count(std::string(name)) > 0;
}

bool GoodOSArchFile(const TagContext& ctx, absl::string_view name) {
  // Cut at the first '.', then ignore everything before the first '_' ("linux.go" is
  // not constrained, "x_linux.go" is).
  name = name.substr(0, name.find('.'));
  size_t i = name.find('_');
  if (i == absl::string_view::npos) return true;
  name = name.substr(i);
  std::vector<absl::string_view> l = absl::StrSplit(name, '_');
  if (!l.empty() && l.back() == "test") l.pop_back();
  size_t n = l.size();
  if (n >= 2 && IsKnownOS(l[n - 2]) && IsKnownArch(l[n - 1])) {
    return ctx.MatchTag(l[n - 1]) && ctx.MatchTag(l[n - 2]);
  }
  if (n >= 1 && (IsKnownOS(l[n - 1]) || IsKnownArch(l[n - 1]))) {
    return ctx.MatchTag(l[n - 1]);
  }
  return true;
}

absl::StatusOr<bool> ShouldBuild(const TagContext& ctx, absl::string_view content) {
  // parseFileHeader: the leading run of // comments and blank lines; a // +build line
  // counts only if a blank line follows it before the first non-comment line.
  size_t end = 0;
  absl::string_view p = content;
  bool ended = false;
  bool in_slash_star = false;
  absl::string_view go_build;
  bool have_go_build = false;
  while (!p.empty()) {
    absl::string_view line = p;
    size_t nl = line.find('\n');
    if (nl != absl::string_view::npos) {
      line = p.substr(0, nl);
      p = p.substr(nl + 1);
    } else {
      p = {};
    }
    line = TrimSpace(line);
    if (line.empty() && !ended) {
      end = content.size() - p.size();
      continue;
    }
    if (!absl::StartsWith(line, "//")) ended = true;
    if (!in_slash_star && IsGoBuildComment(line)) {
      if (have_go_build) {
        return absl::InvalidArgumentError("multiple //go:build comments");
      }
      go_build = line;
      have_go_build = true;
    }
    bool stop = false;
    while (!line.empty()) {
      if (in_slash_star) {
        size_t k = line.find("*/");
        if (k == absl::string_view::npos) break;  // next line
        in_slash_star = false;
        line = TrimSpace(line.substr(k + 2));
        continue;
      }
      if (absl::StartsWith(line, "//")) break;
      if (absl::StartsWith(line, "/*")) {
        in_slash_star = true;
        line = TrimSpace(line.substr(2));
        continue;
      }
      stop = true;  // non-comment text
      break;
    }
    if (stop) break;
  }
  auto match = [&ctx](absl::string_view tag) { return ctx.MatchTag(tag); };
  if (have_go_build) {
    auto x = ParseConstraint(go_build);
    if (!x.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("parsing //go:build line: ", x.status().message()));
    }
    return (*x)->Eval(match);
  }
  bool should_build = true;
  for (absl::string_view line : absl::StrSplit(content.substr(0, end), '\n')) {
    line = TrimSpace(line);
    if (!absl::StartsWith(line, "//") || line.find("+build") == absl::string_view::npos) continue;
    if (!IsPlusBuildLine(line)) continue;
    auto x = ParseConstraint(line);
    if (x.ok() && !(*x)->Eval(match)) should_build = false;
  }
  return should_build;
}

}  // namespace heapmap::load
