// summaries/test_util.h — synthetic FuncUnits for the summaries tests (not part of the library).
#ifndef HEAPMAP_SUMMARIES_TEST_UTIL_H_
#define HEAPMAP_SUMMARIES_TEST_UTIL_H_

#include <string>
#include <utility>
#include <vector>

#include "ir/builder.h"
#include "proto/ir.pb.h"

namespace heapmap::summaries::testing {

// func NAME(p *int) declared at `line` of "./PKG.go" in package PKG, symbol "PKG.NAME", that
// passes p to each callee (a full symbol) in order and, if `leak`, stores p to a global.
inline ir::FuncUnit MakeFunc(const std::string& pkg, const std::string& name, int line,
                             const std::vector<std::string>& callees, bool leak = false) {
  ir::UnitBuilder b("./" + pkg + ".go");
  int f = b.AddFunc(name, line, 6);
  b.func(f).set_symbol(pkg + "." + name);
  b.func(f).set_pkg_path(pkg);
  uint32_t p = b.AddParam(f, "p", line, static_cast<int>(name.size()) + 7);
  if (leak) b.FlowHeap(p, 0);
  int col = 2;
  for (const std::string& callee : callees) {
    uint32_t a = b.AddTemp(f, ir::LOC_ARG_SLOT);
    b.Flow(a, p, 0, "call parameter");
    ir::Call& c = b.AddCall(f, ir::CALL_STATIC, callee, {a});
    c.mutable_pos()->set_line(line + 1);
    c.mutable_pos()->set_col(col);
    col += 10;
  }
  return std::move(b).Build();
}

}  // namespace heapmap::summaries::testing

#endif  // HEAPMAP_SUMMARIES_TEST_UTIL_H_
