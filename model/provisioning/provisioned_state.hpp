#pragma once
// What each subscriber has at each party, as far as the platform knows:
// updated when a task is done (its action) and when it is compensated (the
// inverse). Its checks catch a workflow that would provision twice or undo
// something that is not there.

#include <cstdint>
#include <vector>

#include "model/core/paged_array.hpp"
#include "model/core/strong_id.hpp"
#include "model/provisioning/task.hpp"

namespace provsim {

struct SubscriberState {
  LineId line;
  OfferingId access_tier;                  // valid while the port/device is active
  ProviderId address_pool;                 // the ISP whose pool the subscriber is bound to
  std::vector<OfferingId> isp_services;
  std::vector<OfferingId> bsp_entitlements;
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
