#pragma once
// Always-on invariant checks. Unlike assert(), PROVSIM_CHECK stays in release
// builds: a broken invariant in the model (money not adding up, a counter not
// balancing) must stop a run, never silently corrupt its results.

#include <stdexcept>
#include <string>

namespace provsim {

[[noreturn, gnu::cold, gnu::noinline]] inline void check_failed(const char* condition, const std::string& message,
                                                                 const char* file, int line) {
  throw std::logic_error(std::string(file) + ":" + std::to_string(line) + ": invariant broken: " + condition +
                         ": " + message);
}

}  // namespace provsim

// `msg` is only evaluated when the check fails, so it may build a string.
#define PROVSIM_CHECK(cond, msg)                                                   \
  do {                                                                             \
    if (!(cond)) [[unlikely]] ::provsim::check_failed(#cond, (msg), __FILE__, __LINE__); \
  } while (false)
