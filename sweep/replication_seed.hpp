#pragma once
// The seed of replication r of a sweep:
//
//   state   = base_seed XOR fnv1a64("replication " + decimal(r))
//   seed(r) = splitmix64(state) >> 11
//
// It depends on the base seed and the replication index only, never on the
// grid: adding a value to an axis leaves every existing run's seed (and so
// its results folder) valid, and every grid point uses the same seeds
// (common random numbers, which sharpen comparisons between points). 53
// bits, so JSON readers that hold numbers as doubles (JavaScript, pandas)
// keep the seed exact.

#include <cstdint>

namespace provsim::sweep {

std::uint64_t replication_seed(std::uint64_t base_seed, std::uint64_t replication);

}  // namespace provsim::sweep
