// frontend/types/sizes.cc — gc's sizes (port of cmd/compile/internal/noder/sizes.go, Go 1.19).
#include "frontend/types/sizes.h"

#include "frontend/types/object.h"
#include "frontend/types/package.h"
#include "frontend/types/predicates.h"

namespace heapmap::types {

namespace {

int64_t Rnd(int64_t o, int64_t r) { return (o + r - 1) & ~(r - 1); }

// types2.IsSyncAtomicAlign64: sync/atomic's align64 marker type.
bool IsSyncAtomicAlign64(Type* t) {
  auto* n = DynCast<Named>(t);
  if (n == nullptr || n->obj() == nullptr) return false;
  TypeName* obj = n->obj();
  return obj->name() == "align64" && obj->pkg() != nullptr &&
         (obj->pkg()->path() == "sync/atomic" || obj->pkg()->path() == "runtime/internal/atomic");
}

// gc's basicSizes: 0 means "depends on the word size".
int64_t BasicSize(BasicKind k) {
  switch (k) {
    case BasicKind::kInvalid:
    case BasicKind::kBool:
    case BasicKind::kInt8:
    case BasicKind::kUint8:
      return 1;
    case BasicKind::kInt16:
    case BasicKind::kUint16:
      return 2;
    case BasicKind::kInt32:
    case BasicKind::kUint32:
    case BasicKind::kFloat32:
      return 4;
    case BasicKind::kInt64:
    case BasicKind::kUint64:
    case BasicKind::kFloat64:
    case BasicKind::kComplex64:
      return 8;
    case BasicKind::kComplex128:
      return 16;
    default:
      return 0;
  }
}

}  // namespace

int64_t GcSizes::Alignof(Type* T) const {
  Type* u = Under(T);
  switch (u->kind()) {
    case TypeKind::kArray:
      return Alignof(static_cast<Array*>(u)->elem());
    case TypeKind::kStruct: {
      auto* st = static_cast<Struct*>(u);
      if (st->NumFields() == 0 && IsSyncAtomicAlign64(T)) return 8;
      int64_t max = 1;
      for (Var* f : st->fields()) {
        if (int64_t a = Alignof(f->type()); a > max) max = a;
      }
      return max;
    }
    case TypeKind::kSlice:
    case TypeKind::kInterface:
      return word_size_;
    case TypeKind::kBasic:
      if (static_cast<Basic*>(u)->info() & kIsString) return word_size_;
      break;
    default:
      break;
  }
  int64_t a = Sizeof(T);  // may be 0
  if (a < 1) return 1;
  if (auto* b = DynCast<Basic>(u); b != nullptr && (b->info() & kIsComplex)) a /= 2;
  if (a > max_align_) return max_align_;
  return a;
}

std::vector<int64_t> GcSizes::Offsetsof(const std::vector<Var*>& fields) const {
  std::vector<int64_t> offsets(fields.size());
  int64_t o = 0;
  for (size_t i = 0; i < fields.size(); i++) {
    Type* typ = fields[i]->type();
    o = Rnd(o, Alignof(typ));
    offsets[i] = o;
    o += Sizeof(typ);
  }
  return offsets;
}

int64_t GcSizes::Sizeof(Type* T) const {
  Type* u = Under(T);
  switch (u->kind()) {
    case TypeKind::kBasic: {
      BasicKind k = static_cast<Basic*>(u)->basic_kind();
      if (int64_t s = BasicSize(k); s > 0) return s;
      if (k == BasicKind::kString) return word_size_ * 2;
      // int, uint, uintptr, unsafe.Pointer (and, defensively, untyped kinds).
      return word_size_;
    }
    case TypeKind::kArray: {
      auto* a = static_cast<Array*>(u);
      if (a->len() <= 0) return 0;
      return Sizeof(a->elem()) * a->len();
    }
    case TypeKind::kSlice:
      return word_size_ * 3;
    case TypeKind::kStruct: {
      auto* st = static_cast<Struct*>(u);
      int n = st->NumFields();
      if (n == 0) return 0;
      std::vector<int64_t> offsets = Offsetsof(st->fields());
      int64_t last = Sizeof(st->Field(n - 1)->type());
      // A trailing zero-size field gets a byte so that its address is not past the end.
      if (last == 0 && offsets[n - 1] > 0) last = 1;
      return Rnd(offsets[n - 1] + last, Alignof(st));
    }
    case TypeKind::kInterface:
      return word_size_ * 2;
    case TypeKind::kChan:
    case TypeKind::kMap:
    case TypeKind::kPointer:
    case TypeKind::kSignature:
      return word_size_;
    default:
      return word_size_;  // tuples, unions, type parameters: not sized by gc
  }
}

const GcSizes* GcSizesFor(std::string_view arch) {
  static const GcSizes k4_4(4, 4), k8_8(8, 8), k4_8(4, 8);
  struct Entry {
    std::string_view arch;
    const GcSizes* sizes;
  };
  static const Entry kArchs[] = {
      {"386", &k4_4},     {"amd64", &k8_8},    {"amd64p32", &k4_8}, {"arm", &k4_4},
      {"arm64", &k8_8},   {"loong64", &k8_8},  {"mips", &k4_4},     {"mipsle", &k4_4},
      {"mips64", &k8_8},  {"mips64le", &k8_8}, {"ppc64", &k8_8},    {"ppc64le", &k8_8},
      {"riscv64", &k8_8}, {"s390x", &k8_8},    {"sparc64", &k8_8},  {"wasm", &k8_8},
  };
  for (const Entry& e : kArchs) {
    if (e.arch == arch) return e.sizes;
  }
  return nullptr;
}

}  // namespace heapmap::types
