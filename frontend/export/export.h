// frontend/export/export.h — export data: a package's API as protobuf bytes, read back as
// the checker's own types, so that importers can be type-checked against it instead of
// against the package's source.
//
// What is written: every package-level object (constants with their exact values,
// variables, type names and aliases, functions), every named type's underlying type, type
// parameters and methods (unexported ones too), every type they reach, and positions.
// Function bodies, local scopes and Info are not. Schema: proto/export.proto; the
// invariants are in README.md.
#ifndef HEAPMAP_FRONTEND_EXPORT_EXPORT_H_
#define HEAPMAP_FRONTEND_EXPORT_EXPORT_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "frontend/types/context.h"
#include "frontend/types/package.h"

namespace heapmap::exportdata {

// The export data of a complete, checked package. Deterministic: the same package (checked
// from the same source, on any number of threads) gives the same bytes.
// `file_name`, if given, gives the name kept for each file name (the per-package action's
// artifacts name files portably, not by the sandbox the action ran in).
std::string WriteExportData(
    const types::Package& pkg,
    const std::function<std::string(const std::string&)>& file_name = nullptr);

// Returns the complete package (already imported, or unsafe) for an import path, or null.
// It is asked for the package's direct imports and for any package whose objects its API
// mentions (possibly indirect imports); all of them must have been read (or checked) before.
using PackageLookup = std::function<types::Package*(std::string_view path)>;

// Reads export data into a new, complete package (MarkComplete'd, imports set), whose
// objects and types are equivalent to those the checker made from the source. Instances
// of generic types are canonicalized in `context` (the program's, as
// types::CheckConfig::context, which must not outlive the returned package; null: the
// package's own). Any malformed input gives an error, never a crash, and then `context`
// keeps no pointer into the dropped package. Packages that do not import each other may
// be read concurrently.
absl::StatusOr<std::unique_ptr<types::Package>> ReadExportData(std::string_view data,
                                                               types::Context* context,
                                                               const PackageLookup& lookup);

}  // namespace heapmap::exportdata

#endif  // HEAPMAP_FRONTEND_EXPORT_EXPORT_H_
