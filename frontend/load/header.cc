// frontend/load/header.cc — reads the header of a Go file (package clause, imports) as go/build.
//
// Two stages, as in go/build/read.go: (1) the lenient importReader finds where the
// imports end (that prefix is the "header" that build constraints are read from);
// (2) the header is tokenized and parsed as go/parser does in ImportsOnly mode, which
// decides whether the file has a parse error and yields the package name and imports.
#include "frontend/load/header.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "base/utf8.h"

namespace heapmap::load {
namespace {

// A byte stream over a file (read lazily in chunks) or over memory.
class ByteSource {
 public:
  explicit ByteSource(absl::string_view mem) : mem_(mem), fd_(-1) {}
  explicit ByteSource(int fd) : fd_(fd) {}

  // Returns false at end of input or on an I/O error (then io_error() is set).
  bool Next(unsigned char* c) {
    if (pending_pos_ < pending_.size()) {
      *c = static_cast<unsigned char>(pending_[pending_pos_++]);
      return true;
    }
    return Raw(c);
  }

  // bufio.Reader.Peek(3) + Discard(3) of a UTF-8 byte order mark.
  void SkipBOM() {
    unsigned char c;
    while (pending_.size() < 3 && Raw(&c)) pending_.push_back(static_cast<char>(c));
    if (pending_ == "\xEF\xBB\xBF") pending_.clear();
  }

  const std::string& io_error() const { return io_error_; }

 private:
  bool Raw(unsigned char* c) {
    if (fd_ < 0) {
      if (pos_ >= mem_.size()) return false;
      *c = static_cast<unsigned char>(mem_[pos_++]);
      return true;
    }
    if (pos_ >= len_) {
      if (done_) return false;
      ssize_t n;
      do {
        n = ::read(fd_, chunk_, sizeof chunk_);
      } while (n < 0 && errno == EINTR);
      if (n < 0) {
        io_error_ = std::strerror(errno);
        done_ = true;
        return false;
      }
      if (n == 0) {
        done_ = true;
        return false;
      }
      len_ = static_cast<size_t>(n);
      pos_ = 0;
    }
    *c = static_cast<unsigned char>(chunk_[pos_++]);
    return true;
  }

  std::string pending_;
  size_t pending_pos_ = 0;
  absl::string_view mem_;
  int fd_;
  size_t pos_ = 0;
  size_t len_ = 0;
  bool done_ = false;
  std::string io_error_;
  char chunk_[8192];
};

bool IsIdentByte(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '_' || c >= 0x80;
}

// go/build's importReader, byte for byte.
class ImportReader {
 public:
  enum class Err { kNone, kSyntax, kNul, kIO };

  explicit ImportReader(ByteSource* src) : src_(src) {}

  std::string buf;
  Err err = Err::kNone;
  bool eof = false;

  void SyntaxError() {
    if (err == Err::kNone) err = Err::kSyntax;
  }

  unsigned char ReadByte() {
    unsigned char c;
    if (src_->Next(&c)) {
      buf.push_back(static_cast<char>(c));
      if (c == 0) {
        if (err == Err::kNone) err = Err::kNul;
        return 0;
      }
      return c;
    }
    if (!src_->io_error().empty()) {
      if (err == Err::kNone) err = Err::kIO;
    } else {
      eof = true;
    }
    return 0;
  }

  unsigned char PeekByte(bool skip_space) {
    if (err != Err::kNone) return 0;
    unsigned char c = peek_;
    if (c == 0) c = ReadByte();
    while (err == Err::kNone && !eof) {
      if (skip_space) {
        if (c == ' ' || c == '\f' || c == '\t' || c == '\r' || c == '\n' || c == ';') {
          c = ReadByte();
          continue;
        }
        if (c == '/') {
          c = ReadByte();
          if (c == '/') {
            while (c != '\n' && err == Err::kNone && !eof) c = ReadByte();
          } else if (c == '*') {
            unsigned char c1 = 0;
            while ((c != '*' || c1 != '/') && err == Err::kNone) {
              if (eof) SyntaxError();
              c = c1;
              c1 = ReadByte();
            }
          } else {
            SyntaxError();
          }
          c = ReadByte();
          continue;
        }
      }
      break;
    }
    peek_ = c;
    return peek_;
  }

  unsigned char NextByte(bool skip_space) {
    unsigned char c = PeekByte(skip_space);
    peek_ = 0;
    return c;
  }

  void ReadKeyword(absl::string_view kw) {
    PeekByte(true);
    for (char k : kw) {
      if (NextByte(false) != static_cast<unsigned char>(k)) {
        SyntaxError();
        return;
      }
    }
    if (IsIdentByte(PeekByte(false))) SyntaxError();
  }

  void ReadIdent() {
    unsigned char c = PeekByte(true);
    if (!IsIdentByte(c)) {
      SyntaxError();
      return;
    }
    while (IsIdentByte(PeekByte(false))) peek_ = 0;
  }

  void ReadString() {
    switch (NextByte(true)) {
      case '`':
        while (err == Err::kNone) {
          if (NextByte(false) == '`') break;
          if (eof) SyntaxError();
        }
        break;
      case '"':
        while (err == Err::kNone) {
          unsigned char c = NextByte(false);
          if (c == '"') break;
          if (eof || c == '\n') SyntaxError();
          if (c == '\\') NextByte(false);
        }
        break;
      default:
        SyntaxError();
    }
  }

  void ReadImport() {
    unsigned char c = PeekByte(true);
    if (c == '.') {
      peek_ = 0;
    } else if (IsIdentByte(c)) {
      ReadIdent();
    }
    ReadString();
  }

 private:
  ByteSource* src_;
  unsigned char peek_ = 0;
};

// --- Stage 2: go/scanner + go/parser (ImportsOnly) over the header. ---

enum class Tok { kEOF, kIdent, kPackage, kImport, kKeyword, kString, kSemi, kLParen, kRParen,
                 kPeriod, kComma, kOther, kIllegal };

struct Token {
  Tok tok = Tok::kEOF;
  absl::string_view lit;
  int line = 1;
  int col = 1;
};

bool IsKeyword(absl::string_view s) {
  static constexpr absl::string_view kKeywords[] = {
      "break",  "case",   "chan", "const",       "continue", "default", "defer",
      "else",   "fallthrough", "for", "func",    "go",       "goto",    "if",
      "import", "interface", "map", "package",   "range",    "return",  "select",
      "struct", "switch", "type", "var"};
  for (absl::string_view k : kKeywords) {
    if (k == s) return true;
  }
  return false;
}

class Scanner {
 public:
  explicit Scanner(absl::string_view src) : src_(src) {}

  // The first error (scanner or parser), "line:col: message".
  std::string error;
  // The text of the comments seen since the previous token, for the package doc.
  std::string last_comment_group;
  int last_comment_end_line = 0;

  void Error(int line, int col, absl::string_view msg) {
    if (error.empty()) error = absl::StrCat(line, ":", col, ": ", msg);
  }

  Token Next() {
    for (;;) {
      SkipWhitespace();
      if (pos_ >= src_.size()) {
        if (insert_semi_) {
          insert_semi_ = false;
          return Make(Tok::kSemi, pos_, pos_, "\n");
        }
        return Make(Tok::kEOF, pos_, pos_);
      }
      char c = src_[pos_];
      if (c == '\n') {
        if (insert_semi_) {
          insert_semi_ = false;
          Token t = Make(Tok::kSemi, pos_, pos_ + 1, "\n");
          Advance();
          return t;
        }
        Advance();
        continue;
      }
      if (c == '/' && pos_ + 1 < src_.size() && (src_[pos_ + 1] == '/' || src_[pos_ + 1] == '*')) {
        if (insert_semi_ && CommentHasNewlineOrEnds()) {
          insert_semi_ = false;
          return Make(Tok::kSemi, pos_, pos_, "\n");
        }
        ScanComment();
        continue;
      }
      return ScanToken();
    }
  }

 private:
  Token Make(Tok tok, size_t start, size_t end, absl::string_view lit = {}) {
    Token t;
    t.tok = tok;
    t.lit = lit.empty() ? src_.substr(start, end - start) : lit;
    t.line = tok_line_;
    t.col = tok_col_;
    return t;
  }

  void Advance() {
    if (src_[pos_] == '\n') {
      line_++;
      line_start_ = pos_ + 1;
    }
    pos_++;
  }

  void SkipWhitespace() {
    while (pos_ < src_.size()) {
      char c = src_[pos_];
      if (c == ' ' || c == '\t' || c == '\r' || (c == '\n' && !insert_semi_)) {
        Advance();
      } else {
        break;
      }
    }
    tok_line_ = line_;
    tok_col_ = static_cast<int>(pos_ - line_start_) + 1;
  }

  // With a pending semicolon, a comment that reaches the end of its line (a // comment,
  // or a /* */ one containing a newline or running to EOF) acts as a newline.
  bool CommentHasNewlineOrEnds() const {
    if (src_[pos_ + 1] == '/') return true;
    size_t end = src_.find("*/", pos_ + 2);
    if (end == absl::string_view::npos) return true;
    if (src_.substr(pos_, end - pos_).find('\n') != absl::string_view::npos) return true;
    // A /* */ comment on one line followed only by whitespace up to a newline or EOF.
    size_t k = end + 2;
    while (k < src_.size() && (src_[k] == ' ' || src_[k] == '\t' || src_[k] == '\r')) k++;
    return k >= src_.size() || src_[k] == '\n' ||
           (k + 1 < src_.size() && src_[k] == '/' && src_[k + 1] == '/');
  }

  void ScanComment() {
    int start_line = line_;
    int start_col = static_cast<int>(pos_ - line_start_) + 1;
    std::string text;
    if (src_[pos_ + 1] == '/') {
      size_t end = src_.find('\n', pos_);
      if (end == absl::string_view::npos) end = src_.size();
      text = std::string(src_.substr(pos_ + 2, end - pos_ - 2));
      if (!text.empty() && text.back() == '\r') text.pop_back();
      while (pos_ < end) Advance();
    } else {
      size_t end = src_.find("*/", pos_ + 2);
      if (end == absl::string_view::npos) {
        Error(start_line, start_col, "comment not terminated");
        text = std::string(src_.substr(pos_ + 2));
        while (pos_ < src_.size()) Advance();
      } else {
        text = std::string(src_.substr(pos_ + 2, end - pos_ - 2));
        while (pos_ < end + 2) Advance();
      }
    }
    // Comments separated by a blank line (or code) start a new group.
    if (last_comment_end_line == 0 || start_line > last_comment_end_line + 1) {
      last_comment_group.clear();
    }
    last_comment_group += text;
    last_comment_group += '\n';
    last_comment_end_line = line_;
  }

  Token ScanToken() {
    size_t start = pos_;
    unsigned char c = static_cast<unsigned char>(src_[pos_]);
    insert_semi_ = false;
    if (IsIdentByte(c) && !(c >= '0' && c <= '9')) {
      while (pos_ < src_.size() && IsIdentByte(static_cast<unsigned char>(src_[pos_]))) pos_++;
      absl::string_view word = src_.substr(start, pos_ - start);
      if (word == "package") return Make(Tok::kPackage, start, pos_);
      if (word == "import") return Make(Tok::kImport, start, pos_);
      if (IsKeyword(word)) {
        insert_semi_ = word == "break" || word == "continue" || word == "fallthrough" ||
                       word == "return";
        return Make(Tok::kKeyword, start, pos_);
      }
      insert_semi_ = true;
      return Make(Tok::kIdent, start, pos_);
    }
    if (c >= '0' && c <= '9') {
      while (pos_ < src_.size() && (IsIdentByte(static_cast<unsigned char>(src_[pos_])) ||
                                    src_[pos_] == '.')) {
        pos_++;
      }
      insert_semi_ = true;
      return Make(Tok::kOther, start, pos_);
    }
    switch (c) {
      case '"': {
        pos_++;
        for (;;) {
          if (pos_ >= src_.size() || src_[pos_] == '\n') {
            Error(tok_line_, tok_col_, "string literal not terminated");
            break;
          }
          char d = src_[pos_++];
          if (d == '"') break;
          if (d == '\\' && pos_ < src_.size() && src_[pos_] != '\n') pos_++;
        }
        insert_semi_ = true;
        return Make(Tok::kString, start, pos_);
      }
      case '`': {
        pos_++;
        for (;;) {
          if (pos_ >= src_.size()) {
            Error(tok_line_, tok_col_, "raw string literal not terminated");
            break;
          }
          if (src_[pos_] == '`') {
            Advance();
            break;
          }
          Advance();
        }
        insert_semi_ = true;
        return Make(Tok::kString, start, pos_);
      }
      case '\'': {
        pos_++;
        for (;;) {
          if (pos_ >= src_.size() || src_[pos_] == '\n') {
            Error(tok_line_, tok_col_, "rune literal not terminated");
            break;
          }
          char d = src_[pos_++];
          if (d == '\'') break;
          if (d == '\\' && pos_ < src_.size() && src_[pos_] != '\n') pos_++;
        }
        insert_semi_ = true;
        return Make(Tok::kOther, start, pos_);
      }
      case ';':
        pos_++;
        return Make(Tok::kSemi, start, pos_);
      case '(':
        pos_++;
        return Make(Tok::kLParen, start, pos_);
      case ')':
        pos_++;
        insert_semi_ = true;
        return Make(Tok::kRParen, start, pos_);
      case ']':
      case '}':
        pos_++;
        insert_semi_ = true;
        return Make(Tok::kOther, start, pos_);
      case ',':
        pos_++;
        return Make(Tok::kComma, start, pos_);
      case '.':
        pos_++;
        if (pos_ < src_.size() && src_[pos_] >= '0' && src_[pos_] <= '9') {
          while (pos_ < src_.size() && IsIdentByte(static_cast<unsigned char>(src_[pos_]))) pos_++;
          insert_semi_ = true;
          return Make(Tok::kOther, start, pos_);
        }
        if (src_.substr(start, 3) == "...") {
          pos_ = start + 3;
          return Make(Tok::kOther, start, pos_);
        }
        return Make(Tok::kPeriod, start, pos_);
      case '+':
      case '-':
        pos_++;
        if (pos_ < src_.size() && src_[pos_] == static_cast<char>(c)) {
          pos_++;
          insert_semi_ = true;
        }
        return Make(Tok::kOther, start, pos_);
      default:
        break;
    }
    if (std::strchr("*/%&|^<>=!:[{~", c) != nullptr && c != 0) {
      pos_++;
      return Make(Tok::kOther, start, pos_);
    }
    pos_++;
    Error(tok_line_, tok_col_, absl::StrCat("illegal character U+",
                                            absl::Hex(c, absl::kZeroPad4)));
    return Make(Tok::kIllegal, start, pos_);
  }

  absl::string_view src_;
  size_t pos_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
  int tok_line_ = 1;
  int tok_col_ = 1;
  bool insert_semi_ = false;
};

std::string TokString(const Token& t) {
  switch (t.tok) {
    case Tok::kEOF:
      return "EOF";
    case Tok::kSemi:
      return t.lit == "\n" ? "newline" : "';'";
    case Tok::kIdent:
    case Tok::kString:
    case Tok::kOther:
    case Tok::kIllegal:
      return std::string(t.lit);
    default:
      return absl::StrCat("'", t.lit, "'");
  }
}

// isValidImport of go/parser.
bool IsValidImportPath(const std::string& path) {
  if (path.empty()) return false;
  static constexpr absl::string_view kIllegal = "!\"#$%&'()*,:;<=>?[\\]^{|}`";
  for (unsigned char c : path) {
    if (c < 0x21 || c == 0x7f || kIllegal.find(static_cast<char>(c)) != absl::string_view::npos) {
      return false;
    }
  }
  return true;
}

class HeaderParser {
 public:
  explicit HeaderParser(absl::string_view src) : scanner_(src) {}

  void Parse(GoFileHeader* out) {
    NextTok();
    if (!scanner_.error.empty()) return Finish(out);
    std::string doc = scanner_.last_comment_end_line >= tok_.line - 1 ? scanner_.last_comment_group
                                                                      : std::string();
    Expect(Tok::kPackage, "'package'");
    std::string name = "_";
    if (tok_.tok == Tok::kIdent) {
      name = std::string(tok_.lit);
      NextTok();
    } else {
      Expect(Tok::kIdent, "IDENT");
    }
    ExpectSemi();
    if (!scanner_.error.empty()) return Finish(out);
    out->package_name = name;
    out->doc = std::move(doc);
    std::vector<GoImport> imports;
    while (tok_.tok == Tok::kImport && scanner_.error.empty()) {
      NextTok();
      if (tok_.tok == Tok::kLParen) {
        NextTok();
        while (tok_.tok != Tok::kRParen && tok_.tok != Tok::kEOF && scanner_.error.empty()) {
          ImportSpec(&imports);
        }
        Expect(Tok::kRParen, "')'");
        ExpectSemi();
      } else {
        ImportSpec(&imports);
      }
    }
    if (scanner_.error.empty()) out->imports = std::move(imports);
    Finish(out);
  }

 private:
  void Finish(GoFileHeader* out) { out->parse_error = scanner_.error; }

  void NextTok() { tok_ = scanner_.Next(); }

  void ErrorExpected(absl::string_view what) {
    std::string found = TokString(tok_);
    scanner_.Error(tok_.line, tok_.col, absl::StrCat("expected ", what, ", found ", found));
  }

  void Expect(Tok tok, absl::string_view what) {
    if (tok_.tok != tok) ErrorExpected(what);
    NextTok();
  }

  void ExpectSemi() {
    if (tok_.tok == Tok::kRParen) return;
    if (tok_.tok == Tok::kSemi) {
      NextTok();
      return;
    }
    ErrorExpected("';'");
  }

  void ImportSpec(std::vector<GoImport>* imports) {
    if (tok_.tok == Tok::kPeriod || tok_.tok == Tok::kIdent) NextTok();
    if (tok_.tok == Tok::kString) {
      GoImport imp;
      imp.line = tok_.line;
      imp.column = tok_.col;
      if (!UnquoteGoString(tok_.lit, &imp.path) || !IsValidImportPath(imp.path)) {
        scanner_.Error(tok_.line, tok_.col, absl::StrCat("invalid import path: ", tok_.lit));
      }
      imports->push_back(std::move(imp));
      NextTok();
    } else {
      Expect(Tok::kString, "STRING");
    }
    ExpectSemi();
  }

  Scanner scanner_;
  Token tok_;
};

GoFileHeader Read(ByteSource* src) {
  GoFileHeader out;
  src->SkipBOM();
  ImportReader r(src);
  // readGoInfo.
  r.ReadKeyword("package");
  r.ReadIdent();
  while (r.PeekByte(true) == 'i') {
    r.ReadKeyword("import");
    if (r.PeekByte(true) == '(') {
      r.NextByte(false);
      while (r.PeekByte(true) != ')' && r.err == ImportReader::Err::kNone) r.ReadImport();
      r.NextByte(false);
    } else {
      r.ReadImport();
    }
  }
  size_t header_len = r.buf.size();
  if (r.err == ImportReader::Err::kNone && !r.eof && header_len > 0) header_len--;
  if (r.err == ImportReader::Err::kSyntax) {
    // The reader got lost: go/build hands the whole file to the parser.
    r.err = ImportReader::Err::kNone;
    while (r.err == ImportReader::Err::kNone && !r.eof) r.ReadByte();
    header_len = r.buf.size();
  }
  if (r.err == ImportReader::Err::kNul) {
    out.read_error = "unexpected NUL in input";
    return out;
  }
  if (r.err == ImportReader::Err::kIO) {
    out.read_error = src->io_error();
    return out;
  }
  r.buf.resize(header_len);
  out.header = std::move(r.buf);
  HeaderParser(out.header).Parse(&out);
  return out;
}

}  // namespace

bool UnquoteGoString(absl::string_view lit, std::string* out) {
  out->clear();
  if (lit.size() < 2) return false;
  char q = lit.front();
  if (lit.back() != q) return false;
  absl::string_view body = lit.substr(1, lit.size() - 2);
  if (q == '`') {
    if (body.find('`') != absl::string_view::npos) return false;
    for (char c : body) {
      if (c != '\r') out->push_back(c);
    }
    return true;
  }
  if (q != '"') return false;
  for (size_t i = 0; i < body.size();) {
    char c = body[i];
    if (c == '"' || c == '\n') return false;
    if (c != '\\') {
      out->push_back(c);
      i++;
      continue;
    }
    if (++i >= body.size()) return false;
    char e = body[i++];
    switch (e) {
      case 'a': out->push_back('\a'); break;
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'n': out->push_back('\n'); break;
      case 'r': out->push_back('\r'); break;
      case 't': out->push_back('\t'); break;
      case 'v': out->push_back('\v'); break;
      case '\\': out->push_back('\\'); break;
      case '"': out->push_back('"'); break;
      case 'x': {
        if (i + 2 > body.size()) return false;
        int h = base::HexDigitValue(body[i]), l = base::HexDigitValue(body[i + 1]);
        if (h < 0 || l < 0) return false;
        out->push_back(static_cast<char>(h * 16 + l));
        i += 2;
        break;
      }
      case 'u':
      case 'U': {
        size_t n = e == 'u' ? 4 : 8;
        if (i + n > body.size()) return false;
        uint32_t r = 0;
        for (size_t k = 0; k < n; k++) {
          int v = base::HexDigitValue(body[i + k]);
          if (v < 0) return false;
          r = r * 16 + static_cast<uint32_t>(v);
        }
        if (r > 0x10FFFF || (r >= 0xD800 && r < 0xE000)) return false;
        base::AppendUtf8(r, out);
        i += n;
        break;
      }
      default: {
        if (e < '0' || e > '7' || i + 2 > body.size()) return false;
        int v = e - '0';
        for (int k = 0; k < 2; k++) {
          char d = body[i + k];
          if (d < '0' || d > '7') return false;
          v = v * 8 + (d - '0');
        }
        if (v > 255) return false;
        out->push_back(static_cast<char>(v));
        i += 2;
      }
    }
  }
  return true;
}


GoFileHeader ParseGoFileHeader(absl::string_view data) {
  ByteSource src(data);
  return Read(&src);
}

namespace {
int OpenFile(const std::string& path, GoFileHeader* out) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) out->read_error = absl::StrCat("open ", path, ": ", std::strerror(errno));
  return fd;
}
}  // namespace

GoFileHeader ReadFileComments(const std::string& path) {
  GoFileHeader out;
  int fd = OpenFile(path, &out);
  if (fd < 0) return out;
  ByteSource src(fd);
  src.SkipBOM();
  ImportReader r(&src);
  r.PeekByte(true);
  ::close(fd);
  if (r.err == ImportReader::Err::kNone && !r.eof && !r.buf.empty()) r.buf.pop_back();
  if (r.err == ImportReader::Err::kNul) {
    out.read_error = absl::StrCat("read ", path, ": unexpected NUL in input");
  } else if (r.err == ImportReader::Err::kIO) {
    out.read_error = absl::StrCat("read ", path, ": ", src.io_error());
  } else if (r.err == ImportReader::Err::kSyntax) {
    out.read_error = absl::StrCat("read ", path, ": syntax error");
  }
  out.header = std::move(r.buf);
  return out;
}

GoFileHeader ReadGoFileHeader(const std::string& path) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    GoFileHeader out;
    out.read_error = absl::StrCat("open ", path, ": ", std::strerror(errno));
    return out;
  }
  ByteSource src(fd);
  GoFileHeader out = Read(&src);
  ::close(fd);
  if (!out.read_error.empty() && out.read_error.find(path) == std::string::npos) {
    out.read_error = absl::StrCat("read ", path, ": ", out.read_error);
  }
  return out;
}

}  // namespace heapmap::load
