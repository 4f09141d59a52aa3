#pragma once
// What each subscriber has at each party, as far as the platform knows:
// updated when a task is done (its action) and when it is compensated (the
// inverse). Its checks catch a workflow that would provision twice or undo
// something that is not there.

#include <cstddef>
#include <cstdint>

#include "model/core/inline_list.hpp"
#include "model/core/paged_array.hpp"
#include "model/core/strong_id.hpp"
#include "model/provisioning/task.hpp"

namespace provsim {

// A subscriber's items of one kind, in the order they were provisioned.
// The first N sit inside the record itself: a heap block per subscriber
// would cost a malloc each in a bulk load of millions, and as much memory
// again as the few two-byte ids it holds. More than N spill to the heap.
template <std::size_t N>
using OfferingList = InlineList<OfferingId, N>;

// 44 bytes (it was 88 with boost's small_vector): ten million of them are
// the platform store.
struct SubscriberState {
  LineId line;
  OfferingId access_tier;                  // valid while the port/device is active
  ProviderId address_pool;                 // the ISP whose pool the subscriber is bound to
  OfferingList<4> isp_services;            // a plan sells one or two
  OfferingList<8> bsp_entitlements;        // as many as the plan's BSP offerings taken
  PlanId billing_plan;                     // valid while the billing account is open

  bool empty() const {
    return !access_tier.valid() && !address_pool.valid() && isp_services.empty() && bsp_entitlements.empty() &&
           !billing_plan.valid();
  }
};

// The arguments of one carried-out action.
struct AppliedAction {
  Action action = Action::kActivate;
  AdapterKind adapter = AdapterKind::kNetwork;
  SubscriberId subscriber;
  LineId line;
  ProviderId isp;
  PlanId plan;
  OfferingId offering;
  OfferingId previous;
};

class ProvisionedStateStore {
 public:
  // Nothing for a subscriber that never had anything.
  const SubscriberState* find(SubscriberId subscriber) const;
  void apply(const AppliedAction& done);
  // Subscribers holding anything at any party.
  std::size_t active_subscribers() const;

 private:
  SubscriberState& at(SubscriberId subscriber);
  PagedArray<SubscriberState> states_;  // dense by subscriber id
};

}  // namespace provsim
