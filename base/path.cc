// base/path.cc — see path.h.
#include "base/path.h"

#include <vector>

namespace heapmap::base {

std::string CleanPath(std::string_view p) {
  if (p.empty()) return ".";
  const bool rooted = p[0] == '/';
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= p.size()) {
    size_t slash = p.find('/', start);
    if (slash == std::string_view::npos) slash = p.size();
    std::string_view elem = p.substr(start, slash - start);
    start = slash + 1;
    if (elem.empty() || elem == ".") continue;
    if (elem == "..") {
      if (!out.empty() && out.back() != "..") {
        out.pop_back();
      } else if (!rooted) {
        out.push_back(elem);
      }
      continue;
    }
    out.push_back(elem);
  }
  std::string s = rooted ? "/" : "";
  for (size_t i = 0; i < out.size(); ++i) {
    if (i > 0) s += '/';
    s += out[i];
  }
  return s.empty() ? "." : s;
}

std::string AbsPath(std::string_view base, std::string_view p) {
  if (!p.empty() && p[0] == '/') return CleanPath(p);
  if (p.empty()) return CleanPath(base);
  if (base.empty()) return CleanPath(p);
  std::string joined(base);
  joined += '/';
  joined += p;
  return CleanPath(joined);
}

}  // namespace heapmap::base
