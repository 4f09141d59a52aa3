#pragma once
// The platform's components in one run: the provisioning manager's workflow
// engine and its port, the orders waiting for a provisioning worker, the
// qualification service, the rating engine and its port with its backlog,
// the billing accounts (sim/billing_desk.hpp), the IP address server and its
// port with its binding desk (sim/binding_desk.hpp) and the session driver
// that runs the subscribers' leases, the subscriber lifecycle (churn and
// changes, the platform's own orders), the platform's durability (journals,
// crash and restart), and the ids the platform hands out (subscribers,
// orders). It wires its own pieces: the binding desk tells the session
// driver of each binding.
//
// Owned by the World (sim/world.hpp). The platform's actors (provisioning
// manager, qualification workers, rating engine and billing, address
// server, lifecycle, durability) and the request workers that serve the
// binding desk and billing (sim/actors/party_systems.cpp) use it; it holds
// no reference into the parties or the channels, and they reach it only
// through messages; the metrics series and the results builder read it.
// The model objects are the reference implementation; with a harness (sut/)
// each port reaches an external system as well.

#include <cstdint>
#include <memory>
#include <vector>

#include "model/address/address_server.hpp"
#include "model/core/random.hpp"
#include "model/provisioning/workflow_engine.hpp"
#include "model/qualification/qualification_service.hpp"
#include "model/rating/rating_engine.hpp"
#include "sim/address_port.hpp"
#include "sim/billing_desk.hpp"
#include "sim/binding_desk.hpp"
#include "sim/provisioning_port.hpp"
#include "sim/provisioning_queue.hpp"
#include "sim/rated_event_log.hpp"
#include "sim/rating_port.hpp"
#include "sim/scenario/scenario.hpp"

namespace provsim::sim {

class PlatformDurability;
class SessionDriver;
class SubscriberLifecycle;

// Events the rating engine received and has not rated yet.
struct RatingBacklog {
  std::uint64_t count = 0;
  std::uint64_t peak = 0;
};

// How the platform's components reach their engines; null: the in-process
// reference (see run_simulation's SimOptions).
struct Backends {
  RatingBackend* rating = nullptr;
  AddressBackend* address = nullptr;
  ProvisioningBackend* provisioning = nullptr;
  // Threads the run may use: above 1, the in-process rating engine rates on
  // a second thread (sim/rating_pipeline.hpp). Outputs do not depend on it.
  unsigned threads = 1;
};

class PlatformComponents {
 public:
  // The rating engine tells `rated_log` what it rated.
  PlatformComponents(const Scenario& scenario, RatedEventLog& rated_log, Backends backends);
  ~PlatformComponents();
  PlatformComponents(const PlatformComponents&) = delete;
  PlatformComponents& operator=(const PlatformComponents&) = delete;

  // The components that work over the whole world, made once it is whole.
  // The binding desk tells the session driver of every binding it makes or ends.
  void attach(std::unique_ptr<SessionDriver> sessions, std::unique_ptr<SubscriberLifecycle> lifecycle);
  // With durability.enabled only.
  void attach_durability(std::unique_ptr<PlatformDurability> durability);

  // The reference workflow engine; the manager reaches it through provisioning().
  WorkflowEngine& workflow() { return workflow_; }
  const WorkflowEngine& workflow() const { return workflow_; }
  ProvisioningPort& provisioning() { return *provisioning_port_; }
  // The provisioning manager's own state besides the engine.
  ProvisioningQueue& provisioning_queue() { return provisioning_queue_; }
  // What the platform's store holds for `who` that a billing account opens
  // with: the access tier, the ISP services, the BSP entitlements.
  std::vector<OfferingId> billed_items(SubscriberId who) const;

  // Decides from the facts the NP's serviceability database answers with
  // (the qualification workers ask it over the network).
  QualificationService& qualification() { return qualification_; }

  // The reference rating engine; the simulation reaches it through rating_port().
  RatingEngine& rating() { return rating_; }
  const RatingEngine& rating() const { return rating_; }
  RatingPort& rating_port() { return *rating_port_; }
  RatingBacklog& rating_backlog() { return rating_backlog_; }
  const RatingBacklog& rating_backlog() const { return rating_backlog_; }

  // The reference address server; the simulation reaches it through address_port().
  AddressServer& addresses() { return addresses_; }
  const AddressServer& addresses() const { return addresses_; }
  AddressPort& address_port() { return address_port_; }
  SessionDriver& sessions() { return *sessions_; }
  const SessionDriver& sessions() const { return *sessions_; }
  // The address server's bind and release requests (AdapterKind::kAddress).
  BindingDesk& bindings() { return bindings_; }
  const BindingDesk& bindings() const { return bindings_; }

  // The billing accounts on the rating engine (AdapterKind::kBilling).
  BillingDesk& billing() { return billing_; }
  const BillingDesk& billing() const { return billing_; }

  SubscriberLifecycle& lifecycle() { return *lifecycle_; }
  const SubscriberLifecycle& lifecycle() const { return *lifecycle_; }
  // Null unless durability.enabled.
  PlatformDurability* durability() const { return durability_.get(); }

  SubscriberId new_subscriber() { return SubscriberId(next_subscriber_++); }
  std::uint32_t subscribers_created() const { return next_subscriber_; }
  OrderId new_order() { return OrderId(next_order_++); }

 private:
  Rng workflow_rng_;
  WorkflowEngine workflow_;
  std::unique_ptr<ProvisioningPort> provisioning_port_;
  ProvisioningQueue provisioning_queue_;
  QualificationService qualification_;
  RatingEngine rating_;
  std::unique_ptr<RatingPort> rating_port_;
  RatingBacklog rating_backlog_;
  AddressServer addresses_;
  AddressPort address_port_;
  BindingDesk bindings_;
  BillingDesk billing_;
  std::unique_ptr<SessionDriver> sessions_;
  std::unique_ptr<SubscriberLifecycle> lifecycle_;
  std::unique_ptr<PlatformDurability> durability_;
  std::uint32_t next_subscriber_ = 0;
  std::uint32_t next_order_ = 0;
};

}  // namespace provsim::sim
