// solver/leaks.cc — leak sets (gc's escape/leaks.go).
#include "solver/leaks.h"

#include <algorithm>

#include "absl/base/internal/raw_logging.h"
#include "absl/strings/match.h"

namespace heapmap::solver {

bool Leaks::Empty() const {
  return std::all_of(b_.begin(), b_.end(), [](uint8_t v) { return v == 0; });
}

void Leaks::Add(int i, int derefs) {
  int old = Get(i);
  if (old < 0 || derefs < old) Set(i, derefs);
}

void Leaks::Set(int i, int derefs) {
  int v = derefs + 1;
  ABSL_RAW_CHECK(v >= 0, "invalid derefs count");
  b_[i] = static_cast<uint8_t>(std::min(v, 255));
}

void Leaks::Optimize() {
  // A path to the heap makes any equal or longer path to a result redundant: the caller
  // would send that result's content to the heap anyway.
  if (int x = Heap(); x >= 0) {
    for (int i = 0; i < kNumEscResults; ++i) {
      if (Result(i) >= x) Set(1 + i, -1);
    }
  }
}

std::string Leaks::Encode() const {
  if (Heap() == 0) return "";  // gc: the empty string is the cheap encoding of "leaks"
  size_t n = b_.size();
  while (n > 0 && b_[n - 1] == 0) --n;
  std::string s = "esc:";
  s.append(reinterpret_cast<const char*>(b_.data()), n);
  return s;
}

Leaks Leaks::Parse(absl::string_view tag) {
  Leaks l;
  if (!absl::StartsWith(tag, "esc:")) {
    l.AddHeap(0);
    return l;
  }
  tag.remove_prefix(4);
  for (size_t i = 0; i < tag.size() && i < l.b_.size(); ++i) {
    l.b_[i] = static_cast<uint8_t>(tag[i]);
  }
  return l;
}

}  // namespace heapmap::solver
