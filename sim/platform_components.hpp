#pragma once
// The platform's components in one run: the provisioning manager's workflow
// engine and its port, the orders waiting for a provisioning worker, the
// qualification service, the rating engine and its port with its backlog,
// the IP address server and its port with the session driver that runs the
// subscribers' leases, the subscriber lifecycle (churn and changes, the
// platform's own orders), the platform's durability (journals, crash and
// restart), and the ids the platform hands out (subscribers, orders).
//
// Owned by the World (sim/world.hpp). The platform's actors (provisioning
// manager, qualification workers, rating engine and billing, address
// server, lifecycle, durability) use it; the parties reach it only through
// messages and the rating and address ports; the metrics series and the
// results builder read it. The model objects are the reference
// implementation; with a harness (sut/) each port reaches an external system
// as well.

#include <cstdint>
#include <memory>
#include <vector>

#include "model/address/address_server.hpp"
#include "model/core/random.hpp"
#include "model/provisioning/workflow_engine.hpp"
#include "model/qualification/qualification_service.hpp"
#include "model/rating/rating_engine.hpp"
#include "sim/address_port.hpp"
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

  // The qualification service asks the NP's serviceability database over
  // the network, then reads the line's record and its office's and node's
  // free capacity from `np` to decide (the NP's database is the one place
  // that holds them).
  void connect_serviceability(const ServiceabilityDb& np);
  // The components that work over the whole world, made once it is whole.
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

  QualificationService& qualification() { return *qualification_; }

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

  SubscriberLifecycle& lifecycle() { return *lifecycle_; }
  const SubscriberLifecycle& lifecycle() const { return *lifecycle_; }
  // Null unless durability.enabled.
  PlatformDurability* durability() const { return durability_.get(); }

  SubscriberId new_subscriber() { return SubscriberId(next_subscriber_++); }
  std::uint32_t subscribers_created() const { return next_subscriber_; }
  OrderId new_order() { return OrderId(next_order_++); }

 private:
  const Scenario& scenario_;
  Rng workflow_rng_;
  WorkflowEngine workflow_;
  std::unique_ptr<ProvisioningPort> provisioning_port_;
  ProvisioningQueue provisioning_queue_;
  std::unique_ptr<QualificationService> qualification_;
  RatingEngine rating_;
  std::unique_ptr<RatingPort> rating_port_;
  RatingBacklog rating_backlog_;
  AddressServer addresses_;
  AddressPort address_port_;
  std::unique_ptr<SessionDriver> sessions_;
  std::unique_ptr<SubscriberLifecycle> lifecycle_;
  std::unique_ptr<PlatformDurability> durability_;
  std::uint32_t next_subscriber_ = 0;
  std::uint32_t next_order_ = 0;
};

}  // namespace provsim::sim
