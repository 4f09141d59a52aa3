#pragma once
// The platform's billing: carries out the provisioning manager's billing
// requests (AdapterKind::kBilling: open and close an account, add, remove or
// change an item) on the rating engine through its port, each once (an
// idempotency ledger answers a retried request as before), and keeps what
// each account bills, so the end-of-run check (sim/reconcile.hpp) can
// compare it with the platform's store.
//
// A platform component, owned by PlatformComponents
// (sim/platform_components.hpp); the party systems' workers
// (sim/actors/party_systems.cpp) serve its mailbox like any system the
// manager sends requests to.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "model/catalog/catalog.hpp"
#include "model/core/paged_array.hpp"
#include "model/provisioning/idempotency_ledger.hpp"
#include "model/provisioning/provisioned_state.hpp"
#include "model/provisioning/request.hpp"
#include "sim/messages.hpp"
#include "sim/party_answer.hpp"
#include "sim/rating_port.hpp"

namespace provsim::sim {

class BillingDesk {
 public:
  BillingDesk(const Catalog& catalog, RatingPort& rating) : catalog_(catalog), rating_(rating) {}
  BillingDesk(const BillingDesk&) = delete;
  BillingDesk& operator=(const BillingDesk&) = delete;

  // Carries out one billing request (idempotently). An open request carries
  // the items the account opens with (TaskRequest::items).
  PartyAnswer handle(const TaskRequest& task, SimTime now);
  // Opens the account of a subscriber who had one before the run began
  // (bulk-loaded population) with `items`: no ledger entry.
  PartyAnswer preload(const Request& request, SimTime now, std::span<const OfferingId> items);

  // Adds a line to `problems` for each way the account of `sub` and the
  // platform's store (`s`, null: nothing stored) disagree.
  void check(std::uint32_t sub, const SubscriberState* s, std::vector<std::string>& problems) const;

 private:
  struct Account {       // 16 bytes, dense by subscriber id
    std::uint64_t billed = 0;  // the items on the account, over the places of `plan`
    PlanId plan;               // valid: the account is open
  };

  PartyAnswer apply(const Request& r, SimTime now, std::span<const OfferingId> items);
  Account& account(SubscriberId who);
  void add_item(SubscriberId who, OfferingId offering, SimTime now);
  void remove_item(SubscriberId who, OfferingId offering, SimTime now);
  void change_item(SubscriptionAction action, SubscriberId who, OfferingId offering, SimTime now);

  const Catalog& catalog_;
  RatingPort& rating_;  // the rating engine, reached through its component boundary
  IdempotencyLedger ledger_;
  PagedArray<Account> accounts_;
};

}  // namespace provsim::sim
