// frontend/load/scan.h — go/build's Import file selection over one directory.
#ifndef HEAPMAP_FRONTEND_LOAD_SCAN_H_
#define HEAPMAP_FRONTEND_LOAD_SCAN_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include <vector>

#include "frontend/load/constraint.h"
#include "frontend/load/loader.h"

namespace heapmap::load {

// What go/build.Context.ImportDir learns from one directory, before the go command
// resolves imports.
struct DirScan {
  bool exists = false;        // the directory could be read
  bool no_go = false;         // NoGoError: no buildable .go files (incl. tests)
  bool has_go_files = false;  // any *.go entry at all (hasGoFiles / IsDirWithGoFiles)
  std::string read_dir_error;
  std::string name;
  std::string doc;
  std::string import_comment;
  std::vector<std::string> go_files, cgo_files, ignored_go_files, invalid_go_files,
      ignored_other_files, c_files, cxx_files, m_files, h_files, f_files, s_files,
      swig_files, swig_cxx_files, syso_files, test_go_files, xtest_go_files;
  // Unresolved import paths, sorted and unique (cleanDecls); for `imports` the first
  // position each path appears at, "file:line:col".
  std::vector<std::string> imports, test_imports, xtest_imports;
  std::vector<std::string> import_pos;
  // The first bad-file error, MultiplePackageError or NoGoError, as go/build returns it.
  std::optional<std::string> error;
  std::string error_pos;
  // The error is a parse error or NoGoError: go list then names the package in the
  // error's ImportStack (setLoadPackageDataError).
  bool error_names_package = false;
};

// Scans `dir`. `import_comment` reads `// import "path"` comments (GOPATH mode only).
DirScan ScanDir(const TagContext& tags, const std::string& dir, bool import_comment);

// Scans an explicit list of .go files in one directory (`go list a.go b.go`).
DirScan ScanFiles(const TagContext& tags, const std::string& dir,
                  const std::vector<std::string>& names);

// The doc.Synopsis of a package comment (first sentence, whitespace collapsed).
std::string DocSynopsis(absl::string_view text);

}  // namespace heapmap::load

#endif  // HEAPMAP_FRONTEND_LOAD_SCAN_H_
