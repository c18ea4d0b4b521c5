// ir/builder.h — a small convenience API for building FuncUnits by hand (tests, lowering).
//
// Locations may be added in any order: Finish() puts declared names first (grouped by
// function, in function order) and expression locations after them, in the order they were
// added, which is the order FuncUnit's invariants require, and renumbers every reference.
// Handles returned by the builder are builder ids, valid only until Build() or Finish(), which
// consume the builder. Given a UnitList, the unit is built on the list's arena and Finish()
// appends it there without a copy (the lowering); without one, Build() returns a copy (tests).
#ifndef HEAPMAP_IR_BUILDER_H_
#define HEAPMAP_IR_BUILDER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "ir/unit_list.h"
#include "proto/ir.pb.h"

namespace heapmap::ir {

struct ParamSpec {
  bool has_pointers = true;
  bool is_uintptr = false;
  bool ddd_uintptr = false;
  bool named = true;
  bool blank = false;
  bool is_receiver = false;
};

class UnitBuilder {
 public:
  explicit UnitBuilder(std::string file = "a.go") : UnitBuilder(std::move(file), nullptr) {}
  // Builds on out's arena (null: on a list of the builder's own).
  UnitBuilder(std::string file, UnitList* out);
  UnitBuilder(const UnitBuilder&) = delete;  // out_ may point at own_
  UnitBuilder& operator=(const UnitBuilder&) = delete;

  // Functions. Closures must be added after their outer function. The symbol defaults to
  // "p." + name, the convention of the tests.
  int AddFunc(const std::string& name, int line, int col, bool has_body = true);
  int AddClosure(int outer, const std::string& name, int line, int col,
                 bool closure_called = false);
  Func& func(int f) { return *unit_->mutable_funcs(f); }
  void AddDirective(int f, Directive d);

  // Declared names. A param or result of a body-less function gets no location.
  uint32_t AddParam(int f, const std::string& name, int line, int col, ParamSpec spec = {});
  uint32_t AddResult(int f, const std::string& name, int line, int col);
  uint32_t AddLocal(int f, const std::string& name, int line, int col, int loop_depth = 1,
                    int64_t var_size = 8);

  // Expression locations (in evaluation order).
  // A temporary name created by the walk (gc's copyExpr): ordered with expressions.
  uint32_t AddWalkTemp(int f, const std::string& name, int line, int col, int loop_depth = 1);
  uint32_t AddAlloc(int f, AllocKind kind, const std::string& text, int line, int col,
                    int loop_depth = 1);
  uint32_t AddTemp(int f, LocKind kind = LOC_TEMP, int loop_depth = 1);
  Location& loc(uint32_t id) { return *locs_[id]; }

  // Flows: dst <- src with derefs; addrtaken defaults to derefs < 0 (gc's last shift).
  void Flow(uint32_t dst, uint32_t src, int derefs, const std::string& why = "assign");
  void FlowHeap(uint32_t src, int derefs, const std::string& why = "assign");
  void FlowBlank(uint32_t src, int derefs);
  // -m=2: replaces the last flow's notes (gc's hole notes, newest first): where, why, line,
  // col each.
  struct NoteSpec {
    std::string where;
    std::string why;
    int line = 0;
    int col = 0;
  };
  void SetLastFlowNotes(const std::vector<NoteSpec>& notes);
  // Replaces the note text `from` by `to` in the flows from the `first`-th on (texts known
  // only once a statement is lowered: a go/defer call printed with its temporaries).
  size_t flow_count() const { return static_cast<size_t>(unit_->edges_size()); }
  void ReplaceNoteText(size_t first, const std::string& from, const std::string& to);
  // The function whose body the following flows belong to (Edge.func); 0 by default.
  void set_flow_func(int f) { flow_func_ = f; }

  // Calls. args: builder ids of LOC_ARG_SLOT locations (or kNoSlot for a discarded
  // argument); results: LOC_RESULT_SLOT ids, with results_used implied by a non-empty list
  // or by `results_used`.
  static constexpr uint32_t kNoSlot = UINT32_MAX;
  Call& AddCall(int f, CallKind kind, const std::string& callee, std::vector<uint32_t> args,
                std::vector<uint32_t> results = {}, bool results_used = false);
  void AddCapture(uint32_t closure, uint32_t var);
  void SetLastCapturePos(int line, int col);
  // A -m line printed while the graph is built (FuncUnit.remarks).
  void AddRemark(int line, int col, const std::string& text);

  // The finished unit, appended to the list given at construction.
  FuncUnit& Finish() &&;
  // The finished unit, as a copy (a builder without a list).
  FuncUnit Build() &&;

 private:
  int flow_func_ = 0;
  void SetPos(Pos* p, int line, int col) const;
  Location* NewLoc();

  UnitList own_;  // without a list given
  UnitList* out_;
  FuncUnit* unit_;  // on out_'s arena
  std::vector<Location*> locs_;  // on the same arena; adopted by Finish()
  // Pending references, renumbered by Build().
  struct Ref {
    enum Kind { kParam, kResult, kEdgeDst, kEdgeSrc, kArg, kResultSlot, kCapClosure, kCapVar };
    Kind kind;
    int a;  // func / edge / call / capture index
    int b;  // param / result / arg index
  };
  std::vector<Ref> refs_;
};

}  // namespace heapmap::ir

#endif  // HEAPMAP_IR_BUILDER_H_
