// fuzz/parser_fuzzer.cc — libFuzzer target: parse arbitrary bytes as a Go file and dump it.
//
// The parser must never crash, hang, overflow the stack or read out of bounds on any
// input; it must also produce a tree whose byte ranges lie inside the source and nest
// properly, and a dump. Violations abort, so the fuzzer reports them.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "frontend/syntax/ast_dump.h"
#include "frontend/syntax/ast_walk.h"
#include "frontend/syntax/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using heapmap::syntax::ParsedFile;
  std::string source(reinterpret_cast<const char*>(data), size);
  ParsedFile file = heapmap::syntax::ParseFile("fuzz.go", std::move(source));
  if (file.ast == nullptr) std::abort();
  if (file.errors.size() > 10) std::abort();  // the error cap
  std::string problem = heapmap::syntax::CheckRanges(file.ast, file.source.size());
  if (!problem.empty()) {
    std::fprintf(stderr, "range invariant: %s\n", problem.c_str());
    std::abort();
  }
  std::string dump = heapmap::syntax::DumpAst(*file.ast, file.source);
  if (dump.empty()) std::abort();
  for (const auto& error : file.errors) {
    if (error.message.empty()) std::abort();
    (void)heapmap::syntax::FormatError(file, error);
  }
  // Moving the ParsedFile must keep the views into its source valid.
  ParsedFile moved = std::move(file);
  (void)heapmap::syntax::DumpAst(*moved.ast, moved.source);
  return 0;
}
