// frontend/types/typestring.cc — type and object strings (port of go/types typestring.go and object.go's writeObject).
#include "frontend/types/typestring.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "base/stack.h"
#include "frontend/syntax/parser.h"
#include "frontend/types/context.h"
#include "frontend/types/package.h"
#include "frontend/types/predicates.h"
#include "frontend/types/scope.h"
#include "frontend/types/typeset.h"
#include "frontend/types/universe.h"

namespace heapmap::types {

// Context::GetID (context.cc): a unique number per type, for hashing.
int ContextGetID(Context* ctxt, Type* t);

namespace {

// strconv.Quote: double-quoted, Go escapes; valid UTF-8 printable runes kept as is.
// (Tags are almost always ASCII; non-printable and invalid bytes are escaped as Go does.)
void AppendQuoted(std::string* out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '\a': *out += "\\a"; break;
        case '\b': *out += "\\b"; break;
        case '\f': *out += "\\f"; break;
        case '\n': *out += "\\n"; break;
        case '\r': *out += "\\r"; break;
        case '\t': *out += "\\t"; break;
        case '\v': *out += "\\v"; break;
        case '"': *out += "\\\""; break;
        case '\\': *out += "\\\\"; break;
        default:
          if (c < 0x20 || c == 0x7f) {
            *out += "\\x";
            out->push_back(kHex[c >> 4]);
            out->push_back(kHex[c & 15]);
          } else {
            out->push_back(static_cast<char>(c));
          }
      }
      i++;
      continue;
    }
    // Multi-byte: copy valid sequences, escape invalid bytes as \xNN.
    size_t n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = n != 0 && i + n <= s.size();
    for (size_t k = 1; ok && k < n; k++) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok) {
      out->append(s.substr(i, n));
      i += n;
    } else {
      *out += "\\x";
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
      i++;
    }
  }
  out->push_back('"');
}

std::string Subscript(uint64_t x) {
  std::string digits;
  do {
    // U+2080 + d: E2 82 80+d
    std::string d = "\xE2\x82";
    d.push_back(static_cast<char>(0x80 + x % 10));
    digits.insert(0, d);
    x /= 10;
  } while (x != 0);
  return digits;
}

void WritePackage(std::string* buf, const Package* pkg, const Qualifier& qf) {
  if (pkg == nullptr) return;
  std::string s = qf ? qf(pkg) : pkg->path();
  if (!s.empty()) {
    *buf += s;
    *buf += '.';
  }
}

const char* GoTypeName(Type* t) {
  switch (t->kind()) {
    case TypeKind::kBasic: return "*types.Basic";
    case TypeKind::kPointer: return "*types.Pointer";
    case TypeKind::kArray: return "*types.Array";
    case TypeKind::kSlice: return "*types.Slice";
    case TypeKind::kMap: return "*types.Map";
    case TypeKind::kChan: return "*types.Chan";
    case TypeKind::kStruct: return "*types.Struct";
    case TypeKind::kTuple: return "*types.Tuple";
    case TypeKind::kSignature: return "*types.Signature";
    case TypeKind::kInterface: return "*types.Interface";
    case TypeKind::kUnion: return "*types.Union";
    case TypeKind::kNamed: return "*types.Named";
    case TypeKind::kTypeParam: return "*types.TypeParam";
  }
  return "?";
}

class TypeWriter {
 public:
  TypeWriter(std::string* buf, const Qualifier* qf, Context* ctxt)
      : buf_(buf), qf_(qf), ctxt_(ctxt) {}
  // Function types without their parameters' and results' names (gc's type format).
  void OmitParamNames() { param_names_ = false; }
  void SetTypeArgsWriter(const TypeArgsWriter* w) { targs_writer_ = w; }

  void Byte(char b) {
    if (ctxt_ != nullptr) {
      if (b == ' ') b = '#';
      buf_->push_back(b);
      return;
    }
    buf_->push_back(b);
    if (b == ',' || b == ';') buf_->push_back(' ');
  }
  void String(std::string_view s) { buf_->append(s); }
  void Error(std::string_view msg) {
    buf_->push_back('<');
    buf_->append(msg);
    buf_->push_back('>');
  }

  void Typ(Type* typ) {
    if (typ == nullptr) {
      Error("nil");
      return;
    }
    if (!seen_.insert(typ).second) {
      Error(std::string("cycle to ") + GoTypeName(typ));
      return;
    }
    // seen_ holds the path from the root: an invalid infinitely expanding instance
    // (A[P] [10]A[*P]) would otherwise overflow the stack (go/types testdata issue48951).
    // Valid types nest as deep as the parser allows (100,000) and print in full, as gc
    // prints them; the thread's stack (base/stack.h) bounds the rest.
    if (seen_.size() > static_cast<size_t>(syntax::kMaxNestingDepth) ||
        !base::StackAvailable()) {
      seen_.erase(typ);
      Error("...");
      return;
    }
    TypImpl(typ);
    seen_.erase(typ);
  }

  void TypImpl(Type* typ) {
    switch (typ->kind()) {
      case TypeKind::kBasic: {
        auto* t = static_cast<Basic*>(typ);
        if (t->basic_kind() == BasicKind::kUnsafePointer && t->name() == "Pointer") {
          WritePackage(buf_, Unsafe(), Qf());
        }
        String(t->name());
        break;
      }
      case TypeKind::kArray: {
        auto* t = static_cast<Array*>(typ);
        Byte('[');
        String(std::to_string(t->len()));
        Byte(']');
        Typ(t->elem());
        break;
      }
      case TypeKind::kSlice:
        String("[]");
        Typ(static_cast<Slice*>(typ)->elem());
        break;
      case TypeKind::kStruct: {
        auto* t = static_cast<Struct*>(typ);
        String("struct{");
        for (int i = 0; i < t->NumFields(); i++) {
          if (i > 0) Byte(';');
          Var* f = t->Field(i);
          if (!f->embedded()) {
            String(f->name());
            Byte(' ');
          }
          Typ(f->type());
          if (std::string_view tag = t->Tag(i); !tag.empty()) {
            Byte(' ');
            // strconv.Quote, exactly (go/constant's ExactString of a string is that).
            buf_->append(constant::MakeString(std::string(tag)).ExactString());
          }
        }
        Byte('}');
        break;
      }
      case TypeKind::kPointer:
        Byte('*');
        Typ(static_cast<Pointer*>(typ)->elem());
        break;
      case TypeKind::kTuple:
        Tuple_(static_cast<Tuple*>(typ), false);
        break;
      case TypeKind::kSignature:
        String("func");
        Signature_(static_cast<Signature*>(typ));
        break;
      case TypeKind::kUnion: {
        auto* u = static_cast<Union*>(typ);
        if (u->Len() == 0) {
          Error("empty union");
          break;
        }
        for (int i = 0; i < u->Len(); i++) {
          if (i > 0) Byte('|');
          if (u->term(i).tilde) Byte('~');
          Typ(u->term(i).type);
        }
        break;
      }
      case TypeKind::kInterface: {
        auto* t = static_cast<Interface*>(typ);
        if (ctxt_ == nullptr) {
          if (t == UniverseAny()) {
            String("any");
            break;
          }
          if (t == UniverseComparable()->underlying_raw()) {
            String("interface{comparable}");
            break;
          }
        }
        if (t->implicit()) {
          if (t->NumExplicitMethods() == 0 && t->NumEmbeddeds() == 1) {
            Typ(t->EmbeddedType(0));
            break;
          }
          String("/* implicit */ ");
        }
        String("interface{");
        bool first = true;
        if (ctxt_ != nullptr) {
          TypeSet_(t->GetTypeSet());
        } else {
          for (Func* m : t->explicit_methods()) {
            if (!first) Byte(';');
            first = false;
            String(m->name());
            Signature_(m->signature());
          }
          for (Type* e : t->embeddeds()) {
            if (!first) Byte(';');
            first = false;
            Typ(e);
          }
        }
        Byte('}');
        break;
      }
      case TypeKind::kMap: {
        auto* t = static_cast<Map*>(typ);
        String("map[");
        Typ(t->key());
        Byte(']');
        Typ(t->elem());
        break;
      }
      case TypeKind::kChan: {
        auto* t = static_cast<Chan*>(typ);
        bool parens = false;
        switch (t->dir()) {
          case ChanDir::kSendRecv: {
            String("chan ");
            auto* c = DynCast<Chan>(t->elem());
            parens = c != nullptr && c->dir() == ChanDir::kRecvOnly;
            break;
          }
          case ChanDir::kSendOnly:
            String("chan<- ");
            break;
          case ChanDir::kRecvOnly:
            String("<-chan ");
            break;
        }
        if (parens) Byte('(');
        Typ(t->elem());
        if (parens) Byte(')');
        break;
      }
      case TypeKind::kNamed: {
        auto* t = static_cast<Named*>(typ);
        if (ctxt_ != nullptr) String(std::to_string(ContextGetID(ctxt_, t)));
        TypeName_(t->obj());
        if (t->IsInstance() && targs_writer_ != nullptr && *targs_writer_) {
          (*targs_writer_)(buf_, t);
        } else if (t->IsInstance()) {
          TypeList_(t->type_args());
        } else if (ctxt_ == nullptr && !t->type_params().empty()) {
          TParamList_(t->type_params());
        }
        break;
      }
      case TypeKind::kTypeParam: {
        auto* t = static_cast<TypeParam*>(typ);
        if (t->obj() == nullptr) {
          Error("unnamed type parameter");
          break;
        }
        int idx = -1;
        if (tparams_ != nullptr) {
          for (size_t i = 0; i < tparams_->size(); i++) {
            if ((*tparams_)[i] == t) idx = static_cast<int>(i);
          }
        }
        if (idx >= 0) {
          String(absl::StrCat("$", idx));
        } else {
          String(t->obj()->name());
          if (ctxt_ != nullptr) String(Subscript(t->id()));
        }
        break;
      }
    }
  }

  void TypeSet_(const TypeSet* s) {
    bool first = true;
    for (Func* m : s->methods()) {
      if (!first) Byte(';');
      first = false;
      String(m->name());
      Signature_(m->signature());
    }
    const TermList& terms = s->terms();
    bool all = terms.size() == 1 && terms[0].type == nullptr;
    if (all) return;
    if (terms.empty()) {
      String("∅");
      return;
    }
    std::vector<std::string> hashes;
    for (const Term& term : terms) {
      std::string h;
      if (term.tilde) h.push_back('~');
      TypeWriter(&h, nullptr, ctxt_).Typ(term.type);
      hashes.push_back(std::move(h));
    }
    std::sort(hashes.begin(), hashes.end());
    if (!first) Byte(';');
    for (size_t i = 0; i < hashes.size(); i++) {
      if (i > 0) String("|");
      String(hashes[i]);
    }
  }

  void TypeList_(const std::vector<Type*>& list) {
    Byte('[');
    for (size_t i = 0; i < list.size(); i++) {
      if (i > 0) Byte(',');
      Typ(list[i]);
    }
    Byte(']');
  }

  void TParamList_(const std::vector<TypeParam*>& list) {
    Byte('[');
    Type* prev = nullptr;
    for (size_t i = 0; i < list.size(); i++) {
      TypeParam* tpar = list[i];
      if (tpar == nullptr) {
        Error("nil type parameter");
        continue;
      }
      if (i > 0) {
        if (tpar->constraint() != prev) {
          Byte(' ');
          Typ(prev);
        }
        Byte(',');
      }
      prev = tpar->constraint();
      Typ(tpar);
    }
    if (prev != nullptr) {
      Byte(' ');
      Typ(prev);
    }
    Byte(']');
  }

  void TypeName_(TypeName* obj) {
    if (obj->pkg() != nullptr) WritePackage(buf_, obj->pkg(), Qf());
    String(obj->name());
  }

  void Tuple_(Tuple* tup, bool variadic) {
    Byte('(');
    if (tup != nullptr) {
      const auto& vars = tup->vars();
      for (size_t i = 0; i < vars.size(); i++) {
        if (i > 0) Byte(',');
        Var* v = vars[i];
        if (ctxt_ == nullptr && param_names_ && !v->name().empty()) {
          String(v->name());
          Byte(' ');
        }
        Type* typ = v->type();
        if (variadic && i == vars.size() - 1) {
          if (auto* s = DynCast<Slice>(typ)) {
            String("...");
            typ = s->elem();
          } else {
            auto* b = DynCast<Basic>(Under(typ));
            if (b == nullptr || b->basic_kind() != BasicKind::kString) {
              Error("expected string type");
              continue;
            }
            Typ(typ);
            String("...");
            continue;
          }
        }
        Typ(typ);
      }
    }
    Byte(')');
  }

  void Signature_(Signature* sig) {
    if (sig == nullptr) {
      Error("nil");
      return;
    }
    const std::vector<TypeParam*>* saved = tparams_;
    if (!sig->type_params().empty()) {
      if (ctxt_ != nullptr) tparams_ = &sig->type_params();
      TParamList_(sig->type_params());
    }
    Tuple_(sig->params(), sig->variadic());
    int n = TupleLen(sig->results());
    if (n > 0) {
      Byte(' ');
      if (n == 1 && (ctxt_ != nullptr || !param_names_ || sig->results()->At(0)->name().empty())) {
        Typ(sig->results()->At(0)->type());
      } else {
        Tuple_(sig->results(), false);
      }
    }
    tparams_ = saved;
  }

 private:
  bool param_names_ = true;
  const TypeArgsWriter* targs_writer_ = nullptr;
  const Qualifier& Qf() const {
    static const Qualifier kNone;
    return qf_ != nullptr ? *qf_ : kNone;
  }

  std::string* buf_;
  const Qualifier* qf_;
  Context* ctxt_;
  const std::vector<TypeParam*>* tparams_ = nullptr;
  absl::flat_hash_set<Type*> seen_;
};

}  // namespace

Qualifier RelativeTo(const Package* pkg) {
  if (pkg == nullptr) return nullptr;
  return [pkg](const Package* other) -> std::string {
    if (pkg == other) return "";
    return other->path();
  };
}

std::string TypeString(Type* t, const Qualifier& qf) {
  std::string s;
  WriteType(&s, t, qf);
  return s;
}

void WriteType(std::string* buf, Type* t, const Qualifier& qf) {
  TypeWriter(buf, &qf, nullptr).Typ(t);
}

std::string TypeStringWithoutParamNames(Type* t, const Qualifier& qf) {
  return TypeStringWithoutParamNames(t, qf, nullptr);
}

std::string TypeStringWithoutParamNames(Type* t, const Qualifier& qf, const TypeArgsWriter& targs) {
  std::string s;
  TypeWriter w(&s, &qf, nullptr);
  w.OmitParamNames();
  w.SetTypeArgsWriter(&targs);
  w.Typ(t);
  return s;
}

void WriteSignature(std::string* buf, Signature* sig, const Qualifier& qf) {
  TypeWriter(buf, &qf, nullptr).Signature_(sig);
}

void WriteTypeHash(std::string* buf, Type* t, Context* ctxt) {
  TypeWriter(buf, nullptr, ctxt).Typ(t);
}

std::string ObjectString(Object* obj, const Qualifier& qf) {
  std::string buf;
  TypeName* tname = nullptr;
  Type* typ = obj->type();
  switch (obj->kind()) {
    case ObjectKind::kPkgName: {
      auto* p = static_cast<PkgName*>(obj);
      buf = "package " + obj->name();
      if (const std::string& path = p->imported()->path(); !path.empty() && path != obj->name()) {
        buf += " (";
        AppendQuoted(&buf, path);
        buf += ")";
      }
      return buf;
    }
    case ObjectKind::kConst:
      buf = "const";
      break;
    case ObjectKind::kTypeName:
      tname = static_cast<TypeName*>(obj);
      buf = "type";
      if (IsTypeParam(typ)) buf += " parameter";
      break;
    case ObjectKind::kVar:
      buf = static_cast<Var*>(obj)->IsField() ? "field" : "var";
      break;
    case ObjectKind::kFunc: {
      auto* f = static_cast<Func*>(obj);
      buf = "func ";
      Signature* sig = f->signature();
      if (sig != nullptr) {
        if (Var* recv = sig->recv()) {
          buf += '(';
          if (Isa<Interface>(recv->type())) {
            buf += "interface";
          } else {
            WriteType(&buf, recv->type(), qf);
          }
          buf += ").";
        } else if (f->pkg() != nullptr) {
          WritePackage(&buf, f->pkg(), qf);
        }
      }
      buf += f->name();
      if (sig != nullptr) WriteSignature(&buf, sig, qf);
      return buf;
    }
    case ObjectKind::kLabel:
      buf = "label";
      typ = nullptr;
      break;
    case ObjectKind::kBuiltin:
      buf = "builtin";
      typ = nullptr;
      break;
    case ObjectKind::kNil:
      return "nil";
  }
  buf += ' ';
  if (obj->pkg() != nullptr && obj->pkg()->scope()->Lookup(obj->name()) == obj) {
    WritePackage(&buf, obj->pkg(), qf);
  }
  buf += obj->name();
  if (typ == nullptr) return buf;
  if (tname != nullptr) {
    if (Isa<Basic>(typ)) return buf;
    if (auto* n = DynCast<Named>(typ); n != nullptr && !n->type_params().empty()) {
      TypeWriter(&buf, &qf, nullptr).TParamList_(n->type_params());
    }
    if (tname->IsAlias()) {
      buf += " =";
    } else if (auto* tp = DynCast<TypeParam>(typ)) {
      typ = tp->constraint();
    } else {
      typ = Under(typ);
    }
  }
  if (obj->kind() == ObjectKind::kTypeName && obj->name() == "any" && obj->pkg() == nullptr &&
      typ == UniverseAny()) {
    buf += " interface{}";
    return buf;
  }
  buf += ' ';
  WriteType(&buf, typ, qf);
  return buf;
}

}  // namespace heapmap::types
