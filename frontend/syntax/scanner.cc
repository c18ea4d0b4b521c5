// frontend/syntax/scanner.cc — Go tokenizer: a port of cmd/compile/internal/syntax/scanner.go.
//
// The scanner works on the byte buffer directly and relies on the NUL byte that follows
// every std::string: reading src_[p] is safe whenever p <= size_, and a NUL at p == size_
// is EOF. Lookahead past a byte happens only after that byte was seen to be non-NUL, so
// no read goes beyond src_[size_].
#include "frontend/syntax/scanner.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <utility>

#include "base/utf8.h"
#include "frontend/syntax/internal/str_util.h"

namespace heapmap::syntax {
namespace {

// DecodeChecked's result for a byte that is not valid UTF-8 (or a NUL): reported, and then
// skipped as if absent, as gc's source.nextch does.
constexpr uint32_t kInvalidRune = 0xFFFFFFFF;

using syntax_internal::StrAppend;
using syntax_internal::StrCat;

inline char Lower(char c) { return static_cast<char>(c | ('a' - 'A')); }
inline bool IsDecimal(char c) { return c >= '0' && c <= '9'; }
inline bool IsHex(char c) { return IsDecimal(c) || (Lower(c) >= 'a' && Lower(c) <= 'f'); }

struct IdentTable {
  bool start[256] = {};
  bool part[256] = {};
  constexpr IdentTable() {
    for (int c = 'a'; c <= 'z'; ++c) start[c] = part[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c) start[c] = part[c] = true;
    start[static_cast<int>('_')] = part[static_cast<int>('_')] = true;
    for (int c = '0'; c <= '9'; ++c) part[c] = true;
  }
};
constexpr IdentTable kIdent;

const char* BaseName(int base) {
  switch (base) {
    case 2:
      return "binary";
    case 8:
      return "octal";
    case 10:
      return "decimal";
    default:
      return "hexadecimal";
  }
}

Token LookupKeyword(const char* s, size_t n) {
  auto is = [&](const char* kw) { return std::memcmp(s, kw, n) == 0; };
  switch (n) {
    case 2:
      if (is("if")) return Token::kIf;
      if (is("go")) return Token::kGo;
      break;
    case 3:
      if (is("for")) return Token::kFor;
      if (is("var")) return Token::kVar;
      if (is("map")) return Token::kMap;
      break;
    case 4:
      switch (s[0]) {
        case 'c':
          if (is("case")) return Token::kCase;
          if (is("chan")) return Token::kChan;
          break;
        case 'e':
          if (is("else")) return Token::kElse;
          break;
        case 'f':
          if (is("func")) return Token::kFunc;
          break;
        case 'g':
          if (is("goto")) return Token::kGoto;
          break;
        case 't':
          if (is("type")) return Token::kType;
          break;
      }
      break;
    case 5:
      switch (s[0]) {
        case 'b':
          if (is("break")) return Token::kBreak;
          break;
        case 'c':
          if (is("const")) return Token::kConst;
          break;
        case 'd':
          if (is("defer")) return Token::kDefer;
          break;
        case 'r':
          if (is("range")) return Token::kRange;
          break;
      }
      break;
    case 6:
      switch (s[0]) {
        case 'i':
          if (is("import")) return Token::kImport;
          break;
        case 'r':
          if (is("return")) return Token::kReturn;
          break;
        case 's':
          if (is("select")) return Token::kSelect;
          if (is("struct")) return Token::kStruct;
          if (is("switch")) return Token::kSwitch;
          break;
      }
      break;
    case 7:
      if (is("default")) return Token::kDefault;
      if (is("package")) return Token::kPackage;
      break;
    case 8:
      if (is("continue")) return Token::kContinue;
      break;
    case 9:
      if (is("interface")) return Token::kInterface;
      break;
    case 11:
      if (is("fallthrough")) return Token::kFallthrough;
      break;
  }
  return Token::kName;
}

// Go's %q for a rune.
std::string QuoteRune(uint32_t r) {
  switch (r) {
    case '\a':
      return "'\\a'";
    case '\b':
      return "'\\b'";
    case '\f':
      return "'\\f'";
    case '\n':
      return "'\\n'";
    case '\r':
      return "'\\r'";
    case '\t':
      return "'\\t'";
    case '\v':
      return "'\\v'";
    case '\\':
      return "'\\\\'";
    case '\'':
      return "'\\''";
  }
  if (r < 0x20 || r == 0x7f) {
    char buf[16];
    std::snprintf(buf, sizeof(buf), "'\\x%02x'", r);
    return buf;
  }
  if (r < 0x80) return StrCat("'", std::string(1, static_cast<char>(r)), "'");
  if (r > 0x10FFFF) return "'\\ufffd'";
  std::string out = "'";
  base::AppendUtf8(r, &out);
  out += "'";
  return out;
}

}  // namespace

bool IsUnicodeDigit(uint32_t r) {
  if (r < 0x80) return IsDecimal(static_cast<char>(r));
  // Starts of the Nd (decimal digit) blocks of ten below U+10000 that gc's unicode.IsDigit
  // accepts; enough for identifiers in practice.
  static constexpr uint32_t kZeros[] = {
      0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6,
      0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090,
      0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40,
      0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10};
  for (uint32_t z : kZeros) {
    if (r >= z && r < z + 10) return true;
  }
  return false;
}

bool IsUnicodeLetter(uint32_t r) {
  if (r < 0x80) return (Lower(static_cast<char>(r)) >= 'a' && Lower(static_cast<char>(r)) <= 'z');
  if (r < 0x100)
    return r == 0xAA || r == 0xB5 || r == 0xBA || (r >= 0xC0 && r != 0xD7 && r != 0xF7);
  if (IsUnicodeDigit(r)) return false;
  // Blocks that hold punctuation, symbols, marks or specials rather than letters.
  struct Range {
    uint32_t lo, hi;
  };
  static constexpr Range kNonLetters[] = {
      {0x02C2, 0x02C5}, {0x02D2, 0x02DF}, {0x0300, 0x036F},   {0x2000, 0x206F},    {0x20A0, 0x20FF},
      {0x2190, 0x23FF}, {0x2400, 0x24FF}, {0x2500, 0x2BFF},   {0x2E00, 0x2E7F},    {0x3000, 0x3004},
      {0x3007, 0x3030}, {0xD800, 0xDFFF}, {0xE000, 0xF8FF},   {0xFE00, 0xFE6F},    {0xFEFF, 0xFEFF},
      {0xFF00, 0xFF20}, {0xFFF0, 0xFFFF}, {0x1F000, 0x1FAFF}, {0xE0000, 0x10FFFF},
  };
  for (const Range& range : kNonLetters) {
    if (r >= range.lo && r <= range.hi) return false;
  }
  return r <= 0x10FFFF;
}

std::string FormatRuneU(uint32_t r) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "U+%04X", r);
  std::string s = buf;
  bool printable = r >= 0x20 && r != 0x7f && !(r >= 0x80 && r < 0xA0) && r <= 0x10FFFF &&
                   !(r >= 0xD800 && r < 0xE000) && r != 0xFEFF;
  if (printable) {
    std::string q = QuoteRune(r);
    if (r == '\'' || r == '\\') q = r == '\'' ? "'''" : "'\\'";
    StrAppend(&s, " ", q);
  }
  return s;
}

Scanner::Scanner(std::string_view src, ScanErrorSink* errors, std::vector<Directive>* directives,
                 std::vector<uint32_t>* line_starts)
    : src_(src.data()),
      size_(static_cast<uint32_t>(src.size())),
      errors_(errors),
      directives_(directives),
      line_starts_(line_starts) {
  if (line_starts_ != nullptr) line_starts_->push_back(0);
  // A byte order mark is permitted (and ignored) at the start of the file only.
  if (size_ >= 3 && static_cast<unsigned char>(src_[0]) == 0xEF &&
      static_cast<unsigned char>(src_[1]) == 0xBB && static_cast<unsigned char>(src_[2]) == 0xBF) {
    p_ = 3;
  }
}

void Scanner::Stop() {
  if (!stopped_) stop_offset_ = std::min(offset_, size_);
  stopped_ = true;
  SetStopped();
}

void Scanner::SetStopped() {
  nlsemi_ = false;
  tok_ = Token::kEOF;
  offset_ = end_ = stop_offset_;
  lit_ = {};
}

void Scanner::Next() {
  Scan();
  if (stopped_) SetStopped();
}

void Scanner::Error(Pos pos, std::string message) {
  if (errors_ != nullptr) errors_->ScanError(pos, std::move(message));
}

Pos Scanner::PosAtOffset(uint32_t offset) const { return Pos{line_, offset - line_start_ + 1}; }

void Scanner::ErrorAtOffset(uint32_t offset, std::string message) {
  Error(PosAtOffset(offset), std::move(message));
}

void Scanner::NewLine(uint32_t next_line_start) {
  ++line_;
  line_start_ = next_line_start;
  if (line_starts_ != nullptr) line_starts_->push_back(next_line_start);
}

uint32_t Scanner::DecodeChecked(uint32_t p, uint32_t* width) {
  const auto* s = reinterpret_cast<const unsigned char*>(src_);
  unsigned char c0 = s[p];
  if (c0 == 0) {
    *width = 1;
    ErrorAtOffset(p, "invalid NUL character");
    return kInvalidRune;
  }
  uint32_t r = 0;
  uint32_t n = 0;
  uint32_t min = 0;
  if (c0 >= 0xC2 && c0 <= 0xDF) {
    r = c0 & 0x1F, n = 2, min = 0x80;
  } else if (c0 >= 0xE0 && c0 <= 0xEF) {
    r = c0 & 0x0F, n = 3, min = 0x800;
  } else if (c0 >= 0xF0 && c0 <= 0xF4) {
    r = c0 & 0x07, n = 4, min = 0x10000;
  }
  bool ok = n != 0 && p + n <= size_;
  for (uint32_t i = 1; ok && i < n; ++i) {
    if ((s[p + i] & 0xC0) != 0x80) {
      ok = false;
    } else {
      r = (r << 6) | (s[p + i] & 0x3F);
    }
  }
  if (ok && (r < min || r > 0x10FFFF || (r >= 0xD800 && r < 0xE000))) ok = false;
  if (!ok) {
    *width = 1;
    ErrorAtOffset(p, "invalid UTF-8 encoding");
    return kInvalidRune;
  }
  *width = n;
  if (r == 0xFEFF) ErrorAtOffset(p, "invalid BOM in the middle of the file");
  return r;
}

void Scanner::SkipChar() {
  unsigned char c = static_cast<unsigned char>(src_[p_]);
  if (c != 0 && c < 0x80) {
    ++p_;
    return;
  }
  uint32_t width;
  DecodeChecked(p_, &width);
  p_ += width;
}

void Scanner::SetLit(LitKind kind, bool ok) {
  nlsemi_ = true;
  tok_ = Token::kLiteral;
  lit_ = std::string_view(src_ + offset_, p_ - offset_);
  end_ = p_;
  bad_ = !ok;
  kind_ = kind;
}

void Scanner::Scan() {
  bool nlsemi = nlsemi_;
  nlsemi_ = false;

redo:
  if (stopped_) return;
  uint32_t p = p_;
  for (;;) {
    char c = src_[p];
    if (c == ' ' || c == '\t' || c == '\r') {
      ++p;
    } else if (c == '\n' && !nlsemi) {
      ++p;
      NewLine(p);
    } else {
      break;
    }
  }
  p_ = p;
  offset_ = p;
  line_tok_ = line_;
  col_ = p - line_start_ + 1;
  unsigned char c = static_cast<unsigned char>(src_[p]);

  if (kIdent.start[c]) {
    Identifier();
    return;
  }
  if (c >= 0x80) {
    if (c == 0xEF && static_cast<unsigned char>(src_[p + 1]) == 0xBB &&
        static_cast<unsigned char>(src_[p + 2]) == 0xBF) {
      ErrorAtOffset(p, "invalid BOM in the middle of the file");
      p_ += 3;
      goto redo;
    }
    uint32_t width;
    uint32_t r = DecodeChecked(p, &width);
    if (r == kInvalidRune) {
      p_ += width;
      goto redo;
    }
    NonAsciiIdentifier(true);
    return;
  }

  switch (c) {
    case 0:
      if (p >= size_) {
        end_ = p;
        if (nlsemi) {
          lit_ = "EOF";
          tok_ = Token::kSemi;
          return;
        }
        tok_ = Token::kEOF;
        return;
      }
      ErrorAtOffset(p, "invalid NUL character");
      ++p_;
      goto redo;

    case '\n':
      ++p_;
      NewLine(p_);
      lit_ = "newline";
      tok_ = Token::kSemi;
      end_ = offset_;
      return;

    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
      Number(false);
      return;

    case '"':
      StdString();
      return;

    case '`':
      RawString();
      return;

    case '\'':
      RuneLit();
      return;

    case '(':
      ++p_;
      tok_ = Token::kLparen;
      break;

    case '[':
      ++p_;
      tok_ = Token::kLbrack;
      break;

    case '{':
      ++p_;
      tok_ = Token::kLbrace;
      break;

    case ',':
      ++p_;
      tok_ = Token::kComma;
      break;

    case ';':
      ++p_;
      lit_ = "semicolon";
      tok_ = Token::kSemi;
      break;

    case ')':
      ++p_;
      nlsemi_ = true;
      tok_ = Token::kRparen;
      break;

    case ']':
      ++p_;
      nlsemi_ = true;
      tok_ = Token::kRbrack;
      break;

    case '}':
      ++p_;
      nlsemi_ = true;
      tok_ = Token::kRbrace;
      break;

    case ':':
      ++p_;
      if (src_[p_] == '=') {
        ++p_;
        tok_ = Token::kDefine;
        break;
      }
      tok_ = Token::kColon;
      break;

    case '.':
      if (IsDecimal(src_[p + 1])) {
        ++p_;
        Number(true);
        return;
      }
      if (src_[p + 1] == '.' && src_[p + 2] == '.') {
        p_ += 3;
        tok_ = Token::kDotDotDot;
        break;
      }
      ++p_;
      tok_ = Token::kDot;
      break;

    case '+':
      ++p_;
      op_ = Operator::kAdd, prec_ = kPrecAdd;
      if (src_[p_] != '+') goto assignop;
      ++p_;
      nlsemi_ = true;
      tok_ = Token::kIncOp;
      break;

    case '-':
      ++p_;
      op_ = Operator::kSub, prec_ = kPrecAdd;
      if (src_[p_] != '-') goto assignop;
      ++p_;
      nlsemi_ = true;
      tok_ = Token::kIncOp;
      break;

    case '*':
      ++p_;
      op_ = Operator::kMul, prec_ = kPrecMul;
      if (src_[p_] == '=') {
        ++p_;
        tok_ = Token::kAssignOp;
        break;
      }
      tok_ = Token::kStar;
      break;

    case '/':
      if (src_[p + 1] == '/') {
        LineComment(p);
        goto redo;
      }
      if (src_[p + 1] == '*') {
        if (FullComment(p) && nlsemi) {
          // A general comment containing newlines acts like a newline.
          lit_ = "newline";
          tok_ = Token::kSemi;
          end_ = offset_;
          return;
        }
        goto redo;
      }
      ++p_;
      op_ = Operator::kDiv, prec_ = kPrecMul;
      goto assignop;

    case '%':
      ++p_;
      op_ = Operator::kRem, prec_ = kPrecMul;
      goto assignop;

    case '&':
      ++p_;
      if (src_[p_] == '&') {
        ++p_;
        op_ = Operator::kAndAnd, prec_ = kPrecAndAnd;
        tok_ = Token::kOperator;
        break;
      }
      op_ = Operator::kAnd, prec_ = kPrecMul;
      if (src_[p_] == '^') {
        ++p_;
        op_ = Operator::kAndNot;
      }
      goto assignop;

    case '|':
      ++p_;
      if (src_[p_] == '|') {
        ++p_;
        op_ = Operator::kOrOr, prec_ = kPrecOrOr;
        tok_ = Token::kOperator;
        break;
      }
      op_ = Operator::kOr, prec_ = kPrecAdd;
      goto assignop;

    case '^':
      ++p_;
      op_ = Operator::kXor, prec_ = kPrecAdd;
      goto assignop;

    case '<':
      ++p_;
      if (src_[p_] == '=') {
        ++p_;
        op_ = Operator::kLeq, prec_ = kPrecCmp;
        tok_ = Token::kOperator;
        break;
      }
      if (src_[p_] == '<') {
        ++p_;
        op_ = Operator::kShl, prec_ = kPrecMul;
        goto assignop;
      }
      if (src_[p_] == '-') {
        ++p_;
        tok_ = Token::kArrow;
        break;
      }
      op_ = Operator::kLss, prec_ = kPrecCmp;
      tok_ = Token::kOperator;
      break;

    case '>':
      ++p_;
      if (src_[p_] == '=') {
        ++p_;
        op_ = Operator::kGeq, prec_ = kPrecCmp;
        tok_ = Token::kOperator;
        break;
      }
      if (src_[p_] == '>') {
        ++p_;
        op_ = Operator::kShr, prec_ = kPrecMul;
        goto assignop;
      }
      op_ = Operator::kGtr, prec_ = kPrecCmp;
      tok_ = Token::kOperator;
      break;

    case '=':
      ++p_;
      if (src_[p_] == '=') {
        ++p_;
        op_ = Operator::kEql, prec_ = kPrecCmp;
        tok_ = Token::kOperator;
        break;
      }
      tok_ = Token::kAssign;
      break;

    case '!':
      ++p_;
      if (src_[p_] == '=') {
        ++p_;
        op_ = Operator::kNeq, prec_ = kPrecCmp;
        tok_ = Token::kOperator;
        break;
      }
      op_ = Operator::kNot, prec_ = 0;
      tok_ = Token::kOperator;
      break;

    case '~':
      ++p_;
      op_ = Operator::kTilde, prec_ = 0;
      tok_ = Token::kOperator;
      break;

    default:
      ErrorAtOffset(p, StrCat("invalid character ", FormatRuneU(c)));
      ++p_;
      goto redo;
  }
  end_ = p_;
  return;

assignop:
  if (src_[p_] == '=') {
    ++p_;
    tok_ = Token::kAssignOp;
    end_ = p_;
    return;
  }
  tok_ = Token::kOperator;
  end_ = p_;
}

void Scanner::Identifier() {
  const auto* s = reinterpret_cast<const unsigned char*>(src_);
  uint32_t p = p_ + 1;
  while (kIdent.part[s[p]]) ++p;
  p_ = p;
  if (s[p] >= 0x80) {
    NonAsciiIdentifier(false);
    return;
  }
  uint32_t n = p - offset_;
  end_ = p;
  if (n >= 2 && n <= 11) {
    Token kw = LookupKeyword(src_ + offset_, n);
    if (kw != Token::kName) {
      nlsemi_ = kw == Token::kBreak || kw == Token::kContinue || kw == Token::kFallthrough ||
                kw == Token::kReturn;
      tok_ = kw;
      return;
    }
  }
  nlsemi_ = true;
  lit_ = std::string_view(src_ + offset_, n);
  tok_ = Token::kName;
}

// Continues (or starts, if first) an identifier at a non-ASCII byte. As gc does, any
// non-ASCII character is taken into the identifier, with an error if it is not a letter
// or digit, so that one bad character gives one error.
void Scanner::NonAsciiIdentifier(bool first) {
  const auto* s = reinterpret_cast<const unsigned char*>(src_);
  for (;;) {
    unsigned char c = s[p_];
    if (kIdent.part[c]) {
      ++p_;
      first = false;
      continue;
    }
    if (c < 0x80) break;
    uint32_t width;
    uint32_t r = DecodeChecked(p_, &width);
    if (r == kInvalidRune) {
      // reported; skipped
    } else if (IsUnicodeLetter(r)) {
      // ok
    } else if (IsUnicodeDigit(r)) {
      if (first) {
        ErrorAtOffset(p_, StrCat("identifier cannot begin with digit ", FormatRuneU(r)));
      }
    } else {
      ErrorAtOffset(p_, StrCat("invalid character ", FormatRuneU(r), " in identifier"));
    }
    p_ += width;
    first = false;
  }
  end_ = p_;
  nlsemi_ = true;
  lit_ = std::string_view(src_ + offset_, p_ - offset_);
  tok_ = Token::kName;
}

void Scanner::Digits(int base, int* invalid, int* digsep) {
  if (base <= 10) {
    char max = static_cast<char>('0' + base);
    for (;;) {
      char c = src_[p_];
      if (c == '_') {
        *digsep |= 2;
      } else if (IsDecimal(c)) {
        *digsep |= 1;
        if (c >= max && invalid != nullptr && *invalid < 0) {
          *invalid = static_cast<int>(p_ - offset_);
        }
      } else {
        break;
      }
      ++p_;
    }
  } else {
    for (;;) {
      char c = src_[p_];
      if (c == '_') {
        *digsep |= 2;
      } else if (IsHex(c)) {
        *digsep |= 1;
      } else {
        break;
      }
      ++p_;
    }
  }
}

namespace {

// Index of the first misplaced '_' in a number literal, or -1 (gc's invalidSep).
int InvalidSep(std::string_view x) {
  char x1 = ' ';
  char d = '.';
  size_t i = 0;
  if (x.size() >= 2 && x[0] == '0') {
    x1 = Lower(x[1]);
    if (x1 == 'x' || x1 == 'o' || x1 == 'b') {
      d = '0';
      i = 2;
    }
  }
  for (; i < x.size(); ++i) {
    char p = d;
    d = x[i];
    if (d == '_') {
      if (p != '0') return static_cast<int>(i);
    } else if (IsDecimal(d) || (x1 == 'x' && IsHex(d))) {
      d = '0';
    } else {
      if (p == '_') return static_cast<int>(i) - 1;
      d = '.';
    }
  }
  if (d == '_') return static_cast<int>(x.size()) - 1;
  return -1;
}

}  // namespace

void Scanner::Number(bool seen_point) {
  bool ok = true;
  LitKind kind = LitKind::kInt;
  int base = 10;
  char prefix = 0;  // 0 (decimal), '0' (0-octal), 'x', 'o' or 'b'
  int digsep = 0;   // bit 0: digit present, bit 1: '_' present
  int invalid = -1;

  if (!seen_point) {
    if (src_[p_] == '0') {
      ++p_;
      switch (Lower(src_[p_])) {
        case 'x':
          ++p_;
          base = 16, prefix = 'x';
          break;
        case 'o':
          ++p_;
          base = 8, prefix = 'o';
          break;
        case 'b':
          ++p_;
          base = 2, prefix = 'b';
          break;
        default:
          base = 8, prefix = '0';
          digsep = 1;  // leading 0
      }
    }
    Digits(base, &invalid, &digsep);
    if (src_[p_] == '.') {
      if (prefix == 'o' || prefix == 'b') {
        ErrorAtOffset(p_, StrCat("invalid radix point in ", BaseName(base), " literal"));
        ok = false;
      }
      ++p_;
      seen_point = true;
    }
  }

  if (seen_point) {
    kind = LitKind::kFloat;
    Digits(base, &invalid, &digsep);
  }

  if ((digsep & 1) == 0 && ok) {
    ErrorAtOffset(p_, StrCat(BaseName(base), " literal has no digits"));
    ok = false;
  }

  char e = Lower(src_[p_]);
  if (e == 'e' || e == 'p') {
    if (ok) {
      if (e == 'e' && prefix != 0 && prefix != '0') {
        ErrorAtOffset(p_, StrCat(QuoteRune(static_cast<unsigned char>(src_[p_])),
                                 " exponent requires decimal mantissa"));
        ok = false;
      } else if (e == 'p' && prefix != 'x') {
        ErrorAtOffset(p_, StrCat(QuoteRune(static_cast<unsigned char>(src_[p_])),
                                 " exponent requires hexadecimal mantissa"));
        ok = false;
      }
    }
    ++p_;
    kind = LitKind::kFloat;
    if (src_[p_] == '+' || src_[p_] == '-') ++p_;
    int ds = 0;
    Digits(10, nullptr, &ds);
    digsep = ds | (digsep & 2);
    if ((ds & 1) == 0 && ok) {
      ErrorAtOffset(p_, "exponent has no digits");
      ok = false;
    }
  } else if (prefix == 'x' && kind == LitKind::kFloat && ok) {
    ErrorAtOffset(p_, "hexadecimal mantissa requires a 'p' exponent");
    ok = false;
  }

  if (src_[p_] == 'i') {
    kind = LitKind::kImag;
    ++p_;
  }

  SetLit(kind, ok);

  if (kind == LitKind::kInt && invalid >= 0 && ok) {
    ErrorAtOffset(offset_ + invalid,
                  StrCat("invalid digit ", QuoteRune(static_cast<unsigned char>(lit_[invalid])),
                         " in ", BaseName(base), " literal"));
    ok = false;
  }
  if ((digsep & 2) != 0 && ok) {
    int i = InvalidSep(lit_);
    if (i >= 0) {
      ErrorAtOffset(offset_ + i, "'_' must separate successive digits");
      ok = false;
    }
  }
  bad_ = !ok;
}

bool Scanner::Escape(char quote) {
  int n;
  uint32_t base, max;
  char c = src_[p_];
  if (c == quote) {
    ++p_;
    return true;
  }
  switch (c) {
    case 'a':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
    case 'v':
    case '\\':
      ++p_;
      return true;
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
      n = 3, base = 8, max = 255;
      break;
    case 'x':
      ++p_;
      n = 2, base = 16, max = 255;
      break;
    case 'u':
      ++p_;
      n = 4, base = 16, max = 0x10FFFF;
      break;
    case 'U':
      ++p_;
      n = 8, base = 16, max = 0x10FFFF;
      break;
    default:
      if (c == 0 && p_ >= size_) return true;  // the caller complains about EOF
      ErrorAtOffset(p_, "unknown escape");
      return false;
  }

  uint32_t x = 0;
  for (int i = n; i > 0; --i) {
    char d = src_[p_];
    if (d == 0 && p_ >= size_) return true;  // the caller complains about EOF
    uint32_t v = base;
    if (IsDecimal(d)) {
      v = static_cast<uint32_t>(d - '0');
    } else if (Lower(d) >= 'a' && Lower(d) <= 'f') {
      v = static_cast<uint32_t>(Lower(d) - 'a' + 10);
    }
    if (v >= base) {
      uint32_t r = static_cast<unsigned char>(d);
      if (r >= 0x80) {
        uint32_t width;
        r = DecodeChecked(p_, &width);
      }
      ErrorAtOffset(p_, StrCat("invalid character ", QuoteRune(r), " in ",
                               BaseName(static_cast<int>(base)), " escape"));
      return false;
    }
    x = x * base + v;
    ++p_;
  }
  if (x > max && base == 8) {
    ErrorAtOffset(p_, StrCat("octal escape value ", x, " > 255"));
    return false;
  }
  if (x > max || (x >= 0xD800 && x < 0xE000)) {
    ErrorAtOffset(p_, StrCat("escape is invalid Unicode code point ", FormatRuneU(x)));
    return false;
  }
  return true;
}

void Scanner::RuneLit() {
  bool ok = true;
  ++p_;  // '
  for (int n = 0;; ++n) {
    char c = src_[p_];
    if (c == '\'') {
      if (ok) {
        if (n == 0) {
          ErrorAtOffset(p_, "empty rune literal or unescaped '");
          ok = false;
        } else if (n != 1) {
          ErrorAtOffset(offset_, "more than one character in rune literal");
          ok = false;
        }
      }
      ++p_;
      break;
    }
    if (c == '\\') {
      ++p_;
      if (!Escape('\'')) ok = false;
      continue;
    }
    if (c == '\n') {
      if (ok) {
        ErrorAtOffset(p_, "newline in rune literal");
        ok = false;
      }
      break;
    }
    if (c == 0 && p_ >= size_) {
      if (ok) {
        ErrorAtOffset(offset_, "rune literal not terminated");
        ok = false;
      }
      break;
    }
    SkipChar();
  }
  SetLit(LitKind::kRune, ok);
}

void Scanner::StdString() {
  bool ok = true;
  ++p_;  // "
  const auto* s = reinterpret_cast<const unsigned char*>(src_);
  for (;;) {
    // Fast path over plain ASCII.
    unsigned char c = s[p_];
    while (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') c = s[++p_];
    if (c == '"') {
      ++p_;
      break;
    }
    if (c == '\\') {
      ++p_;
      if (!Escape('"')) ok = false;
      continue;
    }
    if (c == '\n') {
      ErrorAtOffset(p_, "newline in string");
      ok = false;
      break;
    }
    if (c == 0 && p_ >= size_) {
      ErrorAtOffset(offset_, "string not terminated");
      ok = false;
      break;
    }
    SkipChar();
  }
  SetLit(LitKind::kString, ok);
}

void Scanner::RawString() {
  bool ok = true;
  uint32_t start_line = line_;
  uint32_t start_col = col_;
  ++p_;  // `
  const auto* s = reinterpret_cast<const unsigned char*>(src_);
  for (;;) {
    unsigned char c = s[p_];
    while (c >= 0x20 && c < 0x80 && c != '`') c = s[++p_];
    if (c == '`') {
      ++p_;
      break;
    }
    if (c == '\n') {
      ++p_;
      NewLine(p_);
      continue;
    }
    if (c == 0 && p_ >= size_) {
      Error(Pos{start_line, start_col}, "string not terminated");
      ok = false;
      break;
    }
    SkipChar();
  }
  // CRs stay in the literal text; they are not part of the value (see Unquote).
  SetLit(LitKind::kString, ok);
}

void Scanner::LineComment(uint32_t start) {
  const auto* s = reinterpret_cast<const unsigned char*>(src_);
  p_ = start + 2;
  for (;;) {
    unsigned char c = s[p_];
    while (c >= 0x20 && c < 0x80) c = s[++p_];
    if (c == '\n' || (c == 0 && p_ >= size_)) break;  // the newline stays for nlsemi
    if (c < 0x80 && c != 0) {
      ++p_;  // control characters such as \t and \r are fine
      continue;
    }
    SkipChar();
  }
  std::string_view text(src_ + start + 2, p_ - start - 2);
  if (directives_ == nullptr || text.empty()) return;
  // heapmap's own (//heapmap:noalloc, //heapmap:noescape: `heapmap assert`) are kept as
  // gc keeps its //go: ones.
  if (text.substr(0, 3) == "go:" || text.substr(0, 5) == "line " || text.substr(0, 8) == "heapmap:") {
    RecordDirective(start, text);
    return;
  }
  // Legacy build constraints: "// +build ...".
  size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (text.substr(i, 6) == "+build") RecordDirective(start, text);
}

bool Scanner::FullComment(uint32_t start) {
  const auto* s = reinterpret_cast<const unsigned char*>(src_);
  uint32_t start_line = line_;
  uint32_t start_col = start - line_start_ + 1;
  p_ = start + 2;
  bool newline = false;
  for (;;) {
    unsigned char c = s[p_];
    if (c == '*' && s[p_ + 1] == '/') {
      p_ += 2;
      std::string_view text(src_ + start + 2, p_ - start - 4);
      if (directives_ != nullptr && text.substr(0, 5) == "line ") RecordDirective(start, text);
      return newline;
    }
    if (c == '\n') {
      ++p_;
      NewLine(p_);
      newline = true;
      continue;
    }
    if (c == 0 && p_ >= size_) {
      Error(Pos{start_line, start_col}, "comment not terminated");
      return newline;
    }
    SkipChar();
  }
}

void Scanner::RecordDirective(uint32_t start, std::string_view text) {
  bool general = src_[start + 1] == '*';
  while (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  bool own_line = true;
  for (uint32_t i = start; i > line_start_; --i) {
    char c = src_[i - 1];
    if (c != ' ' && c != '\t') {
      own_line = false;
      break;
    }
  }
  // The comment may have spanned lines (a /*line */ comment); compute its position from
  // the recorded line starts when available.
  Pos pos;
  if (start >= line_start_) {
    pos = PosAtOffset(start);
  } else if (line_starts_ != nullptr) {
    uint32_t line = line_;
    while (line > 1 && (*line_starts_)[line - 1] > start) --line;
    pos = Pos{line, start - (*line_starts_)[line - 1] + 1};
  }
  directives_->push_back(Directive{pos, start, text, own_line, general});
}

}  // namespace heapmap::syntax
