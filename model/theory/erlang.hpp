#pragma once
// Erlang's formulas for a group of `servers` identical servers offered
// `traffic` erlangs (arrival rate x mean holding time) of Poisson traffic.
//
// erlang_b: M/G/C/C, blocked calls cleared: the probability that an arrival
//   finds every server busy (time and call congestion coincide under Poisson
//   arrivals; insensitive to the holding-time distribution). Computed by the
//   stable recursion B(0) = 1, B(k) = A B(k-1) / (k + A B(k-1)): O(C), no
//   factorials, fine for C up to 10^6 and beyond.
// erlang_c: M/M/c, blocked calls wait: the probability that an arrival has
//   to wait, C = c B / (c - A (1 - B)) with B = erlang_b(c, A); requires
//   A < c (else every call waits: returns 1).
// erlang_c_mean_wait: mean wait in queue over all calls, C h / (c - A) for
//   mean holding time h (infinite when A >= c).
// All throw std::invalid_argument for negative traffic.

#include <cstdint>

namespace provsim::theory {

double erlang_b(std::uint64_t servers, double traffic);
double erlang_c(std::uint64_t servers, double traffic);
double erlang_c_mean_wait(std::uint64_t servers, double traffic, double mean_holding);

}  // namespace provsim::theory
