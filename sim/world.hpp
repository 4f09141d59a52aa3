#pragma once
// The simulated world of one run, and the two ways to use it: run a
// scenario to its end (run_simulation), or build everything a run builds
// and run nothing (dry_setup). One World per process, like SimGrid's Engine.
//
// The World is a thin composition. It holds the run's read-only context
// (the scenario, its typed options, the catalog, the hosts) and the
// mailboxes every system listens on, and it owns four parts, each in its
// own file, each saying what it owns and who may touch it:
//   platform()  the platform's components (sim/platform_components.hpp)
//   parties()   the parties' own systems (sim/parties.hpp)
//   channels()  the channels, prospects and line state (sim/channels.hpp)
//   records()   what the run records for its results (sim/records.hpp)
// and the fault state (sim/faults.hpp). Actors (sim/actors/) get the World
// and use the part that is theirs; the parts hold no references into each
// other and the World wires nothing between them: they talk only through
// messages (sim/messages.hpp).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <simgrid/s4u/Host.hpp>

#include "model/core/random.hpp"
#include "reports/results.hpp"
#include "sim/address_port.hpp"
#include "sim/channels.hpp"
#include "sim/faults.hpp"
#include "sim/messages.hpp"
#include "sim/parties.hpp"
#include "sim/platform.hpp"
#include "sim/platform_components.hpp"
#include "sim/provisioning_port.hpp"
#include "sim/rating_port.hpp"
#include "sim/records.hpp"
#include "sim/rpc.hpp"
#include "sim/scenario/scenario.hpp"

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
  // Threads the run may use: above 1, the in-process rating engine rates
  // on a second thread (sim/rating_pipeline.hpp). Outputs do not depend on it.
  unsigned threads = 1;
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

class World {
 public:
  World(const Scenario& scenario, const Platform& hosts, Backends backends = {});
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // --- the run's context, read-only ---------------------------------------
  const Scenario& scenario;
  const Config& config;
  const RunOptions& options;  // every setting the run uses, typed (sim/scenario/run_options.hpp)
  const Catalog& catalog;
  const AccessTierTable& tiers;
  const Platform& hosts;  // the SimGrid hosts and links (sim/platform.hpp)

  // A random stream per actor or generator, named so adding one never
  // changes the draws of another.
  Rng stream(const std::string& name) const { return Rng::stream(scenario.seed, name); }
  double message_bytes() const { return message_bytes_; }
  double end_time() const { return end_time_; }

  // --- the parts ----------------------------------------------------------
  PlatformComponents& platform() { return platform_; }
  const PlatformComponents& platform() const { return platform_; }
  Parties& parties() { return parties_; }
  const Parties& parties() const { return parties_; }
  Channels& channels() { return channels_; }
  const Channels& channels() const { return channels_; }
  Records& records() { return records_; }
  const Records& records() const { return records_; }
  Faults& faults() { return faults_; }  // random faults and outage state
  const Faults& faults() const { return faults_; }

  // --- mailboxes: each carries one message type (sim/messages.hpp) -------
  Mailbox<QualifyCall> qualification_box() const { return box<QualifyCall>("platform.qualification"); }
  Mailbox<LookupCall> serviceability_box() const { return box<LookupCall>("np.serviceability"); }
  Mailbox<AccountCall> accounts_box(ProviderId isp) const { return box<AccountCall>("isp.accounts." + code(isp)); }
  Mailbox<IntakeMessage> intake_box() const { return box<IntakeMessage>("platform.provisioning"); }
  Mailbox<BatchCall> rating_box() const { return box<BatchCall>("platform.rating"); }
  Mailbox<LoanCall> reserve_box() const { return box<LoanCall>("np.address_reserve"); }
  Mailbox<BlockCall> block_box(ProviderId isp) const { return box<BlockCall>("isp.address_blocks." + code(isp)); }
  // Where a provisioning request for `adapter` at `party` goes.
  Mailbox<TaskCall> party_box(AdapterKind adapter, ProviderId party) const;

 private:
  template <typename Message>
  static Mailbox<Message> box(const std::string& name) { return Mailbox<Message>::named(name); }
  const std::string& code(ProviderId id) const { return catalog.provider(id).code; }

  // Declared in the order they are built: the records first (the rating
  // engine reports to them), then the platform, the parties, the channels.
  Records records_;
  PlatformComponents platform_;
  Parties parties_;
  Channels channels_;
  Faults faults_;
  double message_bytes_;
  double end_time_;
};

}  // namespace provsim::sim
