// driver/analyze_lowering.h — the one place `heapmap analyze` calls lowering (ir/lower.h):
// ir::LowerPackage on a checked package, every unit validated.
#ifndef HEAPMAP_DRIVER_ANALYZE_LOWERING_H_
#define HEAPMAP_DRIVER_ANALYZE_LOWERING_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "driver/typecheck_pipeline.h"
#include "ir/lower.h"
#include "proto/ir.pb.h"

namespace heapmap::driver {

// The FuncUnits of a checked package (its Info alive), in declaration order.
// options.display_names are the file names as gc prints them, parallel to p.files.
absl::StatusOr<std::vector<ir::FuncUnit>> LowerForAnalyze(const CheckedPackage& p,
                                                           ir::LowerOptions options);

}  // namespace heapmap::driver

#endif  // HEAPMAP_DRIVER_ANALYZE_LOWERING_H_
