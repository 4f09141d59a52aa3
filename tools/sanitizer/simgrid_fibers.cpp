// Tells AddressSanitizer about SimGrid's stack switches, so the sanitizer
// build can run actors as ucontext coroutines instead of threads: a switch
// between threads costs a futex round trip in the kernel, and made the
// sanitized simulation about three times slower than with ucontext.
//
// ASan must know which stack is current: when an exception unwinds an
// actor's frames it clears their poisoned redzones up to the top of the
// current stack, and on a coroutine stack it does not know it refuses, warns
// ("False positive error reports may follow") and leaves the redzones behind.
// SimGrid would announce each switch itself (__sanitizer_start_switch_fiber)
// if it were built with the sanitizer; Debian's build is not. So this file
// wraps swapcontext, the one call SimGrid's ucontext factory switches with:
// it announces the stack it switches to, and completes a switch once the
// code runs on the new stack. A new actor first runs in SimGrid's entry
// function, not in this wrapper, so a switch is completed lazily, at the
// next call on the new stack; until then ASan finds the stack by the
// current stack pointer. A context with no stack of its own (SimGrid's
// maestro, on the thread's stack) is the stack the first switch came from.
//
// Defined here, swapcontext takes the place of ASan's own interceptor (a
// weak symbol), and calls the C library's.

#include <dlfcn.h>
#include <sanitizer/common_interface_defs.h>
#include <ucontext.h>

#include <cstddef>

namespace {

thread_local bool switching = false;
thread_local const void* thread_stack_bottom = nullptr;
thread_local std::size_t thread_stack_size = 0;

using SwapContext = int (*)(ucontext_t*, const ucontext_t*);

SwapContext libc_swapcontext() {
  static const auto real = reinterpret_cast<SwapContext>(dlsym(RTLD_NEXT, "swapcontext"));
  return real;
}

// Completes the switch started last on this thread, if any: the code now
// runs on the stack it announced.
void complete_switch() {
  if (!switching) return;
  const void* from_bottom = nullptr;
  std::size_t from_size = 0;
  __sanitizer_finish_switch_fiber(nullptr, &from_bottom, &from_size);
  if (thread_stack_bottom == nullptr) {
    thread_stack_bottom = from_bottom;
    thread_stack_size = from_size;
  }
  switching = false;
}

}  // namespace

extern "C" int swapcontext(ucontext_t* from, const ucontext_t* to) noexcept {
  complete_switch();
  const bool own_stack = to->uc_stack.ss_sp != nullptr;
  __sanitizer_start_switch_fiber(nullptr, own_stack ? to->uc_stack.ss_sp : thread_stack_bottom,
                                 own_stack ? to->uc_stack.ss_size : thread_stack_size);
  switching = true;
  const int result = libc_swapcontext()(from, to);
  complete_switch();
  return result;
}
