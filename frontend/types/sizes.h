// frontend/types/sizes.h — sizes and alignments as gc computes them (cmd/compile/internal/noder/sizes.go).
//
// unsafe.Sizeof/Alignof/Offsetof must give gc's values (they are constants in user code).
// GcSizes ports gc's gcSizes exactly (including the padding of a trailing zero-size field);
// word size and max alignment per GOARCH as types2 gcArchSizes.
#ifndef HEAPMAP_FRONTEND_TYPES_SIZES_H_
#define HEAPMAP_FRONTEND_TYPES_SIZES_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "frontend/types/type.h"

namespace heapmap::types {

class Sizes {
 public:
  virtual ~Sizes() = default;
  virtual int64_t Alignof(Type* t) const = 0;
  // Offsets of the fields of a struct with these fields.
  virtual std::vector<int64_t> Offsetsof(const std::vector<Var*>& fields) const = 0;
  virtual int64_t Sizeof(Type* t) const = 0;
};

class GcSizes final : public Sizes {
 public:
  constexpr GcSizes(int64_t word_size, int64_t max_align)
      : word_size_(word_size), max_align_(max_align) {}
  int64_t Alignof(Type* t) const override;
  std::vector<int64_t> Offsetsof(const std::vector<Var*>& fields) const override;
  int64_t Sizeof(Type* t) const override;
  int64_t word_size() const { return word_size_; }
  int64_t max_align() const { return max_align_; }

 private:
  int64_t word_size_;
  int64_t max_align_;
};

// gc's sizes for GOARCH arch (386, amd64, amd64p32, arm, arm64, loong64, mips, mipsle,
// mips64, mips64le, ppc64, ppc64le, riscv64, s390x, sparc64, wasm); null if unknown.
// The returned object is static.
const GcSizes* GcSizesFor(std::string_view arch);

}  // namespace heapmap::types

#endif  // HEAPMAP_FRONTEND_TYPES_SIZES_H_
