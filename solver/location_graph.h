// solver/location_graph.h — gc's location graph (escape/graph.go) and the Batch that owns it.
//
// Internal to solver/. A Location is an abstract storage cell; its incoming edges say which
// locations' values (dereferenced Edge::derefs times, -1 = their address) may be stored in it.
// A Hole is an evaluation context (destination, derefs, addrtaken). Names, fields and
// methods follow gc so that this code reads beside graph.go and solve.go.
#ifndef HEAPMAP_SOLVER_LOCATION_GRAPH_H_
#define HEAPMAP_SOLVER_LOCATION_GRAPH_H_

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "ir/ir.h"
#include "proto/ir.pb.h"
#include "proto/summary.pb.h"
#include "solver/leaks.h"
#include "solver/solver.h"

namespace heapmap::solver_internal {

using solver::Leaks;

struct Location;

// The notes explaining a flow (-m=2): IR edges whose notes apply in turn, innermost first
// (the flow's own, then those of the holes it went through), each with its unit (whose
// files the positions name). Shared tails, owned by the Batch.
struct NoteChain {
  const ir::Edge* edge = nullptr;
  int unit = 0;
  const NoteChain* next = nullptr;
};

// An assignment edge src -> (owner of the edge list), gc's edge.
// A call's argument: the call and the argument's index (receiver first; -1 if not known).
// For report/'s causes: the call a flow into the heap went through.
struct CallArg {
  const ir::Call* call = nullptr;
  int arg = -1;
};

struct Edge {
  Location* src = nullptr;
  int derefs = 0;  // >= -1
  const NoteChain* notes = nullptr;  // -m=2 only
  // A call argument's flow into its tag or heap hole: the call and the argument.
  CallArg through;
};

// gc's location.
struct Location {
  const ir::Location* n = nullptr;  // IR location (gc's n); nullptr for heap, blank, tees
  int curfn = -1;                   // batch function index; -1 for heap and blank
  std::vector<Edge> edges;          // incoming edges, in insertion order
  int loop_depth = 1;
  int result_index = 0;  // 1-based for results, 0 otherwise

  // Walk state (solve.go).
  int derefs = 0;
  uint32_t walkgen = 0;
  Location* dst = nullptr;
  int dst_edge_idx = 0;
  bool queued = false;

  bool escapes = false;
  // Why it escapes, when a flow decided it (ClassifyEscape): report/'s cause.
  summary::EscapeRoot root = summary::ROOT_NONE;
  // Strings of the batch's IR (a callee, a function's name, a location's text).
  const std::string* root_detail = nullptr;
  const std::string* root_via = nullptr;
  // Walk state for ClassifyEscape, set with dst: the call argument on the edge into the
  // walk's root on this location's path, and the parameter nearest to it on that path
  // (null if none).
  CallArg walk_through;
  const Location* near_param = nullptr;
  // ROOT_CALLEE, ROOT_UNKNOWN_CALLEE: the call argument it reached the heap through.
  CallArg root_through;
  // A parameter: the call argument through which it first leaked to the heap (none:
  // stored there directly), for its summary's leak root (ParamLeaks.root).
  bool leak_seen = false;
  CallArg leak_through;
  bool transient = false;
  Leaks param_esc;
  bool reassigned = false;
  bool addrtaken = false;

  // Why the location was forced to the heap before solving (HeapAllocReason), if it was.
  summary::HeapReason forced = summary::HEAP_REASON_NONE;
  int unit = -1;        // index into BatchInput::units
  uint32_t index = 0;   // index into that unit's locations
  // A call's argument or result slot: lowering's stand-in for gc's direct flow between an
  // argument and the callee's tag hole; explanations look through it.
  bool slot = false;

  bool IsName(ir::LocKind k) const { return n != nullptr && n->kind() == k; }
  // gc: n.Op() == ONAME && Class == PPARAM (hidden params are PPARAM too).
  bool IsParam() const { return IsName(ir::LOC_PARAM) || IsName(ir::LOC_HIDDEN_PARAM); }
  bool IsResult() const { return IsName(ir::LOC_RESULT); }
  // gc prints "moved to heap: NAME" for ONAME locations, "EXPR escapes to heap" otherwise.
  bool IsOName() const { return n != nullptr && ir::IsDeclared(n->kind()); }
};

// gc's hole.
struct Hole {
  Location* dst = nullptr;
  int derefs = 0;  // >= -1
  bool addrtaken = false;
  const NoteChain* notes = nullptr;  // the notes the hole carries (-m=2 only)
  CallArg through;                   // an argument hole's call and argument (Edge::through)

  Hole Shift(int delta) const {
    Hole k = *this;
    k.derefs += delta;
    k.addrtaken = delta < 0;
    return k;
  }
  Hole Deref() const { return Shift(1); }
  Hole Addr() const { return Shift(-1); }
};

// One function of the batch.
struct BatchFunc {
  const ir::FuncUnit* unit = nullptr;
  int unit_index = 0;
  const ir::Func* fn = nullptr;
  uint32_t func_index = 0;  // index within the unit
  bool is_closure = false;
};

// gc's batch: the graph of one SCC and the analysis over it.
class Batch {
 public:
  Batch(const solver::BatchInput& input, const solver::SummaryLookup& callees,
        const solver::SolverOptions& options, solver::SolverStats* stats);

  [[nodiscard]] absl::Status Run(summary::BatchResult* out);

 private:
  // graph.go
  void Flow(Hole k, Location* src, const ir::Edge* origin = nullptr, int origin_unit = 0);
  // A chain node when explaining, else null (no cost).
  const NoteChain* Chain(const ir::Edge* e, int unit, const NoteChain* next);
  Hole HeapHole() { return Hole{&heap_loc_}; }
  Hole DiscardHole() { return Hole{&blank_loc_}; }
  Location* NewLoc(const ir::Location* n, int curfn, int loop_depth, bool transient);
  Hole TeeHole(const std::vector<Hole>& ks, int curfn, int loop_depth);

  // escape.go: Batch steps.
  [[nodiscard]] absl::Status InitFuncs();
  void FlowUnit(int unit);
  Hole EdgeHole(int unit, const ir::Edge& e);
  static Hole Through(Hole k, const ir::Edge& e);
  // gc's e.call as the walk meets it (FlowUnit). Keeps gc's edges and their order.
  struct CallState {
    // The call's result slots are replaced by the holes they flow into (each into one at
    // most); false: the slots stay, and the arguments flow from theirs after the replay.
    bool merged = false;
    bool started = false;
    bool ks_done = false;
    std::vector<Hole> ks;
    // A result flowing into another call's argument (f(g())): that argument's hole, made
    // when needed (call, argument index, the IR edge); call -1 when ks[i] is final.
    struct Pending {
      int call = -1;
      int index = 0;
      const ir::Edge* edge = nullptr;
    };
    std::vector<Pending> pending;
    std::vector<std::optional<Hole>> arg_holes;
  };
  const std::vector<Hole>& Ks(int unit, int call);
  void StartCall(int unit, int call);
  Hole ArgHole(int unit, int call, int i);
  std::vector<CallState>* calls_ = nullptr;  // the unit FlowUnit is replaying
  Hole TagHole(const std::vector<Hole>* ks, int callee_fn, const summary::FuncSummary* sum,
               int arg_index, int curfn, int loop_depth, const ir::Call* call = nullptr);
  void FlowClosures();
  void ForceHeapAllocs();
  summary::HeapReason HeapAllocReason(const ir::Location& n) const;
  void Finish(summary::BatchResult* out);
  std::string ParamTag(int fi, int narg, const ir::Param& param, summary::BatchResult* out);

  // solve.go
  void WalkAll();
  void WalkOne(Location* root, uint32_t walkgen, std::vector<Location*>& todo);
  bool Outlives(const Location* l, const Location* other) const;
  bool ContainsClosure(int f, int c) const;
  void LeakTo(Location* l, const Location* sink, int derefs);
  // Records why l escapes: `root` is what the flow reached, `through` the call argument
  // on the edge into it (an argument's tag or heap hole), `via` a parameter the flow went
  // through.
  void ClassifyEscape(Location* l, const Location* root, const CallArg& through,
                      const Location* via);

  Location* At(int unit, uint32_t index) { return unit_locs_[unit][index]; }
  void Diagnose(int unit, const ir::Pos& pos, std::string message, summary::BatchResult* out,
                bool late = false);
  // The verdict's facts report/ reads (Verdict.file, alloc, loop_depth, variable, silent).
  // A flow into the heap through a call's argument: ROOT_CALLEE for a static callee,
  // ROOT_UNKNOWN_CALLEE otherwise.
  static summary::EscapeRoot CallRoot(const ir::Call& call);
  // The static callee's parameter of `through`, if its summary is known.
  void SetCalleeParam(const CallArg& through, summary::CalleeParam* out) const;
  void SetLeakRoot(int u, const ir::Param& p, summary::ParamLeaks* out);
  void SetReportFacts(int unit, const ir::Location& n, bool variable, bool silent,
                      summary::Verdict* v) const;

  // -m=2 explanations (solve.go explainPath, explainFlow, explainLoc), into out_.
  void Explain(const Location* l, const std::string& header);
  void ExplainPath(const Location* root, const Location* src);
  // notes: each with the unit whose files its position names.
  void ExplainFlow(const Location* at, const Location* dst, const Location* src, int derefs,
                   const std::vector<std::pair<const ir::Note*, int>>& notes);
  static void AddNotes(const NoteChain* c, std::vector<std::pair<const ir::Note*, int>>* out);
  std::string ExplainLoc(const Location* l) const;
  std::string NotePos(int unit, const ir::Pos& pos) const;
  summary::BatchResult* explain_out_ = nullptr;  // set while explaining
  std::deque<ir::Edge> synth_edges_;  // notes of flows the solver makes (captures)
  std::deque<NoteChain> chains_;

  const solver::BatchInput& input_;
  const solver::SummaryLookup& callees_;
  const solver::SolverOptions& options_;
  solver::SolverStats* stats_;

  std::vector<BatchFunc> funcs_;  // batch order
  std::vector<Location*> walk_todo_;  // WalkOne's work list, kept between walks
  absl::flat_hash_map<std::string, int> func_by_symbol_;
  std::vector<std::vector<int>> unit_func_;  // unit, func index -> batch func index

  std::deque<Location> storage_;    // stable addresses
  std::vector<Location*> all_locs_;  // gc's allLocs order
  std::vector<std::vector<Location*>> unit_locs_;
  Location heap_loc_;
  Location blank_loc_;
};

}  // namespace heapmap::solver_internal

#endif  // HEAPMAP_SOLVER_LOCATION_GRAPH_H_
