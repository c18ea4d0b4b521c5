// frontend/types/sizes_test.cc — gc sizes; expected values from unsafe.Sizeof/Alignof/Offsetof under go1.19 (amd64 and GOARCH=386).
#include "frontend/types/sizes.h"

#include <gtest/gtest.h>

#include <sstream>

#include "frontend/types/typetest_util.h"

namespace heapmap::types {
namespace {

using testing::Builder;

Type* T(BasicKind k) { return Typ(k); }

struct Layout {
  int64_t size;
  int64_t align;
  std::vector<int64_t> offsets;
};

Layout Of(const GcSizes* s, Struct* st) {
  return {s->Sizeof(st), s->Alignof(st), s->Offsetsof(st->fields())};
}

class SizesTest : public ::testing::Test {
 protected:
  Builder b{"example.com/sz"};
  // type S1 struct{ a bool; b int64; c bool }
  Struct* S1() {
    return b.StructOf({b.Field("a", T(BasicKind::kBool)), b.Field("b", T(BasicKind::kInt64)),
                       b.Field("c", T(BasicKind::kBool))});
  }
  // type S2 struct{ a int32; b struct{} }  (trailing zero-size field)
  Struct* S2() { return b.StructOf({b.Field("a", T(BasicKind::kInt32)), b.Field("b", b.StructOf({}))}); }
  // type S3 struct{ a [0]int64; b byte }
  Struct* S3() {
    return b.StructOf({b.Field("a", b.ArrayOf(T(BasicKind::kInt64), 0)), b.Field("b", UniverseByte())});
  }
  // type S4 struct{ s string; i interface{}; sl []int; m map[int]int; f func(); c complex64;
  //                 d complex128; u uintptr; p *int }
  Struct* S4() {
    return b.StructOf({b.Field("s", T(BasicKind::kString)), b.Field("i", b.Iface({})),
                       b.Field("sl", b.SliceOf(T(BasicKind::kInt))),
                       b.Field("m", b.MapOf(T(BasicKind::kInt), T(BasicKind::kInt))),
                       b.Field("f", b.Sig(nullptr, nullptr)), b.Field("c", T(BasicKind::kComplex64)),
                       b.Field("d", T(BasicKind::kComplex128)), b.Field("u", T(BasicKind::kUintptr)),
                       b.Field("p", b.Ptr(T(BasicKind::kInt)))});
  }
  // type S6 struct{ a byte; b [3]int16; c struct{ x byte; y float64 }; d [0]byte }
  Struct* S6() {
    return b.StructOf({b.Field("a", UniverseByte()), b.Field("b", b.ArrayOf(T(BasicKind::kInt16), 3)),
                       b.Field("c", b.StructOf({b.Field("x", UniverseByte()), b.Field("y", T(BasicKind::kFloat64))})),
                       b.Field("d", b.ArrayOf(UniverseByte(), 0))});
  }
};

TEST_F(SizesTest, Amd64) {
  const GcSizes* s = GcSizesFor("amd64");
  ASSERT_NE(s, nullptr);
  Layout l = Of(s, S1());
  EXPECT_EQ(l.size, 24);
  EXPECT_EQ(l.align, 8);
  EXPECT_EQ(l.offsets, (std::vector<int64_t>{0, 8, 16}));
  l = Of(s, S2());
  EXPECT_EQ(l.size, 8);
  EXPECT_EQ(l.align, 4);
  EXPECT_EQ(l.offsets[1], 4);
  l = Of(s, S3());
  EXPECT_EQ(l.size, 8);
  EXPECT_EQ(l.align, 8);
  EXPECT_EQ(l.offsets[1], 0);
  l = Of(s, S4());
  EXPECT_EQ(l.size, 112);
  EXPECT_EQ(l.align, 8);
  EXPECT_EQ(l.offsets, (std::vector<int64_t>{0, 16, 32, 56, 64, 72, 80, 96, 104}));
  l = Of(s, b.StructOf({}));
  EXPECT_EQ(l.size, 0);
  EXPECT_EQ(l.align, 1);
  l = Of(s, S6());
  EXPECT_EQ(l.size, 32);
  EXPECT_EQ(l.align, 8);
  EXPECT_EQ(l.offsets, (std::vector<int64_t>{0, 2, 8, 24}));
  EXPECT_EQ(s->Alignof(T(BasicKind::kComplex128)), 8);
  EXPECT_EQ(s->Alignof(T(BasicKind::kInt64)), 8);
  EXPECT_EQ(s->Sizeof(b.ArrayOf(T(BasicKind::kInt16), 5)), 10);
  EXPECT_EQ(s->Alignof(b.ArrayOf(T(BasicKind::kInt16), 5)), 2);
  // Named types size as their underlying type.
  EXPECT_EQ(s->Sizeof(b.NewNamed("N", S1())), 24);
}

TEST_F(SizesTest, I386) {
  const GcSizes* s = GcSizesFor("386");
  ASSERT_NE(s, nullptr);
  Layout l = Of(s, S1());
  EXPECT_EQ(l.size, 16);
  EXPECT_EQ(l.align, 4);
  EXPECT_EQ(l.offsets, (std::vector<int64_t>{0, 4, 12}));
  l = Of(s, S2());
  EXPECT_EQ(l.size, 8);
  EXPECT_EQ(l.align, 4);
  l = Of(s, S3());
  EXPECT_EQ(l.size, 4);
  EXPECT_EQ(l.align, 4);
  l = Of(s, S4());
  EXPECT_EQ(l.size, 68);
  EXPECT_EQ(l.align, 4);
  EXPECT_EQ(l.offsets, (std::vector<int64_t>{0, 8, 16, 28, 32, 36, 44, 60, 64}));
  l = Of(s, S6());
  EXPECT_EQ(l.size, 24);
  EXPECT_EQ(l.align, 4);
  EXPECT_EQ(l.offsets, (std::vector<int64_t>{0, 2, 8, 20}));
  EXPECT_EQ(s->Alignof(T(BasicKind::kComplex128)), 4);
  EXPECT_EQ(s->Alignof(T(BasicKind::kInt64)), 4);
}

TEST_F(SizesTest, Arches) {
  for (const char* a : {"arm", "mips", "mipsle"}) EXPECT_EQ(GcSizesFor(a)->word_size(), 4) << a;
  for (const char* a : {"arm64", "loong64", "mips64", "mips64le", "ppc64", "ppc64le", "riscv64", "s390x", "wasm"}) {
    EXPECT_EQ(GcSizesFor(a)->word_size(), 8) << a;
    EXPECT_EQ(GcSizesFor(a)->max_align(), 8) << a;
  }
  EXPECT_EQ(GcSizesFor("vax"), nullptr);
  // sync/atomic.align64 forces 8-byte alignment on 32-bit targets.
  Builder atomic("sync/atomic");
  Named* align64 = atomic.NewNamed("align64", atomic.StructOf({}));
  EXPECT_EQ(GcSizesFor("386")->Alignof(align64), 8);
}

constexpr const char* kRandom =
#include "frontend/types/sizes_random.inc"
    ;

std::string LayoutString(const GcSizes* s, Struct* st) {
  std::string out = std::to_string(s->Sizeof(st)) + " " + std::to_string(s->Alignof(st));
  std::vector<int64_t> offs = s->Offsetsof(st->fields());
  for (size_t i = 0; i < offs.size(); i++) out += (i == 0 ? " " : ",") + std::to_string(offs[i]);
  return out;
}

// 300 random structs (nested structs, zero-length arrays, empty structs, every basic
// kind): layouts must equal gc's on amd64 and 386.
TEST(SizesRandomTest, MatchesGc) {
  Builder b("example.com/sz");
  testing::RecipeBuilder rb(&b, nullptr, nullptr);
  std::istringstream lines(kRandom);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    size_t t1 = line.find('\t');
    if (t1 == std::string::npos) continue;
    size_t t2 = line.find('\t', t1 + 1);
    std::istringstream recipe(line.substr(0, t1));
    auto* st = DynCast<Struct>(rb.Build(recipe));
    ASSERT_NE(st, nullptr) << line;
    EXPECT_EQ(LayoutString(GcSizesFor("amd64"), st), line.substr(t1 + 1, t2 - t1 - 1)) << line;
    EXPECT_EQ(LayoutString(GcSizesFor("386"), st), line.substr(t2 + 1)) << line;
    n++;
  }
  EXPECT_EQ(n, 300);
}

}  // namespace
}  // namespace heapmap::types
