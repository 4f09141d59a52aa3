#pragma once
// What each party's own system holds, kept apart from the platform's
// provisioned-state store so the two can be compared at the end of a run
// (no orphan on either side). Every party answers through an idempotency
// ledger, so a retried request never provisions twice.

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "model/address/address_server.hpp"
#include "model/catalog/catalog.hpp"
#include "model/core/paged_array.hpp"
#include "model/core/random.hpp"
#include "model/provisioning/idempotency_ledger.hpp"
#include "model/provisioning/provisioned_state.hpp"
#include "model/provisioning/request.hpp"
#include "model/qualification/serviceability.hpp"
#include "model/rating/rating_engine.hpp"
#include "sim/address_port.hpp"
#include "sim/rating_port.hpp"

namespace provsim::sim {

struct PartyAnswer {
  Outcome outcome = Outcome::kOk;
  std::string reason;
};

struct PartyOptions {
  double network_failure = 0;  // chance an activation is refused (unknown device)
};

class PartyState {
 public:
  PartyState(const Catalog& catalog, ServiceabilityDb& serviceability, RatingPort& rating, AddressPort& addresses,
             PartyOptions options, Rng rng);

  // Told when the IP address server binds or unbinds a subscriber, so its
  // sessions start or stop.
  std::function<void(SubscriberId, bool bound, SimTime)> on_binding;
  // Told just before a binding changes, so the session actor can bring the
  // address server up to `now` first.
  std::function<void(SimTime)> before_binding_change;
  // Whether the device registered for a line is one the NP knows (false when
  // the subscriber typed its id wrong); unset: every device is known.
  std::function<bool(LineId)> device_known;

  // Carries out one provisioning request at its party (idempotently).
  // `items`: for an open request, what the billing account opens with (the
  // platform sends them in the request); ignored otherwise.
  PartyAnswer handle(const Request& request, SimTime now, std::span<const OfferingId> items);

  // The BSP's entitled (subscriber, offering) pairs: how many, and one at
  // random (uniform over the pairs, O(1) amortised).
  std::size_t entitled_count(ProviderId bsp) const { return bsps_.at(bsp.value()).live; }
  std::pair<SubscriberId, OfferingId> pick_entitled(ProviderId bsp, Rng& rng);
  // `n` picks at once, appended to `out`: faster (the memory reads of all
  // of them overlap).
  void pick_entitled(ProviderId bsp, Rng& rng, std::size_t n, std::vector<std::pair<SubscriberId, OfferingId>>& out);
  std::size_t active_ports() const { return active_ports_; }

  // Carries out an action for a subscriber who had it before the run began
  // (bulk-loaded population): no ledger entry, no random failure.
  PartyAnswer preload(const Request& request, SimTime now, std::span<const OfferingId> items);

  // Compares every party's holdings with the platform's store; returns one
  // line per mismatch (empty when they agree). `in_flight` subscribers are
  // mid-order and skipped.
  std::vector<std::string> reconcile(const ProvisionedStateStore& store, std::uint32_t subscribers,
                                     const std::set<std::uint32_t>& in_flight) const;

  // Requests answered from an idempotency ledger (done before, not again).
  std::uint64_t repeated_answers() const { return repeated_answers_; }

 private:
  std::uint64_t repeated_answers_ = 0;
  // What the parties hold for one subscriber, dense by subscriber id (a
  // million subscribers in 48 MB). Each party's items are a bit mask over
  // the places of the subscriber's plan (Plan::position), with the plan the
  // party was told; the parties' views stay separate, so reconcile() still
  // compares each one with the platform's store.
  struct Holdings {
    std::uint64_t services = 0;  // ISP: the ISP services
    std::uint64_t entitled = 0;  // BSPs: the entitlements
    std::uint64_t listed = 0;    // entitlements with an entry in their BSP's list (some stale)
    std::uint64_t billed = 0;    // billing: the items on the account
    LineId line;                 // NP: the port's line (invalid: no port)
    OfferingId tier;             // NP: the port's speed profile
    PlanId services_plan, bsp_plan, account_plan;  // account_plan valid: the account is open
  };
  // A BSP's list of entitled pairs, for picking one at random. A revoked
  // pair stays listed until a pick meets it (and drops it), so revoking is
  // O(1) without an index of positions.
  struct Listed {  // 8 bytes
    SubscriberId who;
    OfferingId offering;
    std::uint8_t place;  // the offering's bit in the subscriber's bsp_plan
  };
  struct BspList {
    std::vector<Listed> pairs;
    std::size_t live = 0;
  };

  PartyAnswer apply(const Request& r, SimTime now, std::span<const OfferingId> items, bool may_fail = true);
  Holdings& holdings(SubscriberId who);
  const Holdings* find(std::uint32_t sub) const { return sub < holdings_.size() ? &holdings_[sub] : nullptr; }
  // The bit of `offering` in `plan`; 0 when it is not in the plan.
  std::uint64_t bit(PlanId plan, OfferingId offering) const;
  // Binds a party's item mask to `plan` (the first item sets it); false when
  // the party already holds items of another plan.
  static bool same_plan(PlanId& held, std::uint64_t mask, PlanId plan);
  PartyAnswer entitle(const Request& r);
  void revoke(const Request& r);
  void add_item(SubscriberId who, OfferingId offering, SimTime now);
  void remove_item(SubscriberId who, OfferingId offering, SimTime now);
  void change_item(SubscriptionAction action, SubscriberId who, OfferingId offering, SimTime now);
  std::vector<OfferingId> items(PlanId plan, std::uint64_t mask) const;

  const Catalog& catalog_;
  ServiceabilityDb& serviceability_;
  RatingPort& rating_;  // the rating engine, reached through its component boundary
  AddressPort& addresses_;
  PartyOptions options_;
  Rng rng_;
  std::map<std::pair<int, std::uint16_t>, IdempotencyLedger> ledgers_;  // by (adapter, party)
  PagedArray<Holdings> holdings_;
  std::vector<BspList> bsps_;  // by provider id (BSPs only used)
  std::size_t active_ports_ = 0;
};

}  // namespace provsim::sim
