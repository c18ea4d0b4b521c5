// frontend/load/loader.cc — build context, pattern expansion, import resolution (GOPATH and
// module mode), and `go list -json` output.
//
// The go command's rules mirrored here live in cmd/go/internal/{load,search,modload};
// see README.md for the map from each function below to its Go counterpart.
#include "frontend/load/loader.h"

#include "base/path.h"

#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include <climits>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <unordered_map>

#include "base/json.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "frontend/load/constraint.h"
#include "frontend/load/gomod.h"
#include "frontend/load/header.h"
#include "frontend/load/match.h"
#include "frontend/load/scan.h"
#include "oneapi/tbb/parallel_for_each.h"

extern char** environ;

namespace heapmap::load {
namespace {

// --- Small file-system and path helpers. ---

bool IsDir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool IsFile(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return !in.bad();
}

// base::CleanPath for this file's absl::string_views (Debian's Abseil has its own type).
std::string CleanPath(absl::string_view p) {
  return base::CleanPath(std::string_view(p.data(), p.size()));
}

std::string JoinPath(absl::string_view a, absl::string_view b) {
  if (b.empty()) return CleanPath(a);
  if (a.empty()) return CleanPath(b);
  return CleanPath(absl::StrCat(a, "/", b));
}

std::string AbsPath(const std::string& base, const std::string& p) {
  return base::AbsPath(base, p);
}

// str.HasFilePathPrefix + the relative remainder ("" when equal).
bool HasSubdir(const std::string& root, const std::string& dir, std::string* rel) {
  if (dir == root) {
    *rel = "";
    return true;
  }
  std::string r = root;
  if (r != "/" ) r += "/";
  if (!absl::StartsWith(dir, r)) return false;
  *rel = dir.substr(r.size());
  return true;
}

std::string EvalSymlinks(const std::string& p) {
  char buf[PATH_MAX];
  if (::realpath(p.c_str(), buf) == nullptr) return p;
  return buf;
}

// build.Context.hasSubdir: `dir` strictly below `root`, trying the paths as given,
// then with symbolic links expanded on either side (GOROOT is often a symlink tree).
bool HasSubdirSym(const std::string& root, const std::string& dir, std::string* rel) {
  if (HasSubdir(root, dir, rel) && !rel->empty()) return true;
  std::string root_sym = EvalSymlinks(root), dir_sym = EvalSymlinks(dir);
  if (HasSubdir(root_sym, dir, rel) && !rel->empty()) return true;
  if (HasSubdir(root, dir_sym, rel) && !rel->empty()) return true;
  return HasSubdir(root_sym, dir_sym, rel) && !rel->empty();
}

// filepath.Rel for two clean absolute paths: `path` relative to `base` ("." when equal).
std::string RelPath(const std::string& base, const std::string& path) {
  std::vector<std::string> b = absl::StrSplit(base, '/', absl::SkipEmpty());
  std::vector<std::string> t = absl::StrSplit(path, '/', absl::SkipEmpty());
  size_t i = 0;
  while (i < b.size() && i < t.size() && b[i] == t[i]) i++;
  std::vector<std::string> rel;
  for (size_t k = i; k < b.size(); k++) rel.push_back("..");
  for (size_t k = i; k < t.size(); k++) rel.push_back(t[k]);
  return rel.empty() ? "." : absl::StrJoin(rel, "/");
}

// base.ShortPath: the path relative to the work dir when that is shorter.
std::string ShortPath(const std::string& work_dir, const std::string& path) {
  if (path.empty() || path[0] != '/' || work_dir.empty() || work_dir[0] != '/') return path;
  std::string r = RelPath(work_dir, path);
  return r.size() < path.size() ? r : path;
}

std::string DirName(const std::string& path) {
  size_t i = path.rfind('/');
  if (i == std::string::npos) return ".";
  return i == 0 ? "/" : path.substr(0, i);
}

// modload.findModuleRoot: the nearest directory at or above `dir` with a go.mod.
std::string FindModuleRoot(std::string dir) {
  for (;;) {
    if (IsFile(dir + "/go.mod")) return dir;
    if (dir == "/" || dir.empty() || dir == ".") return "";
    dir = DirName(dir);
  }
}

std::string DirToImportPath(const std::string& dir) {
  static constexpr absl::string_view kIllegal = "!\"#$%&'()*,:;<=>?[\\]^{|}`";
  std::string s;
  for (unsigned char c : dir) {
    s.push_back(c <= ' ' || c == 0x7f || kIllegal.find(static_cast<char>(c)) != absl::string_view::npos
                    ? '_'
                    : static_cast<char>(c));
  }
  return CleanPath("_/" + s);
}

bool InTestdata(const std::string& sub) {
  return absl::StrContains(sub, "/testdata/") || absl::EndsWith(sub, "/testdata") ||
         absl::StartsWith(sub, "testdata/") || sub == "testdata";
}

std::vector<std::string> ListSubdirs(const std::string& dir) {
  std::vector<std::string> out;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return out;
  while (struct dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    bool is_dir = e->d_type == DT_DIR;
    if (e->d_type == DT_UNKNOWN) {
      struct stat st;
      is_dir = ::lstat((dir + "/" + name).c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    }
    // filepath.Walk does not follow symlinks to directories.
    if (is_dir) out.push_back(name);
  }
  ::closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

int GoMinorFromRoot(const std::string& goroot) {
  std::string v;
  if (ReadFile(goroot + "/VERSION", &v)) {
    absl::string_view s = v;
    s = s.substr(0, s.find_first_of("\n \t"));
    if (absl::ConsumePrefix(&s, "go1.")) {
      int minor = 0;
      if (absl::SimpleAtoi(s.substr(0, s.find_first_not_of("0123456789")), &minor)) return minor;
    }
  }
  std::string gv;
  if (ReadFile(goroot + "/src/internal/goversion/goversion.go", &gv)) {
    size_t i = gv.find("const Version = ");
    if (i != std::string::npos) {
      int minor = 0;
      absl::string_view s = absl::string_view(gv).substr(i + 16);
      if (absl::SimpleAtoi(s.substr(0, s.find_first_not_of("0123456789")), &minor)) return minor;
    }
  }
  return 19;
}

// --- JSON output. ---

std::string JsonQuote(absl::string_view s) {
  return base::JsonQuote(std::string_view(s.data(), s.size()));
}

class JsonObject {
 public:
  explicit JsonObject(int indent) : indent_(indent) {}
  void Str(absl::string_view key, absl::string_view v, bool omit_empty = true) {
    if (omit_empty && v.empty()) return;
    Field(key, JsonQuote(v));
  }
  void Bool(absl::string_view key, bool v) {
    if (v) Field(key, "true");
  }
  void List(absl::string_view key, const std::vector<std::string>& v, bool omit_empty = true) {
    if (v.empty() && omit_empty) return;
    if (v.empty()) return Field(key, "[]");
    std::string pad(indent_ + 1, '\t');
    std::string s = "[\n";
    for (size_t i = 0; i < v.size(); i++) {
      s += pad + "\t" + JsonQuote(v[i]) + (i + 1 < v.size() ? ",\n" : "\n");
    }
    s += pad + "]";
    Field(key, s);
  }
  void Raw(absl::string_view key, absl::string_view v) { Field(key, v); }
  std::string Close() const {
    if (fields_.empty()) return "{}";
    std::string pad(indent_ + 1, '\t');
    std::string s = "{\n";
    for (size_t i = 0; i < fields_.size(); i++) {
      s += pad + fields_[i] + (i + 1 < fields_.size() ? ",\n" : "\n");
    }
    s += std::string(indent_, '\t') + "}";
    return s;
  }
  int indent() const { return indent_; }

 private:
  void Field(absl::string_view key, absl::string_view v) {
    fields_.push_back(absl::StrCat(JsonQuote(key), ": ", v));
  }
  int indent_;
  std::vector<std::string> fields_;
};

std::string ModuleJson(const ModuleInfo& m, int indent) {
  JsonObject o(indent);
  o.Str("Path", m.path);
  o.Str("Version", m.version);
  if (!m.replace_path.empty()) {
    JsonObject r(indent + 1);
    r.Str("Path", m.replace_path);
    r.Str("Version", m.replace_version);
    r.Str("Dir", m.replace_dir);
    r.Str("GoMod", m.replace_go_mod);
    r.Str("GoVersion", m.go_version);
    o.Raw("Replace", r.Close());
  }
  o.Bool("Main", m.main);
  o.Bool("Indirect", m.indirect);
  o.Str("Dir", m.dir);
  o.Str("GoMod", m.go_mod);
  o.Str("GoVersion", m.go_version);
  return o.Close();
}

// --- The loader. ---

constexpr absl::string_view kCmdlineFiles = "command-line-arguments";

// Where an import path was found.
struct Resolved {
  std::string import_path;
  std::string dir;    // empty if not found
  std::string root;   // GOROOT, GOPATH entry or module dir
  bool goroot = false;
  std::string error;  // why it was not found
  std::optional<ModuleInfo> module;
  bool local = false;  // named by a directory outside any root (ImportPath "_/...")
};

// A replace directive in force: old_mod's versions (all when its version is empty) come
// from new_mod, a directory (`dir`) when new_mod has no version.
struct Replacement {
  ModVersion old_mod;
  ModVersion new_mod;
  std::string dir;      // a directory replacement's absolute path
  std::string printed;  // new_mod.path as go list prints it (Module.Replace.Path)
  size_t main = 0;      // the main module whose go.mod has it (mod_replace_)
};

// One module of the build list, with its directory on disk.
struct ModEntry {
  std::string path;
  std::string version;
  std::string dir;       // empty when not on disk
  bool local = false;    // main module or directory replacement
  std::string fetch_error;
  ModuleInfo info;
};

class Loader {
 public:
  explicit Loader(const BuildContext& ctx) : ctx_(ctx) {
    tags_.goos = ctx.goos;
    tags_.goarch = ctx.goarch;
    tags_.cgo_enabled = ctx.cgo_enabled;
    for (const std::string& t : ctx.build_tags) tags_.tags.insert(t);
    // cfg.BuildContext.ToolTags for Go 1.19: the default GOEXPERIMENTs of the arch.
    if (ctx.goarch == "amd64" || ctx.goarch == "arm64" || ctx.goarch == "ppc64le" ||
        ctx.goarch == "ppc64" || ctx.goarch == "riscv64") {
      tags_.tags.insert("goexperiment.regabiwrappers");
      tags_.tags.insert("goexperiment.regabiargs");
    }
    for (int i = 1; i <= ctx.go_minor_version; i++) tags_.tags.insert(absl::StrCat("go1.", i));
    goroot_src_ = JoinPath(ctx.goroot, "src");
    for (const std::string& p : ctx.gopath) gopath_.push_back(CleanPath(p));
    work_dir_ = CleanPath(ctx.work_dir);
    SetUpMode();
  }

  LoadResult Run(const std::vector<std::string>& patterns, bool with_deps);
  void MarkImportCycles(const std::vector<std::string>& roots);

 private:
  // Mode selection and module setup.
  void SetUpMode();
  std::string FindWorkFile() const;
  void LoadWorkspace();
  void LoadMainModule(const std::string& root);
  void SetUpBuildList(const std::vector<GoModReplace>& work_replace);
  void Fail(const std::string& msg);
  const Replacement* FindReplacement(const std::string& path, const std::string& version) const;
  const ModEntry* ModuleForDir(const std::string& dir) const;
  ModEntry MakeModEntry(const std::string& path, const std::string& version) const;
  std::vector<ModEntry> FullGraph();

  // Scanning with a cache (scans of one directory happen once).
  std::shared_ptr<const DirScan> Scan(const std::string& dir);
  void PrefetchScans(const std::vector<std::string>& dirs);
  bool HasGoFiles(const std::string& dir);
  // stat results are cached: import resolution asks about the same vendor and root
  // directories for every import of every package.
  bool IsDirCached(const std::string& path);

  // GOPATH mode.
  Resolved GopathImport(const std::string& path, const std::string& src_dir, bool ignore_vendor);
  Resolved GopathLocal(const std::string& dir);
  std::string VendoredImportPath(const std::string& path, const Package& parent);
  std::string ModuleImportPath(const std::string& path, const Package& parent);
  std::string GoModPath(const std::string& dir);

  // Module mode.
  Resolved ModImport(const std::string& path);
  Resolved ModLocal(const std::string& dir);
  std::string StdVendor(const std::string& parent_path, const std::string& path);

  // Patterns.
  std::vector<std::string> MatchPackages(const std::string& pattern);
  std::vector<std::string> MatchModPackages(const std::string& pattern);
  std::vector<std::string> MatchDirs(const std::string& pattern);
  void WalkPkgs(const std::string& root, const std::string& import_root, bool prune_vendor,
                bool prune_gomod, const std::string& pattern, std::set<std::string>* have,
                std::vector<std::pair<std::string, std::string>>* found);

  // Building Package values.
  Package& LoadResolved(const Resolved& r);
  Package& LoadImportPath(const std::string& path, const Package* parent);
  void ResolveImports(Package* p);
  std::string ResolveOne(const std::string& path, const Package& p, std::string* err);

  const BuildContext& ctx_;
  TagContext tags_;
  std::string goroot_src_;
  std::vector<std::string> gopath_;
  std::string work_dir_;

  bool modules_ = false;
  std::string work_file_;  // the go.work, in workspace mode
  // The main modules (build_list_'s first entries): the go.mod's module, or each module a
  // go.work uses, in its order. Empty when there is none, or when go.mod or go.work is
  // broken (go_mod_error_).
  std::vector<std::string> mod_roots_;
  std::vector<GoModFile> main_mods_;
  std::vector<Replacement> work_replace_;  // go.work's replace directives
  std::vector<Replacement> mod_replace_;   // the go.mod files' (not of paths go.work replaces)
  std::set<std::string> direct_;           // modules the main go.mod requires directly
  std::string go_mod_error_;
  bool vendor_mode_ = false;
  std::map<std::string, std::string> vendor_pkg_module_;
  std::map<std::string, ModuleInfo> vendor_modules_;
  std::vector<ModEntry> build_list_;  // main module first, then requirements
  bool full_graph_loaded_ = false;
  std::vector<ModEntry> full_graph_;

  std::mutex scan_mu_;
  std::unordered_map<std::string, std::shared_ptr<const DirScan>> scans_;
  std::unordered_map<std::string, bool> has_go_;
  std::unordered_map<std::string, std::string> go_mod_path_;
  std::unordered_map<std::string, bool> is_dir_;

  std::map<std::string, std::unique_ptr<Package>> packages_;  // by ImportPath
  std::vector<std::string> order_;
  std::vector<std::string> errors_;
  bool fatal_ = false;
};

void Loader::SetUpMode() {
  std::string mode = ctx_.go111module;
  if (mode.empty() && ctx_.gopath_explicit) mode = "auto";
  if (mode == "off") return;
  // Workspace mode (modload.InitWorkfile) comes first, and holds even with
  // GO111MODULE=auto: $GOWORK names the go.work ("off": none), else it is looked for in
  // the work dir and its parents.
  if (ctx_.gowork.empty() || ctx_.gowork == "auto") {
    work_file_ = FindWorkFile();
  } else if (ctx_.gowork != "off") {
    work_file_ = CleanPath(ctx_.gowork);  // absolute: MakeBuildContext checks
  }
  if (!work_file_.empty()) {
    modules_ = true;
    LoadWorkspace();
    return;
  }
  // Find go.mod in the work dir or a parent.
  std::string mod_root = FindModuleRoot(work_dir_);
  // GOROOT/src and GOROOT/src/cmd have go.mod files, but the go command (1.19) lists
  // their packages as std and cmd, outside any module: ignore those two.
  if (!mod_root.empty()) {
    std::string m = EvalSymlinks(mod_root), g = EvalSymlinks(goroot_src_);
    if (m == g || m == g + "/cmd") mod_root.clear();
  }
  if (mode == "auto" && mod_root.empty()) return;
  modules_ = true;
  if (!mod_root.empty()) LoadMainModule(mod_root);
}

// modload.findWorkspaceFile: go.work in the work dir or a parent, not above GOROOT (std
// and cmd never build in a workspace).
std::string Loader::FindWorkFile() const {
  std::string goroot = CleanPath(ctx_.goroot);
  for (std::string dir = work_dir_;;) {
    if (IsFile(JoinPath(dir, "go.work"))) return JoinPath(dir, "go.work");
    std::string parent = DirName(dir);
    if (parent == dir || parent == goroot || dir.empty() || dir == ".") return "";
    dir = parent;
  }
}

// A problem with go.mod or go.work: every package outside std fails with it.
void Loader::Fail(const std::string& msg) {
  go_mod_error_ = msg;
  errors_.push_back(msg);
  fatal_ = true;
  mod_roots_.clear();
  main_mods_.clear();
}

// modload.loadWorkFile and LoadModFile in workspace mode: the modules go.work uses are
// the main modules, and its replacements come first.
void Loader::LoadWorkspace() {
  std::string data;
  if (!ReadFile(work_file_, &data)) {
    return Fail(absl::StrCat("reading go.work: open ", work_file_, ": ", std::strerror(errno)));
  }
  absl::StatusOr<GoWorkFile> work = ParseGoWork(work_file_, data);
  if (!work.ok()) return Fail(absl::StrCat("reading go.work: ", work.status().message()));
  if (!ctx_.mod_flag.empty() && ctx_.mod_flag != "readonly") {
    return Fail(absl::StrCat(
        "go: -mod may only be set to readonly when in workspace mode, but it is set to \"",
        ctx_.mod_flag, "\"\n\tRemove the -mod flag to use the default readonly value,\n\tor "
                       "set GOWORK=off to disable workspace mode."));
  }
  // The go command reports a use directive's problem without its line; heapmap gives it.
  std::vector<std::string> errs, mod_errs;
  std::string work_dir = DirName(work_file_);
  for (const GoWorkUse& use : work->use) {
    std::string root = AbsPath(work_dir, use.path);
    std::string at = absl::StrCat(work_file_, ":", use.line, ": ");
    std::string gomod = root + "/go.mod", text;
    if (std::find(mod_roots_.begin(), mod_roots_.end(), root) != mod_roots_.end()) {
      errs.push_back(absl::StrCat(at, "path ", root, " appears multiple times in workspace"));
    } else if (!IsDir(root)) {
      errs.push_back(absl::StrCat(at, "use ", use.path, ": directory ", root, " does not exist"));
    } else if (!IsFile(gomod)) {
      errs.push_back(absl::StrCat(at, "use ", use.path, ": no go.mod file in ", root));
    } else if (!ReadFile(gomod, &text)) {
      errs.push_back(absl::StrCat(at, "use ", use.path, ": cannot read ", gomod, ": ",
                                  std::strerror(errno)));
    } else if (absl::StatusOr<GoModFile> mod = ParseGoMod(gomod, text); !mod.ok()) {
      mod_errs.push_back(absl::StrCat("go: errors parsing go.mod:\n", mod.status().message()));
    } else {
      mod_roots_.push_back(root);
      main_mods_.push_back(*std::move(mod));
    }
  }
  for (const GoModReplace& r : work->replace) {
    bool main = std::any_of(main_mods_.begin(), main_mods_.end(), [&](const GoModFile& m) {
      return m.module_path == r.old_mod.path;
    });
    if (main && r.old_mod.version.empty()) {
      errs.push_back(absl::StrCat(
          work_file_, ":", r.line, ": workspace module ", r.old_mod.path,
          " is replaced at all versions in the go.work file. To fix, remove the replacement "
          "from the go.work file or specify the version at which to replace the module."));
    }
  }
  if (!errs.empty()) {
    mod_errs.insert(mod_errs.begin(), "reading go.work: " + absl::StrJoin(errs, "\n"));
  }
  if (!mod_errs.empty()) return Fail(absl::StrJoin(mod_errs, "\n"));
  if (!mod_roots_.empty()) SetUpBuildList(work->replace);
}

// The main module of a go.mod (not in workspace mode).
void Loader::LoadMainModule(const std::string& root) {
  std::string gomod_path = root + "/go.mod";
  std::string data;
  if (!ReadFile(gomod_path, &data)) {
    return Fail(absl::StrCat("go: cannot read ", gomod_path, ": ", std::strerror(errno)));
  }
  absl::StatusOr<GoModFile> f = ParseGoMod(gomod_path, data);
  if (!f.ok()) return Fail(absl::StrCat("go: errors parsing go.mod:\n", f.status().message()));
  mod_roots_.push_back(root);
  main_mods_.push_back(*std::move(f));
  SetUpBuildList({});
}

// modload.makeMainModules and requirementsFromModFiles: the main modules, the
// replacements in force, and the requirements of every main go.mod (the highest version
// of each path); or, in vendor mode, the vendored modules.
void Loader::SetUpBuildList(const std::vector<GoModReplace>& work_replace) {
  const bool workspace = !work_file_.empty();
  const std::string work_dir = workspace ? DirName(work_file_) : mod_roots_[0];
  std::set<std::string> main_paths;
  for (size_t i = 0; i < mod_roots_.size(); i++) {
    ModEntry main;
    main.path = main_mods_[i].module_path;
    main.dir = mod_roots_[i];
    main.local = true;
    main.info.path = main.path;
    main.info.main = true;
    main.info.dir = mod_roots_[i];
    main.info.go_mod = mod_roots_[i] + "/go.mod";
    main.info.go_version = main_mods_[i].go_version;
    build_list_.push_back(main);
    main_paths.insert(main.path);
  }

  // go.work's replacements win: a path it replaces (at any version) is not replaced by a
  // go.mod. A relative directory is relative to the file that names it; go list prints
  // it relative to the go.work's directory in workspace mode (canonicalizeReplacePath).
  std::set<std::string> work_replaced;
  for (const GoModReplace& r : work_replace) {
    Replacement rep{r.old_mod, r.new_mod, "", r.new_mod.path};
    if (r.new_mod.version.empty()) rep.dir = AbsPath(work_dir, r.new_mod.path);
    work_replace_.push_back(std::move(rep));
    work_replaced.insert(r.old_mod.path);
  }
  for (size_t i = 0; i < main_mods_.size(); i++) {
    for (const GoModReplace& r : main_mods_[i].replace) {
      if (work_replaced.count(r.old_mod.path)) continue;
      Replacement rep{r.old_mod, r.new_mod, "", r.new_mod.path, i};
      if (r.new_mod.version.empty()) {
        rep.dir = AbsPath(mod_roots_[i], r.new_mod.path);
        if (workspace && !absl::StartsWith(r.new_mod.path, "/")) {
          rep.printed = RelPath(work_dir, rep.dir);
        }
      }
      // Two workspace modules may not replace the same version differently (the go
      // command stops; heapmap keeps the first and goes on).
      bool conflict = false;
      for (const Replacement& prev : mod_replace_) {
        if (prev.main == i || prev.old_mod.path != r.old_mod.path ||
            prev.old_mod.version != r.old_mod.version) {
          continue;
        }
        auto str = [](const Replacement& x) {
          if (!x.dir.empty()) return x.dir;
          return x.new_mod.version.empty() ? x.new_mod.path
                                           : absl::StrCat(x.new_mod.path, "@", x.new_mod.version);
        };
        if (str(prev) != str(rep)) {
          std::string old = r.old_mod.version.empty()
                                ? r.old_mod.path
                                : absl::StrCat(r.old_mod.path, "@", r.old_mod.version);
          errors_.push_back(absl::StrCat(
              "go: conflicting replacements for ", old, ":\n\t", str(prev), "\n\t", str(rep),
              "\nuse \"go work edit -replace ", old, "=[override]\" to resolve"));
          fatal_ = true;
          conflict = true;
        }
      }
      if (!conflict) mod_replace_.push_back(std::move(rep));
    }
  }

  // In workspace mode no requirement is direct (go list marks them all Indirect).
  if (!workspace) {
    for (const GoModRequire& r : main_mods_[0].require) {
      if (!r.indirect) direct_.insert(r.mod.path);
    }
  }

  // The go command's default -mod=vendor: go ≥ 1.14 and vendor/modules.txt present (not
  // in workspace mode, where the only -mod is readonly).
  std::string flag = ctx_.mod_flag;
  int minor = 0;
  absl::string_view gv = main_mods_[0].go_version;
  if (absl::ConsumePrefix(&gv, "1.")) (void)absl::SimpleAtoi(gv, &minor);
  const std::string& root = mod_roots_[0];
  if (!workspace && (flag == "vendor" || (flag.empty() && minor >= 14 && IsDir(root + "/vendor") &&
                                          IsFile(root + "/vendor/modules.txt")))) {
    vendor_mode_ = true;
    std::string txt;
    ReadFile(root + "/vendor/modules.txt", &txt);
    for (const VendorModule& vm : ParseModulesTxt(txt)) {
      ModuleInfo info;
      info.path = vm.mod.path;
      info.version = vm.mod.version;
      info.go_version = vm.go_version;
      info.indirect = !direct_.count(vm.mod.path);
      if (!vm.replacement.path.empty()) {
        info.replace_path = vm.replacement.path;
        info.replace_version = vm.replacement.version;
      }
      vendor_modules_[vm.mod.path] = info;
      for (const std::string& pkg : vm.packages) vendor_pkg_module_[pkg] = vm.mod.path;
    }
    return;
  }
  for (size_t i = 0; i < main_mods_.size(); i++) {
    for (const GoModRequire& r : main_mods_[i].require) {
      bool excluded = false;
      for (const ModVersion& x : main_mods_[i].exclude) {
        if (x.path == r.mod.path && x.version == r.mod.version) excluded = true;
      }
      if (excluded || main_paths.count(r.mod.path)) continue;
      // The highest requirement of a path wins (MVS over the main go.mod files' roots).
      auto it = std::find_if(build_list_.begin(), build_list_.end(),
                             [&](const ModEntry& e) { return e.path == r.mod.path; });
      if (it != build_list_.end()) {
        if (CompareSemver(r.mod.version, it->version) > 0) {
          *it = MakeModEntry(r.mod.path, r.mod.version);
        }
        continue;
      }
      build_list_.push_back(MakeModEntry(r.mod.path, r.mod.version));
    }
  }
}

// modload.Replacement: go.work's replacement of a module version, else a main go.mod's;
// one for the exact version before one for all versions.
const Replacement* Loader::FindReplacement(const std::string& path,
                                           const std::string& version) const {
  for (const std::vector<Replacement>* list : {&work_replace_, &mod_replace_}) {
    const Replacement* exact = nullptr;
    const Replacement* any = nullptr;
    for (const Replacement& r : *list) {
      if (r.old_mod.path != path) continue;
      if (r.old_mod.version == version) exact = &r;
      if (r.old_mod.version.empty()) any = &r;
    }
    if (exact != nullptr) return exact;
    if (any != nullptr) return any;
  }
  return nullptr;
}

ModEntry Loader::MakeModEntry(const std::string& path, const std::string& version) const {
  ModEntry e;
  e.path = path;
  e.version = version;
  e.info.path = path;
  e.info.version = version;
  e.info.indirect = !direct_.count(path);
  const Replacement* rep = FindReplacement(path, version);
  std::string cache = ctx_.gomodcache;
  auto cache_dir = [&](const ModVersion& m) {
    return absl::StrCat(cache, "/", EscapeModulePath(m.path), "@", EscapeModulePath(m.version));
  };
  auto cache_mod = [&](const ModVersion& m) {
    return absl::StrCat(cache, "/cache/download/", EscapeModulePath(m.path), "/@v/",
                        EscapeModulePath(m.version), ".mod");
  };
  if (rep != nullptr) {
    e.info.replace_path = rep->printed;
    e.info.replace_version = rep->new_mod.version;
    if (rep->new_mod.version.empty()) {
      e.dir = rep->dir;
      e.local = true;
      e.info.replace_dir = e.dir;
      e.info.replace_go_mod = e.dir + "/go.mod";
    } else {
      e.dir = cache_dir(rep->new_mod);
      e.info.replace_dir = e.dir;
      e.info.replace_go_mod = cache_mod(rep->new_mod);
    }
    e.info.dir = e.info.replace_dir;
    e.info.go_mod = e.info.replace_go_mod;
  } else {
    e.dir = cache_dir({path, version});
    e.info.dir = e.dir;
    e.info.go_mod = cache_mod({path, version});
  }
  if (!IsDir(e.dir)) {
    e.fetch_error = rep != nullptr && rep->new_mod.version.empty()
                        ? absl::StrCat("replacement directory ", rep->new_mod.path, " does not exist")
                        : absl::StrCat(path, "@", version, ": module not found in module cache ",
                                       cache, " (heapmap does not download modules; run "
                                       "'go mod download')");
    e.info.dir.clear();
    e.dir.clear();
  } else {
    std::string gm;
    if (ReadFile(e.dir + "/go.mod", &gm)) {
      auto f = ParseGoMod(e.dir + "/go.mod", gm);
      if (f.ok()) e.info.go_version = f->go_version;
    }
  }
  return e;
}

// The module graph beyond the main go.mod (MVS over the go.mod files on disk), used
// when an import is not provided by a root requirement, as modload does.
std::vector<ModEntry> Loader::FullGraph() {
  if (full_graph_loaded_) return full_graph_;
  full_graph_loaded_ = true;
  std::map<std::string, std::string> selected;
  for (const ModEntry& e : build_list_) {
    if (!e.info.main) selected[e.path] = e.version;
  }
  std::vector<std::pair<std::string, std::string>> queue(selected.begin(), selected.end());
  std::set<std::pair<std::string, std::string>> visited(queue.begin(), queue.end());
  while (!queue.empty()) {
    auto [path, version] = queue.back();
    queue.pop_back();
    ModEntry e = MakeModEntry(path, version);
    std::string gm;
    if (e.dir.empty() || !ReadFile(e.dir + "/go.mod", &gm)) continue;
    auto f = ParseGoMod(e.dir + "/go.mod", gm);
    if (!f.ok()) continue;
    for (const GoModRequire& r : f->require) {
      if (std::any_of(main_mods_.begin(), main_mods_.end(),
                      [&](const GoModFile& m) { return m.module_path == r.mod.path; })) {
        continue;
      }
      auto& cur = selected[r.mod.path];
      if (cur.empty() || CompareSemver(r.mod.version, cur) > 0) cur = r.mod.version;
      if (visited.insert({r.mod.path, r.mod.version}).second) {
        queue.push_back({r.mod.path, r.mod.version});
      }
    }
  }
  for (const auto& [path, version] : selected) full_graph_.push_back(MakeModEntry(path, version));
  return full_graph_;
}

const ModEntry* Loader::ModuleForDir(const std::string& dir) const {
  const ModEntry* best = nullptr;
  for (const ModEntry& e : build_list_) {
    std::string rel;
    if (!e.dir.empty() && HasSubdir(e.dir, dir, &rel)) {
      if (best == nullptr || e.dir.size() > best->dir.size()) best = &e;
    }
  }
  return best;
}

std::shared_ptr<const DirScan> Loader::Scan(const std::string& dir) {
  {
    std::lock_guard<std::mutex> lock(scan_mu_);
    auto it = scans_.find(dir);
    if (it != scans_.end()) return it->second;
  }
  auto s = std::make_shared<const DirScan>(ScanDir(tags_, dir, !modules_));
  std::lock_guard<std::mutex> lock(scan_mu_);
  return scans_.emplace(dir, s).first->second;
}

void Loader::PrefetchScans(const std::vector<std::string>& dirs) {
  tbb::parallel_for_each(dirs.begin(), dirs.end(), [this](const std::string& d) { Scan(d); });
}

bool Loader::IsDirCached(const std::string& path) {
  {
    std::lock_guard<std::mutex> lock(scan_mu_);
    auto it = is_dir_.find(path);
    if (it != is_dir_.end()) return it->second;
  }
  bool d = IsDir(path);
  std::lock_guard<std::mutex> lock(scan_mu_);
  is_dir_[path] = d;
  return d;
}

bool Loader::HasGoFiles(const std::string& dir) {
  {
    std::lock_guard<std::mutex> lock(scan_mu_);
    auto it = has_go_.find(dir);
    if (it != has_go_.end()) return it->second;
  }
  bool has = false;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (struct dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (!absl::EndsWith(name, ".go")) continue;
      if (e->d_type == DT_DIR) continue;
      if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) {
        if (IsDir(dir + "/" + name)) continue;
      }
      has = true;
      break;
    }
    ::closedir(d);
  }
  std::lock_guard<std::mutex> lock(scan_mu_);
  has_go_[dir] = has;
  return has;
}

// build.Context.Import for a non-local path (GOPATH mode).
Resolved Loader::GopathImport(const std::string& path, const std::string& src_dir,
                              bool ignore_vendor) {
  Resolved r;
  r.import_path = path;
  if (!ignore_vendor && !src_dir.empty()) {
    std::vector<std::string> roots = {ctx_.goroot};
    roots.insert(roots.end(), gopath_.begin(), gopath_.end());
    for (size_t ri = 0; ri < roots.size(); ri++) {
      std::string sub;
      if (!HasSubdir(roots[ri], src_dir, &sub) || !absl::StartsWith(sub, "src/") ||
          absl::StrContains(sub, "/testdata/")) {
        continue;
      }
      for (;;) {
        std::string vendor = JoinPath(JoinPath(roots[ri], sub), "vendor");
        if (IsDirCached(vendor)) {
          std::string dir = JoinPath(vendor, path);
          if (IsDirCached(dir) && HasGoFiles(dir)) {
            r.dir = dir;
            r.import_path = std::string(absl::StripPrefix(JoinPath(JoinPath(sub, "vendor"), path), "src/"));
            r.goroot = ri == 0;
            r.root = roots[ri];
            return r;
          }
        }
        size_t i = sub.rfind('/');
        if (i == std::string::npos) break;
        sub = sub.substr(0, i);
      }
    }
  }
  std::string rel;
  bool goroot_first = src_dir.empty() || !absl::StartsWith(path, "vendor/") ||
                      HasSubdir(ctx_.goroot, src_dir, &rel);
  std::vector<std::string> tried;
  if (goroot_first) {
    std::string dir = JoinPath(goroot_src_, path);
    if (IsDirCached(dir)) {
      r.dir = dir;
      r.goroot = true;
      r.root = ctx_.goroot;
      return r;
    }
    tried.push_back(absl::StrCat("\t", dir, " (from $GOROOT)"));
  }
  bool first = true;
  for (const std::string& root : gopath_) {
    std::string dir = JoinPath(root + "/src", path);
    if (IsDirCached(dir)) {
      r.dir = dir;
      r.root = root;
      return r;
    }
    tried.push_back(absl::StrCat("\t", dir, first ? " (from $GOPATH)" : ""));
    first = false;
  }
  if (!goroot_first) {
    std::string dir = JoinPath(goroot_src_, path);
    if (IsDirCached(dir)) {
      r.dir = dir;
      r.goroot = true;
      r.root = ctx_.goroot;
      return r;
    }
    tried.insert(tried.begin(), absl::StrCat("\t", dir, " (from $GOROOT)"));
  }
  if (gopath_.empty()) tried.push_back("\t($GOPATH not set. For more details see: 'go help gopath')");
  r.error = absl::StrCat("cannot find package \"", path, "\" in any of:\n", absl::StrJoin(tried, "\n"));
  return r;
}

// build.Context.Import for a directory (local import), GOPATH mode.
Resolved Loader::GopathLocal(const std::string& dir) {
  Resolved r;
  r.dir = dir;
  std::string sub;
  if (HasSubdirSym(goroot_src_, dir, &sub) && !InTestdata(sub)) {
    r.import_path = sub;
    r.goroot = true;
    r.root = ctx_.goroot;
    return r;
  }
  for (size_t i = 0; i < gopath_.size(); i++) {
    if (HasSubdirSym(gopath_[i] + "/src", dir, &sub) && !InTestdata(sub)) {
      // Another root would win for this import path: keep the directory's own path.
      bool conflict = IsDirCached(JoinPath(goroot_src_, sub));
      for (size_t j = 0; j < i && !conflict; j++) conflict = IsDirCached(JoinPath(gopath_[j] + "/src", sub));
      if (conflict) break;
      r.import_path = sub;
      r.root = gopath_[i];
      return r;
    }
  }
  r.import_path = DirToImportPath(dir);
  r.local = true;
  return r;
}

// load.vendoredImportPath.
std::string Loader::VendoredImportPath(const std::string& path, const Package& parent) {
  if (parent.root.empty()) return path;
  std::string dir = CleanPath(parent.dir);
  std::string root = JoinPath(parent.root, "src");
  std::string rel;
  if (!HasSubdir(root, dir, &rel) || rel.empty()) return path;
  std::string vpath = "vendor/" + path;
  for (size_t i = dir.size(); i >= root.size(); i--) {
    if (i < dir.size() && dir[i] != '/') continue;
    std::string base = dir.substr(0, i);
    if (!IsDirCached(base + "/vendor")) continue;
    std::string targ = JoinPath(base, vpath);
    if (IsDirCached(targ) && HasGoFiles(targ)) {
      std::string import_path = parent.import_path;
      if (import_path == kCmdlineFiles) import_path = dir.substr(root.size() + 1);
      size_t chopped = dir.size() - i;
      if (chopped == import_path.size() + 1) return vpath;
      if (chopped > import_path.size()) return path;
      return import_path.substr(0, import_path.size() - chopped) + "/" + vpath;
    }
    if (i == 0) break;
  }
  return path;
}

// load.goModPath: the module path in dir/go.mod, read as loosely as the go command does.
std::string Loader::GoModPath(const std::string& dir) {
  {
    std::lock_guard<std::mutex> lock(scan_mu_);
    auto it = go_mod_path_.find(dir);
    if (it != go_mod_path_.end()) return it->second;
  }
  std::string data, path;
  if (ReadFile(dir + "/go.mod", &data)) {
    size_t i = std::string::npos;
    if (absl::StartsWith(data, "module ")) {
      i = 0;
    } else if (size_t k = data.find("\nmodule "); k != std::string::npos) {
      i = k + 1;
    }
    if (i != std::string::npos) {
      std::string line = data.substr(i, data.find('\n', i) == std::string::npos ? std::string::npos
                                                                                 : data.find('\n', i) - i);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      path = std::string(absl::StripAsciiWhitespace(line.substr(7)));
      if (!path.empty() && path[0] == '"') {
        std::string unq;
        path = UnquoteGoString(path, &unq) ? unq : "";
      }
    }
  }
  std::lock_guard<std::mutex> lock(scan_mu_);
  go_mod_path_[dir] = path;
  return path;
}

// load.moduleImportPath: GOPATH mode's "minimal module compatibility" — inside a tree
// with a go.mod, "x/v2/y" may name the directory "x/y" of a module whose path is x/v2.
std::string Loader::ModuleImportPath(const std::string& path, const Package& parent) {
  if (parent.root.empty()) return path;
  // findVersionElement: the last path element of the form vN (N >= 2).
  auto find_version = [](absl::string_view p, size_t* i_out, size_t* j_out) {
    size_t j = p.size();
    for (size_t i = p.size(); i-- > 0;) {
      if (p[i] != '/') continue;
      absl::string_view s = p.substr(i + 1, j - i - 1);
      bool ok = s.size() >= 2 && s[0] == 'v' && s[1] != '0' && !(s[1] == '1' && s.size() == 2);
      for (size_t k = 1; ok && k < s.size(); k++) ok = s[k] >= '0' && s[k] <= '9';
      if (ok) {
        *i_out = i;
        *j_out = j;
        return true;
      }
      j = i;
    }
    return false;
  };
  size_t vi, vj;
  if (!find_version(path, &vi, &vj)) return path;
  std::string dir = CleanPath(parent.dir);
  std::string root = JoinPath(parent.root, "src");
  bool have_go_mod = false;
  for (size_t i = dir.size(); i >= root.size(); i--) {
    if (i < dir.size() && dir[i] != '/') continue;
    if (!GoModPath(dir.substr(0, i)).empty()) {
      have_go_mod = true;
      break;
    }
    if (i == 0) break;
  }
  if (!have_go_mod) return path;
  if (!GopathImport(path, "", true).dir.empty()) return path;
  size_t limit = path.size();
  while (limit > 0) {
    size_t i, j;
    if (!find_version(absl::string_view(path).substr(0, limit), &i, &j)) return path;
    Resolved r = GopathImport(path.substr(0, i), "", true);
    if (!r.dir.empty()) {
      std::string mpath = GoModPath(r.dir);
      if (!mpath.empty()) {
        if (mpath == path.substr(0, j)) return path.substr(0, i) + path.substr(j);
        return path;
      }
    }
    limit = i;
  }
  return path;
}

// modload's stdVendor: imports from std (cmd) resolve to GOROOT/src/vendor (cmd/vendor).
std::string Loader::StdVendor(const std::string& parent_path, const std::string& path) {
  if (IsStandardImportPath(path)) return path;
  if (HasPathPrefix(parent_path, "cmd")) {
    std::string v = "cmd/vendor/" + path;
    if (IsDirCached(JoinPath(goroot_src_, v))) return v;
  } else {
    std::string v = "vendor/" + path;
    if (IsDirCached(JoinPath(goroot_src_, v))) return v;
  }
  return path;
}

// modload.importFromModules.
Resolved Loader::ModImport(const std::string& path) {
  Resolved r;
  r.import_path = path;
  if (absl::StrContains(path, "@")) {
    r.error = absl::StrCat("import path \"", path, "\" should not have @version");
    return r;
  }
  if (IsStandardImportPath(path)) {
    std::string dir = JoinPath(goroot_src_, path);
    if (IsDirCached(dir)) {
      r.dir = dir;
      r.goroot = true;
      r.root = ctx_.goroot;
      return r;
    }
  }
  if (mod_roots_.empty()) {
    if (IsStandardImportPath(path)) {
      r.error = absl::StrCat("package ", path, " is not in GOROOT (", JoinPath(goroot_src_, path), ")");
    } else if (!go_mod_error_.empty()) {
      r.error = absl::StrCat("cannot find module providing package ", path, ": errors parsing ",
                             work_file_.empty() ? "go.mod" : "go.work or its modules' go.mod");
    } else {
      r.error = absl::StrCat("no required module provides package ", path,
                             ": go.mod file not found in current directory or any parent "
                             "directory; see 'go help modules'");
    }
    return r;
  }
  const ModEntry& main = build_list_.front();
  // dirInModule: the directory must exist with .go files, and (for a local module)
  // not be inside a nested module.
  auto dir_in_module = [this](const std::string& p, const std::string& mpath,
                              const std::string& mdir, bool local, std::string* dir) {
    if (p == mpath) {
      *dir = mdir;
    } else if (mpath.empty()) {
      *dir = JoinPath(mdir, p);
    } else if (p.size() > mpath.size() && p[mpath.size()] == '/' && absl::StartsWith(p, mpath)) {
      *dir = JoinPath(mdir, p.substr(mpath.size() + 1));
    } else {
      return false;
    }
    if (local) {
      for (std::string d = *dir; d != mdir && d.size() > mdir.size();) {
        if (IsFile(d + "/go.mod")) return false;
        d = d.substr(0, d.rfind('/'));
      }
    }
    return IsDirCached(*dir) && HasGoFiles(*dir);
  };
  if (vendor_mode_) {
    std::string main_dir, vendor_dir;
    bool main_ok = dir_in_module(path, main.path, main.dir, true, &main_dir);
    bool vendor_ok = dir_in_module(path, "", main.dir + "/vendor", false, &vendor_dir);
    if (main_ok && vendor_ok) {
      r.error = absl::StrCat("ambiguous import: found package ", path, " in multiple directories:\n\t",
                             main_dir, "\n\t", vendor_dir);
      return r;
    }
    if (!vendor_ok && !main_dir.empty() && main_ok) {
      r.dir = main_dir;
      r.root = main.dir;
      r.module = main.info;
      return r;
    }
    if (vendor_ok) {
      r.dir = vendor_dir;
      auto it = vendor_pkg_module_.find(path);
      if (it != vendor_pkg_module_.end()) {
        // Vendored packages have no module directory, hence no Root (as go list).
        r.module = vendor_modules_[it->second];
      }
      return r;
    }
    r.error = IsStandardImportPath(path)
                  ? absl::StrCat("package ", path, " is not in GOROOT (", JoinPath(goroot_src_, path), ")")
                  : absl::StrCat("cannot find module providing package ", path,
                                 ": import lookup disabled by -mod=vendor");
    return r;
  }
  auto search = [&](const std::vector<ModEntry>& list, std::vector<const ModEntry*>* found,
                    std::vector<std::string>* dirs, std::string* fetch_err) {
    for (const ModEntry& e : list) {
      if (!HasPathPrefix(path, e.path)) continue;
      if (e.dir.empty()) {
        if (fetch_err->empty()) *fetch_err = e.fetch_error;
        continue;
      }
      std::string dir;
      if (dir_in_module(path, e.path, e.dir, e.local, &dir)) {
        found->push_back(&e);
        dirs->push_back(dir);
      }
    }
  };
  std::vector<const ModEntry*> found;
  std::vector<std::string> dirs;
  std::string fetch_err;
  search(build_list_, &found, &dirs, &fetch_err);
  if (found.empty() && fetch_err.empty()) {
    std::vector<ModEntry> graph = FullGraph();
    search(full_graph_, &found, &dirs, &fetch_err);
  }
  if (found.size() > 1) {
    r.error = absl::StrCat("ambiguous import: found package ", path, " in multiple modules:");
    for (size_t i = 0; i < found.size(); i++) {
      absl::StrAppend(&r.error, "\n\t", found[i]->path, " ", found[i]->version, " (", dirs[i], ")");
    }
    return r;
  }
  if (found.size() == 1) {
    r.dir = dirs[0];
    r.root = found[0]->dir;
    r.module = found[0]->info;
    return r;
  }
  if (!fetch_err.empty()) {
    r.error = fetch_err;
  } else if (IsStandardImportPath(path)) {
    r.error = absl::StrCat("package ", path, " is not in GOROOT (", JoinPath(goroot_src_, path), ")");
  } else {
    r.error = absl::StrCat("no required module provides package ", path, "; to add it:\n\tgo get ", path);
  }
  return r;
}

// modload.resolveLocalPackage: the import path of a directory in module mode.
Resolved Loader::ModLocal(const std::string& dir) {
  Resolved r;
  r.dir = dir;
  std::string rel;
  auto outside_workspace = [this, &dir](const std::string& module_root) {
    return absl::StrCat("directory ", ShortPath(work_dir_, dir),
                        " is contained in a module that is not one of the workspace modules "
                        "listed in go.work. You can add the module to the workspace using go "
                        "work use ", ShortPath(work_dir_, module_root));
  };
  // The main module with the innermost root holding dir (a workspace may use a module
  // nested in another one).
  const ModEntry* main = nullptr;
  for (size_t i = 0; i < mod_roots_.size(); i++) {
    if (HasSubdir(mod_roots_[i], dir, &rel) &&
        (main == nullptr || mod_roots_[i].size() > main->dir.size())) {
      main = &build_list_[i];
    }
  }
  if (main != nullptr) {
    HasSubdir(main->dir, dir, &rel);
    if (vendor_mode_ && (rel == "vendor" || absl::StartsWith(rel, "vendor/"))) {
      std::string pkg = rel == "vendor" ? "" : rel.substr(7);
      r.import_path = pkg;
      auto it = vendor_pkg_module_.find(pkg);
      if (it != vendor_pkg_module_.end()) r.module = vendor_modules_[it->second];
      if (pkg.empty()) r.error = absl::StrCat("directory ", dir, " is not a package");
      return r;
    }
    // A nested module's directory is not part of the main module.
    for (std::string d = dir; d != main->dir && d.size() > main->dir.size(); d = DirName(d)) {
      if (IsFile(d + "/go.mod")) {
        r.import_path = DirToImportPath(dir);
        r.error = work_file_.empty()
                      ? absl::StrCat("directory ", dir, " is in another module (", d, ")")
                      : outside_workspace(d);
        return r;
      }
    }
    r.import_path = rel.empty() ? main->path : JoinPath(main->path, rel);
    r.root = main->dir;
    r.module = main->info;
    return r;
  }
  std::string sub;
  if (HasSubdirSym(goroot_src_, dir, &sub)) {
    r.import_path = sub;
    r.goroot = true;
    r.root = ctx_.goroot;
    return r;
  }
  if (const ModEntry* e = ModuleForDir(dir); e != nullptr && !e->info.main) {
    HasSubdir(e->dir, dir, &rel);
    r.import_path = rel.empty() ? e->path : JoinPath(e->path, rel);
    r.root = e->dir;
    r.module = e->info;
    return r;
  }
  r.import_path = DirToImportPath(dir);
  if (work_file_.empty() || !go_mod_error_.empty()) {
    r.error = absl::StrCat("directory ", dir, " outside main module or its selected dependencies");
  } else if (std::string mr = FindModuleRoot(dir); !mr.empty()) {
    r.error = outside_workspace(mr);
  } else {
    r.error = absl::StrCat("directory ", ShortPath(work_dir_, dir),
                           " outside modules listed in go.work or their selected dependencies");
  }
  return r;
}

Package& Loader::LoadResolved(const Resolved& r) {
  auto it = packages_.find(r.import_path);
  if (it != packages_.end()) return *it->second;
  auto owned = std::make_unique<Package>();
  Package& p = *owned;
  packages_.emplace(r.import_path, std::move(owned));
  p.import_path = r.import_path;
  p.dir = r.dir;
  p.root = r.root;
  p.goroot = r.goroot;
  p.standard = r.goroot && IsStandardImportPath(r.import_path) && !r.dir.empty();
  p.module = r.module;
  if (r.module) p.module_path = r.module->path;
  if (!r.error.empty()) {
    p.error = PackageError{"", r.error};
    p.incomplete = true;
    if (r.dir.empty()) return p;
  }
  std::shared_ptr<const DirScan> s = Scan(r.dir);
  if (!s->exists) {
    if (!p.error) {
      p.error = PackageError{"", absl::StrCat("cannot find package \"", r.import_path, "\" in:\n\t", r.dir)};
    }
    p.incomplete = true;
    return p;
  }
  p.name = s->name;
  p.doc = s->doc;
  p.go_files = s->go_files;
  p.cgo_files = s->cgo_files;
  p.ignored_go_files = s->ignored_go_files;
  p.invalid_go_files = s->invalid_go_files;
  p.ignored_other_files = s->ignored_other_files;
  p.c_files = s->c_files;
  p.cxx_files = s->cxx_files;
  p.m_files = s->m_files;
  p.h_files = s->h_files;
  p.f_files = s->f_files;
  p.s_files = s->s_files;
  p.swig_files = s->swig_files;
  p.swig_cxx_files = s->swig_cxx_files;
  p.syso_files = s->syso_files;
  p.test_go_files = s->test_go_files;
  p.xtest_go_files = s->xtest_go_files;
  p.test_imports = s->test_imports;
  p.xtest_imports = s->xtest_imports;
  p.imports = s->imports;
  if (s->error && !p.error) {
    p.error = PackageError{s->error_pos, *s->error, {}};
    if (s->error_names_package) p.error->import_stack = {r.import_path};
    p.incomplete = true;
  }
  ResolveImports(&p);
  return p;
}

std::string Loader::ResolveOne(const std::string& path, const Package& p, std::string* err) {
  if (path == "C") return path;
  if (modules_) {
    std::string q = path;
    if (p.standard) q = StdVendor(p.import_path, path);
    if (IsLocalImport(q)) {
      *err = absl::StrCat("\"", q, "\" is relative, but relative import paths are not supported in module mode");
      return q;
    }
    Resolved r = ModImport(q);
    if (!r.error.empty()) *err = r.error;
    return q;
  }
  if (IsLocalImport(path)) return DirToImportPath(JoinPath(p.dir, path));
  std::string v = VendoredImportPath(path, p);
  if (v == path) v = ModuleImportPath(path, p);
  Resolved r = GopathImport(v, p.dir, v != path);
  if (!r.error.empty()) *err = r.error;
  return r.import_path;
}

void Loader::ResolveImports(Package* p) {
  // The go command replaces each import with its resolved path in place, after
  // sorting the source paths: the list stays in source-path order.
  const DirScan* s = Scan(p->dir).get();
  for (size_t i = 0; i < p->imports.size(); i++) {
    std::string err;
    std::string written = p->imports[i];
    p->imports[i] = ResolveOne(written, *p, &err);
    if (p->imports[i] != written) p->import_map[written] = p->imports[i];
    if (!err.empty() && !p->error) {
      // heapmap reports an unresolvable import on the importer (go list puts it on
      // the imported package and marks the importer Incomplete).
      std::string pos = i < s->import_pos.size() ? s->import_pos[i] : "";
      p->error = PackageError{pos, err, {p->import_path, p->imports[i]}};
      p->incomplete = true;
    }
  }
  // Test imports are resolved the same way (Package.Resolve); their errors belong to
  // the test build, not to this package.
  for (auto* list : {&p->test_imports, &p->xtest_imports}) {
    for (std::string& imp : *list) {
      std::string ignored;
      imp = ResolveOne(imp, *p, &ignored);
    }
    // Package.Resolve sorts the resolved list (unlike Imports, which keeps the order
    // of the source paths).
    std::sort(list->begin(), list->end());
  }
}

Package& Loader::LoadImportPath(const std::string& path, const Package* parent) {
  if (parent == nullptr) {
    Resolved r = modules_ ? ModImport(path) : GopathImport(path, "", true);
    return LoadResolved(r);
  }
  std::string err;
  std::string resolved = ResolveOne(path, *parent, &err);
  auto it = packages_.find(resolved);
  if (it != packages_.end()) return *it->second;
  Resolved r;
  if (modules_) {
    r = ModImport(resolved);
  } else if (IsLocalImport(path)) {
    r = GopathLocal(JoinPath(parent->dir, path));
    r.import_path = resolved;
  } else {
    r = GopathImport(resolved, parent->dir, resolved != path);
  }
  r.import_path = resolved;
  return LoadResolved(r);
}

void Loader::WalkPkgs(const std::string& root, const std::string& import_root, bool prune_vendor,
                      bool prune_gomod, const std::string& pattern, std::set<std::string>* have,
                      std::vector<std::pair<std::string, std::string>>* found) {
  bool meta = IsMetaPackage(pattern);
  // Depth-first in lexical order, as filepath.Walk.
  std::vector<std::pair<std::string, std::string>> stack;  // (dir, name)
  std::function<void(const std::string&, const std::string&, bool)> walk =
      [&](const std::string& path, const std::string& name, bool is_root) {
        if (!is_root) {
          std::string elem = path.substr(path.rfind('/') + 1);
          if (absl::StartsWith(elem, ".") || absl::StartsWith(elem, "_") || elem == "testdata") return;
          if (pattern == "std" && (!IsStandardImportPath(name) || name == "cmd")) return;
          if (!meta && !TreeCanMatchPattern(pattern, name)) return;
          if (prune_gomod && IsFile(path + "/go.mod")) return;
        }
        if (!(is_root && import_root.empty())) {
          if (have->insert(name).second && (meta || MatchPattern(pattern, name))) {
            found->push_back({path, name});
          }
          if (prune_vendor && !is_root && path.substr(path.rfind('/') + 1) == "vendor") return;
        }
        for (const std::string& sub : ListSubdirs(path)) {
          std::string child = path + "/" + sub;
          std::string child_name = name.empty() ? sub : name + "/" + sub;
          walk(child, child_name, false);
        }
      };
  walk(CleanPath(root), import_root, true);
}

// search.MatchPackages (GOPATH mode) over GOROOT/src and each GOPATH/src.
std::vector<std::string> Loader::MatchPackages(const std::string& pattern) {
  std::set<std::string> have = {"builtin"};
  if (!ctx_.cgo_enabled) have.insert("runtime/cgo");
  std::vector<std::pair<std::string, std::string>> found;
  std::vector<std::string> srcs = {goroot_src_};
  if (pattern != "std" && pattern != "cmd") {
    for (const std::string& g : gopath_) srcs.push_back(g + "/src");
  }
  for (const std::string& src : srcs) {
    if (pattern == "cmd") {
      WalkPkgs(src + "/cmd", "cmd", false, false, pattern, &have, &found);
    } else {
      WalkPkgs(src, "", false, false, pattern, &have, &found);
    }
  }
  std::vector<std::string> dirs;
  for (const auto& f : found) dirs.push_back(f.first);
  PrefetchScans(dirs);
  std::vector<std::string> out;
  for (const auto& [dir, name] : found) {
    auto s = Scan(dir);
    if (s->no_go) continue;
    if (pattern == "cmd" && absl::StartsWith(name, "cmd/vendor") && s->name == "main") continue;
    out.push_back(name);
  }
  return out;
}

// modload.matchPackages (module mode).
std::vector<std::string> Loader::MatchModPackages(const std::string& pattern) {
  std::set<std::string> have = {"builtin"};
  if (!ctx_.cgo_enabled) have.insert("runtime/cgo");
  std::vector<std::pair<std::string, std::string>> found;
  bool meta = IsMetaPackage(pattern);
  auto can = [&](const std::string& name) { return meta || TreeCanMatchPattern(pattern, name); };
  if (pattern == "std" || pattern == "cmd") {
    // `std` and `cmd` are matched as in GOPATH mode.
    return MatchPackages(pattern);
  }
  WalkPkgs(goroot_src_, "", false, true, pattern, &have, &found);
  if (can("cmd")) WalkPkgs(goroot_src_ + "/cmd", "cmd", false, true, pattern, &have, &found);
  if (!mod_roots_.empty()) {
    const ModEntry& main = build_list_.front();
    if (vendor_mode_) {
      WalkPkgs(main.dir, main.path, true, true, pattern, &have, &found);
      WalkPkgs(main.dir + "/vendor", "", true, false, pattern, &have, &found);
    } else {
      for (const ModEntry& e : build_list_) {
        if (!can(e.path) || e.dir.empty()) continue;
        WalkPkgs(e.dir, e.path, true, e.local, pattern, &have, &found);
      }
    }
  }
  std::vector<std::string> dirs;
  for (const auto& f : found) dirs.push_back(f.first);
  PrefetchScans(dirs);
  std::vector<std::string> out;
  for (const auto& [dir, name] : found) {
    if (!Scan(dir)->no_go) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// search.MatchDirs: directories under a local pattern's root.
std::vector<std::string> Loader::MatchDirs(const std::string& pattern) {
  std::string clean = CleanPath(pattern);
  std::string prefix;
  bool is_local = absl::StartsWith(pattern, "./");
  if (clean != "." && is_local) {
    prefix = "./";
    clean = "./" + clean;
  }
  size_t i = clean.find("...");
  std::string dir = clean.substr(0, i);
  dir = dir.substr(0, dir.rfind('/') == std::string::npos ? 0 : dir.rfind('/') + 1);
  std::string walk_root = dir.empty() ? "." : dir;
  std::vector<std::pair<std::string, std::string>> found;  // (abs dir, name)
  std::function<void(const std::string&, bool)> walk = [&](const std::string& path, bool top) {
    std::string p = top ? CleanPath(path) : path;
    std::string abs = AbsPath(work_dir_, p);
    if (!IsDir(abs)) return;
    std::string elem = p.substr(p.rfind('/') == std::string::npos ? 0 : p.rfind('/') + 1);
    bool dot = absl::StartsWith(elem, ".") && elem != "." && elem != "..";
    if (dot || absl::StartsWith(elem, "_") || elem == "testdata") return;
    if (!top && modules_ && IsFile(abs + "/go.mod")) return;
    std::string name = prefix + p;
    if (top && p == ".") name = prefix.empty() ? "." : ".";
    if (MatchPattern(clean, p) || MatchPattern(clean, name)) found.push_back({abs, p});
    for (const std::string& sub : ListSubdirs(abs)) {
      walk(p == "." ? sub : p + "/" + sub, false);
    }
  };
  walk(walk_root, true);
  std::vector<std::string> dirs;
  for (const auto& f : found) dirs.push_back(f.first);
  PrefetchScans(dirs);
  std::vector<std::string> out;
  for (const auto& [abs, p] : found) {
    auto s = Scan(abs);
    if (s->no_go && s->invalid_go_files.empty()) continue;
    out.push_back(abs);
  }
  return out;
}

LoadResult Loader::Run(const std::vector<std::string>& patterns_in, bool with_deps) {
  std::vector<std::string> patterns = patterns_in;
  if (patterns.empty()) patterns.push_back(".");
  std::vector<std::string> roots;  // import paths, in command-line order
  std::map<std::string, std::vector<std::string>> matches;
  auto add_root = [&](const std::string& ip, const std::string& pattern) {
    if (std::find(roots.begin(), roots.end(), ip) == roots.end()) roots.push_back(ip);
    auto& m = matches[ip];
    if (std::find(m.begin(), m.end(), pattern) == m.end()) m.push_back(pattern);
  };

  // A list of .go files names one package, "command-line-arguments".
  // Only a pattern that ends in .go and names an existing file switches to files mode
  // (a directory or package path may end in ".go" too).
  bool any_go = false;
  for (const std::string& pat : patterns) {
    any_go |= absl::EndsWith(pat, ".go") && IsFile(AbsPath(work_dir_, pat));
  }
  if (any_go) {
    std::string dir;
    std::vector<std::string> names;
    std::string err;
    for (const std::string& pat : patterns) {
      if (!absl::EndsWith(pat, ".go")) {
        err = "named files must be .go files: " + pat;
        break;
      }
      std::string abs = AbsPath(work_dir_, pat);
      if (IsDir(abs)) {
        err = absl::StrCat("named files must be .go files: ", pat);
        break;
      }
      std::string d = abs.substr(0, abs.rfind('/'));
      if (d.empty()) d = "/";
      if (!dir.empty() && d != dir) {
        err = absl::StrCat("named files must all be in one directory; have ", dir, " and ", d);
        break;
      }
      if (!IsFile(abs)) {
        err = absl::StrCat("stat ", abs, ": no such file or directory");
      }
      dir = d;
      names.push_back(abs.substr(abs.rfind('/') + 1));
    }
    auto p = std::make_unique<Package>();
    p->import_path = std::string(kCmdlineFiles);
    p->match = patterns;
    if (!err.empty()) {
      p->error = PackageError{"", err};
      p->incomplete = true;
    } else {
      DirScan s = ScanFiles(tags_, dir, names);
      p->dir = dir;
      p->name = s.name;
      p->doc = s.doc;
      p->go_files = s.go_files;
      p->cgo_files = s.cgo_files;
      p->ignored_go_files = s.ignored_go_files;
      p->invalid_go_files = s.invalid_go_files;
      p->test_go_files = s.test_go_files;
      p->xtest_go_files = s.xtest_go_files;
      p->test_imports = s.test_imports;
      p->xtest_imports = s.xtest_imports;
      p->imports = s.imports;
      if (s.error) {
        p->error = PackageError{s.error_pos, *s.error, {}};
        if (s.error_names_package) p->error->import_stack = {std::string(kCmdlineFiles)};
        p->incomplete = true;
      }
      std::string sub;
      if (!modules_) {
        Resolved r = GopathLocal(dir);
        if (!r.local) p->root = r.root;
        p->goroot = r.goroot;
      } else {
        Resolved r = ModLocal(dir);
        p->module = r.module;
        if (r.module) p->module_path = r.module->path;
        if (r.goroot) p->goroot = true;
      }
      {
        std::lock_guard<std::mutex> lock(scan_mu_);
        scans_[dir] = std::make_shared<const DirScan>(std::move(s));
      }
      ResolveImports(p.get());
    }
    std::string ip = p->import_path;
    packages_[ip] = std::move(p);
    roots.push_back(ip);
  } else {
    for (const std::string& raw : patterns) {
      std::string pattern = raw;
      bool local = IsLocalImport(pattern) || (!pattern.empty() && pattern[0] == '/');
      if (local) {
        // CleanPatterns keeps the "./" of a relative pattern.
        std::string c = CleanPath(pattern);
        if (absl::StartsWith(pattern, "./") && c != "." && !absl::StartsWith(c, "../")) c = "./" + c;
        pattern = c;
      } else if (!pattern.empty()) {
        pattern = CleanPath(pattern);
      }
      if (pattern.empty()) continue;
      if (local && modules_ && mod_roots_.empty() && go_mod_error_.empty()) {
        // Module mode without a main module (no go.mod, or a go.work that uses none):
        // directories outside GOROOT cannot be named (the go command stops here; heapmap
        // reports it and goes on).
        std::string sub;
        std::string abs = AbsPath(work_dir_, pattern.substr(0, pattern.find("...")));
        if (!HasSubdirSym(goroot_src_, abs, &sub) && EvalSymlinks(abs) != EvalSymlinks(goroot_src_)) {
          std::string msg =
              work_file_.empty()
                  ? "go.mod file not found in current directory or any parent directory; see "
                    "'go help modules'"
                  : "no modules were found in the current workspace; see 'go help work'";
          if (std::find(errors_.begin(), errors_.end(), msg) == errors_.end()) errors_.push_back(msg);
          fatal_ = true;
          continue;
        }
      }
      if (local && !mod_roots_.empty() && absl::StrContains(pattern, "...")) {
        // modload.matchLocalDirs: a wildcard's directory must be in a main module (not in
        // another module below it), in GOROOT/src or in a dependency's directory.
        std::string abs = AbsPath(work_dir_, DirName(pattern.substr(0, pattern.find("...") + 3)));
        std::string root = FindModuleRoot(abs), sub;
        const ModEntry* dep = ModuleForDir(abs);
        if (std::find(mod_roots_.begin(), mod_roots_.end(), root) == mod_roots_.end() &&
            !HasSubdirSym(goroot_src_, abs, &sub) &&
            EvalSymlinks(abs) != EvalSymlinks(goroot_src_) && (dep == nullptr || dep->info.main)) {
          errors_.push_back(absl::StrCat(
              "pattern ", raw, ": directory prefix ", ShortPath(work_dir_, abs),
              " does not contain ",
              work_file_.empty() ? "main module or its selected dependencies"
                                 : "modules listed in go.work or their selected dependencies"));
          fatal_ = true;
          continue;
        }
      }
      if (local) {
        std::vector<std::string> dirs;
        if (absl::StrContains(pattern, "...")) {
          dirs = MatchDirs(pattern);
          if (dirs.empty()) errors_.push_back(absl::StrCat("warning: \"", raw, "\" matched no packages"));
        } else {
          dirs.push_back(AbsPath(work_dir_, pattern));
        }
        for (const std::string& d : dirs) {
          Resolved r = modules_ ? ModLocal(d) : GopathLocal(d);
          // modload: wildcards do not include "builtin" or GOROOT/src itself.
          if (modules_ && absl::StrContains(pattern, "...") && r.goroot &&
              (r.import_path == "builtin" || r.import_path.empty())) {
            continue;
          }
          if (!modules_ && !r.local) {
            // search.ImportPaths: a directory inside GOROOT or GOPATH is loaded by its
            // import path (and so searched for like one, even if it does not exist).
            Package& p = LoadImportPath(r.import_path, nullptr);
            add_root(p.import_path, raw);
            continue;
          }
          if (!IsDir(d) && r.error.empty()) {
            r.error = modules_ ? absl::StrCat("directory ", pattern, " outside main module or its selected dependencies")
                               : absl::StrCat("cannot find package \"", r.import_path, "\" in:\n\t", d);
            for (const std::string& root : mod_roots_) {
              std::string rel;
              if (HasSubdir(root, d, &rel)) {
                r.error = absl::StrCat("stat ", d, ": directory not found");
              }
            }
          }
          if (!IsDir(d)) r.dir.clear();
          Package& p = LoadResolved(r);
          if (p.error && p.error->import_stack.size() == 1 && !absl::StrContains(raw, "...")) {
            p.error->import_stack[0] = pattern;
          }
          add_root(p.import_path, raw);
        }
        continue;
      }
      if (IsMetaPackage(pattern) || absl::StrContains(pattern, "...")) {
        std::vector<std::string> pkgs;
        if (modules_ && pattern == "all") {
          // Module "all": the main modules' packages and everything they (and their
          // tests) import, transitively.
          std::vector<std::string> mains;
          for (const ModEntry& e : build_list_) {
            if (!e.info.main) continue;
            for (const std::string& ip : MatchModPackages(e.path + "/...")) {
              if (std::find(mains.begin(), mains.end(), ip) == mains.end()) mains.push_back(ip);
            }
          }
          std::set<std::string> seen;
          std::vector<std::string> queue = mains;
          while (!queue.empty()) {
            std::string ip = queue.back();
            queue.pop_back();
            if (!seen.insert(ip).second) continue;
            Package& p = LoadImportPath(ip, nullptr);
            pkgs.push_back(ip);
            std::vector<std::string> next = p.imports;
            if (std::find(mains.begin(), mains.end(), ip) != mains.end()) {
              for (const auto& t : p.test_imports) next.push_back(t);
              for (const auto& t : p.xtest_imports) {
                if (t != ip) next.push_back(t);
              }
            }
            for (const std::string& n : next) {
              if (n == "C") continue;
              std::string err;
              std::string res = ResolveOne(n, p, &err);
              if (!seen.count(res)) queue.push_back(res);
            }
          }
          std::sort(pkgs.begin(), pkgs.end());
        } else if (modules_) {
          pkgs = MatchModPackages(pattern);
        } else {
          pkgs = MatchPackages(pattern);
        }
        if (pkgs.empty()) errors_.push_back(absl::StrCat("warning: \"", raw, "\" matched no packages"));
        for (const std::string& ip : pkgs) {
          Package& p = LoadImportPath(ip, nullptr);
          add_root(p.import_path, raw);
        }
        continue;
      }
      Package& p = LoadImportPath(pattern, nullptr);
      add_root(p.import_path, raw);
    }
  }

  // Error positions are printed relative to the work dir when shorter, as go list does.
  for (auto& [ip, p] : packages_) {
    if (!p->error || p->error->pos.empty()) continue;
    std::string& pos = p->error->pos;
    size_t colon = pos.find(':');
    pos = ShortPath(work_dir_, pos.substr(0, colon)) +
          (colon == std::string::npos ? "" : pos.substr(colon));
  }
  MarkImportCycles(roots);
  LoadResult result;
  result.errors = errors_;
  result.fatal = fatal_;
  std::set<std::string> root_set(roots.begin(), roots.end());
  for (const auto& [ip, m] : matches) {
    auto it = packages_.find(ip);
    if (it != packages_.end()) it->second->match = m;
  }
  if (!with_deps) {
    for (const std::string& ip : roots) result.packages.push_back(*packages_.at(ip));
    return result;
  }
  // go list -deps: post-order over imports, in import order, roots in command-line order.
  std::set<std::string> emitted;
  std::function<void(const std::string&)> visit = [&](const std::string& ip) {
    if (!emitted.insert(ip).second) return;
    Package* p = packages_.at(ip).get();
    std::vector<std::string> imports = p->imports;
    // Implicit imports the go command adds for building (load.Package.load): cgo's
    // runtime support, and what the linker needs for a main package.
    auto add = [&imports](const std::string& dep) {
      if (std::find(imports.begin(), imports.end(), dep) == imports.end()) imports.push_back(dep);
    };
    if (!p->cgo_files.empty()) {
      static const std::set<std::string> kCgoExclude = {"runtime/cgo", "runtime/race",
                                                        "runtime/msan", "runtime/asan"};
      add("unsafe");
      if (!p->standard || !kCgoExclude.count(p->import_path)) add("runtime/cgo");
      if (!p->standard || !kCgoExclude.count(p->import_path)) add("syscall");
    }
    if (p->name == "main") {
      add("runtime");
      if (ctx_.goarch == "arm") add("math");
    }
    for (const std::string& imp : imports) {
      if (imp == "C") continue;
      if (!packages_.count(imp)) {
        Package& dep = LoadImportPath(imp, nullptr);
        (void)dep;
        if (!packages_.count(imp)) continue;
      }
      visit(imp);
    }
    // Deps: every package reachable through imports, sorted.
    std::set<std::string> deps;
    for (const std::string& imp : imports) {
      if (imp == "C" || !packages_.count(imp)) continue;
      deps.insert(imp);
      const Package& d = *packages_.at(imp);
      deps.insert(d.deps.begin(), d.deps.end());
      if (d.incomplete) p->incomplete = true;
    }
    p->deps.assign(deps.begin(), deps.end());
    p->dep_only = !root_set.count(ip);
    result.packages.push_back(*p);
  };
  for (const std::string& ip : roots) visit(ip);
  return result;
}

// An import cycle is an error on the package that closes it, as the go command reports it
// (load.loadImport): "import cycle not allowed", with the import stack from that package
// round to itself. Found by a depth-first walk over imports from the roots; dependencies
// are loaded as the walk meets them, so a cycle is found with or without -deps.
void Loader::MarkImportCycles(const std::vector<std::string>& roots) {
  enum State { kNew, kOnStack, kDone };
  std::map<std::string, State> state;
  std::vector<std::string> stack;
  std::function<void(const std::string&)> walk = [&](const std::string& ip) {
    state[ip] = kOnStack;
    stack.push_back(ip);
    const std::vector<std::string> imports = packages_.at(ip)->imports;
    for (const std::string& imp : imports) {
      if (imp == "C") continue;
      if (!packages_.count(imp)) {
        LoadImportPath(imp, nullptr);
        if (!packages_.count(imp)) continue;
      }
      State s = state[imp];
      if (s == kNew) {
        walk(imp);
      } else if (s == kOnStack) {
        Package& closing = *packages_.at(imp);
        if (closing.error) continue;
        PackageError e;
        e.err = "import cycle not allowed";
        e.import_stack.assign(std::find(stack.begin(), stack.end(), imp), stack.end());
        e.import_stack.push_back(imp);
        closing.error = std::move(e);
        closing.incomplete = true;
      }
    }
    stack.pop_back();
    state[ip] = kDone;
  };
  for (const std::string& ip : roots) {
    if (packages_.count(ip) && state[ip] == kNew) walk(ip);
  }
}

std::string PathListJoin(const std::vector<std::string>& v) { return absl::StrJoin(v, ":"); }

}  // namespace

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; e++) {
    absl::string_view kv = *e;
    size_t eq = kv.find('=');
    if (eq == absl::string_view::npos) continue;
    env.emplace(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
  }
  return env;
}

absl::StatusOr<BuildContext> MakeBuildContext(const ContextFlags& flags,
                                              const std::map<std::string, std::string>& env) {
  auto getenv = [&env](const std::string& k) -> std::string {
    auto it = env.find(k);
    return it == env.end() ? "" : it->second;
  };
  BuildContext ctx;
  ctx.work_dir = flags.work_dir;
  if (ctx.work_dir.empty()) {
    // os.Getwd: $PWD when it names the current directory (keeps symlinked paths).
    std::string pwd = getenv("PWD");
    struct stat a, b;
    if (!pwd.empty() && pwd[0] == '/' && ::stat(pwd.c_str(), &a) == 0 && ::stat(".", &b) == 0 &&
        a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
      ctx.work_dir = pwd;
    } else {
      char buf[PATH_MAX];
      if (::getcwd(buf, sizeof buf) != nullptr) ctx.work_dir = buf;
    }
  }
  ctx.work_dir = CleanPath(ctx.work_dir);

  // GOROOT: the flag, then $GOROOT, then the usual install locations.
  std::vector<std::string> tried;
  std::string goroot;
  auto valid = [](const std::string& d) { return IsDir(d + "/src"); };
  if (!flags.goroot.empty()) {
    std::string d = AbsPath(ctx.work_dir, flags.goroot);
    if (!valid(d)) {
      return absl::NotFoundError(absl::StrCat(
          "--goroot=", flags.goroot, ": no Go source tree there (", d,
          "/src is missing); point --goroot at a Go installation with sources, e.g. "
          "/usr/lib/go-1.19 from Debian's golang-1.19-src package"));
    }
    goroot = d;
  } else if (std::string e = getenv("GOROOT"); !e.empty() && valid(CleanPath(e))) {
    goroot = CleanPath(e);
  } else {
    if (!getenv("GOROOT").empty()) tried.push_back("$GOROOT=" + getenv("GOROOT"));
    std::vector<std::string> candidates = {"/usr/local/go", "/usr/lib/go"};
    // /usr/lib/go-1.NN and /usr/share/go-1.NN, newest first.
    for (const char* base : {"/usr/lib", "/usr/share"}) {
      std::vector<std::pair<int, std::string>> versions;
      if (DIR* d = ::opendir(base)) {
        while (struct dirent* e = ::readdir(d)) {
          absl::string_view n = e->d_name;
          int minor = 0;
          if (absl::ConsumePrefix(&n, "go-1.") && absl::SimpleAtoi(n, &minor)) {
            versions.push_back({minor, absl::StrCat(base, "/", e->d_name)});
          }
        }
        ::closedir(d);
      }
      std::sort(versions.rbegin(), versions.rend());
      if (std::string(base) == "/usr/share") candidates.push_back("/usr/share/go");
      for (const auto& v : versions) candidates.push_back(v.second);
    }
    for (const std::string& c : candidates) {
      if (valid(c)) {
        goroot = c;
        break;
      }
      tried.push_back(c);
    }
    if (goroot.empty()) {
      return absl::NotFoundError(absl::StrCat(
          "cannot find a Go installation with sources (GOROOT): looked in ",
          absl::StrJoin(tried, ", "),
          ". Pass --goroot=DIR, set $GOROOT, or install Debian's golang-1.19-src package "
          "(apt-get install golang-1.19-src)"));
    }
  }
  ctx.goroot = goroot;
  ctx.go_minor_version = GoMinorFromRoot(goroot);

  // GOPATH: entries that are absolute, not "~"-prefixed and not GOROOT (go/build gopath()).
  std::string gopath = flags.gopath.empty() ? getenv("GOPATH") : flags.gopath;
  ctx.gopath_explicit = !gopath.empty();
  if (gopath.empty()) {
    std::string home = getenv("HOME");
    if (!home.empty()) gopath = home + "/go";
  }
  for (absl::string_view p : absl::StrSplit(gopath, ':', absl::SkipEmpty())) {
    std::string d = flags.gopath.empty() ? std::string(p) : AbsPath(ctx.work_dir, std::string(p));
    if (d.empty() || d[0] != '/' || absl::StartsWith(d, "~")) continue;
    d = CleanPath(d);
    if (d == goroot) continue;
    ctx.gopath.push_back(d);
  }
  ctx.gomodcache = getenv("GOMODCACHE");
  if (ctx.gomodcache.empty() && !ctx.gopath.empty()) ctx.gomodcache = ctx.gopath[0] + "/pkg/mod";
  ctx.gomodcache = ctx.gomodcache.empty() ? "" : CleanPath(ctx.gomodcache);

  ctx.goos = !flags.goos.empty() ? flags.goos : (getenv("GOOS").empty() ? "linux" : getenv("GOOS"));
  ctx.goarch = !flags.goarch.empty() ? flags.goarch
                                     : (getenv("GOARCH").empty() ? "amd64" : getenv("GOARCH"));
  if (!IsKnownOS(ctx.goos)) {
    return absl::InvalidArgumentError(absl::StrCat("unsupported GOOS ", ctx.goos));
  }
  if (!IsKnownArch(ctx.goarch)) {
    return absl::InvalidArgumentError(absl::StrCat("unsupported GOARCH ", ctx.goarch));
  }
  ctx.cgo_enabled = getenv("CGO_ENABLED") == "1";
  for (const std::string& t : flags.tags) {
    for (absl::string_view s : absl::StrSplit(t, absl::ByAnyChar(", "), absl::SkipEmpty())) {
      ctx.build_tags.emplace_back(s);
    }
  }
  ctx.go111module = getenv("GO111MODULE");
  if (ctx.go111module != "" && ctx.go111module != "on" && ctx.go111module != "off" &&
      ctx.go111module != "auto") {
    return absl::InvalidArgumentError(absl::StrCat(
        "GO111MODULE=", ctx.go111module, " is invalid: must be on, off or auto"));
  }
  ctx.gowork = getenv("GOWORK");
  if (!ctx.gowork.empty() && ctx.gowork != "off" && ctx.gowork != "auto" && ctx.gowork[0] != '/') {
    return absl::InvalidArgumentError(absl::StrCat(
        "GOWORK=", ctx.gowork, ": the path provided to GOWORK must be an absolute path"));
  }
  for (absl::string_view f : absl::StrSplit(getenv("GOFLAGS"), ' ', absl::SkipEmpty())) {
    if (absl::ConsumePrefix(&f, "-mod=")) ctx.mod_flag = std::string(f);
  }
  return ctx;
}

std::vector<std::vector<size_t>> ImportIndices(const LoadResult& result) {
  absl::flat_hash_map<std::string_view, size_t> by_path;
  for (size_t i = 0; i < result.packages.size(); ++i) {
    by_path.try_emplace(result.packages[i].import_path, i);
  }
  std::vector<std::vector<size_t>> out(result.packages.size());
  for (size_t i = 0; i < result.packages.size(); ++i) {
    for (const std::string& imp : result.packages[i].imports) {
      auto it = by_path.find(imp);
      if (it == by_path.end() || it->second == i ||
          std::find(out[i].begin(), out[i].end(), it->second) != out[i].end()) {
        continue;
      }
      out[i].push_back(it->second);
    }
  }
  return out;
}

absl::flat_hash_map<std::string, size_t> ImportPaths(const LoadResult& result, size_t pkg,
                                                     const std::vector<size_t>& imports) {
  absl::flat_hash_map<std::string, size_t> paths;
  for (size_t j : imports) {
    const std::string& resolved = result.packages[j].import_path;
    paths[resolved] = j;
    if (size_t v = resolved.rfind("/vendor/"); v != std::string::npos) {
      paths.try_emplace(resolved.substr(v + 8), j);
    } else if (resolved.rfind("vendor/", 0) == 0) {
      paths.try_emplace(resolved.substr(7), j);
    }
  }
  for (const auto& [written, resolved] : result.packages[pkg].import_map) {
    auto it = paths.find(resolved);
    if (it == paths.end()) continue;
    size_t j = it->second;  // copied: try_emplace may rehash under `it`
    paths.try_emplace(written, j);
  }
  return paths;
}

std::string StripMajorVersions(std::string_view path) {
  std::string stripped;
  size_t pos = 0;
  std::string p(path);
  while (pos <= p.size()) {
    size_t slash = p.find('/', pos);
    if (slash == std::string::npos) slash = p.size();
    std::string elem = p.substr(pos, slash - pos);
    bool major = elem.size() >= 2 && elem[0] == 'v' && elem[1] >= '1' &&
                 elem.find_first_not_of("0123456789", 1) == std::string::npos && elem != "v1" &&
                 pos > 0;
    if (!major) {
      if (!stripped.empty()) stripped += '/';
      stripped += elem;
    }
    pos = slash + 1;
  }
  return stripped;
}

LoadResult Load(const BuildContext& ctx, const std::vector<std::string>& patterns,
                bool with_deps) {
  Loader loader(ctx);
  return loader.Run(patterns, with_deps);
}

std::string PackageToJson(const Package& p) {
  JsonObject o(0);
  o.Str("Dir", p.dir);
  o.Str("ImportPath", p.import_path);
  o.Str("ImportComment", p.import_comment);
  o.Str("Name", p.name);
  o.Str("Doc", p.doc);
  o.Str("Root", p.root);
  if (p.module) o.Raw("Module", ModuleJson(*p.module, 1));
  o.List("Match", p.match);
  o.Bool("Goroot", p.goroot);
  o.Bool("Standard", p.standard);
  o.Bool("DepOnly", p.dep_only);
  o.Bool("Incomplete", p.incomplete || p.error.has_value());
  o.List("GoFiles", p.go_files);
  o.List("CgoFiles", p.cgo_files);
  o.List("IgnoredGoFiles", p.ignored_go_files);
  o.List("InvalidGoFiles", p.invalid_go_files);
  o.List("IgnoredOtherFiles", p.ignored_other_files);
  o.List("CFiles", p.c_files);
  o.List("CXXFiles", p.cxx_files);
  o.List("MFiles", p.m_files);
  o.List("HFiles", p.h_files);
  o.List("FFiles", p.f_files);
  o.List("SFiles", p.s_files);
  o.List("SwigFiles", p.swig_files);
  o.List("SwigCXXFiles", p.swig_cxx_files);
  o.List("SysoFiles", p.syso_files);
  o.List("Imports", p.imports);
  if (!p.import_map.empty()) {
    JsonObject m(1);
    for (const auto& [written, resolved] : p.import_map) m.Str(written, resolved, false);
    o.Raw("ImportMap", m.Close());
  }
  o.List("Deps", p.deps);
  if (p.error) {
    JsonObject e(1);
    if (p.error->import_stack.empty()) {
      e.Raw("ImportStack", "[]");
    } else {
      e.List("ImportStack", p.error->import_stack);
    }
    e.Str("Pos", p.error->pos, false);
    e.Str("Err", p.error->err, false);
    o.Raw("Error", e.Close());
  }
  o.List("TestGoFiles", p.test_go_files);
  o.List("TestImports", p.test_imports);
  o.List("XTestGoFiles", p.xtest_go_files);
  o.List("XTestImports", p.xtest_imports);
  return o.Close() + "\n";
}

std::string PackageErrorText(const PackageError& error) {
  if (error.err == "import cycle not allowed" && error.import_stack.size() > 1) {
    return absl::StrCat("package ", absl::StrJoin(error.import_stack, "\n\timports "), ": ",
                        error.err);
  }
  return error.pos.empty() ? error.err : absl::StrCat(error.pos, ": ", error.err);
}

}  // namespace heapmap::load
