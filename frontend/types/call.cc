// frontend/types/call.cc — calls, conversions, selectors, function instantiation and the built-in functions (types2 call.go, builtins.go).
#include "absl/strings/str_cat.h"
#include "frontend/types/checker_impl.h"

namespace heapmap::types {

void Checker::Use(const syn::Span<syn::Expr*>& args) {
  for (syn::Expr* e : args) UseExpr(e);
}

void Checker::UseExpr(syn::Expr* e) {
  if (e == nullptr) return;
  if (auto* kv = syn::DynCast<syn::KeyValueExpr>(e)) {
    UseExpr(kv->key);
    UseExpr(kv->value);
    return;
  }
  Operand x;
  RawExpr(&x, e, nullptr, false);
}

void Checker::UseLHS(const syn::Span<syn::Expr*>& args) {
  for (syn::Expr* e : args) {
    if (e == nullptr) continue;
    if (auto* n = syn::DynCast<syn::Name>(syn::Unparen(e)); n != nullptr) {
      if (n->value == "_") continue;
      if (auto* v = DynCast<Var>(LookupName(n->value)); v != nullptr && v->pkg() == pkg_) {
        bool used = v->used();
        UseExpr(e);
        v->set_used(used);
        continue;
      }
    }
    UseExpr(e);
  }
}

namespace {
// go/types' emptyInterface: the parameter of panic and the result of recover. An empty
// interface that is not the universe's `any`, so that it prints as interface{}.
Interface* EmptyInterface() {
  static Interface* const empty = [] {
    auto* i = new Interface(std::vector<Func*>{}, std::vector<Type*>{});
    i->InstallTypeSet(new TypeSet());
    return i;
  }();
  return empty;
}

Signature* MakeSig(Checker* c, Type* res, const std::vector<Type*>& args) {
  std::vector<Var*> params;
  for (Type* t : args) {
    params.push_back(c->New<Var>(VarKind::kParam, syn::Pos{}, nullptr, "", Default(t)));
  }
  std::vector<Var*> results;
  if (res != nullptr) results.push_back(c->New<Var>(VarKind::kResult, syn::Pos{}, nullptr, "", res));
  return c->New<Signature>(nullptr, c->NewTuple(std::move(params)), c->NewTuple(std::move(results)),
                           false);
}
}  // namespace

void Checker::GenericExprList(const syn::Span<syn::Expr*>& elist, std::vector<Operand>* out) {
  if (elist.size() == 1) {
    MultiExpr(out, elist[0], false, nullptr);
    return;
  }
  for (syn::Expr* e : elist) {
    Operand x;
    Expr(&x, e);
    out->push_back(x);
  }
}

Mode Checker::CallExpr(Operand* x, syn::CallExpr* call) {
  syn::IndexExpr* inst = nullptr;
  if (auto* iexpr = syn::DynCast<syn::IndexExpr>(call->fun)) {
    bool is_funcinst = false;
    IndexExpr(x, iexpr, &is_funcinst);
    if (is_funcinst) inst = iexpr;
    x->expr = iexpr;
    // record
    if (x->mode != Mode::kInvalid) {
      if (x->type != nullptr && IsUntyped(x->type)) {
        RememberUntyped(x->expr, false, x->mode, AsBasic(x->type), x->val);
      } else {
        RecordTypeAndValue(x->expr, x->mode, x->type, x->val);
      }
    }
  } else {
    ExprOrType(x, call->fun, true);
  }
  switch (x->mode) {
    case Mode::kInvalid:
      Use(call->args);
      x->expr = call;
      return Mode::kInvalid;
    case Mode::kTypeExpr: {
      if (IsGeneric(x->type)) {
        Error(x->expr, Cat("cannot use generic type ", TS(x->type), " without instantiation"));
        Use(call->args);
        x->mode = Mode::kInvalid;
        x->expr = call;
        return Mode::kInvalid;
      }
      Type* T = x->type;
      x->mode = Mode::kInvalid;
      switch (call->args.size()) {
        case 0:
          Error(call, Cat("missing argument in conversion to ", TS(T)));
          break;
        case 1:
          Expr(x, call->args[0]);
          if (x->mode != Mode::kInvalid) {
            if (call->has_dots) {
              Error(call->args[0], Cat("invalid use of ... in conversion to ", TS(T)));
              x->mode = Mode::kInvalid;
              break;
            }
            if (auto* t = DynCast<Interface>(Under(T)); t != nullptr && !IsTypeParam(T)) {
              if (!t->IsMethodSet()) {
                Error(call, Cat("cannot use interface ", TS(T),
                                         " in conversion (contains specific type constraints or is comparable)"));
                x->mode = Mode::kInvalid;
                break;
              }
            }
            Conversion(x, T);
          }
          break;
        default:
          Use(call->args);
          Error(call->args[call->args.size() - 1], Cat("too many arguments in conversion to ", TS(T)));
      }
      x->expr = call;
      call_kind_ = ExprKind::kConversion;
      return x->mode;
    }
    case Mode::kBuiltin: {
      BuiltinId id = x->id;
      if (!Builtin(x, call, id)) x->mode = Mode::kInvalid;
      x->expr = call;
      if (x->mode != Mode::kInvalid && x->mode != Mode::kConstant) env_.has_call_or_recv = true;
      call_kind_ = GetBuiltinInfo(id).kind;
      return x->mode;
    }
    default:
      break;
  }
  auto* sig = DynCast<Signature>(CoreType(x->type));
  if (sig == nullptr) {
    Error(x->expr, Cat("invalid operation: cannot call non-function ", OS(*x)));
    Use(call->args);
    x->mode = Mode::kInvalid;
    x->expr = call;
    return Mode::kInvalid;
  }
  bool was_generic = !sig->type_params().empty();
  std::vector<syn::Expr*> xlist;
  std::vector<Type*> targs;
  if (inst != nullptr) {
    xlist.assign(inst->indices.begin(), inst->indices.end());
    targs = TypeList(inst->indices);
    if (targs.empty()) {
      Use(call->args);
      x->mode = Mode::kInvalid;
      x->expr = call;
      return Mode::kInvalid;
    }
    if (targs.size() > sig->type_params().size()) {
      Error(xlist[sig->type_params().size()],
            Cat("got ", targs.size(), " type arguments but ", ExprStr(x->expr), " has ",
                         sig->type_params().size(), " type parameters"));
      Use(call->args);
      x->mode = Mode::kInvalid;
      x->expr = call;
      return Mode::kInvalid;
    }
  }
  std::vector<Operand> args;
  GenericExprList(call->args, &args);
  Signature* rsig = sig;
  Arguments(call, sig, targs, args, xlist, &rsig);
  sig = rsig;
  if (was_generic && sig->type_params().empty()) {
    RecordTypeAndValue(call->fun, Mode::kValue, sig, constant::Value());
  }
  switch (TupleLen(sig->results())) {
    case 0:
      x->mode = Mode::kNoValue;
      x->type = nullptr;
      break;
    case 1:
      x->mode = Mode::kValue;
      x->type = sig->results()->At(0)->type();
      break;
    default:
      x->mode = Mode::kValue;
      x->type = sig->results();
  }
  x->expr = call;
  env_.has_call_or_recv = true;
  call_kind_ = ExprKind::kStatement;
  if (x->mode == Mode::kValue && !sig->type_params().empty()) x->mode = Mode::kInvalid;
  return x->mode;
}

void Checker::Arguments(syn::CallExpr* call, Signature* sig, std::vector<Type*> targs,
                        std::vector<Operand>& args, const std::vector<syn::Expr*>& xlist,
                        Signature** rsig) {
  *rsig = sig;
  for (Operand& a : args) {
    if (a.mode == Mode::kTypeExpr || a.mode == Mode::kNoValue) {
      Error(a.expr, Cat(OS(a), " used as value"));
      return;
    }
  }
  size_t nargs = args.size();
  size_t npars = TupleLen(sig->params());
  bool ddd = call->has_dots;
  std::vector<Type*> sig_params;
  for (int i = 0; i < TupleLen(sig->params()); ++i) sig_params.push_back(sig->params()->At(i)->type());
  bool adjusted = false;
  if (sig->variadic()) {
    if (ddd) {
      if (call->args.size() == 1 && nargs > 1) {
        Error(call, Cat("cannot use ... with ", nargs, "-valued ", ExprStr(call->args[0])));
        return;
      }
    } else {
      if (nargs + 1 >= npars && npars > 0) {
        std::vector<Type*> vars(sig_params.begin(), sig_params.end() - 1);
        Type* last = sig_params.back();
        Type* elem = Invalid();
        if (auto* s = DynCast<Slice>(last)) elem = s->elem();
        else if (auto* s2 = DynCast<Slice>(CoreType(last))) elem = s2->elem();
        while (vars.size() < nargs) vars.push_back(elem);
        vars.resize(nargs);
        sig_params = vars;
        adjusted = true;
        npars = nargs;
      } else {
        npars--;
      }
    }
  } else if (ddd) {
    Error(call, Cat("cannot use ... in call to non-variadic ", ExprStr(call->fun)));
    return;
  }
  if (nargs != npars) {
    syn::Node* at = call;
    const char* q = "not enough";
    if (nargs > npars) {
      at = args[npars].expr;
      q = "too many";
    } else if (nargs > 0) {
      at = args[nargs - 1].expr;
    }
    Error(at, Cat(q, " arguments in call to ", ExprStr(call->fun)));
    return;
  }
  if (!sig->type_params().empty()) {
    std::vector<Var*> pvars;
    for (Type* t : sig_params) pvars.push_back(New<Var>(VarKind::kParam, syn::Pos{}, nullptr, "", t));
    Tuple* ptuple = NewTuple(pvars);
    std::vector<Type*> inferred = Infer(call, sig->type_params(), targs, ptuple, &args, true);
    if (inferred.empty()) return;
    Signature* is = InstantiateSignature(call, sig, inferred);
    *rsig = is;
    RecordInstance(call->fun, inferred, is);
    if (adjusted) {
      for (Type*& t : sig_params) t = Subst(t, sig->type_params(), inferred);
    } else {
      sig_params.clear();
      for (int i = 0; i < TupleLen(is->params()); ++i) sig_params.push_back(is->params()->At(i)->type());
    }
  }
  (void)xlist;
  std::string context = Cat("argument to ", ExprStr(call->fun));
  for (size_t i = 0; i < args.size() && i < sig_params.size(); ++i) {
    Assignment(&args[i], sig_params[i], ConvContext::kArgument, context.c_str());
  }
}

Signature* Checker::InstantiateSignature(syn::Expr* at, Signature* typ,
                                         const std::vector<Type*>& targs) {
  Type* t = Subst(typ, typ->type_params(), targs);
  auto* sig = DynCast<Signature>(t);
  if (sig == nullptr) sig = typ;
  if (sig == typ) sig = New<Signature>(*typ);
  sig->set_type_params({});
  std::vector<TypeParam*> tparams = typ->type_params();
  int file = env_.file;
  Later([this, at, tparams, targs, file] {
    env_.file = file;
    VerifyInstance(at, tparams, targs);
  });
  return sig;
}

void Checker::FuncInst(Operand* x, syn::IndexExpr* inst) {
  std::vector<Type*> targs = TypeList(inst->indices);
  if (targs.empty()) {
    x->mode = Mode::kInvalid;
    x->expr = inst;
    return;
  }
  auto* sig = DynCast<Signature>(x->type);
  if (sig == nullptr) {
    x->mode = Mode::kInvalid;
    return;
  }
  size_t got = targs.size(), want = sig->type_params().size();
  if (got > want) {
    Error(inst->indices[want], Cat("got ", got, " type arguments but ", ExprStr(x->expr),
                                            " has ", want, " type parameters"));
    x->mode = Mode::kInvalid;
    x->expr = inst;
    return;
  }
  if (got < want) {
    targs = Infer(inst, sig->type_params(), targs, nullptr, nullptr, true);
    if (targs.empty()) {
      x->mode = Mode::kInvalid;
      x->expr = inst;
      return;
    }
  }
  Signature* is = InstantiateSignature(inst, sig, targs);
  RecordInstance(inst->x, targs, is);
  x->type = is;
  x->mode = Mode::kValue;
  x->expr = inst;
}

void Checker::Selector(Operand* x, syn::SelectorExpr* e, Named* def, bool want_type) {
  (void)want_type;
  std::string_view sel = e->sel->value;
  if (auto* ident = syn::DynCast<syn::Name>(e->x)) {
    if (auto* pname = DynCast<PkgName>(LookupName(ident->value))) {
      RecordUse(ident, pname);
      pname->set_used(true);
      Package* pkg = pname->imported();
      Object* exp = pkg->scope()->Lookup(sel);
      if (exp == nullptr) {
        if (!pkg->fake()) Error(e->sel, Cat("undefined: ", ExprStr(e)));
        x->mode = Mode::kInvalid;
        x->expr = e;
        return;
      }
      if (!exp->Exported()) {
        Error(e->sel, Cat("name ", sel, " not exported by package ", pkg->name()));
      }
      RecordUse(e->sel, exp);
      x->val = constant::Value();
      switch (exp->kind()) {
        case ObjectKind::kConst:
          x->mode = Mode::kConstant;
          x->type = exp->type();
          x->val = static_cast<Const*>(exp)->val();
          break;
        case ObjectKind::kTypeName:
          x->mode = Mode::kTypeExpr;
          x->type = exp->type();
          break;
        case ObjectKind::kVar:
          x->mode = Mode::kVariable;
          x->type = exp->type();
          break;
        case ObjectKind::kFunc:
          x->mode = Mode::kValue;
          x->type = exp->type();
          break;
        case ObjectKind::kBuiltin:
          x->mode = Mode::kBuiltin;
          x->type = exp->type();
          x->id = static_cast<types::Builtin*>(exp)->id();
          break;
        default:
          x->mode = Mode::kInvalid;
          break;
      }
      if (x->type == nullptr) x->mode = Mode::kInvalid;
      x->expr = e;
      return;
    }
  }
  ExprOrType(x, e->x, false);
  switch (x->mode) {
    case Mode::kTypeExpr:
      if (def != nullptr && x->type == def) {
        CycleError({def->obj()});
        x->mode = Mode::kInvalid;
        x->expr = e;
        return;
      }
      break;
    case Mode::kBuiltin:
      Error(e, Cat("cannot select on ", OS(*x)));
      x->mode = Mode::kInvalid;
      x->expr = e;
      return;
    case Mode::kInvalid:
      x->expr = e;
      return;
    default:
      break;
  }
  LookupResult r = LookupFieldOrMethod(x->type, x->mode == Mode::kVariable, pkg_, sel);
  if (r.obj == nullptr) {
    if (Under(x->type) != Invalid()) {
      if (!r.index.empty()) {
        Error(e->sel, Cat("ambiguous selector ", ExprStr(e->x), ".", sel));
      } else if (r.indirect) {
        Error(e->sel, Cat("cannot call pointer method ", sel, " on ", TS(x->type)));
      } else {
        Error(e->sel, Cat(ExprStr(e->x), ".", sel, " undefined (type ", TS(x->type),
                                   " has no field or method ", sel, ")"));
      }
    }
    x->mode = Mode::kInvalid;
    x->expr = e;
    return;
  }
  if (auto* m = DynCast<Func>(r.obj)) {
    ObjDecl(m, nullptr);
    if (m->type() == nullptr) {
      x->mode = Mode::kInvalid;
      x->expr = e;
      return;
    }
  }
  SelectionInfo si;
  si.recv = x->type;
  si.obj = r.obj;
  si.index = r.index;
  si.indirect = r.indirect;
  if (x->mode == Mode::kTypeExpr) {
    auto* m = DynCast<Func>(r.obj);
    if (m == nullptr) {
      Error(e->sel, Cat(ExprStr(e->x), ".", sel, " undefined (type ", TS(x->type),
                                 " has no method ", sel, ")"));
      x->mode = Mode::kInvalid;
      x->expr = e;
      return;
    }
    si.kind = SelKind::kMethodExpr;
    RecordSelection(e, si);
    Signature* sig = m->signature();
    if (sig == nullptr || sig->recv() == nullptr) {
      Error(e, "illegal cycle in method declaration");
      x->mode = Mode::kInvalid;
      x->expr = e;
      return;
    }
    std::vector<Var*> params;
    if (sig->params() != nullptr) params = sig->params()->vars();
    std::string name;
    if (!params.empty() && !params[0]->name().empty()) {
      name = sig->recv()->name();
      if (name.empty()) name = "_";
    }
    params.insert(params.begin(), New<Var>(VarKind::kParam, sig->recv()->pos(), sig->recv()->pkg(), name, x->type));
    auto* nsig = New<Signature>(nullptr, NewTuple(std::move(params)), sig->results(), sig->variadic());
    nsig->set_type_params(sig->type_params());
    x->mode = Mode::kValue;
    x->type = nsig;
  } else if (auto* v = DynCast<Var>(r.obj)) {
    si.kind = SelKind::kFieldVal;
    RecordSelection(e, si);
    x->mode = (x->mode == Mode::kVariable || r.indirect) ? Mode::kVariable : Mode::kValue;
    x->type = v->type();
  } else if (auto* f = DynCast<Func>(r.obj)) {
    si.kind = SelKind::kMethodVal;
    // Which implicit receiver adjustment does the call need? Walk the embedding path to
    // the value whose method is selected.
    Type* t = x->type;
    bool ok = true;
    for (size_t k = 0; k + 1 < r.index.size(); ++k) {
      auto* s = DynCast<Struct>(Under(Deref(t).first));
      if (s == nullptr || r.index[k] >= s->NumFields()) {
        ok = false;
        break;
      }
      t = s->Field(r.index[k])->type();
    }
    Signature* fsig = f->signature();
    if (ok && fsig != nullptr && fsig->recv() != nullptr && !IsInterface(t)) {
      bool recv_ptr = Isa<Pointer>(fsig->recv()->type()) || f->has_ptr_recv();
      bool is_ptr = Isa<Pointer>(t);
      si.implicit_addr = recv_ptr && !is_ptr;
      si.implicit_deref = !recv_ptr && is_ptr;
    }
    RecordSelection(e, si);
    x->mode = Mode::kValue;
    if (fsig != nullptr) {
      auto* nsig = New<Signature>(*fsig);
      nsig->set_recv(nullptr);
      x->type = nsig;
    } else {
      x->mode = Mode::kInvalid;
    }
  }
  x->expr = e;
}

// ----------------------------------------------------------------------------
// Built-ins.

namespace {
// types2 hasVarSize: whether t's size depends on a type parameter, or is infinite through
// a cycle of Named types not yet reported (testdata issue52915; fuzzed recursive structs
// whose sizes would otherwise recurse forever).
bool HasVarSize(Type* t, absl::flat_hash_map<Named*, bool>* seen) {
  if (auto* n = DynCast<Named>(t)) {
    auto [it, fresh] = seen->try_emplace(n, true);
    if (!fresh) return it->second;
    bool v = Under(t) != nullptr && HasVarSize(Under(t), seen);
    (*seen)[n] = v;
    return v;
  }
  if (t == nullptr) return false;
  switch (t->kind()) {
    case TypeKind::kTypeParam:
      return true;
    case TypeKind::kArray:
      return HasVarSize(static_cast<Array*>(t)->elem(), seen);
    case TypeKind::kStruct:
      for (Var* f : static_cast<Struct*>(t)->fields()) {
        if (HasVarSize(f->type(), seen)) return true;
      }
      return false;
    default:
      return false;
  }
}

bool HasVarSize(Type* t) {
  absl::flat_hash_map<Named*, bool> seen;
  return HasVarSize(t, &seen);
}
}  // namespace

bool Checker::Builtin(Operand* x, syn::CallExpr* call, BuiltinId id) {
  const BuiltinInfo& bin = GetBuiltinInfo(id);
  if (call->has_dots && id != BuiltinId::kAppend) {
    Error(call, Cat("invalid operation: invalid use of ... with built-in ", bin.name));
    Use(call->args);
    return false;
  }
  bool saved_call = env_.has_call_or_recv;
  if (id == BuiltinId::kLen || id == BuiltinId::kCap) env_.has_call_or_recv = false;
  std::vector<Operand> args;
  size_t nargs = 0;
  switch (id) {
    case BuiltinId::kMake:
    case BuiltinId::kNew:
    case BuiltinId::kOffsetof:
    case BuiltinId::kTrace:
      nargs = call->args.size();
      break;
    default:
      GenericExprList(call->args, &args);
      nargs = args.size();
      for (Operand& a : args) {
        if (a.mode == Mode::kInvalid) {
          env_.has_call_or_recv = saved_call || env_.has_call_or_recv;
          return false;
        }
      }
      if (nargs > 0) *x = args[0];
  }
  bool call_or_recv_in_args = env_.has_call_or_recv;
  if (id == BuiltinId::kLen || id == BuiltinId::kCap) env_.has_call_or_recv = saved_call;
  {
    const char* msg = nullptr;
    if (nargs < static_cast<size_t>(bin.nargs)) msg = "not enough";
    else if (!bin.variadic && nargs > static_cast<size_t>(bin.nargs)) msg = "too many";
    if (msg != nullptr) {
      Error(call, Cat("invalid operation: ", msg, " arguments for ", ExprStr(call),
                               " (expected ", bin.nargs, ", found ", nargs, ")"));
      return false;
    }
  }
  Type* uintptr_t = types::Typ(BasicKind::kUintptr);
  switch (id) {
    case BuiltinId::kAppend: {
      Type* S = x->type;
      Type* T = nullptr;
      if (auto* s = DynCast<Slice>(CoreType(S))) {
        T = s->elem();
      } else {
        std::string cause = x->IsNil() ? "have untyped nil" : Cat("have ", OS(*x));
        Error(x->expr, Cat("invalid argument: ", ExprStr(x->expr), " (variable of type ", TS(S),
                                    ") is not a slice"));
        return false;
      }
      if (nargs == 2 && call->has_dots) {
        Operand tmp = *x;
        if (AssignableTo(&tmp, New<Slice>(UniverseByte()), nullptr)) {
          Operand& y = args[1];
          if (Type* t = CoreString(y.type); t != nullptr && IsString(t)) {
            auto* sig = MakeSig(this, S, {S, y.type});
            sig->set_variadic(true);
            RecordBuiltinType(call->fun, sig);
            x->mode = Mode::kValue;
            x->type = S;
            break;
          }
        }
      }
      std::vector<Var*> ps = {New<Var>(VarKind::kParam, syn::Pos{}, nullptr, "", S),
                              New<Var>(VarKind::kParam, syn::Pos{}, nullptr, "", New<Slice>(T))};
      std::vector<Var*> rs = {New<Var>(VarKind::kResult, syn::Pos{}, nullptr, "", S)};
      auto* sig = New<Signature>(nullptr, NewTuple(ps), NewTuple(rs), true);
      Signature* rsig = nullptr;
      Arguments(call, sig, {}, args, {}, &rsig);
      x->mode = Mode::kValue;
      x->type = S;
      RecordBuiltinType(call->fun, sig);
      break;
    }
    case BuiltinId::kCap:
    case BuiltinId::kLen: {
      Mode mode = Mode::kInvalid;
      constant::Value val;
      auto array_ptr_deref = [](Type* t) -> Type* {
        if (auto* p = DynCast<Pointer>(t)) {
          if (auto* a = DynCast<Array>(Under(p->elem()))) return a;
        }
        return t;
      };
      Type* t = array_ptr_deref(Under(x->type));
      switch (t->kind()) {
        case TypeKind::kBasic:
          if (IsString(t) && id == BuiltinId::kLen) {
            if (x->mode == Mode::kConstant) {
              mode = Mode::kConstant;
              val = constant::MakeInt64(static_cast<int64_t>(constant::StringVal(x->val).size()));
            } else {
              mode = Mode::kValue;
            }
          }
          break;
        case TypeKind::kArray:
          mode = Mode::kValue;
          if (!call_or_recv_in_args) {
            mode = Mode::kConstant;
            int64_t len = static_cast<Array*>(t)->len();
            val = len < 0 ? constant::MakeUnknown() : constant::MakeInt64(len);
          }
          break;
        case TypeKind::kSlice:
        case TypeKind::kChan:
          mode = Mode::kValue;
          break;
        case TypeKind::kMap:
          if (id == BuiltinId::kLen) mode = Mode::kValue;
          break;
        case TypeKind::kInterface:
          if (!IsTypeParam(x->type)) break;
          if (static_cast<Interface*>(t)->GetTypeSet()->UnderIs([&](Type* u) {
                if (u == nullptr) return false;
                u = array_ptr_deref(u);
                switch (u->kind()) {
                  case TypeKind::kBasic: return IsString(u) && id == BuiltinId::kLen;
                  case TypeKind::kArray:
                  case TypeKind::kSlice:
                  case TypeKind::kChan: return true;
                  case TypeKind::kMap: return id == BuiltinId::kLen;
                  default: return false;
                }
              })) {
            mode = Mode::kValue;
          }
          break;
        default:
          break;
      }
      if (mode == Mode::kInvalid) {
        if (Under(x->type) != Invalid()) {
          Error(x->expr, Cat("invalid argument: ", OS(*x), " for ", bin.name));
        }
        return false;
      }
      if (mode != Mode::kConstant) RecordBuiltinType(call->fun, MakeSig(this, types::Typ(BasicKind::kInt), {x->type}));
      x->mode = mode;
      x->type = types::Typ(BasicKind::kInt);
      x->val = val;
      break;
    }
    case BuiltinId::kClear: {
      if (!UnderIs(x->type, [](Type* u) { return Isa<Map>(u) || Isa<Slice>(u); })) {
        Error(x->expr, Cat("invalid argument: cannot clear ", OS(*x), ": argument must be (or constrained by) map or slice"));
        return false;
      }
      x->mode = Mode::kNoValue;
      RecordBuiltinType(call->fun, MakeSig(this, nullptr, {x->type}));
      break;
    }
    case BuiltinId::kClose: {
      if (!UnderIs(x->type, [&](Type* u) {
            auto* ch = DynCast<Chan>(u);
            return ch != nullptr && ch->dir() != ChanDir::kRecvOnly;
          })) {
        Error(x->expr, Cat("invalid operation: cannot close ", OS(*x)));
        return false;
      }
      x->mode = Mode::kNoValue;
      RecordBuiltinType(call->fun, MakeSig(this, nullptr, {x->type}));
      break;
    }
    case BuiltinId::kComplex: {
      Operand y = args[1];
      int d = (IsUntyped(x->type) ? 1 : 0) | (IsUntyped(y.type) ? 2 : 0);
      switch (d) {
        case 1: ConvertUntyped(x, y.type); break;
        case 2: ConvertUntyped(&y, x->type); break;
        case 3:
          if (x->mode == Mode::kConstant && y.mode == Mode::kConstant) {
            auto to_float = [](Operand* o) {
              if (IsNumeric(o->type) && constant::Sign(constant::Imag(o->val)) == 0) {
                o->type = types::Typ(BasicKind::kUntypedFloat);
              }
            };
            to_float(x);
            to_float(&y);
          } else {
            ConvertUntyped(x, types::Typ(BasicKind::kFloat64));
            ConvertUntyped(&y, types::Typ(BasicKind::kFloat64));
          }
          break;
        default:
          break;
      }
      if (x->mode == Mode::kInvalid || y.mode == Mode::kInvalid) return false;
      if (!Identical(x->type, y.type)) {
        Error(x->expr, Cat("invalid operation: ", ExprStr(call), " (mismatched types ",
                                    TS(x->type), " and ", TS(y.type), ")"));
        return false;
      }
      Type* res = nullptr;
      if (auto* b = DynCast<Basic>(Under(x->type))) {
        switch (b->basic_kind()) {
          case BasicKind::kFloat32: res = types::Typ(BasicKind::kComplex64); break;
          case BasicKind::kFloat64: res = types::Typ(BasicKind::kComplex128); break;
          case BasicKind::kUntypedFloat: res = types::Typ(BasicKind::kUntypedComplex); break;
          default: break;
        }
      }
      if (res == nullptr) {
        Error(x->expr, Cat("invalid argument: arguments have type ", TS(x->type), ", expected floating-point"));
        return false;
      }
      if (x->mode == Mode::kConstant && y.mode == Mode::kConstant) {
        x->val = constant::BinaryOp(constant::ToFloat(x->val), constant::Op::kAdd,
                                    constant::MakeImag(constant::ToFloat(y.val)));
      } else {
        x->mode = Mode::kValue;
      }
      if (x->mode != Mode::kConstant) RecordBuiltinType(call->fun, MakeSig(this, res, {x->type, x->type}));
      x->type = res;
      break;
    }
    case BuiltinId::kCopy: {
      auto* dst = DynCast<Slice>(CoreType(x->type));
      Operand& y = args[1];
      Type* src0 = CoreString(y.type);
      if (src0 != nullptr && IsString(src0)) src0 = New<Slice>(UniverseByte());
      auto* src = DynCast<Slice>(src0);
      if (dst == nullptr || src == nullptr) {
        Error(x->expr, Cat("invalid argument: copy expects slice arguments; found ", OS(*x), " and ", OS(y)));
        return false;
      }
      if (!Identical(dst->elem(), src->elem())) {
        Error(x->expr, Cat("invalid argument: arguments to copy ", OS(*x), " and ", OS(y),
                                    " have different element types ", TS(dst->elem()), " and ", TS(src->elem())));
        return false;
      }
      RecordBuiltinType(call->fun, MakeSig(this, types::Typ(BasicKind::kInt), {x->type, y.type}));
      x->mode = Mode::kValue;
      x->type = types::Typ(BasicKind::kInt);
      break;
    }
    case BuiltinId::kDelete: {
      Type* map_t = x->type;
      Type* key = nullptr;
      if (!UnderIs(map_t, [&](Type* u) {
            auto* m = DynCast<Map>(u);
            if (m == nullptr) return false;
            if (key != nullptr && !Identical(m->key(), key)) return false;
            key = m->key();
            return true;
          }) || key == nullptr) {
        Error(x->expr, Cat("invalid argument: ", OS(*x), " is not a map"));
        return false;
      }
      *x = args[1];
      Assignment(x, key, ConvContext::kOther, "argument to delete");
      if (x->mode == Mode::kInvalid) return false;
      x->mode = Mode::kNoValue;
      RecordBuiltinType(call->fun, MakeSig(this, nullptr, {map_t, key}));
      break;
    }
    case BuiltinId::kImag:
    case BuiltinId::kReal: {
      if (IsUntyped(x->type)) {
        if (x->mode == Mode::kConstant) {
          if (IsNumeric(x->type)) x->type = types::Typ(BasicKind::kUntypedComplex);
        } else {
          ConvertUntyped(x, types::Typ(BasicKind::kComplex128));
          if (x->mode == Mode::kInvalid) return false;
        }
      }
      if (!AllBasic(x->type, kIsComplex)) {
        Error(x->expr, Cat("invalid argument: argument has type ", TS(x->type), ", expected complex type"));
        return false;
      }
      if (x->mode == Mode::kConstant) {
        x->val = id == BuiltinId::kReal ? constant::Real(x->val) : constant::Imag(x->val);
      } else {
        x->mode = Mode::kValue;
      }
      BasicKind res = BasicKind::kFloat64;
      if (auto* b = DynCast<Basic>(Under(x->type))) {
        if (b->basic_kind() == BasicKind::kComplex64) res = BasicKind::kFloat32;
        if (b->basic_kind() == BasicKind::kUntypedComplex) res = BasicKind::kUntypedFloat;
      }
      if (x->mode != Mode::kConstant) RecordBuiltinType(call->fun, MakeSig(this, types::Typ(res), {x->type}));
      x->type = types::Typ(res);
      break;
    }
    case BuiltinId::kMake: {
      syn::Expr* arg0 = call->args[0];
      Type* T = VarType(arg0);
      if (T == Invalid()) return false;
      size_t min = 0;
      Type* ct = CoreType(T);
      if (Isa<Slice>(ct)) {
        min = 2;
      } else if (Isa<Map>(ct) || Isa<Chan>(ct)) {
        min = 1;
      } else {
        Error(arg0, Cat("invalid argument: cannot make ", ExprStr(arg0),
                                 ct == nullptr ? ": no core type" : "; type must be slice, map, or channel"));
        return false;
      }
      if (nargs < min || min + 1 < nargs) {
        Error(call, Cat("invalid operation: ", ExprStr(call), " expects ", min, " or ",
                                 min + 1, " arguments; found ", nargs));
        return false;
      }
      std::vector<Type*> types = {T};
      std::vector<int64_t> sizes;
      for (size_t i = 1; i < call->args.size(); ++i) {
        Operand o;
        int64_t size = Index(call->args[i], -1, &o);
        types.push_back(o.mode == Mode::kInvalid ? Invalid() : o.type);
        if (size >= 0) sizes.push_back(size);
      }
      if (sizes.size() == 2 && sizes[0] > sizes[1]) {
        Error(call->args[1], "invalid argument: length and capacity swapped");
      }
      x->mode = Mode::kValue;
      x->type = T;
      RecordBuiltinType(call->fun, MakeSig(this, T, types));
      break;
    }
    case BuiltinId::kMax:
    case BuiltinId::kMin: {
      constant::Op op = id == BuiltinId::kMax ? constant::Op::kGtr : constant::Op::kLss;
      for (size_t i = 0; i < args.size(); ++i) {
        Operand& a = args[i];
        if (!AllOrdered(a.type)) {
          Error(a.expr, Cat("invalid argument: ", OS(a), " cannot be ordered"));
          return false;
        }
        if (i > 0) {
          MatchTypes(x, &a);
          if (x->mode == Mode::kInvalid) return false;
          if (!Identical(x->type, a.type)) {
            Error(a.expr, Cat("invalid argument: mismatched types ", TS(x->type),
                                       " (previous argument) and ", TS(a.type), " (type of ",
                                       ExprStr(a.expr), ")"));
            return false;
          }
          if (x->mode == Mode::kConstant && a.mode == Mode::kConstant) {
            if (constant::Compare(a.val, op, x->val)) *x = a;
          } else {
            x->mode = Mode::kValue;
          }
        }
      }
      if (x->mode != Mode::kConstant) {
        x->mode = Mode::kValue;
        size_t nconv = info_->conversions.size();
        Assignment(x, UniverseAny(), ConvContext::kOther, "argument to built-in min/max");
        info_->conversions.resize(nconv);
        if (x->mode == Mode::kInvalid) return false;
      }
      for (Operand& a : args) UpdateExprType(a.expr, x->type, true);
      if (x->mode != Mode::kConstant) {
        RecordBuiltinType(call->fun, MakeSig(this, x->type, std::vector<Type*>(nargs, x->type)));
      }
      break;
    }
    case BuiltinId::kNew: {
      Type* T = VarType(call->args[0]);
      if (T == Invalid()) return false;
      x->mode = Mode::kValue;
      x->type = New<Pointer>(T);
      RecordBuiltinType(call->fun, MakeSig(this, x->type, {T}));
      break;
    }
    case BuiltinId::kPanic: {
      Assignment(x, EmptyInterface(), ConvContext::kArgument, "argument to panic");
      if (x->mode == Mode::kInvalid) return false;
      x->mode = Mode::kNoValue;
      RecordBuiltinType(call->fun, MakeSig(this, nullptr, {EmptyInterface()}));
      break;
    }
    case BuiltinId::kPrint:
    case BuiltinId::kPrintln: {
      std::vector<Type*> params;
      std::string ctx = Cat("argument to ", bin.name);
      for (Operand& a : args) {
        Assignment(&a, nullptr, ConvContext::kArgument, ctx.c_str());
        if (a.mode == Mode::kInvalid) return false;
        params.push_back(a.type);
      }
      x->mode = Mode::kNoValue;
      RecordBuiltinType(call->fun, MakeSig(this, nullptr, params));
      break;
    }
    case BuiltinId::kRecover:
      x->mode = Mode::kValue;
      x->type = EmptyInterface();
      RecordBuiltinType(call->fun, MakeSig(this, x->type, {}));
      break;
    case BuiltinId::kAdd: {
      Assignment(x, types::Typ(BasicKind::kUnsafePointer), ConvContext::kArgument, "argument to unsafe.Add");
      if (x->mode == Mode::kInvalid) return false;
      Operand y = args[1];
      if (!IsValidIndex(&y, "length", true)) return false;
      x->mode = Mode::kValue;
      x->type = types::Typ(BasicKind::kUnsafePointer);
      RecordBuiltinType(call->fun, MakeSig(this, x->type, {x->type, y.type}));
      break;
    }
    case BuiltinId::kAlignof:
    case BuiltinId::kSizeof: {
      const char* name = id == BuiltinId::kAlignof ? "argument to unsafe.Alignof" : "argument to unsafe.Sizeof";
      Assignment(x, nullptr, ConvContext::kOther, name);
      if (x->mode == Mode::kInvalid) return false;
      bool var_size = HasVarSize(x->type);
      if (var_size) {
        x->mode = Mode::kValue;
        RecordBuiltinType(call->fun, MakeSig(this, uintptr_t, {x->type}));
      } else {
        int64_t v = id == BuiltinId::kAlignof ? sizes_->Alignof(x->type) : sizes_->Sizeof(x->type);
        x->mode = Mode::kConstant;
        x->val = constant::MakeInt64(v);
      }
      x->type = uintptr_t;
      break;
    }
    case BuiltinId::kOffsetof: {
      auto* selx = syn::DynCast<syn::SelectorExpr>(syn::Unparen(call->args[0]));
      if (selx == nullptr) {
        Error(call->args[0], Cat("invalid argument: ", ExprStr(call->args[0]), " is not a selector expression"));
        UseExpr(call->args[0]);
        return false;
      }
      Expr(x, selx->x);
      if (x->mode == Mode::kInvalid) return false;
      Type* base = DerefStructPtr(x->type);
      std::string_view sel = selx->sel->value;
      LookupResult r = LookupFieldOrMethod(base, false, pkg_, sel);
      if (r.obj == nullptr) {
        Error(selx->sel, Cat("invalid argument: ", ExprStr(selx->x), ".", sel, " undefined"));
        return false;
      }
      if (r.indirect) {
        Error(selx->sel, Cat("invalid argument: field ", sel, " is embedded via a pointer in ", ExprStr(selx->x)));
        return false;
      }
      auto* field = DynCast<Var>(r.obj);
      if (field == nullptr) {
        Error(selx->sel, Cat("invalid argument: ", ExprStr(selx), " is a method value"));
        return false;
      }
      SelectionInfo si;
      si.kind = SelKind::kFieldVal;
      si.recv = base;
      si.obj = field;
      si.index = r.index;
      RecordSelection(selx, si);
      // go/types (issue #47895): variable only if x is (the lookup's indirect is false here).
      Mode sel_mode = x->mode == Mode::kVariable ? Mode::kVariable : Mode::kValue;
      RecordTypeAndValue(selx, sel_mode, field->type(), constant::Value());
      // Variable if any part of base is (types2 1.19), even a field after the selected one.
      bool var_size = HasVarSize(base);
      int64_t offs = 0;
      Type* t = base;
      for (int i : r.index) {
        if (var_size) break;
        auto* s = DynCast<Struct>(Under(t));
        if (s == nullptr || i >= s->NumFields()) break;
        offs += sizes_->Offsetsof(s->fields())[i];
        t = s->Field(i)->type();
      }
      if (var_size) {
        x->mode = Mode::kValue;
        RecordBuiltinType(call->fun, MakeSig(this, uintptr_t, {field->type()}));
      } else {
        x->mode = Mode::kConstant;
        x->val = constant::MakeInt64(offs);
      }
      x->type = uintptr_t;
      break;
    }
    case BuiltinId::kSlice: {
      auto* ptr = DynCast<Pointer>(CoreType(x->type));
      if (ptr == nullptr) {
        Error(x->expr, Cat("invalid argument: ", OS(*x), " is not a pointer"));
        return false;
      }
      Operand y = args[1];
      if (!IsValidIndex(&y, "length", false)) return false;
      x->mode = Mode::kValue;
      x->type = New<Slice>(ptr->elem());
      RecordBuiltinType(call->fun, MakeSig(this, x->type, {ptr, y.type}));
      break;
    }
    case BuiltinId::kSliceData: {
      auto* slice = DynCast<Slice>(CoreType(x->type));
      if (slice == nullptr) {
        Error(x->expr, Cat("invalid argument: ", OS(*x), " is not a slice"));
        return false;
      }
      x->mode = Mode::kValue;
      x->type = New<Pointer>(slice->elem());
      RecordBuiltinType(call->fun, MakeSig(this, x->type, {slice}));
      break;
    }
    case BuiltinId::kString: {
      Assignment(x, New<Pointer>(UniverseByte()), ConvContext::kArgument, "argument to unsafe.String");
      if (x->mode == Mode::kInvalid) return false;
      Operand y = args[1];
      if (!IsValidIndex(&y, "length", false)) return false;
      x->mode = Mode::kValue;
      x->type = types::Typ(BasicKind::kString);
      RecordBuiltinType(call->fun, MakeSig(this, x->type, {New<Pointer>(UniverseByte()), y.type}));
      break;
    }
    case BuiltinId::kStringData: {
      Assignment(x, types::Typ(BasicKind::kString), ConvContext::kArgument, "argument to unsafe.StringData");
      if (x->mode == Mode::kInvalid) return false;
      x->mode = Mode::kValue;
      x->type = New<Pointer>(UniverseByte());
      RecordBuiltinType(call->fun, MakeSig(this, x->type, {types::Typ(BasicKind::kString)}));
      break;
    }
    // Test-only builtins (types2's DefPredeclaredTestFuncs; in scope only after
    // DefPredeclaredTestFuncs()): used by the go/types / types2 testdata.
    case BuiltinId::kAssert: {
      if (x->mode != Mode::kConstant || !IsBoolean(x->type)) {
        Error(x->expr, Cat("invalid argument: ", OS(*x), " is not a boolean constant"));
        return false;
      }
      if (x->val.kind() != constant::Kind::kBool) {
        Error(x->expr, Cat("internal error: value of ", OS(*x), " should be a boolean constant"));
        return false;
      }
      if (!constant::BoolVal(x->val)) Error(call, Cat(ExprStr(call), " failed"));
      break;  // the result is the constant x
    }
    case BuiltinId::kTrace: {
      if (nargs == 0) {
        x->mode = Mode::kNoValue;
        break;
      }
      Operand t;
      Operand* x1 = x;
      for (syn::Expr* arg : call->args) {
        RawExpr(x1, arg, nullptr, false);  // types are permitted: new(trace(T))
        x1 = &t;
      }
      break;
    }
    default:
      Error(call, Cat("unsupported built-in ", bin.name));
      return false;
  }
  return true;
}

}  // namespace heapmap::types
