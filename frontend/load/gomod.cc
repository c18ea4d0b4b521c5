// frontend/load/gomod.cc — go.mod, go.work and vendor/modules.txt parsing, module cache
// path escaping.
#include "frontend/load/gomod.h"

#include <algorithm>
#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "frontend/load/header.h"

namespace heapmap::load {
namespace {

struct ModToken {
  std::string text;
  bool quoted = false;
};

struct ModLine {
  int line = 0;
  std::vector<ModToken> tokens;
  std::string comment;  // trailing // comment text
};

// Go's %#q of a rune (modfile's "unexpected input character %#q"): 'c' when printable,
// else its escape ('\t', '\x00'). Bytes from 0x80 stand for themselves here: modfile
// would decode a UTF-8 rune first.
std::string QuoteChar(unsigned char c) {
  switch (c) {
    case '\a': return "'\\a'";
    case '\b': return "'\\b'";
    case '\f': return "'\\f'";
    case '\n': return "'\\n'";
    case '\r': return "'\\r'";
    case '\t': return "'\\t'";
    case '\v': return "'\\v'";
    case '\'': return "'\\''";
    default: break;
  }
  if (c >= 0x20 && c < 0x7f) return std::string("'") + static_cast<char>(c) + "'";
  return absl::StrFormat("'\\x%02x'", c);
}

bool IsModIdentChar(unsigned char c) {
  return !(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f' ||
           c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == ',') &&
         c >= 0x20 && c != 0x7f;
}

// Splits the file into logical lines of tokens, with block structure flattened into
// (verb, line) pairs by the caller. Returns an error string on a lexical problem.
std::string Lex(absl::string_view data, std::vector<ModLine>* lines) {
  int lineno = 1;
  size_t i = 0;
  ModLine cur;
  cur.line = 1;
  auto flush = [&]() {
    if (!cur.tokens.empty()) lines->push_back(std::move(cur));
    cur = ModLine();
  };
  while (i < data.size()) {
    unsigned char c = static_cast<unsigned char>(data[i]);
    if (c == '\n') {
      flush();
      lineno++;
      cur.line = lineno;
      i++;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      i++;
      continue;
    }
    if (cur.tokens.empty()) cur.line = lineno;
    if (c == '/' && i + 1 < data.size() && data[i + 1] == '/') {
      size_t end = data.find('\n', i);
      if (end == absl::string_view::npos) end = data.size();
      cur.comment = std::string(absl::StripAsciiWhitespace(data.substr(i + 2, end - i - 2)));
      i = end;
      continue;
    }
    if (c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == ',') {
      cur.tokens.push_back({std::string(1, static_cast<char>(c)), false});
      i++;
      continue;
    }
    if (c == '"' || c == '`') {
      size_t j = i + 1;
      while (j < data.size() && data[j] != static_cast<char>(c) && data[j] != '\n') {
        if (c == '"' && data[j] == '\\') j++;
        j++;
      }
      if (j >= data.size() || data[j] != static_cast<char>(c)) {
        return absl::StrCat(lineno, ": unexpected newline in string");
      }
      cur.tokens.push_back({std::string(data.substr(i, j + 1 - i)), true});
      i = j + 1;
      continue;
    }
    if (!IsModIdentChar(c)) {
      return absl::StrCat(lineno, ": unexpected input character ", QuoteChar(c));
    }
    size_t j = i;
    while (j < data.size() && IsModIdentChar(static_cast<unsigned char>(data[j]))) {
      if (data[j] == '/' && j + 1 < data.size() && data[j + 1] == '/') break;
      j++;
    }
    cur.tokens.push_back({std::string(data.substr(i, j - i)), false});
    i = j;
  }
  flush();
  return "";
}

bool ParseString(const ModToken& t, std::string* out) {
  if (!t.quoted) {
    if (t.text.find('"') != std::string::npos || t.text.find('`') != std::string::npos) {
      return false;
    }
    *out = t.text;
    return true;
  }
  return UnquoteGoString(t.text, out);
}

// semver.IsValid (v1, v1.2, v1.2.3, prerelease, build); `canonical` additionally
// requires all three numbers, as go.mod versions must have.
bool ParseSemver(absl::string_view v, absl::string_view* major, absl::string_view* minor,
                 absl::string_view* patch, absl::string_view* pre, bool* short_form) {
  if (!absl::ConsumePrefix(&v, "v")) return false;
  auto num = [&v](absl::string_view* out) {
    size_t i = 0;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) i++;
    if (i == 0 || (i > 1 && v[0] == '0')) return false;
    *out = v.substr(0, i);
    v.remove_prefix(i);
    return true;
  };
  *short_form = false;
  *minor = "0";
  *patch = "0";
  *pre = "";
  if (!num(major)) return false;
  if (v.empty()) {
    *short_form = true;
    return true;
  }
  if (!absl::ConsumePrefix(&v, ".") || !num(minor)) return false;
  if (v.empty()) {
    *short_form = true;
    return true;
  }
  if (!absl::ConsumePrefix(&v, ".") || !num(patch)) return false;
  if (!v.empty() && v[0] == '-') {
    size_t end = v.find('+');
    *pre = v.substr(0, end);
    if (pre->size() < 2) return false;
    v = end == absl::string_view::npos ? absl::string_view() : v.substr(end);
  }
  if (!v.empty() && v[0] == '+') {
    if (v.size() < 2) return false;
    v = {};
  }
  return v.empty();
}

int CompareNum(absl::string_view a, absl::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a < b ? -1 : (a > b ? 1 : 0);
}

int ComparePrerelease(absl::string_view a, absl::string_view b) {
  if (a == b) return 0;
  if (a.empty()) return 1;
  if (b.empty()) return -1;
  std::vector<absl::string_view> as = absl::StrSplit(a.substr(1), '.');
  std::vector<absl::string_view> bs = absl::StrSplit(b.substr(1), '.');
  for (size_t i = 0; i < as.size() && i < bs.size(); i++) {
    if (as[i] == bs[i]) continue;
    bool an = !as[i].empty() && std::all_of(as[i].begin(), as[i].end(), ::isdigit);
    bool bn = !bs[i].empty() && std::all_of(bs[i].begin(), bs[i].end(), ::isdigit);
    if (an && bn) return CompareNum(as[i], bs[i]);
    if (an) return -1;
    if (bn) return 1;
    return as[i] < bs[i] ? -1 : 1;
  }
  if (as.size() == bs.size()) return 0;
  return as.size() < bs.size() ? -1 : 1;
}

}  // namespace

int CompareSemver(absl::string_view a, absl::string_view b) {
  absl::string_view ma, na, pa, ra, mb, nb, pb, rb;
  bool sa, sb;
  bool va = ParseSemver(a, &ma, &na, &pa, &ra, &sa);
  bool vb = ParseSemver(b, &mb, &nb, &pb, &rb, &sb);
  if (!va && !vb) return 0;
  if (!va) return -1;
  if (!vb) return 1;
  if (int c = CompareNum(ma, mb)) return c;
  if (int c = CompareNum(na, nb)) return c;
  if (int c = CompareNum(pa, pb)) return c;
  return ComparePrerelease(ra, rb);
}

namespace {

// What go.mod and go.work share (modfile's parse and the rules common to File.add and
// WorkFile.add): the lexer's lines walked directive by directive, block forms
// (`verb ( ... )`) flattened, and the go and replace directives.
class ModFileParser {
 public:
  explicit ModFileParser(absl::string_view filename) : filename_(filename) {}

  void ErrorAt(int line, absl::string_view msg) {
    errs_.push_back(absl::StrCat(filename_, ":", line, ": ", msg));
  }
  bool ok() const { return errs_.empty(); }
  absl::Status Status() const { return absl::InvalidArgumentError(absl::StrJoin(errs_, "\n")); }

  // Calls directive(verb, line, first argument's index) for each directive of `data`,
  // those inside a block of a verb in `block_verbs` included. False on a lexical error
  // (then Status() holds it).
  template <typename Directive>
  bool Walk(absl::string_view data, const std::vector<absl::string_view>& block_verbs,
            Directive directive) {
    std::vector<ModLine> lines;
    std::string lex_err = Lex(data, &lines);
    if (!lex_err.empty()) {
      errs_.push_back(absl::StrCat(filename_, ":", lex_err));
      return false;
    }
    for (size_t i = 0; i < lines.size(); i++) {
      const ModLine& l = lines[i];
      const std::string& verb = l.tokens[0].text;
      if (l.tokens.size() == 2 && l.tokens[1].text == "(" && !l.tokens[1].quoted) {
        // Block form: verb ( ... ).
        size_t j = i + 1;
        bool closed = false;
        bool known = std::find(block_verbs.begin(), block_verbs.end(), verb) != block_verbs.end();
        if (!known) ErrorAt(l.line, absl::StrCat("unknown block type: ", verb));
        for (; j < lines.size(); j++) {
          if (lines[j].tokens.size() == 1 && lines[j].tokens[0].text == ")") {
            closed = true;
            break;
          }
          if (known) directive(verb, lines[j], 0);
        }
        if (!closed) ErrorAt(l.line, "unexpected EOF: missing )");
        i = j;
        continue;
      }
      if (l.tokens.size() == 1 && l.tokens[0].text == ")") {
        ErrorAt(l.line, "unexpected )");
        continue;
      }
      directive(verb, l, 1);
    }
    return true;
  }

  // `go 1.N`, once.
  void Go(const ModLine& l, const std::vector<ModToken>& args, std::string* version) {
    if (have_go_) return ErrorAt(l.line, "repeated go statement");
    if (args.size() != 1) return ErrorAt(l.line, "go directive expects exactly one argument");
    absl::string_view v = args[0].text;
    // GoVersionRE: ^([1-9][0-9]*)\.(0|[1-9][0-9]*)$
    std::vector<absl::string_view> parts = absl::StrSplit(v, '.');
    bool ok = parts.size() == 2 && !parts[0].empty() && parts[0][0] != '0' &&
              !parts[1].empty() && (parts[1] == "0" || parts[1][0] != '0') &&
              std::all_of(v.begin(), v.end(), [](char c) {
                return c == '.' || std::isdigit(static_cast<unsigned char>(c));
              });
    if (!ok) {
      return ErrorAt(l.line, absl::StrCat("invalid go version '", v, "': must match format 1.23"));
    }
    have_go_ = true;
    *version = std::string(v);
  }

  // A version token of `verb path VERSION`, canonical (v1.2.3).
  bool Version(const ModLine& l, absl::string_view verb, const std::string& path,
               const ModToken& tok, std::string* out) {
    std::string v;
    if (!ParseString(tok, &v)) {
      ErrorAt(l.line, absl::StrCat("invalid quoted string: ", tok.text));
      return false;
    }
    absl::string_view a, b, c, d;
    bool short_form;
    if (!ParseSemver(v, &a, &b, &c, &d, &short_form) || short_form) {
      ErrorAt(l.line, absl::StrCat(verb, " ", path, ": version \"", v,
                                   "\" invalid: must be of the form v1.2.3"));
      return false;
    }
    *out = v;
    return true;
  }

  // `replace old [v] => new [v]` (modfile.parseReplace).
  void Replace(const ModLine& l, absl::string_view verb, const std::vector<ModToken>& args,
               std::vector<GoModReplace>* out) {
    size_t arrow = 0;
    while (arrow < args.size() && !(args[arrow].text == "=>" && !args[arrow].quoted)) arrow++;
    if (arrow < 1 || arrow > 2 || args.size() - arrow - 1 < 1 || args.size() - arrow - 1 > 2) {
      return ErrorAt(l.line, absl::StrCat(
          "usage: ", verb, " module/path [v1.2.3] => other/module v1.4\n\t or ", verb,
          " module/path [v1.2.3] => ../local/directory"));
    }
    GoModReplace r;
    r.line = l.line;
    if (!ParseString(args[0], &r.old_mod.path)) {
      return ErrorAt(l.line, absl::StrCat("invalid quoted string: ", args[0].text));
    }
    if (arrow == 2 && !Version(l, verb, r.old_mod.path, args[1], &r.old_mod.version)) return;
    if (!ParseString(args[arrow + 1], &r.new_mod.path)) {
      return ErrorAt(l.line, absl::StrCat("invalid quoted string: ", args[arrow + 1].text));
    }
    bool is_dir = absl::StartsWith(r.new_mod.path, "./") ||
                  absl::StartsWith(r.new_mod.path, "../") ||
                  absl::StartsWith(r.new_mod.path, "/") || r.new_mod.path == "." ||
                  r.new_mod.path == "..";
    if (args.size() - arrow - 1 == 1) {
      if (!is_dir) {
        return ErrorAt(l.line, "replacement module without version must be directory path "
                               "(rooted or starting with ./ or ../)");
      }
    } else {
      if (is_dir) {
        return ErrorAt(l.line, absl::StrCat("replacement module directory path \"",
                                            r.new_mod.path, "\" cannot have version"));
      }
      if (!Version(l, verb, r.new_mod.path, args[arrow + 2], &r.new_mod.version)) return;
    }
    out->push_back(std::move(r));
  }

 private:
  std::string filename_;
  std::vector<std::string> errs_;
  bool have_go_ = false;
};

std::vector<ModToken> Args(const ModLine& l, size_t first) {
  return std::vector<ModToken>(l.tokens.begin() + static_cast<long>(first), l.tokens.end());
}

}  // namespace

absl::StatusOr<GoModFile> ParseGoMod(absl::string_view filename, absl::string_view data) {
  GoModFile f;
  ModFileParser parser(filename);
  bool have_module = false;
  auto directive = [&](absl::string_view verb, const ModLine& l, size_t first) {
    std::vector<ModToken> args = Args(l, first);
    if (verb == "module") {
      if (have_module) return parser.ErrorAt(l.line, "repeated module statement");
      have_module = true;
      if (args.size() != 1) return parser.ErrorAt(l.line, "usage: module module/path");
      if (!ParseString(args[0], &f.module_path)) {
        return parser.ErrorAt(l.line, absl::StrCat("invalid quoted string: ", args[0].text));
      }
    } else if (verb == "go") {
      parser.Go(l, args, &f.go_version);
    } else if (verb == "require" || verb == "exclude") {
      if (args.size() != 2) {
        return parser.ErrorAt(l.line, absl::StrCat("usage: ", verb, " module/path v1.2.3"));
      }
      std::string path, version;
      if (!ParseString(args[0], &path)) {
        return parser.ErrorAt(l.line, absl::StrCat("invalid quoted string: ", args[0].text));
      }
      if (!parser.Version(l, verb, path, args[1], &version)) return;
      if (verb == "require") {
        GoModRequire r;
        r.mod = {path, version};
        r.indirect = absl::StartsWith(l.comment, "indirect");
        r.line = l.line;
        f.require.push_back(std::move(r));
      } else {
        f.exclude.push_back({path, version});
      }
    } else if (verb == "replace") {
      parser.Replace(l, verb, args, &f.replace);
    } else if (verb == "retract") {
      // Retractions do not affect which packages exist; accepted and ignored.
    } else {
      parser.ErrorAt(l.line, absl::StrCat("unknown directive: ", verb));
    }
  };
  if (!parser.Walk(data, {"module", "go", "require", "exclude", "replace", "retract"}, directive)) {
    return parser.Status();
  }
  if (parser.ok() && !have_module) {
    return absl::InvalidArgumentError(absl::StrCat(
        filename, ": no module declaration in go.mod. To specify the module path:\n\tgo mod "
                  "edit -module=example.com/mod"));
  }
  if (!parser.ok()) return parser.Status();
  return f;
}

absl::StatusOr<GoWorkFile> ParseGoWork(absl::string_view filename, absl::string_view data) {
  GoWorkFile f;
  ModFileParser parser(filename);
  auto directive = [&](absl::string_view verb, const ModLine& l, size_t first) {
    std::vector<ModToken> args = Args(l, first);
    if (verb == "go") {
      parser.Go(l, args, &f.go_version);
    } else if (verb == "use") {
      if (args.size() != 1) return parser.ErrorAt(l.line, "usage: use local/dir");
      GoWorkUse u;
      u.line = l.line;
      if (!ParseString(args[0], &u.path)) {
        return parser.ErrorAt(l.line, absl::StrCat("invalid quoted string: ", args[0].text));
      }
      f.use.push_back(std::move(u));
    } else if (verb == "replace") {
      parser.Replace(l, verb, args, &f.replace);
    } else {
      parser.ErrorAt(l.line, absl::StrCat("unknown directive: ", verb));
    }
  };
  // modfile.ParseWork knows only use and replace blocks.
  if (!parser.Walk(data, {"use", "replace"}, directive) || !parser.ok()) return parser.Status();
  return f;
}

std::vector<VendorModule> ParseModulesTxt(absl::string_view data) {
  std::vector<VendorModule> mods;
  for (absl::string_view line : absl::StrSplit(data, '\n')) {
    line = absl::StripTrailingAsciiWhitespace(line);
    if (absl::ConsumePrefix(&line, "## ")) {
      if (mods.empty()) continue;
      for (absl::string_view entry : absl::StrSplit(line, ';')) {
        entry = absl::StripAsciiWhitespace(entry);
        if (entry == "explicit") mods.back().explicit_req = true;
        if (absl::ConsumePrefix(&entry, "go ")) mods.back().go_version = std::string(entry);
      }
    } else if (absl::ConsumePrefix(&line, "# ")) {
      std::vector<absl::string_view> f = absl::StrSplit(line, ' ', absl::SkipEmpty());
      VendorModule m;
      if (f.empty()) continue;
      m.mod.path = std::string(f[0]);
      size_t k = 1;
      if (k < f.size() && f[k] != "=>") m.mod.version = std::string(f[k++]);
      if (k < f.size() && f[k] == "=>") {
        k++;
        if (k < f.size()) m.replacement.path = std::string(f[k++]);
        if (k < f.size()) m.replacement.version = std::string(f[k++]);
      }
      mods.push_back(std::move(m));
    } else if (!line.empty() && line[0] != '#') {
      if (!mods.empty()) mods.back().packages.push_back(std::string(line));
    }
  }
  return mods;
}

std::string EscapeModulePath(absl::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    if (c >= 'A' && c <= 'Z') {
      out.push_back('!');
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace heapmap::load
