#include "model/provisioning/retry_policy.hpp"

#include <algorithm>
#include <cmath>

#include "model/core/check.hpp"

namespace provsim {

Duration RetryPolicy::backoff(std::uint16_t failed_attempts, Rng& rng) const {
  const double exponent = failed_attempts > 0 ? failed_attempts - 1.0 : 0.0;
  const Duration plain = std::min(max_backoff, base_backoff * std::pow(multiplier, exponent));
  if (jitter <= 0) return plain;
  return plain * (1.0 + jitter * (2.0 * rng.uniform() - 1.0));
}

void RetryPolicy::validate() const {
  for (Duration t : timeout) PROVSIM_CHECK(t > 0, "every adapter timeout must be positive");
  PROVSIM_CHECK(max_attempts >= 1, "max_attempts must be at least 1");
  PROVSIM_CHECK(max_compensation_attempts >= 1, "max_compensation_attempts must be at least 1");
  PROVSIM_CHECK(base_backoff >= 0 && max_backoff >= 0, "back-off must not be negative");
  PROVSIM_CHECK(multiplier >= 1, "back-off multiplier must be at least 1");
  PROVSIM_CHECK(jitter >= 0 && jitter < 1, "jitter must be in [0, 1)");
}

}  // namespace provsim
