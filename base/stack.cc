// base/stack.cc — thread stack bounds (glibc's pthread_getattr_np) and big-stack threads.
#include "base/stack.h"

#include <pthread.h>

#include <cstdint>

namespace heapmap::base {
namespace {

constexpr size_t kFallbackStackBytes = size_t{8} << 20;

uintptr_t Here() { return reinterpret_cast<uintptr_t>(__builtin_frame_address(0)); }

}  // namespace

uintptr_t stack_internal::ReadStackLow() {
  pthread_attr_t attr;
  void* addr = nullptr;
  size_t size = 0;
  uintptr_t low = 0;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    if (pthread_attr_getstack(&attr, &addr, &size) == 0 && addr != nullptr && size != 0) {
      low = reinterpret_cast<uintptr_t>(addr);
      size_t guard = 0;
      // The guard page(s) sit inside [addr, addr + size) for threads glibc created.
      if (pthread_attr_getguardsize(&attr, &guard) == 0) low += guard;
    }
    pthread_attr_destroy(&attr);
  }
  uintptr_t here = Here();
  if (low == 0 || low >= here) low = here > kFallbackStackBytes ? here - kFallbackStackBytes : 0;
  return low;
}

namespace {

struct ThreadCall {
  absl::FunctionRef<int()>* fn;
  int result = 0;
};

void* ThreadMain(void* arg) {
  auto* call = static_cast<ThreadCall*>(arg);
  call->result = (*call->fn)();
  return nullptr;
}

}  // namespace

int RunOnLargeStack(size_t bytes, absl::FunctionRef<int()> fn) {
  ThreadCall call{&fn};
  for (size_t size = bytes; size >= kFallbackStackBytes; size /= 2) {
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0) break;
    pthread_t thread;
    bool started = pthread_attr_setstacksize(&attr, size) == 0 &&
                   pthread_create(&thread, &attr, ThreadMain, &call) == 0;
    pthread_attr_destroy(&attr);
    if (started) {
      pthread_join(thread, nullptr);
      return call.result;
    }
  }
  return fn();
}

}  // namespace heapmap::base
