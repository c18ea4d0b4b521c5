// frontend/load/package_list.h — a package graph from outside: the JSON objects that
// `go list -json` prints, read as a LoadResult.
//
// A build system's package driver, `go list -deps -json` or `heapmap list -deps -json`
// has already chosen each package's files and resolved its imports; heapmap then reads no
// directory, no go.mod and no build constraint, and analyzes the packages as given.
#ifndef HEAPMAP_FRONTEND_LOAD_PACKAGE_LIST_H_
#define HEAPMAP_FRONTEND_LOAD_PACKAGE_LIST_H_

#include <string>
#include <string_view>

#include "frontend/load/loader.h"

namespace heapmap::load {

// Reads a stream of package objects in the shape `go list -json` prints them
// (concatenated, white space between), as PackageToJson writes them back; fields heapmap
// does not know (Target, Stale, ...) are skipped. `name` names the input in messages
// ("NAME:LINE:COL: ...", the column in bytes).
//
// Packages with "DepOnly": true are dependencies, the others the named packages. The
// result is in dependency order, as Load with deps gives it: imports before importers,
// otherwise the input's order (so a list printed by `go list -deps` keeps its order).
// Without `with_deps`, only the named packages are returned (the checks below still
// cover the whole list).
//
// The list must be closed under imports, as `go list -deps` prints it. Problems that
// concern a package become its Error, so that it and its importers are skipped and every
// other package goes on:
//   - an import that is not in the list (on the importer, at the import's position);
//   - a second object with the same ImportPath (on the first; the second is dropped);
//   - an import cycle (on the package that closes it: "import cycle not allowed").
// Problems of the list itself go to LoadResult::errors, with `fatal` set: malformed JSON
// or a value of the wrong type (reading stops there; the packages before it are kept),
// an object without ImportPath (skipped), a list that names no package. No input crashes
// the reader: nesting is capped, every byte sequence is either read or reported.
LoadResult ReadPackageList(std::string_view data, std::string_view name, bool with_deps = true);

// ReadPackageList over the file at `path`, or standard input for "-" (named "<stdin>").
// A file that cannot be read is an error of the list.
LoadResult LoadPackageList(const std::string& path, bool with_deps = true);

}  // namespace heapmap::load

#endif  // HEAPMAP_FRONTEND_LOAD_PACKAGE_LIST_H_
