// fuzz/package_list_fuzzer.cc — arbitrary bytes as a package list (`-pkgs FILE`: the JSON
// objects `go list -json` prints; frontend/load/package_list.h).
//
// Nothing may crash. What is read keeps its invariants: every import of a package without
// an error names a package of the result that comes before it (dependency order), or one
// marked with an error (an import cycle closes there), and, for a list without errors,
// reading what PackageToJson prints of the result gives the same packages back (a list
// heapmap writes, heapmap reads).
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "frontend/load/loader.h"
#include "frontend/load/package_list.h"

namespace {

std::string Print(const heapmap::load::LoadResult& r) {
  std::string out;
  for (const heapmap::load::Package& p : r.packages) out += heapmap::load::PackageToJson(p);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  heapmap::load::LoadResult r = heapmap::load::ReadPackageList(text, "fuzz");
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < r.packages.size(); ++i) {
    if (!index.emplace(r.packages[i].import_path, i).second) std::abort();  // no duplicate
  }
  for (size_t i = 0; i < r.packages.size(); ++i) {
    const heapmap::load::Package& p = r.packages[i];
    if (p.error) continue;
    for (const std::string& imp : p.imports) {
      if (imp == "unsafe" || imp == "C") continue;
      auto it = index.find(imp);
      if (it == index.end()) std::abort();  // a list's imports are all listed
      // Imports come first, but where a cycle closes (the package marked with the error;
      // as Load, whose order points forward only there).
      if (it->second >= i && !r.packages[it->second].error) std::abort();
    }
  }
  // Only for a list without errors: a package's error is printed with it, and where a
  // cycle closes depends on where the walk starts, so a list with errors need not read
  // back to itself.
  bool errors = r.fatal || r.packages.empty();
  for (const heapmap::load::Package& p : r.packages) errors = errors || p.error.has_value();
  if (!errors) {
    std::string printed = Print(r);
    heapmap::load::LoadResult again = heapmap::load::ReadPackageList(printed, "printed");
    if (again.fatal || Print(again) != printed) std::abort();
  }
  return 0;
}
