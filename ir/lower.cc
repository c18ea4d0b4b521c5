// ir/lower.cc — lowering entry point: units per declaration, declared names (gc's fn.Dcl),
// closure naming, type facts, printed texts, and gc's bottom-up batch order.
#include "ir/lower.h"

#include <algorithm>
#include <functional>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/stack.h"
#include "frontend/syntax/ast_walk.h"
#include "frontend/types/predicates.h"
#include "frontend/types/scope.h"
#include "frontend/types/sizes.h"
#include "frontend/types/typestring.h"
#include "ir/lower_internal.h"

namespace heapmap::ir {
namespace lower {

using syntax::DynCast;
namespace ty = ::heapmap::types;

namespace {
const ty::Sizes* GcSizes() { return ty::GcSizesFor("amd64"); }
ty::Basic* AsBasic(ty::Type* t) { return ty::DynCast<ty::Basic>(ty::Under(t)); }
}  // namespace

namespace {
// The //go:notinheap types of the package being lowered (only the runtime declares any,
// and only the runtime can name them). Set by LowerPackage for its duration.
thread_local const absl::flat_hash_set<const ty::Object*>* tls_notinheap = nullptr;
thread_local const std::vector<std::string>* tls_quoted = nullptr;
}  // namespace
thread_local bool* tls_text_varies = nullptr;

QuotedNamesScope::QuotedNamesScope(const std::vector<std::string>* names) : saved_(tls_quoted) {
  tls_quoted = names;
}
QuotedNamesScope::~QuotedNamesScope() { tls_quoted = saved_; }

// types.Type.NotInHeap: a //go:notinheap named type, or an array or struct holding one.
bool NotInHeap(ty::Type* t) {
  if (t == nullptr || tls_notinheap == nullptr || tls_notinheap->empty()) return false;
  if (auto* n = ty::DynCast<ty::Named>(t); n && tls_notinheap->contains(n->obj())) return true;
  ty::Type* u = ty::Under(t);
  if (auto* a = ty::DynCast<ty::Array>(u)) return NotInHeap(a->elem());
  if (auto* st = ty::DynCast<ty::Struct>(u)) {
    for (ty::Var* f : st->fields()) {
      if (NotInHeap(f->type())) return true;
    }
  }
  return false;
}

bool HasPointers(ty::Type* t) {
  if (t == nullptr) return false;
  t = ty::Under(t);
  // A pointer to a notinheap type is not a pointer to the garbage collector (PtrDataSize).
  if (auto* p = ty::DynCast<ty::Pointer>(t); p && NotInHeap(p->elem())) return false;
  switch (t->kind()) {
    case ty::TypeKind::kBasic: {
      auto k = static_cast<ty::Basic*>(t)->basic_kind();
      return k == ty::BasicKind::kString || k == ty::BasicKind::kUnsafePointer ||
             k == ty::BasicKind::kUntypedString || k == ty::BasicKind::kUntypedNil;
    }
    case ty::TypeKind::kArray: {
      auto* a = static_cast<ty::Array*>(t);
      return a->len() > 0 && HasPointers(a->elem());
    }
    case ty::TypeKind::kStruct:
      for (ty::Var* f : static_cast<ty::Struct*>(t)->fields()) {
        if (HasPointers(f->type())) return true;
      }
      return false;
    case ty::TypeKind::kTuple:
      for (ty::Var* f : static_cast<ty::Tuple*>(t)->vars()) {
        if (HasPointers(f->type())) return true;
      }
      return false;
    default:
      return true;
  }
}

// types.IsDirectIface: the value is stored directly in an interface's data word.
bool NotInHeap(ty::Type* t);

bool IsDirectIface(ty::Type* t) {
  t = ty::Under(t);
  switch (t->kind()) {
    case ty::TypeKind::kPointer:
      return !NotInHeap(static_cast<ty::Pointer*>(t)->elem());
    case ty::TypeKind::kChan:
    case ty::TypeKind::kMap:
    case ty::TypeKind::kSignature:
      return true;
    case ty::TypeKind::kBasic:
      return static_cast<ty::Basic*>(t)->basic_kind() == ty::BasicKind::kUnsafePointer;
    case ty::TypeKind::kArray: {
      auto* a = static_cast<ty::Array*>(t);
      return a->len() == 1 && IsDirectIface(a->elem());
    }
    case ty::TypeKind::kStruct: {
      auto* s = static_cast<ty::Struct*>(t);
      return s->NumFields() == 1 && IsDirectIface(s->Field(0)->type());
    }
    default:
      return false;
  }
}

bool IsInterfaceType(ty::Type* t) {
  return t != nullptr && ty::Isa<ty::Interface>(ty::Under(t)) && !ty::Isa<ty::TypeParam>(t);
}
bool IsUnsafePtr(ty::Type* t) {
  ty::Basic* b = t ? AsBasic(t) : nullptr;
  return b && b->basic_kind() == ty::BasicKind::kUnsafePointer;
}
bool IsUintptr(ty::Type* t) {
  ty::Basic* b = t ? AsBasic(t) : nullptr;
  return b && b->basic_kind() == ty::BasicKind::kUintptr;
}
int64_t SizeOf(ty::Type* t) { return t ? GcSizes()->Sizeof(t) : 0; }
int64_t AlignOf(ty::Type* t) { return t ? GcSizes()->Alignof(t) : 1; }

}  // namespace lower

std::string ForeignQualifier(std::string_view path, std::string_view name) {
  std::string out = "\x01";
  out.append(path);
  out += '\x1f';
  out.append(name);
  out += '\x02';
  return out;
}

std::string ResolveForeignQualifiers(
    const std::string& text,
    const std::function<std::string(std::string_view path, std::string_view name)>& qualify) {
  if (text.find('\x01') == std::string::npos) return text;
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find('\x01', i);
    if (open == std::string::npos) break;
    size_t sep = text.find('\x1f', open);
    size_t close = text.find('\x02', open);
    if (sep == std::string::npos || close == std::string::npos || sep > close) break;
    out.append(text, i, open - i);
    std::string q = qualify(std::string_view(text).substr(open + 1, sep - open - 1),
                            std::string_view(text).substr(sep + 1, close - sep - 1));
    out += q;
    i = close + 1;
    if (q.empty() && i < text.size() && text[i] == '.') i++;
  }
  out.append(text, i, std::string::npos);
  return out;
}

namespace lower {

std::string GcPkgQualifier(const ty::Package* p, const ty::Package* local) {
  NoteTextVaries();  // a marker in foreign texts
  if (local == nullptr) return ForeignQualifier(p->path(), p->name());
  if (p == local) return "";
  // types.pkgqual: a package name that several packages gc knows share is spelled with
  // the quoted path ("encoding/asn1".RawValue), never the import alias. LowerPackage sets
  // the names (LowerOptions::quoted_names, else AmbiguousPackageNames).
  if (tls_quoted != nullptr &&
      std::binary_search(tls_quoted->begin(), tls_quoted->end(), p->name())) {
    return absl::StrCat("\"", p->path(), "\"");
  }
  return std::string(p->name());
}

std::string GcTypeString(ty::Type* t, const ty::Package* local) {
  if (t == nullptr) return "<nil>";
  // gc's type format names no parameters: func(string, *tls.Conn) RoundTripper.
  // An instance's name is its type arguments' LinkStrings (typecheck.InstTypeName):
  // Box[example.com/p.T], Pair[string,int].
  std::string s = ty::TypeStringWithoutParamNames(
      t, [local](const ty::Package* p) -> std::string { return GcPkgQualifier(p, local); },
      [](std::string* buf, ty::Named* n) { *buf += TypeArgList(n->type_args()); });
  // gc's types fmt spaces struct and interface bodies: "struct {}", "struct { a int; b
  // string }", "interface { M() }" where types2 writes "struct{a int; b string}".
  std::string out;
  out.reserve(s.size() + 8);
  std::vector<bool> spaced;  // per open brace: a struct/interface body with content
  for (size_t i = 0; i < s.size(); i++) {
    char c = s[i];
    if (c == '{') {
      bool kw = (out.size() >= 6 && out.compare(out.size() - 6, 6, "struct") == 0) ||
                (out.size() >= 9 && out.compare(out.size() - 9, 9, "interface") == 0);
      if (kw) out += ' ';
      out += '{';
      bool content = kw && i + 1 < s.size() && s[i + 1] != '}';
      if (content) out += ' ';
      spaced.push_back(content);
    } else if (c == '}') {
      if (!spaced.empty()) {
        if (spaced.back()) out += ' ';
        spaced.pop_back();
      }
      out += '}';
    } else {
      out += c;
    }
  }
  s = std::move(out);
  return s;
}

Lowerer::Lowerer(PackageCtx* ctx, const syntax::ParsedFile* file, std::string display,
                 UnitList* out)
    : ctx_(ctx), file_(file), b_(std::move(display), out), sym_path_(ctx->pkg->path()) {}

std::string Lowerer::PkgPrefix(const ty::Package* p) const {
  if (p == nullptr) return "";
  NoteTextVaries();  // the package's own names are qualified in foreign texts
  return p != TextPkg() ? GcPkgQualifier(p, TextPkg()) + "." : "";
}

bool Lowerer::StackOk(const syntax::Node* at) const {
  if (base::StackAvailable()) return true;
  if (ctx_->stack_exhausted_at.line == 0 && at != nullptr) {
    ctx_->stack_exhausted_at = at->pos;
    ctx_->stack_exhausted_file = file_->filename;
  }
  return false;
}

std::string Lowerer::Text(const syntax::Node* n) const {
  return std::string(syntax::Text(file_->source, *n));
}

const ty::TypeAndValue* Lowerer::TV(const syntax::Expr* e) const {
  return tv_cache_.Find(e, [this](const syntax::Expr* x) -> const ty::TypeAndValue* {
    auto it = ctx_->info->types.find(x);
    if (it == ctx_->info->types.end()) return nullptr;
    if (!generic_) return &it->second;
    auto [jt, inserted] = shaped_tv_.try_emplace(x);  // node_hash_map: stable values
    if (inserted) {
      jt->second = it->second;
      jt->second.type = Sh(it->second.type);
    }
    return &jt->second;
  });
}

ty::Type* Lowerer::Sh(ty::Type* t) const {
  if (!generic_ || t == nullptr || ctx_->shapes == nullptr) return t;
  return ctx_->shapes->Subst(t, tparams_, shape_args_);
}

std::vector<ty::Type*> Lowerer::ShapesOf(const std::vector<ty::Type*>& targs,
                                         const std::vector<ty::TypeParam*>& tparams) const {
  std::vector<ty::Type*> out;
  for (size_t i = 0; i < targs.size() && i < tparams.size(); i++) {
    out.push_back(ctx_->shapes->Shapify(Sh(targs[i]), static_cast<int>(i), tparams[i]));
  }
  return out;
}

std::string Lowerer::GenericFuncInstance(const syntax::Name* n, const ty::Func* f) {
  if (f == nullptr || ctx_->shapes == nullptr || !ctx_->instantiate || n == nullptr) return "";
  if (f->signature() == nullptr || f->signature()->type_params().empty()) return "";
  auto it = ctx_->info->instances.find(n);
  if (it == ctx_->info->instances.end()) return "";
  const auto& tparams = f->signature()->type_params();
  if (it->second.type_args.size() != tparams.size()) return "";
  return ctx_->instantiate(f, ShapesOf(it->second.type_args, tparams));
}

std::string Lowerer::GenericMethodInstance(const ty::Func* f) {
  if (f == nullptr || ctx_->shapes == nullptr || !ctx_->instantiate) return "";
  auto* origin = const_cast<ty::Func*>(f)->Origin();
  if (!IsGenericFunc(origin) || f->signature() == nullptr || f->signature()->recv() == nullptr) {
    return "";
  }
  ty::Type* rt = Sh(f->signature()->recv()->type());
  if (auto* p = ty::DynCast<ty::Pointer>(rt)) rt = p->elem();
  auto* n = ty::DynCast<ty::Named>(rt);
  if (n == nullptr || !n->IsInstance()) return "";
  const auto& tparams = n->type_params();
  if (n->type_args().size() != tparams.size()) return "";
  for (ty::Type* a : n->type_args()) {
    if (HasTypeParam(Sh(a))) return "";
  }
  return ctx_->instantiate(origin, ShapesOf(n->type_args(), tparams));
}
ty::Type* Lowerer::TypeOf(const syntax::Expr* e) const {
  const ty::TypeAndValue* tv = TV(e);
  if (tv == nullptr) return nullptr;
  // A comma-ok expression (v.(T), m[k], <-c) is recorded as the tuple (T, bool), as
  // go/types does; its value has type T.
  if (auto* tup = ty::DynCast<ty::Tuple>(tv->type);
      tup != nullptr && e->kind != syntax::NodeKind::kCallExpr && ty::TupleLen(tup) == 2) {
    return tup->At(0)->type();
  }
  return tv->type;
}
void ForEachComponentType(ty::Type* t, const std::function<void(ty::Type*)>& fn) {
  auto tuple = [&fn](ty::Tuple* tp) {
    if (tp == nullptr) return;
    for (ty::Var* v : tp->vars()) fn(v->type());
  };
  switch (t->kind()) {
    case ty::TypeKind::kPointer:
      fn(static_cast<ty::Pointer*>(t)->elem());
      break;
    case ty::TypeKind::kSlice:
      fn(static_cast<ty::Slice*>(t)->elem());
      break;
    case ty::TypeKind::kArray:
      fn(static_cast<ty::Array*>(t)->elem());
      break;
    case ty::TypeKind::kChan:
      fn(static_cast<ty::Chan*>(t)->elem());
      break;
    case ty::TypeKind::kMap:
      fn(static_cast<ty::Map*>(t)->key());
      fn(static_cast<ty::Map*>(t)->elem());
      break;
    case ty::TypeKind::kStruct:
      for (ty::Var* f : static_cast<ty::Struct*>(t)->fields()) fn(f->type());
      break;
    case ty::TypeKind::kTuple:
      tuple(static_cast<ty::Tuple*>(t));
      break;
    case ty::TypeKind::kSignature:
      tuple(static_cast<ty::Signature*>(t)->params());
      tuple(static_cast<ty::Signature*>(t)->results());
      break;
    case ty::TypeKind::kInterface: {
      auto* it = static_cast<ty::Interface*>(t);
      for (ty::Func* m : it->explicit_methods()) fn(m->type());
      for (ty::Type* e : it->embeddeds()) fn(e);
      break;
    }
    default:
      break;
  }
}

ty::Object* ObjectOf(const ty::Info& info, const syntax::Name* n) {
  auto it = info.uses.find(n);
  if (it != info.uses.end()) return it->second;
  auto jt = info.defs.find(n);
  return jt == info.defs.end() ? nullptr : jt->second;
}

ty::Object* Lowerer::ObjOf(const syntax::Name* n) const { return ObjectOf(*ctx_->info, n); }
VarInfo* Lowerer::VarOf(const syntax::Expr* e) {
  auto* n = DynCast<syntax::Name>(syntax::Unparen(e));
  if (n == nullptr) return nullptr;
  auto* v = ty::DynCast<ty::Var>(ObjOf(n));
  if (v == nullptr) return nullptr;
  auto it = vars_.find(v);
  return it == vars_.end() ? nullptr : &it->second;
}

uint32_t Lowerer::NewAlloc(AllocKind kind, const std::string& text, syntax::Pos pos,
                           ty::Type* t) {
  uint32_t id = b_.AddAlloc(cur_, kind, text, pos.line, pos.col, loop_depth_);
  Location& l = b_.loc(id);
  if (static_data_ && cur_ == 0) l.set_silent(true);
  l.set_has_type(t != nullptr);
  l.set_type_size(SizeOf(t));
  l.set_type_align(AlignOf(t));
  l.set_size_is_const(false);
  if (t != nullptr) {
    if (auto* p = ty::DynCast<ty::Pointer>(ty::Under(t))) {
      l.set_elem_size(SizeOf(p->elem()));
      l.set_elem_align(AlignOf(p->elem()));
    } else if (auto* s = ty::DynCast<ty::Slice>(ty::Under(t))) {
      l.set_elem_size(SizeOf(s->elem()));
      l.set_elem_align(AlignOf(s->elem()));
    }
  }
  return id;
}

uint32_t Lowerer::NewTemp(LocKind kind, bool transient) {
  uint32_t id = b_.AddTemp(cur_, kind, loop_depth_);
  b_.loc(id).set_transient(transient);
  return id;
}

void Lowerer::Flow(Hole k, uint32_t src, const char* why) {
  b_.set_flow_func(cur_);
  switch (k.kind) {
    case Hole::kBlank:
      // gc's flow into blankLoc only records addrtaken.
      if (k.derefs < 0) b_.FlowBlank(src, k.derefs);
      return;
    case Hole::kHeap:
      b_.FlowHeap(src, k.derefs, why);
      break;
    case Hole::kLoc:
      if (k.loc == src && k.derefs == 0) return;
      b_.Flow(k.loc, src, k.derefs, why);
      break;
  }
  if (ctx_->explain) {
    std::vector<UnitBuilder::NoteSpec> notes;
    for (const NoteNode* n = k.notes; n != nullptr; n = n->next) {
      notes.push_back({n->where, n->why, static_cast<int>(n->pos.line), static_cast<int>(n->pos.col)});
    }
    b_.SetLastFlowNotes(notes);
  }
}

Hole Lowerer::Note(Hole k, const syntax::Node* where, const char* why) {
  if (!ctx_->explain || where == nullptr) return k;
  std::string text;
  if (where == go_defer_call_) {
    text = kGoDeferCallText;  // GoDefer prints it once its temporaries are named
  } else if (auto* e = DynCast<syntax::Expr>(where)) {
    text = GcText(e);
  } else {
    text = StmtNoteText(where);
  }
  return NoteText(k, std::move(text), why, where->pos);
}

Hole Lowerer::DeclNote(Hole k, const syntax::ValueSpec* vs, size_t i, const char* why) {
  if (!ctx_->explain) return k;
  return NoteText(k, absl::StrCat(Text(vs->names[i]), " = ", GcText(vs->values[i])), why,
                  vs->names[i]->pos);
}

Hole Lowerer::NoteText(Hole k, std::string where, const char* why, syntax::Pos pos) {
  if (!ctx_->explain) return k;
  notes_.push_back(NoteNode{k.notes, std::move(where), why, pos});
  k.notes = &notes_.back();
  return k;
}

Hole Lowerer::Spill(Hole k, uint32_t loc) {
  Hole ka = k.Addr();
  if (ctx_->explain) {
    const Location& l = b_.loc(loc);
    ka = NoteText(ka, l.text(), "spill", syntax::Pos{l.pos().line(), l.pos().col()});
  }
  Flow(ka, loc, "spill");
  return LocHole(loc);
}

Hole Lowerer::Tee(const std::vector<Hole>& ks) {
  if (ks.empty()) return DiscardHole();
  if (ks.size() == 1) return ks[0];
  uint32_t loc = NewTemp(LOC_TEMP, true);
  for (const Hole& k : ks) Flow(k, loc);
  return LocHole(loc);
}

Hole Lowerer::Later(Hole k) {
  uint32_t loc = NewTemp(LOC_TEMP, false);
  Flow(k, loc);
  return LocHole(loc);
}

uint32_t Lowerer::DeclareVar(int f, const ty::Var* v, const syntax::Name* name, LocKind kind,
                             const syntax::Node* defn, const syntax::Pos* at) {
  auto it = vars_.find(v);
  if (it != vars_.end()) return it->second.loc;
  syntax::Pos p = at ? *at : name ? name->pos : v->pos();
  ty::Type* vt = Sh(v->type());
  uint32_t id = b_.AddLocal(f, v->name(), p.line, p.col, 1, SizeOf(vt));
  MarkNoescape(id, v->name(), p);
  Location& l = b_.loc(id);
  l.set_kind(kind);
  l.set_type_size(SizeOf(vt));
  l.set_type_align(AlignOf(vt));
  l.set_has_type(true);
  VarInfo vi;
  vi.loc = id;
  vi.func = f;
  vi.defn = defn;
  RecordVar(v, vi);
  return id;
}

void Lowerer::NoescapeAssertions(const syntax::FuncDecl* fd) {
  noescape_names_.clear();
  for (const syntax::Directive& d : fd->directives) {
    if (d.Name() != "heapmap:noescape") continue;
    const std::string args(d.Args());
    for (absl::string_view name : absl::StrSplit(args, ' ', absl::SkipEmpty())) {
      noescape_names_.insert(std::string(name));
    }
  }
  // The file's lines, once per file (every function of it is lowered by a Lowerer of
  // its own).
  auto [lines, added] = ctx_->noescape_lines.try_emplace(file_);
  noescape_lines_ = &lines->second;
  if (!added || file_ == nullptr || file_->ast == nullptr) return;
  for (const syntax::Directive& d : file_->ast->directives) {
    if (d.Name() != "heapmap:noescape" || !d.Args().empty()) continue;
    lines->second.insert(d.own_line ? d.pos.line + 1 : d.pos.line);
  }
}

void Lowerer::MarkNoescape(uint32_t loc, std::string_view name, syntax::Pos pos) {
  if ((noescape_lines_ != nullptr && noescape_lines_->contains(pos.line)) ||
      noescape_names_.contains(std::string(name))) {
    b_.loc(loc).set_assert_noescape(true);
  }
}

void Lowerer::DeclareSignature(int f, const syntax::FuncType* ft, const syntax::Field* recv) {
  auto param = [&](const syntax::Field* fld, bool is_recv, bool ddd) {
    ty::Var* v = nullptr;
    if (fld->name) v = ty::DynCast<ty::Var>(ObjOf(fld->name));
    if (v == nullptr) {
      auto it = ctx_->info->implicits.find(fld);
      if (it != ctx_->info->implicits.end()) v = ty::DynCast<ty::Var>(it->second);
    }
    ty::Type* t = v ? Sh(v->type()) : nullptr;
    ParamSpec spec;
    spec.named = fld->name != nullptr;
    spec.blank = fld->name != nullptr && fld->name->value == "_";
    spec.is_receiver = is_recv;
    spec.has_pointers = HasPointers(t);
    spec.is_uintptr = IsUintptr(t);
    if (ddd) {
      auto* s = ty::DynCast<ty::Slice>(ty::Under(t));
      spec.ddd_uintptr = s && IsUintptr(s->elem());
    }
    syntax::Pos p = fld->name ? fld->name->pos : fld->pos;
    std::string nm = fld->name ? std::string(fld->name->value) : "";
    uint32_t id = b_.AddParam(f, nm, p.line, p.col, spec);
    if (id != UnitBuilder::kNoSlot) MarkNoescape(id, nm, p);
    if (id != UnitBuilder::kNoSlot && v != nullptr) {
      Location& l = b_.loc(id);
      l.set_type_size(SizeOf(t));
      l.set_type_align(AlignOf(t));
      l.set_var_size(SizeOf(t));
      VarInfo vi;
      vi.loc = id;
      vi.func = f;
      RecordVar(v, vi);
    }
  };
  if (recv) param(recv, true, false);
  for (size_t i = 0; i < ft->params.size(); i++) {
    const syntax::Field* fld = ft->params[i];
    param(fld, false, i + 1 == ft->params.size() && fld->type &&
                          fld->type->kind == syntax::NodeKind::kDotsType);
  }
  if (results_.size() <= static_cast<size_t>(f)) results_.resize(f + 1);
  for (size_t i = 0; i < ft->results.size(); i++) {
    const syntax::Field* fld = ft->results[i];
    std::string nm;
    if (fld->name == nullptr) {
      nm = absl::StrCat("~r", i);
    } else if (fld->name->value == "_") {
      nm = absl::StrCat("~b", i);
    } else {
      nm = std::string(fld->name->value);
    }
    syntax::Pos p = fld->name ? fld->name->pos : (fld->pos.IsKnown() ? fld->pos : fld->type->pos);
    uint32_t id = b_.AddResult(f, nm, p.line, p.col);
    ty::Var* v = fld->name ? ty::DynCast<ty::Var>(ObjOf(fld->name)) : nullptr;
    if (id != UnitBuilder::kNoSlot) {
      ty::Type* t = v ? Sh(v->type()) : TypeOf(fld->type);
      Location& l = b_.loc(id);
      l.set_type_size(SizeOf(t));
      l.set_type_align(AlignOf(t));
      l.set_var_size(SizeOf(t));
      if (v != nullptr) {
        VarInfo vi;
        vi.loc = id;
        vi.func = f;
        RecordVar(v, vi);
      }
    }
    results_[f].push_back(id);
  }
}

// gc's closureName: outer.funcN for a top-level outer function, outer.N when the outer
// function is itself a closure.
int Lowerer::DeclareClosure(const syntax::FuncLit* lit) {
  int outer = cur_;
  int n = ++closgen_[outer];
  std::string name = b_.func(outer).is_closure() ? absl::StrCat(b_.func(outer).name(), ".", n)
                                                 : absl::StrCat(b_.func(outer).name(), ".func", n);
  // Function literals of package-level initializers: glob..func1, ... across the package.
  if (global_init_ && outer == 0) name = absl::StrCat("glob..func", ++ctx_->glob_closgen);
  int f = b_.AddClosure(outer, name, lit->pos.line, lit->pos.col);
  b_.func(f).set_symbol(absl::StrCat(sym_path_, ".", name, sym_suffix_));
  b_.func(f).set_pkg_path(ctx_->text_pkg->path());
  closgen_.push_back(0);
  if (results_.size() <= static_cast<size_t>(f)) results_.resize(f + 1);
  lit_func_[lit] = f;
  if (sigs_.size() <= static_cast<size_t>(f)) sigs_.resize(f + 1, nullptr);
  sigs_[f] = ty::DynCast<ty::Signature>(TypeOf(lit));
  int saved = cur_;
  cur_ = f;
  DeclareSignature(f, lit->type, nullptr);
  int first = f;
  DeclareBody(f, lit->body);
  cur_ = saved;
  // Captured variables: referenced in the literal (or nested ones), declared outside it,
  // in order of first reference (gc's ClosureVars).
  std::vector<const ty::Var*> caps;
  std::vector<syntax::Pos> cap_pos;
  absl::flat_hash_set<const ty::Var*> seen;
  syntax::Walk(const_cast<syntax::BlockStmt*>(lit->body), [&](syntax::Node* node) {
    if (auto* nm = DynCast<syntax::Name>(node)) {
      auto it = ctx_->info->uses.find(nm);
      if (it == ctx_->info->uses.end()) return true;
      auto* v = ty::DynCast<ty::Var>(it->second);
      if (v == nullptr) return true;
      auto vt = vars_.find(v);
      if (vt == vars_.end() || vt->second.func >= first) return true;
      if (seen.insert(v).second) {
        caps.push_back(v);
        cap_pos.push_back(nm->pos);
      }
    }
    return true;
  });
  lit_captures_[lit] = std::move(caps);
  lit_capture_pos_[lit] = std::move(cap_pos);
  return f;
}

void Lowerer::DeclareBody(int f, syntax::Node* body) {
  if (body == nullptr) return;
  const ty::Info& info = *ctx_->info;
  auto declare_name = [&](const syntax::Expr* e, const syntax::Node* defn) {
    auto* nm = DynCast<syntax::Name>(e);
    if (nm == nullptr || nm->value == "_") return;
    auto it = info.defs.find(nm);
    if (it == info.defs.end()) return;
    auto* v = ty::DynCast<ty::Var>(it->second);
    if (v != nullptr) DeclareVar(f, v, nm, LOC_LOCAL, defn);
  };
  syntax::Walk(body, [&](syntax::Node* n) {
    switch (n->kind) {
      case syntax::NodeKind::kFuncLit:
        DeclareClosure(static_cast<syntax::FuncLit*>(n));
        return false;
      case syntax::NodeKind::kAssignStmt: {
        auto* s = static_cast<syntax::AssignStmt*>(n);
        if (s->define) {
          for (syntax::Expr* l : s->lhs) declare_name(l, s);
        }
        return true;
      }
      case syntax::NodeKind::kValueSpec: {
        auto* s = static_cast<syntax::ValueSpec*>(n);
        for (syntax::Name* l : s->names) declare_name(l, s->values.empty() ? nullptr : s);
        return true;
      }
      case syntax::NodeKind::kRangeStmt: {
        auto* s = static_cast<syntax::RangeStmt*>(n);
        if (s->define) {
          declare_name(s->key, s);
          declare_name(s->value, s);
        }
        return true;
      }
      case syntax::NodeKind::kCaseClause: {
        auto it = info.implicits.find(n);
        if (it != info.implicits.end()) {
          if (auto* v = ty::DynCast<ty::Var>(it->second)) {
            // irgen gives each clause's variable the position of the clause's colon.
            auto* cc = static_cast<syntax::CaseClause*>(n);
            if (v->name() != "_") DeclareVar(f, v, nullptr, LOC_LOCAL, nullptr, &cc->colon);
          }
        }
        return true;
      }
      default:
        return true;
    }
  });
}

FuncUnit& Lowerer::LowerFunc(const syntax::FuncDecl* fd, const ShapeInstance* inst) {
  std::string name(fd->name->value);
  if (inst != nullptr) {
    generic_ = true;
    tparams_ = inst->tparams;
    shape_args_ = inst->shapes;
  }
  if (fd->recv != nullptr) {
    ty::Type* rt = nullptr;
    if (fd->recv->name) {
      if (auto* v = ty::DynCast<ty::Var>(ObjOf(fd->recv->name))) rt = v->type();
    }
    if (rt == nullptr) {
      auto it = ctx_->info->implicits.find(fd->recv);
      if (it != ctx_->info->implicits.end()) rt = it->second->type();
    }
    if (rt == nullptr) rt = TypeOf(fd->recv->type);
    bool ptr = false;
    if (auto* p = ty::DynCast<ty::Pointer>(rt)) {
      ptr = true;
      rt = p->elem();
    }
    std::string tn = "?";
    if (auto* nt = ty::DynCast<ty::Named>(rt)) tn = nt->obj()->name();
    name = ptr ? absl::StrCat("(*", tn, ").", name) : absl::StrCat(tn, ".", name);
  }
  std::string symbol = absl::StrCat(ctx_->pkg->path(), ".", name);
  if (inst != nullptr) {
    name = inst->name;
    symbol = inst->symbol;
    if (ctx_->pkg != ctx_->text_pkg) sym_suffix_ = absl::StrCat("\x01", ctx_->text_pkg->path());
  }
  // An imported generic's position is its name's (export data's).
  syntax::Pos at = inst != nullptr && ctx_->pkg != ctx_->text_pkg ? fd->name->pos : fd->pos;
  int f = b_.AddFunc(name, at.line, at.col, fd->body != nullptr);
  b_.func(f).set_symbol(symbol);
  b_.func(f).set_pkg_path(ctx_->text_pkg->path());
  if (inst != nullptr) b_.func(f).set_shape_origin(inst->origin);
  std::vector<Directive> dirs;
  for (const syntax::Directive& d : fd->directives) {
    std::string_view n = d.Name();
    if (n == "go:noescape") dirs.push_back(DIRECTIVE_NOESCAPE);
    if (n == "go:uintptrescapes") dirs.push_back(DIRECTIVE_UINTPTRESCAPES);
    if (n == "go:uintptrkeepalive") dirs.push_back(DIRECTIVE_UINTPTRKEEPALIVE);
    if (n == "go:noinline") dirs.push_back(DIRECTIVE_NOINLINE);
    if (n == "go:nosplit") dirs.push_back(DIRECTIVE_NOSPLIT);
    if (n == "go:norace") dirs.push_back(DIRECTIVE_NORACE);
    if (n == "go:nocheckptr") dirs.push_back(DIRECTIVE_NOCHECKPTR);
    if (n == "go:linkname") dirs.push_back(DIRECTIVE_LINKNAME);
    if (n == "heapmap:noalloc") dirs.push_back(DIRECTIVE_HEAPMAP_NOALLOC);
  }
  NoescapeAssertions(fd);
  std::sort(dirs.begin(), dirs.end());
  dirs.erase(std::unique(dirs.begin(), dirs.end()), dirs.end());
  for (Directive d : dirs) b_.AddDirective(f, d);
  // Shape instantiations are DUPOK: gc prints no parameter lines for them.
  if (generic_) b_.func(f).set_dupok(true);
  closgen_.assign(1, 0);
  results_.assign(1, {});
  cur_ = f;
  sigs_.assign(1, nullptr);
  if (auto* fo = ty::DynCast<ty::Func>(ObjOf(fd->name))) {
    sigs_[0] = ty::DynCast<ty::Signature>(Sh(fo->signature()));
  }
  DeclareSignature(f, fd->type, fd->recv);
  cur_body_ = fd->body;
  if (fd->body != nullptr) {
    DeclareBody(f, fd->body);
    ComputeStaticReassigned(fd->body);
    NumberTemps(fd->type, fd->recv, fd->body);
    ComputeConvPositions(fd->body);
    FindLabels(fd->body);
    loop_depth_ = 1;
    Block(fd->body->stmts);
  }
  for (auto& [v, vi] : vars_) b_.loc(vi.loc).set_reassigned(vi.reassigned);
  MarkDeadClosures();
  return std::move(b_).Finish();
}

// Function literals the walk never reached are in code deadcode removed: gc neither
// analyzes nor reports them (IsDeadcodeClosure), though they keep their numbers.
void Lowerer::MarkDeadClosures() {
  for (const auto& [lit, f] : lit_func_) {
    if (!lowered_lits_.contains(lit)) b_.func(f).set_dead(true);
  }
}

// staticinit.StaticAssign, approximately: whether gc initializes a package-level variable
// with this value statically (no code in init, hence no -m line for its literals).
bool Lowerer::IsStaticInit(const syntax::Expr* e) {
  if (!StackOk(e)) return false;
  using syntax::NodeKind;
  e = syntax::Unparen(e);
  if (IsConstantExpr(e) || IsNilExpr(e)) return true;
  auto conv = ctx_->conv.find(e);
  switch (e->kind) {
    case NodeKind::kName:
    case NodeKind::kFuncLit:
      return true;
    case NodeKind::kSelectorExpr: {
      auto it = ctx_->info->selections.find(static_cast<const syntax::SelectorExpr*>(e));
      // A qualified global or a method expression; a method value is a closure.
      return it == ctx_->info->selections.end() || it->second.kind == ty::SelKind::kMethodExpr;
    }
    case NodeKind::kCompositeLit: {
      auto* cl = static_cast<const syntax::CompositeLit*>(e);
      ty::Type* t = TypeOf(cl);
      ty::Type* u = t ? ty::Under(t) : nullptr;
      if (auto* p = ty::DynCast<ty::Pointer>(u)) u = ty::Under(p->elem());
      if (u == nullptr || ty::Isa<ty::Map>(u)) return false;
      for (const syntax::Expr* el : cl->elems) {
        if (auto* kv = DynCast<syntax::KeyValueExpr>(el)) el = kv->value;
        if (!IsStaticInit(el)) return false;
      }
      return true;
    }
    case NodeKind::kUnaryExpr: {
      auto* u = static_cast<const syntax::UnaryExpr*>(e);
      if (u->op != syntax::Operator::kAnd) return false;
      const syntax::Expr* x = syntax::Unparen(u->x);
      if (x->kind == NodeKind::kCompositeLit) return IsStaticInit(x);
      return x->kind == NodeKind::kName && VarOf(x) == nullptr;  // &global
    }
    case NodeKind::kCallExpr: {
      auto* c = static_cast<const syntax::CallExpr*>(e);
      if (!IsConversion(c) || c->args.size() != 1) return false;
      ty::Type* to = TypeOf(c);
      ty::Type* from = TypeOf(c->args[0]);
      if (to == nullptr || from == nullptr) return false;
      if (IsInterfaceType(to)) return IsStaticInit(c->args[0]);
      if (IsNilExpr(c->args[0])) return true;  // (*T)(nil) is a typed nil
      // An OCONVNOP (identical underlying types: asn1.ObjectIdentifier([]int{...})) is
      // looked through, as StaticAssign does.
      if (ty::Identical(ty::Under(to), ty::Under(from))) return IsStaticInit(c->args[0]);
      // []byte("literal") is static data; other conversions run code.
      return IsConstantExpr(c->args[0]) && ty::Isa<ty::Slice>(ty::Under(to));
    }
    default:
      (void)conv;
      return false;
  }
}

// One package-level value: static parts as silent data, dynamic parts evaluated into k
// (the variable, i.e. the heap, or the blank).
void Lowerer::GlobalValue(Hole k, const syntax::Expr* e) {
  if (!StackOk(e)) return;
  if (IsStaticInit(e)) {
    static_data_ = true;
    Expr(DiscardHole(), e);
    static_data_ = false;
    return;
  }
  const syntax::Expr* u = syntax::Unparen(e);
  auto* cl = DynCast<syntax::CompositeLit>(u);
  if (auto* ux = DynCast<syntax::UnaryExpr>(u); ux && ux->op == syntax::Operator::kAnd) {
    cl = DynCast<syntax::CompositeLit>(syntax::Unparen(ux->x));
  }
  ty::Type* t = cl ? TypeOf(cl) : nullptr;
  ty::Type* ut = t ? ty::Under(t) : nullptr;
  if (auto* p = ty::DynCast<ty::Pointer>(ut)) ut = ty::Under(p->elem());
  if (cl != nullptr && ut != nullptr && !ty::Isa<ty::Map>(ut) && !ctx_->conv.contains(e)) {
    // A struct, array or slice literal: static, with element assignments in init for
    // the dynamic elements (staticinit's per-element fallback).
    for (const syntax::Expr* el : cl->elems) {
      if (auto* kv = DynCast<syntax::KeyValueExpr>(el)) el = kv->value;
      GlobalValue(k, el);
    }
    return;
  }
  Expr(k, e);
}

FuncUnit& Lowerer::LowerGlobalInit(const syntax::File* ast, const std::string& symbol) {
  global_init_ = true;
  int f = b_.AddFunc("init", ast->pos.line, ast->pos.col, true);
  b_.func(f).set_symbol(symbol);
  b_.func(f).set_pkg_path(ctx_->pkg->path());
  b_.func(f).set_package_init(true);
  closgen_.assign(1, 0);
  results_.assign(1, {});
  cur_ = f;
  cur_body_ = nullptr;
  loop_depth_ = 1;
  // Function literals first, in source order (their names and bodies).
  for (syntax::Decl* d : ast->decls) {
    auto* gd = DynCast<syntax::GenDecl>(d);
    if (gd == nullptr || gd->tok != syntax::Token::kVar) continue;
    for (syntax::Spec* sp : gd->specs) {
      auto* vs = DynCast<syntax::ValueSpec>(sp);
      if (vs == nullptr) continue;
      for (syntax::Expr* v : vs->values) {
        DeclareBody(f, v);
        ComputeConvPositions(v);  // transformCompLit's SetPos, calls' arguments, ...
      }
    }
  }
  for (syntax::Decl* d : ast->decls) {
    auto* gd = DynCast<syntax::GenDecl>(d);
    if (gd == nullptr || gd->tok != syntax::Token::kVar) continue;
    for (syntax::Spec* sp : gd->specs) {
      auto* vs = DynCast<syntax::ValueSpec>(sp);
      if (vs == nullptr || vs->values.empty()) continue;
      cur_stmt_ = vs;
      auto hole_for = [&](size_t i) {
        return i < vs->names.size() && vs->names[i]->value == "_" ? DiscardHole() : HeapHole();
      };
      if (vs->names.size() > 1 && vs->values.size() == 1) {
        // OAS2FUNC, OAS2DOTTYPE, ...: always code in init.
        const syntax::Expr* src = syntax::Unparen(vs->values[0]);
        std::vector<Hole> ks;
        for (size_t i = 0; i < vs->names.size(); i++) ks.push_back(hole_for(i));
        if (auto* call = DynCast<syntax::CallExpr>(src); call && !IsConversion(call)) {
          Call(&ks, call);
        } else {
          Expr(ks[0], src);
        }
        continue;
      }
      for (size_t i = 0; i < vs->values.size(); i++) {
        Hole k = hole_for(i);
        if (i < vs->names.size()) k = DeclNote(k, vs, i, "assign");  // init's x = v
        GlobalValue(k, vs->values[i]);
      }
    }
  }
  cur_stmt_ = nullptr;
  MarkDeadClosures();
  return std::move(b_).Finish();
}

}  // namespace lower

namespace {

// The packages an importer's gc reads in pkg's export data, approximately: pkg, and the
// packages of every named type reachable from its exported objects (types, fields of any
// struct, methods, signatures). iexport writes the declaration of each object it
// references; iimport registers each package of its declaration index and counts its name
// in types.NumImport, which decides the names printed as a quoted path.
// One walk for all of a package's imports: the types they share are visited once.
void ExportReach(const std::vector<types::Package*>& pkgs,
                 absl::flat_hash_set<const types::Package*>* out) {
  absl::flat_hash_set<types::Type*> seen;
  std::vector<types::Type*> work;
  auto push = [&](types::Type* t) {
    if (t != nullptr && seen.insert(t).second) work.push_back(t);
  };
  for (const types::Package* pkg : pkgs) {
    out->insert(pkg);
    for (std::string_view name : pkg->scope()->Names()) {
      types::Object* obj = pkg->scope()->Lookup(name);
      if (obj != nullptr && obj->Exported()) push(obj->type());
    }
  }
  while (!work.empty()) {
    types::Type* t = work.back();
    work.pop_back();
    if (auto* n = types::DynCast<types::Named>(t)) {
      if (n->obj() != nullptr && n->obj()->pkg() != nullptr) out->insert(n->obj()->pkg());
      push(n->Underlying());
      for (int i = 0; i < n->NumMethods(); i++) push(n->Method(i)->type());
      for (types::Type* a : n->type_args()) push(a);
    } else {
      lower::ForEachComponentType(t, push);
    }
  }
}

}  // namespace

PackageNames ExportedPackages(const types::Package& imported) {
  absl::flat_hash_set<const types::Package*> reach;
  ExportReach({const_cast<types::Package*>(&imported)}, &reach);
  PackageNames out;
  for (const types::Package* q : reach) out.emplace_back(q->path(), q->name());
  std::sort(out.begin(), out.end());
  return out;
}

absl::flat_hash_map<std::string, int> KnownPackageNames(
    const types::Package& pkg,
    const std::function<const PackageNames*(std::string_view path)>& body_packages,
    const std::function<const PackageNames*(const types::Package& imported)>& export_names) {
  absl::flat_hash_map<std::string, std::string> names;  // path -> name
  if (export_names) {
    // The union of each import's reach is the reach of them all.
    for (const types::Package* q : pkg.imports()) {
      if (const PackageNames* reached = export_names(*q)) {
        for (const auto& [path, name] : *reached) names[path] = name;
      }
    }
  } else {
    absl::flat_hash_set<const types::Package*> reach;
    ExportReach(pkg.imports(), &reach);
    for (const types::Package* q : reach) names[q->path()] = q->name();
  }
  // Inline bodies: the packages each import's export data names (its body_packages).
  for (const types::Package* q : pkg.imports()) {
    const auto* body = body_packages ? body_packages(q->path()) : nullptr;
    if (body == nullptr) continue;
    for (const auto& [path, name] : *body) names[path] = name;
  }
  names.erase(pkg.path());
  absl::flat_hash_map<std::string, int> count;
  for (const auto& [path, name] : names) count[name]++;
  return count;
}

std::vector<std::string> AmbiguousPackageNames(
    const types::Package& pkg,
    const std::function<const std::vector<std::pair<std::string, std::string>>*(
        std::string_view path)>& body_packages,
    const std::function<const PackageNames*(const types::Package& imported)>& export_names) {
  std::vector<std::string> out;
  for (const auto& [name, count] : KnownPackageNames(pkg, body_packages, export_names)) {
    if (count > 1) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

// A shape instance of another package's generic, lowered with foreign texts (gc reads
// the body from export data): qualifier markers resolved as this package spells them
// (none for its own), and the generic's variables named as gc names another package's
// (lib.v).
void ResolveForeignInstance(FuncUnit* u, const types::Package& home, const types::Package& def,
                            const std::vector<std::string>& quoted) {
  auto qualifier = [&](std::string_view path, std::string_view name) -> std::string {
    if (path == home.path()) return "";
    if (std::binary_search(quoted.begin(), quoted.end(), std::string(name))) {
      return "\"" + std::string(path) + "\"";
    }
    return std::string(name);
  };
  auto resolve = [&](const std::string& text) { return ResolveForeignQualifiers(text, qualifier); };
  std::string qual = qualifier(def.path(), def.name());
  if (!qual.empty()) qual += '.';
  for (Location& l : *u->mutable_locations()) {
    l.set_text(resolve(l.text()));
    bool named_result = l.kind() == LOC_RESULT && l.text().rfind("~", 0) != 0;
    if (l.kind() == LOC_PARAM || l.kind() == LOC_LOCAL || named_result) {
      l.set_text(qual + l.text());
    }
  }
  for (Remark& r : *u->mutable_remarks()) r.set_text(resolve(r.text()));
}

}  // namespace

absl::StatusOr<UnitList> LowerPackage(
    const types::Package& pkg, const std::vector<const syntax::ParsedFile*>& files,
    const types::Info& info, const LowerOptions& options) {
  lower::PackageCtx ctx;
  ctx.pkg = &pkg;
  ctx.info = &info;
  ctx.foreign_texts = options.foreign_texts;
  ctx.explain = options.explain;
  if (!options.inlined_calls.empty()) ctx.inlined_calls = &options.inlined_calls;
  for (const syntax::ParsedFile* f : files) {
    for (syntax::Decl* d : f->ast->decls) {
      auto* fd = syntax::DynCast<syntax::FuncDecl>(d);
      if (fd == nullptr || fd->name == nullptr) continue;
      for (const syntax::Directive& dir : fd->directives) {
        if (dir.Name() != "go:uintptrescapes") continue;
        auto it = info.defs.find(fd->name);
        if (it != info.defs.end() && it->second != nullptr) ctx.uintptrescapes.insert(it->second);
      }
    }
  }
  // //go:notinheap type declarations.
  absl::flat_hash_set<const types::Object*> notinheap;
  for (const syntax::ParsedFile* f : files) {
    for (syntax::Decl* d : f->ast->decls) {
      auto* gd = syntax::DynCast<syntax::GenDecl>(d);
      if (gd == nullptr || gd->tok != syntax::Token::kType) continue;
      for (syntax::Spec* sp : gd->specs) {
        auto* ts = syntax::DynCast<syntax::TypeSpec>(sp);
        if (ts == nullptr || ts->name == nullptr) continue;
        for (const syntax::Directive& dir : sp->directives) {
          if (dir.Name() != "go:notinheap") continue;
          auto it = info.defs.find(ts->name);
          if (it != info.defs.end() && it->second != nullptr) notinheap.insert(it->second);
        }
      }
    }
  }
  struct NotInHeapScope {
    explicit NotInHeapScope(const absl::flat_hash_set<const types::Object*>* s) {
      lower::tls_notinheap = s;
    }
    ~NotInHeapScope() { lower::tls_notinheap = nullptr; }
  } notinheap_scope(&notinheap);
  const std::vector<std::string> quoted =
      options.quoted_names ? *options.quoted_names : AmbiguousPackageNames(pkg, nullptr);
  lower::QuotedNamesScope quoted_scope(&quoted);
  for (const types::InterfaceConversion& c : info.conversions) ctx.conv[c.expr] = &c;
  ctx.text_pkg = &pkg;

  // Stenciling: shape instantiations are queued where the code refers to them and lowered
  // after the package's own functions (gc's stencil pass appends them to the decls).
  lower::ShapeTable shapes;
  ctx.shapes = &shapes;
  struct Pending {
    const types::Func* origin;
    lower::ShapeInstance inst;
  };
  std::vector<Pending> queue;
  absl::flat_hash_set<std::string> queued;
  ctx.instantiate = [&](const types::Func* origin, const std::vector<types::Type*>& args) {
    std::string name = lower::ShapeInstanceName(origin, args);
    std::string symbol = absl::StrCat(origin->pkg() ? origin->pkg()->path() : "", ".", name);
    // Other packages' generics are compiled (DUPOK) by every package that uses them:
    // their symbols here are this package's own.
    if (origin->pkg() != &pkg) absl::StrAppend(&symbol, "\x01", pkg.path());
    if (!options.only && queued.insert(symbol).second) {
      bool method = origin->signature() != nullptr && origin->signature()->recv() != nullptr;
      queue.push_back(Pending{
          origin, lower::ShapeInstance{name, symbol,
                                       method ? lower::MethodSymbol(origin) : lower::FuncSymbol(origin),
                                       lower::InstanceTypeParams(origin), args}});
    }
    return symbol;
  };
  struct Source {
    lower::PackageCtx* ctx;
    const syntax::ParsedFile* file;
    const syntax::FuncDecl* decl;
    std::string display;
  };
  absl::flat_hash_map<const types::Func*, Source> own_generics;

  UnitList units;
  for (size_t i = 0; i < files.size(); i++) {
    std::string display =
        i < options.display_names.size() ? options.display_names[i] : files[i]->filename;
    for (syntax::Decl* d : files[i]->ast->decls) {
      auto* fd = syntax::DynCast<syntax::FuncDecl>(d);
      if (fd == nullptr || fd->name == nullptr || fd->type == nullptr) continue;
      if (fd->name->value == "_") continue;
      {
        auto it = info.defs.find(fd->name);
        auto* f = it != info.defs.end() ? types::DynCast<types::Func>(it->second) : nullptr;
        if (!fd->tparams.empty() || (f != nullptr && lower::IsGenericFunc(f))) {
          if (f != nullptr && fd->body != nullptr) {
            own_generics.emplace(f, Source{&ctx, files[i], fd, display});
          }
          continue;  // compiled per shape instantiation
        }
      }
      if (options.only) {
        auto it = info.defs.find(fd->name);
        auto* f = it != info.defs.end() ? types::DynCast<types::Func>(it->second) : nullptr;
        if (f == nullptr) continue;
        bool method = f->signature() != nullptr && f->signature()->recv() != nullptr;
        if (!options.only(method ? lower::MethodSymbol(f) : lower::FuncSymbol(f))) continue;
      }
      lower::Lowerer l(&ctx, files[i], display, &units);
      bool varies = false;
      lower::tls_text_varies = options.texts_vary != nullptr ? &varies : nullptr;
      FuncUnit& u = l.LowerFunc(fd);
      lower::tls_text_varies = nullptr;
      if (varies && u.funcs_size() > 0) options.texts_vary->insert(u.funcs(0).symbol());
    }
  }
  // The package initializer's code (gc's init), one unit per file that has any
  // package-level variable with a value.
  for (size_t i = 0; i < files.size() && !options.only; i++) {
    bool any = false;
    for (syntax::Decl* d : files[i]->ast->decls) {
      auto* gd = syntax::DynCast<syntax::GenDecl>(d);
      if (gd == nullptr || gd->tok != syntax::Token::kVar) continue;
      for (syntax::Spec* sp : gd->specs) {
        auto* vs = syntax::DynCast<syntax::ValueSpec>(sp);
        any = any || (vs != nullptr && !vs->values.empty());
      }
    }
    if (!any) continue;
    std::string display =
        i < options.display_names.size() ? options.display_names[i] : files[i]->filename;
    lower::Lowerer l(&ctx, files[i], display, &units);
    l.LowerGlobalInit(files[i]->ast, absl::StrCat(pkg.path(), ".init~", i));
  }
  if (!options.only) {
    // instantiateMethods: every method of every fully instantiated generic type the
    // package uses, in a fixed order.
    std::vector<types::Named*> instances = lower::InstantiatedTypes(info);
    for (types::Named* n : instances) {
      const auto& tparams = n->type_params();
      std::vector<types::Type*> args;
      for (size_t i = 0; i < n->type_args().size() && i < tparams.size(); i++) {
        args.push_back(shapes.Shapify(n->type_args()[i], static_cast<int>(i), tparams[i]));
      }
      types::Named* origin = n->Origin();
      for (int m = 0; m < origin->NumMethods(); m++) ctx.instantiate(origin->Method(m), args);
    }
  }
  // Other packages' generics: their syntax and Info, lowered with texts as this package
  // prints them.
  absl::flat_hash_map<const types::Package*, std::unique_ptr<lower::PackageCtx>> foreign_ctx;
  for (size_t qi = 0; qi < queue.size(); qi++) {
    Pending p = queue[qi];  // a copy: lowering may queue more
    Source src{};
    if (auto it = own_generics.find(p.origin); it != own_generics.end()) {
      src = it->second;
    } else if (options.generic_source) {
      const LowerOptions::GenericSource* g = options.generic_source(p.origin);
      if (g == nullptr || g->decl == nullptr || g->decl->body == nullptr) continue;
      std::unique_ptr<lower::PackageCtx>& fc = foreign_ctx[g->pkg];
      if (fc == nullptr) {
        fc = std::make_unique<lower::PackageCtx>();
        fc->pkg = g->pkg;
        fc->text_pkg = &pkg;
        fc->info = g->info;
        fc->shapes = &shapes;
        fc->instantiate = ctx.instantiate;
        fc->foreign_texts = true;
        fc->explain = options.explain;
        for (const types::InterfaceConversion& c : g->info->conversions) fc->conv[c.expr] = &c;
      }
      src = Source{fc.get(), g->file, g->decl, g->display};
    } else {
      continue;
    }
    lower::Lowerer l(src.ctx, src.file, src.display, &units);
    FuncUnit& u = l.LowerFunc(src.decl, &p.inst);
    if (src.ctx != &ctx) ResolveForeignInstance(&u, pkg, *src.ctx->pkg, quoted);
    if (src.ctx->stack_exhausted_at.line != 0 && ctx.stack_exhausted_at.line == 0) {
      ctx.stack_exhausted_at = src.ctx->stack_exhausted_at;
      ctx.stack_exhausted_file = src.ctx->stack_exhausted_file;
    }
  }
  if (options.wrappers && !options.only) {
    std::vector<std::string> display;
    for (size_t i = 0; i < files.size(); i++) {
      display.push_back(i < options.display_names.size() ? options.display_names[i]
                                                         : files[i]->filename);
    }
    lower::LowerMethodWrappers(pkg, files, display, info, &units);
  }
  if (ctx.stack_exhausted_at.line != 0) {
    return absl::ResourceExhaustedError(absl::StrCat(
        ctx.stack_exhausted_file, ":", ctx.stack_exhausted_at.line, ":",
        ctx.stack_exhausted_at.col, ": nested too deeply: heapmap's thread stack is used up here"));
  }
  return units;
}

}  // namespace heapmap::ir
