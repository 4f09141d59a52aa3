#include "sim/billing_desk.hpp"

#include <span>
#include <stdexcept>

#include "sim/plan_items.hpp"
#include "sim/reconcile.hpp"

namespace provsim::sim {

BillingDesk::Account& BillingDesk::account(SubscriberId who) {
  if (accounts_.size() <= who.value()) accounts_.grow_to(who.value() + 1);
  return accounts_[who.value()];
}

PartyAnswer BillingDesk::handle(const TaskRequest& task, SimTime now) {
  const Request& r = task.request;
  if (auto prior = ledger_.find(r.key)) return PartyAnswer{*prior, "repeated"};
  PartyAnswer answer = apply(r, now, task.items);
  ledger_.record(r.key, answer.outcome);
  return answer;
}

PartyAnswer BillingDesk::preload(const Request& r, SimTime now, std::span<const OfferingId> items) {
  return apply(r, now, items);
}

PartyAnswer BillingDesk::apply(const Request& r, SimTime now, std::span<const OfferingId> items) {
  Account& a = account(r.subscriber);
  switch (r.action) {
    case Action::kOpen: {
      if (a.plan.valid()) return {};  // undoing a close that never reached us: still open
      // The billing account carries what the subscriber has been provisioned
      // with so far (the tier, the ISP services, the BSP entitlements), as
      // the platform's request says.
      const SubscriptionAnswer opened = rating_.change_subscription(
          {now, SubscriptionAction::kOpen, r.subscriber, r.plan, OfferingId(), {items.begin(), items.end()}});
      if (!opened.error.empty()) return {Outcome::kPermanentError, opened.error};
      a.plan = r.plan;
      a.billed = 0;
      for (OfferingId o : items) a.billed |= plan_bit(catalog_, r.plan, o);
      return {};
    }
    case Action::kClose:
      // The rating engine stops every item at `now`: the last cycle's
      // recurring fees are prorated to the day of the disconnect.
      if (a.plan.valid())
        rating_.change_subscription({now, SubscriptionAction::kClose, r.subscriber, PlanId(), OfferingId(), {}});
      a.plan = PlanId();
      a.billed = 0;
      return {};
    case Action::kModify:  // another tier: the old one off the account, the new one on
      remove_item(r.subscriber, r.previous, now);
      add_item(r.subscriber, r.offering, now);
      return {};
    case Action::kAddItem:
      add_item(r.subscriber, r.offering, now);
      return {};
    case Action::kRemoveItem:
      remove_item(r.subscriber, r.offering, now);
      return {};
    default: return {Outcome::kPermanentError, "unknown action"};
  }
}

// An item the account's plan holds is always a valid change: an error is a
// bug, thrown as the engine would.
void BillingDesk::change_item(SubscriptionAction action, SubscriberId who, OfferingId offering, SimTime now) {
  const SubscriptionAnswer a = rating_.change_subscription({now, action, who, PlanId(), offering, {}});
  if (!a.error.empty()) throw std::invalid_argument(a.error);
}

// Items on an open billing account, each at most once; adding what is there
// or removing what is not (a retried or undone change) is a no-op.
void BillingDesk::add_item(SubscriberId who, OfferingId offering, SimTime now) {
  Account& a = account(who);
  const std::uint64_t b = plan_bit(catalog_, a.plan, offering);
  if (b == 0 || (a.billed & b)) return;
  a.billed |= b;
  change_item(SubscriptionAction::kAddOffering, who, offering, now);
}

void BillingDesk::remove_item(SubscriberId who, OfferingId offering, SimTime now) {
  Account& a = account(who);
  const std::uint64_t b = plan_bit(catalog_, a.plan, offering);
  if (!(a.billed & b)) return;
  a.billed &= ~b;
  change_item(SubscriptionAction::kRemoveOffering, who, offering, now);
}

void BillingDesk::check(std::uint32_t sub, const SubscriberState* s, std::vector<std::string>& problems) const {
  const Account none;
  const Account& a = sub < accounts_.size() ? accounts_[sub] : none;
  const bool has_billing = s && s->billing_plan.valid();
  if (has_billing != a.plan.valid()) note_mismatch(problems, sub, "billing account and platform store disagree");
  if (has_billing && a.plan.valid()) {  // the account bills exactly what the subscriber has
    const std::span<const OfferingId> tier(&s->access_tier, s->access_tier.valid() ? 1 : 0);
    std::uint64_t has = 0;
    const bool in_plan = add_bits(catalog_, a.plan, tier, has) && add_bits(catalog_, a.plan, s->isp_services, has) &&
                         add_bits(catalog_, a.plan, s->bsp_entitlements, has);
    if (!in_plan || has != a.billed) note_mismatch(problems, sub, "billed items and platform store disagree");
  }
}

}  // namespace provsim::sim
