// summaries/parse_files.cc — parallel read+parse; each file is independent work.
#include "summaries/parse_files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "tbb/parallel_for.h"

namespace heapmap::summaries {

bool ReadFile(const std::string& path, std::string& contents, std::string& error) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    error = absl::StrCat("open ", path, ": ", std::strerror(errno));
    return false;
  }
  contents.clear();
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) contents.append(buf, n);
  bool failed = std::ferror(f) != 0;
  int saved_errno = errno;
  std::fclose(f);
  if (failed) {
    // Reading a directory fails here (EISDIR), not in fopen.
    error = absl::StrCat("read ", path, ": ", std::strerror(saved_errno));
    return false;
  }
  return true;
}

void ReadAndParseFile(const std::string& path, bool keep_trees, SourceParse* r) {
  r->path = path;
  std::string source;
  if (!ReadFile(path, source, r->read_error)) return;
  ParseSource(path, std::move(source), keep_trees, r);
}

void ParseSource(const std::string& path, std::string source, bool keep_trees, SourceParse* r) {
  r->path = path;
  r->bytes = source.size();
  r->file = syntax::ParseFile(r->path, std::move(source));
  for (const syntax::SyntaxError& e : r->file.errors) {
    r->messages.push_back(syntax::FormatError(r->file, e));
  }
  if (!keep_trees) {
    r->file.ast = nullptr;
    r->file.arena.reset();
    r->file.source.clear();
    r->file.source.shrink_to_fit();
  }
}

std::vector<SourceParse> ReadAndParseFiles(const std::vector<std::string>& paths,
                                           bool keep_trees) {
  std::vector<SourceParse> results(paths.size());
  // grain 1: files vary from 100 bytes to 1 MB, so let the scheduler balance them.
  tbb::parallel_for(tbb::blocked_range<size_t>(0, paths.size(), 1),
                    [&](const tbb::blocked_range<size_t>& range) {
                      for (size_t i = range.begin(); i != range.end(); ++i) {
                        ReadAndParseFile(paths[i], keep_trees, &results[i]);
                      }
                    });
  return results;
}

}  // namespace heapmap::summaries
