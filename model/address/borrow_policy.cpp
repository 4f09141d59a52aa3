// borrow: ask the network provider's reserve to lend `borrow_count`
// addresses, when the pool is exhausted and already when it runs low. While
// the loan is on its way the lease waits (borrow_waits) or is blocked. The
// server grants loans up to the ISP's cap and returns them once the pool has
// stayed below its high-water mark for the hold time. Bindings beyond the
// ratio are refused: loans are temporary and must not carry bindings.

#include "model/address/over_allocation_policy.hpp"

namespace provsim {
namespace {

class BorrowPolicy final : public OverAllocationPolicy {
 public:
  explicit BorrowPolicy(const PolicyOptions& options) : options_(options) {}
  std::string_view name() const override { return "borrow"; }

  PolicyDecision decide(OverAllocationTrigger trigger, const PoolView& pool) override {
    if (trigger == OverAllocationTrigger::kBindOverRatio) return PolicyDecision::block();
    const bool can_borrow = pool.loan_in_flight || pool.borrow_room > 0;
    PolicyDecision d = PolicyDecision::block();
    if (trigger == OverAllocationTrigger::kLeaseExhausted && can_borrow && options_.borrow_waits)
      d = PolicyDecision::wait(options_.queue_timeout);
    d.borrow = options_.borrow_count;
    return d;
  }

 private:
  PolicyOptions options_;
};

}  // namespace

std::unique_ptr<OverAllocationPolicy> make_borrow_policy(const PolicyOptions& options) {
  return std::make_unique<BorrowPolicy>(options);
}

}  // namespace provsim
