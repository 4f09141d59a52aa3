// reject: an exhausted pool blocks the session; a binding beyond the ratio
// is refused. The Erlang B / Engset reference case.

#include "model/address/over_allocation_policy.hpp"

namespace provsim {
namespace {

class RejectPolicy final : public OverAllocationPolicy {
 public:
  std::string_view name() const override { return "reject"; }
  bool sends_requests() const override { return false; }
  PolicyDecision decide(OverAllocationTrigger, const PoolView&) override { return PolicyDecision::block(); }
};

}  // namespace

std::unique_ptr<OverAllocationPolicy> make_reject_policy(const PolicyOptions&) {
  return std::make_unique<RejectPolicy>();
}

}  // namespace provsim
