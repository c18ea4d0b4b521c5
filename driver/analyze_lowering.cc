// driver/analyze_lowering.cc — `heapmap analyze`'s lowering: ir::LowerPackage on a checked package.
#include "driver/analyze_lowering.h"

#include "ir/ir.h"
#include "ir/lower.h"
#include "absl/strings/str_cat.h"

namespace heapmap::driver {

absl::StatusOr<std::vector<ir::FuncUnit>> LowerForAnalyze(const CheckedPackage& p,
                                                           ir::LowerOptions options) {
  if (p.info == nullptr) return absl::InternalError("package was not type-checked");
  absl::StatusOr<std::vector<ir::FuncUnit>> lowered =
      ir::LowerPackage(*p.types_pkg, p.files, *p.info, options);
  if (!lowered.ok()) return lowered.status();
  std::vector<ir::FuncUnit> units = *std::move(lowered);
  for (ir::FuncUnit& u : units) {
    if (absl::Status s = ir::Validate(u); !s.ok()) {
      std::string what = u.funcs_size() > 0 ? u.funcs(0).symbol() : "(empty unit)";
      return absl::InternalError(absl::StrCat("lowering produced invalid IR for ", what, ": ",
                                              s.message()));
    }
  }
  return units;
}

}  // namespace heapmap::driver
