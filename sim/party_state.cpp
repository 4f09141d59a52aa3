#include "sim/party_state.hpp"

#include <stdexcept>

namespace provsim::sim {

bool Entitlements::add(SubscriberId user, OfferingId offering) {
  if (!index_.emplace(key(user, offering), items_.size()).second) return false;
  items_.emplace_back(user, offering);
  return true;
}

bool Entitlements::remove(SubscriberId user, OfferingId offering) {
  auto it = index_.find(key(user, offering));
  if (it == index_.end()) return false;
  const std::size_t at = it->second;
  index_.erase(it);
  if (at + 1 != items_.size()) {  // swap the last one into the hole
    items_[at] = items_.back();
    index_[key(items_[at].first, items_[at].second)] = at;
  }
  items_.pop_back();
  return true;
}

PartyState::PartyState(const Catalog& catalog, ServiceabilityDb& serviceability, RatingEngine& rating,
                       AddressServer& addresses, PartyOptions options, Rng rng)
    : catalog_(catalog),
      serviceability_(serviceability),
      rating_(rating),
      addresses_(addresses),
      options_(options),
      rng_(rng) {
  for (ProviderId bsp : catalog.providers_of(ProviderKind::kBsp)) entitlements_[bsp.value()];
}

const Entitlements& PartyState::entitlements(ProviderId bsp) const { return entitlements_.at(bsp.value()); }

PartyAnswer PartyState::handle(const Request& r, SimTime now, const ProvisionedStateStore& store) {
  IdempotencyLedger& ledger = ledgers_[{static_cast<int>(r.adapter), r.party.valid() ? r.party.value() : 0xFFFF}];
  if (auto prior = ledger.find(r.key)) return PartyAnswer{*prior, "repeated"};
  PartyAnswer answer = apply(r, now, store);
  ledger.record(r.key, answer.outcome);
  return answer;
}

PartyAnswer PartyState::preload(const Request& r, SimTime now, const ProvisionedStateStore& store) {
  return apply(r, now, store, false);
}

PartyAnswer PartyState::apply(const Request& r, SimTime now, const ProvisionedStateStore& store, bool may_fail) {
  const std::uint32_t sub = r.subscriber.value();
  switch (r.action) {
    case Action::kActivate:
      // Undoing a deactivation whose answer was lost may find the port still
      // active: it is, so nothing is taken twice.
      if (auto held = ports_.find(sub); held != ports_.end()) {
        held->second.second = r.offering;
        return {};
      }
      if (may_fail && !r.compensation && rng_.bernoulli(options_.network_failure)) return {Outcome::kPermanentError, "unknown_device"};
      if (may_fail && !r.compensation && device_known && !device_known(r.line))
        return {Outcome::kPermanentError, "unknown_device"};  // the subscriber typed a wrong device id
      if (!serviceability_.reserve(r.line)) return {Outcome::kPermanentError, "no_free_port"};
      ports_[sub] = {r.line, r.offering};
      return {};
    case Action::kDeactivate:
      if (auto held = ports_.find(sub); held != ports_.end()) {
        serviceability_.release(held->second.first);
        ports_.erase(held);
      }
      return {};
    case Action::kModify:
      if (r.adapter == AdapterKind::kNetwork) {
        auto it = ports_.find(sub);
        if (it == ports_.end()) return {Outcome::kPermanentError, "no_active_port"};
        it->second.second = r.offering;
      } else {
        remove_item(r.subscriber, r.previous, now);
        add_item(r.subscriber, r.offering, now);
      }
      return {};
    case Action::kBind:
      switch (addresses_.bind(r.subscriber, r.party, {}, now)) {
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
      if (addresses_.unbind(r.subscriber, now) && on_binding) on_binding(r.subscriber, false, now);
      return {};
    case Action::kCreate:
      isp_services_.insert({sub, r.offering.value()});
      return {};
    case Action::kDelete:
      isp_services_.erase({sub, r.offering.value()});
      return {};
    case Action::kEntitle:
      entitlements_.at(r.party.value()).add(r.subscriber, r.offering);
      return {};
    case Action::kRevoke:
      entitlements_.at(r.party.value()).remove(r.subscriber, r.offering);
      return {};
    case Action::kOpen: {
      if (billing_.count(sub)) return {};  // undoing a close that never reached us: still open
      // The billing account carries what the subscriber has been provisioned
      // with so far: the tier, the ISP services, the BSP entitlements.
      std::vector<OfferingId> items;
      if (const SubscriberState* s = store.find(r.subscriber)) {
        if (s->access_tier.valid()) items.push_back(s->access_tier);
        items.insert(items.end(), s->isp_services.begin(), s->isp_services.end());
        items.insert(items.end(), s->bsp_entitlements.begin(), s->bsp_entitlements.end());
      }
      try {
        rating_.open_subscription(r.subscriber, r.plan, now, items);
      } catch (const std::invalid_argument& e) {
        return {Outcome::kPermanentError, e.what()};
      }
      billing_[sub] = r.plan;
      billed_[sub] = {};
      for (OfferingId o : items) billed_[sub].insert(o.value());
      return {};
    }
    case Action::kClose:
      // The rating engine stops every item at `now`: the last cycle's
      // recurring fees are prorated to the day of the disconnect.
      if (billing_.erase(sub)) rating_.close_subscription(r.subscriber, now);
      billed_.erase(sub);
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

// Items on an open billing account, each at most once; adding what is there
// or removing what is not (a retried or undone change) is a no-op.
void PartyState::add_item(SubscriberId who, OfferingId offering, SimTime now) {
  auto account = billed_.find(who.value());
  if (account == billed_.end() || !account->second.insert(offering.value()).second) return;
  rating_.add_offering(who, offering, now);
}

void PartyState::remove_item(SubscriberId who, OfferingId offering, SimTime now) {
  auto account = billed_.find(who.value());
  if (account == billed_.end() || account->second.erase(offering.value()) == 0) return;
  rating_.remove_offering(who, offering, now);
}

std::vector<std::string> PartyState::reconcile(const ProvisionedStateStore& store, std::uint32_t subscribers,
                                               const std::set<std::uint32_t>& in_flight) const {
  std::vector<std::string> problems;
  auto note = [&](std::uint32_t sub, const std::string& what) {
    problems.push_back("subscriber " + std::to_string(sub) + ": " + what);
  };
  std::unordered_map<std::uint32_t, std::size_t> held_by;  // BSP entitlements per subscriber
  for (const auto& [bsp, e] : entitlements_)
    for (std::size_t i = 0; i < e.size(); ++i) ++held_by[e.at(i).first.value()];
  for (std::uint32_t sub = 0; sub < subscribers; ++sub) {
    if (in_flight.count(sub)) continue;
    const SubscriberId id(sub);
    const SubscriberState* s = store.find(id);
    const bool has_tier = s && s->access_tier.valid();
    if (has_tier != (ports_.count(sub) > 0)) note(sub, "network port and platform store disagree");
    if (has_tier && ports_.count(sub) && ports_.at(sub).second != s->access_tier)
      note(sub, "speed profile (tier) at the NP and platform store disagree");
    const bool has_pool = s && s->address_pool.valid();
    if (has_pool != addresses_.bound(id)) note(sub, "address binding and platform store disagree");
    const bool has_billing = s && s->billing_plan.valid();
    if (has_billing != (billing_.count(sub) > 0)) note(sub, "billing account and platform store disagree");
    if (has_billing && billed_.count(sub)) {  // the account bills exactly what the subscriber has
      std::set<std::uint16_t> has;
      if (s->access_tier.valid()) has.insert(s->access_tier.value());
      for (OfferingId o : s->isp_services) has.insert(o.value());
      for (OfferingId o : s->bsp_entitlements) has.insert(o.value());
      if (has != billed_.at(sub)) note(sub, "billed items and platform store disagree");
    }
    std::size_t services = 0;
    for (auto it = isp_services_.lower_bound({sub, 0}); it != isp_services_.end() && it->first == sub; ++it) ++services;
    if (services != (s ? s->isp_services.size() : 0)) note(sub, "ISP services and platform store disagree");
    std::size_t entitled = 0;
    if (s)
      for (OfferingId o : s->bsp_entitlements) {
        const auto& e = entitlements_.at(catalog_.offering(o).owner.value());
        entitled += e.has(id, o) ? 1 : 0;
      }
    const std::size_t held = held_by.count(sub) ? held_by.at(sub) : 0;
    if (entitled != held || (s && entitled != s->bsp_entitlements.size()))
      note(sub, "BSP entitlements and platform store disagree");
  }
  return problems;
}

}  // namespace provsim::sim
