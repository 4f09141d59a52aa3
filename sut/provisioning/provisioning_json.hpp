#pragma once
// The provisioning manager's wire format
// (docs/harness-provisioning.openapi.json), shaped like TM Forum's Service
// Ordering API: an order is a serviceOrder with a category (new, change,
// disconnect), its related parties (the customer, the ISP) and its
// serviceOrderItems, each an action (add, modify, delete) on a service
// named by its specification (the scenario's offering codes). Every answer
// lists the order state changes the call caused (inProgress, then
// completed, failed or cancelled) and the requests the manager sends the
// parties' systems (its task plan), each under the manager's own id.
//
// Decoding checks what it reads and throws ProtocolError naming the field.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/catalog/catalog.hpp"
#include "model/provisioning/workflow_engine.hpp"
#include "sut/http/catalog_fields.hpp"
#include "sut/http/json_fields.hpp"

namespace provsim::sut {

// An order's state as the wire has it: "acknowledged", "inProgress",
// "completed", "failed", "cancelled".
struct OrderStateChange {
  std::uint32_t order = 0;
  std::string state;
  std::string reason;  // why it failed (free text: not compared)
};

// One request to a party, as the wire has it.
struct WireRequest {
  std::uint64_t id = 0;  // the manager's own
  Request request;       // its id field is not used; its key only in a party call
};

class ProvisioningJson {
 public:
  explicit ProvisioningJson(const Catalog& catalog) : catalog_(catalog) {}

  Json order(const Order& order, SimTime now) const;
  Order order(const Json& request) const;

  Json inventory(SimTime now, const std::vector<AppliedAction>& items) const;
  std::vector<AppliedAction> inventory(const Json& request) const;

  Json task_answer(std::uint64_t request, Outcome outcome, SimTime now, std::string_view detail) const;
  Outcome outcome(const Json& request) const;

  // What a call caused: the state changes (an order `started` in this
  // call that is still running is inProgress) and the requests.
  Json effects(const Effects& effects, std::optional<OrderId> started) const;
  std::vector<OrderStateChange> state_changes(const Json& answer) const;
  std::vector<WireRequest> requests(const Json& answer) const;

  // A party call in drive mode: a `requests` item and its idempotency key.
  Json party_call(const Request& r) const;
  WireRequest wire_request(const Json& j) const;
  // The {party} part of a party call's path: the provider's code, or
  // "platform" for the platform's own billing.
  std::string party_path(const Request& r) const;
  static std::string_view adapter_name(AdapterKind adapter);

  // What is compared of a request: everything the party sees but the ids
  // and the deadline.
  std::string signature(const Request& r) const;

  const Catalog& catalog() const { return catalog_; }

 private:
  Json request_json(const Request& r) const;
  std::string code(ProviderId id) const;
  std::string code(OfferingId id) const;
  ProviderId provider(const Json& j, const char* name) const;
  OfferingId offering(const Json& j, const char* name) const;
  PlanId plan(const Json& j, const char* name) const;

  const Catalog& catalog_;
};

std::string_view state_name(OrderState state);

}  // namespace provsim::sut
