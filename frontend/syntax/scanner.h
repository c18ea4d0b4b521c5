// frontend/syntax/scanner.h — Go tokenizer over a byte buffer, with semicolon insertion.
//
// Follows cmd/compile/internal/syntax/scanner.go: one token of state, no lookahead,
// automatic semicolons after a line's final token (spec "Semicolons", including at EOF
// and after a /*...*/ comment that spans lines), every literal form, and gc's error
// messages ("invalid character U+0040 '@'", "newline in string", "invalid NUL
// character", ...). Directive comments (//go:..., //line ..., // +build) are collected
// into a caller-provided vector as they are passed; other comments are skipped.
#ifndef HEAPMAP_FRONTEND_SYNTAX_SCANNER_H_
#define HEAPMAP_FRONTEND_SYNTAX_SCANNER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/syntax/ast.h"
#include "frontend/syntax/token.h"

namespace heapmap::syntax {

// Receives scanner errors; the parser implements it.
class ScanErrorSink {
 public:
  virtual void ScanError(Pos pos, std::string message) = 0;

 protected:
  ~ScanErrorSink() = default;
};

class Scanner {
 public:
  // `src` must stay alive and be followed by a NUL byte (std::string guarantees that).
  // directives and line_starts may be null.
  Scanner(std::string_view src, ScanErrorSink* errors, std::vector<Directive>* directives,
          std::vector<uint32_t>* line_starts);

  // Advances to the next token.
  void Next();

  // From now on report only EOF, located at the start of the current token (so that
  // token offsets never decrease). Used when the parser gives up; may be called from
  // inside Next() via the error sink.
  void Stop();

  // Current token.
  Token tok() const { return tok_; }
  Pos pos() const { return Pos{line_tok_, col_}; }
  uint32_t offset() const { return offset_; }  // first byte of the token
  uint32_t end() const { return end_; }        // one past the last byte (auto ';': == offset)
  // kName: the identifier; kLiteral: the literal text; kSemi: "semicolon", "newline"
  // or "EOF".
  std::string_view lit() const { return lit_; }
  LitKind kind() const { return kind_; }  // kLiteral only
  bool bad() const { return bad_; }       // kLiteral: an error was reported for it
  Operator op() const { return op_; }     // kOperator, kAssignOp, kIncOp, kStar
  int prec() const { return prec_; }      // kOperator, kStar

 private:
  void Scan();
  void SetStopped();
  void Error(Pos pos, std::string message);
  void ErrorAtOffset(uint32_t offset, std::string message);
  Pos PosAtOffset(uint32_t offset) const;
  void NewLine(uint32_t next_line_start);

  // Decodes the non-ASCII or NUL character at p_, reporting invalid UTF-8, NUL and a BOM
  // in the middle of the file; returns the rune (0xFFFD if invalid) and its width.
  uint32_t DecodeChecked(uint32_t p, uint32_t* width);

  void Identifier();
  void NonAsciiIdentifier(bool first);
  void Number(bool seen_point);
  void RuneLit();
  void StdString();
  void RawString();
  bool Escape(char quote);
  void LineComment(uint32_t start);
  bool FullComment(uint32_t start);  // true if the comment contains a newline
  void SetLit(LitKind kind, bool ok);
  void SkipChar();  // one character of a literal or comment body, validated
  void Digits(int base, int* invalid, int* digsep);
  void RecordDirective(uint32_t start, std::string_view text);

  const char* src_;
  uint32_t size_;
  uint32_t p_ = 0;  // next byte to read
  uint32_t line_ = 1;
  uint32_t line_start_ = 0;  // offset of the current line's first byte
  bool nlsemi_ = false;      // a newline or EOF now yields ';'
  bool stopped_ = false;
  uint32_t stop_offset_ = 0;

  ScanErrorSink* errors_;
  std::vector<Directive>* directives_;
  std::vector<uint32_t>* line_starts_;

  Token tok_ = Token::kEOF;
  uint32_t line_tok_ = 0;  // line_ and col_ of the token
  uint32_t col_ = 0;
  uint32_t offset_ = 0;
  uint32_t end_ = 0;
  std::string_view lit_;
  LitKind kind_ = LitKind::kInt;
  bool bad_ = false;
  Operator op_ = Operator::kNone;
  int prec_ = 0;
};

// Unicode classes for identifiers beyond ASCII (approximations of unicode.IsLetter and
// unicode.IsDigit: exact for ASCII and Latin-1, the decimal digit blocks, and the common
// punctuation/symbol blocks; other code points above U+00FF count as letters).
bool IsUnicodeLetter(uint32_t r);
bool IsUnicodeDigit(uint32_t r);

// Formats a rune as Go's %#U does: U+0040 '@'.
std::string FormatRuneU(uint32_t r);

}  // namespace heapmap::syntax

#endif  // HEAPMAP_FRONTEND_SYNTAX_SCANNER_H_
