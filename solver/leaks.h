// solver/leaks.h — a parameter's leak set, encoded exactly as gc's escape/leaks.go.
//
// Slot 0 holds the minimal derefs of any flow from the parameter to the heap, slots 1..7 the
// minimal derefs to the function's results 0..6, each stored as derefs+1 in a byte (0 = no
// flow, saturating at 255). Encode() gives gc's export-data tag byte for byte, so summaries
// written here and tags read from gc agree.
#ifndef HEAPMAP_SOLVER_LEAKS_H_
#define HEAPMAP_SOLVER_LEAKS_H_

#include <array>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace heapmap::solver {

// gc's numEscResults: leaks to later results are recorded as heap leaks.
inline constexpr int kNumEscResults = 7;

class Leaks {
 public:
  // Empty reports whether there are no flows at all.
  bool Empty() const;
  // Minimal derefs of a flow to the heap / to result i; -1 if none.
  int Heap() const { return Get(0); }
  int Result(int i) const { return Get(1 + i); }
  void AddHeap(int derefs) { Add(0, derefs); }
  void AddResult(int i, int derefs) { Add(1 + i, derefs); }
  // Drops result flows no shorter than the shortest heap flow (gc's Optimize).
  void Optimize();
  // gc's tag: "" for heap level 0, else "esc:" + bytes with trailing zeros trimmed.
  std::string Encode() const;
  // gc's parseLeaks: anything not starting with "esc:" is heap level 0.
  static Leaks Parse(absl::string_view tag);

  bool operator==(const Leaks& o) const { return b_ == o.b_; }

 private:
  int Get(int i) const { return static_cast<int>(b_[i]) - 1; }
  void Add(int i, int derefs);
  void Set(int i, int derefs);

  std::array<uint8_t, 1 + kNumEscResults> b_{};
};

}  // namespace heapmap::solver

#endif  // HEAPMAP_SOLVER_LEAKS_H_
