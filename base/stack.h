// base/stack.h — stack bounds for code whose recursion follows the input's nesting.
//
// Go's grammar nests without limit, and gc's front end recurses as deep as the input nests
// (its goroutine stacks grow to 1 GB). heapmap's stages recurse the same way, on threads
// whose stacks are kThreadStackBytes large (RunOnLargeStack for the main thread, oneTBB's
// thread_stack_size for the workers), and every recursive walk asks StackAvailable() before
// it goes one level deeper: when it says no, the walk reports a positioned error and
// unwinds, so no input can overflow a stack, whatever thread it runs on (unit tests and
// fuzzers run on an 8 MiB main thread and get the same guarantee, at a lower depth).
#ifndef HEAPMAP_BASE_STACK_H_
#define HEAPMAP_BASE_STACK_H_

#include <cstddef>
#include <cstdint>

#include "absl/functional/function_ref.h"

namespace heapmap::base {

// The stack heapmap gives each of its threads, as gc gives goroutines at most (1 GB). Only
// the pages a deep input touches are ever backed by memory.
inline constexpr size_t kThreadStackBytes = size_t{1} << 30;

// What a guarded walk keeps in hand below its deepest frame: room to format an error and
// unwind, with any build's frame sizes (sanitizers triple them).
inline constexpr size_t kStackReserveBytes = size_t{512} << 10;

namespace stack_internal {
// The lowest usable address of this thread's stack (stacks grow down on every target
// heapmap builds for); 0 until ReadStackLow() has run on the thread.
inline thread_local uintptr_t stack_low = 0;
uintptr_t ReadStackLow();
}  // namespace stack_internal

// Bytes of stack left below the caller's frame on the current thread. The thread's bounds
// are read once per thread (pthread_getattr_np); unknown bounds count as 8 MiB from the
// first call. Inline: every recursive walk asks it at each level.
inline size_t StackRemaining() {
  uintptr_t low = stack_internal::stack_low;
  if (low == 0) low = stack_internal::stack_low = stack_internal::ReadStackLow();
  uintptr_t here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  return here > low ? here - low : 0;
}

// True while more than kStackReserveBytes remain: the guard every recursive walk of the
// syntax tree consults before descending.
inline bool StackAvailable() { return StackRemaining() > kStackReserveBytes; }

// Runs fn on a new thread whose stack is `bytes` large (or the largest size the system
// grants, halving down to 8 MiB), waits for it and returns fn's result. Falls back to the
// calling thread when no thread can be started.
int RunOnLargeStack(size_t bytes, absl::FunctionRef<int()> fn);

}  // namespace heapmap::base

#endif  // HEAPMAP_BASE_STACK_H_
