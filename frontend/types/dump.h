// frontend/types/dump.h — the checker's results as text, in the formats of tests/types_oracle/README.md.
//
// `heapmap check -dump-types/-dump-objects/-dump-sizes` print these, one package at a
// time, so that they can be compared with go/types (tests/types_oracle/dumptypes) and gc
// (dumpsizes). Each function appends the lines of one package, sorted as the Go dumpers
// sort them within a file.
#ifndef HEAPMAP_FRONTEND_TYPES_DUMP_H_
#define HEAPMAP_FRONTEND_TYPES_DUMP_H_

#include <functional>
#include <string>
#include <vector>

#include "frontend/syntax/parser.h"
#include "frontend/types/checker.h"
#include "frontend/types/package.h"
#include "frontend/types/sizes.h"

namespace heapmap::types {

// Maps a file path (as given to the parser / Package::files()) to the path printed in
// the dumps (relative to the first root containing it).
using DumpPathFn = std::function<std::string(const std::string& path)>;

// A DumpPathFn for these roots (directories; "$GOROOT/src", "$GOPATH/src"...).
DumpPathFn RelativeToRoots(std::vector<std::string> roots);

// Expression lines: file, start, end, mode, type, value, astkind.
void DumpTypes(const Info& info, const std::vector<const syntax::ParsedFile*>& files,
               const DumpPathFn& rel, std::string* out);

// Identifier lines (Defs and Uses): file, pos, role, kind, name, type, decl. pkg is the
// checked package (labels have no package: their declaring file is one of files).
void DumpObjects(const Info& info, const Package* pkg,
                 const std::vector<const syntax::ParsedFile*>& files, const DumpPathFn& rel,
                 std::string* out);

// Size lines: pkgpath.Name, size, align, offsets, for package-level non-generic named
// struct types, sorted by name.
void DumpSizes(Package* pkg, const Sizes& sizes, std::string* out);

// "len=N fnv1a64=..." for long strings, else constant::Value::ExactString().
std::string DumpConstant(const constant::Value& v);

}  // namespace heapmap::types

#endif  // HEAPMAP_FRONTEND_TYPES_DUMP_H_
