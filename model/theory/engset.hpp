#pragma once
// Engset's formulas: N sources sharing C servers. Each idle source makes
// attempts at rate gamma; holding times have mean h; `beta` = gamma * h is
// the traffic offered by one idle source. (The loss system is insensitive to
// the holding-time distribution, as Erlang B is.)
//
// engset_time_congestion(N, C, beta): the share of time all C servers are
//   busy, p_C of the birth-death chain with birth rate (N - k) gamma and
//   death rate k / h:  E = C(N,C) beta^C / sum_{k<=C} C(N,k) beta^k, by the
//   recursion E(k) = (N-k+1) beta E(k-1) / (k + (N-k+1) beta E(k-1)).
// engset_call_congestion(N, C, beta): the share of attempts that find all
//   servers busy. An arriving source sees the other N - 1 (arrival theorem),
//   so it is the time congestion of N - 1 sources: E(N-1, C, beta).
//
// A simulation that counts blocked attempts / attempts (the pool's
// PoolStats::blocking()) measures the CALL congestion; time congestion is
// what a time-average of "pool full" measures. Time congestion is 0 when
// C > N; call congestion is 0 when C >= N (an arriving source sees at most
// N - 1 others holding servers).

#include <cstdint>

namespace provsim::theory {

double engset_time_congestion(std::uint64_t sources, std::uint64_t servers, double beta);
double engset_call_congestion(std::uint64_t sources, std::uint64_t servers, double beta);

}  // namespace provsim::theory
