// frontend/types/expr.cc — expressions: operands, untyped constants, unary/binary/shift/comparison, literals, index/slice, assertions (types2 expr.go, index.go, const.go).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "frontend/syntax/literal.h"
#include "frontend/types/checker_impl.h"

namespace heapmap::types {

constant::Op ConstOp(syn::Operator op) {
  using O = syn::Operator;
  switch (op) {
    case O::kAdd: return constant::Op::kAdd;
    case O::kSub: return constant::Op::kSub;
    case O::kMul: return constant::Op::kMul;
    case O::kDiv: return constant::Op::kQuo;
    case O::kRem: return constant::Op::kRem;
    case O::kAnd: return constant::Op::kAnd;
    case O::kOr: return constant::Op::kOr;
    case O::kXor: return constant::Op::kXor;
    case O::kAndNot: return constant::Op::kAndNot;
    case O::kAndAnd: return constant::Op::kLAnd;
    case O::kOrOr: return constant::Op::kLOr;
    case O::kNot: return constant::Op::kNot;
    case O::kShl: return constant::Op::kShl;
    case O::kShr: return constant::Op::kShr;
    case O::kEql: return constant::Op::kEql;
    case O::kNeq: return constant::Op::kNeq;
    case O::kLss: return constant::Op::kLss;
    case O::kLeq: return constant::Op::kLeq;
    case O::kGtr: return constant::Op::kGtr;
    case O::kGeq: return constant::Op::kGeq;
    default: return constant::Op::kAdd;
  }
}

bool IsComparison(syn::Operator op) {
  using O = syn::Operator;
  return op == O::kEql || op == O::kNeq || op == O::kLss || op == O::kLeq || op == O::kGtr ||
         op == O::kGeq;
}

bool IsShift(syn::Operator op) { return op == syn::Operator::kShl || op == syn::Operator::kShr; }

bool HasNilType(Type* t) { return HasNil(t); }

// ----------------------------------------------------------------------------
// Entry points.

void Checker::RawExpr(Operand* x, syn::Expr* e, Type* hint, bool allow_generic) {
  if (!StackOk(e)) {
    x->mode = Mode::kInvalid;
    x->expr = e;
    x->type = Invalid();
    RecordTypeAndValue(e, Mode::kInvalid, Invalid(), constant::Value());
    return;
  }
  ExprInternal(x, e, hint);
  if (!allow_generic && x->mode != Mode::kInvalid && x->mode != Mode::kNoValue) {
    const char* what = nullptr;
    if (auto* n = DynCast<Named>(x->type); n != nullptr && IsGeneric(n)) what = "type";
    if (auto* s = DynCast<Signature>(x->type); s != nullptr && !s->type_params().empty()) what = "function";
    if (what != nullptr) {
      Error(x->expr, Cat("cannot use generic ", what, " ", ExprStr(x->expr),
                                  " without instantiation"));
      x->mode = Mode::kInvalid;
      x->type = Invalid();
    }
  }
  // record
  Type* typ = x->type;
  constant::Value val;
  switch (x->mode) {
    case Mode::kInvalid: typ = Invalid(); break;
    case Mode::kNoValue: typ = nullptr; break;
    case Mode::kConstant: val = x->val; break;
    default: break;
  }
  if (x->expr == nullptr) return;
  if (typ != nullptr && IsUntyped(typ)) {
    RememberUntyped(x->expr, false, x->mode, AsBasic(typ), val);
  } else {
    RecordTypeAndValue(x->expr, x->mode, typ, val);
  }
}

void Checker::Exclude(Operand* x, uint32_t modeset) {
  if ((modeset & (1u << static_cast<int>(x->mode))) == 0) return;
  std::string msg;
  switch (x->mode) {
    case Mode::kNoValue:
      msg = Cat(ExprStr(x->expr), " (no value) used as value");
      break;
    case Mode::kBuiltin:
      msg = Cat(ExprStr(x->expr), " (built-in) must be called");
      break;
    case Mode::kTypeExpr:
      msg = Cat(ExprStr(x->expr), " (type) is not an expression");
      break;
    default:
      msg = "invalid operand";
  }
  Error(x->expr, msg);
  x->mode = Mode::kInvalid;
}

void Checker::SingleValue(Operand* x) {
  if (x->mode == Mode::kValue) {
    if (auto* t = DynCast<Tuple>(x->type)) {
      Error(x->expr, Cat("multiple-value ", ExprStr(x->expr), " (value of type ", TS(t),
                                  ") in single-value context"));
      x->mode = Mode::kInvalid;
    }
  }
}

namespace {
constexpr uint32_t Bit(Mode m) { return 1u << static_cast<int>(m); }
}  // namespace

void Checker::Expr(Operand* x, syn::Expr* e) {
  RawExpr(x, e, nullptr, false);
  Exclude(x, Bit(Mode::kNoValue) | Bit(Mode::kBuiltin) | Bit(Mode::kTypeExpr));
  SingleValue(x);
}

void Checker::GenericExpr(Operand* x, syn::Expr* e) {
  RawExpr(x, e, nullptr, true);
  Exclude(x, Bit(Mode::kNoValue) | Bit(Mode::kBuiltin) | Bit(Mode::kTypeExpr));
  SingleValue(x);
}

void Checker::MultiExpr(std::vector<Operand>* list, syn::Expr* e, bool allow_comma_ok,
                        bool* comma_ok) {
  Operand x;
  RawExpr(&x, e, nullptr, false);
  Exclude(&x, Bit(Mode::kNoValue) | Bit(Mode::kBuiltin) | Bit(Mode::kTypeExpr));
  if (auto* t = DynCast<Tuple>(x.type); t != nullptr && x.mode != Mode::kInvalid) {
    for (Var* v : t->vars()) {
      Operand o;
      o.mode = Mode::kValue;
      o.expr = e;
      o.type = v->type();
      list->push_back(o);
    }
    return;
  }
  list->push_back(x);
  if (allow_comma_ok && (x.mode == Mode::kMapIndex || x.mode == Mode::kCommaOk ||
                         x.mode == Mode::kCommaErr)) {
    Operand x2;
    x2.mode = Mode::kValue;
    x2.expr = e;
    x2.type = types::Typ(BasicKind::kUntypedBool);
    if (x.mode == Mode::kCommaErr) x2.type = UniverseError();
    list->push_back(x2);
    if (comma_ok) *comma_ok = true;
  }
}

void Checker::ExprWithHint(Operand* x, syn::Expr* e, Type* hint) {
  RawExpr(x, e, hint, false);
  Exclude(x, Bit(Mode::kNoValue) | Bit(Mode::kBuiltin) | Bit(Mode::kTypeExpr));
  SingleValue(x);
}

void Checker::ExprOrType(Operand* x, syn::Expr* e, bool allow_generic) {
  RawExpr(x, e, nullptr, allow_generic);
  Exclude(x, Bit(Mode::kNoValue));
  SingleValue(x);
}

// ----------------------------------------------------------------------------
// Untyped values.

void Checker::Overflow(Operand* x, syn::Pos op_pos) {
  if (x->val.kind() == constant::Kind::kUnknown) {
    ErrorAt(op_pos, "constant result is not representable");
    return;
  }
  if (IsTyped(x->type)) {
    if (auto* b = AsBasic(Under(x->type))) Representable(x, b);
    return;
  }
  if (x->val.kind() == constant::Kind::kInt && constant::BitLen(x->val) > kConstPrec) {
    ErrorAt(op_pos, "constant overflow");
    x->val = constant::MakeUnknown();
  }
}

bool Checker::RepresentableValue(Operand* x, Basic* typ, constant::Value* rounded,
                                 std::string* why) {
  auto* xb = AsBasic(x->type);
  BasicKind src = xb != nullptr ? xb->basic_kind() : BasicKind::kInvalid;
  ReprError err = Representation(x->val, src, typ->basic_kind(), WordSize(), rounded);
  if (err == ReprError::kNone) return true;
  if (why != nullptr) {
    switch (err) {
      case ReprError::kTruncated:
        *why = Cat(OS(*x), " truncated to ", TS(typ));
        break;
      case ReprError::kOverflow:
        *why = Cat(OS(*x), " overflows ", TS(typ));
        break;
      default:
        *why = Cat("cannot convert ", OS(*x), " to type ", TS(typ));
    }
  }
  return false;
}

void Checker::Representable(Operand* x, Basic* typ) {
  constant::Value v = x->val;
  std::string why;
  if (!RepresentableValue(x, typ, &v, &why)) {
    Error(x->expr, why);
    x->mode = Mode::kInvalid;
    return;
  }
  x->val = v;
}

Type* Checker::ImplicitTypeAndValue(Operand* x, Type* target, constant::Value* val,
                                    std::string* err) {
  if (x->mode == Mode::kInvalid || IsTyped(x->type) || target == Invalid()) return x->type;
  if (IsUntyped(target)) {
    BasicKind xk = AsBasic(x->type)->basic_kind();
    BasicKind tk = AsBasic(target)->basic_kind();
    if (IsNumeric(x->type) && IsNumeric(target)) {
      if (xk < tk) return target;
    } else if (xk != tk) {
      return nullptr;
    }
    return x->type;
  }
  // go/types keeps nil untyped (the oracle is go/types).
  if (x->IsNil()) {
    if (HasNil(target)) return types::Typ(BasicKind::kUntypedNil);
    return nullptr;
  }
  Type* u = Under(target);
  if (auto* b = AsBasic(u)) {
    if (x->mode == Mode::kConstant) {
      constant::Value v = x->val;
      std::string why;
      if (!RepresentableValue(x, b, &v, &why)) {
        if (err) *err = why;
        return nullptr;
      }
      *val = v;
      return target;
    }
    switch (AsBasic(x->type)->basic_kind()) {
      case BasicKind::kUntypedBool:
        if (!IsBoolean(target)) return nullptr;
        break;
      case BasicKind::kUntypedInt:
      case BasicKind::kUntypedRune:
      case BasicKind::kUntypedFloat:
      case BasicKind::kUntypedComplex:
        if (!IsNumeric(target)) return nullptr;
        break;
      case BasicKind::kUntypedString:
        if (!IsString(target)) return nullptr;
        break;
      default:
        return nullptr;
    }
    return target;
  }
  if (auto* iface = DynCast<Interface>(u)) {
    if (IsTypeParam(target)) {
      bool ok = iface->GetTypeSet()->UnderIs([&](Type* ut) {
        if (ut == nullptr) return false;
        constant::Value v;
        return ImplicitTypeAndValue(x, ut, &v, nullptr) != nullptr;
      });
      if (!ok) return nullptr;
      return target;
    }
    if (!iface->Empty()) return nullptr;
    return Default(x->type);
  }
  return nullptr;
}

void Checker::ConvertUntyped(Operand* x, Type* target) {
  constant::Value val;
  std::string err;
  Type* t = ImplicitTypeAndValue(x, target, &val, &err);
  if (t == nullptr) {
    if (err.empty()) {
      Type* tt = IsTypeParam(target) ? target : Under(target);
      err = Cat("cannot convert ", OS(*x), " to type ", TS(tt));
    }
    Error(x->expr, err);
    x->mode = Mode::kInvalid;
    return;
  }
  if (val.kind() != constant::Kind::kUnknown) {
    x->val = val;
    UpdateExprVal(x->expr, val);
  }
  if (t != x->type) {
    x->type = t;
    UpdateExprType(x->expr, t, false);
  }
}

void Checker::UpdateExprVal(syn::Expr* x, const constant::Value& val) {
  auto it = untyped_.find(x);
  if (it != untyped_.end()) it->second.val = val;
}

void Checker::UpdateExprType(syn::Expr* x, Type* typ, bool final_) {
  auto it = untyped_.find(x);
  if (it == untyped_.end()) return;
  if (!StackOk(x)) return;
  ExprInfo old = it->second;
  switch (x->kind) {
    case syn::NodeKind::kParenExpr:
      UpdateExprType(static_cast<syn::ParenExpr*>(x)->x, typ, final_);
      break;
    case syn::NodeKind::kUnaryExpr: {
      auto* u = static_cast<syn::UnaryExpr*>(x);
      if (u->op == syn::Operator::kMul) return;
      if (old.mode == Mode::kConstant) break;
      UpdateExprType(u->x, typ, final_);
      break;
    }
    case syn::NodeKind::kBinaryExpr: {
      auto* b = static_cast<syn::BinaryExpr*>(x);
      if (old.mode == Mode::kConstant) break;
      if (IsComparison(b->op)) {
      } else if (IsShift(b->op)) {
        UpdateExprType(b->x, typ, final_);
      } else {
        UpdateExprType(b->x, typ, final_);
        UpdateExprType(b->y, typ, final_);
      }
      break;
    }
    case syn::NodeKind::kName:
    case syn::NodeKind::kBasicLit:
    case syn::NodeKind::kSelectorExpr:
    case syn::NodeKind::kCallExpr:
      break;
    default:
      return;
  }
  it = untyped_.find(x);
  if (it == untyped_.end()) return;
  if (!final_ && IsUntyped(typ)) {
    it->second.type = AsBasic(Under(typ));
    return;
  }
  untyped_.erase(it);
  if (old.is_lhs) {
    if (!AllInteger(typ)) {
      Error(x, Cat("invalid operation: shifted operand ", ExprStr(x), " (type ", TS(typ),
                            ") must be integer"));
      return;
    }
  }
  if (old.mode == Mode::kConstant) {
    Operand c;
    c.mode = old.mode;
    c.expr = x;
    c.type = old.type;
    c.val = old.val;
    ConvertUntyped(&c, typ);
    if (c.mode == Mode::kInvalid) return;
  }
  RecordTypeAndValue(x, old.mode, typ, old.val);
}

// ----------------------------------------------------------------------------
// Operators.

bool Checker::OpPredicate(Operand* x, syn::Operator op, bool binary) {
  using O = syn::Operator;
  bool ok = true;
  const char* what = "";
  Type* t = x->type;
  switch (op) {
    case O::kAdd:
      if (binary) {
        ok = AllNumericOrString(t);
        what = "numeric or string";
      } else {
        ok = AllNumeric(t);
        what = "numeric";
      }
      break;
    case O::kSub:
    case O::kMul:
    case O::kDiv:
      ok = AllNumeric(t);
      what = "numeric";
      break;
    case O::kRem:
    case O::kAnd:
    case O::kOr:
    case O::kAndNot:
    case O::kXor:
      ok = AllInteger(t);
      what = "integer";
      break;
    case O::kAndAnd:
    case O::kOrOr:
    case O::kNot:
      ok = AllBoolean(t);
      what = "boolean";
      break;
    default:
      Error(x->expr, Cat("unknown operator ", syn::OperatorString(op)));
      return false;
  }
  if (!ok) {
    Error(x->expr, Cat("invalid operation: operator ", syn::OperatorString(op),
                                " not defined on ", OS(*x)));
  }
  (void)what;
  return ok;
}

void Checker::Unary(Operand* x, syn::UnaryExpr* e) {
  Expr(x, e->x);
  if (x->mode == Mode::kInvalid) return;
  switch (e->op) {
    case syn::Operator::kAnd: {
      if (!syn::Isa<syn::CompositeLit>(syn::Unparen(e->x)) && x->mode != Mode::kVariable) {
        Error(x->expr, Cat("invalid operation: cannot take address of ", OS(*x)));
        x->mode = Mode::kInvalid;
        return;
      }
      x->mode = Mode::kValue;
      x->type = New<Pointer>(x->type);
      return;
    }
    case syn::Operator::kRecv: {
      Type* u = CoreType(x->type);
      if (u == nullptr) {
        Error(x->expr, Cat("invalid operation: cannot receive from ", OS(*x), ": no core type"));
        x->mode = Mode::kInvalid;
        return;
      }
      auto* ch = DynCast<Chan>(u);
      if (ch == nullptr) {
        Error(x->expr, Cat("invalid operation: cannot receive from non-channel ", OS(*x)));
        x->mode = Mode::kInvalid;
        return;
      }
      if (ch->dir() == ChanDir::kSendOnly) {
        Error(x->expr, Cat("invalid operation: cannot receive from send-only channel ", OS(*x)));
        x->mode = Mode::kInvalid;
        return;
      }
      x->mode = Mode::kCommaOk;
      x->type = ch->elem();
      env_.has_call_or_recv = true;
      return;
    }
    case syn::Operator::kTilde:
      Error(e, "cannot use ~ outside of interface or type constraint");
      x->mode = Mode::kInvalid;
      return;
    default:
      break;
  }
  if (!OpPredicate(x, e->op, false)) {
    x->mode = Mode::kInvalid;
    return;
  }
  if (x->mode == Mode::kConstant) {
    if (x->val.kind() == constant::Kind::kUnknown) return;
    unsigned prec = 0;
    if (IsUnsigned(x->type)) prec = static_cast<unsigned>(sizes_->Sizeof(x->type) * 8);
    x->val = constant::UnaryOp(ConstOp(e->op), x->val, prec);
    x->expr = e;
    Overflow(x, e->pos);
    return;
  }
  x->mode = Mode::kValue;
}

void Checker::MatchTypes(Operand* x, Operand* y) {
  auto may_convert = [&]() {
    if (IsTyped(x->type) && IsTyped(y->type)) return false;
    if (IsInterface(x->type) || IsInterface(y->type)) return true;
    if (AllBoolean(x->type) != AllBoolean(y->type)) return false;
    if (AllString(x->type) != AllString(y->type)) return false;
    if (x->IsNil()) return HasNil(y->type);
    if (y->IsNil()) return HasNil(x->type);
    if (Isa<Pointer>(Under(x->type)) || Isa<Pointer>(Under(y->type))) return false;
    return true;
  };
  if (may_convert()) {
    ConvertUntyped(x, y->type);
    if (x->mode == Mode::kInvalid) return;
    ConvertUntyped(y, x->type);
    if (y->mode == Mode::kInvalid) {
      x->mode = Mode::kInvalid;
      return;
    }
  }
}

void Checker::Comparison(Operand* x, Operand* y, syn::Operator op, bool switch_case) {
  if (x->type == Invalid() || y->type == Invalid()) {
    x->mode = Mode::kInvalid;
    return;
  }
  if (switch_case) op = syn::Operator::kEql;
  Operand* err_op = x;
  std::string cause;
  bool ok = AssignableTo(x, y->type, nullptr) || AssignableTo(y, x->type, nullptr);
  if (!ok) {
    err_op = y;
    cause = Cat("mismatched types ", TS(x->type), " and ", TS(y->type));
  } else if (op == syn::Operator::kEql || op == syn::Operator::kNeq) {
    if (x->IsNil() || y->IsNil()) {
      Type* typ = x->IsNil() ? y->type : x->type;
      if (!HasNil(typ)) {
        ok = false;
        err_op = y;
      }
    } else if (!Comparable(x->type)) {
      ok = false;
      err_op = x;
    } else if (!Comparable(y->type)) {
      ok = false;
      err_op = y;
    }
  } else {
    if (!AllOrdered(x->type)) {
      ok = false;
      err_op = x;
    } else if (!AllOrdered(y->type)) {
      ok = false;
      err_op = y;
    }
  }
  if (!ok) {
    if (switch_case) {
      Error(x->expr, Cat("invalid case ", ExprStr(x->expr), " in switch on ",
                                  ExprStr(y->expr), " (", cause.empty() ? "incomparable" : cause, ")"));
    } else if (!cause.empty()) {
      Error(err_op->expr, Cat("invalid operation: ", ExprStr(x->expr), " ",
                                       syn::OperatorString(op), " ", ExprStr(y->expr), " (", cause, ")"));
    } else {
      Error(err_op->expr, Cat("invalid operation: ", ExprStr(x->expr), " ",
                                       syn::OperatorString(op), " ", ExprStr(y->expr),
                                       " (operator ", syn::OperatorString(op), " not defined on ",
                                       OperandModeString(err_op->mode), ")"));
    }
    x->mode = Mode::kInvalid;
    return;
  }
  if (x->mode == Mode::kConstant && y->mode == Mode::kConstant) {
    x->val = constant::MakeBool(constant::Compare(x->val, ConstOp(op), y->val));
  } else {
    x->mode = Mode::kValue;
    // A comparison of an interface with a non-interface value converts the latter.
    if (!x->IsNil() && !y->IsNil()) {
      if (IsInterface(x->type) && !IsInterface(y->type) && IsTyped(y->type)) {
        RecordConversion(y->expr, y->type, x->type, ConvContext::kCompare);
      } else if (IsInterface(y->type) && !IsInterface(x->type) && IsTyped(x->type)) {
        RecordConversion(x->expr, x->type, y->type, ConvContext::kCompare);
      }
    }
    UpdateExprType(x->expr, Default(x->type), true);
    UpdateExprType(y->expr, Default(y->type), true);
  }
  x->type = types::Typ(BasicKind::kUntypedBool);
}

void Checker::Shift(Operand* x, Operand* y, syn::Expr* e, syn::Operator op) {
  constant::Value xval;
  bool xconst = x->mode == Mode::kConstant;
  if (xconst) xval = constant::ToInt(x->val);
  if (AllInteger(x->type) ||
      (IsUntyped(x->type) && xconst && xval.kind() == constant::Kind::kInt)) {
  } else {
    Error(x->expr, Cat("invalid operation: shifted operand ", OS(*x), " must be integer"));
    x->mode = Mode::kInvalid;
    return;
  }
  constant::Value yval;
  if (y->mode == Mode::kConstant) {
    yval = constant::ToInt(y->val);
    if (yval.kind() == constant::Kind::kInt && constant::Sign(yval) < 0) {
      Error(y->expr, Cat("invalid operation: negative shift count ", OS(*y)));
      x->mode = Mode::kInvalid;
      return;
    }
    if (IsUntyped(y->type)) {
      Representable(y, types::Typ(BasicKind::kUint));
      if (y->mode == Mode::kInvalid) {
        x->mode = Mode::kInvalid;
        return;
      }
    }
  } else {
    if (AllInteger(y->type)) {
    } else if (IsUntyped(y->type)) {
      ConvertUntyped(y, types::Typ(BasicKind::kUint));
      if (y->mode == Mode::kInvalid) {
        x->mode = Mode::kInvalid;
        return;
      }
    } else {
      Error(y->expr, Cat("invalid operation: shift count ", OS(*y), " must be integer"));
      x->mode = Mode::kInvalid;
      return;
    }
  }
  if (x->mode == Mode::kConstant) {
    if (y->mode == Mode::kConstant) {
      if (x->val.kind() == constant::Kind::kUnknown || y->val.kind() == constant::Kind::kUnknown) {
        x->val = constant::MakeUnknown();
        if (!IsInteger(x->type)) x->type = types::Typ(BasicKind::kUntypedInt);
        return;
      }
      auto s = constant::Uint64Val(yval);
      if (!s.exact || s.value > kMaxConstShift) {
        Error(y->expr, Cat("invalid operation: invalid shift count ", OS(*y)));
        x->mode = Mode::kInvalid;
        return;
      }
      if (!IsInteger(x->type)) x->type = types::Typ(BasicKind::kUntypedInt);
      x->val = constant::Shift(xval, ConstOp(op), s.value);
      x->expr = e;
      Overflow(x, e->pos);
      return;
    }
    if (IsUntyped(x->type)) {
      if (auto it = untyped_.find(x->expr); it != untyped_.end()) it->second.is_lhs = true;
      x->mode = Mode::kValue;
      return;
    }
  }
  if (!AllInteger(x->type)) {
    Error(x->expr, Cat("invalid operation: shifted operand ", OS(*x), " must be integer"));
    x->mode = Mode::kInvalid;
    return;
  }
  x->mode = Mode::kValue;
}

void Checker::Binary(Operand* x, syn::Expr* e, syn::Expr* lhs, syn::Expr* rhs, syn::Operator op) {
  Operand y;
  Expr(x, lhs);
  Expr(&y, rhs);
  if (x->mode == Mode::kInvalid) return;
  if (y.mode == Mode::kInvalid) {
    x->mode = Mode::kInvalid;
    x->expr = y.expr;
    return;
  }
  if (IsShift(op)) {
    Shift(x, &y, e, op);
    return;
  }
  MatchTypes(x, &y);
  if (x->mode == Mode::kInvalid) return;
  if (IsComparison(op)) {
    Comparison(x, &y, op, false);
    return;
  }
  if (!Identical(x->type, y.type)) {
    if (x->type != Invalid() && y.type != Invalid()) {
      if (e != nullptr) {
        Error(x->expr, Cat("invalid operation: ", ExprStr(e), " (mismatched types ",
                                    TS(x->type), " and ", TS(y.type), ")"));
      } else {
        Error(x->expr, Cat("invalid operation: ", ExprStr(lhs), " ",
                                    syn::OperatorString(op), "= ", ExprStr(rhs),
                                    " (mismatched types ", TS(x->type), " and ", TS(y.type), ")"));
      }
    }
    x->mode = Mode::kInvalid;
    return;
  }
  if (!OpPredicate(x, op, true)) {
    x->mode = Mode::kInvalid;
    return;
  }
  if (op == syn::Operator::kDiv || op == syn::Operator::kRem) {
    if ((x->mode == Mode::kConstant || AllInteger(x->type)) && y.mode == Mode::kConstant &&
        constant::Sign(y.val) == 0) {
      Error(y.expr, "invalid operation: division by zero");
      x->mode = Mode::kInvalid;
      return;
    }
    if (x->mode == Mode::kConstant && y.mode == Mode::kConstant && IsComplex(x->type)) {
      constant::Value re = constant::Real(y.val), im = constant::Imag(y.val);
      constant::Value re2 = constant::BinaryOp(re, constant::Op::kMul, re);
      constant::Value im2 = constant::BinaryOp(im, constant::Op::kMul, im);
      if (constant::Sign(re2) == 0 && constant::Sign(im2) == 0) {
        Error(y.expr, "invalid operation: division by zero");
        x->mode = Mode::kInvalid;
        return;
      }
    }
  }
  if (x->mode == Mode::kConstant && y.mode == Mode::kConstant) {
    if (x->val.kind() == constant::Kind::kUnknown || y.val.kind() == constant::Kind::kUnknown) {
      x->val = constant::MakeUnknown();
      return;
    }
    constant::Op cop = ConstOp(op);
    if (op == syn::Operator::kDiv && IsInteger(x->type)) cop = constant::Op::kIntQuo;
    x->val = constant::BinaryOp(x->val, cop, y.val);
    x->expr = e;
    Overflow(x, e != nullptr ? e->pos : syn::Pos{});
    return;
  }
  x->mode = Mode::kValue;
}

// ----------------------------------------------------------------------------
// The expression switch.

void Checker::ExprInternal(Operand* x, syn::Expr* e, Type* hint) {
  x->mode = Mode::kInvalid;
  x->type = Invalid();
  x->expr = e;
  switch (e->kind) {
    case syn::NodeKind::kBadExpr:
      goto error;
    case syn::NodeKind::kName:
      Ident(x, static_cast<syn::Name*>(e), nullptr, false);
      break;
    case syn::NodeKind::kDotsType:
      Error(e, "invalid use of '...'");
      goto error;
    case syn::NodeKind::kBasicLit: {
      auto* lit = static_cast<syn::BasicLit*>(e);
      if (lit->bad) goto error;
      if (lit->value.size() > 10000 && lit->lit_kind != syn::LitKind::kString &&
          lit->lit_kind != syn::LitKind::kRune) {
        Error(e, Cat("excessively long constant: ", lit->value.substr(0, 10), "... (",
                              lit->value.size(), " chars)"));
        goto error;
      }
      constant::LiteralKind lk = constant::LiteralKind::kInt;
      BasicKind bk = BasicKind::kUntypedInt;
      switch (lit->lit_kind) {
        case syn::LitKind::kInt: lk = constant::LiteralKind::kInt; bk = BasicKind::kUntypedInt; break;
        case syn::LitKind::kFloat: lk = constant::LiteralKind::kFloat; bk = BasicKind::kUntypedFloat; break;
        case syn::LitKind::kImag: lk = constant::LiteralKind::kImag; bk = BasicKind::kUntypedComplex; break;
        case syn::LitKind::kRune: lk = constant::LiteralKind::kChar; bk = BasicKind::kUntypedRune; break;
        case syn::LitKind::kString: lk = constant::LiteralKind::kString; bk = BasicKind::kUntypedString; break;
      }
      constant::Value v = constant::MakeFromLiteral(lit->value, lk);
      if (v.kind() == constant::Kind::kUnknown) {
        Error(e, Cat("malformed constant: ", lit->value));
        goto error;
      }
      x->SetConst(bk, v);
      x->expr = e;
      Overflow(x, e->pos);
      break;
    }
    case syn::NodeKind::kFuncLit:
      FuncLit(x, static_cast<syn::FuncLit*>(e));
      if (x->mode == Mode::kInvalid) goto error;
      break;
    case syn::NodeKind::kCompositeLit:
      CompositeLit(x, static_cast<syn::CompositeLit*>(e), hint);
      if (x->mode == Mode::kInvalid) goto error;
      break;
    case syn::NodeKind::kParenExpr:
      RawExpr(x, static_cast<syn::ParenExpr*>(e)->x, nullptr, false);
      x->expr = e;
      return;
    case syn::NodeKind::kSelectorExpr:
      Selector(x, static_cast<syn::SelectorExpr*>(e), nullptr, false);
      break;
    case syn::NodeKind::kIndexExpr: {
      bool is_funcinst = false;
      IndexExpr(x, static_cast<syn::IndexExpr*>(e), &is_funcinst);
      if (is_funcinst) FuncInst(x, static_cast<syn::IndexExpr*>(e));
      if (x->mode == Mode::kInvalid) goto error;
      break;
    }
    case syn::NodeKind::kSliceExpr:
      SliceExpr(x, static_cast<syn::SliceExpr*>(e));
      if (x->mode == Mode::kInvalid) goto error;
      break;
    case syn::NodeKind::kAssertExpr: {
      auto* a = static_cast<syn::AssertExpr*>(e);
      Expr(x, a->x);
      if (x->mode == Mode::kInvalid) goto error;
      if (IsTypeParam(x->type)) {
        Error(x->expr, Cat("invalid operation: cannot use type assertion on type parameter value ", OS(*x)));
        goto error;
      }
      if (!Isa<Interface>(Under(x->type))) {
        Error(x->expr, Cat("invalid operation: ", OS(*x), " is not an interface"));
        goto error;
      }
      if (a->type == nullptr) goto error;
      Type* T = VarType(a->type);
      if (T == Invalid()) goto error;
      TypeAssertion(e, x, T, false);
      x->mode = Mode::kCommaOk;
      x->type = T;
      break;
    }
    case syn::NodeKind::kTypeSwitchGuard:
      Error(e, "use of .(type) outside type switch");
      goto error;
    case syn::NodeKind::kCallExpr:
      CallExpr(x, static_cast<syn::CallExpr*>(e));
      return;
    case syn::NodeKind::kUnaryExpr: {
      auto* u = static_cast<syn::UnaryExpr*>(e);
      if (u->op == syn::Operator::kMul) {
        ExprOrType(x, u->x, false);
        switch (x->mode) {
          case Mode::kInvalid:
            goto error;
          case Mode::kTypeExpr:
            ValidVarType(u->x, x->type);
            x->type = New<Pointer>(x->type);
            break;
          default: {
            Type* base = nullptr;
            bool ok = UnderIs(x->type, [&](Type* ut) {
              auto* p = DynCast<Pointer>(ut);
              if (p == nullptr) {
                Error(x->expr, Cat("invalid operation: cannot indirect ", OS(*x)));
                return false;
              }
              if (base != nullptr && !Identical(p->elem(), base)) {
                Error(x->expr, Cat("invalid operation: pointers of ", OS(*x),
                                            " must have identical base types"));
                return false;
              }
              base = p->elem();
              return true;
            });
            if (!ok || base == nullptr) goto error;
            x->mode = Mode::kVariable;
            x->type = base;
          }
        }
        break;
      }
      Unary(x, u);
      if (x->mode == Mode::kInvalid) goto error;
      if (u->op == syn::Operator::kRecv) {
        x->expr = e;
        return;
      }
      break;
    }
    case syn::NodeKind::kBinaryExpr: {
      auto* b = static_cast<syn::BinaryExpr*>(e);
      Binary(x, e, b->x, b->y, b->op);
      if (x->mode == Mode::kInvalid) goto error;
      break;
    }
    case syn::NodeKind::kKeyValueExpr:
      Error(e, "no key:value expected");
      goto error;
    case syn::NodeKind::kArrayType:
    case syn::NodeKind::kSliceType:
    case syn::NodeKind::kStructType:
    case syn::NodeKind::kFuncType:
    case syn::NodeKind::kInterfaceType:
    case syn::NodeKind::kMapType:
    case syn::NodeKind::kChanType:
      x->mode = Mode::kTypeExpr;
      x->type = Typ(e);
      break;
    default:
      Error(e, "unexpected expression");
      goto error;
  }
  x->expr = e;
  return;
error:
  x->mode = Mode::kInvalid;
  x->expr = e;
}

// ----------------------------------------------------------------------------
// Function literals, assertions.

void Checker::FuncLit(Operand* x, syn::FuncLit* e) {
  Type* t = e->type != nullptr ? Typ(e->type) : Invalid();
  auto* sig = DynCast<Signature>(t);
  if (sig == nullptr) {
    x->mode = Mode::kInvalid;
    return;
  }
  DeclInfo* decl = env_.decl;
  bool has_iota = env_.has_iota;
  constant::Value iota = env_.iota;
  int file = env_.file;
  if (e->body != nullptr && !config_.ignore_func_bodies) {
    Later([this, decl, has_iota, iota, file, sig, e] {
      env_ = Environment{};
      env_.file = file;
      FuncBody(decl, "<function literal>", sig, e->body, has_iota ? &iota : nullptr);
    });
  }
  x->mode = Mode::kValue;
  x->type = sig;
}

void Checker::TypeAssertion(syn::Expr* e, Operand* x, Type* T, bool type_switch) {
  auto* iface = DynCast<Interface>(Under(x->type));
  if (iface == nullptr) return;
  if (IsInterface(T)) return;  // dynamic check only
  EnsureMethods(T);
  MissingMethodResult m = MissingMethod(T, iface, false);
  if (m.method == nullptr) return;
  std::string cause = MissingMethodReason(T, x->type, m);
  if (type_switch) {
    Error(e, Cat("impossible type switch case: ", ExprStr(e), "\n\t", OS(*x),
                          " cannot have dynamic type ", TS(T), " ", cause));
    return;
  }
  Error(e, Cat("impossible type assertion: ", ExprStr(e), "\n\t", TS(T),
                        " does not implement ", TS(x->type), " ", cause));
}

// ----------------------------------------------------------------------------
// Index and slice expressions (types2 index.go).

bool Checker::IsValidIndex(Operand* x, const char* what, bool allow_negative) {
  if (x->mode == Mode::kInvalid) return false;
  ConvertUntyped(x, types::Typ(BasicKind::kInt));
  if (x->mode == Mode::kInvalid) return false;
  if (!AllInteger(x->type)) {
    Error(x->expr, Cat(what, " ", OS(*x), " must be integer"));
    return false;
  }
  if (x->mode == Mode::kConstant) {
    if (!allow_negative && constant::Sign(x->val) < 0) {
      Error(x->expr, Cat("invalid argument: ", what, " ", OS(*x), " must not be negative"));
      return false;
    }
    if (!RepresentableConst(x->val, BasicKind::kInt, WordSize(), nullptr)) {
      Error(x->expr, Cat("invalid argument: ", what, " ", OS(*x), " overflows int"));
      return false;
    }
  }
  return true;
}

// Returns the constant index value, or -1 if it is not constant; max >= 0 bounds it.
int64_t Checker::Index(syn::Expr* index, int64_t max, Operand* out) {
  Operand x;
  Expr(&x, index);
  bool valid = IsValidIndex(&x, "index", false);
  if (out != nullptr) {
    *out = x;
    if (!valid) out->mode = Mode::kInvalid;
  }
  if (!valid) return -2;
  if (x.mode != Mode::kConstant) return -1;
  if (x.val.kind() == constant::Kind::kUnknown) return -1;
  auto v = constant::Int64Val(x.val);
  if (max >= 0 && v.value >= max) {
    Error(&*index, Cat("invalid argument: index ", OS(x), " out of bounds [0:", max, "]"));
    return -1;
  }
  return v.value;
}

Type* Checker::SingleIndex(syn::IndexExpr* e) {
  (void)e;
  return nullptr;
}

void Checker::IndexExpr(Operand* x, syn::IndexExpr* e, bool* is_funcinst) {
  *is_funcinst = false;
  ExprOrType(x, e->x, true);
  switch (x->mode) {
    case Mode::kInvalid:
      Use(e->indices);
      return;
    case Mode::kTypeExpr:
      x->mode = Mode::kInvalid;
      x->type = VarType(e);
      if (x->type != Invalid()) x->mode = Mode::kTypeExpr;
      return;
    case Mode::kValue:
      if (auto* sig = DynCast<Signature>(x->type); sig != nullptr && !sig->type_params().empty()) {
        *is_funcinst = true;
        return;
      }
      break;
    default:
      break;
  }
  // x should not be generic at this point, but be safe.
  if (e->indices.size() != 1) {
    Error(e->indices[e->indices.size() > 1 ? 1 : 0], "invalid operation: more than one index");
    Use(e->indices);
    x->mode = Mode::kInvalid;
    return;
  }
  syn::Expr* index = e->indices[0];
  bool valid = false;
  int64_t length = -1;
  Type* u = Under(x->type);
  switch (u->kind()) {
    case TypeKind::kBasic:
      if (IsString(u)) {
        valid = true;
        if (x->mode == Mode::kConstant) length = static_cast<int64_t>(constant::StringVal(x->val).size());
        x->mode = Mode::kValue;
        x->type = UniverseByte();
      }
      break;
    case TypeKind::kArray: {
      auto* a = static_cast<Array*>(u);
      valid = true;
      length = a->len();
      if (x->mode != Mode::kVariable) x->mode = Mode::kValue;
      x->type = a->elem();
      break;
    }
    case TypeKind::kPointer:
      if (auto* a = DynCast<Array>(Under(static_cast<Pointer*>(u)->elem()))) {
        valid = true;
        length = a->len();
        x->mode = Mode::kVariable;
        x->type = a->elem();
      }
      break;
    case TypeKind::kSlice:
      valid = true;
      x->mode = Mode::kVariable;
      x->type = static_cast<Slice*>(u)->elem();
      break;
    case TypeKind::kMap: {
      auto* m = static_cast<Map*>(u);
      Operand key;
      ExprWithHint(&key, index, m->key());
      Assignment(&key, m->key(), ConvContext::kOther, "map index");
      x->mode = Mode::kMapIndex;
      x->type = m->elem();
      x->expr = e;
      return;
    }
    case TypeKind::kInterface: {
      if (!IsTypeParam(x->type)) break;
      // A type parameter: all types in its type set must support indexing with the same
      // element type (types2 index.go).
      Type* key = nullptr;
      Type* elem = nullptr;
      Mode mode = Mode::kVariable;
      int64_t tlen = -1;
      bool ok = static_cast<Interface*>(u)->GetTypeSet()->UnderIs([&](Type* t) -> bool {
        if (t == nullptr) return false;
        Type* k = nullptr;
        Type* el = nullptr;
        int64_t l = -1;
        Mode md = Mode::kVariable;
        switch (t->kind()) {
          case TypeKind::kBasic:
            if (!IsString(t)) return false;
            el = UniverseByte();
            md = Mode::kValue;
            break;
          case TypeKind::kArray:
            l = static_cast<Array*>(t)->len();
            el = static_cast<Array*>(t)->elem();
            if (x->mode != Mode::kVariable) md = Mode::kValue;
            break;
          case TypeKind::kPointer: {
            auto* a = DynCast<Array>(Under(static_cast<Pointer*>(t)->elem()));
            if (a == nullptr) return false;
            l = a->len();
            el = a->elem();
            break;
          }
          case TypeKind::kSlice:
            el = static_cast<Slice*>(t)->elem();
            break;
          case TypeKind::kMap:
            k = static_cast<Map*>(t)->key();
            el = static_cast<Map*>(t)->elem();
            md = Mode::kMapIndex;
            break;
          default:
            return false;
        }
        if (elem == nullptr) {
          key = k;
          elem = el;
          mode = md;
          tlen = l;
          return true;
        }
        if (!Identical(elem, el)) return false;
        if (k != nullptr && (key == nullptr || !Identical(key, k))) return false;
        if (md == Mode::kValue) mode = Mode::kValue;
        if (l >= 0 && (tlen < 0 || l < tlen)) tlen = l;
        return true;
      });
      if (ok && elem != nullptr) {
        if (key != nullptr) {
          Operand k;
          ExprWithHint(&k, index, key);
          Assignment(&k, key, ConvContext::kOther, "map index");
          x->mode = Mode::kMapIndex;
          x->type = elem;
          x->expr = e;
          return;
        }
        valid = true;
        length = tlen;
        x->mode = mode;
        x->type = elem;
      }
      break;
    }
    default:
      break;
  }
  if (!valid) {
    Error(e, Cat("invalid operation: cannot index ", OS(*x)));
    UseExpr(index);
    x->mode = Mode::kInvalid;
    return;
  }
  Index(index, length);
}

void Checker::SliceExpr(Operand* x, syn::SliceExpr* e) {
  Expr(x, e->x);
  if (x->mode == Mode::kInvalid) {
    for (syn::Expr* i : e->index) {
      if (i != nullptr) UseExpr(i);
    }
    return;
  }
  bool valid = false;
  int64_t length = -1;
  Type* u = CoreString(x->type);
  if (u == nullptr) {
    Error(x->expr, Cat("cannot slice ", OS(*x), ": ", TS(x->type), " has no core type"));
    x->mode = Mode::kInvalid;
    return;
  }
  switch (u->kind()) {
    case TypeKind::kBasic:
      if (IsString(u)) {
        if (e->full) {
          Error(e, Cat("invalid operation: 3-index slice of string"));
          x->mode = Mode::kInvalid;
          return;
        }
        valid = true;
        if (x->mode == Mode::kConstant) length = static_cast<int64_t>(constant::StringVal(x->val).size());
        if (IsUntyped(x->type)) x->type = types::Typ(BasicKind::kString);
      }
      break;
    case TypeKind::kArray: {
      valid = true;
      length = static_cast<Array*>(u)->len();
      if (x->mode != Mode::kVariable) {
        Error(x->expr, Cat("invalid operation: ", ExprStr(x->expr), " (slice of unaddressable value)"));
        x->mode = Mode::kInvalid;
        return;
      }
      x->type = New<Slice>(static_cast<Array*>(u)->elem());
      break;
    }
    case TypeKind::kPointer:
      if (auto* a = DynCast<Array>(Under(static_cast<Pointer*>(u)->elem()))) {
        valid = true;
        length = a->len();
        x->type = New<Slice>(a->elem());
      }
      break;
    case TypeKind::kSlice:
      valid = true;
      break;
    default:
      break;
  }
  if (!valid) {
    Error(x->expr, Cat("cannot slice ", OS(*x)));
    x->mode = Mode::kInvalid;
    return;
  }
  x->mode = Mode::kValue;
  if (e->full && (e->index[1] == nullptr || e->index[2] == nullptr)) {
    Error(e, "2nd and 3rd index required in 3-index slice");
    x->mode = Mode::kInvalid;
    return;
  }
  int64_t ind[3] = {-1, -1, -1};
  for (int i = 0; i < 3; ++i) {
    if (e->index[i] == nullptr) continue;
    int64_t max = -1;
    if (length >= 0) max = length + 1;
    int64_t v = Index(e->index[i], max);
    ind[i] = v >= 0 ? v : -1;
  }
  // Constant indices must be in increasing order.
  for (int i = 0; i < 3; ++i) {
    if (ind[i] < 0) continue;
    for (int j = i + 1; j < 3; ++j) {
      if (ind[j] >= 0 && ind[j] < ind[i]) {
        Error(e->index[j], Cat("invalid slice indices: ", ind[j], " < ", ind[i]));
        return;
      }
    }
  }
}

// ----------------------------------------------------------------------------
// Composite literals.

int64_t Checker::IndexedElts(const syn::Span<syn::Expr*>& elts, Type* typ, int64_t length,
                             bool is_slice) {
  absl::flat_hash_set<int64_t> visited;
  int64_t index = 0, max = 0;
  for (syn::Expr* e : elts) {
    int64_t valid_index = -1;
    bool ok_index = false;
    syn::Expr* eval = e;
    if (auto* kv = syn::DynCast<syn::KeyValueExpr>(e)) {
      int64_t i = Index(kv->key, length);
      if (i >= 0) {
        index = i;
        ok_index = true;
      } else if (i == -1) {
        // non-constant
        Operand tmp;
        (void)tmp;
        Error(kv->key, Cat("index ", ExprStr(kv->key), " must be integer constant"));
      }
      eval = kv->value;
    } else if (length >= 0 && index >= length) {
      Error(e, Cat("index ", index, " is out of bounds (>= ", length, ")"));
    } else {
      ok_index = true;
    }
    if (ok_index) {
      if (visited.contains(index)) {
        Error(e, Cat("duplicate index ", index, " in array or slice literal"));
      } else {
        visited.insert(index);
      }
      valid_index = index;
    }
    (void)valid_index;
    index++;
    if (index > max) max = index;
    Operand x;
    ExprWithHint(&x, eval, typ);
    Assignment(&x, typ, ConvContext::kCompositeElem, "array or slice literal");
  }
  (void)is_slice;
  return max;
}

void Checker::CompositeLit(Operand* x, syn::CompositeLit* e, Type* hint) {
  Type* typ = nullptr;
  Type* base = nullptr;
  if (e->type != nullptr) {
    // [...]T array types may only appear with composite literals.
    if (auto* at = syn::DynCast<syn::ArrayType>(e->type); at != nullptr && at->len == nullptr) {
      Type* elem = at->elem != nullptr ? VarType(at->elem) : Invalid();
      typ = New<Array>(elem, -1);  // length set below
      base = typ;
    } else {
      typ = Typ(e->type);
      base = typ;
    }
  } else if (hint != nullptr) {
    typ = hint;
    base = typ;
    if (auto* p = DynCast<Pointer>(CoreType(base))) base = p->elem();
  } else {
    Error(e, "invalid composite literal type: missing type");
    x->mode = Mode::kInvalid;
    return;
  }
  Type* u = CoreType(base);
  if (u == nullptr) {
    Error(e, Cat("invalid composite literal type ", TS(typ)));
    x->mode = Mode::kInvalid;
    return;
  }
  switch (u->kind()) {
    case TypeKind::kStruct: {
      auto* s = static_cast<Struct*>(u);
      if (e->elems.empty()) break;
      if (syn::Isa<syn::KeyValueExpr>(e->elems[0])) {
        std::vector<bool> visited(s->NumFields());
        for (syn::Expr* el : e->elems) {
          auto* kv = syn::DynCast<syn::KeyValueExpr>(el);
          if (kv == nullptr) {
            Error(el, "mixture of field:value and value elements in struct literal");
            continue;
          }
          auto* key = syn::DynCast<syn::Name>(kv->key);
          Operand xv;
          if (key == nullptr) {
            Error(kv->key, Cat("invalid field name ", ExprStr(kv->key), " in struct literal"));
            Expr(&xv, kv->value);
            continue;
          }
          int i = FieldIndex(s->fields(), pkg_, key->value);
          if (i < 0) {
            Error(kv->key, Cat("unknown field ", key->value, " in struct literal of type ",
                                        TS(base)));
            Expr(&xv, kv->value);
            continue;
          }
          Var* fld = s->Field(i);
          RecordUse(key, fld);
          Type* etyp = fld->type();
          ExprWithHint(&xv, kv->value, etyp);
          Assignment(&xv, etyp, ConvContext::kCompositeElem, "struct literal");
          if (visited[i]) {
            Error(kv->key, Cat("duplicate field name ", key->value, " in struct literal"));
            continue;
          }
          visited[i] = true;
        }
      } else {
        int i = 0;
        for (syn::Expr* el : e->elems) {
          Operand xv;
          if (syn::Isa<syn::KeyValueExpr>(el)) {
            Error(el, "mixture of field:value and value elements in struct literal");
            continue;
          }
          ExprWithHint(&xv, el, i < s->NumFields() ? s->Field(i)->type() : nullptr);
          if (i >= s->NumFields()) {
            Error(xv.expr, Cat("too many values in struct literal of type ", TS(base)));
            break;
          }
          Var* fld = s->Field(i);
          if (!fld->Exported() && fld->pkg() != pkg_) {
            Error(xv.expr, Cat("implicit assignment to unexported field ", fld->name(),
                                        " in struct literal of type ", TS(base)));
          }
          Assignment(&xv, fld->type(), ConvContext::kCompositeElem, "struct literal");
          ++i;
        }
        if (i < s->NumFields() && i == static_cast<int>(e->elems.size())) {
          Error(e, Cat("too few values in struct literal of type ", TS(base)));
        }
      }
      break;
    }
    case TypeKind::kArray: {
      auto* a = static_cast<Array*>(u);
      if (a->elem() == Invalid()) {
        Use(e->elems);
        break;
      }
      int64_t n = IndexedElts(e->elems, a->elem(), a->len(), false);
      if (a->len() < 0) {
        // [...]T: the length is the number of elements; replace the open array.
        auto* fixed = New<Array>(a->elem(), n);
        if (typ == a) typ = fixed;
        if (e->type != nullptr) RecordTypeAndValue(e->type, Mode::kTypeExpr, fixed, constant::Value());
      }
      break;
    }
    case TypeKind::kSlice: {
      auto* sl = static_cast<Slice*>(u);
      if (sl->elem() == Invalid()) {
        Use(e->elems);
        break;
      }
      IndexedElts(e->elems, sl->elem(), -1, true);
      break;
    }
    case TypeKind::kMap: {
      auto* m = static_cast<Map*>(u);
      if (m->key() == Invalid() || m->elem() == Invalid()) {
        Use(e->elems);
        break;
      }
      for (syn::Expr* el : e->elems) {
        auto* kv = syn::DynCast<syn::KeyValueExpr>(el);
        if (kv == nullptr) {
          Error(el, "missing key in map literal");
          continue;
        }
        Operand xk;
        ExprWithHint(&xk, kv->key, m->key());
        Assignment(&xk, m->key(), ConvContext::kMapKey, "map literal");
        Operand xv;
        ExprWithHint(&xv, kv->value, m->elem());
        Assignment(&xv, m->elem(), ConvContext::kMapValue, "map literal");
      }
      break;
    }
    default: {
      // When "using" all elements unpack KeyValueExpr explicitly because check.use
      // doesn't accept them.
      for (syn::Expr* el : e->elems) {
        if (auto* kv = syn::DynCast<syn::KeyValueExpr>(el)) el = kv->value;
        UseExpr(el);
      }
      if (Under(u) != Invalid()) {
        Error(e, Cat("invalid composite literal type ", TS(typ)));
        x->mode = Mode::kInvalid;
        return;
      }
    }
  }
  x->mode = Mode::kValue;
  x->type = typ;
}

}  // namespace heapmap::types
