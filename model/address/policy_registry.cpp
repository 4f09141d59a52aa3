#include "model/address/over_allocation_policy.hpp"

namespace provsim {

// Each built-in policy lives in its own file and exposes one factory.
std::unique_ptr<OverAllocationPolicy> make_reject_policy(const PolicyOptions&);
std::unique_ptr<OverAllocationPolicy> make_borrow_policy(const PolicyOptions&);
std::unique_ptr<OverAllocationPolicy> make_preempt_policy(const PolicyOptions&);
std::unique_ptr<OverAllocationPolicy> make_queue_policy(const PolicyOptions&);
std::unique_ptr<OverAllocationPolicy> make_grow_policy(const PolicyOptions&);

template <>
PolicyRegistry PolicyRegistry::with_builtins() {
  PolicyRegistry r("over-allocation policy");
  r.add("reject", make_reject_policy);
  r.add("borrow", make_borrow_policy);
  r.add("preempt", make_preempt_policy);
  r.add("queue", make_queue_policy);
  r.add("grow", make_grow_policy);
  return r;
}

}  // namespace provsim
