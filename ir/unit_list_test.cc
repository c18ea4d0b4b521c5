#include "ir/unit_list.h"

#include <utility>

#include "gtest/gtest.h"
#include "ir/builder.h"
#include "ir/ir.h"

namespace heapmap::ir {
namespace {

FuncUnit Named(const std::string& symbol) {
  FuncUnit u;
  u.add_funcs()->set_symbol(symbol);
  return u;
}

TEST(UnitListTest, UnitsLiveOnTheListsArena) {
  UnitList list;
  FuncUnit* a = list.Add();
  a->add_funcs()->set_symbol("p.a");
  list.push_back(Named("p.b"));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].GetArena(), list.arena());
  EXPECT_EQ(list[1].GetArena(), list.arena());
  EXPECT_EQ(list[1].funcs(0).symbol(), "p.b");
  std::vector<std::string> seen;
  for (const FuncUnit& u : list) seen.push_back(u.funcs(0).symbol());
  EXPECT_EQ(seen, (std::vector<std::string>{"p.a", "p.b"}));
}

TEST(UnitListTest, MovingKeepsAddressesAndCopyingCopies) {
  UnitList list{Named("p.a"), Named("p.b")};
  const FuncUnit* first = &list[0];
  UnitList moved = std::move(list);
  EXPECT_EQ(&moved[0], first);  // the arena moved with the list
  UnitList copy = moved;
  ASSERT_EQ(copy.size(), 2u);
  EXPECT_NE(&copy[0], first);
  EXPECT_NE(copy[0].GetArena(), moved[0].GetArena());
  EXPECT_EQ(SerializeDeterministic(copy[1]), SerializeDeterministic(moved[1]));
  moved.clear();
  EXPECT_TRUE(moved.empty());
  moved.push_back(Named("p.c"));  // a cleared list takes new units
  EXPECT_EQ(moved.back().funcs(0).symbol(), "p.c");
  EXPECT_EQ(copy[0].funcs(0).symbol(), "p.a");  // the copy owns its own
}

// The lowering's builder puts the unit and its locations on the list's arena and appends
// it without a copy; the same builder without a list returns the same bytes.
TEST(UnitListTest, BuilderFinishesOnTheList) {
  auto build = [](UnitBuilder& b) {
    int f = b.AddFunc("F", 3, 6);
    uint32_t p = b.AddParam(f, "x", 3, 8);
    uint32_t a = b.AddAlloc(f, ALLOC_PTRLIT, "&T{}", 4, 9);
    b.Flow(p, a, -1);
  };
  UnitList list;
  UnitBuilder on_list("a.go", &list);
  build(on_list);
  FuncUnit& u = std::move(on_list).Finish();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(&u, &list[0]);
  EXPECT_EQ(u.GetArena(), list.arena());
  ASSERT_EQ(u.locations_size(), 2);
  EXPECT_EQ(u.locations(1).GetArena(), list.arena());
  EXPECT_TRUE(Validate(u).ok());

  UnitBuilder alone("a.go");
  build(alone);
  FuncUnit copy = std::move(alone).Build();
  EXPECT_EQ(copy.GetArena(), nullptr);
  EXPECT_EQ(SerializeDeterministic(copy), SerializeDeterministic(u));
}

}  // namespace
}  // namespace heapmap::ir
