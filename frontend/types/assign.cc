// frontend/types/assign.cc — assignability, convertibility, conversions, assignments and initializations (types2 operand.go, conversions.go, assignments.go, instantiate.go implements).
#include "absl/strings/str_cat.h"
#include "base/utf8.h"
#include "frontend/types/checker_impl.h"

namespace heapmap::types {

namespace {

bool TypeSetIs(TypeParam* tp, const std::function<bool(const Term*)>& f) {
  return tp->Iface()->GetTypeSet()->Is(f);
}

bool IsBytesOrRunes(Type* t) {
  if (auto* s = DynCast<Slice>(Under(t))) {
    auto* b = DynCast<Basic>(Under(s->elem()));
    return b != nullptr && (b->basic_kind() == BasicKind::kUint8 || b->basic_kind() == BasicKind::kInt32);
  }
  return false;
}

bool IsUintptr(Type* t) {
  auto* b = DynCast<Basic>(Under(t));
  return b != nullptr && b->basic_kind() == BasicKind::kUintptr;
}

bool IsUnsafePointer(Type* t) {
  auto* b = DynCast<Basic>(Under(t));
  return b != nullptr && b->basic_kind() == BasicKind::kUnsafePointer;
}

bool IsInterfacePtr(Type* t) {
  auto* p = DynCast<Pointer>(Under(t));
  return p != nullptr && IsInterface(p->elem());
}

}  // namespace

std::string Checker::MissingMethodReason(Type* V, Type* T, const MissingMethodResult& m) {
  (void)T;
  if (m.method == nullptr) return "";
  if (m.wrong_type && m.alt != nullptr) {
    if (m.alt->name() == m.method->name()) {
      if (m.alt->has_ptr_recv() || (m.alt->signature() != nullptr &&
                                    Identical(m.alt->signature(), m.method->signature()))) {
        return Cat("(method ", m.method->name(), " has pointer receiver)");
      }
      return Cat("(wrong type for method ", m.method->name(), ")");
    }
    return Cat("(missing method ", m.method->name(), ")");
  }
  (void)V;
  return Cat("(missing method ", m.method->name(), ")");
}

// Methods of this package are declared lazily (types2's lookup calls objDecl for them):
// make sure every method reachable from t has its signature before method-set checks.
void Checker::EnsureMethods(Type* t, int depth) {
  if (t == nullptr || depth > 8) return;
  t = Deref(t).first;
  auto* n = DynCast<Named>(t);
  if (n != nullptr) {
    Named* orig = n->Origin();
    if (orig->obj() == nullptr || orig->obj()->pkg() != pkg_) return;
    for (int i = 0; i < orig->NumMethods(); ++i) {
      Func* m = orig->Method(i);
      if (m->type() == nullptr) ObjDecl(m, nullptr);
    }
  }
  if (n == nullptr && !Isa<Struct>(t)) return;
  Type* u = n != nullptr ? n->underlying_raw() : t;
  if (n != nullptr && n->IsInstance()) u = Under(n);
  if (auto* s = DynCast<Struct>(u)) {
    for (Var* f : s->fields()) {
      if (f->embedded()) EnsureMethods(f->type(), depth + 1);
    }
  }
}

bool Checker::Implements(Type* V, Type* T, std::string* cause) {
  Type* Vu = Under(V);
  Type* Tu = Under(T);
  if (Vu == Invalid() || Tu == Invalid()) return true;
  if (auto* p = DynCast<Pointer>(Vu); p != nullptr && Under(p->elem()) == Invalid()) return true;
  auto* Ti = DynCast<Interface>(Tu);
  if (Ti == nullptr) {
    if (cause) {
      if (IsInterfacePtr(Tu)) {
        *cause = Cat(TS(V), " does not implement ", TS(T), " (type ", TS(T),
                              " is pointer to interface, not interface)");
      } else {
        *cause = Cat(TS(V), " does not implement ", TS(T), " (", TS(T), " is not an interface)");
      }
    }
    return false;
  }
  const TypeSet* tts = Ti->GetTypeSet();
  if (tts->IsAll()) return true;
  auto* Vi = DynCast<Interface>(Vu);
  if (Vi != nullptr && Vi->GetTypeSet()->IsEmpty()) return true;
  if (tts->IsEmpty()) {
    if (cause) *cause = Cat("cannot implement ", TS(V), " (empty type set)");
    return false;
  }
  EnsureMethods(V);
  MissingMethodResult m = MissingMethod(V, Ti, true);
  if (m.method != nullptr) {
    if (cause) {
      *cause = Cat(TS(V), " does not implement ", TS(T), " ", MissingMethodReason(V, T, m));
    }
    return false;
  }
  bool pending = false;
  if (tts->IsComparable() && !ComparableEx(V, false, nullptr)) {
    // Go 1.20+ also accepts non-strictly comparable types (interfaces) for comparable.
    if (!(AllowVersion(20) && Comparable(V))) pending = true;
  }
  if (pending && cause) *cause = Cat(TS(V), " does not implement comparable");
  if (!tts->HasTerms()) return !pending;
  if (Vi != nullptr) {
    if (!TermListSubsetOf(Vi->GetTypeSet()->terms(), tts->terms())) {
      if (cause) *cause = Cat(TS(V), " does not implement ", TS(T));
      return false;
    }
    return !pending;
  }
  if (!TermListIncludes(tts->terms(), V)) {
    if (cause) *cause = Cat(TS(V), " does not implement ", TS(T));
    return false;
  }
  return !pending;
}

bool Checker::AssignableTo(Operand* x, Type* T, std::string* cause) {
  if (x->mode == Mode::kInvalid || T == Invalid()) return true;
  Type* V = x->type;
  if (Identical(V, T)) return true;
  Type* Vu = Under(V);
  Type* Tu = Under(T);
  auto* Vp = DynCast<TypeParam>(V);
  auto* Tp = DynCast<TypeParam>(T);
  if (IsUntyped(Vu)) {
    if (Tp != nullptr) {
      return TypeSetIs(Tp, [&](const Term* t) {
        if (t == nullptr || t->type == nullptr) return false;
        constant::Value v;
        return ImplicitTypeAndValue(x, t->type, &v, nullptr) != nullptr;
      });
    }
    constant::Value v;
    return ImplicitTypeAndValue(x, T, &v, nullptr) != nullptr;
  }
  if (Identical(Vu, Tu) && (!HasName(V) || !HasName(T)) && Vp == nullptr && Tp == nullptr) {
    return true;
  }
  if ((Isa<Interface>(Tu) && Tp == nullptr) || IsInterfacePtr(Tu)) {
    return Implements(V, T, cause);
  }
  if (auto* Vi = DynCast<Interface>(Vu); Vi != nullptr && Vp == nullptr) {
    if (Implements(T, V, nullptr)) {
      if (cause) *cause = "need type assertion";
      return false;
    }
  }
  if (auto* Vc = DynCast<Chan>(Vu); Vc != nullptr && Vc->dir() == ChanDir::kSendRecv) {
    if (auto* Tc = DynCast<Chan>(Tu); Tc != nullptr && Identical(Vc->elem(), Tc->elem())) {
      return !HasName(V) || !HasName(T);
    }
  }
  if (Vp == nullptr && Tp == nullptr) return false;
  if (!HasName(V) && Tp != nullptr) {
    bool ok = false;
    TypeSetIs(Tp, [&](const Term* t) {
      if (t == nullptr || t->type == nullptr) return false;
      ok = AssignableTo(x, t->type, cause);
      return ok;
    });
    return ok;
  }
  if (Vp != nullptr && !HasName(T)) {
    Operand y = *x;
    bool ok = false;
    TypeSetIs(Vp, [&](const Term* t) {
      if (t == nullptr || t->type == nullptr) return false;
      y.type = t->type;
      ok = AssignableTo(&y, T, cause);
      return ok;
    });
    return ok;
  }
  return false;
}

bool Checker::ConvertibleTo(Operand* x, Type* T, std::string* cause) {
  if (AssignableTo(x, T, cause)) return true;
  Type* V = x->type;
  Type* Vu = Under(V);
  Type* Tu = Under(T);
  auto* Vp = DynCast<TypeParam>(V);
  auto* Tp = DynCast<TypeParam>(T);
  if (IdenticalIgnoreTags(Vu, Tu) && Vp == nullptr && Tp == nullptr) return true;
  if (auto* vp = DynCast<Pointer>(V)) {
    if (auto* tp = DynCast<Pointer>(T)) {
      if (IdenticalIgnoreTags(Under(vp->elem()), Under(tp->elem())) && !IsTypeParam(vp->elem()) &&
          !IsTypeParam(tp->elem())) {
        return true;
      }
    }
  }
  if (IsIntegerOrFloat(Vu) && IsIntegerOrFloat(Tu)) return true;
  if (IsComplex(Vu) && IsComplex(Tu)) return true;
  if ((IsInteger(Vu) || IsBytesOrRunes(Vu)) && IsString(Tu)) return true;
  if (IsString(Vu) && IsBytesOrRunes(Tu)) return true;
  if ((Isa<Pointer>(Vu) || IsUintptr(Vu)) && IsUnsafePointer(Tu)) return true;
  if (IsUnsafePointer(Vu) && (Isa<Pointer>(Tu) || IsUintptr(Tu))) return true;
  if (auto* s = DynCast<Slice>(Vu)) {
    if (auto* p = DynCast<Pointer>(Tu)) {
      if (auto* a = DynCast<Array>(Under(p->elem())); a != nullptr && Identical(s->elem(), a->elem())) {
        return true;
      }
    }
    if (auto* a = DynCast<Array>(Tu); a != nullptr && Identical(s->elem(), a->elem()) && AllowVersion(20)) {
      return true;
    }
  }
  if (Vp == nullptr && Tp == nullptr) return false;
  if (Vp != nullptr && Tp != nullptr) {
    Operand y = *x;
    return TypeSetIs(Vp, [&](const Term* v) {
      if (v == nullptr || v->type == nullptr) return false;
      y.type = v->type;
      return TypeSetIs(Tp, [&](const Term* t) {
        if (t == nullptr || t->type == nullptr) return false;
        return ConvertibleTo(&y, t->type, cause);
      });
    });
  }
  if (Vp != nullptr) {
    Operand y = *x;
    return TypeSetIs(Vp, [&](const Term* v) {
      if (v == nullptr || v->type == nullptr) return false;
      y.type = v->type;
      return ConvertibleTo(&y, T, cause);
    });
  }
  return TypeSetIs(Tp, [&](const Term* t) {
    if (t == nullptr || t->type == nullptr) return false;
    return ConvertibleTo(x, t->type, cause);
  });
}

void Checker::Conversion(Operand* x, Type* T) {
  bool const_arg = x->mode == Mode::kConstant;
  auto const_convertible_to = [&](Type* T, constant::Value* val) {
    auto* t = DynCast<Basic>(Under(T));
    if (t == nullptr) return false;
    if (RepresentableConst(x->val, t->basic_kind(), WordSize(), val)) return true;
    if (IsInteger(x->type) && IsString(t)) {
      uint32_t cp = 0xFFFD;
      auto i = constant::Uint64Val(x->val);
      if (i.exact && i.value <= 0x10FFFF && !(i.value >= 0xD800 && i.value <= 0xDFFF)) {
        cp = static_cast<uint32_t>(i.value);
      }
      if (val != nullptr) {
        std::string s;
        base::AppendUtf8(cp, &s);
        *val = constant::MakeString(s);
      }
      return true;
    }
    return false;
  };
  bool ok = false;
  std::string cause;
  if (const_arg && IsConstType(T)) {
    constant::Value v = x->val;
    ok = const_convertible_to(T, &v);
    if (ok) x->val = v;
  } else if (const_arg && IsTypeParam(T)) {
    ok = UnderIs(T, [&](Type* u) {
      if (u == nullptr) return false;
      if (IsString(x->type) && IsBytesOrRunes(u)) return true;
      return const_convertible_to(u, nullptr);
    });
    x->mode = Mode::kValue;
  } else if (ConvertibleTo(x, T, &cause)) {
    ok = true;
    x->mode = Mode::kValue;
  }
  if (!ok) {
    if (x->type != Invalid() && T != Invalid()) {
      Error(x->expr, Cat("cannot convert ", OS(*x), " to type ", TS(T),
                                  cause.empty() ? "" : ": ", cause));
    }
    x->mode = Mode::kInvalid;
    return;
  }
  if (IsUntyped(x->type)) {
    Type* final_t = T;
    // (x's mode is already value here: test the type, as go/types' isNil does.)
    bool is_nil = x->IsNil() || (AsBasic(x->type) != nullptr &&
                                 AsBasic(x->type)->basic_kind() == BasicKind::kUntypedNil);
    if ((IsInterface(T) && !IsTypeParam(T)) || (const_arg && !IsConstType(T)) || is_nil) {
      final_t = Default(x->type);
    } else if (x->mode == Mode::kConstant && IsInteger(x->type) && AllString(T)) {
      final_t = x->type;
    }
    UpdateExprType(x->expr, final_t, true);
  }
  x->type = T;
}

void Checker::Assignment(Operand* x, Type* T, ConvContext ctx, const char* context) {
  SingleValue(x);
  switch (x->mode) {
    case Mode::kInvalid:
      return;
    case Mode::kConstant:
    case Mode::kVariable:
    case Mode::kMapIndex:
    case Mode::kValue:
    case Mode::kNil:
    case Mode::kCommaOk:
    case Mode::kCommaErr:
      break;
    default:
      Error(x->expr, Cat("cannot assign ", OS(*x), " to ", TS(T), " in ", context));
      x->mode = Mode::kInvalid;
      return;
  }
  if (IsUntyped(x->type)) {
    Type* target = T;
    if (T == nullptr || (IsInterface(T) && !IsTypeParam(T))) {
      if (T == nullptr && x->IsNil()) {
        Error(x->expr, Cat("use of untyped nil in ", context));
        x->mode = Mode::kInvalid;
        return;
      }
      target = Default(x->type);
    }
    constant::Value val;
    std::string err;
    Type* nt = ImplicitTypeAndValue(x, target, &val, &err);
    if (nt == nullptr) {
      std::string msg = Cat("cannot use ", OS(*x), " as ", TS(target), " value in ", context);
      if (err.find("truncated") != std::string::npos) msg += " (truncated)";
      if (err.find("overflows") != std::string::npos) msg += " (overflows)";
      Error(x->expr, msg);
      x->mode = Mode::kInvalid;
      return;
    }
    if (val.kind() != constant::Kind::kUnknown) {
      x->val = val;
      UpdateExprVal(x->expr, val);
    }
    if (nt != x->type) {
      x->type = nt;
      UpdateExprType(x->expr, nt, false);
    }
  }
  if (auto* sig = DynCast<Signature>(Under(x->type)); sig != nullptr && !sig->type_params().empty()) {
    Error(x->expr, Cat("cannot use generic function ", ExprStr(x->expr),
                                " without instantiation in ", context));
  }
  if (T == nullptr) return;
  std::string cause;
  if (!AssignableTo(x, T, &cause)) {
    if (x->type != Invalid() && T != Invalid()) {
      Error(x->expr, Cat("cannot use ", OS(*x), " as ", TS(T), " value in ", context,
                                  cause.empty() ? "" : ": ", cause));
    }
    x->mode = Mode::kInvalid;
    return;
  }
  // Escape analysis needs every implicit conversion of a concrete value to an interface.
  if (IsInterface(T) && !x->IsNil() && x->type != nullptr && !IsInterface(x->type) &&
      x->type != Invalid()) {
    RecordConversion(x->expr, x->type, T, ctx);
  } else if (IsInterface(T) && !x->IsNil() && x->type != nullptr && x->type != Invalid() &&
             !Isa<TypeParam>(x->type) && !Isa<TypeParam>(T) && !Identical(x->type, T)) {
    // Interface to another interface: gc's OCONVIFACE too (no allocation; -m=2 notes it).
    RecordConversion(x->expr, x->type, T, ctx);
  }
}

// ----------------------------------------------------------------------------
// Assignments.

void Checker::InitConst(Const* lhs, Operand* x) {
  if (x->mode == Mode::kInvalid || x->type == Invalid() || lhs->type() == Invalid()) {
    if (lhs->type() == nullptr) lhs->set_type(Invalid());
    return;
  }
  if (x->mode != Mode::kConstant) {
    Error(x->expr, Cat(OS(*x), " is not constant"));
    if (lhs->type() == nullptr) lhs->set_type(Invalid());
    return;
  }
  if (lhs->type() == nullptr) lhs->set_type(x->type);
  Assignment(x, lhs->type(), ConvContext::kOther, "constant declaration");
  if (x->mode == Mode::kInvalid) return;
  lhs->set_val(x->val);
}

void Checker::InitVar(Var* lhs, Operand* x, const char* context) {
  if (x->mode == Mode::kInvalid || x->type == Invalid() || lhs->type() == Invalid()) {
    if (lhs->type() == nullptr) lhs->set_type(Invalid());
    lhs->set_used(true);  // avoid follow-on "declared and not used" errors
    return;
  }
  if (lhs->type() == nullptr) {
    Type* typ = x->type;
    if (IsUntyped(typ)) {
      if (x->IsNil()) {
        Error(x->expr, Cat("use of untyped nil in ", context));
        lhs->set_type(Invalid());
        return;
      }
      typ = Default(typ);
    }
    lhs->set_type(typ);
  }
  ConvContext ctx = std::string_view(context) == "return statement" ? ConvContext::kReturn
                                                                     : ConvContext::kAssign;
  Assignment(x, lhs->type(), ctx, context);
}

void Checker::AssignError(size_t nrhs, size_t nlhs, syn::Node* at, bool return_stmt) {
  std::string vars = nlhs == 1 ? "variable" : "variables";
  std::string vals = nrhs == 1 ? "value" : "values";
  if (return_stmt) {
    Error(at, Cat(nrhs < nlhs ? "not enough" : "too many", " return values\n\thave ",
                           nrhs, " ", vals, "\n\twant ", nlhs));
    return;
  }
  Error(at, Cat("assignment mismatch: ", nlhs, " ", vars, " but ", nrhs, " ", vals));
}

void Checker::InitVars(const std::vector<Var*>& lhs, const std::vector<syn::Expr*>& orig_rhs,
                       syn::Stmt* return_stmt) {
  const char* context = return_stmt != nullptr ? "return statement" : "assignment";
  size_t l = lhs.size(), r = orig_rhs.size();
  bool is_call = r == 1 && syn::Isa<syn::CallExpr>(syn::Unparen(orig_rhs[0]));
  if (l == r && !is_call) {
    for (size_t i = 0; i < l; ++i) {
      Operand x;
      Expr(&x, orig_rhs[i]);
      InitVar(lhs[i], &x, context);
    }
    return;
  }
  if (r != 1) {
    // Evaluate the rhs for their types and side effects.
    bool ok = true;
    for (syn::Expr* e : orig_rhs) {
      Operand x;
      Expr(&x, e);
      if (x.mode == Mode::kInvalid) ok = false;
    }
    if (ok) {
      syn::Node* at = return_stmt != nullptr ? static_cast<syn::Node*>(return_stmt)
                                             : static_cast<syn::Node*>(orig_rhs.empty() ? nullptr : orig_rhs[0]);
      AssignError(r, l, at, return_stmt != nullptr);
    }
    for (Var* v : lhs) {
      if (v->type() == nullptr) v->set_type(Invalid());
      v->set_used(true);
    }
    return;
  }
  std::vector<Operand> rhs;
  bool comma_ok = false;
  MultiExpr(&rhs, orig_rhs[0], l == 2 && return_stmt == nullptr, &comma_ok);
  if (l == rhs.size()) {
    for (size_t i = 0; i < l; ++i) InitVar(lhs[i], &rhs[i], context);
    if (comma_ok && rhs[0].mode != Mode::kInvalid && rhs[1].mode != Mode::kInvalid) {
      RecordCommaOkTypes(orig_rhs[0], rhs[0].type, rhs[1].type);
    }
    return;
  }
  if (!rhs.empty() && rhs[0].mode != Mode::kInvalid) {
    syn::Node* at = return_stmt != nullptr ? static_cast<syn::Node*>(return_stmt)
                                           : static_cast<syn::Node*>(orig_rhs[0]);
    AssignError(rhs.size(), l, at, return_stmt != nullptr);
  }
  for (Var* v : lhs) {
    if (v->type() == nullptr) v->set_type(Invalid());
    v->set_used(true);
  }
}

Type* Checker::LhsVar(syn::Expr* lhs) {
  auto* ident = syn::DynCast<syn::Name>(syn::Unparen(lhs));
  if (ident != nullptr && ident->value == "_") {
    RecordDef(ident, nullptr);
    return nullptr;
  }
  Var* v = nullptr;
  bool v_used = false;
  if (ident != nullptr) {
    if (auto* w = DynCast<Var>(LookupName(ident->value)); w != nullptr && w->pkg() == pkg_) {
      v = w;
      v_used = v->used();
    }
  }
  Operand x;
  Expr(&x, lhs);
  if (v != nullptr) v->set_used(v_used);
  if (x.mode == Mode::kInvalid) return Invalid();
  switch (x.mode) {
    case Mode::kVariable:
    case Mode::kMapIndex:
      break;
    default:
      if (auto* sel = syn::DynCast<syn::SelectorExpr>(syn::Unparen(x.expr))) {
        Operand op;
        Expr(&op, sel->x);
        if (op.mode == Mode::kMapIndex) {
          Error(x.expr, Cat("cannot assign to struct field ", ExprStr(x.expr), " in map"));
          return Invalid();
        }
      }
      Error(x.expr, Cat("cannot assign to ", ExprStr(x.expr), " (neither addressable nor a map index expression)"));
      return Invalid();
  }
  return x.type;
}

Type* Checker::AssignVar(syn::Expr* lhs, syn::Expr* rhs, Operand* x) {
  Type* T = LhsVar(lhs);
  if (T == Invalid()) {
    if (x != nullptr) {
      x->mode = Mode::kInvalid;
    } else if (rhs != nullptr) {
      UseExpr(rhs);
    }
    return nullptr;
  }
  Operand tmp;
  if (x == nullptr) {
    x = &tmp;
    Expr(x, rhs);
  }
  Assignment(x, T, ConvContext::kAssign, T == nullptr ? "assignment to _ identifier" : "assignment");
  return x->type;
}

void Checker::AssignVars(const syn::Span<syn::Expr*>& lhs, const syn::Span<syn::Expr*>& orig_rhs) {
  size_t l = lhs.size(), r = orig_rhs.size();
  bool is_call = r == 1 && syn::Isa<syn::CallExpr>(syn::Unparen(orig_rhs[0]));
  if (l == r && !is_call) {
    for (size_t i = 0; i < l; ++i) AssignVar(lhs[i], orig_rhs[i], nullptr);
    return;
  }
  if (r != 1) {
    bool ok = true;
    for (syn::Expr* e : lhs) {
      if (LhsVar(e) == Invalid()) ok = false;
    }
    for (syn::Expr* e : orig_rhs) {
      Operand x;
      Expr(&x, e);
      if (x.mode == Mode::kInvalid) ok = false;
    }
    if (ok) AssignError(r, l, orig_rhs.empty() ? nullptr : orig_rhs[0], false);
    return;
  }
  std::vector<Operand> rhs;
  bool comma_ok = false;
  MultiExpr(&rhs, orig_rhs[0], l == 2, &comma_ok);
  if (l == rhs.size()) {
    for (size_t i = 0; i < l; ++i) AssignVar(lhs[i], nullptr, &rhs[i]);
    if (comma_ok && rhs[0].mode != Mode::kInvalid && rhs[1].mode != Mode::kInvalid) {
      RecordCommaOkTypes(orig_rhs[0], rhs[0].type, rhs[1].type);
    }
    return;
  }
  if (!rhs.empty() && rhs[0].mode != Mode::kInvalid) AssignError(rhs.size(), l, orig_rhs[0], false);
  UseLHS(lhs);
}

void Checker::ShortVarDecl(syn::Node* pos, const syn::Span<syn::Expr*>& lhs,
                           const syn::Span<syn::Expr*>& rhs) {
  size_t top = delayed_.size();
  Scope* scope = env_.scope;
  absl::flat_hash_set<std::string_view> seen;
  std::vector<Var*> lhs_vars(lhs.size(), nullptr);
  std::vector<Var*> new_vars;
  bool has_err = false;
  for (size_t i = 0; i < lhs.size(); ++i) {
    auto* ident = syn::DynCast<syn::Name>(lhs[i]);
    if (ident == nullptr) {
      UseExpr(lhs[i]);
      Error(lhs[i], Cat("non-name ", ExprStr(lhs[i]), " on left side of :="));
      has_err = true;
      continue;
    }
    std::string_view name = ident->value;
    if (name != "_") {
      if (!seen.insert(name).second) {
        Error(lhs[i], Cat(name, " repeated on left side of :="));
        has_err = true;
        continue;
      }
    }
    if (Object* alt = scope->Lookup(name); alt != nullptr) {
      RecordUse(ident, alt);
      if (auto* obj = DynCast<Var>(alt)) {
        lhs_vars[i] = obj;
      } else {
        Error(lhs[i], Cat("cannot assign to ", ExprStr(lhs[i])));
        has_err = true;
      }
      continue;
    }
    auto* obj = New<Var>(VarKind::kLocal, ident->pos, pkg_, std::string(name), nullptr);
    obj->set_file(env_.file);
    lhs_vars[i] = obj;
    if (name != "_") new_vars.push_back(obj);
    RecordDef(ident, obj);
  }
  for (size_t i = 0; i < lhs_vars.size(); ++i) {
    if (lhs_vars[i] == nullptr) {
      lhs_vars[i] = New<Var>(VarKind::kLocal, lhs[i]->pos, pkg_, "_", nullptr);
    }
  }
  std::vector<syn::Expr*> rv(rhs.begin(), rhs.end());
  InitVars(lhs_vars, rv, nullptr);
  ProcessDelayed(top);
  if (new_vars.empty() && !has_err) {
    SoftError(pos, "no new variables on left side of :=");
    return;
  }
  for (Var* obj : new_vars) Declare(scope, nullptr, obj, pos->pos);
}

}  // namespace heapmap::types
