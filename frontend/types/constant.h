// frontend/types/constant.h — exact Go constant values (go/constant) and go/types' representability rules.
//
// heapmap::types::constant mirrors Go 1.19's go/constant package name for name, so
// go/types code ports line by line. Values, their representation switches (int64 <->
// big int, fraction <-> 512-bit float) and their String/ExactString forms agree with
// go/constant byte for byte; the tests' expected values are produced by real Go.
//
// Value is an immutable value type: a tag plus an inline int64/bool, or a shared_ptr to
// an immutable GMP/MPFR payload. Copies are cheap (one refcount bump), and distinct or
// shared Values may be used from different threads. Where go/constant panics (wrong
// kind, division by zero), these functions return Unknown / zero instead; the type
// checker reports such errors before calling them, as go/types does.
#ifndef HEAPMAP_FRONTEND_TYPES_CONSTANT_H_
#define HEAPMAP_FRONTEND_TYPES_CONSTANT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace heapmap::types {
namespace constant {

// Kind of a constant value (go/constant.Kind).
enum class Kind { kUnknown, kBool, kString, kInt, kFloat, kComplex };

// The literal token a literal's text comes from (token.INT ... token.STRING).
enum class LiteralKind { kInt, kFloat, kImag, kChar, kString };

// Operators (go/token spellings in comments).
enum class Op {
  kAdd,     // +
  kSub,     // -
  kMul,     // *
  kQuo,     // /  (Int / Int gives an exact Float)
  kIntQuo,  // /  forced integer division (go/constant's token.QUO_ASSIGN)
  kRem,     // %
  kAnd,     // &
  kOr,      // |
  kXor,     // ^  (unary: bitwise complement)
  kAndNot,  // &^
  kLAnd,    // &&
  kLOr,     // ||
  kNot,     // !
  kShl,     // <<
  kShr,     // >>
  kEql,     // ==
  kNeq,     // !=
  kLss,     // <
  kLeq,     // <=
  kGtr,     // >
  kGeq,     // >=
};

class Value {
 public:
  Value() = default;  // Unknown

  Kind kind() const;
  // Short, possibly approximate form: floats as %.6g, strings quoted and cut to 72 runes.
  std::string String() const;
  // Exact form: "1/3" for fractions, "0x.8p+1"-style for 512-bit floats, full quoted strings.
  std::string ExactString() const;

  // Internal representation, visible only so constant.cc's helpers can build values.
  enum class Rep : uint8_t { kUnknown, kBool, kString, kInt64, kBigInt, kRat, kFloat, kComplex };
  struct Payload;
  Value(Rep rep, int64_t small, std::shared_ptr<const Payload> big)
      : rep_(rep), small_(small), big_(std::move(big)) {}
  Rep rep() const { return rep_; }
  int64_t small() const { return small_; }
  const Payload* payload() const { return big_.get(); }
  const std::shared_ptr<const Payload>& shared_payload() const { return big_; }

 private:
  Rep rep_ = Rep::kUnknown;
  int64_t small_ = 0;  // kBool: 0/1; kInt64: the value
  std::shared_ptr<const Payload> big_;
};

// A conversion result and whether it is exact (Go's (value, ok) pairs).
template <typename T>
struct Exact {
  T value;
  bool exact;
};

// Factories.
Value MakeUnknown();
Value MakeBool(bool b);
Value MakeString(std::string s);
Value MakeInt64(int64_t x);
Value MakeUint64(uint64_t x);
Value MakeFloat64(double x);  // -0 becomes 0; Inf and NaN become Unknown
// The value of a Go literal's source text; Unknown if the text is not valid for `kind`.
Value MakeFromLiteral(std::string_view lit, LiteralKind kind);
Value MakeImag(const Value& x);  // x*i

// Accessors (Unknown gives zero values; Sign(Unknown) is 1).
bool BoolVal(const Value& x);
std::string StringVal(const Value& x);
Exact<int64_t> Int64Val(const Value& x);
Exact<uint64_t> Uint64Val(const Value& x);
Exact<float> Float32Val(const Value& x);
Exact<double> Float64Val(const Value& x);
int BitLen(const Value& x);
int Sign(const Value& x);
Value Num(const Value& x);
Value Denom(const Value& x);
Value Real(const Value& x);
Value Imag(const Value& x);

// Conversions: Unknown if x is not representable in the target kind.
Value ToInt(const Value& x);
Value ToFloat(const Value& x);
Value ToComplex(const Value& x);

// Operations. prec > 0 limits the result of ^x to prec bits (unsigned types).
Value UnaryOp(Op op, const Value& y, unsigned prec = 0);
Value BinaryOp(const Value& x, Op op, const Value& y);
Value Shift(const Value& x, Op op, uint64_t s);
bool Compare(const Value& x, Op op, const Value& y);

}  // namespace constant

// go/types.BasicKind, in go/types order; the type checker uses this enum too.
enum class BasicKind {
  kInvalid,
  kBool,
  kInt,
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kUint,
  kUint8,
  kUint16,
  kUint32,
  kUint64,
  kUintptr,
  kFloat32,
  kFloat64,
  kComplex64,
  kComplex128,
  kString,
  kUnsafePointer,
  kUntypedBool,
  kUntypedInt,
  kUntypedRune,
  kUntypedFloat,
  kUntypedComplex,
  kUntypedString,
  kUntypedNil,
};

// The precision of untyped constants: untyped Int results longer than this many bits
// are errors ("constant ... overflow"); floats are 512-bit binary floats.
inline constexpr int kConstPrec = 512;
// Largest constant shift count go/types accepts (so 1<<1074 can express the smallest float64).
inline constexpr uint64_t kMaxConstShift = 1023 - 1 + 52;

// go/types.representableConst: whether x fits `target` (Int/Uint/Uintptr are
// word_size bytes). If it does and rounded != nullptr, *rounded is the value converted
// to the target (an Int for integer targets, float32/float64-rounded for float and
// complex targets). Unknown values are representable (to avoid follow-up errors).
bool RepresentableConst(const constant::Value& x, BasicKind target, int64_t word_size,
                        constant::Value* rounded);

// go/types' representation(): why a constant of type `source` is not representable as
// `target`. kTruncated: non-integer to integer; kOverflow: other numeric; kInvalid:
// non-numeric mismatch.
enum class ReprError { kNone, kTruncated, kOverflow, kInvalid };
ReprError Representation(const constant::Value& x, BasicKind source, BasicKind target,
                         int64_t word_size, constant::Value* rounded);

// The untyped-constant overflow check of go/types' Checker.overflow: an Int wider
// than kConstPrec bits.
bool UntypedOverflows(const constant::Value& x);

}  // namespace heapmap::types

#endif  // HEAPMAP_FRONTEND_TYPES_CONSTANT_H_
