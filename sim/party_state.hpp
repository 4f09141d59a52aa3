#pragma once
// What each party's own system holds: the NP's ports and the speed profile
// each runs, each ISP's services, each BSP's entitlements. It is kept apart
// from the platform's provisioned-state store so the two can be compared at
// the end of a run (sim/reconcile.hpp: no orphan on either side). Every
// party answers through an idempotency ledger, so a retried request never
// provisions twice. What a party needs to carry a request out comes in the
// request (TaskRequest, sim/messages.hpp); it never reads the platform's or
// the channels' state. The platform's own systems that the manager sends
// requests to (the address server's binding desk, billing) are the
// platform's (sim/binding_desk.hpp, sim/billing_desk.hpp).

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "model/catalog/catalog.hpp"
#include "model/core/paged_array.hpp"
#include "model/core/random.hpp"
#include "model/provisioning/idempotency_ledger.hpp"
#include "model/provisioning/provisioned_state.hpp"
#include "model/provisioning/request.hpp"
#include "model/qualification/serviceability.hpp"
#include "sim/messages.hpp"
#include "sim/party_answer.hpp"

namespace provsim::sim {

struct PartyOptions {
  double network_failure = 0;  // chance an activation is refused (unknown device)
};

class PartyState {
 public:
  // The NP's ports are taken from and given back to `serviceability` (its
  // database).
  PartyState(const Catalog& catalog, ServiceabilityDb& serviceability, PartyOptions options, Rng rng);

  // Carries out one provisioning request at its party (idempotently): the
  // NP's activations, deactivations and speed changes, an ISP's services, a
  // BSP's entitlements.
  PartyAnswer handle(const TaskRequest& task);

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
  PartyAnswer preload(const Request& request);

  // The end-of-run checks against the platform's store (sim/reconcile.hpp);
  // each adds one line per mismatch to `problems`. `s`: what the store holds
  // for subscriber `sub` (null: nothing).
  // Every live entry of every BSP's list belongs to an entitlement, once.
  void check_lists(std::vector<std::string>& problems) const;
  // The NP's port and its speed profile.
  void check_port(std::uint32_t sub, const SubscriberState* s, std::vector<std::string>& problems) const;
  // The ISP's services and the BSPs' entitlements.
  void check_items(std::uint32_t sub, const SubscriberState* s, std::vector<std::string>& problems) const;

 private:
  // What the parties hold for one subscriber, dense by subscriber id (a
  // million subscribers in 40 MB). Each party's items are a bit mask over
  // the places of the subscriber's plan (sim/plan_items.hpp), with the plan
  // the party was told; the parties' views stay separate, so the end-of-run
  // check still compares each one with the platform's store.
  struct Holdings {
    std::uint64_t services = 0;  // ISP: the ISP services
    std::uint64_t entitled = 0;  // BSPs: the entitlements
    std::uint64_t listed = 0;    // entitlements with an entry in their BSP's list (some stale)
    LineId line;                 // NP: the port's line (invalid: no port)
    OfferingId tier;             // NP: the port's speed profile
    PlanId services_plan, bsp_plan;
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

  // `device_id_wrong`: an activation's order carries a device id the NP
  // does not know.
  PartyAnswer apply(const Request& r, bool device_id_wrong, bool may_fail = true);
  Holdings& holdings(SubscriberId who);
  const Holdings* find(std::uint32_t sub) const { return sub < holdings_.size() ? &holdings_[sub] : nullptr; }
  // Binds a party's item mask to `plan` (the first item sets it); false when
  // the party already holds items of another plan.
  static bool same_plan(PlanId& held, std::uint64_t mask, PlanId plan);
  PartyAnswer entitle(const Request& r);
  void revoke(const Request& r);

  const Catalog& catalog_;
  ServiceabilityDb& serviceability_;
  PartyOptions options_;
  Rng rng_;
  std::map<std::pair<int, std::uint16_t>, IdempotencyLedger> ledgers_;  // by (adapter, party)
  PagedArray<Holdings> holdings_;
  std::vector<BspList> bsps_;  // by provider id (BSPs only used)
  std::vector<std::size_t> places_;  // pick_entitled's draws, kept between batches
  std::size_t active_ports_ = 0;
};

}  // namespace provsim::sim
