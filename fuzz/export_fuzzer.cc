// fuzz/export_fuzzer.cc — libFuzzer target: export data (frontend/export) written from
// arbitrary type-correct packages, and read back intact or corrupted.
//
// The input is one Go file, type-checked as a package that may import "unsafe" and a small
// fixed package "q". A package that checks without errors is written as export data
// (twice: the bytes must be equal). A hash of the input says how many bytes of the export
// data to corrupt (0 to 7, one input in eight none) and where: with none, reading must
// succeed and give back every object as the checker made it (ObjectString) and the same
// bytes when written again; corrupted, reading must return an error or a package whose
// objects print and write, never crash or hang.
// Coverage-guided mutation of Go source reaches export data of every shape, which random
// bytes would not (they rarely parse as the protobuf).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/export/export.h"
#include "frontend/syntax/parser.h"
#include "frontend/types/checker.h"
#include "frontend/types/context.h"
#include "frontend/types/package.h"
#include "frontend/types/scope.h"
#include "frontend/types/typestring.h"
#include "frontend/types/universe.h"

namespace {

using namespace heapmap;

constexpr char kPackageQ[] = R"(package q

type Node[T any] struct {
	Val  T
	next *Node[T]
}

func (n *Node[T]) Next() *Node[T] { return n.next }

type Shape interface {
	Area() float64
	~struct{ w, h float64 } | ~[2]float64
}

type Err struct{ msg string }

func (e *Err) Error() string { return e.msg }

const Big = 1 << 100
const Ratio = 1.0 / 3

var Default = &Err{"q"}

func Map[T, U any](xs []T, f func(T) U) []U { return nil }
)";

// Every object of the package scope, printed; "" for a null package.
std::string Api(types::Package* pkg) {
  std::string out;
  for (std::string_view name : pkg->scope()->Names()) {
    out += types::ObjectString(pkg->scope()->Lookup(name)) + "\n";
  }
  return out;
}

// Checks `source` as a package importing "unsafe" and `q` (null: q itself).
bool Check(const std::string& path, std::string source, types::Context* ctx, types::Package* q,
           types::Package* pkg) {
  syntax::ParsedFile file = syntax::ParseFile(path + ".go", std::move(source));
  if (!file.errors.empty()) return false;
  types::CheckConfig config;
  config.context = ctx;
  config.importer = [q](std::string_view p) -> types::Package* {
    if (p == "unsafe") return types::Unsafe();
    if (p == "q") return q;
    return nullptr;
  };
  types::Info info;
  std::vector<types::TypeError> errors;
  types::CheckPackage(config, pkg, {&file}, &info, &errors);
  return errors.empty();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The context outlives every package whose instances it holds (declared first).
  types::Context ctx;
  types::Package q("q", "q");
  if (!Check("q", kPackageQ, &ctx, nullptr, &q)) std::abort();
  std::string source(reinterpret_cast<const char*>(data), size);
  // The file's own package clause names the package; its path is "p".
  types::Package p("p", "");
  if (!Check("p", std::move(source), &ctx, &q, &p)) return 0;

  std::string bytes = exportdata::WriteExportData(p);
  if (exportdata::WriteExportData(p) != bytes) std::abort();
  uint64_t h = 1469598103934665603ULL;  // FNV-1a of the input: how much, where and what
  for (size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 1099511628211ULL;
  const int corrupt = static_cast<int>(h >> 61);
  for (int k = 0; k < corrupt && !bytes.empty(); ++k) {
    h = h * 6364136223846793005ULL + 1442695040888963407ULL;
    bytes[(h >> 33) % bytes.size()] = static_cast<char>(h >> 17);
  }

  auto lookup = [&q](std::string_view path) -> types::Package* {
    if (path == "unsafe") return types::Unsafe();
    if (path == "q") return &q;
    return nullptr;
  };
  absl::StatusOr<std::unique_ptr<types::Package>> read =
      exportdata::ReadExportData(bytes, &ctx, lookup);
  if (corrupt == 0) {
    if (!read.ok()) std::abort();
    if (Api(read->get()) != Api(&p)) std::abort();
    if (exportdata::WriteExportData(**read) != bytes) std::abort();
  } else if (read.ok()) {
    (void)Api(read->get());
    (void)exportdata::WriteExportData(**read);
  }
  return 0;
}
