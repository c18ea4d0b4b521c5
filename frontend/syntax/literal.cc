// frontend/syntax/literal.cc — unquoting of string and rune literals.
#include "frontend/syntax/literal.h"

#include "base/utf8.h"

namespace heapmap::syntax {
namespace {

// Decodes one escape sequence starting after the backslash at s[*i]. *is_byte is set for
// \x and octal escapes, whose value is a byte rather than a code point.
bool Escape(std::string_view s, size_t* i, char quote, uint32_t* value, bool* is_byte) {
  if (*i >= s.size()) return false;
  char c = s[(*i)++];
  *is_byte = false;
  switch (c) {
    case 'a':
      *value = '\a';
      return true;
    case 'b':
      *value = '\b';
      return true;
    case 'f':
      *value = '\f';
      return true;
    case 'n':
      *value = '\n';
      return true;
    case 'r':
      *value = '\r';
      return true;
    case 't':
      *value = '\t';
      return true;
    case 'v':
      *value = '\v';
      return true;
    case '\\':
      *value = '\\';
      return true;
    case '\'':
    case '"':
      if (c != quote) return false;
      *value = static_cast<uint32_t>(c);
      return true;
    case 'x':
    case 'u':
    case 'U': {
      int n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
      uint32_t v = 0;
      for (int k = 0; k < n; ++k) {
        if (*i >= s.size()) return false;
        int d = base::HexDigitValue(s[(*i)++]);
        if (d < 0) return false;
        v = v * 16 + static_cast<uint32_t>(d);
      }
      if (c == 'x') {
        *is_byte = true;
      } else if (v > 0x10FFFF || (v >= 0xD800 && v < 0xE000)) {
        return false;
      }
      *value = v;
      return true;
    }
    default:
      if (c >= '0' && c <= '7') {
        uint32_t v = static_cast<uint32_t>(c - '0');
        for (int k = 0; k < 2; ++k) {
          if (*i >= s.size() || s[*i] < '0' || s[*i] > '7') return false;
          v = v * 8 + static_cast<uint32_t>(s[(*i)++] - '0');
        }
        if (v > 255) return false;
        *is_byte = true;
        *value = v;
        return true;
      }
      return false;
  }
}

}  // namespace

bool StringLitValue(std::string_view lit, std::string* value) {
  value->clear();
  if (lit.size() < 2) return false;
  char q = lit.front();
  if (lit.back() != q || (q != '"' && q != '`')) return false;
  std::string_view body = lit.substr(1, lit.size() - 2);
  if (q == '`') {
    value->reserve(body.size());
    for (char c : body) {
      if (c != '\r') value->push_back(c);
    }
    return true;
  }
  value->reserve(body.size());
  for (size_t i = 0; i < body.size();) {
    char c = body[i];
    if (c == '\n' || c == '"') return false;
    if (c != '\\') {
      value->push_back(c);
      ++i;
      continue;
    }
    ++i;
    uint32_t v;
    bool is_byte;
    if (!Escape(body, &i, '"', &v, &is_byte)) return false;
    if (is_byte) {
      value->push_back(static_cast<char>(v));
    } else {
      base::AppendUtf8(v, value);
    }
  }
  return true;
}

bool RuneLitValue(std::string_view lit, uint32_t* value) {
  if (lit.size() < 3 || lit.front() != '\'' || lit.back() != '\'') return false;
  std::string_view body = lit.substr(1, lit.size() - 2);
  size_t i = 0;
  uint32_t v;
  if (body[0] == '\\') {
    i = 1;
    bool is_byte;
    if (!Escape(body, &i, '\'', &v, &is_byte)) return false;
  } else {
    auto b0 = static_cast<unsigned char>(body[0]);
    int n = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
    if (body.size() < static_cast<size_t>(n)) return false;
    v = n == 1 ? b0 : n == 2 ? (b0 & 0x1F) : n == 3 ? (b0 & 0x0F) : (b0 & 0x07);
    for (int k = 1; k < n; ++k) v = (v << 6) | (static_cast<unsigned char>(body[k]) & 0x3F);
    i = static_cast<size_t>(n);
  }
  if (i != body.size()) return false;
  *value = v;
  return true;
}

}  // namespace heapmap::syntax
