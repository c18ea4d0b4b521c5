// summaries/lowering.h — the one place `heapmap analyze` calls lowering (ir/lower.h):
// ir::LowerPackage on a checked package, every unit validated; and the generic bodies
// other packages stencil.
#ifndef HEAPMAP_SUMMARIES_LOWERING_H_
#define HEAPMAP_SUMMARIES_LOWERING_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/container/node_hash_map.h"
#include "absl/status/statusor.h"
#include "summaries/pipeline.h"
#include "ir/lower.h"
#include "proto/ir.pb.h"

namespace heapmap::summaries {

// The FuncUnits of a checked package (its Info alive), in declaration order.
// options.display_names are the file names as gc prints them, parallel to p.files.
absl::StatusOr<ir::UnitList> LowerForAnalyze(const CheckedPackage& p, ir::LowerOptions options);

// The syntax and Info of every package that declares generic functions or methods of
// generic types, kept for the packages that instantiate them: gc reads generic bodies
// from export data and stencils them in each package that uses them
// (ir::LowerOptions::generic_source). Add and Find may run on different workers; a
// package is added before any package that imports it is lowered.
class GenericSources {
 public:
  // Keeps p's Info (moved out of p) when p declares generic code with a body, and then
  // needs its syntax trees alive; returns whether it did.
  bool Add(CheckedPackage& p);
  const ir::LowerOptions::GenericSource* Find(const types::Func* origin) const;

 private:
  mutable std::mutex mu_;
  std::vector<std::unique_ptr<types::Info>> infos_;
  absl::node_hash_map<const types::Func*, ir::LowerOptions::GenericSource> by_func_;
};

}  // namespace heapmap::summaries

#endif  // HEAPMAP_SUMMARIES_LOWERING_H_
