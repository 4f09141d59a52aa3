#include "sim/provisioning_port.hpp"

namespace provsim::sim {

EngineConfig engine_config(const Config& c) {
  EngineConfig e;
  e.retry.timeout.fill(c.seconds("provisioning.task_timeout"));
  e.retry.max_attempts = static_cast<std::uint16_t>(c.integer("provisioning.max_attempts"));
  e.retry.base_backoff = c.seconds("provisioning.backoff_base");
  e.retry.max_backoff = c.seconds("provisioning.backoff_max");
  e.retry.max_compensation_attempts = static_cast<std::uint16_t>(c.integer("provisioning.max_compensation_attempts"));
  e.concurrency.fill(static_cast<std::uint32_t>(c.integer("provisioning.concurrency")));
  return e;
}

}  // namespace provsim::sim
