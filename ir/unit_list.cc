// ir/unit_list.cc — UnitList: FuncUnits on one protobuf arena.
#include "ir/unit_list.h"

namespace heapmap::ir {

UnitList::UnitList(std::initializer_list<FuncUnit> units) {
  for (const FuncUnit& u : units) push_back(u);
}

UnitList::UnitList(const UnitList& other) {
  for (const FuncUnit& u : other) push_back(u);
}

UnitList& UnitList::operator=(const UnitList& other) {
  if (this != &other) {
    UnitList copy(other);
    *this = std::move(copy);
  }
  return *this;
}

google::protobuf::Arena* UnitList::arena() {
  if (arena_ == nullptr) {
    // A package's units run from kilobytes to tens of megabytes: start small, grow to
    // blocks large enough that block headers and mallocs do not matter.
    google::protobuf::ArenaOptions options;
    options.start_block_size = 4096;
    options.max_block_size = 1 << 20;
    arena_ = std::make_unique<google::protobuf::Arena>(options);
  }
  return arena_.get();
}

FuncUnit* UnitList::Add() {
  FuncUnit* u = google::protobuf::Arena::CreateMessage<FuncUnit>(arena());
  units_.push_back(u);
  return u;
}

void UnitList::clear() {
  units_.clear();
  units_.shrink_to_fit();
  arena_.reset();
}

}  // namespace heapmap::ir
