#include "base/stack.h"

#include <cstring>

#include "gtest/gtest.h"

namespace heapmap::base {
namespace {

// Recurses with ~4 KiB frames until the guard says stop; returns the depth reached.
__attribute__((noinline)) size_t DepthUntilGuard(size_t depth) {
  volatile char frame[4096];
  std::memset(const_cast<char*>(frame), 1, sizeof frame);
  if (!StackAvailable()) return depth + frame[0] - 1;
  return DepthUntilGuard(depth + 1);
}

TEST(StackTest, RemainingShrinksAsTheStackGrows) {
  size_t outer = StackRemaining();
  size_t inner = 0;
  [&]() __attribute__((noinline)) {
    volatile char pad[8192];
    pad[0] = 0;
    inner = StackRemaining() + pad[0];
  }();
  EXPECT_GT(outer, 0u);
  EXPECT_LT(inner, outer);
}

TEST(StackTest, GuardStopsRecursionBeforeTheEndOfTheStack) {
  // On the test's main thread (8 MiB by default): stops, does not crash.
  size_t depth = DepthUntilGuard(0);
  EXPECT_GT(depth, 100u);
}

TEST(StackTest, LargeStackThreadRunsDeeperAndReturnsTheResult) {
  size_t depth = 0;
  int rc = RunOnLargeStack(size_t{256} << 20, [&] {
    depth = DepthUntilGuard(0);
    return 7;
  });
  EXPECT_EQ(rc, 7);
  // 256 MiB of 4 KiB frames, less the reserve: far more than an 8 MiB stack holds.
  EXPECT_GT(depth, size_t{200} << 10 >> 2);
}

}  // namespace
}  // namespace heapmap::base
