#include "model/provisioning/provisioned_state.hpp"

#include <algorithm>

#include "model/core/check.hpp"

namespace provsim {
namespace {

template <std::size_t N>
void add_once(OfferingList<N>& set, OfferingId offering, const char* what) {
  PROVSIM_CHECK(std::find(set.begin(), set.end(), offering) == set.end(), std::string(what) + " provisioned twice");
  set.push_back(offering);
}

template <std::size_t N>
void remove_present(OfferingList<N>& set, OfferingId offering, const char* what) {
  auto it = std::find(set.begin(), set.end(), offering);
  PROVSIM_CHECK(it != set.end(), std::string(what) + " removed but not provisioned");
  set.erase(it);
}

}  // namespace

const SubscriberState* ProvisionedStateStore::find(SubscriberId subscriber) const {
  return subscriber.value() < states_.size() ? &states_[subscriber.value()] : nullptr;
}

SubscriberState& ProvisionedStateStore::at(SubscriberId subscriber) {
  PROVSIM_CHECK(subscriber.valid(), "provisioned state for an invalid subscriber");
  if (states_.size() <= subscriber.value()) states_.grow_to(subscriber.value() + 1u);
  return states_[subscriber.value()];
}

void ProvisionedStateStore::apply(const AppliedAction& a) {
  SubscriberState& s = at(a.subscriber);
  switch (a.action) {
    case Action::kActivate:
      PROVSIM_CHECK(!s.access_tier.valid(), "port activated twice");
      s.access_tier = a.offering;
      s.line = a.line;
      return;
    case Action::kDeactivate:
      PROVSIM_CHECK(s.access_tier == a.offering, "deactivating a port that is not active with that tier");
      s.access_tier = OfferingId();
      return;
    case Action::kModify:
      if (a.adapter != AdapterKind::kNetwork) return;  // billing tracks the plan, not the tier
      PROVSIM_CHECK(s.access_tier == a.previous, "tier change from a tier the port does not have");
      s.access_tier = a.offering;
      return;
    case Action::kBind:
      PROVSIM_CHECK(!s.address_pool.valid(), "address bound twice");
      s.address_pool = a.isp;
      return;
    case Action::kRelease:
      PROVSIM_CHECK(s.address_pool == a.isp, "releasing an address binding that is not there");
      s.address_pool = ProviderId();
      return;
    case Action::kCreate: add_once(s.isp_services, a.offering, "ISP service"); return;
    case Action::kDelete: remove_present(s.isp_services, a.offering, "ISP service"); return;
    case Action::kEntitle: add_once(s.bsp_entitlements, a.offering, "BSP entitlement"); return;
    case Action::kRevoke: remove_present(s.bsp_entitlements, a.offering, "BSP entitlement"); return;
    case Action::kOpen:
      PROVSIM_CHECK(!s.billing_plan.valid(), "billing account opened twice");
      s.billing_plan = a.plan;
      return;
    case Action::kClose:
      PROVSIM_CHECK(s.billing_plan == a.plan, "closing a billing account that is not open");
      s.billing_plan = PlanId();
      return;
    case Action::kAddItem:
    case Action::kRemoveItem:
      return;  // the items live on the rating engine's account; the entitlement is tracked above
  }
}

std::size_t ProvisionedStateStore::active_subscribers() const {
  std::size_t n = 0;
  states_.for_each([&](const SubscriberState& s) { n += !s.empty(); });
  return n;
}

}  // namespace provsim
