// solver/batch.cc — gc's escape.Batch for one SCC: build the graph, solve, tag, report.
//
// The steps are escape.go's Batch in order: initFunc (locations for every declared name of
// every function), the walk (here: replaying the IR's edges and resolving its calls, which
// lowering left symbolic because they depend on callee summaries or batch membership),
// flowClosure, HeapAllocReason, walkAll, finish (paramTag, then per-location messages).
// Anything not in the IR (expression rules) was applied by lowering; see proto/ir.proto.
#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "ir/ir.h"
#include "solver/location_graph.h"

namespace heapmap::solver_internal {
namespace {

bool HasDirective(const ir::Func& fn, ir::Directive d) {
  return std::find(fn.directives().begin(), fn.directives().end(), d) != fn.directives().end();
}

// Locations gc never creates: recorded for report/, always on the heap, never printed.
bool IsAlwaysHeapRecord(const ir::Location& n) {
  return n.kind() == ir::LOC_ALLOC &&
         (n.alloc() == ir::ALLOC_APPEND || n.alloc() == ir::ALLOC_MAKECHAN ||
          n.alloc() == ir::ALLOC_REFLECT || n.alloc() == ir::ALLOC_MAPGROW ||
          n.alloc() == ir::ALLOC_GO);
}

}  // namespace

Batch::Batch(const solver::BatchInput& input, const solver::SummaryLookup& callees,
             const solver::SolverOptions& options, solver::SolverStats* stats)
    : input_(input), callees_(callees), options_(options), stats_(stats) {
  heap_loc_.escapes = true;  // b.heapLoc.escapes = true
}

Location* Batch::NewLoc(const ir::Location* n, int curfn, int loop_depth, bool transient) {
  Location& loc = storage_.emplace_back();
  loc.n = n;
  loc.curfn = curfn;
  loc.loop_depth = loop_depth;
  loc.transient = transient;
  all_locs_.push_back(&loc);
  if (stats_ != nullptr) ++stats_->locations;
  return &loc;
}

// gc's batch.flow: add "k.dst = k.derefs applied to src".
const NoteChain* Batch::Chain(const ir::Edge* e, int unit, const NoteChain* next) {
  if (explain_out_ == nullptr || e == nullptr) return next;
  return &chains_.emplace_back(NoteChain{e, unit, next});
}

void Batch::AddNotes(const NoteChain* c, std::vector<std::pair<const ir::Note*, int>>* out) {
  for (; c != nullptr; c = c->next) {
    for (const ir::Note& n : c->edge->notes()) out->emplace_back(&n, c->unit);
  }
}

void Batch::Flow(Hole k, Location* src, const ir::Edge* origin, int origin_unit) {
  if (src == nullptr) return;  // an always-heap record: not part of gc's graph
  if (k.addrtaken) src->addrtaken = true;
  Location* dst = k.dst;
  if (dst == &blank_loc_) return;
  if (dst == src && k.derefs >= 0) return;  // dst = dst, dst = *dst, ...
  if (dst->escapes && k.derefs < 0) {       // dst = &src: src escapes right away
    if (explain_out_ != nullptr && src->n != nullptr) {
      Explain(src, absl::StrCat(src->n->text(), " escapes to heap:"));
      std::vector<std::pair<const ir::Note*, int>> notes;
      AddNotes(Chain(origin, origin_unit, k.notes), &notes);
      ExplainFlow(src, dst, src, k.derefs, notes);
    }
    src->escapes = true;
    ClassifyEscape(src, dst, k.through, nullptr);
    return;
  }
  dst->edges.push_back(Edge{src, k.derefs, Chain(origin, origin_unit, k.notes), k.through});
  if (stats_ != nullptr) ++stats_->edges;
}

// gc's teeHole: a temporary that flows into each of ks (all derefs >= 0).
Hole Batch::TeeHole(const std::vector<Hole>& ks, int curfn, int loop_depth) {
  if (ks.empty()) return DiscardHole();
  if (ks.size() == 1) return ks[0];
  Location* loc = NewLoc(nullptr, curfn, loop_depth, /*transient=*/true);
  for (const Hole& k : ks) Flow(k, loc);
  return Hole{loc};
}

absl::Status Batch::InitFuncs() {
  const auto& units = input_.units;
  unit_func_.assign(units.size(), {});
  unit_locs_.assign(units.size(), {});
  absl::flat_hash_map<const ir::FuncUnit*, int> unit_index;
  for (size_t u = 0; u < units.size(); ++u) {
    if (absl::Status s = ir::Validate(*units[u]); !s.ok()) return s;
    unit_index[units[u]] = static_cast<int>(u);
    unit_func_[u].assign(units[u]->funcs_size(), -1);
    unit_locs_[u].assign(units[u]->locations_size(), nullptr);
  }
  std::vector<solver::FuncRef> order = input_.order;
  if (order.empty()) {
    for (const ir::FuncUnit* unit : units) {
      for (int f = 0; f < unit->funcs_size(); ++f) order.push_back({unit, uint32_t(f)});
    }
  }
  for (const solver::FuncRef& ref : order) {
    auto it = unit_index.find(ref.unit);
    if (it == unit_index.end() || ref.func >= uint32_t(ref.unit->funcs_size())) {
      return absl::InvalidArgumentError("solver: batch order names a function not in the batch");
    }
    int u = it->second;
    if (unit_func_[u][ref.func] >= 0) {
      return absl::InvalidArgumentError("solver: function listed twice in batch order");
    }
    const ir::Func& fn = ref.unit->funcs(ref.func);
    unit_func_[u][ref.func] = static_cast<int>(funcs_.size());
    funcs_.push_back(BatchFunc{ref.unit, u, &fn, ref.func, fn.is_closure()});
    func_by_symbol_[fn.symbol()] = static_cast<int>(funcs_.size()) - 1;
  }
  for (size_t u = 0; u < units.size(); ++u) {
    for (int f : unit_func_[u]) {
      if (f < 0) return absl::InvalidArgumentError("solver: batch order misses a function");
    }
  }

  // initFunc: every declared name of every function, in batch order.
  for (size_t fi = 0; fi < funcs_.size(); ++fi) {
    const BatchFunc& bf = funcs_[fi];
    for (int i = 0; i < bf.unit->locations_size(); ++i) {
      const ir::Location& n = bf.unit->locations(i);
      if (!ir::IsInitLoc(n) || n.func() != bf.func_index) continue;
      Location* loc = NewLoc(&n, static_cast<int>(fi), n.loop_depth(), n.transient());
      loc->result_index = static_cast<int>(n.result_index());
      loc->reassigned = n.reassigned();
      loc->unit = bf.unit_index;
      loc->index = static_cast<uint32_t>(i);
      unit_locs_[bf.unit_index][i] = loc;
    }
  }
  // The walk: expression locations of each non-closure function (closure bodies included,
  // where their literal appears), in batch order.
  for (const BatchFunc& bf : funcs_) {
    if (bf.is_closure) continue;
    for (int i = 0; i < bf.unit->locations_size(); ++i) {
      const ir::Location& n = bf.unit->locations(i);
      if (ir::IsInitLoc(n) || IsAlwaysHeapRecord(n)) continue;
      int curfn = unit_func_[bf.unit_index][n.func()];
      // Allocation sites and walk temporaries have a gc node; tees and slots do not.
      bool has_node = n.kind() == ir::LOC_ALLOC || ir::IsDeclared(n.kind());
      Location* loc = NewLoc(has_node ? &n : nullptr, curfn, n.loop_depth(), n.transient());
      loc->slot = n.kind() == ir::LOC_ARG_SLOT || n.kind() == ir::LOC_RESULT_SLOT;
      loc->unit = bf.unit_index;
      loc->index = static_cast<uint32_t>(i);
      unit_locs_[bf.unit_index][i] = loc;
    }
  }
  return absl::OkStatus();
}

// The hole an IR edge flows into: its sink, shifted by its derefs; null dst for a flow into
// an always-heap record (nothing to track).
Hole Batch::EdgeHole(int u, const ir::Edge& e) {
  Hole k = e.sink() == ir::SINK_HEAP    ? HeapHole()
           : e.sink() == ir::SINK_BLANK ? DiscardHole()
                                        : Hole{At(u, e.dst())};
  return Through(k, e);
}

// k reached through the IR edge e: e's derefs on top, e's addrtaken (its last shift).
Hole Batch::Through(Hole k, const ir::Edge& e) {
  k.derefs += e.derefs();
  k.addrtaken = e.addrtaken();
  return k;
}

// Replays a unit's edges (the flows lowering recorded), resolving its calls as gc's walk
// evaluates them (CallState): a call's result slots stand for the holes they flow into
// (gc's ks), and each flow into an argument slot goes into that argument's tag hole. A call
// whose result slot feeds more than one hole keeps its slots: its arguments flow from them
// after the replay, as do the calls no argument flow reached.
void Batch::FlowUnit(int u) {
  const ir::FuncUnit& unit = *input_.units[u];
  // Which call each slot belongs to, and the one edge out of each result slot.
  struct SlotUse {
    int call;
    int index;
    bool result;
  };
  absl::flat_hash_map<uint32_t, SlotUse> slot_use;
  std::vector<CallState> calls(unit.calls_size());
  calls_ = &calls;
  for (int ci = 0; ci < unit.calls_size(); ++ci) {
    const ir::Call& c = unit.calls(ci);
    if (c.kind() == ir::CALL_BUILTIN) continue;  // lowering already emitted its flows
    calls[ci].merged = true;
    calls[ci].arg_holes.resize(c.args_size());
    calls[ci].pending.resize(c.result_slots_size());
    for (int i = 0; i < c.args_size(); ++i) {
      if (c.args(i).has_slot()) slot_use[c.args(i).slot()] = SlotUse{ci, i, false};
    }
    for (int i = 0; i < c.result_slots_size(); ++i) {
      slot_use[c.result_slots(i)] = SlotUse{ci, i, true};
    }
  }
  absl::flat_hash_map<uint32_t, int> result_edge;  // result slot -> its out edge
  for (int ei = 0; ei < unit.edges_size(); ++ei) {
    const ir::Edge& e = unit.edges(ei);
    auto it = slot_use.find(e.src());
    if (it == slot_use.end() || !it->second.result) continue;
    if (!result_edge.emplace(e.src(), ei).second) calls[it->second.call].merged = false;
  }
  for (int ci = 0; ci < unit.calls_size(); ++ci) {
    const ir::Call& c = unit.calls(ci);
    if (c.kind() == ir::CALL_BUILTIN) continue;
    CallState& st = calls[ci];
    for (int i = 0; i < c.result_slots_size(); ++i) {
      const uint32_t r = c.result_slots(i);
      auto it = result_edge.find(r);
      if (unit.locations(r).blank_result() || (st.merged && it == result_edge.end())) {
        st.ks.push_back(DiscardHole());
        continue;
      }
      if (!st.merged) {
        st.ks.push_back(Hole{At(u, r)});  // the slot itself
        continue;
      }
      const ir::Edge& e = unit.edges(it->second);
      if (e.sink() == ir::SINK_LOCATION) {
        auto arg = slot_use.find(e.dst());
        if (arg != slot_use.end() && !arg->second.result && calls[arg->second.call].merged &&
            arg->second.call != ci) {
          st.pending[i] = CallState::Pending{arg->second.call, arg->second.index, &e};
          st.ks.push_back(DiscardHole());
          continue;
        }
      }
      Hole k = EdgeHole(u, e);
      if (k.dst == nullptr) k = DiscardHole();
      k.notes = Chain(&e, u, nullptr);
      st.ks.push_back(k);
    }
  }
  for (const ir::Edge& e : unit.edges()) {
    auto use = slot_use.find(e.src());
    if (use != slot_use.end() && use->second.result && calls[use->second.call].merged) {
      continue;  // the call's ks
    }
    if (e.sink() == ir::SINK_LOCATION) {
      auto arg = slot_use.find(e.dst());
      if (arg != slot_use.end() && !arg->second.result && calls[arg->second.call].merged) {
        const int ci = arg->second.call;
        if (!calls[ci].started) StartCall(u, ci);
        Flow(Through(ArgHole(u, ci, arg->second.index), e), At(u, e.src()), &e, u);
        continue;
      }
    }
    Hole k = EdgeHole(u, e);
    if (k.dst == nullptr) continue;  // into an always-heap record: nothing to track
    Flow(k, At(u, e.src()), &e, u);
  }
  for (int ci = 0; ci < unit.calls_size(); ++ci) {
    const ir::Call& c = unit.calls(ci);
    if (c.kind() == ir::CALL_BUILTIN || calls[ci].started) continue;
    StartCall(u, ci);
    if (calls[ci].merged) continue;
    for (int i = 0; i < c.args_size(); ++i) {
      if (c.args(i).has_slot()) Flow(ArgHole(u, ci, i), At(u, c.args(i).slot()));
    }
  }
  calls_ = nullptr;
}

// The call's result holes (gc's ks), another call's argument holes made now if need be.
const std::vector<Hole>& Batch::Ks(int u, int ci) {
  CallState& st = (*calls_)[ci];
  if (!st.ks_done) {
    st.ks_done = true;
    for (size_t i = 0; i < st.pending.size(); ++i) {
      const CallState::Pending& p = st.pending[i];
      if (p.call < 0) continue;
      Hole k = Through(ArgHole(u, p.call, p.index), *p.edge);
      k.notes = Chain(p.edge, u, k.notes);
      st.ks[i] = k;
    }
  }
  return st.ks;
}

// What e.call does before evaluating the arguments: an in-batch callee's results flow into
// the call's result holes. A static callee with neither is a dynamic call (counted).
void Batch::StartCall(int u, int ci) {
  const ir::Call& call = input_.units[u]->calls(ci);
  (*calls_)[ci].started = true;
  if (call.kind() != ir::CALL_STATIC && call.kind() != ir::CALL_CLOSURE) return;
  auto it = func_by_symbol_.find(call.callee());
  if (it != func_by_symbol_.end()) {
    if (!call.results_used()) return;
    const std::vector<Hole>& ks = Ks(u, ci);
    const ir::Func& callee = *funcs_[it->second].fn;
    const int cu = funcs_[it->second].unit_index;
    for (int i = 0; i < callee.results_size() && i < static_cast<int>(ks.size()); ++i) {
      if (callee.results(i).has_loc()) Flow(ks[i], At(cu, callee.results(i).loc()));
    }
    return;
  }
  // No summary: conservatively a dynamic call. TODO(#4): report the missing callee.
  if (callees_.Find(call.callee()) == nullptr && stats_ != nullptr) ++stats_->missing_summaries;
}

// gc's argument hole for argument i (made once per argument, as gc makes it when
// evaluating it): an in-batch callee's parameter (inMutualBatch), a tagged callee's tag
// hole, else the heap (interface and dynamic calls; results of those receive no flows).
Hole Batch::ArgHole(int u, int ci, int i) {
  const ir::Call& call = input_.units[u]->calls(ci);
  if (std::optional<Hole>& h = (*calls_)[ci].arg_holes[i]; h) return *h;
  Hole h = HeapHole();
  if (call.kind() == ir::CALL_STATIC || call.kind() == ir::CALL_CLOSURE) {
    auto it = func_by_symbol_.find(call.callee());
    if (it != func_by_symbol_.end()) {
      const ir::Func& callee = *funcs_[it->second].fn;
      const int cu = funcs_[it->second].unit_index;
      h = DiscardHole();  // unnamed or blank parameter: e.addr(nil) is discard
      if (i < callee.params_size() && callee.params(i).has_loc()) {
        h = Hole{At(cu, callee.params(i).loc())};
      }
    } else if (const summary::FuncSummary* sum = callees_.Find(call.callee())) {
      const Location* slot = At(u, call.args(i).slot());
      const std::vector<Hole>* ks = call.results_used() ? &Ks(u, ci) : nullptr;
      h = TagHole(ks, -1, sum, i, unit_func_[u][call.func()], slot != nullptr ? slot->loop_depth : 1,
                  &call);
    }
  }
  if (h.dst == &heap_loc_) h.through = CallArg{&call, i};  // an interface or dynamic call
  (*calls_)[ci].arg_holes[i] = h;
  return h;
}

// gc's tagHole for a previously tagged function: the argument flows wherever the
// parameter's tag says (heap at level h, result i at level r_i when results are used).
Hole Batch::TagHole(const std::vector<Hole>* ks, int /*callee_fn*/,
                    const summary::FuncSummary* sum, int arg_index, int curfn, int loop_depth,
                    const ir::Call* call) {
  const std::string empty;
  const std::string& tag = arg_index < sum->params_size() ? sum->params(arg_index).tag() : empty;
  Leaks esc = Leaks::Parse(tag);
  std::vector<Hole> tag_ks;
  if (int x = esc.Heap(); x >= 0) {
    tag_ks.push_back(HeapHole().Shift(x));
    tag_ks.back().through = CallArg{call, arg_index};
  }
  if (ks != nullptr) {
    for (int i = 0; i < solver::kNumEscResults; ++i) {
      if (int x = esc.Result(i); x >= 0 && i < static_cast<int>(ks->size())) {
        tag_ks.push_back((*ks)[i].Shift(x));
      }
    }
  }
  return TeeHole(tag_ks, curfn, loop_depth);
}

// gc's flowClosure: by value iff never address-taken, never reassigned and <= 128 bytes.
void Batch::FlowClosures() {
  std::vector<bool> done(input_.units.size());
  for (const BatchFunc& bf : funcs_) {
    if (bf.is_closure || done[bf.unit_index]) continue;
    done[bf.unit_index] = true;
    for (const ir::Capture& c : bf.unit->captures()) {
      Location* clo = At(bf.unit_index, c.closure());
      Location* var = At(bf.unit_index, c.var());
      if (clo == nullptr || var == nullptr) continue;
      bool byval = !var->addrtaken && !var->reassigned && var->n->var_size() <= 128;
      Hole k{clo};
      if (!byval) k = k.Addr();
      const ir::Edge* notes = nullptr;
      if (explain_out_ != nullptr) {
        // base.WarnfAt at the variable's declaration, named after its function.
        Diagnose(var->unit, var->n->pos(),
                 absl::StrCat(funcs_[var->curfn].fn->name(), " capturing by ", byval ? "value" : "ref",
                              ": ", var->n->text(), " (addr=", var->addrtaken ? "true" : "false",
                              " assign=", var->reassigned ? "true" : "false",
                              " width=", var->n->var_size(), ")"),
                 explain_out_);
        // k.addr(cv, "reference") by reference, then k.note(cv, "captured by a closure"):
        // newest first.
        ir::Edge& e = synth_edges_.emplace_back();
        auto add = [&](const char* why) {
          ir::Note* n = e.add_notes();
          n->set_where(var->n->text());
          n->set_why(why);
          *n->mutable_pos() = c.pos();
        };
        add("captured by a closure");
        if (!byval) add("reference");
        notes = &e;
      }
      Flow(k, var, notes, bf.unit_index);
    }
  }
}

summary::HeapReason Batch::HeapAllocReason(const ir::Location& n) const {
  if (!n.has_type()) return summary::HEAP_REASON_NONE;
  // Parameters are always passed via the stack.
  if (n.kind() == ir::LOC_PARAM || n.kind() == ir::LOC_RESULT ||
      n.kind() == ir::LOC_HIDDEN_PARAM) {
    return summary::HEAP_REASON_NONE;
  }
  const int64_t implicit = options_.max_implicit_stack_var_size;
  if (n.type_size() > options_.max_stack_var_size) return summary::HEAP_TOO_LARGE;
  if (n.type_align() > options_.ptr_size) return summary::HEAP_TOO_ALIGNED;
  const bool new_or_ptrlit = n.alloc() == ir::ALLOC_NEW || n.alloc() == ir::ALLOC_PTRLIT;
  if (new_or_ptrlit && n.elem_size() > implicit) return summary::HEAP_TOO_LARGE;
  if (new_or_ptrlit && n.elem_align() > options_.ptr_size) return summary::HEAP_TOO_ALIGNED;
  if ((n.alloc() == ir::ALLOC_CLOSURE || n.alloc() == ir::ALLOC_METHVALUE) &&
      n.record_size() > implicit) {
    return summary::HEAP_TOO_LARGE;
  }
  if (n.alloc() == ir::ALLOC_MAKESLICE) {
    if (!n.size_is_const()) return summary::HEAP_NON_CONSTANT_SIZE;
    if (n.elem_size() != 0 && n.make_count() > implicit / n.elem_size()) {
      return summary::HEAP_TOO_LARGE;
    }
  }
  return summary::HEAP_REASON_NONE;
}

void Batch::ForceHeapAllocs() {
  for (Location* loc : all_locs_) {
    if (loc->n == nullptr) continue;
    summary::HeapReason why = HeapAllocReason(*loc->n);
    if (why == summary::HEAP_REASON_NONE) continue;
    loc->forced = why;
    if (explain_out_ != nullptr) {
      // b.flow(b.heapHole().addr(loc.n, why), loc): one note, the location's own node.
      ir::Note note;
      note.set_where(loc->n->text());
      note.set_why(why == summary::HEAP_TOO_LARGE     ? "too large for stack"
                   : why == summary::HEAP_TOO_ALIGNED ? "too aligned for stack"
                                                      : "non-constant size");
      *note.mutable_pos() = loc->n->pos();
      Explain(loc, absl::StrCat(loc->n->text(), " escapes to heap:"));
      ExplainFlow(loc, &heap_loc_, loc, -1, {{&note, loc->unit}});
    }
    Flow(HeapHole().Addr(), loc);
  }
}

// gc's explanation of l: the header line at l's position.
void Batch::Explain(const Location* l, const std::string& header) {
  Diagnose(l->unit, l->n->pos(), header, explain_out_);
}

std::string Batch::NotePos(int unit, const ir::Pos& pos) const {
  const ir::FuncUnit& u = *input_.units[unit];
  return solver::FormatPos(
      pos.file() < static_cast<uint32_t>(u.files_size()) ? u.files(pos.file()) : "", pos);
}

std::string Batch::ExplainLoc(const Location* l) const {
  if (l == &heap_loc_) return "{heap}";
  if (l->n == nullptr) return "{temp}";
  if (l->IsOName()) return l->n->text();
  return absl::StrCat("{storage for ", l->n->text(), "}");
}

// explainFlow: "flow: DST = OPS SRC:" and a "from WHERE (WHY) at POS" line per note, at
// the position of the location being explained.
void Batch::ExplainFlow(const Location* at, const Location* dst, const Location* src, int derefs,
                        const std::vector<std::pair<const ir::Note*, int>>& notes) {
  std::string ops = derefs < 0 ? "&" : std::string(static_cast<size_t>(derefs), '*');
  Diagnose(at->unit, at->n->pos(),
           absl::StrCat("  flow: ", ExplainLoc(dst), " = ", ops, ExplainLoc(src), ":"),
           explain_out_);
  for (const auto& [n, unit] : notes) {
    if (n->where().empty() && n->why().empty()) continue;
    Diagnose(at->unit, at->n->pos(),
             absl::StrCat("    from ", n->where(), " (", n->why(), ") at ",
                          NotePos(unit >= 0 ? unit : at->unit, n->pos())),
             explain_out_);
  }
}

// explainPath: the flows from src to the walk's root, as the walk found them. Argument and
// result slots are looked through: gc flows an argument straight into the callee's hole.
void Batch::ExplainPath(const Location* root, const Location* src) {
  absl::flat_hash_set<const Location*> visited;
  const Location* at = src;
  for (;;) {
    if (!visited.insert(src).second) {
      Diagnose(at->unit, at->n->pos(),
               "  warning: truncated explanation due to assignment cycle; see "
               "golang.org/issue/35518",
               explain_out_);
      break;
    }
    const Location* dst = src->dst;
    if (dst == nullptr) break;
    const Edge* edge = &dst->edges[src->dst_edge_idx];
    int derefs = edge->derefs;
    std::vector<std::pair<const ir::Note*, int>> notes;
    AddNotes(edge->notes, &notes);
    while (dst->slot && dst != root && dst->dst != nullptr) {
      const Location* next = dst->dst;
      const Edge* e = &next->edges[dst->dst_edge_idx];
      derefs += e->derefs;
      AddNotes(e->notes, &notes);
      visited.insert(dst);
      dst = next;
    }
    ExplainFlow(at, dst, src, derefs, notes);
    if (dst == root) break;
    src = dst;
  }
}

void Batch::Diagnose(int u, const ir::Pos& pos, std::string message,
                     summary::BatchResult* out, bool late) {
  if (!options_.diagnose) return;
  summary::Diagnostic* d = out->add_diagnostics();
  d->set_late(late);
  *d->mutable_pos() = pos;
  const ir::FuncUnit& unit = *input_.units[u];
  if (pos.file() < static_cast<uint32_t>(unit.files_size())) d->set_file(unit.files(pos.file()));
  d->set_message(std::move(message));
}

// gc's paramTag: the parameter's tag, and its -m lines.
std::string Batch::ParamTag(int fi, int narg, const ir::Param& param,
                            summary::BatchResult* out) {
  const BatchFunc& bf = funcs_[fi];
  const ir::Func& fn = *bf.fn;
  const int u = bf.unit_index;
  const std::string name = param.named() ? param.name() : absl::StrCat("arg#", narg);
  // Only user code is diagnosed, not wrappers generated around it.
  const bool diagnose = !(fn.wrapper() || fn.dupok() || fn.dead());
  auto warn = [&](std::string msg) {
    if (diagnose) Diagnose(u, param.pos(), std::move(msg), out);
  };

  if (!fn.has_body()) {
    // uintptr arguments of body-less functions are assumed to be pointers kept alive across
    // the call (syscall.Syscall, golang.org/issue/13372).
    if (param.is_uintptr()) {
      warn(absl::StrCat("assuming ", name, " is unsafe uintptr"));
      return "";
    }
    if (!param.has_pointers()) return "";
    Leaks esc;
    // External functions are assumed unsafe unless //go:noescape precedes them.
    if (HasDirective(fn, ir::DIRECTIVE_NOESCAPE)) {
      if (param.named()) warn(absl::StrCat(name, " does not escape"));
    } else {
      if (param.named()) warn(absl::StrCat("leaking param: ", name));
      esc.AddHeap(0);
    }
    return esc.Encode();
  }

  if (HasDirective(fn, ir::DIRECTIVE_UINTPTRESCAPES)) {
    if (param.is_uintptr()) {
      warn(absl::StrCat("marking ", name, " as escaping uintptr"));
      return "";
    }
    if (param.ddd_uintptr()) {
      warn(absl::StrCat("marking ", name, " as escaping ...uintptr"));
      return "";
    }
  }
  if (!param.has_pointers()) return "";  // don't bother tagging scalars
  // Unnamed parameters are unused and therefore do not escape.
  if (!param.named() || param.blank() || !param.has_loc()) return Leaks().Encode();

  const Location* loc = At(u, param.loc());
  Leaks esc = loc->param_esc;
  esc.Optimize();
  if (!loc->escapes) {
    if (esc.Empty()) warn(absl::StrCat(name, " does not escape"));
    if (int x = esc.Heap(); x >= 0) {
      warn(x == 0 ? absl::StrCat("leaking param: ", name)
                  : absl::StrCat("leaking param content: ", name));
    }
    for (int i = 0; i < solver::kNumEscResults; ++i) {
      if (int x = esc.Result(i); x >= 0) {
        const std::string res = i < fn.results_size() ? fn.results(i).name() : "?";
        warn(absl::StrCat("leaking param: ", name, " to result ", res, " level=", x));
      }
    }
  }
  return esc.Encode();
}

// gc's finish: tags first (all functions, batch order), then one line per location.
void Batch::Finish(summary::BatchResult* out) {
  for (size_t u = 0; u < input_.units.size(); ++u) {
    for (const ir::Remark& r : input_.units[u]->remarks()) {
      Diagnose(static_cast<int>(u), r.pos(), r.text(), out);
    }
  }
  for (size_t fi = 0; fi < funcs_.size(); ++fi) {
    const ir::Func& fn = *funcs_[fi].fn;
    summary::FuncSummary* s = out->add_funcs();
    s->set_symbol(fn.symbol());
    s->set_name(fn.name());
    s->set_pkg_path(fn.pkg_path());
    s->set_has_body(fn.has_body());
    std::vector<int> dirs(fn.directives().begin(), fn.directives().end());
    // gc: a function without a body is implicitly //go:uintptrkeepalive.
    if (!fn.has_body()) dirs.push_back(ir::DIRECTIVE_UINTPTRKEEPALIVE);
    std::sort(dirs.begin(), dirs.end());
    dirs.erase(std::unique(dirs.begin(), dirs.end()), dirs.end());
    for (int d : dirs) s->add_directives(static_cast<ir::Directive>(d));
    for (const ir::Result& r : fn.results()) s->add_results(r.name());
    int narg = 0;
    for (const ir::Param& p : fn.params()) {
      ++narg;
      summary::ParamLeaks* pl = s->add_params();
      pl->set_name(p.name());
      pl->set_tag(ParamTag(static_cast<int>(fi), narg, p, out));
      const ir::FuncUnit& unit = *funcs_[fi].unit;
      if (p.pos().file() < static_cast<uint32_t>(unit.files_size())) {
        pl->set_pos(solver::FormatPos(unit.files(p.pos().file()), p.pos()));
      }
      SetLeakRoot(funcs_[fi].unit_index, p, pl);
    }
  }

  for (const Location* loc : all_locs_) {
    const ir::Location* n = loc->n;
    if (n == nullptr || IsAlwaysHeapRecord(*n)) continue;  // verdicts of their own below
    const bool oname = loc->IsOName();
    // go/defer wrapper closures are never reported (finish's goDeferWrapper), nor is code
    // gc removed (dead literals).
    if (!n->silent() && !funcs_[loc->curfn].fn->dead()) {
      const bool late = funcs_[loc->curfn].fn->package_init();
      if (loc->escapes) {
        Diagnose(loc->unit, n->pos(),
                 oname ? absl::StrCat("moved to heap: ", n->text())
                       : absl::StrCat(n->text(), " escapes to heap"),
                 out, late);
      } else if (!oname) {
        Diagnose(loc->unit, n->pos(), absl::StrCat(n->text(), " does not escape"), out, late);
      }
    }
    if (oname && !loc->escapes && !loc->addrtaken) continue;
    summary::Verdict* v = out->mutable_funcs(loc->curfn)->add_verdicts();
    v->set_unit_loc(loc->index);
    v->set_escapes(loc->escapes);
    v->set_transient(!loc->escapes && loc->transient);
    v->set_reason(!loc->escapes                             ? summary::HEAP_REASON_NONE
                  : loc->forced != summary::HEAP_REASON_NONE ? loc->forced
                                                             : summary::HEAP_ESCAPES);
    *v->mutable_pos() = n->pos();
    v->set_text(n->text());
    // A go/defer wrapper is a heap allocation of its own (report/), though gc prints no line.
    SetReportFacts(loc->unit, *n, oname,
                   (n->silent() && !n->go_defer_wrapper()) || funcs_[loc->curfn].fn->dead(), v);
    if (loc->escapes && loc->root != summary::ROOT_NONE) {
      v->set_root(loc->root);
      if (loc->root_detail != nullptr) v->set_root_detail(*loc->root_detail);
      if (loc->root_via != nullptr) v->set_root_via(*loc->root_via);
      if (loc->root == summary::ROOT_CALLEE) SetCalleeParam(loc->root_through, v->mutable_root_param());
    }
  }
  // Allocations gc never models (append growth, make(chan), reflect's, map growth, go
  // statements): always heap, never printed.
  for (size_t fi = 0; fi < funcs_.size(); ++fi) {
    const BatchFunc& bf = funcs_[fi];
    for (int i = 0; i < bf.unit->locations_size(); ++i) {
      const ir::Location& n = bf.unit->locations(i);
      if (!IsAlwaysHeapRecord(n) || n.func() != bf.func_index) continue;
      summary::Verdict* v = out->mutable_funcs(fi)->add_verdicts();
      v->set_unit_loc(static_cast<uint32_t>(i));
      v->set_escapes(true);
      v->set_reason(summary::HEAP_ALWAYS);
      *v->mutable_pos() = n.pos();
      v->set_text(n.text());
      SetReportFacts(bf.unit_index, n, /*variable=*/false, bf.fn->dead(), v);
    }
  }
}

void Batch::ClassifyEscape(Location* l, const Location* root, const CallArg& through,
                           const Location* via) {
  if (l->root != summary::ROOT_NONE) return;
  // Only another function's parameter says the flow went through a callee of the batch.
  if (via != nullptr && via->curfn != l->curfn && via->curfn >= 0) {
    l->root_via = &funcs_[via->curfn].fn->name();
  }
  const std::string* text = root->n != nullptr ? &root->n->text() : nullptr;
  if (root == &heap_loc_) {
    if (through.call != nullptr) {
      l->root = CallRoot(*through.call);
      l->root_detail = &through.call->callee();
      l->root_through = through;
    } else {
      l->root = summary::ROOT_HEAP_STORE;
    }
  } else if (root->IsResult()) {
    l->root = summary::ROOT_RETURNED;
    if (root->curfn >= 0) l->root_detail = &funcs_[root->curfn].fn->name();
  } else if (root->escapes) {
    l->root = summary::ROOT_HEAP_OBJECT;
    l->root_detail = text;
  } else {
    l->root = summary::ROOT_OUTLIVES;
    l->root_detail = text;
  }
}

summary::EscapeRoot Batch::CallRoot(const ir::Call& call) {
  const bool known = call.kind() == ir::CALL_STATIC || call.kind() == ir::CALL_CLOSURE;
  return known ? summary::ROOT_CALLEE : summary::ROOT_UNKNOWN_CALLEE;
}

// The callee's parameter that keeps it, for explanations that follow the path into the
// callee (its summary says why the parameter leaks).
void Batch::SetCalleeParam(const CallArg& through, summary::CalleeParam* out) const {
  if (through.call == nullptr || through.arg < 0) return;
  const summary::FuncSummary* callee = callees_.Find(through.call->callee());
  if (callee == nullptr || through.arg >= callee->params_size()) return;
  // Not its name or position: a caller's results must not change when the callee's lines
  // move (CallerVisibleHash leaves them out); explanations read them from the callee's
  // package (report/explain.cc).
  out->set_symbol(callee->symbol());
  out->set_package(callee->pkg_path());
  out->set_index(static_cast<uint32_t>(through.arg));
}

// Why a parameter leaks to the heap, as far as the walk saw it first: through a call's
// argument (the callee and its parameter), else stored there directly.
void Batch::SetLeakRoot(int u, const ir::Param& p, summary::ParamLeaks* out) {
  if (!p.has_loc()) return;
  const Location* l = At(u, p.loc());
  if (l == nullptr || !l->leak_seen) return;
  if (l->leak_through.call == nullptr) {
    out->set_root(summary::ROOT_HEAP_STORE);
    return;
  }
  out->set_root(CallRoot(*l->leak_through.call));
  out->set_root_detail(l->leak_through.call->callee());
  if (out->root() == summary::ROOT_CALLEE) SetCalleeParam(l->leak_through, out->mutable_root_param());
}

void Batch::SetReportFacts(int u, const ir::Location& n, bool variable, bool silent,
                           summary::Verdict* v) const {
  const ir::FuncUnit& unit = *input_.units[u];
  if (n.pos().file() < static_cast<uint32_t>(unit.files_size())) v->set_file(unit.files(n.pos().file()));
  v->set_alloc(n.alloc());
  v->set_loop_depth(n.loop_depth());
  v->set_variable(variable);
  v->set_silent(silent);
  v->set_go_defer(n.go_defer_wrapper());
  auto source_pos = [&](const ir::Pos& p, summary::SourcePos* out) {
    if (p.file() < static_cast<uint32_t>(unit.files_size())) out->set_file(unit.files(p.file()));
    out->set_line(p.line());
    out->set_column(p.col());
  };
  if (n.has_written_at()) {
    source_pos(n.written_at(), v->mutable_written_at());
    for (const ir::Pos& p : n.inlined_at()) source_pos(p, v->add_inlined_at());
  }
}

absl::Status Batch::Run(summary::BatchResult* out) {
  if (options_.explain && options_.diagnose) explain_out_ = out;
  if (absl::Status s = InitFuncs(); !s.ok()) return s;
  std::vector<bool> walked(input_.units.size());
  for (const BatchFunc& bf : funcs_) {
    if (bf.is_closure || walked[bf.unit_index]) continue;
    walked[bf.unit_index] = true;
    FlowUnit(bf.unit_index);
  }
  FlowClosures();
  ForceHeapAllocs();
  WalkAll();
  Finish(out);
  return absl::OkStatus();
}

}  // namespace heapmap::solver_internal

namespace heapmap::solver {

absl::StatusOr<summary::BatchResult> SolveBatch(const BatchInput& input,
                                                const SummaryLookup& callees,
                                                const SolverOptions& options,
                                                SolverStats* stats) {
  solver_internal::Batch batch(input, callees, options, stats);
  summary::BatchResult out;
  if (absl::Status s = batch.Run(&out); !s.ok()) return s;
  return out;
}

std::string FormatPos(absl::string_view file, const ir::Pos& pos) {
  if (pos.line() == 0) return "<autogenerated>:1";
  if (pos.col() == 0 || pos.col() >= 255) return absl::StrCat(file, ":", pos.line());
  return absl::StrCat(file, ":", pos.line(), ":", pos.col());
}

std::string FormatDiagnostic(const summary::Diagnostic& d) {
  return absl::StrCat(FormatPos(d.file(), d.pos()), ": ", d.message());
}

}  // namespace heapmap::solver
