// grow: ask the ISP for a new block (one of its spare blocks; slow, and
// permanent). An exhausted pool asks and blocks the session (or lets it wait,
// grow_waits); a binding beyond the ratio is admitted while a spare block
// remains, and asks for it. With grow_on_low_water the pool also asks when it
// runs low.

#include "model/address/over_allocation_policy.hpp"

namespace provsim {
namespace {

class GrowPolicy final : public OverAllocationPolicy {
 public:
  explicit GrowPolicy(const PolicyOptions& options) : options_(options) {}
  std::string_view name() const override { return "grow"; }

  PolicyDecision decide(OverAllocationTrigger trigger, const PoolView& pool) override {
    const bool can_grow = pool.grow_in_flight || pool.spare_blocks > 0;
    PolicyDecision d = PolicyDecision::block();
    switch (trigger) {
      case OverAllocationTrigger::kLeaseExhausted:
        if (can_grow && options_.grow_waits) d = PolicyDecision::wait(options_.queue_timeout);
        d.grow = true;
        break;
      case OverAllocationTrigger::kBindOverRatio:
        if (can_grow) d = PolicyDecision::admit();
        d.grow = true;
        break;
      case OverAllocationTrigger::kLowWater:
        d.grow = options_.grow_on_low_water;
        break;
    }
    return d;
  }

 private:
  PolicyOptions options_;
};

}  // namespace

std::unique_ptr<OverAllocationPolicy> make_grow_policy(const PolicyOptions& options) {
  return std::make_unique<GrowPolicy>(options);
}

}  // namespace provsim
