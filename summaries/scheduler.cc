// summaries/scheduler.cc — bottom-up scheduling of gc's batches over the whole program.
//
// Determinism: a batch's lookup only answers for functions of batches it depends on (same
// package: its `deps`; other packages: transitive imports), which are always given and
// finished before it starts. Anything else is "unknown" (the solver's dynamic-call rule),
// whatever has happened to be given or finished by then. Results are stored per batch in
// preallocated slots, so thread interleaving never reaches the output.
#include "summaries/scheduler.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "ir/ir.h"
#include "tbb/parallel_for.h"

namespace heapmap::summaries {
namespace {

struct Slot {
  uint32_t pkg = 0, batch = 0, index = 0;  // results[batch].funcs(index) of package pkg
};

struct PkgState {
  std::vector<uint64_t> deps_bits;  // transitive imports, one bit per package
  // Set by Add, read-only once the package starts.
  std::vector<const ir::FuncUnit*> units;
  const google::protobuf::RepeatedPtrField<summary::BatchResult>* reuse = nullptr;
  bool whole = false;  // given by its results alone (AddReused)
  std::atomic<int> pending_batches{0};
  PackageGraph* graph = nullptr;  // runs the batches
  PackageGraph::Done done;        // the graph's: called when the last batch is done
  std::vector<std::vector<uint32_t>> batch_users;  // reverse of Batch::deps
  std::unique_ptr<std::atomic<int>[]> batch_pending;
  std::vector<std::vector<std::string>> api_hashes;  // per batch, per func (with a cache)
  absl::flat_hash_map<std::string, Slot> own_symbols;  // the package's own functions
};

}  // namespace

class ProgramAnalysis::Impl {
 public:
  Impl(size_t packages, const AnalyzeOptions& options, AnalyzeStats* stats)
      : options_(options), stats_(stats), out_(packages), state_(packages) {
    for (PkgState& st : state_) st.deps_bits.assign((packages + 63) / 64, 0);
  }

  void Add(uint32_t p, PackageInput input) {
    PkgState& st = state_[p];
    PackageResult& out = out_[p];
    out.analyzed = true;
    // An import's own bits are final: it was given first (or never is).
    for (uint32_t imp : input.imports) {
      if (imp >= p) continue;
      st.deps_bits[imp / 64] |= uint64_t{1} << (imp % 64);
      for (size_t w = 0; w < st.deps_bits.size(); ++w) st.deps_bits[w] |= state_[imp].deps_bits[w];
    }
    if (input.units.empty() && input.reuse != nullptr) {
      AddReused(p, *input.reuse);
      return;
    }
    st.units = std::move(input.units);
    st.reuse = input.reuse;
    out.batches = ComputeBatches(st.units);
    const size_t nb = out.batches.size();
    out.results.resize(nb);
    out.cache_keys.resize(nb);
    st.api_hashes.resize(nb);
    st.batch_users.resize(nb);
    st.batch_pending = std::make_unique<std::atomic<int>[]>(nb);
    std::vector<std::pair<const std::string*, Slot>> defined;
    for (uint32_t b = 0; b < nb; ++b) {
      const Batch& batch = out.batches[b];
      st.batch_pending[b].store(static_cast<int>(batch.deps.size()));
      for (uint32_t d : batch.deps) st.batch_users[d].push_back(b);
      for (uint32_t i = 0; i < batch.order.size(); ++i) {
        const FuncIndex& fi = batch.order[i];
        const std::string& sym = st.units[fi.unit]->funcs(fi.func).symbol();
        if (st.own_symbols.try_emplace(sym, Slot{p, b, i}).second) {
          defined.emplace_back(&sym, Slot{p, b, i});
        }
      }
    }
    Define(defined);
    st.pending_batches.store(static_cast<int>(nb));
    if (stats_) stats_->batches.fetch_add(static_cast<int64_t>(nb));
  }

  // A package given by its results alone (PackageInput: no units): nothing to solve, its
  // functions are found in the results as they were found when they were computed.
  void AddReused(uint32_t p, const google::protobuf::RepeatedPtrField<summary::BatchResult>& reuse) {
    PkgState& st = state_[p];
    PackageResult& out = out_[p];
    st.whole = true;
    out.results.assign(reuse.begin(), reuse.end());
    out.cache_keys.resize(out.results.size());
    std::vector<std::pair<const std::string*, Slot>> defined;
    for (uint32_t b = 0; b < out.results.size(); ++b) {
      std::vector<std::string>& hashes = st.api_hashes.emplace_back();
      for (uint32_t i = 0; i < static_cast<uint32_t>(out.results[b].funcs_size()); ++i) {
        const summary::FuncSummary& f = out.results[b].funcs(i);
        if (options_.cache != nullptr) hashes.push_back(CallerVisibleHash(f));
        if (st.own_symbols.try_emplace(f.symbol(), Slot{p, b, i}).second) {
          defined.emplace_back(&f.symbol(), Slot{p, b, i});
        }
      }
    }
    Define(defined);
    if (stats_) stats_->reused.fetch_add(static_cast<int64_t>(out.results.size()));
  }

  void Define(const std::vector<std::pair<const std::string*, Slot>>& defined) {
    std::unique_lock<std::shared_mutex> lock(definers_mu_);
    for (const auto& [sym, slot] : defined) definers_[*sym].push_back(slot);
  }

  void Solve(uint32_t p, PackageGraph& graph, PackageGraph::Done done) {
    if (!out_[p].analyzed) {
      done();
      return;
    }
    if (state_[p].whole) {
      done();
      return;
    }
    state_[p].graph = &graph;
    state_[p].done = std::move(done);
    if (out_[p].batches.empty()) {
      FinishPackage(p);
      return;
    }
    // Batches without dependencies are exactly the ready ones; the counters cannot be read
    // here, since batches already started may bring another's counter to zero and start it.
    for (uint32_t b = 0; b < out_[p].batches.size(); ++b) {
      if (out_[p].batches[b].deps.empty()) graph.Spawn([this, p, b] { RunBatch(p, b); });
    }
  }

  PackageResult& Result(uint32_t p) { return out_[p]; }
  std::vector<PackageResult> TakeResults() { return std::move(out_); }

 private:
  // The summaries one batch may read: see the file comment.
  class View : public solver::SummaryLookup {
   public:
    View(const Impl& prog, uint32_t pkg, uint32_t batch) : prog_(prog), pkg_(pkg), batch_(batch) {}
    const summary::FuncSummary* Find(absl::string_view symbol) const override {
      std::optional<Slot> s = FindSlot(symbol);
      return s ? &prog_.out_[s->pkg].results[s->batch].funcs(s->index) : nullptr;
    }
    std::optional<Slot> FindSlot(absl::string_view symbol) const {
      // The package's own functions first: a generic's shape instance is named after the
      // generic's package ("a.F[go.shape.int_0]") and compiled in every package that uses
      // it, so several packages may define the same symbol; each calls its own.
      std::optional<Slot> s;
      const auto& own = prog_.state_[pkg_].own_symbols;
      if (auto it = own.find(symbol); it != own.end()) {
        const std::vector<uint32_t>& deps = prog_.out_[pkg_].batches[batch_].deps;
        if (!std::binary_search(deps.begin(), deps.end(), it->second.batch)) return std::nullopt;
        s = it->second;
      } else {
        // Else the earliest package (in load order) among the transitive imports that
        // defines it: packages being added concurrently are never imports, so the answer
        // does not depend on timing.
        const std::vector<uint64_t>& bits = prog_.state_[pkg_].deps_bits;
        std::shared_lock<std::shared_mutex> lock(prog_.definers_mu_);
        auto def = prog_.definers_.find(symbol);
        if (def == prog_.definers_.end()) return std::nullopt;
        for (const Slot& d : def->second) {
          if (((bits[d.pkg / 64] >> (d.pkg % 64)) & 1) != 0 && (!s || d.pkg < s->pkg)) s = d;
        }
        if (!s) return std::nullopt;
      }
      // A failed batch has no summaries: its callers see an unknown callee.
      if (s->index >= static_cast<uint32_t>(prog_.out_[s->pkg].results[s->batch].funcs_size())) {
        return std::nullopt;
      }
      return s;
    }
    const std::string& ApiHash(const Slot& s) const {
      return prog_.state_[s.pkg].api_hashes[s.batch][s.index];
    }

   private:
    const Impl& prog_;
    uint32_t pkg_, batch_;
  };

  std::string Key(uint32_t p, uint32_t b, const View& view) const {
    const Batch& batch = out_[p].batches[b];
    const std::vector<const ir::FuncUnit*>& units = state_[p].units;
    const solver::SolverOptions& so = options_.solver;
    std::string text = absl::StrCat("heapmap-batch-key 1\nversion ", options_.version, "\nir ",
                                    ir::kIrSchemaVersion, "\nopts ", so.max_stack_var_size, " ",
                                    so.max_implicit_stack_var_size, " ", so.ptr_size, " ",
                                    so.diagnose, " ", so.explain, "\nrecursive ",
                                    batch.recursive, "\n");
    for (uint32_t u : batch.units) {
      absl::StrAppend(&text, "unit ", Sha256Hex(ir::SerializeDeterministic(*units[u])), "\n");
    }
    for (const FuncIndex& fi : batch.order) {
      auto pos = std::find(batch.units.begin(), batch.units.end(), fi.unit) - batch.units.begin();
      absl::StrAppend(&text, "order ", pos, " ", fi.func, "\n");
    }
    // Every callee the solver may look up, with what it will find.
    std::vector<absl::string_view> callees;
    for (uint32_t u : batch.units) {
      for (const ir::Call& c : units[u]->calls()) {
        if (!c.callee().empty()) callees.push_back(c.callee());
      }
    }
    std::sort(callees.begin(), callees.end());
    callees.erase(std::unique(callees.begin(), callees.end()), callees.end());
    for (absl::string_view c : callees) {
      std::optional<Slot> s = view.FindSlot(c);
      absl::StrAppend(&text, "callee ", c, " ", s ? view.ApiHash(*s) : "-", "\n");
    }
    return Sha256Hex(text);
  }

  // A cached result must describe exactly this batch; anything else is a miss.
  static bool Fits(const summary::BatchResult& r, const Batch& batch,
                   const std::vector<const ir::FuncUnit*>& units) {
    if (r.funcs_size() != static_cast<int>(batch.order.size())) return false;
    for (size_t i = 0; i < batch.order.size(); ++i) {
      const FuncIndex& fi = batch.order[i];
      if (r.funcs(i).symbol() != units[fi.unit]->funcs(fi.func).symbol()) return false;
    }
    return true;
  }

  void RunBatch(uint32_t p, uint32_t b) {
    PackageResult& out = out_[p];
    PkgState& st = state_[p];
    const Batch& batch = out.batches[b];
    View view(*this, p, b);
    std::string key;
    bool have = false;
    const auto* reuse = st.reuse;
    if (reuse != nullptr && static_cast<size_t>(reuse->size()) == out.batches.size() &&
        Fits((*reuse)[b], batch, st.units)) {
      out.results[b] = (*reuse)[b];
      have = true;
      if (stats_) stats_->reused.fetch_add(1);
    } else if (options_.cache != nullptr) {
      key = Key(p, b, view);
      out.cache_keys[b] = key;
      std::optional<summary::BatchResult> hit =
          options_.cache->Get(key, stats_ ? &stats_->cache : nullptr);
      if (hit && Fits(*hit, batch, st.units)) {
        out.results[b] = std::move(*hit);
        have = true;
      } else if (hit && stats_) {
        stats_->cache.hits.fetch_sub(1);
        stats_->cache.corrupt.fetch_add(1);
        stats_->cache.misses.fetch_add(1);
      }
    }
    if (!have) {
      solver::SolverStats ss;
      absl::StatusOr<summary::BatchResult> r =
          solver::SolveBatch(MakeBatchInput(st.units, batch), view, options_.solver, &ss);
      if (stats_) {
        stats_->solved.fetch_add(1);
        stats_->missing_summaries.fetch_add(ss.missing_summaries);
      }
      if (r.ok()) {
        for (summary::FuncSummary& f : *r->mutable_funcs()) f.set_key(key);
        out.results[b] = *std::move(r);
        if (options_.cache != nullptr) {
          options_.cache->Put(key, out.results[b], stats_ ? &stats_->cache : nullptr);
        }
      } else {
        const ir::Func& first = st.units[batch.order[0].unit]->funcs(batch.order[0].func);
        errors_mu_.lock();
        out.errors.push_back(absl::StrCat("batch ", b, " (", first.symbol(), "): ",
                                          r.status().message()));
        errors_mu_.unlock();
      }
    }
    // The hashes only feed the batch cache's keys (Key): without a cache nothing reads them.
    if (options_.cache != nullptr) {
      std::vector<std::string>& hashes = st.api_hashes[b];
      for (const summary::FuncSummary& f : out.results[b].funcs()) {
        hashes.push_back(CallerVisibleHash(f));
      }
    }
    // Release: our results and hashes are visible to whoever sees the counter drop.
    for (uint32_t u : st.batch_users[b]) {
      if (st.batch_pending[u].fetch_sub(1, std::memory_order_acq_rel) == 1) {
        st.graph->Spawn([this, p, u] { RunBatch(p, u); });
      }
    }
    if (st.pending_batches.fetch_sub(1, std::memory_order_acq_rel) == 1) FinishPackage(p);
  }

  void FinishPackage(uint32_t p) {
    PackageResult& out = out_[p];
    std::vector<summary::Diagnostic> all;
    for (const summary::BatchResult& r : out.results) {
      all.insert(all.end(), r.diagnostics().begin(), r.diagnostics().end());
    }
    out.diagnostics = SortDiagnosticsLikeGc(std::move(all));
    // Errors were appended in completion order; sort so that output is thread-independent.
    std::sort(out.errors.begin(), out.errors.end());
    state_[p].units.clear();  // the caller may free them once `done` runs
    PackageGraph::Done done = std::move(state_[p].done);
    done();
  }

  const AnalyzeOptions options_;
  AnalyzeStats* stats_;
  std::vector<PackageResult> out_;
  std::vector<PkgState> state_;
  // Every package's functions by symbol, one slot per package defining it, in no order.
  mutable std::shared_mutex definers_mu_;
  absl::flat_hash_map<std::string, std::vector<Slot>> definers_;
  std::mutex errors_mu_;
};

ProgramAnalysis::ProgramAnalysis(size_t packages, const AnalyzeOptions& options,
                                 AnalyzeStats* stats)
    : impl_(std::make_unique<Impl>(packages, options, stats)) {}
ProgramAnalysis::~ProgramAnalysis() = default;
void ProgramAnalysis::Add(uint32_t p, PackageInput input) { impl_->Add(p, std::move(input)); }
void ProgramAnalysis::Solve(uint32_t p, PackageGraph& graph, PackageGraph::Done done) {
  impl_->Solve(p, graph, std::move(done));
}
PackageResult& ProgramAnalysis::Result(uint32_t p) { return impl_->Result(p); }
std::vector<PackageResult> ProgramAnalysis::TakeResults() { return impl_->TakeResults(); }

std::vector<summary::Diagnostic> SortDiagnosticsLikeGc(std::vector<summary::Diagnostic> diags) {
  // gc's lico keeps 8 bits of column: columns from 255 on compare equal.
  auto key = [](const summary::Diagnostic& d) {
    return std::make_tuple(d.late(), absl::string_view(d.file()), d.pos().line(),
                           std::min<uint32_t>(d.pos().col(), 255));
  };
  std::stable_sort(diags.begin(), diags.end(),
                   [&](const summary::Diagnostic& a, const summary::Diagnostic& b) {
                     return key(a) < key(b);
                   });
  // No de-duplication: gc flushes each -m line as it is made (base.WarnfAt), so equal
  // lines (a boxed slice literal and the literal itself, `return []int{1}` into any) are
  // all printed.
  return diags;
}

void KeepCallerVisible(summary::FuncSummary* s) {
  s->clear_verdicts();
  s->clear_key();
  // Where a parameter is and how it leaks are for explanations, which read them from the
  // callee's own package: callers' results do not depend on them, so that moving the
  // callee's lines cuts off early.
  for (summary::ParamLeaks& p : *s->mutable_params()) {
    p.clear_pos();
    p.clear_root();
    p.clear_root_detail();
    p.clear_root_param();
  }
}

std::string CallerVisibleHash(const summary::FuncSummary& s) {
  summary::FuncSummary visible = s;
  KeepCallerVisible(&visible);
  return Sha256Hex(ir::SerializeDeterministic(visible));
}

std::vector<PackageResult> AnalyzeProgram(const std::vector<PackageInput>& packages,
                                          const AnalyzeOptions& options, AnalyzeStats* stats) {
  std::vector<std::vector<size_t>> graph_imports;
  for (uint32_t p = 0; p < packages.size(); ++p) {
    std::vector<size_t>& g = graph_imports.emplace_back();
    for (uint32_t q : packages[p].imports) {
      if (q < p && std::find(g.begin(), g.end(), q) == g.end()) g.push_back(q);
    }
  }
  ProgramAnalysis program(packages.size(), options, stats);
  for (uint32_t p = 0; p < packages.size(); ++p) program.Add(p, packages[p]);
  PackageGraph graph(graph_imports,
                     {[&program](size_t p, PackageGraph& g, PackageGraph::Done done) {
                       program.Solve(static_cast<uint32_t>(p), g, std::move(done));
                     }});
  graph.Run();
  return program.TakeResults();
}

}  // namespace heapmap::summaries
