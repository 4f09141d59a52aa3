#include "sim/party_state.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace provsim::sim {

PartyState::PartyState(const Catalog& catalog, ServiceabilityDb& serviceability, RatingPort& rating,
                       AddressPort& addresses, PartyOptions options, Rng rng)
    : catalog_(catalog),
      serviceability_(serviceability),
      rating_(rating),
      addresses_(addresses),
      options_(options),
      rng_(rng),
      bsps_(catalog.providers().size()) {}

PartyState::Holdings& PartyState::holdings(SubscriberId who) {
  if (holdings_.size() <= who.value()) holdings_.grow_to(who.value() + 1);
  return holdings_[who.value()];
}

std::uint64_t PartyState::bit(PlanId plan, OfferingId offering) const {
  if (!plan.valid()) return 0;
  const int at = catalog_.plan(plan).position(offering);
  return at < 0 ? 0 : std::uint64_t{1} << at;
}

bool PartyState::same_plan(PlanId& held, std::uint64_t mask, PlanId plan) {
  if (mask != 0 && held != plan) return false;
  held = plan;
  return true;
}

std::vector<OfferingId> PartyState::items(PlanId plan, std::uint64_t mask) const {
  std::vector<OfferingId> out;
  for (; mask != 0; mask &= mask - 1) out.push_back(catalog_.plan(plan).items[static_cast<std::size_t>(std::countr_zero(mask))].offering);
  return out;
}

std::pair<SubscriberId, OfferingId> PartyState::pick_entitled(ProviderId bsp, Rng& rng) {
  BspList& list = bsps_.at(bsp.value());
  if (list.live == 0) throw std::logic_error("no entitled pair to pick");
  while (true) {
    const std::size_t i = rng.below(list.pairs.size());
    const Listed e = list.pairs[i];
    Holdings& h = holdings_[e.who.value()];
    const std::uint64_t b = std::uint64_t{1} << e.place;
    if (h.entitled & b) return {e.who, e.offering};
    h.listed &= ~b;  // revoked since: drop the stale entry
    list.pairs[i] = list.pairs.back();
    list.pairs.pop_back();
  }
}

void PartyState::pick_entitled(ProviderId bsp, Rng& rng, std::size_t n,
                               std::vector<std::pair<SubscriberId, OfferingId>>& out) {
  BspList& list = bsps_.at(bsp.value());
  if (n == 0) return;
  if (list.live == 0) throw std::logic_error("no entitled pair to pick");
  // Places first, then their entries and holdings fetched ahead: a million
  // subscribers' holdings do not fit in a cache, and the misses overlap.
  std::vector<std::size_t> places(n);
  for (std::size_t& i : places) i = rng.below(list.pairs.size());
  for (std::size_t i : places) __builtin_prefetch(&list.pairs[i]);
  for (std::size_t i : places) __builtin_prefetch(&holdings_[list.pairs[i].who.value()]);
  std::size_t stale = 0;
  for (std::size_t i : places) {
    const Listed& e = list.pairs[i];
    if (holdings_[e.who.value()].entitled & (std::uint64_t{1} << e.place))
      out.emplace_back(e.who, e.offering);
    else
      ++stale;
  }
  for (; stale > 0; --stale) out.push_back(pick_entitled(bsp, rng));  // drops the stale entries it meets
}

PartyAnswer PartyState::entitle(const Request& r) {
  Holdings& h = holdings(r.subscriber);
  if (!same_plan(h.bsp_plan, h.entitled | h.listed, r.plan)) return {Outcome::kPermanentError, "plan_mismatch"};
  const std::uint64_t b = bit(r.plan, r.offering);
  if (b == 0) return {Outcome::kPermanentError, "not_in_plan"};
  if (h.entitled & b) return {};
  h.entitled |= b;
  BspList& list = bsps_.at(r.party.value());
  ++list.live;
  if (!(h.listed & b)) {
    h.listed |= b;
    list.pairs.push_back({r.subscriber, r.offering, static_cast<std::uint8_t>(std::countr_zero(b))});
  }
  return {};
}

void PartyState::revoke(const Request& r) {
  if (r.subscriber.value() >= holdings_.size()) return;
  Holdings& h = holdings_[r.subscriber.value()];
  const std::uint64_t b = bit(h.bsp_plan, r.offering);
  if (!(h.entitled & b)) return;
  h.entitled &= ~b;
  --bsps_.at(r.party.value()).live;
}

PartyAnswer PartyState::handle(const Request& r, SimTime now, std::span<const OfferingId> items) {
  IdempotencyLedger& ledger = ledgers_[{static_cast<int>(r.adapter), r.party.valid() ? r.party.value() : 0xFFFF}];
  if (auto prior = ledger.find(r.key)) {
    ++repeated_answers_;
    return PartyAnswer{*prior, "repeated"};
  }
  PartyAnswer answer = apply(r, now, items);
  ledger.record(r.key, answer.outcome);
  return answer;
}

PartyAnswer PartyState::preload(const Request& r, SimTime now, std::span<const OfferingId> items) {
  return apply(r, now, items, false);
}

PartyAnswer PartyState::apply(const Request& r, SimTime now, std::span<const OfferingId> items, bool may_fail) {
  Holdings& h = holdings(r.subscriber);
  switch (r.action) {
    case Action::kActivate:
      // Undoing a deactivation whose answer was lost may find the port still
      // active: it is, so nothing is taken twice.
      if (h.line.valid()) {
        h.tier = r.offering;
        return {};
      }
      if (may_fail && !r.compensation && rng_.bernoulli(options_.network_failure)) return {Outcome::kPermanentError, "unknown_device"};
      if (may_fail && !r.compensation && device_known && !device_known(r.line))
        return {Outcome::kPermanentError, "unknown_device"};  // the subscriber typed a wrong device id
      if (!serviceability_.reserve(r.line)) return {Outcome::kPermanentError, "no_free_port"};
      h.line = r.line;
      h.tier = r.offering;
      ++active_ports_;
      return {};
    case Action::kDeactivate:
      if (h.line.valid()) {
        serviceability_.release(h.line);
        h.line = LineId();
        h.tier = OfferingId();
        --active_ports_;
      }
      return {};
    case Action::kModify:
      if (r.adapter == AdapterKind::kNetwork) {
        if (!h.line.valid()) return {Outcome::kPermanentError, "no_active_port"};
        h.tier = r.offering;
      } else {
        remove_item(r.subscriber, r.previous, now);
        add_item(r.subscriber, r.offering, now);
      }
      return {};
    case Action::kBind:
      if (before_binding_change) before_binding_change(now);
      switch (addresses_.bind(r.subscriber, r.party, now)) {
        case BindStatus::kBound:
          if (on_binding) on_binding(r.subscriber, true, now);
          return {};
        case BindStatus::kAlreadyBound:  // undoing a release that never reached us: still bound
          if (r.compensation) return {};
          return {Outcome::kPermanentError, "already_bound"};
        case BindStatus::kRefused: return {Outcome::kPermanentError, "pool_over_ratio"};
        case BindStatus::kNoPool: return {Outcome::kPermanentError, "no_pool"};
      }
      return {};
    case Action::kRelease:
      if (before_binding_change) before_binding_change(now);
      if (addresses_.unbind(r.subscriber, now) && on_binding) on_binding(r.subscriber, false, now);
      return {};
    case Action::kCreate: {
      if (!same_plan(h.services_plan, h.services, r.plan)) return {Outcome::kPermanentError, "plan_mismatch"};
      const std::uint64_t b = bit(r.plan, r.offering);
      if (b == 0) return {Outcome::kPermanentError, "not_in_plan"};
      h.services |= b;
      return {};
    }
    case Action::kDelete:
      h.services &= ~bit(h.services_plan, r.offering);
      return {};
    case Action::kEntitle: return entitle(r);
    case Action::kRevoke:
      revoke(r);
      return {};
    case Action::kOpen: {
      if (h.account_plan.valid()) return {};  // undoing a close that never reached us: still open
      // The billing account carries what the subscriber has been provisioned
      // with so far (the tier, the ISP services, the BSP entitlements), as
      // the platform's request says.
      const SubscriptionAnswer opened = rating_.change_subscription(
          {now, SubscriptionAction::kOpen, r.subscriber, r.plan, OfferingId(), {items.begin(), items.end()}});
      if (!opened.error.empty()) return {Outcome::kPermanentError, opened.error};
      h.account_plan = r.plan;
      h.billed = 0;
      for (OfferingId o : items) h.billed |= bit(r.plan, o);
      return {};
    }
    case Action::kClose:
      // The rating engine stops every item at `now`: the last cycle's
      // recurring fees are prorated to the day of the disconnect.
      if (h.account_plan.valid())
        rating_.change_subscription({now, SubscriptionAction::kClose, r.subscriber, PlanId(), OfferingId(), {}});
      h.account_plan = PlanId();
      h.billed = 0;
      return {};
    case Action::kAddItem:
      add_item(r.subscriber, r.offering, now);
      return {};
    case Action::kRemoveItem:
      remove_item(r.subscriber, r.offering, now);
      return {};
  }
  return {Outcome::kPermanentError, "unknown action"};
}

// An item the account's plan holds is always a valid change: an error is a
// bug, thrown as the engine would.
void PartyState::change_item(SubscriptionAction action, SubscriberId who, OfferingId offering, SimTime now) {
  const SubscriptionAnswer a = rating_.change_subscription({now, action, who, PlanId(), offering, {}});
  if (!a.error.empty()) throw std::invalid_argument(a.error);
}

// Items on an open billing account, each at most once; adding what is there
// or removing what is not (a retried or undone change) is a no-op.
void PartyState::add_item(SubscriberId who, OfferingId offering, SimTime now) {
  Holdings& h = holdings(who);
  const std::uint64_t b = bit(h.account_plan, offering);
  if (b == 0 || (h.billed & b)) return;
  h.billed |= b;
  change_item(SubscriptionAction::kAddOffering, who, offering, now);
}

void PartyState::remove_item(SubscriberId who, OfferingId offering, SimTime now) {
  Holdings& h = holdings(who);
  const std::uint64_t b = bit(h.account_plan, offering);
  if (!(h.billed & b)) return;
  h.billed &= ~b;
  change_item(SubscriptionAction::kRemoveOffering, who, offering, now);
}

std::vector<std::string> PartyState::reconcile(const ProvisionedStateStore& store, std::uint32_t subscribers,
                                               const std::set<std::uint32_t>& in_flight) const {
  std::vector<std::string> problems;
  auto note = [&](std::uint32_t sub, const std::string& what) {
    problems.push_back("subscriber " + std::to_string(sub) + ": " + what);
  };
  auto same = [](std::vector<OfferingId> a, std::vector<OfferingId> b) {
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
  };
  // Every live entry of every BSP's list belongs to an entitlement, once.
  std::size_t live = 0, entitled = 0;
  for (const BspList& list : bsps_) live += list.live;
  holdings_.for_each([&](const Holdings& h) { entitled += static_cast<std::size_t>(std::popcount(h.entitled)); });
  if (live != entitled) problems.push_back("BSP entitlement lists count " + std::to_string(live) + " pairs, subscribers hold " + std::to_string(entitled));
  const Holdings none;
  for (std::uint32_t sub = 0; sub < subscribers; ++sub) {
    if (in_flight.count(sub)) continue;
    const SubscriberId id(sub);
    const SubscriberState* s = store.find(id);
    const Holdings& h = find(sub) ? *find(sub) : none;
    const bool has_tier = s && s->access_tier.valid();
    if (has_tier != h.line.valid()) note(sub, "network port and platform store disagree");
    if (has_tier && h.line.valid() && h.tier != s->access_tier)
      note(sub, "speed profile (tier) at the NP and platform store disagree");
    const bool has_pool = s && s->address_pool.valid();
    if (has_pool != addresses_.bound(id)) note(sub, "address binding and platform store disagree");
    const bool has_billing = s && s->billing_plan.valid();
    if (has_billing != h.account_plan.valid()) note(sub, "billing account and platform store disagree");
    if (has_billing && h.account_plan.valid()) {  // the account bills exactly what the subscriber has
      std::vector<OfferingId> has;
      if (s->access_tier.valid()) has.push_back(s->access_tier);
      has.insert(has.end(), s->isp_services.begin(), s->isp_services.end());
      has.insert(has.end(), s->bsp_entitlements.begin(), s->bsp_entitlements.end());
      if (!same(has, items(h.account_plan, h.billed))) note(sub, "billed items and platform store disagree");
    }
    const std::vector<OfferingId> no_items;
    if (!same(s ? s->isp_services : no_items, items(h.services_plan, h.services)))
      note(sub, "ISP services and platform store disagree");
    if (!same(s ? s->bsp_entitlements : no_items, items(h.bsp_plan, h.entitled)))
      note(sub, "BSP entitlements and platform store disagree");
  }
  return problems;
}

}  // namespace provsim::sim
