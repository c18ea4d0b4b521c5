// frontend/types/dump.cc — the checker's results as text (tests/types_oracle/README.md formats).
#include "frontend/types/dump.h"

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "absl/container/flat_hash_set.h"
#include "frontend/syntax/ast_walk.h"
#include "frontend/types/object.h"
#include "frontend/types/scope.h"
#include "frontend/types/typestring.h"

namespace heapmap::types {
namespace {

const char* ModeWord(const TypeAndValue& tv) {
  switch (tv.mode) {
    case Mode::kNoValue: return "novalue";
    case Mode::kBuiltin: return "builtin";
    case Mode::kTypeExpr: return "type";
    case Mode::kConstant: return "constant";
    case Mode::kNil: return "nil";
    case Mode::kVariable: return "variable";
    case Mode::kMapIndex: return "mapindex";
    case Mode::kCommaOk: return "commaok";
    case Mode::kValue:
    case Mode::kCommaErr: {
      const Basic* b = DynCast<Basic>(tv.type);
      if (b != nullptr && b->basic_kind() == BasicKind::kUntypedNil) return "nil";
      return "value";
    }
    case Mode::kInvalid: break;
  }
  return "invalid";
}

void AppendEscaped(std::string* out, const std::string& s) {
  for (char c : s) {
    if (c == '\t') {
      out->append("\\t");
    } else if (c == '\n') {
      out->append("\\n");
    } else if (c == '\r') {
      out->append("\\r");
    } else {
      out->push_back(c);
    }
  }
}

std::string TypeText(Type* t) {
  if (t == nullptr) return "()";  // a call without results: go/types' empty tuple
  std::string s = TypeString(t, nullptr);
  std::string out;
  AppendEscaped(&out, s);
  return out;
}

void AppendPos(std::string* out, syntax::Pos p) {
  out->append(std::to_string(p.line));
  out->push_back(':');
  out->append(std::to_string(p.col));
}

struct Line {
  uint32_t sl, sc, el, ec;
  int role;
  std::string text;
};

void SortAppend(std::vector<Line>* lines, std::string* out) {
  std::sort(lines->begin(), lines->end(), [](const Line& a, const Line& b) {
    return std::tie(a.sl, a.sc, a.el, a.ec, a.role) < std::tie(b.sl, b.sc, b.el, b.ec, b.role);
  });
  for (const Line& l : *lines) {
    out->append(l.text);
    out->push_back('\n');
  }
}

}  // namespace

DumpPathFn RelativeToRoots(std::vector<std::string> roots) {
  for (std::string& r : roots) {
    while (r.size() > 1 && r.back() == '/') r.pop_back();
  }
  return [roots = std::move(roots)](const std::string& path) -> std::string {
    for (const std::string& r : roots) {
      if (path.size() > r.size() + 1 && path.compare(0, r.size(), r) == 0 &&
          path[r.size()] == '/') {
        return path.substr(r.size() + 1);
      }
    }
    return path;
  };
}

namespace {

constexpr uint64_t kFnvOffset = 14695981039346656037ull;

uint64_t Fnv(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string LongString(uint64_t len, uint64_t hash) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "len=%llu fnv1a64=%016llx", static_cast<unsigned long long>(len),
                static_cast<unsigned long long>(hash));
  return buf;
}

// Length and FNV-1a hash of a string constant.
struct StrSum {
  uint64_t len = 0;
  uint64_t hash = kFnvOffset;
};

}  // namespace

std::string DumpConstant(const constant::Value& v) {
  if (v.kind() == constant::Kind::kString) {
    std::string s = constant::StringVal(v);
    if (s.size() > 100) return LongString(s.size(), Fnv(kFnvOffset, s));
  }
  std::string out;
  AppendEscaped(&out, v.ExactString());
  return out;
}

void DumpTypes(const Info& info, const std::vector<const syntax::ParsedFile*>& files,
               const DumpPathFn& rel, std::string* out) {
  for (const syntax::ParsedFile* pf : files) {
    if (pf == nullptr || pf->ast == nullptr) continue;
    const syntax::File& file = *pf->ast;
    std::string name = rel(pf->filename);
    std::vector<Line> lines;
    absl::flat_hash_set<const syntax::Node*> seen;
    std::vector<std::pair<syntax::Node*, const TypeAndValue*>> nodes;  // pre-order
    syntax::Walk(pf->ast, [&](syntax::Node* n) {
      if (!syntax::Isa<syntax::Expr>(n)) return true;
      if (!seen.insert(n).second) return false;
      auto it = info.types.find(static_cast<const syntax::Expr*>(n));
      if (it != info.types.end()) nodes.emplace_back(n, &it->second);
      return true;
    });
    // String constants: "a" + "b" + ... chains thousands long (time/tzdata) are ropes;
    // flattening every intermediate value would take quadratic memory. Sum them bottom-up
    // instead (children before parents: reverse pre-order), from the operands' sums.
    absl::flat_hash_map<const syntax::Node*, StrSum> sums;
    std::vector<std::string> values(nodes.size());
    for (size_t i = nodes.size(); i-- > 0;) {
      syntax::Node* n = nodes[i].first;
      const TypeAndValue& tv = *nodes[i].second;
      if (tv.mode != Mode::kConstant) continue;
      if (tv.value.kind() != constant::Kind::kString) {
        values[i] = DumpConstant(tv.value);
        continue;
      }
      StrSum sum;
      bool done = false;
      if (auto* p = syntax::DynCast<syntax::ParenExpr>(n)) {
        auto it = sums.find(p->x);
        if (it != sums.end()) {
          sum = it->second;
          done = true;
        }
      } else if (auto* b = syntax::DynCast<syntax::BinaryExpr>(n);
                 b != nullptr && b->op == syntax::Operator::kAdd) {
        auto lx = sums.find(b->x);
        auto ly = sums.find(b->y);
        auto ty = info.types.find(b->y);
        if (lx != sums.end() && ly != sums.end() && ty != info.types.end()) {
          sum.len = lx->second.len + ly->second.len;
          sum.hash = Fnv(lx->second.hash, constant::StringVal(ty->second.value));
          done = true;
        }
      }
      if (!done) {
        std::string s = constant::StringVal(tv.value);
        sum.len = s.size();
        sum.hash = Fnv(kFnvOffset, s);
      }
      sums[n] = sum;
      values[i] = sum.len > 100 ? LongString(sum.len, sum.hash) : DumpConstant(tv.value);
    }
    for (size_t i = 0; i < nodes.size(); ++i) {
      syntax::Node* n = nodes[i].first;
      const TypeAndValue& tv = *nodes[i].second;
      syntax::Pos s = syntax::PosOf(file, n->begin);
      syntax::Pos e = syntax::PosOf(file, n->end);
      Line l{s.line, s.col, e.line, e.col, 0, {}};
      std::string& t = l.text;
      t = name;
      t.push_back('\t');
      AppendPos(&t, s);
      t.push_back('\t');
      AppendPos(&t, e);
      t.push_back('\t');
      const char* mode = ModeWord(tv);
      t.append(mode);
      t.push_back('\t');
      t.append(TypeText(tv.type));
      t.push_back('\t');
      if (tv.mode == Mode::kConstant) t.append(values[i]);
      t.push_back('\t');
      t.append(syntax::NodeKindName(n->kind));
      lines.push_back(std::move(l));
    }
    SortAppend(&lines, out);
  }
}

namespace {

const char* ObjectKindWord(Object* obj) {
  switch (obj->kind()) {
    case ObjectKind::kPkgName: return "pkgname";
    case ObjectKind::kConst: return "const";
    case ObjectKind::kTypeName: return "type";
    case ObjectKind::kVar: return static_cast<Var*>(obj)->IsField() ? "field" : "var";
    case ObjectKind::kFunc: {
      Signature* sig = static_cast<Func*>(obj)->signature();
      return sig != nullptr && sig->recv() != nullptr ? "method" : "func";
    }
    case ObjectKind::kLabel: return "label";
    case ObjectKind::kBuiltin: return "builtin";
    case ObjectKind::kNil: return "nil";
  }
  return "?";
}

}  // namespace

void DumpObjects(const Info& info, const Package* pkg,
                 const std::vector<const syntax::ParsedFile*>& files, const DumpPathFn& rel,
                 std::string* out) {
  absl::flat_hash_map<const Package*, std::vector<std::string>> relnames;
  auto decl_of = [&](Object* obj) -> std::string {
    if (obj->file() < 0 || !obj->pos().IsKnown()) return "-";
    const Package* p = obj->pkg() != nullptr ? obj->pkg() : pkg;
    if (p == nullptr || static_cast<size_t>(obj->file()) >= p->files().size()) return "-";
    auto [it, inserted] = relnames.try_emplace(p);
    if (inserted) {
      for (const std::string& f : p->files()) it->second.push_back(rel(f));
    }
    std::string s = it->second[obj->file()];
    s.push_back(':');
    AppendPos(&s, obj->pos());
    return s;
  };
  for (const syntax::ParsedFile* pf : files) {
    if (pf == nullptr || pf->ast == nullptr) continue;
    std::string name = rel(pf->filename);
    std::vector<Line> lines;
    absl::flat_hash_set<const syntax::Node*> seen;
    syntax::Walk(pf->ast, [&](syntax::Node* n) {
      if (n->kind != syntax::NodeKind::kName) return true;
      if (!seen.insert(n).second) return false;
      const auto* id = static_cast<const syntax::Name*>(n);
      for (int role = 0; role < 2; ++role) {
        const auto& map = role == 0 ? info.defs : info.uses;
        auto it = map.find(id);
        if (it == map.end()) continue;
        Object* obj = it->second;
        syntax::Pos p = n->pos;
        Line l{p.line, p.col, 0, 0, role, {}};
        std::string& t = l.text;
        t = name;
        t.push_back('\t');
        AppendPos(&t, p);
        t.append(role == 0 ? "\tdef\t" : "\tuse\t");
        if (obj == nullptr) {
          t.append("-\t");
          t.append(id->value);
          t.append("\t-\t-");
        } else {
          t.append(ObjectKindWord(obj));
          t.push_back('\t');
          t.append(id->value);
          t.push_back('\t');
          ObjectKind k = obj->kind();
          if (k == ObjectKind::kPkgName || k == ObjectKind::kLabel || k == ObjectKind::kBuiltin) {
            t.push_back('-');
          } else {
            t.append(TypeText(obj->type()));
          }
          t.push_back('\t');
          t.append(decl_of(obj));
        }
        lines.push_back(std::move(l));
      }
      return true;
    });
    SortAppend(&lines, out);
  }
}

void DumpSizes(Package* pkg, const Sizes& sizes, std::string* out) {
  for (std::string_view name : pkg->scope()->Names()) {
    auto* tn = DynCast<TypeName>(pkg->scope()->Lookup(name));
    if (tn == nullptr || tn->IsAlias()) continue;
    auto* named = DynCast<Named>(tn->type());
    if (named == nullptr || !named->type_params().empty()) continue;
    auto* st = DynCast<Struct>(named->Underlying());
    if (st == nullptr) continue;
    out->append(pkg->path());
    out->push_back('.');
    out->append(name);
    out->push_back('\t');
    out->append(std::to_string(sizes.Sizeof(named)));
    out->push_back('\t');
    out->append(std::to_string(sizes.Alignof(named)));
    out->push_back('\t');
    std::vector<int64_t> offs = sizes.Offsetsof(st->fields());
    for (size_t i = 0; i < offs.size(); ++i) {
      if (i > 0) out->push_back(',');
      out->append(std::to_string(offs[i]));
    }
    out->push_back('\n');
  }
}

}  // namespace heapmap::types
