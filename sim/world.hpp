#pragma once
// The simulated world of one run, and the two ways to use it: run a
// scenario to its end (run_simulation), or build everything a run builds
// and run nothing (dry_setup). One World per process, like SimGrid's Engine.
//
// The World is a thin composition. It is the run's read-only context
// (sim/run_context.hpp: the scenario, its typed options, the catalog, the
// hosts, the mailboxes every system listens on), and it owns four parts,
// each in its own file, each saying what it owns and who may touch it:
//   platform()  the platform's components (sim/platform_components.hpp)
//   parties()   the parties' own systems (sim/parties.hpp)
//   channels()  the channels, prospects and line state (sim/channels.hpp)
//   records()   what the run records for its results (sim/records.hpp)
// and the fault state (sim/faults.hpp). Actors (sim/actors/) are classes
// whose constructor takes the context, the parts they change and their own
// options (sim/actor_start.cpp hands them out). The parts hold no references
// into each other and the World wires nothing between them: they talk only
// through messages (sim/messages.hpp) and the components' ports.

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
#include "sim/run_context.hpp"
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

class World : public RunContext {
 public:
  World(const Scenario& scenario, const Platform& hosts, Backends backends = {});
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // The run's read-only context (sim/run_context.hpp): scenario, options,
  // catalog, tiers, hosts, streams and mailboxes.
  const RunContext& context() const { return *this; }

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

 private:
  // Declared in the order they are built: the records first (the rating
  // engine reports to them), then the platform, the parties, the channels.
  Records records_;
  PlatformComponents platform_;
  Parties parties_;
  Channels channels_;
  Faults faults_;
};

}  // namespace provsim::sim
