// ir/unit_list.h — a list of FuncUnits that owns them on one protobuf arena.
//
// A lowered unit is thousands of small messages (locations, their positions, edges, notes,
// strings). Allocated one by one and freed one by one they cost about 15% of a scan's
// instructions; on an arena each is a pointer bump and the whole list is freed at once.
// The list reads like a std::vector<FuncUnit> (size, [], range-for over FuncUnit&).
//
// Invariants: every unit is on the list's arena (Add, push_back and UnitBuilder's
// constructor for a list put it there); a unit lives until the list is cleared, destroyed
// or assigned. Moving a list moves the arena: units keep their addresses. Copying copies
// every unit. Messages removed from a unit (RepeatedPtrField::DeleteSubrange, Clear) keep
// their memory until the list goes.
#ifndef HEAPMAP_IR_UNIT_LIST_H_
#define HEAPMAP_IR_UNIT_LIST_H_

#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <vector>

#include "google/protobuf/arena.h"
#include "proto/ir.pb.h"

namespace heapmap::ir {

class UnitList {
 public:
  UnitList() = default;
  UnitList(std::initializer_list<FuncUnit> units);  // copies
  template <typename It>
  UnitList(It first, It last) {  // copies
    for (; first != last; ++first) push_back(*first);
  }
  UnitList(const UnitList& other);
  UnitList& operator=(const UnitList& other);
  UnitList(UnitList&&) noexcept = default;
  UnitList& operator=(UnitList&&) noexcept = default;
  ~UnitList() = default;

  // A new empty unit at the end, on the list's arena.
  FuncUnit* Add();
  void push_back(const FuncUnit& unit) { Add()->CopyFrom(unit); }
  // Appends a unit already on this list's arena (UnitBuilder's), without copying.
  void Adopt(FuncUnit* unit) { units_.push_back(unit); }
  // The arena new units go on (created on first use).
  google::protobuf::Arena* arena();

  size_t size() const { return units_.size(); }
  bool empty() const { return units_.empty(); }
  FuncUnit& operator[](size_t i) { return *units_[i]; }
  const FuncUnit& operator[](size_t i) const { return *units_[i]; }
  FuncUnit& back() { return *units_.back(); }
  const FuncUnit& back() const { return *units_.back(); }
  void reserve(size_t n) { units_.reserve(n); }
  void clear();  // frees every unit

  template <typename Unit, typename Base>
  class Iter {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = FuncUnit;
    using difference_type = std::ptrdiff_t;
    using pointer = Unit*;
    using reference = Unit&;
    Iter() = default;
    explicit Iter(Base it) : it_(it) {}
    reference operator*() const { return **it_; }
    pointer operator->() const { return *it_; }
    Iter& operator++() { ++it_; return *this; }
    Iter operator++(int) { Iter t = *this; ++it_; return t; }
    Iter& operator--() { --it_; return *this; }
    Iter& operator+=(difference_type n) { it_ += n; return *this; }
    Iter operator+(difference_type n) const { return Iter(it_ + n); }
    difference_type operator-(const Iter& o) const { return it_ - o.it_; }
    reference operator[](difference_type n) const { return *it_[n]; }
    bool operator==(const Iter& o) const { return it_ == o.it_; }
    bool operator!=(const Iter& o) const { return it_ != o.it_; }
    bool operator<(const Iter& o) const { return it_ < o.it_; }

   private:
    Base it_{};
  };
  using iterator = Iter<FuncUnit, std::vector<FuncUnit*>::const_iterator>;
  using const_iterator = Iter<const FuncUnit, std::vector<FuncUnit*>::const_iterator>;
  iterator begin() { return iterator(units_.cbegin()); }
  iterator end() { return iterator(units_.cend()); }
  const_iterator begin() const { return const_iterator(units_.cbegin()); }
  const_iterator end() const { return const_iterator(units_.cend()); }

 private:
  std::unique_ptr<google::protobuf::Arena> arena_;
  std::vector<FuncUnit*> units_;
};

}  // namespace heapmap::ir

#endif  // HEAPMAP_IR_UNIT_LIST_H_
