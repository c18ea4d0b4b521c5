// ir/splice.cc — the escape graph of inlined callees, copied into their callers (splice.h).
#include "ir/splice.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "ir/ir.h"
#include "ir/lower.h"

namespace heapmap::ir {
namespace {

class Splicer {
 public:
  Splicer(FuncUnit* unit, const SpliceOptions& options, SpliceStats* stats)
      : unit_(unit), options_(options), stats_(stats) {}

  // Replaces call `ci` by the body of its callee; `outer` is the position every spliced
  // node prints at; `stack` the callees being expanded (inlMap).
  // `arg_funcs`: InlineSite::arg_funcs of the call (empty for transitive ones).
  // *copies (if set) receives the body's literals' symbols and their copies'.
  void Splice(int ci, const InlineBody& body, const Pos& outer, const std::string& cur,
              int max_cost, std::vector<std::string>* stack,
              const std::vector<std::string>& arg_funcs = {},
              std::vector<std::pair<std::string, std::string>>* copies = nullptr);
  void RemoveSplicedCalls();

 private:
  // Rewrites ForeignQualifier markers as the caller spells the packages.
  std::string Qualify(const std::string& text) const;
  FuncUnit* unit_;
  const SpliceOptions& options_;
  SpliceStats* stats_;
  std::vector<bool> spliced_;  // per call of unit_: replaced by its body
  std::vector<int> dead_literals_;  // allocations of literals inlined in place
};

void Splicer::Splice(int ci, const InlineBody& body, const Pos& outer, const std::string& cur,
                     int max_cost, std::vector<std::string>* stack,
                     const std::vector<std::string>& arg_funcs,
                     std::vector<std::pair<std::string, std::string>>* copies) {
  // unit_->calls grows below, but a RepeatedPtrField's elements stay where they are; calls
  // are only removed once every call is spliced.
  const Call& c = unit_->calls(ci);
  // The body: another unit's function (its funcs[0]), or a literal of this unit. unit_
  // only grows while splicing (calls are removed at the end), so a literal's own
  // locations, flows and calls stay where they are: read them below the current sizes.
  const FuncUnit* v = body.unit;
  int k = 0;
  if (c.kind() == CALL_CLOSURE) {
    k = -1;
    for (int i = 0; i < unit_->funcs_size(); i++) {
      if (unit_->funcs(i).symbol() == c.callee()) k = i;
    }
    if (k < 0) {
      stats_->kept++;
      return;
    }
    v = unit_;
  }
  const int nlocs = v->locations_size(), nedges = v->edges_size(), ncalls = v->calls_size();
  const int nfuncs = v->funcs_size(), ncaptures = v->captures_size();
  if (!v->funcs(k).has_body()) {
    stats_->kept++;
    return;
  }
  const Func& callee = v->funcs(k);
  const int depth = std::max(c.loop_depth(), 1) - 1;
  const bool foreign = callee.pkg_path() != options_.pkg_path;
  const std::string qual =
      foreign && body.facts != nullptr
          ? ForeignQualifier(callee.pkg_path(), body.facts->pkg_name()) + "."
          : "";

  // The function literals inside the body are copied too (inl.go's inlcopy of a
  // ClosureExpr: a new closure of the caller, its variables the inlined ones): each
  // literal nested in the body becomes a closure of the caller's function, under a
  // symbol of its own, its nodes printed at the call like the rest of the body.
  // fmap: the body's function index -> the caller's (-1: not part of the body).
  std::vector<int> fmap(nfuncs, -1);
  fmap[k] = static_cast<int>(c.func());
  std::vector<std::pair<std::string, std::string>> renamed;  // literal symbol -> copy's
  for (int f = k + 1; f < nfuncs; f++) {
    const Func& lit = v->funcs(f);
    if (!lit.is_closure() || lit.outer() < 0 || fmap[lit.outer()] < 0) continue;
    fmap[f] = unit_->funcs_size();
    Func* n = unit_->add_funcs();
    *n = lit;
    n->set_outer(fmap[lit.outer()]);
    n->set_symbol(absl::StrCat(lit.symbol(), "\x01inl", unit_->funcs_size() - 1, "\x01",
                               unit_->funcs(0).symbol()));
    *n->mutable_pos() = outer;
    for (Param& p : *n->mutable_params()) *p.mutable_pos() = outer;
    // The copy's type is the literal's (inlsubst.closure), whose fields name the
    // literal's own parameters: gc's tag lines for the copy repeat the literal's, at its
    // positions, and are printed once. Not printed here.
    n->set_dupok(true);
    renamed.emplace_back(lit.symbol(), n->symbol());
  }
  if (copies != nullptr) *copies = renamed;
  auto in_body = [&](uint32_t f) { return static_cast<int>(f) < nfuncs && fmap[f] >= 0; };

  // The callee's locations become the caller's (inlvar, retvar), at the call; a literal's
  // references to its enclosing functions' variables stay as they are (inlsubst maps a
  // captured variable to the outer one).
  // Where the body's code is written: positions in v's file table, made the caller's
  // (ir.proto Location.written_at).
  std::vector<int> file_map(v->files_size(), -1);
  auto to_unit = [&](const Pos& p) {
    Pos q = p;
    if (v == unit_ || p.file() >= static_cast<uint32_t>(file_map.size())) return q;
    int& f = file_map[p.file()];
    if (f < 0) {
      const std::string& name = v->files(static_cast<int>(p.file()));
      for (int i = 0; i < unit_->files_size() && f < 0; i++) {
        if (unit_->files(i) == name) f = i;
      }
      if (f < 0) {
        f = unit_->files_size();
        unit_->add_files(name);
      }
    }
    q.set_file(static_cast<uint32_t>(f));
    return q;
  };
  // The calls between the body and the outermost call: the call's own chain.
  std::vector<Pos> chain;
  if (c.has_written_at()) {
    chain.push_back(c.written_at());
    chain.insert(chain.end(), c.inlined_at().begin(), c.inlined_at().end());
  }
  // Sets n's written_at and inlined_at from o, a node of v (pos, and its own chain).
  auto written = [&](const Pos& pos, const Pos* o_written, const auto& o_inlined, Pos* w,
                     google::protobuf::RepeatedPtrField<Pos>* inl) {
    inl->Clear();
    if (o_written != nullptr) {
      *w = to_unit(*o_written);
      for (const Pos& p : o_inlined) *inl->Add() = to_unit(p);
      *inl->Add() = to_unit(pos);
    } else {
      *w = to_unit(pos);
    }
    for (const Pos& p : chain) *inl->Add() = p;
  };

  std::vector<int64_t> remap(nlocs, -1);
  for (int i = 0; i < nlocs; i++) {
    const Location& l = v->locations(i);
    if (!in_body(l.func())) continue;
    const bool own = static_cast<int>(l.func()) == k;
    remap[i] = unit_->locations_size();
    Location* n = unit_->add_locations();
    *n = l;
    n->set_func(fmap[l.func()]);
    // A literal's body starts at loop depth 1 wherever it is (walkFunc).
    if (own) n->set_loop_depth(l.loop_depth() + depth);
    if (l.pos().line() > 0) {
      written(l.pos(), l.has_written_at() ? &l.written_at() : nullptr, l.inlined_at(),
              n->mutable_written_at(), n->mutable_inlined_at());
    }
    *n->mutable_pos() = outer;
    switch (l.kind()) {
      case LOC_PARAM:
        n->set_kind(own ? LOC_LOCAL : LOC_PARAM);
        n->set_text(qual + l.text());
        break;
      case LOC_RESULT:
        if (!own) break;
        n->set_kind(LOC_LOCAL);
        n->set_result_index(0);
        // Unnamed results are the inliner's ~R0, ~R1, ...; named ones keep their name.
        n->set_text(l.text().rfind("~", 0) == 0 ? absl::StrCat("~R", l.result_index() - 1)
                                                : qual + l.text());
        break;
      case LOC_LOCAL:
        n->set_text(qual + l.text());
        break;
      default:
        break;
    }
    if (n->text().find('\x01') != std::string::npos) n->set_text(Qualify(n->text()));
  }
  auto at = [&](uint32_t i) -> uint32_t {
    return remap[i] >= 0 ? static_cast<uint32_t>(remap[i]) : i;
  };
  for (int f = k + 1; f < nfuncs; f++) {
    if (fmap[f] < 0) continue;
    Func* n = unit_->mutable_funcs(fmap[f]);
    for (Param& p : *n->mutable_params()) {
      if (p.has_loc()) p.set_loc(at(p.loc()));
    }
    for (Result& r : *n->mutable_results()) {
      if (r.has_loc()) r.set_loc(at(r.loc()));
    }
  }
  // -m=2 notes (only notes with a `where` exist then): gc prints an inlined body's nodes at
  // the call, and its returns are the inlvars' assignment, "~R0, ~R1 = x, y (assign-pair)".
  std::string results_text;
  for (int i = 0; i < callee.results_size(); i++) {
    const Result& r = callee.results(i);
    std::string name = r.has_loc() ? unit_->locations(at(r.loc())).text() : absl::StrCat("~R", i);
    absl::StrAppend(&results_text, i > 0 ? ", " : "", name);
  }
  for (int i = 0; i < nedges; i++) {
    const Edge& e = v->edges(i);
    if (!in_body(e.func())) continue;
    Edge* n = unit_->add_edges();
    *n = e;
    n->set_func(fmap[e.func()]);
    if (e.sink() == SINK_LOCATION) n->set_dst(at(e.dst()));
    n->set_src(at(e.src()));
    for (Note& note : *n->mutable_notes()) {
      if (note.where().empty()) continue;
      *note.mutable_pos() = outer;
      if (note.where().find('\x01') != std::string::npos) note.set_where(Qualify(note.where()));
      if (note.why() == "return" && static_cast<int>(e.func()) == k &&
          absl::StartsWith(note.where(), "return ")) {
        note.set_why("assign-pair");
        note.set_where(absl::StrCat(results_text, " = ", note.where().substr(7)));
      }
    }
  }
  for (int i = 0; i < ncaptures; i++) {
    const Capture& cap = v->captures(i);
    if (remap[cap.closure()] < 0) continue;
    Capture* n = unit_->add_captures();
    *n = cap;
    n->set_closure(at(cap.closure()));
    n->set_var(at(cap.var()));
    *n->mutable_pos() = outer;
  }
  const int first_call = unit_->calls_size();
  for (int i = 0; i < ncalls; i++) {
    const Call& kc = v->calls(i);
    if (!in_body(kc.func())) continue;
    Call* n = unit_->add_calls();
    *n = kc;
    n->set_func(fmap[kc.func()]);
    if (static_cast<int>(kc.func()) == k) {
      n->set_loop_depth(std::max(kc.loop_depth(), 1) + depth);
    }
    if (kc.pos().line() > 0) {
      written(kc.pos(), kc.has_written_at() ? &kc.written_at() : nullptr, kc.inlined_at(),
              n->mutable_written_at(), n->mutable_inlined_at());
    }
    *n->mutable_pos() = outer;
    if (kc.kind() == CALL_CLOSURE) {
      for (const auto& [from, to] : renamed) {
        if (kc.callee() == from) n->set_callee(to);
      }
    }
    // A call of a parameter bound to a function name: static once inlined.
    if (kc.kind() == CALL_DYNAMIC && static_cast<int>(kc.func()) == k &&
        kc.callee_param() > 0 && kc.callee_param() <= arg_funcs.size() &&
        !arg_funcs[kc.callee_param() - 1].empty()) {
      n->set_kind(CALL_STATIC);
      n->set_callee(arg_funcs[kc.callee_param() - 1]);
    }
    n->set_callee_param(0);
    for (Arg& a : *n->mutable_args()) {
      if (a.has_slot()) a.set_slot(at(a.slot()));
    }
    for (int i = 0; i < n->result_slots_size(); i++) {
      n->set_result_slots(i, at(n->result_slots(i)));
    }
  }
  // escape's self-assignment notes of the body, now the caller's (its name, the call).
  if (c.kind() != CALL_CLOSURE) {
    const std::string& caller = unit_->funcs(c.func()).name();
    for (const Remark& r : v->remarks()) {
      size_t at_word = r.text().find(" ignoring self-assignment");
      if (at_word == std::string::npos) continue;
      Remark* n = unit_->add_remarks();
      *n->mutable_pos() = outer;
      std::string text = caller + r.text().substr(at_word);
      n->set_text(text.find('\x01') != std::string::npos ? Qualify(text) : text);
    }
  }
  // p1, p2 := a1, a2 (receiver first, as the call's arguments).
  for (int i = 0; i < callee.params_size() && i < c.args_size(); i++) {
    const Param& p = callee.params(i);
    if (!p.has_loc() || !c.args(i).has_slot()) continue;
    Edge* e = unit_->add_edges();
    e->set_func(c.func());
    e->set_sink(SINK_LOCATION);
    e->set_dst(at(p.loc()));
    e->set_src(c.args(i).slot());
  }
  // The call's value is ~R0 (or the named result).
  if (c.results_used()) {
    for (int i = 0; i < callee.results_size() && i < c.result_slots_size(); i++) {
      const Result& r = callee.results(i);
      if (!r.has_loc()) continue;
      Edge* e = unit_->add_edges();
      e->set_func(c.func());
      e->set_sink(SINK_LOCATION);
      e->set_dst(c.result_slots(i));
      e->set_src(at(r.loc()));
    }
  }
  spliced_.resize(unit_->calls_size());
  spliced_[ci] = true;
  stats_->spliced++;
  if (c.kind() == CALL_CLOSURE && v == unit_ && callee.closure_called()) {
    // A literal called in place and inlined is gone from gc's tree: its own copy is
    // never compiled (deadcode), and its allocation never made.
    // So are the literals inside it (copied above).
    for (int f = k; f < nfuncs; f++) {
      if (fmap[f] >= 0) unit_->mutable_funcs(f)->set_dead(true);
    }
    for (int i = 0; i < static_cast<int>(remap.size()); i++) {
      Location& l = *unit_->mutable_locations(i);
      bool literal = l.kind() == LOC_ALLOC && l.alloc() == ALLOC_CLOSURE &&
                     static_cast<int>(l.func()) == callee.outer() &&
                     l.pos().line() == callee.pos().line() && l.pos().col() == callee.pos().col();
      if (literal || (in_body(l.func()) && l.kind() == LOC_ALLOC)) l.set_silent(true);
      if (literal) dead_literals_.push_back(i);
    }
  }

  // Transitive inlining (mkinlcall's pass over the inlined copy): direct callees only.
  stack->push_back(c.callee());
  const int last_call = unit_->calls_size();
  for (int j = first_call; j < last_call; j++) {
    const Call& n = unit_->calls(j);
    if (n.kind() == CALL_CLOSURE && !n.is_go() && !n.is_defer()) {
      // A copied literal called in place in the body: inlined in turn when the literal
      // is (gc's inlnode over the inlined copy).
      for (const auto& [from, to] : renamed) {
        if (n.callee() != to) continue;
        InlineBody lit = options_.body(from);
        if (lit.facts != nullptr && lit.facts->inlinable() && lit.facts->cost() <= max_cost) {
          Splice(j, InlineBody{nullptr, lit.facts}, outer, cur, max_cost, stack);
        }
      }
      continue;
    }
    if (n.kind() != CALL_STATIC || n.is_go() || n.is_defer() || n.method_value() ||
        n.callee().empty()) {
      continue;
    }
    if (n.callee() == cur || IsInlineIntrinsic(n.callee())) continue;
    if (std::find(stack->begin(), stack->end(), n.callee()) != stack->end()) continue;
    InlineBody next = options_.body(n.callee());
    if (next.facts == nullptr || !next.facts->inlinable() || next.facts->cost() > max_cost) {
      continue;
    }
    if (next.unit == nullptr) {
      stats_->kept++;
      continue;
    }
    Splice(j, next, outer, cur, max_cost, stack);
  }
  stack->pop_back();
}

std::string Splicer::Qualify(const std::string& text) const {
  return ResolveForeignQualifiers(text, [this](std::string_view path, std::string_view name) {
    return options_.qualify ? options_.qualify(path, name) : std::string(name);
  });
}

// Drops the spliced calls, and what the literals inlined in place did: gc never walks them
// (their copies carry the flows now).
void Splicer::RemoveSplicedCalls() {
  auto dead = [this](uint32_t f) {
    return f < static_cast<uint32_t>(unit_->funcs_size()) && unit_->funcs(f).dead();
  };
  spliced_.resize(unit_->calls_size());
  auto* calls = unit_->mutable_calls();
  int out = 0;
  for (int i = 0; i < calls->size(); i++) {
    if (spliced_[i] || dead(calls->Get(i).func())) continue;
    if (out != i) calls->SwapElements(out, i);
    out++;
  }
  while (calls->size() > out) calls->RemoveLast();
  if (dead_literals_.empty()) return;
  auto* edges = unit_->mutable_edges();
  out = 0;
  for (int i = 0; i < edges->size(); i++) {
    if (dead(edges->Get(i).func())) continue;
    if (out != i) edges->SwapElements(out, i);
    out++;
  }
  while (edges->size() > out) edges->RemoveLast();
  auto* caps = unit_->mutable_captures();
  out = 0;
  for (int i = 0; i < caps->size(); i++) {
    const Capture& c = caps->Get(i);
    bool gone = dead(unit_->locations(c.closure()).func()) ||
                std::find(dead_literals_.begin(), dead_literals_.end(),
                          static_cast<int>(c.closure())) != dead_literals_.end();
    if (gone) continue;
    if (out != i) caps->SwapElements(out, i);
    out++;
  }
  while (caps->size() > out) caps->RemoveLast();
}

// The unit's invariant (ir::Validate): declared names before expression locations. The
// spliced names were appended after them; move them up, renumbering every reference.
void DeclaredNamesFirst(FuncUnit* unit) {
  const int n = unit->locations_size();
  std::vector<uint32_t> remap(n);
  std::vector<int> order;
  order.reserve(n);
  for (int pass = 0; pass < 2; pass++) {
    for (int i = 0; i < n; i++) {
      if (IsInitLoc(unit->locations(i)) == (pass == 0)) order.push_back(i);
    }
  }
  bool moved = false;
  for (int i = 0; i < n; i++) {
    remap[order[i]] = static_cast<uint32_t>(i);
    moved = moved || order[i] != i;
  }
  if (!moved) return;
  // Reorder the element pointers in place (ExtractSubrange would copy every element of a
  // unit on an arena).
  Location** data = unit->mutable_locations()->mutable_data();
  std::vector<Location*> ptrs(data, data + n);
  for (int i = 0; i < n; i++) data[i] = ptrs[order[i]];
  for (Edge& e : *unit->mutable_edges()) {
    if (e.sink() == SINK_LOCATION) e.set_dst(remap[e.dst()]);
    e.set_src(remap[e.src()]);
  }
  for (Call& c : *unit->mutable_calls()) {
    for (Arg& a : *c.mutable_args()) {
      if (a.has_slot()) a.set_slot(remap[a.slot()]);
    }
    for (int i = 0; i < c.result_slots_size(); i++) c.set_result_slots(i, remap[c.result_slots(i)]);
  }
  for (Capture& c : *unit->mutable_captures()) {
    c.set_closure(remap[c.closure()]);
    c.set_var(remap[c.var()]);
  }
  for (Func& f : *unit->mutable_funcs()) {
    for (Param& p : *f.mutable_params()) {
      if (p.has_loc()) p.set_loc(remap[p.loc()]);
    }
    for (Result& r : *f.mutable_results()) {
      if (r.has_loc()) r.set_loc(remap[r.loc()]);
    }
  }
}

}  // namespace

void SpliceInlinedCalls(FuncUnit* unit, const std::vector<const InlineSite*>& sites,
                        const SpliceOptions& options, SpliceStats* stats) {
  if (sites.empty()) return;
  Splicer s(unit, options, stats);
  // The literals copied where each top-level call was spliced, by the call's position.
  std::map<std::pair<int, int>, std::vector<std::pair<std::string, std::string>>> copies_at;
  // The sites within the unit's lines, by position (a file's sites span all its units).
  uint32_t first = UINT32_MAX, last = 0;
  for (const Func& f : unit->funcs()) first = std::min(first, f.pos().line());
  for (const Call& c : unit->calls()) last = std::max(last, c.pos().line());
  std::map<std::pair<int, int>, std::vector<const InlineSite*>> by_pos;
  for (const InlineSite* st : sites) {
    if (st->pos.line >= first && st->pos.line <= last) by_pos[{st->pos.line, st->pos.col}].push_back(st);
  }
  if (by_pos.empty()) return;
  const int n = unit->calls_size();
  for (int ci = 0; ci < n; ci++) {
    const Call& c = unit->calls(ci);
    if (c.is_go() || c.is_defer() || c.method_value()) continue;
    auto at = by_pos.find({c.pos().line(), c.pos().col()});
    if (at == by_pos.end()) continue;
    const InlineSite* site = nullptr;
    for (const InlineSite* st : at->second) {
      bool match = st->via             ? c.kind() == CALL_DYNAMIC
                   : st->generic_callee ? c.kind() == CALL_STATIC
                                        : st->callee == c.callee();
      if (match) {
        site = st;
        break;
      }
    }
    if (site == nullptr) continue;
    if (site->via) {
      // A call of the literal an inlined call returned: a call of its copy.
      auto it = copies_at.find({site->via->line, site->via->col});
      std::string copy;
      if (it != copies_at.end()) {
        for (const auto& [from, to] : it->second) {
          if (from == site->callee) copy = to;
        }
      }
      if (copy.empty()) {
        stats->kept++;
        continue;
      }
      Call* m = unit->mutable_calls(ci);
      m->set_kind(CALL_CLOSURE);
      m->set_callee(copy);
      std::vector<std::string> stack;
      s.Splice(ci, InlineBody{nullptr, options.body(site->callee).facts}, m->pos(), site->caller,
               site->max_cost, &stack);
      continue;
    }
    InlineBody body = options.body(c.callee());
    if (c.kind() != CALL_CLOSURE && (c.kind() != CALL_STATIC || body.unit == nullptr)) {
      stats->kept++;
      continue;
    }
    std::vector<std::string> stack;
    const Pos outer = c.pos();
    s.Splice(ci, body, outer, site->caller, site->max_cost, &stack, site->arg_funcs,
             &copies_at[{outer.line(), outer.col()}]);
  }
  s.RemoveSplicedCalls();
  DeclaredNamesFirst(unit);
}

}  // namespace heapmap::ir
