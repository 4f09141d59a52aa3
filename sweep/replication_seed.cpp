#include "sweep/replication_seed.hpp"

#include <string>

#include "model/core/random.hpp"

namespace provsim::sweep {

std::uint64_t replication_seed(std::uint64_t base_seed, std::uint64_t replication) {
  std::uint64_t state = base_seed ^ fnv1a64("replication " + std::to_string(replication));
  return splitmix64(state) >> 11;
}

}  // namespace provsim::sweep
