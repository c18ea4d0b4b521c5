// driver/analyze_lowering_stub.cc — stand-in while this build has no lowering (ir/lower.h).
#include "driver/analyze_lowering.h"

namespace heapmap::driver {

bool LoweringAvailable() { return false; }

absl::StatusOr<std::vector<ir::FuncUnit>> LowerForAnalyze(
    const CheckedPackage& p, const std::vector<std::string>& display_names) {
  return absl::UnimplementedError("lowering (ir/lower.h) is not part of this build yet");
}

}  // namespace heapmap::driver
