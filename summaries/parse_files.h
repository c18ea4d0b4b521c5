// summaries/parse_files.h — read and parse many Go files in parallel on oneTBB.
#ifndef HEAPMAP_SUMMARIES_PARSE_FILES_H_
#define HEAPMAP_SUMMARIES_PARSE_FILES_H_

#include <string>
#include <vector>

#include "frontend/syntax/parser.h"

namespace heapmap::summaries {

struct SourceParse {
  std::string path;
  std::string read_error;  // "open PATH: reason" when the file could not be read
  size_t bytes = 0;        // size of the file as read
  syntax::ParsedFile file;  // empty when read_error is set
  // file.errors as gc prints them (FormatError), made while the tree is still there:
  // `//line` directives in the tree remap the positions.
  std::vector<std::string> messages;
};

// Reads and parses each path, on as many threads as the ambient oneTBB arena allows.
// The result is in the order of `paths`, whatever the thread count. With
// `keep_trees` false, each file's source and AST are dropped once parsed and only its
// errors, their messages and its size are kept (for `heapmap parse`, which needs nothing else).
std::vector<SourceParse> ReadAndParseFiles(const std::vector<std::string>& paths,
                                           bool keep_trees = true);
// One file of the above, into *r.
void ReadAndParseFile(const std::string& path, bool keep_trees, SourceParse* r);
// The same for a file's contents already read.
void ParseSource(const std::string& path, std::string source, bool keep_trees, SourceParse* r);

// Reads a whole file. On failure returns false and sets `error` to "open PATH: reason".
bool ReadFile(const std::string& path, std::string& contents, std::string& error);

}  // namespace heapmap::summaries

#endif  // HEAPMAP_SUMMARIES_PARSE_FILES_H_
