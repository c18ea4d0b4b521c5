// solver/solve.cc — gc's escape/solve.go: walk the location graph to a fixed point.
//
// WalkAll walks once from every location (and the heap), and re-walks a location when it
// turns escaping or non-transient; each transition happens at most once per location, so
// there are Θ(locations) walks. WalkOne is Bellman-Ford from one root with negative edges
// (address-of); negative cycles cannot diverge because a location reached by its address
// continues its walk at derefs 0 ("root = &l; l = x" does not make x's address flow).
// Both worklists are LIFO, as gc's, so the walk order (and -m=2 paths, later) match.
#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "solver/location_graph.h"

namespace heapmap::solver_internal {

void Batch::WalkAll() {
  std::vector<Location*> todo;
  todo.reserve(all_locs_.size() + 1);
  auto enqueue = [&todo](Location* loc) {
    if (!loc->queued) {
      todo.push_back(loc);
      loc->queued = true;
    }
  };
  for (Location* loc : all_locs_) enqueue(loc);
  enqueue(&heap_loc_);

  // A walk changes something only where Outlives(root, l) holds for some l it reaches, or
  // where a non-transient root reaches a transient address. Roots that can do neither are
  // skipped: without this, a chain of n call results (t.M().M()...) costs n^2, as in gc.
  // Outlives(root, l) needs root escaping, root a result, an l deeper in loops in root's
  // function, or an l in a closure of root's function; the last two are fixed per function.
  std::vector<int> max_depth(funcs_.size(), 0);
  std::vector<bool> has_closure(funcs_.size(), false);
  for (const Location* loc : all_locs_) {
    if (loc->curfn >= 0) max_depth[loc->curfn] = std::max(max_depth[loc->curfn], loc->loop_depth);
  }
  // A closure's enclosing functions all contain it (gc's by-name ContainsClosure: a closure
  // and its outer functions share a unit, and outer < inner there).
  for (const BatchFunc& c : funcs_) {
    if (!c.is_closure) continue;
    // Outer indices strictly decrease (ir::Validate), which bounds the loop.
    int inner = static_cast<int>(c.func_index);
    for (int o = c.fn->outer(); o >= 0 && o < inner; inner = o, o = c.unit->funcs(o).outer()) {
      int f = unit_func_[c.unit_index][o];
      if (f >= 0) has_closure[f] = true;
    }
  }
  auto inert = [&](const Location* root) {
    if (root->escapes || root->IsResult() || !root->transient) return false;
    if (root->curfn < 0) return true;
    return !has_closure[root->curfn] && root->loop_depth >= max_depth[root->curfn];
  };

  uint32_t walkgen = 0;
  while (!todo.empty()) {
    Location* root = todo.back();
    todo.pop_back();
    root->queued = false;
    if (inert(root)) continue;
    ++walkgen;
    if (stats_ != nullptr) ++stats_->walks;
    WalkOne(root, walkgen, todo);
  }
}

void Batch::WalkOne(Location* root, uint32_t walkgen, std::vector<Location*>& enqueue_stack) {
  auto enqueue = [&enqueue_stack](Location* loc) {
    if (!loc->queued) {
      enqueue_stack.push_back(loc);
      loc->queued = true;
    }
  };
  root->walkgen = walkgen;
  root->derefs = 0;
  root->dst = nullptr;
  root->walk_through = CallArg{};
  root->near_param = nullptr;

  std::vector<Location*>& todo = walk_todo_;  // LIFO; the batch's, reused by every walk
  todo.assign(1, root);
  while (!todo.empty()) {
    Location* l = todo.back();
    todo.pop_back();

    int derefs = l->derefs;
    // derefs < 0: l's address flows to root.
    const bool address_of = derefs < 0;
    if (address_of) {
      // "root = &l; l = x": l's address flows to root, x's does not.
      derefs = 0;
      // An address that reaches a non-transient location outlives the statement.
      if (!root->transient && l->transient) {
        l->transient = false;
        enqueue(l);
      }
    }

    if (Outlives(root, l)) {
      // l's value flows to root: record it for l's tag if l is a parameter.
      if (l->IsParam()) {
        if (explain_out_ != nullptr && !l->escapes) {
          Explain(l, absl::StrCat("parameter ", l->n->text(), " leaks to ", ExplainLoc(root),
                                  " with derefs=", derefs, ":"));
          ExplainPath(root, l);
        }
        LeakTo(l, root, derefs);
        if (root == &heap_loc_ && !l->leak_seen) {
          l->leak_seen = true;
          l->leak_through = l->walk_through;
        }
      }
      // l's address flows somewhere that outlives it: l goes to the heap. It is re-walked
      // later as an escaping root, so its own sources need not be explored now.
      if (address_of && !l->escapes) {
        if (explain_out_ != nullptr && l->n != nullptr) {
          Explain(l, absl::StrCat(l->n->text(), " escapes to heap:"));
          ExplainPath(root, l);
        }
        l->escapes = true;
        ClassifyEscape(l, root, l->walk_through, l->near_param);
        enqueue(l);
        continue;
      }
    }

    for (size_t i = 0; i < l->edges.size(); ++i) {
      Edge& edge = l->edges[i];
      if (edge.src->escapes) continue;
      int d = derefs + edge.derefs;
      if (edge.src->walkgen != walkgen || edge.src->derefs > d) {
        edge.src->walkgen = walkgen;
        edge.src->derefs = d;
        edge.src->dst = l;
        edge.src->dst_edge_idx = static_cast<int>(i);
        // For ClassifyEscape, in O(1): the call into the root, the nearest parameter.
        edge.src->walk_through = l == root ? edge.through : l->walk_through;
        edge.src->near_param = l != root && l->IsParam() ? l : l->near_param;
        todo.push_back(edge.src);
      }
    }
  }
}

// gc's location.leakTo.
void Batch::LeakTo(Location* l, const Location* sink, int derefs) {
  // A result of l's own function that does not escape (#44614) and fits in the tag is a
  // result leak; everything else is a heap leak.
  if (!sink->escapes && sink->IsResult() && sink->curfn == l->curfn) {
    int ri = sink->result_index - 1;
    if (ri < solver::kNumEscResults) {
      l->param_esc.AddResult(ri, derefs);
      return;
    }
  }
  l->param_esc.AddHeap(derefs);
}

// outlives reports whether values stored in l may survive beyond other's lifetime if
// stack allocated.
bool Batch::Outlives(const Location* l, const Location* other) const {
  // The heap outlives everything.
  if (l->escapes) return true;

  // Callers may do anything with results, so results outlive everything too...
  if (l->IsResult()) {
    // ...except that a directly called closure can return locations of its enclosing
    // function without forcing them to the heap: var u int; *(func() *int { return &u }()) = 42
    if (ContainsClosure(other->curfn, l->curfn) && funcs_[l->curfn].fn->closure_called()) {
      return false;
    }
    return true;
  }

  // Same function, l declared outside other's loop: var l *int; for { l = new(int) }
  if (l->curfn == other->curfn && l->loop_depth < other->loop_depth) return true;

  // other declared in a closure nested in l's function: var l *int; func() { l = new(int) }
  if (ContainsClosure(l->curfn, other->curfn)) return true;

  return false;
}

// containsClosure reports whether c is a closure contained within f. Like gc, by name:
// closures within Foo are named "Foo.funcN...".
bool Batch::ContainsClosure(int f, int c) const {
  if (f == c || f < 0 || c < 0) return false;
  const std::string& fn = funcs_[f].fn->symbol();
  const std::string& cn = funcs_[c].fn->symbol();
  return cn.size() > fn.size() && absl::StartsWith(cn, fn) && cn[fn.size()] == '.';
}

}  // namespace heapmap::solver_internal
