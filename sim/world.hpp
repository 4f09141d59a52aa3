#pragma once
// The simulated world of one run: the scenario, the SimGrid platform, the
// model components each system wraps, the mailboxes they listen on, and the
// records the run produces. Actors (sim/actors/) receive a World& and do
// their work through it. One World per process, like SimGrid's Engine.

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <simgrid/s4u/Mailbox.hpp>

#include "model/address/address_server.hpp"
#include "model/core/random.hpp"
#include "model/provisioning/workflow_engine.hpp"
#include "model/qualification/qualification_service.hpp"
#include "model/rating/rating_engine.hpp"
#include "reports/results.hpp"
#include "sim/actors/ip_address_server.hpp"
#include "sim/channel.hpp"
#include "sim/party_state.hpp"
#include "sim/platform.hpp"
#include "sim/prospect.hpp"
#include "sim/scenario/scenario.hpp"

namespace provsim::sim {

struct SimOptions {
  std::vector<std::string> simgrid_args;  // --cfg=... / --log=..., after provsim's defaults
  bool progress = false;                  // a progress line on stderr
  std::string version;
};

// Runs the scenario to its end and returns what it measured.
reports::Results run_simulation(const Scenario& scenario, const SimOptions& options);

// Watches the rating engine: keeps the first rated events for
// rated_events.csv (up to a limit the scenario sets) and adds up revenue per
// party and suspense per reason over all of them.
class RatedEventLog : public RatingObserver {
 public:
  struct Row {
    std::uint64_t event;
    std::uint16_t bsp;
    std::uint32_t user;
    std::uint16_t offering;
    std::uint16_t plan;
    double time;
    std::int64_t quantity_millis;
    Money charge;
    bool late;
    bool from_suspense;
  };
  explicit RatedEventLog(std::size_t limit) : limit_(limit) {}
  void on_rated(const RatedEvent& rated) override;
  void on_suspended(const RatingEvent& event, SuspenseReason reason) override;

  std::vector<Row> rows;
  std::uint64_t rated = 0;
  std::uint64_t not_kept = 0;  // rated beyond the limit
  std::map<std::uint16_t, Money> revenue;  // by party
  std::vector<std::pair<RatingEvent, SuspenseReason>> suspended;

 private:
  std::size_t limit_;
};

// A time series sampled into metrics.csv: a column name and how to read it.
struct Series {
  std::string name;
  std::function<double()> read;
};

class World {
 public:
  World(const Scenario& scenario, const Platform& platform);
  ~World();

  const Scenario& scenario;
  const Config& config;
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
  WorkflowEngine workflow;
  RatingEngine rating;
  AddressServer addresses;
  PartyState parties;  // what each party's own system holds
  std::unique_ptr<SessionDriver> sessions;  // subscribers' on/off life at the IP address server

  // --- mailboxes --------------------------------------------------------
  simgrid::s4u::Mailbox* qualification_box() const { return box("platform.qualification"); }
  simgrid::s4u::Mailbox* serviceability_box() const { return box("np.serviceability"); }
  simgrid::s4u::Mailbox* accounts_box(ProviderId isp) const { return box("isp.accounts." + code(isp)); }
  simgrid::s4u::Mailbox* intake_box() const { return box("platform.provisioning"); }
  simgrid::s4u::Mailbox* rating_box() const { return box("platform.rating"); }
  simgrid::s4u::Mailbox* reserve_box() const { return box("np.address_reserve"); }
  simgrid::s4u::Mailbox* block_box(ProviderId isp) const { return box("isp.address_blocks." + code(isp)); }
  // Where a provisioning request for `adapter` at `party` goes.
  simgrid::s4u::Mailbox* party_box(AdapterKind adapter, ProviderId party) const;
  simgrid::s4u::Host* party_host(AdapterKind adapter, ProviderId party) const;

  // --- channels ---------------------------------------------------------
  ChannelProcess& channel_process(Channel channel);

  // --- records ----------------------------------------------------------
  std::deque<ProspectRecord> prospects;
  std::vector<OrderResult> finished_orders;
  std::vector<CycleStatement> statements;   // one per closed billing cycle
  RatedEventLog rated_log;
  std::vector<Series> series;
  std::vector<std::vector<double>> samples;  // one row per metrics interval
  std::uint64_t events = 0;                  // simulated events handled
  std::uint64_t arrivals_on_served_lines = 0;
  std::uint64_t orders_waiting = 0;      // accepted orders waiting for a provisioning worker
  std::uint64_t orders_queued_peak = 0;

  ProspectRecord& new_prospect(Channel channel, LineId line, ProviderId isp);
  // A line is busy from a prospect's arrival until it is disconnected or the
  // prospect ends without service.
  bool line_in_service(LineId line) const { return line_busy_[line.value()] != 0; }
  void set_line_busy(LineId line, bool busy) { line_busy_[line.value()] = busy ? 1 : 0; }

  SubscriberId new_subscriber() { return SubscriberId(next_subscriber_++); }
  std::uint32_t subscribers_created() const { return next_subscriber_; }
  OrderId new_order() { return OrderId(next_order_++); }

 private:
  static simgrid::s4u::Mailbox* box(const std::string& name) { return simgrid::s4u::Mailbox::by_name(name); }
  const std::string& code(ProviderId id) const { return catalog.provider(id).code; }

  double message_bytes_;
  double end_time_;
  std::vector<std::uint8_t> line_busy_;
  std::map<Channel, std::unique_ptr<ChannelProcess>> channels_;
  std::uint32_t next_subscriber_ = 0;
  std::uint32_t next_order_ = 0;
};

}  // namespace provsim::sim
