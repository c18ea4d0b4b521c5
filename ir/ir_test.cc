// ir/ir_test.cc — the IR serializes, reads back equal, and gives the same bytes twice.
#include "ir/ir.h"

#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "ir/builder.h"

namespace heapmap::ir {
namespace {

// func f(p *int) *int { x := 0; q := &x; _ = q; return p }   (any small unit will do)
FuncUnit SampleUnit() {
  UnitBuilder b;
  int f = b.AddFunc("f", 3, 6);
  uint32_t p = b.AddParam(f, "p", 3, 8);
  uint32_t r = b.AddResult(f, "~r0", 3, 16);
  uint32_t x = b.AddLocal(f, "x", 4, 2);
  uint32_t q = b.AddLocal(f, "q", 4, 10);
  b.Flow(q, x, -1, "address-of");
  b.Flow(r, p, 0, "return");
  uint32_t s = b.AddAlloc(f, ALLOC_NEW, "new(int)", 5, 5);
  b.FlowHeap(s, -1, "spill");
  uint32_t arg = b.AddTemp(f, LOC_ARG_SLOT);
  uint32_t res = b.AddTemp(f, LOC_RESULT_SLOT);
  b.Flow(arg, p, 0, "call parameter");
  b.AddCall(f, CALL_STATIC, "p.g", {arg, UnitBuilder::kNoSlot}, {res});
  b.AddDirective(f, DIRECTIVE_NOINLINE);
  return std::move(b).Build();
}

TEST(IrRoundTrip, BytesReadBackEqual) {
  FuncUnit unit = SampleUnit();
  ASSERT_TRUE(Validate(unit).ok()) << Validate(unit);
  std::string bytes = SerializeDeterministic(unit);
  absl::StatusOr<FuncUnit> back = ParseFuncUnit(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(unit, *back));
  EXPECT_EQ(SerializeDeterministic(*back), bytes);
}

TEST(IrRoundTrip, SameInputSameBytes) {
  EXPECT_EQ(SerializeDeterministic(SampleUnit()), SerializeDeterministic(SampleUnit()));
  EXPECT_EQ(Fingerprint(SampleUnit()), Fingerprint(SampleUnit()));
  EXPECT_EQ(Fingerprint(SampleUnit()).size(), 16u);
}

TEST(IrRoundTrip, HashChangesWithContent) {
  FuncUnit a = SampleUnit();
  FuncUnit b = a;
  b.mutable_edges(0)->set_derefs(0);
  EXPECT_NE(Fingerprint(a), Fingerprint(b));
  StampHash(&a);
  EXPECT_EQ(Fingerprint(a), a.hash());  // the stored hash does not feed itself
}

TEST(IrRoundTrip, CorruptInputIsAnError) {
  // Field 1 (files), length-delimited, with a length that runs past the end.
  EXPECT_FALSE(ParseFuncUnit("\x0a\xff\xff\xff\xff\x0f").ok());
}

TEST(IrValidate, RejectsBadIndexAndDerefs) {
  FuncUnit unit = SampleUnit();
  unit.mutable_edges(0)->set_src(999);
  EXPECT_FALSE(Validate(unit).ok());
  unit = SampleUnit();
  unit.mutable_edges(0)->set_derefs(-2);
  EXPECT_FALSE(Validate(unit).ok());
  unit = SampleUnit();
  // A declared name after an expression location breaks gc's creation order.
  Location* l = unit.add_locations();
  l->set_kind(LOC_LOCAL);
  EXPECT_FALSE(Validate(unit).ok());
}

TEST(IrBuilder, DeclaredNamesComeFirst) {
  FuncUnit unit = SampleUnit();
  ASSERT_GE(unit.locations_size(), 4);
  EXPECT_EQ(unit.locations(0).text(), "p");
  EXPECT_EQ(unit.locations(1).text(), "~r0");
  EXPECT_EQ(unit.locations(2).text(), "x");
  EXPECT_EQ(unit.locations(4).alloc(), ALLOC_NEW);
  EXPECT_EQ(unit.funcs(0).params(0).loc(), 0u);
  EXPECT_EQ(unit.calls(0).args(0).slot(), 5u);
  EXPECT_FALSE(unit.calls(0).args(1).has_slot());
}

}  // namespace
}  // namespace heapmap::ir
