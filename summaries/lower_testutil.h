// summaries/lower_testutil.h — parse + check + lower + solve one package without imports
// in gc's bottom-up batch order and print gc's -m lines (for lower_and_solve_test,
// rules_test, heapmap_lower_tool and fuzz/checker_fuzzer; not part of the library).
#ifndef HEAPMAP_SUMMARIES_LOWER_TESTUTIL_H_
#define HEAPMAP_SUMMARIES_LOWER_TESTUTIL_H_

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "frontend/syntax/parser.h"
#include "frontend/types/checker.h"
#include "frontend/types/package.h"
#include "ir/lower.h"
#include "solver/solver.h"
#include "solver/test_util.h"
#include "summaries/call_graph.h"

namespace heapmap::summaries {


struct LoweredRun {
  std::vector<std::string> lines;   // gc's -m lines ("file:line:col: message")
  std::vector<std::string> errors;  // syntax/type errors, lowering/solver failures
};

// sources: (display name, text) of one package's files.
// dump_ir: if set, receives the text form of every unit's IR.
inline LoweredRun LowerAndSolve(const std::vector<std::pair<std::string, std::string>>& sources,
                                const std::string& pkg_path = "p", std::string* dump_ir = nullptr) {
  LoweredRun out;
  std::vector<syntax::ParsedFile> parsed;
  parsed.reserve(sources.size());
  for (const auto& [name, text] : sources) parsed.push_back(syntax::ParseFile(name, text));
  std::vector<const syntax::ParsedFile*> files;
  for (auto& p : parsed) {
    for (const auto& e : p.errors) out.errors.push_back(syntax::FormatError(p, e));
    files.push_back(&p);
  }
  types::Package pkg(pkg_path, "");
  types::Info info;
  std::vector<types::TypeError> terrs;
  types::CheckPackage(types::CheckConfig{}, &pkg, files, &info, &terrs);
  for (const auto& e : terrs) {
    if (!e.soft) out.errors.push_back(types::FormatTypeError(files, e));
  }
  absl::StatusOr<ir::UnitList> lowered = ir::LowerPackage(pkg, files, info);
  if (!lowered.ok()) {
    out.errors.push_back(std::string(lowered.status().message()));
    return out;
  }
  ir::UnitList units = *std::move(lowered);
  if (dump_ir != nullptr) {
    for (const ir::FuncUnit& u : units) *dump_ir += u.DebugString();
  }
  solver::testing::MapLookup lookup;
  std::vector<const ir::FuncUnit*> unit_ptrs;
  for (const ir::FuncUnit& u : units) unit_ptrs.push_back(&u);
  for (const Batch& batch : ComputeBatches(unit_ptrs)) {
    solver::BatchInput in = MakeBatchInput(unit_ptrs, batch);
    auto r = solver::SolveBatch(in, lookup);
    if (!r.ok()) {
      out.errors.push_back(std::string(r.status().message()));
      continue;
    }
    lookup.Add(*r);
    for (const auto& d : r->diagnostics()) out.lines.push_back(solver::FormatDiagnostic(d));
  }
  return out;
}

}  // namespace heapmap::summaries

#endif  // HEAPMAP_SUMMARIES_LOWER_TESTUTIL_H_
