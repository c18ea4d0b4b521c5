// frontend/types/constant.cc — go/constant's values on GMP (ints, fractions) and MPFR (512-bit floats).
//
// The representation rules are go/constant's (Go 1.19 src/go/constant/value.go):
//   Int:   int64 when it fits, else a GMP integer.
//   Float: an exact fraction while numerator and denominator have < 4096 bits, else a
//          512-bit MPFR float (round to nearest even, like big.Float); once a float,
//          results stay floats.
// MPFR's exponent range and rounding are thread-local globals: every MPFR call passes
// its rounding mode, and GoExpRange() sets big.Float's exponent range on the calling
// thread before float arithmetic.
#include "frontend/types/constant.h"

#include <gmp.h>
#include <mpfr.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <mutex>
#include <utility>
#include <vector>

#include "base/utf8.h"

namespace heapmap::types {
namespace constant {

static_assert(sizeof(long) == 8, "GMP's long-based calls are used for int64 values");

namespace {
#include "frontend/types/constant_isprint.inc"
}  // namespace

// ---------------------------------------------------------------------------
// Payloads. Each is built once and then only read, so sharing is thread-safe.

struct Value::Payload {
  virtual ~Payload() = default;
};

namespace {

using Rep = Value::Rep;

constexpr mpfr_prec_t kPrec = 512;  // go/constant's prec
constexpr int kMaxExp = 4 << 10;    // go/constant's maxExp

// big.Float's exponent range is int32 (for the 0.mant form, as in MPFR).
void GoExpRange() {
  constexpr mpfr_exp_t kMin = std::numeric_limits<int32_t>::min();
  constexpr mpfr_exp_t kMax = std::numeric_limits<int32_t>::max();
  if (mpfr_get_emin() != kMin) mpfr_set_emin(kMin);
  if (mpfr_get_emax() != kMax) mpfr_set_emax(kMax);
}

struct BigIntP final : Value::Payload {
  mpz_t v;
  BigIntP() { mpz_init(v); }
  ~BigIntP() override { mpz_clear(v); }
};
struct RatP final : Value::Payload {
  mpq_t v;
  RatP() { mpq_init(v); }
  ~RatP() override { mpq_clear(v); }
};
struct FloatP final : Value::Payload {
  mpfr_t v;
  explicit FloatP(mpfr_prec_t prec = kPrec) {
    GoExpRange();
    mpfr_init2(v, prec);
  }
  ~FloatP() override { mpfr_clear(v); }
};
// A string, or (like go/constant's stringVal) a lazy concatenation l + r that is
// flattened on first use: folding a long chain a + b + c + ... of constants then costs
// linear rather than quadratic time (golang.org/issue/23348).
struct StrP final : Value::Payload {
  explicit StrP(std::string str) : s_(std::move(str)) {}
  StrP(std::shared_ptr<const StrP> l, std::shared_ptr<const StrP> r)
      : l_(std::move(l)), r_(std::move(r)) {}
  ~StrP() override;
  const std::string& Get() const;

 private:
  // Guards the lazy state; after l_ is reset, s_ never changes again.
  mutable std::mutex mu_;
  mutable std::string s_;
  mutable std::shared_ptr<const StrP> l_, r_;
};

const std::string& StrP::Get() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (l_ != nullptr) {
    // Collect the leaves left to right with an explicit stack: chains are deep.
    std::string out;
    std::vector<std::shared_ptr<const StrP>> stack = {r_, l_};
    while (!stack.empty()) {
      std::shared_ptr<const StrP> n = std::move(stack.back());
      stack.pop_back();
      std::unique_lock<std::mutex> child(n->mu_);  // parent-to-child order: no cycles
      if (n->l_ == nullptr) {
        out += n->s_;
      } else {
        stack.push_back(n->r_);
        stack.push_back(n->l_);
      }
    }
    s_ = std::move(out);
    l_.reset();
    r_.reset();
  }
  return s_;
}

StrP::~StrP() {
  // Unlink children iteratively so destroying a long unflattened chain cannot
  // overflow the stack.
  std::vector<std::shared_ptr<const StrP>> stack;
  if (l_ != nullptr) stack.push_back(std::move(l_));
  if (r_ != nullptr) stack.push_back(std::move(r_));
  while (!stack.empty()) {
    std::shared_ptr<const StrP> n = std::move(stack.back());
    stack.pop_back();
    if (n.use_count() == 1) {  // the last owner: take its children before it dies
      if (n->l_ != nullptr) stack.push_back(std::move(n->l_));
      if (n->r_ != nullptr) stack.push_back(std::move(n->r_));
    }
  }
}
struct ComplexP final : Value::Payload {
  Value re, im;
  ComplexP(Value r, Value i) : re(std::move(r)), im(std::move(i)) {}
};

// RAII temporaries.
struct Z {
  mpz_t v;
  Z() { mpz_init(v); }
  ~Z() { mpz_clear(v); }
  Z(const Z&) = delete;
  Z& operator=(const Z&) = delete;
};
struct Q {
  mpq_t v;
  Q() { mpq_init(v); }
  ~Q() { mpq_clear(v); }
  Q(const Q&) = delete;
  Q& operator=(const Q&) = delete;
};
struct F {
  mpfr_t v;
  // Every float temporary sets big.Float's exponent range on this thread first.
  explicit F(mpfr_prec_t prec = kPrec) {
    GoExpRange();
    mpfr_init2(v, prec);
  }
  ~F() { mpfr_clear(v); }
  F(const F&) = delete;
  F& operator=(const F&) = delete;
};

const mpz_t& ZOf(const Value& x) { return static_cast<const BigIntP*>(x.payload())->v; }
const mpq_t& QOf(const Value& x) { return static_cast<const RatP*>(x.payload())->v; }
const mpfr_t& FOf(const Value& x) { return static_cast<const FloatP*>(x.payload())->v; }
const std::string& SOf(const Value& x) { return static_cast<const StrP*>(x.payload())->Get(); }
std::shared_ptr<const StrP> StrOf(const Value& x) {
  return std::static_pointer_cast<const StrP>(x.shared_payload());
}
const ComplexP& COf(const Value& x) { return *static_cast<const ComplexP*>(x.payload()); }

Value Unknown() { return Value(); }
Value I64(int64_t x) { return Value(Rep::kInt64, x, nullptr); }

// makeInt: int64 when it fits.
Value MakeIntZ(const mpz_t z) {
  if (mpz_fits_slong_p(z)) return I64(mpz_get_si(z));
  auto p = std::make_shared<BigIntP>();
  mpz_set(p->v, z);
  return Value(Rep::kBigInt, 0, std::move(p));
}

// A ratVal holding q (no size check).
Value RatVal(const mpq_t q) {
  auto p = std::make_shared<RatP>();
  mpq_set(p->v, q);
  return Value(Rep::kRat, 0, std::move(p));
}

// A floatVal holding f rounded to 512 bits (no -0/Inf normalization).
Value FloatValRaw(const mpfr_t f) {
  auto p = std::make_shared<FloatP>();
  mpfr_set(p->v, f, MPFR_RNDN);
  return Value(Rep::kFloat, 0, std::move(p));
}

Value FloatZero() {
  auto p = std::make_shared<FloatP>();
  mpfr_set_zero(p->v, 1);
  return Value(Rep::kFloat, 0, std::move(p));
}

bool SmallIntZ(const mpz_t z) { return mpz_sizeinbase(z, 2) < static_cast<size_t>(kMaxExp); }

Value RatToFloatVal(const mpq_t q) {
  GoExpRange();
  auto p = std::make_shared<FloatP>();
  mpfr_set_q(p->v, q, MPFR_RNDN);
  return Value(Rep::kFloat, 0, std::move(p));
}

// makeRat: a fraction while its parts are small, else a float.
Value MakeRatQ(const mpq_t q) {
  if (SmallIntZ(mpq_numref(q)) && SmallIntZ(mpq_denref(q))) return RatVal(q);
  return RatToFloatVal(q);
}

// makeFloat: -0 -> 0, Inf (and NaN) -> Unknown.
Value MakeFloatF(const mpfr_t f) {
  if (mpfr_nan_p(f) || mpfr_inf_p(f)) return Unknown();
  if (mpfr_zero_p(f)) return FloatZero();
  return FloatValRaw(f);
}

Value MakeComplexV(const Value& re, const Value& im) {
  if (re.kind() == Kind::kUnknown || im.kind() == Kind::kUnknown) return Unknown();
  return Value(Rep::kComplex, 0, std::make_shared<ComplexP>(re, im));
}

// smallFloat: exponent within (-maxExp, maxExp). MPFR's exponent is big.Float's MantExp.
bool SmallFloatF(const mpfr_t f) {
  if (mpfr_inf_p(f) || mpfr_nan_p(f)) return false;
  if (mpfr_zero_p(f)) return true;
  mpfr_exp_t e = mpfr_get_exp(f);
  return -kMaxExp < e && e < kMaxExp;
}

// Conversions between representations (go/constant's i64toi & co).
void ToZ(const Value& x, mpz_t out) {
  if (x.rep() == Rep::kInt64) {
    mpz_set_si(out, x.small());
  } else {
    mpz_set(out, ZOf(x));
  }
}
void ToQ(const Value& x, mpq_t out) {
  switch (x.rep()) {
    case Rep::kInt64: mpq_set_si(out, x.small(), 1); break;
    case Rep::kBigInt: mpq_set_z(out, ZOf(x)); break;
    default: mpq_set(out, QOf(x)); break;
  }
}
void ToF(const Value& x, mpfr_t out) {
  switch (x.rep()) {
    case Rep::kInt64: mpfr_set_si(out, x.small(), MPFR_RNDN); break;
    case Rep::kBigInt: mpfr_set_z(out, ZOf(x), MPFR_RNDN); break;
    case Rep::kRat: mpfr_set_q(out, QOf(x), MPFR_RNDN); break;
    default: mpfr_set(out, FOf(x), MPFR_RNDN); break;
  }
}

// ---------------------------------------------------------------------------
// UTF-8 and strconv.Quote / Unquote.

constexpr uint32_t kRuneError = 0xFFFD;
constexpr uint32_t kMaxRune = 0x10FFFF;

// utf8.DecodeRuneInString: (RuneError, 1) for invalid encodings.
std::pair<uint32_t, size_t> DecodeRune(std::string_view s) {
  if (s.empty()) return {kRuneError, 0};
  auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 < 0x80) return {b0, 1};
  size_t n;
  uint32_t r, min;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2, r = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3, r = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4, r = b0 & 0x07, min = 0x10000;
  } else {
    return {kRuneError, 1};
  }
  if (s.size() < n) return {kRuneError, 1};
  for (size_t i = 1; i < n; ++i) {
    auto b = static_cast<unsigned char>(s[i]);
    if ((b & 0xC0) != 0x80) return {kRuneError, 1};
    r = r << 6 | (b & 0x3F);
  }
  if (r < min || r > kMaxRune || (r >= 0xD800 && r <= 0xDFFF)) return {kRuneError, 1};
  return {r, n};
}

bool ValidRune(uint32_t r) { return r <= kMaxRune && !(r >= 0xD800 && r <= 0xDFFF); }

void AppendRune(std::string& out, uint32_t r) {
  base::AppendUtf8(ValidRune(r) ? r : kRuneError, &out);
}

// First index i with table[i] >= x.
template <typename T, size_t N>
size_t BSearch(const T (&table)[N], T x) {
  size_t i = 0, j = N;
  while (i < j) {
    size_t h = i + (j - i) / 2;
    if (table[h] < x) {
      i = h + 1;
    } else {
      j = h;
    }
  }
  return i;
}

// strconv.IsPrint.
bool IsPrint(uint32_t r) {
  if (r <= 0xFF) {
    if (0x20 <= r && r <= 0x7E) return true;
    if (0xA1 <= r && r <= 0xFF) return r != 0xAD;
    return false;
  }
  if (r < 1 << 16) {
    auto rr = static_cast<uint16_t>(r);
    size_t i = BSearch(kIsPrint16, rr);
    constexpr size_t n = std::size(kIsPrint16);
    if (i >= n || rr < kIsPrint16[i & ~size_t{1}] || kIsPrint16[i | 1] < rr) return false;
    size_t j = BSearch(kIsNotPrint16, rr);
    return j >= std::size(kIsNotPrint16) || kIsNotPrint16[j] != rr;
  }
  size_t i = BSearch(kIsPrint32, r);
  constexpr size_t n = std::size(kIsPrint32);
  if (i >= n || r < kIsPrint32[i & ~size_t{1}] || kIsPrint32[i | 1] < r) return false;
  if (r >= 0x20000) return true;
  auto rr = static_cast<uint16_t>(r - 0x10000);
  size_t j = BSearch(kIsNotPrint32, rr);
  return j >= std::size(kIsNotPrint32) || kIsNotPrint32[j] != rr;
}

constexpr char kLowerHex[] = "0123456789abcdef";

// strconv.Quote.
std::string GoQuote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  while (!s.empty()) {
    auto [r, width] = DecodeRune(s);
    if (width == 1 && r == kRuneError) {
      auto b = static_cast<unsigned char>(s[0]);
      out += "\\x";
      out += kLowerHex[b >> 4];
      out += kLowerHex[b & 0xF];
      s.remove_prefix(1);
      continue;
    }
    s.remove_prefix(width);
    if (r == '"' || r == '\\') {
      out += '\\';
      out += static_cast<char>(r);
      continue;
    }
    if (IsPrint(r)) {
      AppendRune(out, r);
      continue;
    }
    switch (r) {
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\v': out += "\\v"; break;
      default:
        if (r < ' ' || r == 0x7F) {
          out += "\\x";
          out += kLowerHex[(r >> 4) & 0xF];
          out += kLowerHex[r & 0xF];
        } else if (r < 0x10000) {
          out += "\\u";
          for (int sh = 12; sh >= 0; sh -= 4) out += kLowerHex[(r >> sh) & 0xF];
        } else {
          out += "\\U";
          for (int sh = 28; sh >= 0; sh -= 4) out += kLowerHex[(r >> sh) & 0xF];
        }
    }
  }
  out += '"';
  return out;
}

// strconv.UnquoteChar: decodes the first character or escape of s; false on syntax error.
bool UnquoteChar(std::string_view& s, char quote, uint32_t* value, bool* multibyte) {
  *multibyte = false;
  if (s.empty()) return false;
  char c = s[0];
  if (c == quote && (quote == '\'' || quote == '"')) return false;
  if (static_cast<unsigned char>(c) >= 0x80) {
    auto [r, size] = DecodeRune(s);
    s.remove_prefix(size);
    *value = r;
    *multibyte = true;
    return true;
  }
  if (c != '\\') {
    *value = static_cast<unsigned char>(c);
    s.remove_prefix(1);
    return true;
  }
  if (s.size() <= 1) return false;
  c = s[1];
  s.remove_prefix(2);
  switch (c) {
    case 'a': *value = '\a'; break;
    case 'b': *value = '\b'; break;
    case 'f': *value = '\f'; break;
    case 'n': *value = '\n'; break;
    case 'r': *value = '\r'; break;
    case 't': *value = '\t'; break;
    case 'v': *value = '\v'; break;
    case 'x':
    case 'u':
    case 'U': {
      size_t n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
      if (s.size() < n) return false;
      uint32_t v = 0;
      for (size_t j = 0; j < n; ++j) {
        int x = base::HexDigitValue(s[j]);
        if (x < 0) return false;
        v = v << 4 | static_cast<uint32_t>(x);
      }
      s.remove_prefix(n);
      if (c == 'x') {
        *value = v;  // a single byte, possibly not UTF-8
        break;
      }
      if (!ValidRune(v)) return false;
      *value = v;
      *multibyte = true;
      break;
    }
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
      uint32_t v = static_cast<uint32_t>(c - '0');
      if (s.size() < 2) return false;
      for (size_t j = 0; j < 2; ++j) {
        int x = s[j] - '0';
        if (x < 0 || x > 7) return false;
        v = v << 3 | static_cast<uint32_t>(x);
      }
      s.remove_prefix(2);
      if (v > 255) return false;
      *value = v;
      break;
    }
    case '\\': *value = '\\'; break;
    case '\'':
    case '"':
      if (c != quote) return false;
      *value = static_cast<unsigned char>(c);
      break;
    default:
      return false;
  }
  return true;
}

// strconv.Unquote.
bool GoUnquote(std::string_view in, std::string* out) {
  if (in.size() < 2) return false;
  char quote = in[0];
  size_t end = in.find(quote, 1);
  if (end == std::string_view::npos) return false;
  end += 1;  // position after the (first) terminating quote
  if (quote == '`') {
    if (end != in.size()) return false;  // Unquote requires no remainder
    out->clear();
    for (size_t i = 1; i + 1 < end; ++i) {
      if (in[i] != '\r') *out += in[i];  // raw strings drop carriage returns
    }
    return true;
  }
  if (quote != '"' && quote != '\'') return false;
  std::string_view rest = in.substr(1);
  out->clear();
  while (!rest.empty() && rest[0] != quote) {
    if (rest[0] == '\n') return false;
    uint32_t r;
    bool multibyte;
    if (!UnquoteChar(rest, quote, &r, &multibyte)) return false;
    if (r < 0x80 || !multibyte) {
      *out += static_cast<char>(r);
    } else {
      AppendRune(*out, r);
    }
    if (quote == '\'') break;  // a single character
  }
  if (rest.empty() || rest[0] != quote) return false;
  rest.remove_prefix(1);
  return rest.empty();  // Unquote rejects trailing text
}

// ---------------------------------------------------------------------------
// Number scanning: a port of math/big's nat.scan, scanSign and scanExponent.

struct Scanner {
  std::string_view s;
  size_t pos = 0;
  bool Eof() const { return pos >= s.size(); }
  char Peek() const { return s[pos]; }
};

bool ScanSign(Scanner& r) {
  if (r.Eof()) return false;
  if (r.Peek() == '-') {
    ++r.pos;
    return true;
  }
  if (r.Peek() == '+') ++r.pos;
  return false;
}

// nat.scan with base 0. On success sets *z, *base, *count (digits; for fractions
// count = -(digits after the point)).
bool ScanMantissa(Scanner& r, bool frac_ok, mpz_t z, int* base_out, int64_t* count_out) {
  char prev = '.';
  bool inval_sep = false;
  int64_t count = 0;
  int b = 10;
  char prefix = 0;
  if (r.Eof()) return false;  // scanSign already failed on empty input in big
  if (r.Peek() == '0') {
    prev = '0';
    count = 1;
    ++r.pos;
    if (!r.Eof()) {
      switch (r.Peek()) {
        case 'b': case 'B': b = 2, prefix = 'b'; break;
        case 'o': case 'O': b = 8, prefix = 'o'; break;
        case 'x': case 'X': b = 16, prefix = 'x'; break;
        default:
          if (!frac_ok) b = 8, prefix = '0';
      }
      if (prefix != 0) {
        count = 0;
        if (prefix != '0') ++r.pos;
      }
    }
  }
  std::string digits;
  int64_t dp = -1;
  while (!r.Eof()) {
    char ch = r.Peek();
    if (ch == '.' && frac_ok) {
      frac_ok = false;
      if (prev == '_') inval_sep = true;
      prev = '.';
      dp = count;
    } else if (ch == '_') {
      if (prev != '0') inval_sep = true;
      prev = '_';
    } else {
      int d;
      if (ch >= '0' && ch <= '9') {
        d = ch - '0';
      } else if (ch >= 'a' && ch <= 'z') {
        d = ch - 'a' + 10;
      } else if (ch >= 'A' && ch <= 'Z') {
        d = ch - 'A' + 10;
      } else {
        d = 1000;
      }
      if (d >= b) break;
      prev = '0';
      ++count;
      digits += ch;
    }
    ++r.pos;
  }
  if (inval_sep || prev == '_') return false;
  if (count == 0) {
    if (prefix == '0') {
      // Only the octal prefix 0: the value 0 in base 10.
      mpz_set_ui(z, 0);
      *base_out = 10;
      *count_out = 1;
      return true;
    }
    return false;
  }
  if (digits.empty()) {
    mpz_set_ui(z, 0);
  } else if (mpz_set_str(z, digits.c_str(), b) != 0) {
    return false;
  }
  if (dp >= 0) count = dp - count;
  *base_out = b;
  *count_out = count;
  return true;
}

bool ScanExponent(Scanner& r, bool base2ok, bool sep_ok, int64_t* exp, int* ebase) {
  *exp = 0;
  *ebase = 10;
  if (r.Eof()) return true;
  char ch = r.Peek();
  if (ch == 'e' || ch == 'E') {
    *ebase = 10;
  } else if ((ch == 'p' || ch == 'P') && base2ok) {
    *ebase = 2;
  } else {
    return true;
  }
  ++r.pos;
  bool neg = false;
  if (!r.Eof() && (r.Peek() == '+' || r.Peek() == '-')) {
    neg = r.Peek() == '-';
    ++r.pos;
  }
  char prev = '.';
  bool inval_sep = false, has_digits = false, overflow = false;
  uint64_t v = 0;
  while (!r.Eof()) {
    ch = r.Peek();
    if (ch >= '0' && ch <= '9') {
      if (v > (std::numeric_limits<uint64_t>::max() - 9) / 10) overflow = true;
      v = v * 10 + static_cast<uint64_t>(ch - '0');
      prev = '0';
      has_digits = true;
    } else if (ch == '_' && sep_ok) {
      if (prev != '0') inval_sep = true;
      prev = '_';
    } else {
      break;
    }
    ++r.pos;
  }
  if (!has_digits) return false;
  // strconv.ParseInt(digits, 10, 64) range check.
  if (overflow || v > (neg ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1)) return false;
  if (inval_sep || prev == '_') return false;
  *exp = neg ? static_cast<int64_t>(0 - v) : static_cast<int64_t>(v);
  return true;
}

struct FloatLit {
  bool neg = false;
  Z mant;
  int base = 10;
  int64_t fcount = 0;
  int64_t exp = 0;
  int ebase = 10;
};

// The shared grammar of big.Float.SetString and big.Rat.SetString (no fraction form).
bool ScanFloatLit(std::string_view s, FloatLit* lit) {
  Scanner r{s};
  if (s.empty()) return false;
  lit->neg = ScanSign(r);
  if (!ScanMantissa(r, true, lit->mant.v, &lit->base, &lit->fcount)) return false;
  if (!ScanExponent(r, true, true, &lit->exp, &lit->ebase)) return false;
  return r.Eof();
}

// exp2/exp5 contributions of the radix point and the exponent (overflow-checked).
bool FloatExponents(const FloatLit& lit, int64_t* exp2, int64_t* exp5) {
  *exp2 = 0;
  *exp5 = 0;
  if (lit.fcount < 0) {
    int64_t d = lit.fcount;
    switch (lit.base) {
      case 10: *exp5 = d; *exp2 = d; break;
      case 2: *exp2 = d; break;
      case 8: *exp2 = d * 3; break;
      case 16: *exp2 = d * 4; break;
    }
  }
  if (lit.ebase == 10) {
    if (__builtin_add_overflow(*exp5, lit.exp, exp5)) return false;
  }
  if (__builtin_add_overflow(*exp2, lit.exp, exp2)) return false;
  return true;
}

// big.Float.pow5 at p's precision, with the same intermediate precisions.
void Pow5(mpfr_t z, uint64_t n) {
  constexpr int kM = 27;  // 5**27 is the largest power of 5 in a uint64
  auto pow5 = [](int k) {
    uint64_t v = 1;
    for (int i = 0; i < k; ++i) v *= 5;
    return v;
  };
  if (n <= kM) {
    mpfr_set_ui(z, pow5(static_cast<int>(n)), MPFR_RNDN);
    return;
  }
  mpfr_set_ui(z, pow5(kM), MPFR_RNDN);
  n -= kM;
  F f(mpfr_get_prec(z) + 64);
  mpfr_set_ui(f.v, 5, MPFR_RNDN);
  while (n > 0) {
    if (n & 1) mpfr_mul(z, z, f.v, MPFR_RNDN);
    mpfr_mul(f.v, f.v, f.v, MPFR_RNDN);
    n >>= 1;
  }
}

// big.Float.SetString at 512 bits, step for step (mantissa exact, times 2**exp2
// exactly, then one rounding multiplying or dividing by 5**|exp5| computed at 576 bits).
bool ParseBigFloat(std::string_view s, mpfr_t out) {
  GoExpRange();
  if (s == "Inf" || s == "inf" || s == "+Inf" || s == "+inf") {
    mpfr_set_inf(out, 1);
    return true;
  }
  if (s == "-Inf" || s == "-inf") {
    mpfr_set_inf(out, -1);
    return true;
  }
  FloatLit lit;
  if (!ScanFloatLit(s, &lit)) return false;
  if (mpz_sgn(lit.mant.v) == 0) {
    mpfr_set_zero(out, lit.neg ? -1 : 1);
    return true;
  }
  int64_t exp2, exp5;
  if (!FloatExponents(lit, &exp2, &exp5)) return false;
  // Go checks the normalized exponent (bit length + exp2) against int32.
  int64_t bits = static_cast<int64_t>(mpz_sizeinbase(lit.mant.v, 2));
  int64_t norm_exp;
  if (__builtin_add_overflow(bits, exp2, &norm_exp) ||
      norm_exp < std::numeric_limits<int32_t>::min() ||
      norm_exp > std::numeric_limits<int32_t>::max()) {
    return false;
  }
  if (lit.neg) mpz_neg(lit.mant.v, lit.mant.v);
  F m(static_cast<mpfr_prec_t>(bits < 2 ? 2 : bits));
  mpfr_set_z(m.v, lit.mant.v, MPFR_RNDN);  // exact
  mpfr_mul_2si(m.v, m.v, exp2, MPFR_RNDN);  // exact (range checked above)
  if (exp5 == 0) {
    mpfr_set(out, m.v, MPFR_RNDN);
    return true;
  }
  F p(mpfr_get_prec(out) + 64);
  if (exp5 < 0) {
    Pow5(p.v, 0 - static_cast<uint64_t>(exp5));
    mpfr_div(out, m.v, p.v, MPFR_RNDN);
  } else {
    Pow5(p.v, static_cast<uint64_t>(exp5));
    mpfr_mul(out, m.v, p.v, MPFR_RNDN);
  }
  return true;
}

// big.Rat.SetString for a float literal (the caller already ruled out "a/b" forms).
bool ParseRat(std::string_view s, mpq_t out) {
  FloatLit lit;
  if (!ScanFloatLit(s, &lit)) return false;
  if (mpz_sgn(lit.mant.v) == 0) {
    mpq_set_ui(out, 0, 1);
    return true;
  }
  int64_t exp2, exp5;
  if (!FloatExponents(lit, &exp2, &exp5)) return false;
  Z num, den;
  mpz_set(num.v, lit.mant.v);
  mpz_set_ui(den.v, 1);
  if (exp5 != 0) {
    if (exp5 == std::numeric_limits<int64_t>::min()) return false;
    uint64_t n = exp5 < 0 ? static_cast<uint64_t>(-exp5) : static_cast<uint64_t>(exp5);
    if (n > 1000000) return false;  // big.Rat: avoid excessively large exponents
    Z p;
    mpz_ui_pow_ui(p.v, 5, n);
    if (exp5 > 0) {
      mpz_mul(num.v, num.v, p.v);
    } else {
      mpz_set(den.v, p.v);
    }
  }
  if (exp2 < -10000000 || exp2 > 10000000) return false;
  if (exp2 > 0) {
    mpz_mul_2exp(num.v, num.v, static_cast<mp_bitcnt_t>(exp2));
  } else if (exp2 < 0) {
    mpz_mul_2exp(den.v, den.v, static_cast<mp_bitcnt_t>(-exp2));
  }
  if (lit.neg) mpz_neg(num.v, num.v);
  mpq_set_num(out, num.v);
  mpq_set_den(out, den.v);
  mpq_canonicalize(out);
  return true;
}

// go/constant.makeFloatFromLiteral; false where Go returns nil.
bool MakeFloatFromLiteral(std::string_view lit, Value* out) {
  F f;
  if (!ParseBigFloat(lit, f.v)) return false;
  if (SmallFloatF(f.v)) {
    // Issue 20228: a literal that underflowed to zero is parsed as just "0".
    std::string_view rlit = mpfr_zero_p(f.v) ? std::string_view("0") : lit;
    Q q;
    if (ParseRat(rlit, q.v)) {
      *out = RatVal(q.v);
      return true;
    }
  }
  *out = MakeFloatF(f.v);
  return true;
}

// big.Int.SetString(s, 0).
bool ParseBigInt(std::string_view s, mpz_t out) {
  Scanner r{s};
  if (s.empty()) return false;
  bool neg = ScanSign(r);
  int base;
  int64_t count;
  if (!ScanMantissa(r, false, out, &base, &count)) return false;
  if (!r.Eof()) return false;
  if (neg) mpz_neg(out, out);
  return true;
}

// ---------------------------------------------------------------------------
// Formatting.

std::string Printf(const char* fmt, double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, x);
  return buf;
}

std::string ZString(const mpz_t z) {
  std::string s(mpz_sizeinbase(z, 10) + 2, '\0');
  mpz_get_str(s.data(), 10, z);
  s.resize(std::strlen(s.c_str()));
  return s;
}

// floatVal.String.
std::string FloatString(const mpfr_t f) {
  if (mpfr_inf_p(f)) return mpfr_sgn(f) < 0 ? "-Inf" : "+Inf";
  double x = mpfr_get_d(f, MPFR_RNDN);
  if ((mpfr_zero_p(f) != 0) == (x == 0) && !std::isinf(x)) return Printf("%.6g", x);
  // Out of float64 range: an approximate decimal conversion, as Go does.
  F mant(mpfr_get_prec(f));
  mpfr_exp_t exp = 0;
  mpfr_frexp(&exp, mant.v, f, MPFR_RNDN);  // 0.5 <= |mant| < 1
  double m = mpfr_get_d(mant.v, MPFR_RNDN);
  double d = static_cast<double>(exp) * 0.30102999566398119521373889472449302676818988146211;
  auto e = static_cast<int64_t>(d);
  m *= std::pow(10.0, d - static_cast<double>(e));
  double am = std::fabs(m);
  if (am < 0.9999995) {
    m *= 10;
    --e;
  } else if (am >= 10) {
    m /= 10;
    ++e;
  }
  return Printf("%.6g", m) + "e" + (e >= 0 ? "+" : "") + std::to_string(e);
}

// big.Float.Text('p', 0): "0x." hex mantissa "p" exponent, mantissa in [0.5, 1).
std::string FloatExactString(const mpfr_t f) {
  if (mpfr_zero_p(f)) return "0";
  if (mpfr_inf_p(f)) return mpfr_sgn(f) < 0 ? "-Inf" : "+Inf";
  Z m;
  mpfr_exp_t e = mpfr_get_z_2exp(m.v, f);  // f = m * 2**e
  bool neg = mpz_sgn(m.v) < 0;
  mpz_abs(m.v, m.v);
  auto len = static_cast<int64_t>(mpz_sizeinbase(m.v, 2));
  int64_t exp = static_cast<int64_t>(e) + len;
  int64_t pad = (4 - len % 4) % 4;
  mpz_mul_2exp(m.v, m.v, static_cast<mp_bitcnt_t>(pad));
  std::string hex(mpz_sizeinbase(m.v, 16) + 2, '\0');
  mpz_get_str(hex.data(), 16, m.v);
  hex.resize(std::strlen(hex.c_str()));
  while (!hex.empty() && hex.back() == '0') hex.pop_back();
  std::string out = neg ? "-0x." : "0x.";
  out += hex;
  out += 'p';
  if (exp >= 0) out += '+';
  out += std::to_string(exp);
  return out;
}

// Nearest IEEE value of an exact fraction with a single rounding (big.Rat.Float64/32):
// MPFR emulates the format's precision, exponent range and subnormals.
template <typename T>
Exact<T> RatToIeee(const mpq_t q) {
  constexpr bool kSingle = sizeof(T) == 4;
  constexpr int kBits = kSingle ? 24 : 53;
  F t(kBits);  // before the range change: F's constructor sets Go's range
  if (mpq_sgn(q) != 0) {
    // Go's quotToFloat64/32 round correctly down to half the smallest subnormal; below
    // that they return 0 but call it exact when the value has at most kBits bits.
    mpfr_set_q(t.v, q, MPFR_RNDZ);  // RNDZ: the exponent is exact
    if (mpfr_get_exp(t.v) <= (kSingle ? -150 : -1075)) {
      int inex = mpfr_set_q(t.v, q, MPFR_RNDN);
      T zero = mpq_sgn(q) < 0 ? -T(0) : T(0);
      return {zero, inex == 0};
    }
  }
  mpfr_set_emin(kSingle ? -148 : -1073);
  mpfr_set_emax(kSingle ? 128 : 1024);
  int inex = mpfr_set_q(t.v, q, MPFR_RNDN);
  inex = mpfr_check_range(t.v, inex, MPFR_RNDN);
  inex = mpfr_subnormalize(t.v, inex, MPFR_RNDN);
  T v = kSingle ? static_cast<T>(mpfr_get_flt(t.v, MPFR_RNDN)) : static_cast<T>(mpfr_get_d(t.v, MPFR_RNDN));
  bool inf = mpfr_inf_p(t.v);
  GoExpRange();
  return {v, inex == 0 && !inf};
}

// big.Float.Float64/Float32 (one rounding from the 512-bit value).
template <typename T>
Exact<T> FloatToIeee(const mpfr_t f) {
  if constexpr (sizeof(T) == 4) {
    float v = mpfr_get_flt(f, MPFR_RNDN);
    return {v, !std::isinf(v) && mpfr_cmp_d(f, v) == 0};
  } else {
    double v = mpfr_get_d(f, MPFR_RNDN);
    return {v, !std::isinf(v) && mpfr_cmp_d(f, v) == 0};
  }
}

// Whether a double converted from an int64 converts back to the same int64 (Go's
// int64Val(f) == x, where the out-of-range conversion of 2**63 never equals x).
bool RoundTripsInt64(double f, int64_t x) {
  if (!(f >= -9223372036854775808.0 && f < 9223372036854775808.0)) return false;
  return static_cast<int64_t>(f) == x;
}

}  // namespace

// ---------------------------------------------------------------------------
// Value members.

Kind Value::kind() const {
  switch (rep_) {
    case Rep::kUnknown: return Kind::kUnknown;
    case Rep::kBool: return Kind::kBool;
    case Rep::kString: return Kind::kString;
    case Rep::kInt64:
    case Rep::kBigInt: return Kind::kInt;
    case Rep::kRat:
    case Rep::kFloat: return Kind::kFloat;
    case Rep::kComplex: return Kind::kComplex;
  }
  return Kind::kUnknown;
}

std::string Value::String() const {
  switch (rep_) {
    case Rep::kUnknown: return "unknown";
    case Rep::kBool: return small_ ? "true" : "false";
    case Rep::kString: {
      constexpr size_t kMaxLen = 72;
      std::string s = GoQuote(SOf(*this));
      // The quoted form is valid UTF-8; count and cut by runes.
      size_t runes = 0;
      for (unsigned char c : s) runes += (c & 0xC0) != 0x80;
      if (runes > kMaxLen) {
        size_t i = 0;
        for (size_t n = 0; n < kMaxLen - 3; ++n) i += DecodeRune(std::string_view(s).substr(i)).second;
        s.resize(i);
        s += "...";
      }
      return s;
    }
    case Rep::kInt64: return std::to_string(small_);
    case Rep::kBigInt: return ZString(ZOf(*this));
    case Rep::kRat: {
      GoExpRange();
      F f;
      mpfr_set_q(f.v, QOf(*this), MPFR_RNDN);
      return FloatString(f.v);
    }
    case Rep::kFloat: return FloatString(FOf(*this));
    case Rep::kComplex: {
      const ComplexP& c = COf(*this);
      return "(" + c.re.String() + " + " + c.im.String() + "i)";
    }
  }
  return "unknown";
}

std::string Value::ExactString() const {
  switch (rep_) {
    case Rep::kString: return GoQuote(SOf(*this));
    case Rep::kRat: {
      const mpq_t& q = QOf(*this);
      if (mpz_cmp_ui(mpq_denref(q), 1) == 0) return ZString(mpq_numref(q));
      return ZString(mpq_numref(q)) + "/" + ZString(mpq_denref(q));
    }
    case Rep::kFloat: return FloatExactString(FOf(*this));
    case Rep::kComplex: {
      const ComplexP& c = COf(*this);
      return "(" + c.re.ExactString() + " + " + c.im.ExactString() + "i)";
    }
    default: return String();
  }
}

// ---------------------------------------------------------------------------
// Factories.

Value MakeUnknown() { return Value(); }
Value MakeBool(bool b) { return Value(Rep::kBool, b ? 1 : 0, nullptr); }
Value MakeString(std::string s) {
  return Value(Rep::kString, 0, std::make_shared<StrP>(std::move(s)));
}
Value MakeInt64(int64_t x) { return I64(x); }

Value MakeUint64(uint64_t x) {
  if (x < uint64_t{1} << 63) return I64(static_cast<int64_t>(x));
  Z z;
  mpz_set_ui(z.v, x);
  return MakeIntZ(z.v);
}

Value MakeFloat64(double x) {
  if (std::isinf(x) || std::isnan(x)) return Unknown();
  x += 0;  // -0 -> 0
  int e = 0;
  std::frexp(x, &e);
  if (-kMaxExp < e && e < kMaxExp) {
    Q q;
    mpq_set_d(q.v, x);
    return RatVal(q.v);
  }
  F f;
  mpfr_set_d(f.v, x, MPFR_RNDN);
  return FloatValRaw(f.v);
}

Value MakeFromLiteral(std::string_view lit, LiteralKind kind) {
  switch (kind) {
    case LiteralKind::kInt: {
      Z z;
      if (ParseBigInt(lit, z.v)) return MakeIntZ(z.v);
      break;
    }
    case LiteralKind::kFloat: {
      Value v;
      if (MakeFloatFromLiteral(lit, &v)) return v;
      break;
    }
    case LiteralKind::kImag: {
      if (!lit.empty() && lit.back() == 'i') {
        Value im;
        if (MakeFloatFromLiteral(lit.substr(0, lit.size() - 1), &im)) {
          return MakeComplexV(I64(0), im);
        }
      }
      break;
    }
    case LiteralKind::kChar: {
      if (lit.size() >= 2) {
        std::string_view body = lit.substr(1, lit.size() - 2);
        uint32_t code;
        bool multibyte;
        if (UnquoteChar(body, '\'', &code, &multibyte)) return I64(code);
      }
      break;
    }
    case LiteralKind::kString: {
      std::string s;
      if (GoUnquote(lit, &s)) return MakeString(std::move(s));
      break;
    }
  }
  return Unknown();
}

Value MakeImag(const Value& x) {
  switch (x.rep()) {
    case Rep::kInt64:
    case Rep::kBigInt:
    case Rep::kRat:
    case Rep::kFloat: return MakeComplexV(I64(0), x);
    default: return Unknown();
  }
}

// ---------------------------------------------------------------------------
// Accessors.

bool BoolVal(const Value& x) { return x.rep() == Rep::kBool && x.small() != 0; }

std::string StringVal(const Value& x) { return x.rep() == Rep::kString ? SOf(x) : std::string(); }

Exact<int64_t> Int64Val(const Value& x) {
  switch (x.rep()) {
    case Rep::kInt64: return {x.small(), true};
    case Rep::kBigInt: {
      // big.Int.Int64: the low 64 bits of |x|, negated for negative x.
      const mpz_t& z = ZOf(x);
      Z low;
      mpz_abs(low.v, z);
      mpz_fdiv_r_2exp(low.v, low.v, 64);
      uint64_t u = mpz_get_ui(low.v);
      if (mpz_sgn(z) < 0) u = 0 - u;
      return {static_cast<int64_t>(u), false};
    }
    default: return {0, false};
  }
}

Exact<uint64_t> Uint64Val(const Value& x) {
  switch (x.rep()) {
    case Rep::kInt64: return {static_cast<uint64_t>(x.small()), x.small() >= 0};
    case Rep::kBigInt: {
      const mpz_t& z = ZOf(x);
      Z low;
      mpz_abs(low.v, z);
      mpz_fdiv_r_2exp(low.v, low.v, 64);
      bool fits = mpz_sgn(z) >= 0 && mpz_sizeinbase(z, 2) <= 64;
      return {mpz_get_ui(low.v), fits};
    }
    default: return {0, false};
  }
}

Exact<float> Float32Val(const Value& x) {
  switch (x.rep()) {
    case Rep::kInt64: {
      auto f = static_cast<float>(x.small());
      return {f, RoundTripsInt64(static_cast<double>(f), x.small())};
    }
    case Rep::kBigInt: {
      GoExpRange();
      F f;
      mpfr_set_z(f.v, ZOf(x), MPFR_RNDN);
      return FloatToIeee<float>(f.v);
    }
    case Rep::kRat: return RatToIeee<float>(QOf(x));
    case Rep::kFloat: return FloatToIeee<float>(FOf(x));
    default: return {0, false};
  }
}

Exact<double> Float64Val(const Value& x) {
  switch (x.rep()) {
    case Rep::kInt64: {
      auto f = static_cast<double>(x.small());
      return {f, RoundTripsInt64(f, x.small())};
    }
    case Rep::kBigInt: {
      GoExpRange();
      F f;
      mpfr_set_z(f.v, ZOf(x), MPFR_RNDN);
      return FloatToIeee<double>(f.v);
    }
    case Rep::kRat: return RatToIeee<double>(QOf(x));
    case Rep::kFloat: return FloatToIeee<double>(FOf(x));
    default: return {0, false};
  }
}

int BitLen(const Value& x) {
  switch (x.rep()) {
    case Rep::kInt64: {
      auto u = static_cast<uint64_t>(x.small());
      if (x.small() < 0) u = 0 - u;
      return u == 0 ? 0 : 64 - __builtin_clzll(u);
    }
    case Rep::kBigInt:
      return mpz_sgn(ZOf(x)) == 0 ? 0 : static_cast<int>(mpz_sizeinbase(ZOf(x), 2));
    default: return 0;
  }
}

int Sign(const Value& x) {
  switch (x.rep()) {
    case Rep::kInt64: return x.small() < 0 ? -1 : x.small() > 0 ? 1 : 0;
    case Rep::kBigInt: return mpz_sgn(ZOf(x));
    case Rep::kRat: return mpq_sgn(QOf(x));
    case Rep::kFloat: return mpfr_sgn(FOf(x));
    case Rep::kComplex: return Sign(COf(x).re) | Sign(COf(x).im);
    default: return 1;  // Unknown: avoid spurious division by zero errors
  }
}

namespace {
// big.Float.Rat: the exact fraction of a float.
void FloatToQ(const mpfr_t f, mpq_t out) {
  Z m;
  mpfr_exp_t e = mpfr_get_z_2exp(m.v, f);
  mpq_set_z(out, m.v);
  if (e > 0) {
    mpq_mul_2exp(out, out, static_cast<mp_bitcnt_t>(e));
  } else if (e < 0) {
    mpq_div_2exp(out, out, static_cast<mp_bitcnt_t>(-e));
  }
}
}  // namespace

Value Num(const Value& x) {
  switch (x.rep()) {
    case Rep::kInt64:
    case Rep::kBigInt: return x;
    case Rep::kRat: return MakeIntZ(mpq_numref(QOf(x)));
    case Rep::kFloat:
      if (SmallFloatF(FOf(x))) {
        Q q;
        FloatToQ(FOf(x), q.v);
        return MakeIntZ(mpq_numref(q.v));
      }
      return Unknown();
    default: return Unknown();
  }
}

Value Denom(const Value& x) {
  switch (x.rep()) {
    case Rep::kInt64:
    case Rep::kBigInt: return I64(1);
    case Rep::kRat: return MakeIntZ(mpq_denref(QOf(x)));
    case Rep::kFloat:
      if (SmallFloatF(FOf(x))) {
        Q q;
        FloatToQ(FOf(x), q.v);
        return MakeIntZ(mpq_denref(q.v));
      }
      return Unknown();
    default: return Unknown();
  }
}

Value Real(const Value& x) {
  switch (x.rep()) {
    case Rep::kInt64:
    case Rep::kBigInt:
    case Rep::kRat:
    case Rep::kFloat: return x;
    case Rep::kComplex: return COf(x).re;
    default: return Unknown();
  }
}

Value Imag(const Value& x) {
  switch (x.rep()) {
    case Rep::kInt64:
    case Rep::kBigInt:
    case Rep::kRat:
    case Rep::kFloat: return I64(0);
    case Rep::kComplex: return COf(x).im;
    default: return Unknown();
  }
}

// ---------------------------------------------------------------------------
// Conversions.

Value ToInt(const Value& x) {
  switch (x.rep()) {
    case Rep::kInt64:
    case Rep::kBigInt: return x;
    case Rep::kRat:
      if (mpz_cmp_ui(mpq_denref(QOf(x)), 1) == 0) return MakeIntZ(mpq_numref(QOf(x)));
      return Unknown();
    case Rep::kFloat: {
      const mpfr_t& f = FOf(x);
      if (!SmallFloatF(f)) return Unknown();  // avoid huge integers
      Z z;
      if (mpfr_integer_p(f)) {
        mpfr_get_z(z.v, f, MPFR_RNDZ);
        return MakeIntZ(z.v);
      }
      // An integer after rounding a little down or up is assumed to be one whose
      // fractional bits are rounding errors of earlier operations.
      constexpr int kDelta = 4;
      F t(kPrec - kDelta);
      for (mpfr_rnd_t rnd : {MPFR_RNDZ, MPFR_RNDA}) {
        mpfr_set(t.v, f, rnd);
        if (mpfr_integer_p(t.v)) {
          mpfr_get_z(z.v, t.v, MPFR_RNDZ);
          return MakeIntZ(z.v);
        }
      }
      return Unknown();
    }
    case Rep::kComplex: {
      Value re = ToFloat(x);
      if (re.kind() == Kind::kFloat) return ToInt(re);
      return Unknown();
    }
    default: return Unknown();
  }
}

Value ToFloat(const Value& x) {
  switch (x.rep()) {
    case Rep::kInt64: {
      Q q;
      mpq_set_si(q.v, x.small(), 1);
      return RatVal(q.v);
    }
    case Rep::kBigInt: {
      if (SmallIntZ(ZOf(x))) {
        Q q;
        mpq_set_z(q.v, ZOf(x));
        return RatVal(q.v);
      }
      GoExpRange();
      F f;
      mpfr_set_z(f.v, ZOf(x), MPFR_RNDN);
      return FloatValRaw(f.v);
    }
    case Rep::kRat:
    case Rep::kFloat: return x;
    case Rep::kComplex:
      if (Sign(COf(x).im) == 0) return ToFloat(COf(x).re);
      return Unknown();
    default: return Unknown();
  }
}

Value ToComplex(const Value& x) {
  switch (x.rep()) {
    case Rep::kInt64:
    case Rep::kBigInt:
    case Rep::kRat:
    case Rep::kFloat: return Value(Rep::kComplex, 0, std::make_shared<ComplexP>(x, I64(0)));
    case Rep::kComplex: return x;
    default: return Unknown();
  }
}

// ---------------------------------------------------------------------------
// Operations.

Value UnaryOp(Op op, const Value& y, unsigned prec) {
  if (y.rep() == Rep::kUnknown) return y;
  switch (op) {
    case Op::kAdd:
      if (y.kind() == Kind::kBool || y.kind() == Kind::kString) return Unknown();
      return y;
    case Op::kSub:
      switch (y.rep()) {
        case Rep::kInt64: {
          if (y.small() != std::numeric_limits<int64_t>::min()) return I64(-y.small());
          Z z;
          mpz_set_si(z.v, y.small());
          mpz_neg(z.v, z.v);
          return MakeIntZ(z.v);
        }
        case Rep::kBigInt: {
          Z z;
          mpz_neg(z.v, ZOf(y));
          return MakeIntZ(z.v);
        }
        case Rep::kRat: {
          Q q;
          mpq_neg(q.v, QOf(y));
          return MakeRatQ(q.v);
        }
        case Rep::kFloat: {
          F f;
          mpfr_neg(f.v, FOf(y), MPFR_RNDN);
          return MakeFloatF(f.v);
        }
        case Rep::kComplex:
          return MakeComplexV(UnaryOp(Op::kSub, COf(y).re), UnaryOp(Op::kSub, COf(y).im));
        default: return Unknown();
      }
    case Op::kXor: {
      if (y.kind() != Kind::kInt) return Unknown();
      Z z;
      ToZ(y, z.v);
      mpz_com(z.v, z.v);
      // For unsigned types the complement is negative, i.e. too large: keep prec bits.
      if (prec > 0) mpz_fdiv_r_2exp(z.v, z.v, prec);
      return MakeIntZ(z.v);
    }
    case Op::kNot:
      if (y.rep() == Rep::kBool) return MakeBool(y.small() == 0);
      return Unknown();
    default: return Unknown();
  }
}

namespace {

int Ord(const Value& x) {
  switch (x.rep()) {
    case Rep::kUnknown: return 0;
    case Rep::kBool:
    case Rep::kString: return 1;
    case Rep::kInt64: return 2;
    case Rep::kBigInt: return 3;
    case Rep::kRat: return 4;
    case Rep::kFloat: return 5;
    case Rep::kComplex: return 6;
  }
  return -1;
}

// match0: x (the lower-ordered) converted to y's representation.
Value Promote(const Value& x, Rep to) {
  switch (to) {
    case Rep::kBigInt:
      if (x.rep() == Rep::kInt64) {
        auto p = std::make_shared<BigIntP>();
        mpz_set_si(p->v, x.small());
        return Value(Rep::kBigInt, 0, std::move(p));
      }
      break;
    case Rep::kRat:
      if (x.rep() == Rep::kInt64 || x.rep() == Rep::kBigInt) {
        Q q;
        ToQ(x, q.v);
        return RatVal(q.v);
      }
      break;
    case Rep::kFloat:
      if (x.rep() == Rep::kInt64 || x.rep() == Rep::kBigInt || x.rep() == Rep::kRat) {
        GoExpRange();
        F f;
        ToF(x, f.v);
        return FloatValRaw(f.v);
      }
      break;
    case Rep::kComplex:
      if (x.kind() == Kind::kInt || x.kind() == Kind::kFloat) {
        return Value(Rep::kComplex, 0, std::make_shared<ComplexP>(x, I64(0)));
      }
      break;
    default: break;
  }
  return Value();  // incompatible: callers see Unknown
}

// match: both operands in the representation of the more complex one. Unknown if
// either is Unknown or they are incompatible.
bool Match(const Value& x, const Value& y, Value* mx, Value* my) {
  int ox = Ord(x), oy = Ord(y);
  *mx = x;
  *my = y;
  if (ox < oy) {
    *mx = Promote(x, y.rep());
  } else if (ox > oy) {
    *my = Promote(y, x.rep());
  }
  if (mx->rep() == Rep::kUnknown || my->rep() == Rep::kUnknown) return false;
  return mx->rep() == my->rep();
}

bool Is32Bit(int64_t x) { return -(int64_t{1} << 31) <= x && x <= (int64_t{1} << 31) - 1; }
bool Is63Bit(int64_t x) { return -(int64_t{1} << 62) <= x && x <= (int64_t{1} << 62) - 1; }

Value BinaryInt(const mpz_t a, Op op, const mpz_t b) {
  Z c;
  switch (op) {
    case Op::kAdd: mpz_add(c.v, a, b); break;
    case Op::kSub: mpz_sub(c.v, a, b); break;
    case Op::kMul: mpz_mul(c.v, a, b); break;
    case Op::kQuo: {
      if (mpz_sgn(b) == 0) return Unknown();
      Q q;
      mpz_set(mpq_numref(q.v), a);
      mpz_set(mpq_denref(q.v), b);
      mpq_canonicalize(q.v);
      return MakeRatQ(q.v);
    }
    case Op::kIntQuo:
      if (mpz_sgn(b) == 0) return Unknown();
      mpz_tdiv_q(c.v, a, b);
      break;
    case Op::kRem:
      if (mpz_sgn(b) == 0) return Unknown();
      mpz_tdiv_r(c.v, a, b);
      break;
    case Op::kAnd: mpz_and(c.v, a, b); break;
    case Op::kOr: mpz_ior(c.v, a, b); break;
    case Op::kXor: mpz_xor(c.v, a, b); break;
    case Op::kAndNot: {
      Z nb;
      mpz_com(nb.v, b);
      mpz_and(c.v, a, nb.v);
      break;
    }
    default: return Unknown();
  }
  return MakeIntZ(c.v);
}

Value BinaryInt64(int64_t a, Op op, int64_t b) {
  auto big = [&] {
    Z za, zb;
    mpz_set_si(za.v, a);
    mpz_set_si(zb.v, b);
    return BinaryInt(za.v, op, zb.v);
  };
  switch (op) {
    case Op::kAdd: return Is63Bit(a) && Is63Bit(b) ? I64(a + b) : big();
    case Op::kSub: return Is63Bit(a) && Is63Bit(b) ? I64(a - b) : big();
    case Op::kMul: return Is32Bit(a) && Is32Bit(b) ? I64(a * b) : big();
    case Op::kQuo: return big();
    case Op::kIntQuo:
      if (b == 0) return Unknown();
      // Go's int64 division wraps: MinInt64 / -1 == MinInt64 (go/constant keeps that).
      if (b == -1) return I64(static_cast<int64_t>(0 - static_cast<uint64_t>(a)));
      return I64(a / b);
    case Op::kRem:
      if (b == 0) return Unknown();
      if (b == -1) return I64(0);
      return I64(a % b);
    case Op::kAnd: return I64(a & b);
    case Op::kOr: return I64(a | b);
    case Op::kXor: return I64(a ^ b);
    case Op::kAndNot: return I64(a & ~b);
    default: return Unknown();
  }
}

}  // namespace

Value BinaryOp(const Value& x_, Op op, const Value& y_) {
  Value x, y;
  if (!Match(x_, y_, &x, &y)) return Unknown();
  switch (x.rep()) {
    case Rep::kBool:
      if (op == Op::kLAnd) return MakeBool(x.small() && y.small());
      if (op == Op::kLOr) return MakeBool(x.small() || y.small());
      return Unknown();
    case Rep::kInt64: return BinaryInt64(x.small(), op, y.small());
    case Rep::kBigInt: return BinaryInt(ZOf(x), op, ZOf(y));
    case Rep::kRat: {
      Q c;
      switch (op) {
        case Op::kAdd: mpq_add(c.v, QOf(x), QOf(y)); break;
        case Op::kSub: mpq_sub(c.v, QOf(x), QOf(y)); break;
        case Op::kMul: mpq_mul(c.v, QOf(x), QOf(y)); break;
        case Op::kQuo:
          if (mpq_sgn(QOf(y)) == 0) return Unknown();
          mpq_div(c.v, QOf(x), QOf(y));
          break;
        default: return Unknown();
      }
      return MakeRatQ(c.v);
    }
    case Rep::kFloat: {
      GoExpRange();
      F c;
      switch (op) {
        case Op::kAdd: mpfr_add(c.v, FOf(x), FOf(y), MPFR_RNDN); break;
        case Op::kSub: mpfr_sub(c.v, FOf(x), FOf(y), MPFR_RNDN); break;
        case Op::kMul: mpfr_mul(c.v, FOf(x), FOf(y), MPFR_RNDN); break;
        case Op::kQuo:
          if (mpfr_zero_p(FOf(y))) return Unknown();
          mpfr_div(c.v, FOf(x), FOf(y), MPFR_RNDN);
          break;
        default: return Unknown();
      }
      return MakeFloatF(c.v);
    }
    case Rep::kComplex: {
      const Value &a = COf(x).re, &b = COf(x).im;
      const Value &c = COf(y).re, &d = COf(y).im;
      Value re, im;
      switch (op) {
        case Op::kAdd:
          re = BinaryOp(a, Op::kAdd, c);
          im = BinaryOp(b, Op::kAdd, d);
          break;
        case Op::kSub:
          re = BinaryOp(a, Op::kSub, c);
          im = BinaryOp(b, Op::kSub, d);
          break;
        case Op::kMul: {
          // (ac-bd) + i(bc+ad)
          Value ac = BinaryOp(a, Op::kMul, c), bd = BinaryOp(b, Op::kMul, d);
          Value bc = BinaryOp(b, Op::kMul, c), ad = BinaryOp(a, Op::kMul, d);
          re = BinaryOp(ac, Op::kSub, bd);
          im = BinaryOp(bc, Op::kAdd, ad);
          break;
        }
        case Op::kQuo: {
          // (ac+bd)/s + i(bc-ad)/s, with s = cc + dd
          Value ac = BinaryOp(a, Op::kMul, c), bd = BinaryOp(b, Op::kMul, d);
          Value bc = BinaryOp(b, Op::kMul, c), ad = BinaryOp(a, Op::kMul, d);
          Value cc = BinaryOp(c, Op::kMul, c), dd = BinaryOp(d, Op::kMul, d);
          Value s = BinaryOp(cc, Op::kAdd, dd);
          re = BinaryOp(BinaryOp(ac, Op::kAdd, bd), Op::kQuo, s);
          im = BinaryOp(BinaryOp(bc, Op::kSub, ad), Op::kQuo, s);
          break;
        }
        default: return Unknown();
      }
      return MakeComplexV(re, im);
    }
    case Rep::kString:
      if (op == Op::kAdd) {
        return Value(Rep::kString, 0, std::make_shared<StrP>(StrOf(x), StrOf(y)));
      }
      return Unknown();
    default: return Unknown();
  }
}

Value Shift(const Value& x, Op op, uint64_t s) {
  if (op != Op::kShl && op != Op::kShr) return Unknown();
  switch (x.rep()) {
    case Rep::kInt64:
      if (s == 0) return x;
      if (op == Op::kShr) return I64(x.small() >> (s > 63 ? 63 : s));
      [[fallthrough]];
    case Rep::kBigInt: {
      if (s == 0) return x;
      Z z;
      ToZ(x, z.v);
      if (op == Op::kShl) {
        // GMP aborts on allocations beyond its limits; go/types bounds counts at 1074.
        if (s > (uint64_t{1} << 32)) return Unknown();
        mpz_mul_2exp(z.v, z.v, static_cast<mp_bitcnt_t>(s));
      } else {
        mpz_fdiv_q_2exp(z.v, z.v, static_cast<mp_bitcnt_t>(s));  // arithmetic shift
      }
      return MakeIntZ(z.v);
    }
    default: return Unknown();
  }
}

namespace {
bool CmpZero(int c, Op op) {
  switch (op) {
    case Op::kEql: return c == 0;
    case Op::kNeq: return c != 0;
    case Op::kLss: return c < 0;
    case Op::kLeq: return c <= 0;
    case Op::kGtr: return c > 0;
    case Op::kGeq: return c >= 0;
    default: return false;
  }
}
}  // namespace

bool Compare(const Value& x_, Op op, const Value& y_) {
  Value x, y;
  if (!Match(x_, y_, &x, &y)) return false;
  switch (x.rep()) {
    case Rep::kBool:
      if (op == Op::kEql) return x.small() == y.small();
      if (op == Op::kNeq) return x.small() != y.small();
      return false;
    case Rep::kInt64: return CmpZero(x.small() < y.small() ? -1 : x.small() > y.small() ? 1 : 0, op);
    case Rep::kBigInt: return CmpZero(mpz_cmp(ZOf(x), ZOf(y)), op);
    case Rep::kRat: return CmpZero(mpq_cmp(QOf(x), QOf(y)), op);
    case Rep::kFloat: return CmpZero(mpfr_cmp(FOf(x), FOf(y)), op);
    case Rep::kComplex: {
      bool re = Compare(COf(x).re, Op::kEql, COf(y).re);
      bool im = Compare(COf(x).im, Op::kEql, COf(y).im);
      if (op == Op::kEql) return re && im;
      if (op == Op::kNeq) return !re || !im;
      return false;
    }
    case Rep::kString: return CmpZero(SOf(x).compare(SOf(y)), op);
    default: return false;
  }
}

}  // namespace constant

// ---------------------------------------------------------------------------
// go/types representability.

namespace {

using constant::Kind;
using constant::Value;

bool IsInteger(BasicKind k) {
  return (k >= BasicKind::kInt && k <= BasicKind::kUintptr) || k == BasicKind::kUntypedInt ||
         k == BasicKind::kUntypedRune;
}
bool IsFloat(BasicKind k) {
  return k == BasicKind::kFloat32 || k == BasicKind::kFloat64 || k == BasicKind::kUntypedFloat;
}
bool IsComplex(BasicKind k) {
  return k == BasicKind::kComplex64 || k == BasicKind::kComplex128 ||
         k == BasicKind::kUntypedComplex;
}
bool IsNumeric(BasicKind k) { return IsInteger(k) || IsFloat(k) || IsComplex(k); }

// roundFloat32/64; Unknown when the value overflows the format.
Value RoundFloat(const Value& x, bool single) {
  double f;
  if (single) {
    f = static_cast<double>(constant::Float32Val(x).value);
  } else {
    f = constant::Float64Val(x).value;
  }
  if (std::isinf(f)) return Value();
  return constant::MakeFloat64(f);
}

}  // namespace

bool RepresentableConst(const Value& x, BasicKind typ, int64_t word_size, Value* rounded) {
  if (x.kind() == Kind::kUnknown) return true;  // avoid follow-up errors
  if (IsInteger(typ)) {
    Value v = constant::ToInt(x);
    if (v.kind() != Kind::kInt) return false;
    if (rounded != nullptr) *rounded = v;
    if (auto [i64, ok] = constant::Int64Val(v); ok) {
      const int64_t i = i64;  // clang < 16 cannot capture structured bindings in lambdas
      auto signed_fits = [&](int64_t bits) {
        if (bits >= 64) return true;
        return -(int64_t{1} << (bits - 1)) <= i && i <= (int64_t{1} << (bits - 1)) - 1;
      };
      auto unsigned_fits = [&](int64_t bits) {
        if (bits >= 64) return i >= 0;
        return 0 <= i && i <= (int64_t{1} << bits) - 1;
      };
      switch (typ) {
        case BasicKind::kInt: return signed_fits(word_size * 8);
        case BasicKind::kInt8: return signed_fits(8);
        case BasicKind::kInt16: return signed_fits(16);
        case BasicKind::kInt32: return signed_fits(32);
        case BasicKind::kInt64:
        case BasicKind::kUntypedInt:
        case BasicKind::kUntypedRune: return true;
        case BasicKind::kUint:
        case BasicKind::kUintptr: return unsigned_fits(word_size * 8);
        case BasicKind::kUint8: return unsigned_fits(8);
        case BasicKind::kUint16: return unsigned_fits(16);
        case BasicKind::kUint32: return unsigned_fits(32);
        case BasicKind::kUint64: return i >= 0;
        default: return false;
      }
    }
    // v does not fit into int64.
    int n = constant::BitLen(v);
    switch (typ) {
      case BasicKind::kUint:
      case BasicKind::kUintptr: return constant::Sign(v) >= 0 && n <= word_size * 8;
      case BasicKind::kUint64: return constant::Sign(v) >= 0 && n <= 64;
      case BasicKind::kUntypedInt:
      case BasicKind::kUntypedRune: return true;
      default: return false;
    }
  }
  if (IsFloat(typ)) {
    Value v = constant::ToFloat(x);
    if (v.kind() != Kind::kFloat) return false;
    if (typ == BasicKind::kUntypedFloat) return true;
    Value r = RoundFloat(v, typ == BasicKind::kFloat32);
    if (r.kind() == Kind::kUnknown) return false;
    if (rounded != nullptr) *rounded = r;
    return true;
  }
  if (IsComplex(typ)) {
    Value v = constant::ToComplex(x);
    if (v.kind() != Kind::kComplex) return false;
    if (typ == BasicKind::kUntypedComplex) return true;
    bool single = typ == BasicKind::kComplex64;
    Value re = RoundFloat(constant::Real(v), single);
    Value im = RoundFloat(constant::Imag(v), single);
    if (re.kind() == Kind::kUnknown || im.kind() == Kind::kUnknown) return false;
    if (rounded != nullptr) {
      *rounded = constant::BinaryOp(re, constant::Op::kAdd, constant::MakeImag(im));
    }
    return true;
  }
  if (typ == BasicKind::kString || typ == BasicKind::kUntypedString) {
    return x.kind() == Kind::kString;
  }
  if (typ == BasicKind::kBool || typ == BasicKind::kUntypedBool) return x.kind() == Kind::kBool;
  return false;
}

ReprError Representation(const Value& x, BasicKind source, BasicKind target, int64_t word_size,
                         Value* rounded) {
  Value v = x;
  if (RepresentableConst(x, target, word_size, &v)) {
    if (rounded != nullptr) *rounded = v;
    return ReprError::kNone;
  }
  if (IsNumeric(source) && IsNumeric(target)) {
    return !IsInteger(source) && IsInteger(target) ? ReprError::kTruncated : ReprError::kOverflow;
  }
  return ReprError::kInvalid;
}

bool UntypedOverflows(const Value& x) {
  return x.kind() == Kind::kInt && constant::BitLen(x) > kConstPrec;
}

}  // namespace heapmap::types
