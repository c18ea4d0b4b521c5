// frontend/load/match.cc — package pattern matching as cmd/go/internal/search.
#include "frontend/load/match.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace heapmap::load {
namespace {

constexpr char kVendorChar = '\0';

// replaceVendor: non-trailing "vendor" elements become kVendorChar.
std::string ReplaceVendor(absl::string_view x) {
  if (x.find("vendor") == absl::string_view::npos) return std::string(x);
  std::vector<std::string> elem = absl::StrSplit(x, '/');
  for (size_t i = 0; i + 1 < elem.size(); i++) {
    if (elem[i] == "vendor") elem[i] = std::string(1, kVendorChar);
  }
  return absl::StrJoin(elem, "/");
}

// Glob match where "..." matches any run of bytes other than kVendorChar. Dynamic
// programming over (pattern position, name position), so no input is exponential.
bool Glob(absl::string_view pat, absl::string_view name) {
  const size_t n = name.size();
  std::vector<char> cur(n + 1, 0), next(n + 1, 0);
  // cur[j]: pattern suffix starting at position i matches name suffix starting at j.
  // Walk the pattern from the end.
  std::vector<absl::string_view> toks;  // "..." or single byte
  for (size_t i = 0; i < pat.size();) {
    if (pat.substr(i, 3) == "...") {
      toks.push_back(pat.substr(i, 3));
      i += 3;
    } else {
      toks.push_back(pat.substr(i, 1));
      i++;
    }
  }
  std::fill(cur.begin(), cur.end(), 0);
  cur[n] = 1;
  for (size_t t = toks.size(); t-- > 0;) {
    std::fill(next.begin(), next.end(), 0);
    if (toks[t] == "...") {
      // next[j] = cur[j] || (name[j] != V && next[j+1])
      for (size_t j = n + 1; j-- > 0;) {
        next[j] = cur[j] || (j < n && name[j] != kVendorChar && next[j + 1]);
      }
    } else {
      for (size_t j = 0; j < n; j++) next[j] = name[j] == toks[t][0] && cur[j + 1];
    }
    std::swap(cur, next);
  }
  return cur[0];
}

}  // namespace

bool MatchPattern(absl::string_view pattern, absl::string_view name) {
  if (pattern.find(kVendorChar) != absl::string_view::npos) return false;
  if (name.find(kVendorChar) != absl::string_view::npos) return false;
  std::string re = ReplaceVendor(pattern);
  std::string nm = ReplaceVendor(name);
  const std::string vendor_suffix = std::string("/") + kVendorChar + "/...";
  std::vector<std::string> alts;
  if (absl::EndsWith(re, vendor_suffix)) {
    std::string prefix = re.substr(0, re.size() - vendor_suffix.size());
    alts = {prefix + "/vendor", prefix + vendor_suffix};
  } else if (re == std::string(1, kVendorChar) + "/...") {
    alts = {"/vendor", vendor_suffix};
  } else if (absl::EndsWith(re, "/...")) {
    std::string prefix = re.substr(0, re.size() - 4);
    alts = {prefix, re};
  } else {
    alts = {re};
  }
  for (const std::string& alt : alts) {
    if (Glob(alt, nm)) return true;
  }
  return false;
}

bool HasPathPrefix(absl::string_view s, absl::string_view prefix) {
  if (s.size() == prefix.size()) return s == prefix;
  if (s.size() > prefix.size()) {
    if (!prefix.empty() && prefix.back() == '/') return absl::StartsWith(s, prefix);
    return s[prefix.size()] == '/' && s.substr(0, prefix.size()) == prefix;
  }
  return false;
}

bool TreeCanMatchPattern(absl::string_view pattern, absl::string_view name) {
  bool wildcard = false;
  size_t i = pattern.find("...");
  if (i != absl::string_view::npos) {
    wildcard = true;
    pattern = pattern.substr(0, i);
  }
  return (name.size() <= pattern.size() && HasPathPrefix(pattern, name)) ||
         (wildcard && absl::StartsWith(name, pattern));
}

bool IsStandardImportPath(absl::string_view path) {
  size_t i = path.find('/');
  absl::string_view elem = path.substr(0, i);
  return elem.find('.') == absl::string_view::npos;
}

bool IsMetaPackage(absl::string_view pattern) {
  return pattern == "std" || pattern == "cmd" || pattern == "all";
}

bool IsLocalImport(absl::string_view path) {
  return path == "." || path == ".." || absl::StartsWith(path, "./") ||
         absl::StartsWith(path, "../");
}

}  // namespace heapmap::load
