#pragma once
// Timeouts per adapter kind and the retry budget with exponential back-off
// and jitter. The jitter is drawn from the Rng passed in so runs repeat.

#include <array>
#include <cstdint>

#include "model/core/random.hpp"
#include "model/core/sim_time.hpp"
#include "model/provisioning/task.hpp"

namespace provsim {

struct RetryPolicy {
  // Indexed by AdapterKind: network, address, isp, bsp, billing.
  std::array<Duration, kAdapterKindCount> timeout{30.0, 10.0, 20.0, 20.0, 10.0};
  std::uint16_t max_attempts = 4;               // tries of a forward action, the first included
  std::uint16_t max_compensation_attempts = 6;  // undoing is worth trying harder
  Duration base_backoff = 2.0;                  // before the second try
  double multiplier = 2.0;
  Duration max_backoff = 300.0;
  double jitter = 0.2;  // the back-off is scaled by a uniform factor in [1 - jitter, 1 + jitter)

  Duration timeout_for(AdapterKind kind) const { return timeout[static_cast<std::size_t>(kind)]; }
  // The wait after `failed_attempts` tries have failed (1 for the first).
  Duration backoff(std::uint16_t failed_attempts, Rng& rng) const;
  // Throws std::logic_error on a nonsensical policy.
  void validate() const;
};

}  // namespace provsim
