// driver/inline_facts.h — the inliner's facts of every package done so far, shared by the
// pipeline's workers: a package's importers read them (through ir::InlineOptions) once it
// is added, and `analyze` keeps the lowered bodies of inlinable functions for splicing.
#ifndef HEAPMAP_DRIVER_INLINE_FACTS_H_
#define HEAPMAP_DRIVER_INLINE_FACTS_H_

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "driver/flags.h"
#include "ir/inline.h"
#include "ir/splice.h"
#include "proto/ir.pb.h"

namespace heapmap::driver {

// A package's inlining lines ordered by position (file, then line and column), as the
// commands print them.
std::vector<const ir::InlineLine*> SortedLines(const ir::PackageInlining& result);

// The inliner's settings from the command line (-l=4, -d=inlfuncswithclosures).
ir::InlineOptions InlineSettings(const CommandLine& cl);

class InlineFacts {
 public:
  // `settings`: the decisions' flags every package is analyzed with (extra_call_cost,
  // funcs_with_closures); Options() copies them.
  explicit InlineFacts(const ir::InlineOptions& settings = {}) : settings_(settings) {}

  // Records a package's result (and the units of its inlinable functions, before any
  // splicing); returns it, owned by the table.
  // `bodies` as the package prints them, `foreign` as its importers do (LowerOptions::
  // foreign_texts).
  const ir::PackageInlining& Add(const std::string& path, ir::PackageInlining result,
                                 std::vector<ir::FuncUnit> bodies,
                                 std::vector<ir::FuncUnit> foreign);
  const ir::PackageInlining* Find(const std::string& path) const;
  // Options for analyzing a package whose imports are all added.
  ir::InlineOptions Options(int m, std::vector<std::string> display_names) const;
  // The body to splice into a function of package `caller`.
  ir::InlineBody Body(std::string_view symbol, const std::string& caller) const;

 private:
  struct Entry {
    ir::PackageInlining result;
    absl::flat_hash_map<std::string, const ir::InlineFunc*> by_symbol;
    std::vector<ir::FuncUnit> bodies, foreign;
    absl::flat_hash_map<std::string, const ir::FuncUnit*> body_by_symbol, foreign_by_symbol;
  };
  using Map = absl::flat_hash_map<std::string, std::unique_ptr<Entry>>;
  // The package a symbol belongs to (ir::SymbolPackages, longest known path), mu_ held.
  Map::const_iterator PackageOf(std::string_view symbol) const;
  const Entry* EntryOf(std::string_view symbol) const;  // mu_ held

  ir::InlineOptions settings_;
  mutable std::mutex mu_;
  Map by_path_;
};

}  // namespace heapmap::driver

#endif  // HEAPMAP_DRIVER_INLINE_FACTS_H_
