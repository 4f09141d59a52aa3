// queue: an exhausted pool makes the lease wait, first come first served,
// for a released or expired address, up to `queue_timeout` (as a DHCP client
// that keeps retrying would); then it is blocked. Bindings beyond the ratio
// are refused.

#include "model/address/over_allocation_policy.hpp"

namespace provsim {
namespace {

class QueuePolicy final : public OverAllocationPolicy {
 public:
  explicit QueuePolicy(const PolicyOptions& options) : timeout_(options.queue_timeout) {}
  std::string_view name() const override { return "queue"; }
  bool sends_requests() const override { return false; }
  PolicyDecision decide(OverAllocationTrigger trigger, const PoolView&) override {
    if (trigger == OverAllocationTrigger::kLeaseExhausted) return PolicyDecision::wait(timeout_);
    return PolicyDecision::block();
  }

 private:
  Duration timeout_;
};

}  // namespace

std::unique_ptr<OverAllocationPolicy> make_queue_policy(const PolicyOptions& options) {
  return std::make_unique<QueuePolicy>(options);
}

}  // namespace provsim
