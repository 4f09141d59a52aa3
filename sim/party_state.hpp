#pragma once
// What each party's own system holds, kept apart from the platform's
// provisioned-state store so the two can be compared at the end of a run
// (no orphan on either side). Every party answers through an idempotency
// ledger, so a retried request never provisions twice.

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/address/address_server.hpp"
#include "model/catalog/catalog.hpp"
#include "model/core/random.hpp"
#include "model/provisioning/idempotency_ledger.hpp"
#include "model/provisioning/provisioned_state.hpp"
#include "model/provisioning/request.hpp"
#include "model/qualification/serviceability.hpp"
#include "model/rating/rating_engine.hpp"

namespace provsim::sim {

struct PartyAnswer {
  Outcome outcome = Outcome::kOk;
  std::string reason;
};

// The subscribers entitled to each BSP offering, kept so a BSP's event feed
// can pick one at random in O(1).
class Entitlements {
 public:
  bool add(SubscriberId user, OfferingId offering);
  bool remove(SubscriberId user, OfferingId offering);
  bool has(SubscriberId user, OfferingId offering) const { return index_.count(key(user, offering)) > 0; }
  std::size_t size() const { return items_.size(); }
  std::pair<SubscriberId, OfferingId> at(std::size_t i) const { return items_[i]; }

 private:
  static std::uint64_t key(SubscriberId u, OfferingId o) { return (std::uint64_t{u.value()} << 16) | o.value(); }
  std::vector<std::pair<SubscriberId, OfferingId>> items_;
  std::unordered_map<std::uint64_t, std::size_t> index_;
};

struct PartyOptions {
  double network_failure = 0;  // chance an activation is refused (unknown device)
};

class PartyState {
 public:
  PartyState(const Catalog& catalog, ServiceabilityDb& serviceability, RatingEngine& rating, AddressServer& addresses,
             PartyOptions options, Rng rng);

  // Told when the IP address server binds or unbinds a subscriber, so its
  // sessions start or stop.
  std::function<void(SubscriberId, bool bound, SimTime)> on_binding;
  // Whether the device registered for a line is one the NP knows (false when
  // the subscriber typed its id wrong); unset: every device is known.
  std::function<bool(LineId)> device_known;

  // Carries out one provisioning request at its party (idempotently).
  // `store` is the platform's view, which billing reads for the items to bill.
  PartyAnswer handle(const Request& request, SimTime now, const ProvisionedStateStore& store);

  const Entitlements& entitlements(ProviderId bsp) const;
  std::size_t active_ports() const { return ports_.size(); }

  // Carries out an action for a subscriber who had it before the run began
  // (bulk-loaded population): no ledger entry, no random failure.
  PartyAnswer preload(const Request& request, SimTime now, const ProvisionedStateStore& store);

  // Compares every party's holdings with the platform's store; returns one
  // line per mismatch (empty when they agree). `in_flight` subscribers are
  // mid-order and skipped.
  std::vector<std::string> reconcile(const ProvisionedStateStore& store, std::uint32_t subscribers,
                                     const std::set<std::uint32_t>& in_flight) const;

 private:
  PartyAnswer apply(const Request& r, SimTime now, const ProvisionedStateStore& store, bool may_fail = true);
  void add_item(SubscriberId who, OfferingId offering, SimTime now);
  void remove_item(SubscriberId who, OfferingId offering, SimTime now);

  const Catalog& catalog_;
  ServiceabilityDb& serviceability_;
  RatingEngine& rating_;
  AddressServer& addresses_;
  PartyOptions options_;
  Rng rng_;
  std::map<std::pair<int, std::uint16_t>, IdempotencyLedger> ledgers_;  // by (adapter, party)
  std::map<std::uint32_t, std::pair<LineId, OfferingId>> ports_;        // NP: subscriber -> line, tier
  std::set<std::pair<std::uint32_t, std::uint16_t>> isp_services_;     // (subscriber, offering)
  std::map<std::uint16_t, Entitlements> entitlements_;                 // by BSP
  std::map<std::uint32_t, PlanId> billing_;                            // rating engine accounts
  std::map<std::uint32_t, std::set<std::uint16_t>> billed_;            // the items on each account
};

}  // namespace provsim::sim
