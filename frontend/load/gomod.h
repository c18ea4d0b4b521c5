// frontend/load/gomod.h — go.mod, go.work and vendor/modules.txt parsing, module cache
// path escaping.
#ifndef HEAPMAP_FRONTEND_LOAD_GOMOD_H_
#define HEAPMAP_FRONTEND_LOAD_GOMOD_H_

#include <map>
#include <string>

#include "absl/strings/string_view.h"
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace heapmap::load {

struct ModVersion {
  std::string path;
  std::string version;  // empty for a local directory replacement / main module
};

struct GoModRequire {
  ModVersion mod;
  bool indirect = false;
  int line = 0;
};

struct GoModReplace {
  ModVersion old_mod;  // old_mod.version empty: replaces every version
  ModVersion new_mod;  // new_mod.version empty: new_mod.path is a directory
  int line = 0;
};

struct GoModFile {
  std::string module_path;
  std::string go_version;  // "1.17", empty if absent
  std::vector<GoModRequire> require;
  std::vector<GoModReplace> replace;
  std::vector<ModVersion> exclude;
};

// Parses go.mod text as golang.org/x/mod/modfile does (lax about unknown directives
// only where the go command is). `filename` prefixes each error: "go.mod:3: msg".
// All errors are collected; the status message holds them one per line.
absl::StatusOr<GoModFile> ParseGoMod(absl::string_view filename, absl::string_view data);

// A go.work file (Go 1.18 workspaces): the modules it uses and its replacements.
struct GoWorkUse {
  std::string path;  // as written: relative to the go.work's directory, or absolute
  int line = 0;
};

struct GoWorkFile {
  std::string go_version;  // "1.18", empty if absent
  std::vector<GoWorkUse> use;
  std::vector<GoModReplace> replace;
};

// Parses go.work text as modfile.ParseWork does (directives go, use, replace; blocks of
// use and replace). Errors as ParseGoMod's: "FILE:LINE: msg", one per line.
absl::StatusOr<GoWorkFile> ParseGoWork(absl::string_view filename, absl::string_view data);

// vendor/modules.txt: which module provides each vendored package.
struct VendorModule {
  ModVersion mod;
  ModVersion replacement;  // empty path if not replaced
  bool explicit_req = false;
  std::string go_version;
  std::vector<std::string> packages;
};
std::vector<VendorModule> ParseModulesTxt(absl::string_view data);

// module.EscapePath / EscapeVersion: upper-case letters become '!' + lower case.
std::string EscapeModulePath(absl::string_view path);

// Compares two semantic versions as golang.org/x/mod/semver.Compare (invalid < valid).
int CompareSemver(absl::string_view a, absl::string_view b);

}  // namespace heapmap::load

#endif  // HEAPMAP_FRONTEND_LOAD_GOMOD_H_
