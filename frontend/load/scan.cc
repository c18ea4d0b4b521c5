// frontend/load/scan.cc — go/build's Import file selection over one directory.
#include "frontend/load/scan.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "frontend/load/header.h"

namespace heapmap::load {
namespace {

struct Entry {
  std::string name;
  bool is_dir = false;
};

bool StatIsDir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// os.ReadDir: entries sorted by name; symlinks to directories count as directories
// here because go/build skips them as "not source files" either way.
bool ReadDir(const std::string& dir, std::vector<Entry>* out, std::string* err) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) {
    *err = absl::StrCat("open ", dir, ": ", std::strerror(errno));
    return false;
  }
  while (struct dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    Entry ent;
    ent.name = name;
    if (e->d_type == DT_DIR) {
      ent.is_dir = true;
    } else if (e->d_type == DT_LNK || e->d_type == DT_UNKNOWN) {
      ent.is_dir = StatIsDir(dir + "/" + name);
    }
    out->push_back(std::move(ent));
  }
  ::closedir(d);
  std::sort(out->begin(), out->end(),
            [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return true;
}

std::string NameExt(absl::string_view name) {
  size_t i = name.rfind('.');
  return i == absl::string_view::npos ? std::string() : std::string(name.substr(i));
}

std::vector<std::string>* FileListForExt(DirScan* p, absl::string_view ext) {
  if (ext == ".c") return &p->c_files;
  if (ext == ".cc" || ext == ".cpp" || ext == ".cxx") return &p->cxx_files;
  if (ext == ".m") return &p->m_files;
  if (ext == ".h" || ext == ".hh" || ext == ".hpp" || ext == ".hxx") return &p->h_files;
  if (ext == ".f" || ext == ".F" || ext == ".for" || ext == ".f90") return &p->f_files;
  if (ext == ".s" || ext == ".S" || ext == ".sx") return &p->s_files;
  if (ext == ".swig") return &p->swig_files;
  if (ext == ".swigcxx") return &p->swig_cxx_files;
  if (ext == ".syso") return &p->syso_files;
  return nullptr;
}

// CommentGroup.Text: markers removed, directives dropped, blank lines trimmed.
std::string CommentText(absl::string_view raw) {
  std::vector<std::string> lines;
  for (absl::string_view l : absl::StrSplit(raw, '\n')) {
    absl::string_view t = l;
    // Directives (//go:generate, //line, //export ...) are not documentation.
    if (absl::StartsWith(t, "line ") || absl::StartsWith(t, "extern ") ||
        absl::StartsWith(t, "export ")) {
      continue;
    }
    size_t colon = t.find(':');
    if (colon != absl::string_view::npos && colon > 0 && colon + 1 < t.size()) {
      bool directive = true;
      for (size_t i = 0; i < colon; i++) {
        char c = t[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) directive = false;
      }
      char c = t[colon + 1];
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) directive = false;
      if (directive) continue;
    }
    lines.emplace_back(absl::StripTrailingAsciiWhitespace(t));
  }
  std::string out;
  for (const std::string& l : lines) {
    out += l;
    out += '\n';
  }
  return out;
}

}  // namespace

std::string DocSynopsis(absl::string_view raw) {
  std::string text = CommentText(raw);
  // firstSentenceLen: up to a period followed by a space, where the char before the
  // period is not a lone upper-case letter; or to the first blank line.
  size_t end = text.size();
  {
    size_t blank = text.find("\n\n");
    // Leading blank lines do not end the paragraph.
    size_t start = text.find_first_not_of(" \t\n");
    if (start != std::string::npos) {
      blank = text.find("\n\n", start);
      if (blank != std::string::npos) end = blank;
    }
  }
  char ppp = 0, pp = 0, p = 0;
  for (size_t i = 0; i < end; i++) {
    char q = text[i];
    if (q == '\n' || q == '\r' || q == '\t') q = ' ';
    if (q == ' ' && p == '.' && (!(pp >= 'A' && pp <= 'Z') || (ppp >= 'A' && ppp <= 'Z'))) {
      end = i;
      break;
    }
    ppp = pp;
    pp = p;
    p = q;
  }
  std::string s;
  bool space = false;
  for (size_t i = 0; i < end; i++) {
    char c = text[i];
    // U+00A0 and U+0085 are white space to unicode.IsSpace as well.
    if (c == '\xC2' && i + 1 < end && (text[i + 1] == '\xA0' || text[i + 1] == '\x85')) {
      i++;
      c = ' ';
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !s.empty();
    } else {
      if (space) s += ' ';
      space = false;
      s += c;
    }
  }
  std::string lower = absl::AsciiStrToLower(s);
  for (absl::string_view prefix : {"copyright", "all rights", "author"}) {
    if (absl::StartsWith(lower, prefix)) return "";
  }
  std::string out;
  for (size_t i = 0; i < s.size(); i++) {
    if (i + 1 < s.size() && s[i] == '`' && s[i + 1] == '`') {
      out += "\u201c";
      i++;
    } else if (i + 1 < s.size() && s[i] == '\'' && s[i + 1] == '\'') {
      out += "\u201d";
      i++;
    } else {
      out += s[i];
    }
  }
  return out;
}

namespace {

struct ScanState {
  DirScan p;
  std::set<std::string> bad_files;
  std::string first_file;
  std::vector<std::string> s_upper_files;  // .S/.sx
  std::map<std::string, std::string> import_pos;
  std::set<std::string> test_imports, xtest_imports;
};

void BadFile(ScanState* st, const std::string& name, const std::string& err,
             const std::string& pos = "", bool parse_error = false) {
  if (!st->p.error) {
    st->p.error = err;
    st->p.error_pos = pos;
    st->p.error_names_package = parse_error;
  }
  if (st->bad_files.insert(name).second) st->p.invalid_go_files.push_back(name);
}

void ScanOne(const TagContext& tags, const std::string& dir, const std::string& name,
             ScanState* st) {
  DirScan& p = st->p;
  std::string ext = NameExt(name);
  // matchFile.
  if (absl::StartsWith(name, "_") || absl::StartsWith(name, ".")) return;
  auto ignored = [&]() {
    if (ext == ".go") {
      p.ignored_go_files.push_back(name);
    } else if (FileListForExt(&p, ext) != nullptr) {
      p.ignored_other_files.push_back(name);
    }
  };
  if (!GoodOSArchFile(tags, name)) return ignored();
  if (ext != ".go" && FileListForExt(&p, ext) == nullptr) return;
  std::string path = dir + "/" + name;
  if (ext == ".syso") {
    p.syso_files.push_back(name);
    return;
  }
  GoFileHeader h = ext == ".go" ? ReadGoFileHeader(path) : ReadFileComments(path);
  if (!h.read_error.empty()) {
    BadFile(st, name, h.read_error);
    return;
  }
  absl::StatusOr<bool> ok = ShouldBuild(tags, h.header);
  if (!ok.ok()) {
    BadFile(st, name, absl::StrCat(name, ": ", ok.status().message()));
    return;
  }
  if (!*ok) return ignored();
  if (ext == ".S" || ext == ".sx") {
    st->s_upper_files.push_back(name);
    return;
  }
  if (ext != ".go") {
    FileListForExt(&p, ext)->push_back(name);
    return;
  }
  if (!h.parse_error.empty()) {
    // "line:col: msg" → Pos "file:line:col", Err "msg", as go list reports it.
    absl::string_view pe = h.parse_error;
    size_t c1 = pe.find(':');
    size_t c2 = c1 == absl::string_view::npos ? c1 : pe.find(':', c1 + 1);
    if (c2 != absl::string_view::npos && c2 + 2 <= pe.size()) {
      BadFile(st, name, std::string(pe.substr(c2 + 2)),
              absl::StrCat(path, ":", pe.substr(0, c2)), true);
    } else {
      BadFile(st, name, absl::StrCat(path, ":", pe), "", true);
    }
  }
  std::string pkg = h.package_name;
  if (pkg == "documentation") {
    p.ignored_go_files.push_back(name);
    return;
  }
  bool is_test = absl::EndsWith(name, "_test.go");
  bool is_xtest = false;
  if (is_test && absl::EndsWith(pkg, "_test") && p.name != pkg) {
    is_xtest = true;
    pkg = pkg.substr(0, pkg.size() - 5);
  }
  if (p.name.empty()) {
    p.name = pkg;
    st->first_file = name;
  } else if (pkg != p.name) {
    BadFile(st, name,
            absl::StrCat("found packages ", p.name, " (", st->first_file, ") and ", pkg, " (",
                         name, ") in ", dir));
  }
  if (!h.doc.empty() && p.doc.empty() && !is_test && !is_xtest) p.doc = DocSynopsis(h.doc);
  bool is_cgo = false;
  for (const GoImport& imp : h.imports) {
    if (imp.path == "C") {
      if (is_test) {
        BadFile(st, name, absl::StrCat("use of cgo in test ", path, " not supported"));
        continue;
      }
      is_cgo = true;
    }
  }
  enum { kNone, kMain, kTest, kXTest } import_list = kNone;
  if (is_cgo) {
    if (tags.cgo_enabled) {
      p.cgo_files.push_back(name);
      import_list = kMain;
    } else {
      // go/build: a cgo file under CGO_ENABLED=0 is ignored, with its imports.
      p.ignored_go_files.push_back(name);
    }
  } else if (is_xtest) {
    p.xtest_go_files.push_back(name);
    import_list = kXTest;
  } else if (is_test) {
    p.test_go_files.push_back(name);
    import_list = kTest;
  } else {
    p.go_files.push_back(name);
    import_list = kMain;
  }
  for (const GoImport& imp : h.imports) {
    switch (import_list) {
      case kMain:
        st->import_pos.emplace(imp.path, absl::StrCat(path, ":", imp.line, ":", imp.column));
        break;
      case kTest:
        st->test_imports.insert(imp.path);
        break;
      case kXTest:
        st->xtest_imports.insert(imp.path);
        break;
      case kNone:
        break;
    }
  }
}

DirScan Finish(ScanState* st, const std::string& dir) {
  DirScan& p = st->p;
  for (const auto& [path, pos] : st->import_pos) {
    p.imports.push_back(path);
    p.import_pos.push_back(pos);
  }
  p.test_imports.assign(st->test_imports.begin(), st->test_imports.end());
  p.xtest_imports.assign(st->xtest_imports.begin(), st->xtest_imports.end());
  // .S/.sx files are compiled only with cgo (by gcc); otherwise they are ignored.
  if (!p.cgo_files.empty()) {
    p.s_files.insert(p.s_files.end(), st->s_upper_files.begin(), st->s_upper_files.end());
    std::sort(p.s_files.begin(), p.s_files.end());
  } else {
    p.ignored_other_files.insert(p.ignored_other_files.end(), st->s_upper_files.begin(),
                                 st->s_upper_files.end());
    std::sort(p.ignored_other_files.begin(), p.ignored_other_files.end());
  }
  if (!p.error && p.go_files.size() + p.cgo_files.size() + p.test_go_files.size() +
                          p.xtest_go_files.size() == 0) {
    p.no_go = true;
    p.error_names_package = true;
    if (!p.ignored_go_files.empty()) {
      p.error = absl::StrCat("build constraints exclude all Go files in ", dir);
    } else {
      p.error = absl::StrCat("no Go files in ", dir);
    }
  }
  return std::move(st->p);
}

}  // namespace

DirScan ScanDir(const TagContext& tags, const std::string& dir, bool import_comment) {
  (void)import_comment;
  ScanState st;
  std::vector<Entry> entries;
  std::string err;
  if (!ReadDir(dir, &entries, &err)) {
    st.p.read_dir_error = err;
    st.p.error = err;
    return std::move(st.p);
  }
  st.p.exists = true;
  for (const Entry& e : entries) {
    if (e.is_dir) continue;
    if (absl::EndsWith(e.name, ".go")) st.p.has_go_files = true;
    ScanOne(tags, dir, e.name, &st);
  }
  return Finish(&st, dir);
}

DirScan ScanFiles(const TagContext& tags, const std::string& dir,
                  const std::vector<std::string>& names) {
  ScanState st;
  st.p.exists = true;
  std::vector<std::string> sorted = names;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  for (const std::string& name : sorted) {
    st.p.has_go_files = true;
    ScanOne(tags, dir, name, &st);
  }
  return Finish(&st, dir);
}

}  // namespace heapmap::load
