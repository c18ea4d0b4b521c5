// frontend/types/constant_test.cc — go/constant parity: programs whose expected outputs Go 1.19 produced.
//
// constant_cases.inc holds stack programs and go/constant's output for each, generated
// by tests/gen/constant_cases/main.go (its header documents the instructions). RunProgram()
// below is the C++ twin of that generator's interpreter; a mismatch means heapmap's
// constants differ from Go's.
#include "frontend/types/constant.h"

#include <gtest/gtest.h>

#include <cinttypes>
#include <cstdarg>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace heapmap::types::constant {
namespace {

struct Case {
  const char* prog[12];
  const char* want;
};

const Case kCases[] = {
#include "frontend/types/constant_cases.inc"
};

const char* KindName(Kind k) {
  switch (k) {
    case Kind::kUnknown: return "Unknown";
    case Kind::kBool: return "Bool";
    case Kind::kString: return "String";
    case Kind::kInt: return "Int";
    case Kind::kFloat: return "Float";
    case Kind::kComplex: return "Complex";
  }
  return "?";
}

const std::map<std::string, Op>& Ops() {
  static const auto* ops = new std::map<std::string, Op>{
      {"+", Op::kAdd},   {"-", Op::kSub},    {"*", Op::kMul},   {"/", Op::kQuo},
      {"//", Op::kIntQuo}, {"%", Op::kRem},  {"&", Op::kAnd},   {"|", Op::kOr},
      {"^", Op::kXor},   {"&^", Op::kAndNot}, {"&&", Op::kLAnd}, {"||", Op::kLOr},
      {"!", Op::kNot},   {"==", Op::kEql},   {"!=", Op::kNeq},  {"<", Op::kLss},
      {"<=", Op::kLeq},  {">", Op::kGtr},    {">=", Op::kGeq},
  };
  return *ops;
}

const std::map<std::string, BasicKind>& Kinds() {
  static const auto* kinds = new std::map<std::string, BasicKind>{
      {"int", BasicKind::kInt},
      {"int8", BasicKind::kInt8},
      {"int16", BasicKind::kInt16},
      {"int32", BasicKind::kInt32},
      {"int64", BasicKind::kInt64},
      {"uint", BasicKind::kUint},
      {"uint8", BasicKind::kUint8},
      {"uint16", BasicKind::kUint16},
      {"uint32", BasicKind::kUint32},
      {"uint64", BasicKind::kUint64},
      {"uintptr", BasicKind::kUintptr},
      {"float32", BasicKind::kFloat32},
      {"float64", BasicKind::kFloat64},
      {"complex64", BasicKind::kComplex64},
      {"complex128", BasicKind::kComplex128},
      {"string", BasicKind::kString},
      {"bool", BasicKind::kBool},
      {"untyped_int", BasicKind::kUntypedInt},
      {"untyped_rune", BasicKind::kUntypedRune},
      {"untyped_float", BasicKind::kUntypedFloat},
      {"untyped_complex", BasicKind::kUntypedComplex},
      {"untyped_string", BasicKind::kUntypedString},
      {"untyped_bool", BasicKind::kUntypedBool},
  };
  return *kinds;
}

std::string Fmt(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string Fmt(const char* fmt, ...) {
  char buf[256];
  va_list ap;
  va_start(ap, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  return buf;
}

const char* Bool(bool b) { return b ? "true" : "false"; }

std::string Query(const std::string& q, const Value& v) {
  Kind k = v.kind();
  bool is_int = k == Kind::kInt || k == Kind::kUnknown;
  bool is_real = is_int || k == Kind::kFloat;
  if (q == "i64") {
    if (!is_int) return "i64 -";
    auto [n, ok] = Int64Val(v);
    return Fmt("i64 %" PRId64 " %s", n, Bool(ok));
  }
  if (q == "u64") {
    if (!is_int) return "u64 -";
    auto [n, ok] = Uint64Val(v);
    return Fmt("u64 %" PRIu64 " %s", n, Bool(ok));
  }
  if (q == "f64") {
    if (!is_real) return "f64 -";
    auto [f, ok] = Float64Val(v);
    uint64_t bits;
    std::memcpy(&bits, &f, sizeof bits);
    return Fmt("f64 %016" PRIx64 " %s", bits, Bool(ok));
  }
  if (q == "f32") {
    if (!is_real) return "f32 -";
    auto [f, ok] = Float32Val(v);
    uint32_t bits;
    std::memcpy(&bits, &f, sizeof bits);
    return Fmt("f32 %08" PRIx32 " %s", bits, Bool(ok));
  }
  if (q == "bitlen") return is_int ? Fmt("bitlen %d", BitLen(v)) : "bitlen -";
  if (q == "sign") {
    if (k == Kind::kBool || k == Kind::kString) return "sign -";
    return Fmt("sign %d", Sign(v));
  }
  if (q == "bool") {
    if (k != Kind::kBool && k != Kind::kUnknown) return "bool -";
    return Fmt("bool %s", Bool(BoolVal(v)));
  }
  if (q == "str") {
    if (k != Kind::kString && k != Kind::kUnknown) return "str -";
    std::string out = "str ";
    for (unsigned char c : StringVal(v)) out += Fmt("%02x", c);
    return out;
  }
  return "bad query " + q;
}

BasicKind SourceKind(const std::string& name, const Value& x) {
  if (name != "auto") return Kinds().at(name);
  switch (x.kind()) {
    case Kind::kBool: return BasicKind::kUntypedBool;
    case Kind::kString: return BasicKind::kUntypedString;
    case Kind::kInt: return BasicKind::kUntypedInt;
    case Kind::kFloat: return BasicKind::kUntypedFloat;
    case Kind::kComplex: return BasicKind::kUntypedComplex;
    default: return BasicKind::kInvalid;
  }
}

std::vector<std::string> Fields(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// The twin of the generator's run().
std::string RunProgram(const Case& c) {
  std::vector<Value> st;
  std::vector<std::string> lines;
  bool short_exact = false;
  auto pop = [&] {
    Value v = st.back();
    st.pop_back();
    return v;
  };
  for (const char* const* p = c.prog; p < c.prog + 12 && *p != nullptr; ++p) {
    std::string ins = *p;
    size_t sp = ins.find(' ');
    std::string name = ins.substr(0, sp);
    std::string arg = sp == std::string::npos ? "" : ins.substr(sp + 1);
    if (name == "INT") {
      st.push_back(MakeFromLiteral(arg, LiteralKind::kInt));
    } else if (name == "FLOAT") {
      st.push_back(MakeFromLiteral(arg, LiteralKind::kFloat));
    } else if (name == "IMAG") {
      st.push_back(MakeFromLiteral(arg, LiteralKind::kImag));
    } else if (name == "CHAR") {
      st.push_back(MakeFromLiteral(arg, LiteralKind::kChar));
    } else if (name == "STRING") {
      st.push_back(MakeFromLiteral(arg, LiteralKind::kString));
    } else if (name == "I64") {
      st.push_back(MakeInt64(std::strtoll(arg.c_str(), nullptr, 10)));
    } else if (name == "U64") {
      st.push_back(MakeUint64(std::strtoull(arg.c_str(), nullptr, 10)));
    } else if (name == "F64") {
      st.push_back(MakeFloat64(std::strtod(arg.c_str(), nullptr)));
    } else if (name == "BOOL") {
      st.push_back(MakeBool(arg == "1"));
    } else if (name == "UNKNOWN") {
      st.push_back(MakeUnknown());
    } else if (name == "UN") {
      auto f = Fields(arg);
      unsigned prec = f.size() > 1 ? static_cast<unsigned>(std::stoul(f[1])) : 0;
      Value y = pop();
      st.push_back(UnaryOp(Ops().at(f[0]), y, prec));
    } else if (name == "BIN") {
      Value y = pop(), x = pop();
      st.push_back(BinaryOp(x, Ops().at(arg), y));
    } else if (name == "CMP") {
      Value y = pop(), x = pop();
      st.push_back(MakeBool(Compare(x, Ops().at(arg), y)));
    } else if (name == "SHL" || name == "SHR") {
      Value x = pop();
      st.push_back(Shift(x, name == "SHL" ? Op::kShl : Op::kShr, std::stoull(arg)));
    } else if (name == "TOINT") {
      st.push_back(ToInt(pop()));
    } else if (name == "TOFLOAT") {
      st.push_back(ToFloat(pop()));
    } else if (name == "TOCOMPLEX") {
      st.push_back(ToComplex(pop()));
    } else if (name == "REAL") {
      st.push_back(Real(pop()));
    } else if (name == "IMAGPART") {
      st.push_back(Imag(pop()));
    } else if (name == "MKIMAG") {
      st.push_back(MakeImag(pop()));
    } else if (name == "NUM") {
      st.push_back(Num(pop()));
    } else if (name == "DENOM") {
      st.push_back(Denom(pop()));
    } else if (name == "DUP") {
      st.push_back(st.back());
    } else if (name == "SWAP") {
      std::swap(st[st.size() - 1], st[st.size() - 2]);
    } else if (name == "Q") {
      lines.push_back(Query(arg, st.back()));
    } else if (name == "OVF") {
      lines.push_back(Fmt("ovf %s", Bool(UntypedOverflows(st.back()))));
    } else if (name == "SHORT") {
      short_exact = true;
    } else if (name == "REPR") {
      auto f = Fields(arg);
      int64_t ws = f.size() == 3 ? std::stoll(f[2]) : 8;
      Value x = pop();
      Value v;
      ReprError code = Representation(x, SourceKind(f[0], x), Kinds().at(f[1]), ws, &v);
      lines.push_back(Fmt("repr %d", static_cast<int>(code)));
      st.push_back(code == ReprError::kNone ? v : MakeUnknown());
    } else {
      return "bad instruction " + ins;
    }
  }
  if (!st.empty()) {
    const Value& v = st.back();
    std::string exact = v.ExactString();
    if (short_exact) {
      uint64_t h = 14695981039346656037u;  // FNV-1a 64, as Go's hash/fnv New64a
      for (unsigned char c : exact) h = (h ^ c) * 1099511628211u;
      exact = Fmt("fnv64a:%016" PRIx64, h);
    }
    lines.push_back(std::string(KindName(v.kind())) + "|" + v.String() + "|" + exact);
  }
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += '\n';
    out += lines[i];
  }
  return out;
}

std::string ProgText(const Case& c) {
  std::string s;
  for (const char* const* p = c.prog; p < c.prog + 12 && *p != nullptr; ++p) {
    if (!s.empty()) s += " ; ";
    std::string ins = *p;
    if (ins.size() > 120) ins = ins.substr(0, 120) + "...";
    s += ins;
  }
  return s;
}

TEST(ConstantTest, MatchesGoConstant) {
  ASSERT_GT(std::size(kCases), 3000u);
  int failures = 0;
  for (const Case& c : kCases) {
    std::string got = RunProgram(c);
    if (got != c.want) {
      if (++failures <= 40) {
        ADD_FAILURE() << "program: " << ProgText(c) << "\n got:\n" << got << "\n want:\n" << c.want;
      }
    }
  }
  EXPECT_EQ(failures, 0);
}

// Where go/constant panics, heapmap returns Unknown (or false / zero).
TEST(ConstantTest, MisuseGivesUnknown) {
  Value one = MakeInt64(1), zero = MakeInt64(0);
  EXPECT_EQ(BinaryOp(one, Op::kQuo, zero).kind(), Kind::kUnknown);
  EXPECT_EQ(BinaryOp(one, Op::kIntQuo, zero).kind(), Kind::kUnknown);
  EXPECT_EQ(BinaryOp(one, Op::kRem, zero).kind(), Kind::kUnknown);
  Value half = MakeFromLiteral("0.5", LiteralKind::kFloat);
  EXPECT_EQ(BinaryOp(half, Op::kQuo, MakeFromLiteral("0.0", LiteralKind::kFloat)).kind(),
            Kind::kUnknown);
  Value big = MakeFromLiteral("1e5000", LiteralKind::kFloat);
  EXPECT_EQ(BinaryOp(big, Op::kQuo, zero).kind(), Kind::kUnknown);
  EXPECT_EQ(BinaryOp(one, Op::kAdd, MakeString("s")).kind(), Kind::kUnknown);
  EXPECT_EQ(BinaryOp(MakeBool(true), Op::kAdd, MakeBool(true)).kind(), Kind::kUnknown);
  EXPECT_EQ(BinaryOp(half, Op::kRem, half).kind(), Kind::kUnknown);
  EXPECT_EQ(UnaryOp(Op::kXor, half).kind(), Kind::kUnknown);
  EXPECT_EQ(UnaryOp(Op::kNot, one).kind(), Kind::kUnknown);
  EXPECT_EQ(Shift(half, Op::kShl, 1).kind(), Kind::kUnknown);
  EXPECT_FALSE(Compare(one, Op::kEql, MakeString("1")));
  EXPECT_FALSE(Compare(MakeBool(true), Op::kLss, MakeBool(false)));
  EXPECT_EQ(Int64Val(half).exact, false);
  EXPECT_EQ(Float64Val(MakeString("x")).exact, false);
  Value c = MakeImag(one);
  EXPECT_EQ(BinaryOp(c, Op::kQuo, ToComplex(zero)).kind(), Kind::kUnknown);
}

TEST(ConstantTest, ValueIsCheapAndDefaultUnknown) {
  Value v;
  EXPECT_EQ(v.kind(), Kind::kUnknown);
  EXPECT_EQ(v.String(), "unknown");
  Value big = MakeFromLiteral("1e5000", LiteralKind::kFloat);
  Value copy = big;  // shares the payload
  EXPECT_EQ(copy.ExactString(), big.ExactString());
  EXPECT_LE(sizeof(Value), 32u);
}

// Long chains of string concatenations fold in linear time and are destroyed without
// deep recursion, flattened or not (golang.org/issue/23348).
TEST(ConstantTest, LongStringConcatenation) {
  constexpr int kN = 200000;
  Value piece = MakeFromLiteral("\"ab\"", LiteralKind::kString);
  Value s = MakeString("");
  std::vector<Value> middles;
  for (int i = 0; i < kN; ++i) {
    s = BinaryOp(s, Op::kAdd, piece);
    if (i == kN / 2) middles.push_back(s);
  }
  Value t = BinaryOp(piece, Op::kAdd, s);  // right-nested too
  EXPECT_EQ(StringVal(s).size(), 2u * kN);
  EXPECT_EQ(StringVal(middles[0]).size(), 2u * (kN / 2 + 1));
  EXPECT_EQ(StringVal(t).substr(0, 6), "ababab");
  EXPECT_TRUE(Compare(s, Op::kLss, t));
  EXPECT_EQ(s.String().size(), 72u);
  Value unflattened = MakeString("");
  for (int i = 0; i < kN; ++i) unflattened = BinaryOp(unflattened, Op::kAdd, piece);
  unflattened = Value();  // destroys the chain
  // Concurrent flattening of shared subchains.
  Value base = MakeString("");
  for (int i = 0; i < 1000; ++i) base = BinaryOp(base, Op::kAdd, piece);
  std::vector<Value> tops;
  for (int t = 0; t < 4; ++t) tops.push_back(BinaryOp(base, Op::kAdd, MakeString(std::to_string(t))));
  std::vector<std::thread> threads;
  std::vector<size_t> sizes(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] { sizes[t] = StringVal(tops[t]).size() + StringVal(base).size(); });
  }
  for (auto& th : threads) th.join();
  for (size_t n : sizes) EXPECT_EQ(n, 4001u);
}

// Distinct threads computing with shared and fresh values agree with one thread.
TEST(ConstantTest, ThreadSafe) {
  Value third = BinaryOp(MakeInt64(1), Op::kQuo, MakeInt64(3));
  Value huge = MakeFromLiteral("1e5000", LiteralKind::kFloat);
  auto work = [&] {
    std::string s;
    for (int i = 0; i < 200; ++i) {
      Value x = BinaryOp(huge, Op::kMul, third);
      x = BinaryOp(x, Op::kQuo, MakeFromLiteral("1e4999", LiteralKind::kFloat));
      s = x.String() + x.ExactString() + Shift(MakeInt64(i), Op::kShl, 500).String() +
          std::to_string(Float32Val(third).value) +
          MakeFromLiteral("1.0000001e-40", LiteralKind::kFloat).String();
    }
    return s;
  };
  std::string want = work();
  std::vector<std::string> got(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back([&, t] { got[t] = work(); });
  for (auto& t : threads) t.join();
  for (const auto& g : got) EXPECT_EQ(g, want);
}

}  // namespace
}  // namespace heapmap::types::constant
