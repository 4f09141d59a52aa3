#include "sim/faults.hpp"

namespace provsim::sim {

bool Faults::lose(AdapterKind adapter, Rng& rng) const {
  const double p = loss_[static_cast<std::size_t>(adapter)];
  return p > 0 && rng.bernoulli(p);
}

bool Faults::refuse(AdapterKind adapter, Rng& rng) const {
  const double p = refuse_[static_cast<std::size_t>(adapter)];
  return p > 0 && rng.bernoulli(p);
}

bool Faults::any_random() const {
  for (std::size_t k = 0; k < kAdapterKindCount; ++k)
    if (loss_[k] > 0 || refuse_[k] > 0) return true;
  return false;
}

void Faults::host_up(const std::string& host, double now) {
  down_[host] = false;
  up_since_[host] = now;
}

bool Faults::lost_to_outage(const std::string& host, double sent_at) const {
  auto down = down_.find(host);
  if (down != down_.end() && down->second) return true;
  auto up = up_since_.find(host);
  return up != up_since_.end() && sent_at < up->second;
}

}  // namespace provsim::sim
