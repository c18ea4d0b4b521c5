// frontend/load/package_list.cc — `go list -json` objects read back as packages: a small
// JSON reader that fills Package fields directly, then the checks that the graph is whole
// (every import listed, each package once, no cycle) and the dependency order.
#include "frontend/load/package_list.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "base/utf8.h"

namespace heapmap::load {
namespace {

// Deeper values are refused: go list's objects nest three levels (Module.Replace), and a
// recursive reader must not let its input choose the stack depth.
constexpr int kMaxDepth = 64;

// A JSON reader over one buffer. Each method reads one value at the current offset and
// returns false after recording the first error (its offset and message), after which
// the caller stops.
class JsonReader {
 public:
  explicit JsonReader(std::string_view data) : data_(data.data(), data.size()) {}

  // Skips white space; true at the end of the input.
  bool AtEnd() {
    SkipSpace();
    return pos_ >= data_.size();
  }
  size_t offset() const { return pos_; }
  size_t error_offset() const { return error_offset_; }
  const std::string& error() const { return error_; }

  // Reads a null if one is next (an absent object, array or string).
  bool Null() {
    SkipSpace();
    return ConsumeLiteral("null");
  }

  bool Fail(std::string msg) { return FailAt(pos_, std::move(msg)); }
  bool FailAt(size_t offset, std::string msg) {
    if (error_.empty()) {
      error_ = std::move(msg);
      error_offset_ = offset;
    }
    return false;
  }

  // An object, calling field(key) for each member with the reader on its value; field
  // must read the value (Skip for unknown keys).
  bool Object(const std::function<bool(const std::string&)>& field) {
    if (!Expect('{', "an object")) return false;
    if (Consume('}')) return true;
    for (;;) {
      std::string key;
      SkipSpace();
      if (Peek() != '"') return Fail(Unexpected("a string (an object key)"));
      if (!ReadString(&key)) return false;
      if (!Expect(':', "':' after an object key")) return false;
      if (!field(key)) return false;
      if (Consume('}')) return true;
      if (!Expect(',', "',' or '}' in an object")) return false;
    }
  }

  // A string, or null (empty).
  bool String(absl::string_view field, std::string* out) {
    out->clear();
    if (Null()) return true;
    if (Peek() != '"') return Fail(absl::StrCat(field, ": want a string"));
    return ReadString(out);
  }

  // true, false or null (false).
  bool Bool(absl::string_view field, bool* out) {
    SkipSpace();
    if (ConsumeLiteral("true")) {
      *out = true;
    } else if (ConsumeLiteral("false") || ConsumeLiteral("null")) {
      *out = false;
    } else {
      return Fail(absl::StrCat(field, ": want true or false"));
    }
    return true;
  }

  // An array of strings, or null (empty); `offsets` gets each string's offset.
  bool StringList(absl::string_view field, std::vector<std::string>* out,
                  std::vector<size_t>* offsets = nullptr) {
    out->clear();
    if (offsets != nullptr) offsets->clear();
    if (Null()) return true;
    if (Peek() != '[') return Fail(absl::StrCat(field, ": want an array of strings"));
    ++pos_;
    if (Consume(']')) return true;
    for (;;) {
      SkipSpace();
      if (Peek() != '"') return Fail(absl::StrCat(field, ": want an array of strings"));
      if (offsets != nullptr) offsets->push_back(pos_);
      if (!ReadString(&out->emplace_back())) return false;
      if (Consume(']')) return true;
      if (!Expect(',', "',' or ']' in an array")) return false;
    }
  }

  // An object of strings, or null (empty).
  bool StringMap(absl::string_view field, std::map<std::string, std::string>* out) {
    out->clear();
    if (Null()) return true;
    if (Peek() != '{') return Fail(absl::StrCat(field, ": want an object of strings"));
    return Object([&](const std::string& key) { return String(field, &(*out)[key]); });
  }

  // Any value, read and dropped.
  bool Skip(int depth = 0) {
    if (depth > kMaxDepth) {
      return Fail(absl::StrCat("values nested deeper than ", kMaxDepth, " levels"));
    }
    SkipSpace();
    char c = Peek();
    if (c == '{') return Object([&](const std::string&) { return Skip(depth + 1); });
    if (c == '"') {
      std::string ignored;
      return ReadString(&ignored);
    }
    if (c == '[') {
      ++pos_;
      if (Consume(']')) return true;
      for (;;) {
        if (!Skip(depth + 1)) return false;
        if (Consume(']')) return true;
        if (!Expect(',', "',' or ']' in an array")) return false;
      }
    }
    if (ConsumeLiteral("true") || ConsumeLiteral("false") || ConsumeLiteral("null")) return true;
    if (c == '-' || (c >= '0' && c <= '9')) return Number();
    return Fail(Unexpected("a value"));
  }

 private:
  char Peek() const { return pos_ < data_.size() ? data_[pos_] : '\0'; }

  void SkipSpace() {
    while (pos_ < data_.size() && (data_[pos_] == ' ' || data_[pos_] == '\t' ||
                                   data_[pos_] == '\n' || data_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool Consume(char c) {
    SkipSpace();
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }

  bool Expect(char c, absl::string_view what) {
    if (Consume(c)) return true;
    return Fail(Unexpected(what));
  }

  // A literal not followed by more letters ("nullx" is not null).
  bool ConsumeLiteral(absl::string_view word) {
    if (data_.substr(pos_, word.size()) != word) return false;
    size_t end = pos_ + word.size();
    if (end < data_.size() && std::isalnum(static_cast<unsigned char>(data_[end]))) return false;
    pos_ = end;
    return true;
  }

  std::string Unexpected(absl::string_view want) const {
    if (pos_ >= data_.size()) return absl::StrCat("unexpected end of input, want ", want);
    unsigned char c = static_cast<unsigned char>(data_[pos_]);
    std::string shown = c >= 0x20 && c < 0x7f
                            ? absl::StrCat("'", std::string(1, static_cast<char>(c)), "'")
                            : absl::StrCat("byte 0x", absl::Hex(c, absl::kZeroPad2));
    return absl::StrCat("unexpected ", shown, ", want ", want);
  }

  bool Number() {
    size_t start = pos_;
    auto digits = [&] {
      size_t from = pos_;
      while (pos_ < data_.size() && data_[pos_] >= '0' && data_[pos_] <= '9') ++pos_;
      return pos_ > from;
    };
    if (Peek() == '-') ++pos_;
    bool ok = digits();
    if (ok && Peek() == '.') {
      ++pos_;
      ok = digits();
    }
    if (ok && (Peek() == 'e' || Peek() == 'E')) {
      ++pos_;
      if (Peek() == '+' || Peek() == '-') ++pos_;
      ok = digits();
    }
    return ok || FailAt(start, "malformed number");
  }

  // Four hex digits after "\u".
  bool Hex4(uint32_t* out) {
    if (pos_ + 4 > data_.size()) return false;
    uint32_t v = 0;
    for (size_t i = 0; i < 4; i++) {
      int d = base::HexDigitValue(data_[pos_ + i]);
      if (d < 0) return false;
      v = v * 16 + static_cast<uint32_t>(d);
    }
    pos_ += 4;
    *out = v;
    return true;
  }

  // A string at pos_ (a '"'), its escapes decoded. Bytes from 0x80 are kept as they are:
  // file names that are not UTF-8 come back byte for byte.
  bool ReadString(std::string* out) {
    size_t start = pos_++;
    for (;;) {
      if (pos_ >= data_.size()) return FailAt(start, "unterminated string");
      char c = data_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return Fail("control character in a string");
      if (c != '\\') {
        out->push_back(c);
        ++pos_;
        continue;
      }
      size_t escape = pos_++;
      char e = Peek();
      ++pos_;
      switch (e) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u': {
          uint32_t r;
          if (!Hex4(&r)) return FailAt(escape, "malformed \\u escape");
          // A surrogate pair is one rune; a lone surrogate is U+FFFD, as encoding/json
          // decodes it.
          if (r >= 0xD800 && r < 0xDC00) {
            uint32_t low;
            size_t save = pos_;
            if (data_.substr(pos_, 2) == "\\u" && (pos_ += 2, Hex4(&low)) && low >= 0xDC00 &&
                low < 0xE000) {
              r = 0x10000 + ((r - 0xD800) << 10) + (low - 0xDC00);
            } else {
              pos_ = save;
              r = 0xFFFD;
            }
          } else if (r >= 0xDC00 && r < 0xE000) {
            r = 0xFFFD;
          }
          base::AppendUtf8(r, out);
          break;
        }
        default:
          return FailAt(escape, "malformed escape in a string");
      }
    }
  }

  absl::string_view data_;  // Debian's Abseil: absl::string_view is not std::string_view
  size_t pos_ = 0;
  std::string error_;
  size_t error_offset_ = 0;
};

// A package as read, with where it was in the input.
struct Entry {
  Package pkg;
  size_t offset = 0;
  std::vector<size_t> import_offsets;  // of each of pkg.imports
};

bool ReadModule(JsonReader& in, ModuleInfo* m) {
  if (in.Null()) return true;
  return in.Object([&](const std::string& key) {
    if (key == "Path") return in.String("Module.Path", &m->path);
    if (key == "Version") return in.String("Module.Version", &m->version);
    if (key == "Main") return in.Bool("Module.Main", &m->main);
    if (key == "Indirect") return in.Bool("Module.Indirect", &m->indirect);
    if (key == "Dir") return in.String("Module.Dir", &m->dir);
    if (key == "GoMod") return in.String("Module.GoMod", &m->go_mod);
    if (key == "GoVersion") return in.String("Module.GoVersion", &m->go_version);
    if (key == "Replace") {
      if (in.Null()) return true;
      return in.Object([&](const std::string& rkey) {
        if (rkey == "Path") return in.String("Module.Replace.Path", &m->replace_path);
        if (rkey == "Version") return in.String("Module.Replace.Version", &m->replace_version);
        if (rkey == "Dir") return in.String("Module.Replace.Dir", &m->replace_dir);
        if (rkey == "GoMod") return in.String("Module.Replace.GoMod", &m->replace_go_mod);
        return in.Skip(2);  // GoVersion: the module's own (PackageToJson prints that one)
      });
    }
    return in.Skip(1);
  });
}

// One object of the stream into `e`; the fields of Package that `go list -json` prints.
bool ReadPackage(JsonReader& in, Entry* e) {
  static const auto* kStrings = new std::map<std::string, std::string Package::*>{
      {"Dir", &Package::dir},   {"ImportPath", &Package::import_path},
      {"Name", &Package::name}, {"ImportComment", &Package::import_comment},
      {"Doc", &Package::doc},   {"Root", &Package::root},
  };
  static const auto* kLists = new std::map<std::string, std::vector<std::string> Package::*>{
      {"Match", &Package::match},
      {"GoFiles", &Package::go_files},
      {"CgoFiles", &Package::cgo_files},
      {"IgnoredGoFiles", &Package::ignored_go_files},
      {"InvalidGoFiles", &Package::invalid_go_files},
      {"IgnoredOtherFiles", &Package::ignored_other_files},
      {"CFiles", &Package::c_files},
      {"CXXFiles", &Package::cxx_files},
      {"MFiles", &Package::m_files},
      {"HFiles", &Package::h_files},
      {"FFiles", &Package::f_files},
      {"SFiles", &Package::s_files},
      {"SwigFiles", &Package::swig_files},
      {"SwigCXXFiles", &Package::swig_cxx_files},
      {"SysoFiles", &Package::syso_files},
      {"Deps", &Package::deps},
      {"TestGoFiles", &Package::test_go_files},
      {"TestImports", &Package::test_imports},
      {"XTestGoFiles", &Package::xtest_go_files},
      {"XTestImports", &Package::xtest_imports},
  };
  static const auto* kBools = new std::map<std::string, bool Package::*>{
      {"Goroot", &Package::goroot},
      {"Standard", &Package::standard},
      {"DepOnly", &Package::dep_only},
  };
  Package& p = e->pkg;
  bool incomplete = false;
  bool ok = in.Object([&](const std::string& key) {
    if (auto it = kStrings->find(key); it != kStrings->end()) {
      return in.String(key, &(p.*it->second));
    }
    if (auto it = kLists->find(key); it != kLists->end()) {
      return in.StringList(key, &(p.*it->second));
    }
    if (auto it = kBools->find(key); it != kBools->end()) return in.Bool(key, &(p.*it->second));
    if (key == "Incomplete") return in.Bool(key, &incomplete);
    if (key == "Imports") return in.StringList(key, &p.imports, &e->import_offsets);
    if (key == "ImportMap") return in.StringMap(key, &p.import_map);
    if (key == "Module") {
      if (in.Null()) return true;
      p.module.emplace();
      return ReadModule(in, &*p.module);
    }
    if (key == "Error") {
      if (in.Null()) return true;
      PackageError& err = p.error.emplace();
      return in.Object([&](const std::string& ekey) {
        if (ekey == "ImportStack") return in.StringList("Error.ImportStack", &err.import_stack);
        if (ekey == "Pos") return in.String("Error.Pos", &err.pos);
        if (ekey == "Err") return in.String("Error.Err", &err.err);
        return in.Skip(2);
      });
    }
    return in.Skip(1);
  });
  p.incomplete = incomplete || p.error.has_value();
  return ok;
}

// "NAME:LINE:COL" of byte offsets in the list (1-based line, byte column). The lines'
// starts are found once: a list with an error per package stays linear.
class Positions {
 public:
  Positions(std::string_view data, std::string name) : data_(data), name_(std::move(name)) {}

  std::string operator()(size_t offset) {
    if (line_starts_.empty()) {
      line_starts_.push_back(0);
      for (size_t i = 0; i < data_.size(); i++) {
        if (data_[i] == '\n') line_starts_.push_back(i + 1);
      }
    }
    offset = std::min(offset, data_.size());
    size_t line =
        std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - line_starts_.begin();
    return absl::StrCat(name_, ":", line, ":", offset - line_starts_[line - 1] + 1);
  }

 private:
  std::string_view data_;
  std::string name_;
  std::vector<size_t> line_starts_;
};

}  // namespace

LoadResult ReadPackageList(std::string_view data, std::string_view name, bool with_deps) {
  Positions position(data, std::string(name));
  LoadResult result;
  auto list_error = [&](std::string msg) {
    result.errors.push_back(std::move(msg));
    result.fatal = true;
  };

  // Read every object; a JSON error ends the stream (nothing after it can be trusted).
  std::vector<Entry> entries;
  absl::flat_hash_map<std::string, size_t> index;  // ImportPath -> first entry
  JsonReader in(data);
  while (!in.AtEnd()) {
    Entry e;
    e.offset = in.offset();
    if (!ReadPackage(in, &e)) {
      list_error(absl::StrCat(position(in.error_offset()), ": ", in.error()));
      break;
    }
    if (e.pkg.import_path.empty()) {
      list_error(absl::StrCat(position(e.offset), ": a package without ImportPath"));
      continue;
    }
    e.pkg.module_path = e.pkg.module ? e.pkg.module->path : "";
    auto [it, added] = index.try_emplace(e.pkg.import_path, entries.size());
    if (!added) {
      Package& first = entries[it->second].pkg;
      if (!first.error) {
        first.error = PackageError{
            position(e.offset),
            absl::StrCat("package ", first.import_path, " is listed twice (first at ",
                         position(entries[it->second].offset), ")"),
            {first.import_path}};
        first.incomplete = true;
      }
      continue;
    }
    entries.push_back(std::move(e));
  }

  // An import that is not listed is the importer's error, at the import.
  for (Entry& e : entries) {
    for (size_t i = 0; i < e.pkg.imports.size() && !e.pkg.error; i++) {
      const std::string& imp = e.pkg.imports[i];
      if (imp == "C" || index.contains(imp)) continue;
      e.pkg.error = PackageError{
          position(i < e.import_offsets.size() ? e.import_offsets[i] : e.offset),
          absl::StrCat("package ", imp, " is not in the package list (a list must hold "
                                        "every import, as go list -deps prints it)"),
          {e.pkg.import_path, imp}};
      e.pkg.incomplete = true;
    }
  }

  // Dependency order: depth first over imports, in the input's order, each package after
  // its imports, as Load's -deps walk. An import back to a package still on the walk's
  // stack closes a cycle: the error of that package (as Loader::MarkImportCycles). The
  // stack is explicit: a list's import chains may be as long as it likes.
  enum State { kNew, kOnStack, kDone };
  struct Frame {
    size_t entry;
    size_t next_import = 0;
  };
  std::vector<State> state(entries.size(), kNew);
  std::vector<Frame> stack;
  std::vector<size_t> order;
  for (size_t root = 0; root < entries.size(); root++) {
    if (state[root] != kNew) continue;
    state[root] = kOnStack;
    stack.push_back({root});
    while (!stack.empty()) {
      Frame& f = stack.back();
      Package& p = entries[f.entry].pkg;
      if (f.next_import == p.imports.size()) {
        // Done: after its imports. An importer is incomplete when an import is.
        state[f.entry] = kDone;
        order.push_back(f.entry);
        bool incomplete = p.incomplete;
        stack.pop_back();
        if (!stack.empty() && incomplete) entries[stack.back().entry].pkg.incomplete = true;
        continue;
      }
      auto it = index.find(p.imports[f.next_import++]);
      if (it == index.end()) continue;
      size_t j = it->second;
      Package& imp = entries[j].pkg;
      if (state[j] == kNew) {
        state[j] = kOnStack;
        stack.push_back({j});  // f and p are not used after this
        continue;
      }
      if (state[j] == kOnStack && !imp.error) {
        PackageError e;
        e.err = "import cycle not allowed";
        auto from = std::find_if(stack.begin(), stack.end(),
                                 [j](const Frame& s) { return s.entry == j; });
        for (auto s = from; s != stack.end(); ++s) {
          e.import_stack.push_back(entries[s->entry].pkg.import_path);
        }
        e.import_stack.push_back(imp.import_path);
        imp.error = std::move(e);
        imp.incomplete = true;
      }
      if (imp.incomplete) p.incomplete = true;
    }
  }

  bool named = false;
  for (size_t i : order) {
    Package& p = entries[i].pkg;
    named |= !p.dep_only;
    if (with_deps || !p.dep_only) result.packages.push_back(std::move(p));
  }
  if (!named && result.errors.empty()) {
    list_error(absl::StrCat("warning: the package list ", std::string(name),
                            " names no package (every one is DepOnly, or there is none)"));
  }
  return result;
}

LoadResult LoadPackageList(const std::string& path, bool with_deps) {
  const bool from_stdin = path == "-";
  std::FILE* f = from_stdin ? stdin : std::fopen(path.c_str(), "rb");
  std::string data;
  bool ok = f != nullptr;
  if (ok) {
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, n);
    ok = !std::ferror(f);  // a directory fails here (EISDIR), not at fopen
  }
  int err = errno;
  if (f != nullptr && !from_stdin) std::fclose(f);
  if (!ok) {
    LoadResult r;
    r.errors.push_back(absl::StrCat("cannot read the package list ",
                                    from_stdin ? "from stdin" : path, ": ", std::strerror(err)));
    r.fatal = true;
    return r;
  }
  return ReadPackageList(data, from_stdin ? "<stdin>" : path, with_deps);
}

}  // namespace heapmap::load
