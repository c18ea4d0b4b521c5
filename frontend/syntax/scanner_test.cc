// frontend/syntax/scanner_test.cc — tokens, literals, semicolon insertion, positions, errors.
#include "frontend/syntax/scanner.h"

#include <string>
#include <vector>

#include "frontend/syntax/literal.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace heapmap::syntax {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct Tok {
  Token tok;
  std::string lit;  // name, literal text, semicolon kind, or operator spelling
  uint32_t line;
  uint32_t col;
};

class Collect : public ScanErrorSink {
 public:
  void ScanError(Pos pos, std::string message) override {
    errors.push_back(std::to_string(pos.line) + ":" + std::to_string(pos.col) + ": " + message);
  }
  std::vector<std::string> errors;
};

struct Scanned {
  std::vector<Tok> toks;
  std::vector<std::string> errors;
  std::vector<Directive> directives;
  std::vector<uint32_t> line_starts;
  std::string source;  // keeps the views alive
};

Scanned ScanAll(std::string src) {
  Scanned out;
  out.source = std::move(src);
  Collect sink;
  Scanner s(out.source, &sink, &out.directives, &out.line_starts);
  for (s.Next(); s.tok() != Token::kEOF; s.Next()) {
    std::string lit(s.lit());
    if (s.tok() == Token::kOperator || s.tok() == Token::kStar || s.tok() == Token::kAssignOp ||
        s.tok() == Token::kIncOp) {
      lit = std::string(OperatorString(s.op()));
    }
    out.toks.push_back(Tok{s.tok(), lit, s.pos().line, s.pos().col});
    if (out.toks.size() > 10000) break;
  }
  out.errors = sink.errors;
  return out;
}

// Compact rendering: names and literals by text, ';' with its kind, others by spelling.
std::string Render(const Scanned& s) {
  std::string out;
  for (const Tok& t : s.toks) {
    if (!out.empty()) out += " ";
    switch (t.tok) {
      case Token::kName:
      case Token::kLiteral:
        out += t.lit;
        break;
      case Token::kSemi:
        out += t.lit == "semicolon" ? ";" : "⏎";  // automatic semicolon
        if (t.lit == "EOF") out += "EOF";
        break;
      case Token::kOperator:
      case Token::kStar:
      case Token::kIncOp:
        out += t.lit;
        if (t.tok == Token::kIncOp) out += t.lit;
        break;
      case Token::kAssignOp:
        out += t.lit + "=";
        break;
      default:
        out += std::string(TokenString(t.tok));
    }
  }
  return out;
}

TEST(Scanner, TokensOfASmallFile) {
  Scanned s = ScanAll("package main\n\nfunc f(x int) { return x<<2 &^ 3 }\n");
  EXPECT_THAT(s.errors, IsEmpty());
  EXPECT_EQ(Render(s), "package main ⏎ func f ( x int ) { return x << 2 &^ 3 } ⏎");
}

TEST(Scanner, AllOperatorsAndDelimiters) {
  Scanned s = ScanAll(
      "+ - * / % & | ^ << >> &^ += -= *= /= %= &= |= ^= <<= >>= &^= && || <- ++ -- == < > = "
      "! ~ != <= >= := ... ( [ { , . ) ] } ; :");
  EXPECT_THAT(s.errors, IsEmpty());
  EXPECT_EQ(Render(s),
            "+ - * / % & | ^ << >> &^ += -= *= /= %= &= |= ^= <<= >>= &^= && || <- ++ -- == < > = "
            "! ~ != <= >= := ... ( [ { , . ) ] } ; :");
}

TEST(Scanner, KeywordsAreNotNames) {
  Scanned s = ScanAll(
      "break case chan const continue default defer else fallthrough for func go goto if "
      "import interface map package range return select struct switch type var breaks");
  ASSERT_EQ(s.toks.size(), 27u);  // with the ';' at EOF
  EXPECT_EQ(s.toks[0].tok, Token::kBreak);
  EXPECT_EQ(s.toks[24].tok, Token::kVar);
  EXPECT_EQ(s.toks[25].tok, Token::kName);
}

TEST(Scanner, SemicolonInsertion) {
  // After names, literals, the keywords break/continue/fallthrough/return, ++ -- ) ] }.
  EXPECT_EQ(Render(ScanAll("x\n1\n'a'\n\"s\"\n`r`\nbreak\ncontinue\nfallthrough\nreturn\n")),
            "x ⏎ 1 ⏎ 'a' ⏎ \"s\" ⏎ `r` ⏎ break ⏎ continue ⏎ fallthrough ⏎ return ⏎");
  EXPECT_EQ(Render(ScanAll("x++\ny--\nf()\na[1]\n}\n")), "x ++ ⏎ y -- ⏎ f ( ) ⏎ a [ 1 ] ⏎ } ⏎");
  // Not after operators, opening delimiters or other keywords.
  EXPECT_EQ(Render(ScanAll("x +\ny (\nz [\n{\nfunc\nif\n")), "x + y ( z [ { func if");
  // At EOF without a final newline.
  EXPECT_EQ(Render(ScanAll("return x")), "return x ⏎EOF");
  EXPECT_EQ(Render(ScanAll("x +")), "x +");
  // After a line comment; after a general comment only if it spans lines.
  EXPECT_EQ(Render(ScanAll("x // c\ny")), "x ⏎ y ⏎EOF");
  EXPECT_EQ(Render(ScanAll("x /* c */ y")), "x y ⏎EOF");
  EXPECT_EQ(Render(ScanAll("x /* c\n */ y")), "x ⏎ y ⏎EOF");
  EXPECT_EQ(Render(ScanAll("x // c")), "x ⏎EOF");
  // Blank lines produce one semicolon.
  EXPECT_EQ(Render(ScanAll("x\n\n\n\ny")), "x ⏎ y ⏎EOF");
}

TEST(Scanner, SemicolonPositions) {
  Scanned s = ScanAll("ab\ncd /* x\n */\n");
  ASSERT_EQ(s.toks.size(), 4u);
  EXPECT_EQ(s.toks[1].lit, "newline");
  EXPECT_EQ(s.toks[1].line, 1u);  // at the newline itself
  EXPECT_EQ(s.toks[1].col, 3u);
  EXPECT_EQ(s.toks[3].lit, "newline");  // the general comment acts as the newline
  EXPECT_EQ(s.toks[3].line, 2u);
  EXPECT_EQ(s.toks[3].col, 4u);
}

TEST(Scanner, ValidLiterals) {
  struct Case {
    const char* src;
    LitKind kind;
  };
  const Case cases[] = {
      {"0", LitKind::kInt},
      {"42", LitKind::kInt},
      {"1_000_000", LitKind::kInt},
      {"0b1011", LitKind::kInt},
      {"0B_1", LitKind::kInt},
      {"0o17", LitKind::kInt},
      {"0O_7", LitKind::kInt},
      {"017", LitKind::kInt},
      {"0_17", LitKind::kInt},
      {"0xBadFace", LitKind::kInt},
      {"0X_dead_beef", LitKind::kInt},
      {"1.", LitKind::kFloat},
      {"1.5", LitKind::kFloat},
      {".5", LitKind::kFloat},
      {"1e10", LitKind::kFloat},
      {"1E-3", LitKind::kFloat},
      {"6.67428e-11", LitKind::kFloat},
      {"0x1p-2", LitKind::kFloat},
      {"0x1.8p+3", LitKind::kFloat},
      {"0X.8p0", LitKind::kFloat},
      {"0x_1FFFp-16", LitKind::kFloat},
      {"1_5.2_5e1_0", LitKind::kFloat},
      {"0i", LitKind::kImag},
      {"0123i", LitKind::kImag},
      {"1.5i", LitKind::kImag},
      {"1e3i", LitKind::kImag},
      {"0x1p2i", LitKind::kImag},
      {"0b101i", LitKind::kImag},
      {"'a'", LitKind::kRune},
      {"'ä'", LitKind::kRune},
      {"'本'", LitKind::kRune},
      {"'\\t'", LitKind::kRune},
      {"'\\000'", LitKind::kRune},
      {"'\\x07'", LitKind::kRune},
      {"'\\u12e4'", LitKind::kRune},
      {"'\\U00101234'", LitKind::kRune},
      {"'\\''", LitKind::kRune},
      {"\"\"", LitKind::kString},
      {"\"a\\n\\t\\\"\\\\\"", LitKind::kString},
      {"\"\\xff\\u00FF\\U0001F600\"", LitKind::kString},
      {"\"日本語\"", LitKind::kString},
      {"`a\\n`", LitKind::kString},
      {"`multi\nline`", LitKind::kString},
  };
  for (const Case& c : cases) {
    Scanned s = ScanAll(c.src);
    EXPECT_THAT(s.errors, IsEmpty()) << c.src;
    ASSERT_GE(s.toks.size(), 1u) << c.src;
    EXPECT_EQ(s.toks[0].tok, Token::kLiteral) << c.src;
    EXPECT_EQ(s.toks[0].lit, c.src);
    EXPECT_EQ(s.toks.size(), 2u) << c.src;  // literal, then ';' at EOF
  }
}

TEST(Scanner, LiteralErrorsAsGcReportsThem) {
  struct Case {
    const char* src;
    const char* error;
  };
  const Case cases[] = {
      {"0x", "1:3: hexadecimal literal has no digits"},
      {"0b", "1:3: binary literal has no digits"},
      {"09", "1:2: invalid digit '9' in octal literal"},
      {"0b102", "1:5: invalid digit '2' in binary literal"},
      {"1__0", "1:3: '_' must separate successive digits"},
      {"1_", "1:2: '_' must separate successive digits"},
      {"0x_", "1:4: hexadecimal literal has no digits"},
      {"1e", "1:3: exponent has no digits"},
      {"0x1.0", "1:6: hexadecimal mantissa requires a 'p' exponent"},
      {"1p2", "1:2: 'p' exponent requires hexadecimal mantissa"},
      {"0o1e2", "1:4: 'e' exponent requires decimal mantissa"},
      {"0b1.0", "1:4: invalid radix point in binary literal"},
      {"''", "1:2: empty rune literal or unescaped '"},
      {"'ab'", "1:1: more than one character in rune literal"},
      {"'a", "1:1: rune literal not terminated"},
      {"'\nx", "1:2: newline in rune literal"},
      {"\"abc", "1:1: string not terminated"},
      {"\"abc\nx", "1:5: newline in string"},
      {"`abc", "1:1: string not terminated"},
      {"\"\\q\"", "1:3: unknown escape"},
      {"\"\\xZZ\"", "1:4: invalid character 'Z' in hexadecimal escape"},
      {"\"\\400\"", "1:6: octal escape value 256 > 255"},
      {"\"\\uD800\"", "1:8: escape is invalid Unicode code point U+D800"},
      {"\"\\U00110000\"", "1:12: escape is invalid Unicode code point U+110000"},
      {"/* abc", "1:1: comment not terminated"},
      {"@", "1:1: invalid character U+0040 '@'"},
      {"x\xe2\x80\xa2y", "1:2: invalid character U+2022 '\xe2\x80\xa2' in identifier"},
      {"\xd9\xa1x", "1:1: identifier cannot begin with digit U+0661 '\xd9\xa1'"},
  };
  for (const Case& c : cases) {
    Scanned s = ScanAll(c.src);
    EXPECT_THAT(s.errors, ElementsAre(c.error)) << c.src;
  }
}

TEST(Scanner, BadBytesAreErrorsNotCrashes) {
  EXPECT_THAT(ScanAll(std::string("a\0b", 3)).errors, ElementsAre("1:2: invalid NUL character"));
  EXPECT_THAT(ScanAll("a \xff b").errors, ElementsAre("1:3: invalid UTF-8 encoding"));
  EXPECT_THAT(ScanAll("\"\xff\"").errors, ElementsAre("1:2: invalid UTF-8 encoding"));
  // Each byte of an invalid sequence is reported and skipped, as gc's source.nextch does
  // (the parser keeps one of equal messages per line, as gc does).
  EXPECT_THAT(ScanAll("// \xc0\x80\n").errors,
              ElementsAre("1:4: invalid UTF-8 encoding", "1:5: invalid UTF-8 encoding"));
  EXPECT_THAT(ScanAll("x \xef\xbb\xbf").errors,
              ElementsAre("1:3: invalid BOM in the middle of the file"));
  // A BOM at the very start is skipped silently.
  Scanned s = ScanAll("\xef\xbb\xbfpackage p");
  EXPECT_THAT(s.errors, IsEmpty());
  EXPECT_EQ(s.toks[0].tok, Token::kPackage);
  EXPECT_EQ(s.toks[0].col, 4u);
  // Surrogates and overlong encodings are invalid UTF-8.
  EXPECT_EQ(ScanAll("\"\xed\xa0\x80\"").errors.size(), 3u);
  EXPECT_EQ(ScanAll("\"\xe0\x80\x80\"").errors.size(), 3u);
  // Truncated sequence at EOF.
  EXPECT_THAT(ScanAll("\xe4\xb8").errors,
              ElementsAre("1:1: invalid UTF-8 encoding", "1:2: invalid UTF-8 encoding"));
}

TEST(Scanner, ColumnsCountBytes) {
  // "世界" is 6 bytes; the quoted string spans columns 7-14.
  Scanned s = ScanAll("x := \"世界\" + y\n\tä := 1");
  ASSERT_GE(s.toks.size(), 8u);
  EXPECT_EQ(s.toks[2].col, 6u);   // the string
  EXPECT_EQ(s.toks[3].col, 15u);  // +
  EXPECT_EQ(s.toks[4].col, 17u);  // y
  EXPECT_EQ(s.toks[6].lit, "ä");
  EXPECT_EQ(s.toks[6].line, 2u);
  EXPECT_EQ(s.toks[6].col, 2u);
  EXPECT_EQ(s.toks[7].col, 5u);  // := after the 2-byte ä
  // Lines inside raw strings and comments are counted.
  Scanned t = ScanAll("`a\nb\nc` /*\n\n*/ z");
  EXPECT_EQ(t.toks.back().line, 5u);
  EXPECT_THAT(t.line_starts, ElementsAre(0u, 3u, 5u, 11u, 12u));
}

TEST(Scanner, UnicodeIdentifiers) {
  Scanned s = ScanAll("αβγ _x9 日本語 ǅ");
  EXPECT_THAT(s.errors, IsEmpty());
  ASSERT_EQ(s.toks.size(), 5u);
  EXPECT_EQ(s.toks[0].lit, "αβγ");
  EXPECT_EQ(s.toks[2].lit, "日本語");
  EXPECT_EQ(s.toks[3].lit, "ǅ");
}

TEST(Scanner, CollectsDirectives) {
  Scanned s = ScanAll(
      "//go:build linux\n// +build linux\n\npackage p\n//go:noinline\n"
      "x //go:nosplit\n//line foo.go:10\n/*line bar.go:1:1*/ // gone: not a directive\n"
      "// go:notadirective\n//go:linkname a runtime.b\n");
  ASSERT_EQ(s.directives.size(), 7u);
  EXPECT_EQ(s.directives[0].text, "go:build linux");
  EXPECT_TRUE(s.directives[0].own_line);
  EXPECT_EQ(s.directives[1].text, " +build linux");
  EXPECT_EQ(s.directives[2].text, "go:noinline");
  EXPECT_EQ(s.directives[2].pos.line, 5u);
  EXPECT_EQ(s.directives[3].text, "go:nosplit");
  EXPECT_FALSE(s.directives[3].own_line);
  EXPECT_EQ(s.directives[4].text, "line foo.go:10");
  EXPECT_EQ(s.directives[5].text, "line bar.go:1:1");
  EXPECT_EQ(s.directives[6].Name(), "go:linkname");
  EXPECT_EQ(s.directives[6].Args(), "a runtime.b");
}

TEST(Literal, StringValues) {
  std::string v;
  ASSERT_TRUE(StringLitValue("\"a\\n\\t\\\\\\\"\\x41\\101\\u00e4\\U0001F600\"", &v));
  EXPECT_EQ(v, "a\n\t\\\"AA\xc3\xa4\xf0\x9f\x98\x80");
  ASSERT_TRUE(StringLitValue("\"\\xff\"", &v));
  EXPECT_EQ(v, "\xff");
  ASSERT_TRUE(StringLitValue("`a\r\nb\\n`", &v));
  EXPECT_EQ(v, "a\nb\\n");  // CRs dropped from raw strings, no escapes
  EXPECT_FALSE(StringLitValue("\"\\q\"", &v));
  EXPECT_FALSE(StringLitValue("\"abc", &v));
  EXPECT_FALSE(StringLitValue("\"\\'\"", &v));
}

TEST(Literal, RuneValues) {
  uint32_t r = 0;
  ASSERT_TRUE(RuneLitValue("'a'", &r));
  EXPECT_EQ(r, 'a');
  ASSERT_TRUE(RuneLitValue("'本'", &r));
  EXPECT_EQ(r, 0x672cu);
  ASSERT_TRUE(RuneLitValue("'\\''", &r));
  EXPECT_EQ(r, '\'');
  ASSERT_TRUE(RuneLitValue("'\\xff'", &r));
  EXPECT_EQ(r, 0xffu);
  ASSERT_TRUE(RuneLitValue("'\\U0010FFFF'", &r));
  EXPECT_EQ(r, 0x10FFFFu);
  EXPECT_FALSE(RuneLitValue("'ab'", &r));
  EXPECT_FALSE(RuneLitValue("'\\\"'", &r));
}

}  // namespace
}  // namespace heapmap::syntax
