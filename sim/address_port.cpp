#include "sim/address_port.hpp"

#include "sim/scenario/policy_params.hpp"

namespace provsim::sim {

AddressServerConfig address_config(const Config& c) {
  AddressServerConfig a;
  a.lease_time = c.seconds("ip.lease_time");
  a.probation = c.seconds("ip.probation");
  a.pool.allocator = c.text("ip.allocator");
  a.pool.policy = c.text("ip.policy");
  a.pool.max_ratio = c.number("ip.max_ratio");
  a.pool.low_water = c.number("ip.low_water");
  a.pool.high_water = c.number("ip.high_water");
  a.pool.loan_hold = c.seconds("ip.loan_hold");
  a.pool.borrow_cap = static_cast<std::uint32_t>(c.integer("ip.borrow_cap"));
  a.policy.queue_timeout = c.seconds("ip.queue_timeout");
  a.policy.borrow_count = static_cast<std::uint32_t>(c.integer("ip.borrow_count"));
  a.policy.borrow_waits = c.flag("ip.borrow_waits");
  a.policy.grow_waits = c.flag("ip.grow_waits");
  a.policy.grow_on_low_water = c.flag("ip.grow_on_low_water");
  a.policy.extra = policy_params(c);
  return a;
}

}  // namespace provsim::sim
