// frontend/load/loader.h — find Go packages and their files as the go command does,
// without running it.
//
// Input: a BuildContext (GOROOT, GOPATH, module mode, GOOS/GOARCH, tags, Go version)
// and package patterns as `go list` takes them. Output: one Package per matched package,
// with the files that the build constraints select, in the order `go list` prints them.
// Errors never stop the load: a package that cannot be loaded carries an Error, a
// pattern that matches nothing is reported in LoadResult::errors, and every other
// package is still returned.
#ifndef HEAPMAP_FRONTEND_LOAD_LOADER_H_
#define HEAPMAP_FRONTEND_LOAD_LOADER_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"

namespace heapmap::load {

// What the user said on the command line; empty means "not given".
struct ContextFlags {
  std::string goroot;
  std::string gopath;
  std::string goos;
  std::string goarch;
  std::vector<std::string> tags;  // --tags a,b
  std::string work_dir;           // defaults to the process's cwd
};

// The resolved build configuration: flags, then environment, then defaults.
struct BuildContext {
  std::string goroot;                // has a src/ tree
  std::vector<std::string> gopath;   // $GOPATH entries, default $HOME/go
  std::string gomodcache;            // $GOMODCACHE, default first GOPATH entry + /pkg/mod
  std::string goos = "linux";
  std::string goarch = "amd64";
  bool cgo_enabled = false;          // $CGO_ENABLED=1 turns it on
  std::vector<std::string> build_tags;
  int go_minor_version = 19;         // release tags go1.1 ... go1.N; from GOROOT/VERSION
  std::string go111module;           // "on", "off", "auto" or "" (= on)
  std::string work_dir;
  // -mod from $GOFLAGS ("mod", "vendor", "readonly" or "" for the go command's default).
  std::string mod_flag;
  // $GOWORK: a go.work file's absolute path, "off" (no workspace), or "" / "auto" (look
  // for go.work in the work dir and its parents).
  std::string gowork;
  // GOPATH given by --gopath or $GOPATH while GO111MODULE is unset: heapmap then
  // behaves as GO111MODULE=auto (GOPATH mode unless a go.mod is found); see README.
  bool gopath_explicit = false;
};

// Resolves flags and environment (`env` maps variable names to values; pass the
// process environment in production, a fixed map in tests). The error for a missing
// GOROOT names the --goroot flag and Debian's golang-1.19-src package.
absl::StatusOr<BuildContext> MakeBuildContext(
    const ContextFlags& flags, const std::map<std::string, std::string>& env);

// The process environment as a map, for MakeBuildContext.
std::map<std::string, std::string> ProcessEnvironment();

struct PackageError {
  std::string pos;  // "file:line:col" or empty
  std::string err;
  // `go list`'s ImportStack: the package as named (pattern or import path) for its own
  // errors; empty when the package was not found; [importer, import] for an import
  // that does not resolve.
  std::vector<std::string> import_stack = {};
};

// The module of a package in module mode (`go list -json` "Module").
struct ModuleInfo {
  std::string path;
  std::string version;
  bool main = false;
  // go list's Indirect: not a direct requirement of the main go.mod (a `require` line
  // without `// indirect`); in workspace mode, every module that is not a main one.
  bool indirect = false;
  std::string dir;
  std::string go_mod;
  std::string go_version;
  // Set when go.mod replaces the module: the replacement's path, version (empty for
  // a directory), dir and go.mod.
  std::string replace_path;
  std::string replace_version;
  std::string replace_dir;
  std::string replace_go_mod;
};

// Field names follow `go list -json`.
struct Package {
  std::string import_path;
  std::string dir;
  std::string name;
  bool goroot = false;    // in GOROOT
  bool standard = false;  // in std
  std::string module_path;  // empty in GOPATH mode and for std
  std::vector<std::string> go_files;          // base names, sorted, non-test, selected
  std::vector<std::string> cgo_files;
  std::vector<std::string> ignored_go_files;
  std::vector<std::string> imports;           // resolved import paths (vendor/...), sorted, unique
  // Import paths as written -> resolved, where they differ (vendoring, local imports
  // "./p" in GOPATH mode), as go list's ImportMap.
  std::map<std::string, std::string> import_map;
  std::optional<PackageError> error;

  // Further `go list -json` fields, printed when non-empty.
  std::string root;            // GOROOT, GOPATH entry or module root
  std::string doc;             // package doc synopsis
  std::string import_comment;  // GOPATH mode: `package x // import "path"`
  std::optional<ModuleInfo> module;
  std::vector<std::string> match;  // command-line patterns matching this package
  bool dep_only = false;           // only loaded as a dependency (with_deps)
  bool incomplete = false;         // this package or a dependency has an error
  std::vector<std::string> invalid_go_files;
  std::vector<std::string> ignored_other_files;
  std::vector<std::string> c_files;
  std::vector<std::string> cxx_files;
  std::vector<std::string> m_files;
  std::vector<std::string> h_files;
  std::vector<std::string> f_files;
  std::vector<std::string> s_files;
  std::vector<std::string> swig_files;
  std::vector<std::string> swig_cxx_files;
  std::vector<std::string> syso_files;
  std::vector<std::string> deps;  // only filled with with_deps
  std::vector<std::string> test_go_files;
  std::vector<std::string> test_imports;   // as written in the source (not resolved)
  std::vector<std::string> xtest_go_files;
  std::vector<std::string> xtest_imports;
};

struct LoadResult {
  std::vector<Package> packages;    // in `go list` order
  std::vector<std::string> errors;  // pattern-level problems, e.g. no matching packages
  // A problem that makes the load as a whole fail (a broken go.mod): the driver should
  // exit non-zero. Packages that did not need it are still in `packages`.
  bool fatal = false;
};

// Expands patterns (std, cmd, all, ./..., dir/..., import/path/..., import paths,
// directories, or a list of .go files naming one package) and loads the matches.
// With `with_deps`, every package they import (transitively) is loaded too, and the
// result is in dependency order (imports before importers), as `go list -deps` prints.
LoadResult Load(const BuildContext& ctx, const std::vector<std::string>& patterns,
                bool with_deps = false);

// Each package's imports as indices into result.packages, in the order of Package::imports,
// each once; an import that is not in the result, and a package importing itself, are
// left out. After Load with deps these are indices of earlier packages.
std::vector<std::vector<size_t>> ImportIndices(const LoadResult& result);

// The import paths package `pkg` of `result` may write, each with the index of the loaded
// package it names: its imports' resolved paths, the same without their vendor prefix
// ("vendor/golang.org/x/net/dns/dnsmessage" is written "golang.org/x/net/dns/dnsmessage"),
// and the paths of its ImportMap as written (local "./p" imports). `imports` is
// ImportIndices(result)[pkg]. A path not found there may still name a package through
// StripMajorVersions.
absl::flat_hash_map<std::string, size_t> ImportPaths(const LoadResult& result, size_t pkg,
                                                     const std::vector<size_t>& imports);

// GOPATH mode's minimal module compatibility resolves "a/b/v2/c" to "a/b/c": /vN elements
// (N >= 2) after the first are dropped.
std::string StripMajorVersions(std::string_view path);

// One package as `go list -json` prints it (tab-indented object, trailing newline).
std::string PackageToJson(const Package& pkg);

// A package's error as the go command prints it in text: "pos: err", or for an import
// cycle "package a\n\timports b\n\timports a: import cycle not allowed".
std::string PackageErrorText(const PackageError& error);

}  // namespace heapmap::load

#endif  // HEAPMAP_FRONTEND_LOAD_LOADER_H_
