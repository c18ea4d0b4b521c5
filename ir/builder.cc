// ir/builder.cc — UnitBuilder: hand-built FuncUnits with gc's location order.
#include "ir/builder.h"

#include <algorithm>

#include "ir/ir.h"

namespace heapmap::ir {

UnitBuilder::UnitBuilder(std::string file, UnitList* out) : out_(out != nullptr ? out : &own_) {
  unit_ = google::protobuf::Arena::CreateMessage<FuncUnit>(out_->arena());
  unit_->add_files(std::move(file));
}

void UnitBuilder::SetPos(Pos* p, int line, int col) const {
  p->set_file(0);
  p->set_line(line);
  p->set_col(col);
}

int UnitBuilder::AddFunc(const std::string& name, int line, int col, bool has_body) {
  Func* fn = unit_->add_funcs();
  fn->set_symbol("p." + name);
  fn->set_name(name);
  fn->set_pkg_path("p");
  SetPos(fn->mutable_pos(), line, col);
  fn->set_has_body(has_body);
  fn->set_outer(-1);
  return unit_->funcs_size() - 1;
}

int UnitBuilder::AddClosure(int outer, const std::string& name, int line, int col,
                            bool closure_called) {
  int f = AddFunc(name, line, col);
  func(f).set_is_closure(true);
  func(f).set_outer(outer);
  func(f).set_closure_called(closure_called);
  return f;
}

void UnitBuilder::AddDirective(int f, Directive d) {
  auto* ds = func(f).mutable_directives();
  ds->Add(d);
  std::sort(ds->begin(), ds->end());
}

Location* UnitBuilder::NewLoc() {
  locs_.push_back(google::protobuf::Arena::CreateMessage<Location>(out_->arena()));
  return locs_.back();
}

uint32_t UnitBuilder::AddParam(int f, const std::string& name, int line, int col,
                               ParamSpec spec) {
  Param* p = func(f).add_params();
  p->set_name(spec.named ? name : "");
  p->set_named(spec.named);
  p->set_blank(spec.blank);
  SetPos(p->mutable_pos(), line, col);
  p->set_has_pointers(spec.has_pointers);
  p->set_is_uintptr(spec.is_uintptr);
  p->set_ddd_uintptr(spec.ddd_uintptr);
  p->set_is_receiver(spec.is_receiver);
  if (!func(f).has_body() || !spec.named || spec.blank) return kNoSlot;
  Location& l = *NewLoc();
  const auto id = static_cast<uint32_t>(locs_.size() - 1);
  l.set_kind(LOC_PARAM);
  l.set_func(f);
  l.set_text(name);
  SetPos(l.mutable_pos(), line, col);
  l.set_loop_depth(1);
  l.set_has_type(true);
  l.set_type_size(8);
  l.set_type_align(8);
  l.set_var_size(8);
  p->set_has_loc(true);
  p->set_loc(id);
  refs_.push_back({Ref::kParam, f, func(f).params_size() - 1});
  return id;
}

uint32_t UnitBuilder::AddResult(int f, const std::string& name, int line, int col) {
  Result* r = func(f).add_results();
  r->set_name(name);
  if (!func(f).has_body()) return kNoSlot;
  Location& l = *NewLoc();
  const auto id = static_cast<uint32_t>(locs_.size() - 1);
  l.set_kind(LOC_RESULT);
  l.set_func(f);
  l.set_text(name);
  SetPos(l.mutable_pos(), line, col);
  l.set_loop_depth(1);
  l.set_result_index(func(f).results_size());
  l.set_has_type(true);
  l.set_type_size(8);
  l.set_type_align(8);
  l.set_var_size(8);
  r->set_has_loc(true);
  r->set_loc(id);
  refs_.push_back({Ref::kResult, f, func(f).results_size() - 1});
  return id;
}

uint32_t UnitBuilder::AddLocal(int f, const std::string& name, int line, int col,
                               int loop_depth, int64_t var_size) {
  Location& l = *NewLoc();
  const auto id = static_cast<uint32_t>(locs_.size() - 1);
  l.set_kind(LOC_LOCAL);
  l.set_func(f);
  l.set_text(name);
  SetPos(l.mutable_pos(), line, col);
  l.set_loop_depth(loop_depth);
  l.set_has_type(true);
  l.set_type_size(var_size);
  l.set_type_align(std::min<int64_t>(8, std::max<int64_t>(1, var_size)));
  l.set_var_size(var_size);
  return id;
}

uint32_t UnitBuilder::AddWalkTemp(int f, const std::string& name, int line, int col,
                                  int loop_depth) {
  uint32_t id = AddLocal(f, name, line, col, loop_depth);
  locs_[id]->set_walk_temp(true);
  return id;
}

uint32_t UnitBuilder::AddAlloc(int f, AllocKind kind, const std::string& text, int line,
                               int col, int loop_depth) {
  Location& l = *NewLoc();
  const auto id = static_cast<uint32_t>(locs_.size() - 1);
  l.set_kind(LOC_ALLOC);
  l.set_alloc(kind);
  l.set_func(f);
  l.set_text(text);
  SetPos(l.mutable_pos(), line, col);
  l.set_loop_depth(loop_depth);
  l.set_transient(true);  // gc's spill creates transient locations
  l.set_has_type(true);
  l.set_type_size(8);
  l.set_type_align(8);
  l.set_elem_size(8);
  l.set_elem_align(8);
  l.set_size_is_const(true);
  return id;
}

uint32_t UnitBuilder::AddTemp(int f, LocKind kind, int loop_depth) {
  Location& l = *NewLoc();
  const auto id = static_cast<uint32_t>(locs_.size() - 1);
  l.set_kind(kind);
  l.set_func(f);
  l.set_loop_depth(loop_depth);
  l.set_transient(kind != LOC_TEMP);
  return id;
}

void UnitBuilder::Flow(uint32_t dst, uint32_t src, int derefs, const std::string& why) {
  Edge* e = unit_->add_edges();
  e->set_func(flow_func_);
  e->set_sink(SINK_LOCATION);
  e->set_dst(dst);
  e->set_src(src);
  e->set_derefs(derefs);
  e->set_addrtaken(derefs < 0);
  Note* n = e->add_notes();
  n->set_why(why);
  refs_.push_back({Ref::kEdgeDst, unit_->edges_size() - 1, 0});
  refs_.push_back({Ref::kEdgeSrc, unit_->edges_size() - 1, 0});
}

void UnitBuilder::FlowHeap(uint32_t src, int derefs, const std::string& why) {
  Edge* e = unit_->add_edges();
  e->set_func(flow_func_);
  e->set_sink(SINK_HEAP);
  e->set_src(src);
  e->set_derefs(derefs);
  e->set_addrtaken(derefs < 0);
  e->add_notes()->set_why(why);
  refs_.push_back({Ref::kEdgeSrc, unit_->edges_size() - 1, 0});
}

void UnitBuilder::SetLastFlowNotes(const std::vector<NoteSpec>& notes) {
  if (unit_->edges_size() == 0) return;
  Edge* e = unit_->mutable_edges(unit_->edges_size() - 1);
  e->clear_notes();
  for (const NoteSpec& n : notes) {
    Note* note = e->add_notes();
    note->set_where(n.where);
    note->set_why(n.why);
    SetPos(note->mutable_pos(), n.line, n.col);
  }
}

void UnitBuilder::ReplaceNoteText(size_t first, const std::string& from, const std::string& to) {
  for (int i = static_cast<int>(first); i < unit_->edges_size(); ++i) {
    for (Note& n : *unit_->mutable_edges(i)->mutable_notes()) {
      if (n.where() == from) n.set_where(to);
    }
  }
}

void UnitBuilder::FlowBlank(uint32_t src, int derefs) {
  Edge* e = unit_->add_edges();
  e->set_func(flow_func_);
  e->set_sink(SINK_BLANK);
  e->set_src(src);
  e->set_derefs(derefs);
  e->set_addrtaken(derefs < 0);
  refs_.push_back({Ref::kEdgeSrc, unit_->edges_size() - 1, 0});
}

Call& UnitBuilder::AddCall(int f, CallKind kind, const std::string& callee,
                           std::vector<uint32_t> args, std::vector<uint32_t> results,
                           bool results_used) {
  Call* c = unit_->add_calls();
  c->set_kind(kind);
  c->set_callee(callee);
  c->set_func(f);
  int ci = unit_->calls_size() - 1;
  for (uint32_t a : args) {
    Arg* arg = c->add_args();
    if (a != kNoSlot) {
      arg->set_has_slot(true);
      arg->set_slot(a);
      refs_.push_back({Ref::kArg, ci, c->args_size() - 1});
    }
  }
  c->set_results_used(results_used || !results.empty());
  for (uint32_t r : results) {
    c->add_result_slots(r);
    refs_.push_back({Ref::kResultSlot, ci, c->result_slots_size() - 1});
  }
  return *c;
}

void UnitBuilder::AddCapture(uint32_t closure, uint32_t var) {
  Capture* c = unit_->add_captures();
  c->set_closure(closure);
  c->set_var(var);
  refs_.push_back({Ref::kCapClosure, unit_->captures_size() - 1, 0});
  refs_.push_back({Ref::kCapVar, unit_->captures_size() - 1, 0});
}

void UnitBuilder::SetLastCapturePos(int line, int col) {
  if (unit_->captures_size() == 0) return;
  SetPos(unit_->mutable_captures(unit_->captures_size() - 1)->mutable_pos(), line, col);
}

void UnitBuilder::AddRemark(int line, int col, const std::string& text) {
  Remark* r = unit_->add_remarks();
  SetPos(r->mutable_pos(), line, col);
  r->set_text(text);
}

FuncUnit& UnitBuilder::Finish() && {
  // Declared names first, grouped by function; then expression locations as added.
  std::vector<uint32_t> order;
  for (int f = 0; f < unit_->funcs_size(); ++f) {
    for (uint32_t i = 0; i < locs_.size(); ++i) {
      if (IsInitLoc(*locs_[i]) && locs_[i]->func() == static_cast<uint32_t>(f)) {
        order.push_back(i);
      }
    }
  }
  for (uint32_t i = 0; i < locs_.size(); ++i) {
    if (!IsInitLoc(*locs_[i])) order.push_back(i);
  }
  std::vector<uint32_t> remap(locs_.size());
  FuncUnit& out = *unit_;
  out.mutable_locations()->Reserve(static_cast<int>(order.size()));
  for (uint32_t n = 0; n < order.size(); ++n) {
    remap[order[n]] = n;
    out.mutable_locations()->AddAllocated(locs_[order[n]]);  // same arena: no copy
  }
  locs_.clear();
  for (const Ref& r : refs_) {
    switch (r.kind) {
      case Ref::kParam: {
        Param* p = out.mutable_funcs(r.a)->mutable_params(r.b);
        p->set_loc(remap[p->loc()]);
        break;
      }
      case Ref::kResult: {
        Result* p = out.mutable_funcs(r.a)->mutable_results(r.b);
        p->set_loc(remap[p->loc()]);
        break;
      }
      case Ref::kEdgeDst:
        out.mutable_edges(r.a)->set_dst(remap[out.edges(r.a).dst()]);
        break;
      case Ref::kEdgeSrc:
        out.mutable_edges(r.a)->set_src(remap[out.edges(r.a).src()]);
        break;
      case Ref::kArg: {
        Arg* a = out.mutable_calls(r.a)->mutable_args(r.b);
        a->set_slot(remap[a->slot()]);
        break;
      }
      case Ref::kResultSlot: {
        Call* c = out.mutable_calls(r.a);
        c->set_result_slots(r.b, remap[c->result_slots(r.b)]);
        break;
      }
      case Ref::kCapClosure:
        out.mutable_captures(r.a)->set_closure(remap[out.captures(r.a).closure()]);
        break;
      case Ref::kCapVar:
        out.mutable_captures(r.a)->set_var(remap[out.captures(r.a).var()]);
        break;
    }
  }
  out_->Adopt(unit_);
  return out;
}

FuncUnit UnitBuilder::Build() && {
  FuncUnit out;
  out.CopyFrom(std::move(*this).Finish());
  return out;
}

}  // namespace heapmap::ir
