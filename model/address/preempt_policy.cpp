// preempt: take back the address of an idle lease (the server names the
// victim: the pool's earliest-expiring lease, if its device vanished without
// releasing or it missed its renewals) and give it to the requester; with no
// idle lease the session is blocked. Bindings beyond the ratio are refused.

#include "model/address/over_allocation_policy.hpp"

namespace provsim {
namespace {

class PreemptPolicy final : public OverAllocationPolicy {
 public:
  std::string_view name() const override { return "preempt"; }
  bool sends_requests() const override { return false; }
  PolicyDecision decide(OverAllocationTrigger trigger, const PoolView& pool) override {
    if (trigger == OverAllocationTrigger::kLeaseExhausted && pool.idle_victim != kNoSlot)
      return PolicyDecision::preempt();
    return PolicyDecision::block();
  }
};

}  // namespace

std::unique_ptr<OverAllocationPolicy> make_preempt_policy(const PolicyOptions&) {
  return std::make_unique<PreemptPolicy>();
}

}  // namespace provsim
