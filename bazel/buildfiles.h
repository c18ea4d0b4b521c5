// bazel/buildfiles.h — a Bazel workspace for loaded Go packages (in the spirit of gazelle).
//
// In: the packages `heapmap analyze` would scan (load::Load with deps: the named packages
// and everything they import), the tree the scan is run in, and the mode of the scan.
// Out: the files of a Bazel workspace (WorkspaceFiles): the rules (bazel/defs.bzl, built
// into the binary) and a link to the heapmap binary in _heapmap/, one go_package target per Go
// package (bazel/defs.bzl), its .go files as symbolic links to the tree's, its imports as
// deps; and at the root the rules that run heapmap over the named packages (escape,
// report, dashboard).
//
// Invariants: a package's directory in the workspace is its directory's path below the
// tree, so that the actions, run in the workspace, print the file names `heapmap analyze`
// prints in the tree; packages outside the tree (a module's std and module-cache imports)
// go under `_deps/IMPORTPATH` (their names are printed only where a named package shows a
// generic instance of their code). The output depends only on the packages and options:
// the same input gives the same files, in the same order.
#ifndef HEAPMAP_BAZEL_BUILDFILES_H_
#define HEAPMAP_BAZEL_BUILDFILES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "frontend/load/loader.h"

namespace heapmap::bazel {

struct WorkspaceOptions {
  std::string tree;          // the directory the scan is run in (absolute)
  std::string mode = "-m";   // the scan's flags: "-m", "-m -l", "-m=2" or "-m=2 -l"
  std::string heapmap;       // the heapmap binary the rules run (absolute)
};

struct Workspace {
  std::vector<struct WorkspaceFile> files;
  // Packages left out, each with why: its load error, or an import left out (as
  // `heapmap analyze` skips a package with errors and everything that imports it).
  std::vector<std::string> left_out;
};

struct WorkspaceFile {
  std::string path;          // relative to the workspace's root
  std::string contents;      // a file's bytes, or a symbolic link's target
  bool symlink = false;
};

// The workspace's files, in a fixed order, and the packages left out; an error names a
// package that cannot be placed (a directory Bazel cannot name, two packages in one).
absl::StatusOr<Workspace> MakeWorkspace(const load::LoadResult& loaded,
                                        const WorkspaceOptions& options);

// Writes `files` under `dir`, replacing what an earlier run wrote there (listed in
// DIR/.heapmap-workspace) and leaving everything else alone (Bazel's convenience links).
absl::Status WriteWorkspace(const std::string& dir, const std::vector<WorkspaceFile>& files);

}  // namespace heapmap::bazel

#endif  // HEAPMAP_BAZEL_BUILDFILES_H_
