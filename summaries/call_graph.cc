// summaries/call_graph.cc — gc's ir.VisitFuncsBottomUp over the FuncUnits of one package.
#include "summaries/call_graph.h"

#include <algorithm>
#include <string>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"

namespace heapmap::summaries {
namespace {

constexpr uint32_t kDone = UINT32_MAX;  // gc's ^uint32(0): finished, never lowers a min

// A reference made by a function's body, with its position for ordering.
struct Ref {
  uint32_t line = 0, col = 0;
  uint32_t target = 0;  // node index
};

class Visitor {
 public:
  explicit Visitor(const std::vector<const ir::FuncUnit*>& units) : units_(units) {
    // Node numbering: every function of every unit, units in declaration order.
    absl::flat_hash_map<std::string, uint32_t> by_symbol;
    for (uint32_t u = 0; u < units.size(); ++u) {
      unit_base_.push_back(static_cast<uint32_t>(nodes_.size()));
      for (uint32_t f = 0; f < static_cast<uint32_t>(units[u]->funcs_size()); ++f) {
        by_symbol.try_emplace(units[u]->funcs(f).symbol(), nodes_.size());
        nodes_.push_back({u, f});
      }
    }
    refs_.resize(nodes_.size());
    node_id_.assign(nodes_.size(), 0);
    // gc's ir.Visit walks a body in pre-order, which for the references we keep (calls by
    // name and closure literals) is source order: a call's `(` follows its callee name, a
    // literal's `func` keyword precedes everything in it. Sort each function's references
    // by position, keeping IR order for ties.
    uint32_t base = 0;
    for (uint32_t u = 0; u < units.size(); ++u) {
      const ir::FuncUnit& unit = *units[u];
      for (const ir::Call& call : unit.calls()) {
        if (call.kind() != ir::CALL_STATIC || call.func() >= static_cast<uint32_t>(unit.funcs_size())) {
          continue;
        }
        auto it = by_symbol.find(call.callee());
        if (it == by_symbol.end()) continue;  // another package: finished before this one
        refs_[base + call.func()].push_back({call.pos().line(), call.pos().col(), it->second});
      }
      for (uint32_t f = 0; f < static_cast<uint32_t>(unit.funcs_size()); ++f) {
        const ir::Func& fn = unit.funcs(f);
        if (!fn.is_closure() || fn.outer() < 0 || fn.outer() >= unit.funcs_size()) continue;
        refs_[base + fn.outer()].push_back({fn.pos().line(), fn.pos().col(), base + f});
      }
      base += unit.funcs_size();
    }
    for (std::vector<Ref>& r : refs_) {
      std::stable_sort(r.begin(), r.end(), [](const Ref& a, const Ref& b) {
        return std::tie(a.line, a.col) < std::tie(b.line, b.col);
      });
    }
    batch_of_.assign(nodes_.size(), kDone);
  }

  std::vector<Batch> Run() {
    uint32_t base = 0;
    for (uint32_t u = 0; u < units_.size(); ++u) {
      if (units_[u]->funcs_size() > 0 && !units_[u]->funcs(0).is_closure()) Visit(base);
      base += units_[u]->funcs_size();
    }
    // A closure whose outer function was never a root (malformed input) still needs a
    // batch: give each leftover function its own, so that nothing is silently dropped.
    for (uint32_t n = 0; n < nodes_.size(); ++n) {
      if (batch_of_[n] == kDone) Visit(n, /*force_root=*/true);
    }
    for (uint32_t b = 0; b < batches_.size(); ++b) {
      std::vector<uint32_t>& deps = batches_[b].deps;
      for (const FuncIndex& fi : batches_[b].order) {
        for (const Ref& r : refs_[NodeOf(fi)]) {
          uint32_t d = batch_of_[r.target];
          if (d != b && d != kDone) deps.push_back(d);
        }
      }
      std::sort(deps.begin(), deps.end());
      deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
    }
    return std::move(batches_);
  }

 private:
  bool IsClosure(uint32_t n) const {
    return units_[nodes_[n].unit]->funcs(nodes_[n].func).is_closure();
  }
  uint32_t NodeOf(const FuncIndex& fi) const { return unit_base_[fi.unit] + fi.func; }

  // gc's bottomUpVisitor.visit, with an explicit stack of frames in place of recursion (a
  // chain of calls through n functions would recurse n deep); the same ids, minimums and
  // batches in the same order.
  uint32_t Visit(uint32_t root, bool force_root = false) {
    if (node_id_[root] > 0) return node_id_[root];
    struct Frame {
      uint32_t n, id, min;
      size_t next_ref;
    };
    std::vector<Frame> frames;
    auto enter = [&](uint32_t n) {
      ++visitgen_;
      const uint32_t id = visitgen_;
      node_id_[n] = id;
      ++visitgen_;
      frames.push_back(Frame{n, id, visitgen_, 0});
      stack_.push_back(n);
    };
    enter(root);
    uint32_t result = 0;
    while (!frames.empty()) {
      Frame& f = frames.back();
      if (f.next_ref < refs_[f.n].size()) {
        const uint32_t target = refs_[f.n][f.next_ref++].target;
        if (node_id_[target] > 0) {
          f.min = std::min(f.min, node_id_[target]);
        } else {
          enter(target);  // f is not used after this: frames may have moved
        }
        continue;
      }
      const Frame done = f;
      frames.pop_back();
      const bool may_be_root = !IsClosure(done.n) || (force_root && frames.empty());
      if ((done.min == done.id || done.min == done.id + 1) && may_be_root) {
        Batch batch;
        batch.recursive = done.min == done.id;
        size_t i = stack_.size();
        while (i > 0) {
          --i;
          node_id_[stack_[i]] = kDone;
          if (stack_[i] == done.n) break;
        }
        const uint32_t b = static_cast<uint32_t>(batches_.size());
        absl::flat_hash_set<uint32_t> units_seen;
        for (size_t k = i; k < stack_.size(); ++k) {
          const FuncIndex& fi = nodes_[stack_[k]];
          batch_of_[stack_[k]] = b;
          batch.order.push_back(fi);
          if (units_seen.insert(fi.unit).second) batch.units.push_back(fi.unit);
        }
        stack_.resize(i);
        batches_.push_back(std::move(batch));
      }
      if (frames.empty()) {
        result = done.min;
      } else {
        frames.back().min = std::min(frames.back().min, done.min);
      }
    }
    return result;
  }

  const std::vector<const ir::FuncUnit*>& units_;
  std::vector<FuncIndex> nodes_;
  std::vector<uint32_t> unit_base_;  // node index of each unit's funcs[0]
  std::vector<std::vector<Ref>> refs_;
  std::vector<uint32_t> node_id_;
  std::vector<uint32_t> batch_of_;
  std::vector<uint32_t> stack_;
  std::vector<Batch> batches_;
  uint32_t visitgen_ = 0;
};

}  // namespace

std::vector<Batch> ComputeBatches(const std::vector<const ir::FuncUnit*>& units) {
  return Visitor(units).Run();
}

solver::BatchInput MakeBatchInput(const std::vector<const ir::FuncUnit*>& units,
                                  const Batch& batch) {
  solver::BatchInput in;
  for (uint32_t u : batch.units) in.units.push_back(units[u]);
  for (const FuncIndex& fi : batch.order) {
    in.order.push_back({units[fi.unit], fi.func});
  }
  return in;
}

}  // namespace heapmap::summaries
