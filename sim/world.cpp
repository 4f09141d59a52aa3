#include "sim/world.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include <chrono>
#include <memory>
#include <stdexcept>

#include "sim/actor_start.hpp"
#include "sim/actors/ip_address_server.hpp"
#include "sim/actors/metrics.hpp"
#include "sim/actors/subscriber_lifecycle.hpp"
#include "sim/call_centre.hpp"
#include "sim/channel.hpp"
#include "sim/durability/platform_durability.hpp"
#include "sim/metric_series.hpp"
#include "sim/population.hpp"
#include "sim/progress_line.hpp"
#include "sim/results_builder.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

}  // namespace

World::World(const Scenario& s, const Platform& p, Backends backends)
    : RunContext(s, p),
      records_(s.options),
      platform_(s, records_.rated_log(), backends),
      parties_(s, stream("parties")),
      channels_(s.network.serviceability.line_count(), [this](Channel c) { return make_channel(c, *this, channels_); }),
      faults_(s.options.faults) {
  if (options.audit.enabled) platform_.workflow().audit().set_sink([this](const AuditRecord& r) { records_.audit(r); });
  auto sessions = std::make_unique<SessionDriver>(context(), platform_, records_);
  // The lifecycle reads the line plant as loaded (what a line can carry),
  // never the NP's live database.
  auto lifecycle =
      std::make_unique<SubscriberLifecycle>(context(), platform_, s.network.serviceability, channels_, records_);
  platform_.attach(std::move(sessions), std::move(lifecycle));
  if (options.durability)
    platform_.attach_durability(std::make_unique<PlatformDurability>(context(), platform_, faults_));
  channels_.set_call_centres(make_call_centres(context()));
}

World::~World() = default;

namespace {

// SimGrid's configuration for provsim; the user's --cfg/--log come after
// and win. CM02 applies no latency or bandwidth correction factors, so a
// link's latency in hosts.csv is the latency a message sees.
std::vector<std::string> engine_args(const SimOptions& options) {
  std::vector<std::string> args = {"provsim", "--cfg=network/model:CM02", "--log=root.thres:critical",
                                   "--log=xbt_cfg.thres:critical"};
#ifdef PROVSIM_SANITIZE
  // AddressSanitizer follows swapcontext (it clears the shadow of the stack
  // it switches to), so the ucontext factory is clean under it. Each switch
  // clears the whole stack's shadow: small stacks keep that cheap, and ASan's
  // larger frames still fit in 256 KiB.
  args.push_back("--cfg=contexts/factory:ucontext");
  args.push_back("--cfg=contexts/stack-size:256");
#else
  args.push_back("--cfg=contexts/stack-size:64");
#endif
  args.insert(args.end(), options.simgrid_args.begin(), options.simgrid_args.end());
  return args;
}

}  // namespace

std::vector<std::string> dry_setup(const Scenario& scenario, const SimOptions& options,
                                   const std::function<void(const char*)>& stage, bool with_population) {
  stage("simgrid");
  std::vector<std::string> args = engine_args(options);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  sg4::Engine engine(&argc, argv.data());
  const Platform platform = build_platform(scenario.platform);
  stage("model");
  World world(scenario, platform);
  world.records().set_invoice_spool(std::make_shared<InvoiceSpool>(
      options.spool_dir.empty() ? std::filesystem::temp_directory_path() : options.spool_dir));
  if (with_population) preload_population(world);
  register_metric_series(world);
  start_actors(world);
  std::vector<std::string> names;
  const reports::Results at_start = build_results(world, options.version, 0);
  for (const auto& metric : at_start.metrics) names.push_back(metric.first);
  for (auto& family : metric_families(world)) names.push_back(std::move(family));
  return names;
}

reports::Results run_simulation(const Scenario& scenario, const SimOptions& options) {
  const auto wall_start = std::chrono::steady_clock::now();
  std::vector<std::string> args = engine_args(options);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  sg4::Engine engine(&argc, argv.data());

  const Platform platform = build_platform(scenario.platform);
  World world(scenario, platform,
              Backends{options.rating_backend, options.address_backend, options.provisioning_backend, options.threads});
  world.records().set_invoice_spool(std::make_shared<InvoiceSpool>(
      options.spool_dir.empty() ? std::filesystem::temp_directory_path() : options.spool_dir));
  preload_population(world);
  register_metric_series(world);
  start_actors(world);

  // The run ends inside the simulation: at the end time one last actor takes
  // the final sample, builds the results, and kills every actor. Killing them
  // from inside is what SimGrid supports with every context factory (the
  // thread factory of the sanitizer build hangs when actors are killed from
  // outside); the actors hold references into the world, so they must go
  // before it does.
  reports::Results results;
  sg4::Actor::create("end-of-run", platform.platform_host, [&] {
    sg4::this_actor::sleep_until(world.end_time());
    sg4::this_actor::yield();  // let what is due at the end time (a cycle close) happen first
    sample_now(world.platform(), world.channels(), world.records());  // the final row, at the end of the run
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    results = build_results(world, options.version, wall);
    sg4::Actor::kill_all();
  });
  ProgressLine progress(world.end_time(), world.records().events(), options.progress);
  sg4::Engine::on_time_advance_cb([&progress](double) { progress.tick(sg4::Engine::get_clock()); });
  engine.run();
  return results;
}

}  // namespace provsim::sim
