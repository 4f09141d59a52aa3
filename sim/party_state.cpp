#include "sim/party_state.hpp"

#include <bit>
#include <stdexcept>

#include "sim/plan_items.hpp"
#include "sim/reconcile.hpp"

namespace provsim::sim {

PartyState::PartyState(const Catalog& catalog, ServiceabilityDb& serviceability, PartyOptions options, Rng rng)
    : catalog_(catalog),
      serviceability_(serviceability),
      options_(options),
      rng_(rng),
      bsps_(catalog.providers().size()) {}

PartyState::Holdings& PartyState::holdings(SubscriberId who) {
  if (holdings_.size() <= who.value()) holdings_.grow_to(who.value() + 1);
  return holdings_[who.value()];
}

bool PartyState::same_plan(PlanId& held, std::uint64_t mask, PlanId plan) {
  if (mask != 0 && held != plan) return false;
  held = plan;
  return true;
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
  // Places first (the random draws in the order the one-at-a-time picks
  // make them), then read in a pipeline: the entry of the pick 2 * kAhead
  // on is fetched, and the holdings of the one kAhead on, whose entry has
  // arrived by then. A batch of ten million subscribers' picks is a
  // hundred thousand random reads into each array: fetching all entries
  // first and all holdings after pushed the early ones out of the cache
  // before they were read. (The first 2 * kAhead picks go unfetched: no
  // matter beside a batch's thousands.) The fetches are written out here:
  // GCC deletes a helper or lambda whose only effect is a prefetch.
  constexpr std::size_t kAhead = 16;
  places_.resize(n);
  for (std::size_t& i : places_) i = rng.below(list.pairs.size());
  const Listed* entries = list.pairs.data();
  std::size_t stale = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (k + 2 * kAhead < n) __builtin_prefetch(entries + places_[k + 2 * kAhead]);
    if (k + kAhead < n) __builtin_prefetch(&holdings_[entries[places_[k + kAhead]].who.value()]);
    const Listed& e = entries[places_[k]];
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
  const std::uint64_t b = plan_bit(catalog_, r.plan, r.offering);
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
  const std::uint64_t b = plan_bit(catalog_, h.bsp_plan, r.offering);
  if (!(h.entitled & b)) return;
  h.entitled &= ~b;
  --bsps_.at(r.party.value()).live;
}

PartyAnswer PartyState::handle(const TaskRequest& task) {
  const Request& r = task.request;
  IdempotencyLedger& ledger = ledgers_[{static_cast<int>(r.adapter), r.party.valid() ? r.party.value() : 0xFFFF}];
  if (auto prior = ledger.find(r.key)) return PartyAnswer{*prior, "repeated"};
  PartyAnswer answer = apply(r, task.device_id_wrong);
  ledger.record(r.key, answer.outcome);
  return answer;
}

PartyAnswer PartyState::preload(const Request& r) { return apply(r, false, false); }

PartyAnswer PartyState::apply(const Request& r, bool device_id_wrong, bool may_fail) {
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
      if (may_fail && !r.compensation && device_id_wrong)
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
    case Action::kModify:  // the NP's speed profile (billing's is the platform's)
      if (r.adapter != AdapterKind::kNetwork) break;
      if (!h.line.valid()) return {Outcome::kPermanentError, "no_active_port"};
      h.tier = r.offering;
      return {};
    case Action::kCreate: {
      if (!same_plan(h.services_plan, h.services, r.plan)) return {Outcome::kPermanentError, "plan_mismatch"};
      const std::uint64_t b = plan_bit(catalog_, r.plan, r.offering);
      if (b == 0) return {Outcome::kPermanentError, "not_in_plan"};
      h.services |= b;
      return {};
    }
    case Action::kDelete:
      h.services &= ~plan_bit(catalog_, h.services_plan, r.offering);
      return {};
    case Action::kEntitle: return entitle(r);
    case Action::kRevoke:
      revoke(r);
      return {};
    default: break;  // the platform's own (binding, billing)
  }
  return {Outcome::kPermanentError, "unknown action"};
}

void PartyState::check_lists(std::vector<std::string>& problems) const {
  std::size_t live = 0, entitled = 0;
  for (const BspList& list : bsps_) live += list.live;
  holdings_.for_each([&](const Holdings& h) { entitled += static_cast<std::size_t>(std::popcount(h.entitled)); });
  if (live != entitled) problems.push_back("BSP entitlement lists count " + std::to_string(live) + " pairs, subscribers hold " + std::to_string(entitled));
}

void PartyState::check_port(std::uint32_t sub, const SubscriberState* s, std::vector<std::string>& problems) const {
  const Holdings none;
  const Holdings& h = find(sub) ? *find(sub) : none;
  const bool has_tier = s && s->access_tier.valid();
  if (has_tier != h.line.valid()) note_mismatch(problems, sub, "network port and platform store disagree");
  if (has_tier && h.line.valid() && h.tier != s->access_tier)
    note_mismatch(problems, sub, "speed profile (tier) at the NP and platform store disagree");
}

void PartyState::check_items(std::uint32_t sub, const SubscriberState* s, std::vector<std::string>& problems) const {
  const Holdings none;
  const Holdings& h = find(sub) ? *find(sub) : none;
  // What the store holds, as bits over the plan each party was told.
  const auto same = [&](const auto* held, PlanId plan, std::uint64_t mask) {
    std::uint64_t has = 0;
    return (held == nullptr || add_bits(catalog_, plan, *held, has)) && has == mask;
  };
  if (!same(s ? &s->isp_services : nullptr, h.services_plan, h.services))
    note_mismatch(problems, sub, "ISP services and platform store disagree");
  if (!same(s ? &s->bsp_entitlements : nullptr, h.bsp_plan, h.entitled))
    note_mismatch(problems, sub, "BSP entitlements and platform store disagree");
}

}  // namespace provsim::sim
