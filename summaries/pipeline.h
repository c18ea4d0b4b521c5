// summaries/pipeline.h — load with deps, then parse and type-check each package in
// import order.
//
// The front half of the engine, shared by the commands that need typed packages
// (`analyze`, `inline`, `check`). Each package is read, parsed (its files in parallel) and
// checked in a oneTBB task of its own as soon as its imports are checked; a per-package
// hook runs in that task right after the package is checked, while its types::Info is
// alive, so that callers can use it (lowering, solving: analyze.cc) or drop it (memory).
#ifndef HEAPMAP_SUMMARIES_PIPELINE_H_
#define HEAPMAP_SUMMARIES_PIPELINE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "summaries/package_graph.h"
#include "summaries/parse_files.h"
#include "frontend/load/loader.h"
#include "frontend/syntax/parser.h"
#include "frontend/types/checker.h"
#include "frontend/types/context.h"
#include "frontend/types/package.h"
#include "frontend/types/sizes.h"
#include "frontend/types/universe.h"

namespace heapmap::summaries {

struct CheckedPackage {
  const load::Package* pkg = nullptr;
  size_t index = 0;                  // in TypedProgram::packages (= load order)
  std::vector<size_t> file_indices;  // into TypedProgram::parsed
  std::vector<size_t> imports;       // indices of imported packages (load::ImportIndices)
  types::Package* types_pkg = nullptr;
  std::unique_ptr<types::Package> owned;
  std::vector<types::TypeError> errors;
  std::unique_ptr<types::Info> info;  // reset after the hook unless keep_info
  bool checked = false;               // false: load error or "unsafe"
  // Its types were read from export data (TypecheckOptions::export_data): no files were
  // parsed, and `info` is null.
  bool from_export = false;
  // Its check recorded instances in the program's types::Context (or may have: another
  // package recorded some meanwhile), which may point into its arena.
  bool recorded_instances = true;
  // The package's readable, parsed files (for the hook and for error formatting).
  std::vector<const syntax::ParsedFile*> files;
  // A load, read, syntax or type error in this package (set once it is checked, or at load).
  bool has_errors = false;
  // Set by on_checked when nothing will read the package's syntax trees again: the
  // pipeline then frees them (not when it has errors: they are printed from them).
  bool release_files = false;
};

struct TypedProgram;

struct TypecheckOptions {
  int go_minor = types::CheckConfig{}.go_minor;  // for the named (non dep_only) packages
  const types::GcSizes* sizes = nullptr;          // default: gc's amd64
  bool keep_info = false;
  // Runs on a worker thread after each checked package (never for unchecked ones). The
  // package's imports are final and may be read from `prog` (its other packages may not).
  std::function<void(CheckedPackage&, const TypedProgram& prog)> on_checked;
  // More stages per package (package_graph.h), after the pipeline's own (read, parse,
  // check, on_checked): each runs for every package, checked or not, once its imports
  // have done it and the package has done the stage before. ParseCheck returns when all
  // are done.
  std::vector<PackageGraph::Stage> then;
  // Per loaded package: parse and check only these (empty: all). Closed under imports:
  // a package's imports are wanted whenever it is.
  std::vector<bool> only;
  // Asked, in package i's task, for export data (frontend/export) to read its types from
  // instead of parsing and checking its source; "" (or no function): check the source, as
  // also when the data cannot be read. The bytes must stay alive until ParseCheck returns.
  std::function<std::string_view(size_t i)> export_data;
  // Reads a package's file (its full path) in place of the disk: nullopt if it has none
  // (the per-package action gives its imports' sources from their artifacts).
  std::function<std::optional<std::string>(const std::string& path)> read_file;
};

struct TypedProgram {
  // The program's canonical instances of generic types (all its packages share them);
  // declared first, so that it outlives the packages whose instances use it.
  std::unique_ptr<types::Context> context = std::make_unique<types::Context>();
  load::LoadResult loaded;
  std::vector<SourceParse> parsed;
  std::vector<std::unique_ptr<CheckedPackage>> packages;  // load (dependency) order
  absl::flat_hash_map<std::string, size_t> by_path;       // import path -> index
  size_t checked = 0;
};

// Parses and type-checks every package of `loaded` (loaded with their dependencies).
TypedProgram ParseCheck(load::LoadResult loaded, const TypecheckOptions& options);

// Package p's types read from export data (frontend/export), in the program's context;
// the packages the data names must be p's transitive imports, checked (or read) already.
absl::StatusOr<std::unique_ptr<types::Package>> ReadPackageExportData(const TypedProgram& prog,
                                                                      const CheckedPackage& p,
                                                                      std::string_view data);

// Memory: replaces the types of a checked package, once its own work is done (in
// on_checked), with those read back from its export data, and frees the checker's (its
// arena: function bodies' objects and types, scopes). Its importers are then checked
// against the smaller copy, which prints and compares the same (frontend/export's
// equivalence). Refused (false) unless nothing else points into its arena: no errors,
// no instances recorded in the context (recorded_instances), no Info kept; and `adopt`,
// given the new package before the swap, must find again in it the types the caller
// keeps (false: the old ones stay).
bool ReplaceTypesWithExportData(const TypedProgram& prog, CheckedPackage& p,
                                std::string_view data,
                                const std::function<bool(types::Package* fresh)>& adopt);

// Appends the load, read, syntax and type errors of `p` to `out`, one line each, as
// `heapmap check` prints them. Returns the number of lines.
size_t FormatPackageErrors(const TypedProgram& prog, const CheckedPackage& p, std::string* out);

// The process's working directory ("" if unknown).
std::string CurrentDir();

// A file name as `go build` prints it in -m lines: the package directory is replaced by
// its path relative to the current directory when that is shorter (base.ShortPath:
// "./x.go" in the current directory, "p/x.go" below it, "../io/io.go" beside it); other
// names stay absolute. escape-score resolves every form.
std::string DisplayName(const std::string& path, const std::string& cwd);
// The inverse for a name DisplayName gave: a relative name is joined to `cwd` (a "./x.go"
// loses its "./"), an absolute one is kept. Artifacts name their sources so.
std::string ResolveSourcePath(const std::string& shown, const std::string& cwd);

}  // namespace heapmap::summaries

#endif  // HEAPMAP_SUMMARIES_PIPELINE_H_
