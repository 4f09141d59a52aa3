// The sanitizer build's settings, compiled into every program it links, so a
// sanitized provsim behaves the same wherever it runs: under ctest, installed
// away from its source tree, or inside a chroot that holds no suppression
// file. Environment variables (ASAN_OPTIONS, UBSAN_OPTIONS, LSAN_OPTIONS)
// still override these.

extern "C" {

// Stop at the first error, with a stack, and report leaks at exit.
const char* __asan_default_options() { return "detect_leaks=1:abort_on_error=1"; }
const char* __ubsan_default_options() { return "print_stacktrace=1:halt_on_error=1"; }

// A message still in a SimGrid mailbox when the run ends (sent detached by
// sim::send, never received) is owned by SimGrid's pending communication,
// which SimGrid does not free at exit. Everything else must be leak-free.
// The second line catches the same through the typed mailboxes, whose
// inlined send may leave no file name in the frame.
const char* __lsan_default_suppressions() {
  return "leak:sim/rpc.hpp\n"
         "leak:provsim::sim::Mailbox\n";
}

}  // extern "C"
