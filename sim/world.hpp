#pragma once
// The simulated world of one run: the scenario, the SimGrid platform, the
// model components each system wraps, the mailboxes they listen on, and the
// records the run produces. Actors (sim/actors/) receive a World& and do
// their work through it. One World per process, like SimGrid's Engine.

#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <simgrid/s4u/Host.hpp>

#include "model/address/address_server.hpp"
#include "model/core/random.hpp"
#include "model/provisioning/workflow_engine.hpp"
#include "model/qualification/qualification_service.hpp"
#include "model/rating/rating_engine.hpp"
#include "reports/results.hpp"
#include "sim/actors/account_system.hpp"
#include "sim/actors/ip_address_server.hpp"
#include "sim/actors/party_systems.hpp"
#include "sim/actors/provisioning_manager.hpp"
#include "sim/actors/qualification_service.hpp"
#include "sim/actors/rating.hpp"
#include "sim/address_port.hpp"
#include "sim/call_centre.hpp"
#include "sim/channel.hpp"
#include "sim/durability/platform_durability.hpp"
#include "sim/faults.hpp"
#include "sim/invoice_spool.hpp"
#include "sim/party_state.hpp"
#include "sim/platform.hpp"
#include "sim/pool_event_log.hpp"
#include "sim/prospect.hpp"
#include "sim/provisioning_port.hpp"
#include "sim/rated_event_log.hpp"
#include "sim/rating_port.hpp"
#include "sim/rpc.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/series.hpp"
#include "sim/step_area.hpp"

namespace provsim::sim {

struct SimOptions {
  std::vector<std::string> simgrid_args;  // --cfg=... / --log=..., after provsim's defaults
  bool progress = false;                  // a progress line on stderr
  std::string version;
  // Where invoice lines wait on disk until the results are written (an
  // unnamed file; empty: the system's temporary folder). run_one puts it
  // beside the results folder.
  std::filesystem::path spool_dir;
  // How the simulation reaches the rating engine; nullptr: the in-process
  // reference. Not owned; must outlive the run.
  RatingBackend* rating_backend = nullptr;
  // How it reaches the IP address server; nullptr: the in-process reference.
  AddressBackend* address_backend = nullptr;
  // How the provisioning manager reaches its workflow engine; nullptr: the
  // in-process reference.
  ProvisioningBackend* provisioning_backend = nullptr;
};

// Runs the scenario to its end and returns what it measured.
reports::Results run_simulation(const Scenario& scenario, const SimOptions& options);

// Builds everything run_simulation builds (SimGrid's engine with the user's
// options, the platform, the model components, the initial population, the
// actors) and runs nothing. `stage` is told "simgrid" before the engine and
// platform are made and "model" after. The initial population is loaded
// only `with_population` (it can take long for a large one). Returns the
// summary metric names the run will have (those present at time zero, then
// metric_families).
std::vector<std::string> dry_setup(const Scenario& scenario, const SimOptions& options,
                                   const std::function<void(const char*)>& stage, bool with_population);

class SubscriberLifecycle;

class World {
 public:
  World(const Scenario& scenario, const Platform& platform, RatingBackend* rating_backend = nullptr,
        AddressBackend* address_backend = nullptr, ProvisioningBackend* provisioning_backend = nullptr);
  ~World();

  const Scenario& scenario;
  const Config& config;
  const RunOptions& options;  // every setting the run uses, typed (sim/scenario/run_options.hpp)
  const Catalog& catalog;
  const Platform& platform;

  // A random stream per actor or generator, named so adding one never
  // changes the draws of another.
  Rng stream(const std::string& name) const { return Rng::stream(scenario.seed, name); }
  double message_bytes() const { return message_bytes_; }
  double end_time() const { return end_time_; }

  // --- model components (the reference implementation) ------------------
  ServiceabilityDb serviceability;  // the NP's database; ports are taken and freed
  const AccessTierTable& tiers;
  QualificationService qualification;
  Rng workflow_rng;
  WorkflowEngine workflow;  // the reference; the manager reaches it through provisioning_port
  std::unique_ptr<ProvisioningPort> provisioning_port;
  RatingEngine rating;  // the reference; the simulation reaches rating through rating_port
  std::unique_ptr<RatingPort> rating_port;
  AddressServer addresses;  // the reference; the simulation reaches it through address_port
  AddressPort address_port;
  PartyState parties;  // what each party's own system holds
  std::unique_ptr<SessionDriver> sessions;  // subscribers' on/off life at the IP address server
  RatingSimState rating_sim;                // BSP feeds' state, rating backlog (sim/actors/rating.hpp)
  std::unique_ptr<SubscriberLifecycle> lifecycle;  // churn and order changes
  Faults faults;                                   // random faults and outage state
  ProvisioningQueue provisioning_queue;            // orders waiting for a provisioning worker, confirmations
  // The platform's journals and its crash and restart; null unless
  // durability.enabled (sim/durability/platform_durability.hpp).
  std::unique_ptr<PlatformDurability> durability;

  // --- mailboxes: each carries one message type (sim/rpc.hpp) ----------
  Mailbox<QualifyCall> qualification_box() const { return box<QualifyCall>("platform.qualification"); }
  Mailbox<LookupCall> serviceability_box() const { return box<LookupCall>("np.serviceability"); }
  Mailbox<AccountCall> accounts_box(ProviderId isp) const { return box<AccountCall>("isp.accounts." + code(isp)); }
  Mailbox<IntakeMessage> intake_box() const { return box<IntakeMessage>("platform.provisioning"); }
  Mailbox<BatchCall> rating_box() const { return box<BatchCall>("platform.rating"); }
  Mailbox<LoanCall> reserve_box() const { return box<LoanCall>("np.address_reserve"); }
  Mailbox<BlockCall> block_box(ProviderId isp) const { return box<BlockCall>("isp.address_blocks." + code(isp)); }
  // Where a provisioning request for `adapter` at `party` goes.
  Mailbox<TaskCall> party_box(AdapterKind adapter, ProviderId party) const;
  simgrid::s4u::Host* party_host(AdapterKind adapter, ProviderId party) const;

  // --- channels ---------------------------------------------------------
  ChannelProcess& channel_process(Channel channel);
  // The CSR call centres (sim/call_centre.hpp), by name: "isp_csr.<isp>", "np_csr".
  std::vector<std::unique_ptr<CsrCallCentre>> call_centres;
  CsrCallCentre& call_centre(const std::string& name);
  // The device id registered for a line was typed wrong (client software
  // that could not read it): the NP will not know the device. Reset when a
  // new prospect arrives on the line.
  bool device_id_wrong(LineId line) const { return device_id_wrong_[line.value()] != 0; }
  void set_device_id_wrong(LineId line, bool wrong) { device_id_wrong_[line.value()] = wrong ? 1 : 0; }

  // --- records ----------------------------------------------------------
  std::deque<ProspectRecord> prospects;
  std::vector<OrderResult> finished_orders;
  std::vector<CycleStatement> statements;   // one per closed billing cycle, its invoices in the spool
  std::shared_ptr<InvoiceSpool> invoice_spool;
  RatedEventLog rated_log;
  std::vector<Series> series;
  std::vector<std::vector<double>> samples;  // one row per metrics interval
  PoolEventLog pool_events;                  // pool_events.csv, taken with each sample
  std::uint64_t events = 0;                  // simulated events handled
  std::uint64_t arrivals_on_served_lines = 0;
  std::uint64_t orders_waiting = 0;      // accepted orders waiting for a provisioning worker
  std::uint64_t orders_queued_peak = 0;
  std::uint64_t internal_orders = 0;     // submitted by platform-internal processes (churn, changes)
  StepArea orders_in_system;             // orders the workflow engine holds, over time (Little's law)
  // Told of every order that reached its terminal state, before it is recorded.
  std::vector<std::function<void(const OrderResult&)>> order_listeners;
  // The audit log (audit.enabled): the first audit.limit transitions.
  std::vector<AuditRecord> audit_rows;
  std::uint64_t audit_not_kept = 0;
  // Each BSP feed's next event id, kept here so a feed restarted after an
  // outage of its host never reuses one.
  std::map<std::uint16_t, std::uint64_t> feed_next_event;

  ProspectRecord& new_prospect(Channel channel, LineId line, ProviderId isp);
  // A line is busy from a prospect's arrival until it is disconnected or the
  // prospect ends without service.
  bool line_in_service(LineId line) const { return line_busy_[line.value()] != 0; }
  void set_line_busy(LineId line, bool busy) { line_busy_[line.value()] = busy ? 1 : 0; }

  SubscriberId new_subscriber() { return SubscriberId(next_subscriber_++); }
  std::uint32_t subscribers_created() const { return next_subscriber_; }
  OrderId new_order() { return OrderId(next_order_++); }

 private:
  template <typename Message>
  static Mailbox<Message> box(const std::string& name) { return Mailbox<Message>::named(name); }
  const std::string& code(ProviderId id) const { return catalog.provider(id).code; }

  double message_bytes_;
  double end_time_;
  std::vector<std::uint8_t> line_busy_;
  std::vector<std::uint8_t> device_id_wrong_;
  std::map<Channel, std::unique_ptr<ChannelProcess>> channels_;
  std::uint32_t next_subscriber_ = 0;
  std::uint32_t next_order_ = 0;
};

}  // namespace provsim::sim
