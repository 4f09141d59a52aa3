#include "sim/world.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <stdexcept>

#include "sim/actors/account_system.hpp"
#include "sim/actors/arrivals.hpp"
#include "sim/actors/fault_injector.hpp"
#include "sim/actors/metrics.hpp"
#include "sim/actors/party_systems.hpp"
#include "sim/actors/provisioning_manager.hpp"
#include "sim/actors/qualification_service.hpp"
#include "sim/actors/rating.hpp"
#include "sim/actors/subscriber_lifecycle.hpp"
#include "sim/population.hpp"
#include "sim/results_builder.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

}  // namespace

World::World(const Scenario& s, const Platform& p, RatingBackend* rating_backend, AddressBackend* address_backend,
             ProvisioningBackend* provisioning_backend)
    : scenario(s),
      config(s.config),
      options(s.options),
      catalog(s.catalog),
      platform(p),
      serviceability(s.network.serviceability),
      tiers(s.network.tiers),
      qualification(s.catalog, serviceability, s.network.tiers, s.options.qualification.token_validity),
      workflow_rng(stream("workflow")),
      workflow(s.catalog, s.options.workflow, workflow_rng),
      rating(s.catalog, s.rating->book, s.options.rating),
      rating_port(rating_backend != nullptr ? rating_backend->make(rating, rated_log)
                                            : std::make_unique<ReferenceRating>(rating)),
      addresses(s.addresses, s.options.addresses.server, stream("addresses")),
      address_port(addresses, address_backend != nullptr ? address_backend->make(addresses) : nullptr),
      parties(s.catalog, serviceability, *rating_port, address_port,
              PartyOptions{s.options.parties.network_failure}, stream("parties")),
      faults(s.options.faults),
      rated_log(s.options.rated_events_limit),
      message_bytes_(s.options.message_bytes),
      end_time_(s.options.duration),
      line_busy_(s.network.serviceability.line_count(), 0),
      device_id_wrong_(s.network.serviceability.line_count(), 0) {
  // The port wraps the engine made above.
  provisioning_port = provisioning_backend != nullptr ? provisioning_backend->make(workflow)
                                                     : std::make_unique<ReferenceProvisioning>(workflow);
  rating.set_observer(rating_port->reference_observer(&rated_log));
  sessions = std::make_unique<SessionDriver>(*this);
  parties.before_binding_change = [this](SimTime now) { sessions->catch_up(now); };
  parties.on_binding = [this](SubscriberId who, bool bound, SimTime now) {
    if (bound)
      sessions->bound(who, now);
    else
      sessions->unbound(who);
  };
  if (options.audit.enabled) {
    const std::size_t limit = options.audit.limit;
    workflow.audit().set_sink([this, limit](const AuditRecord& r) {
      if (audit_rows.size() < limit)
        audit_rows.push_back(r);
      else
        ++audit_not_kept;
    });
  }
  lifecycle = std::make_unique<SubscriberLifecycle>(*this);
  if (options.durability) durability = std::make_unique<PlatformDurability>(*this);
  call_centres = make_call_centres(*this);
  parties.device_known = [this](LineId line) { return !device_id_wrong(line); };
  order_listeners.push_back([this](const OrderResult& r) { lifecycle->on_finished(r); });
}

World::~World() { rating.set_observer(nullptr); }

Mailbox<TaskCall> World::party_box(AdapterKind adapter, ProviderId party) const {
  switch (adapter) {
    case AdapterKind::kNetwork: return box<TaskCall>("np.devices");
    case AdapterKind::kAddress: return box<TaskCall>("platform.ip_address_server");
    case AdapterKind::kIsp: return box<TaskCall>("isp.services." + code(party));
    case AdapterKind::kBsp: return box<TaskCall>("bsp.entitlements." + code(party));
    case AdapterKind::kBilling: return box<TaskCall>("platform.billing");
  }
  throw std::logic_error("no mailbox for that adapter");
}

sg4::Host* World::party_host(AdapterKind adapter, ProviderId party) const {
  switch (adapter) {
    case AdapterKind::kNetwork: return platform.host_of(catalog.network_provider());
    case AdapterKind::kAddress:
    case AdapterKind::kBilling: return platform.platform_host;
    default: return platform.host_of(party);
  }
}

ChannelProcess& World::channel_process(Channel channel) {
  auto& process = channels_[channel];
  if (!process) process = make_channel(channel, *this);
  return *process;
}

CsrCallCentre& World::call_centre(const std::string& name) {
  for (auto& centre : call_centres)
    if (centre->name() == name) return *centre;
  throw std::logic_error("no call centre " + name);
}

ProspectRecord& World::new_prospect(Channel channel, LineId line, ProviderId isp) {
  ProspectRecord& p = prospects.emplace_back();
  p.index = prospects.size() - 1;
  p.channel = channel;
  p.line = line;
  p.isp = isp;
  p.arrived = sg4::Engine::get_clock();
  set_line_busy(line, true);
  set_device_id_wrong(line, false);
  return p;
}

namespace {

// Starts `count` workers of one system on `host`, all reading its mailbox.
// They hold no state of their own, so when an outage turns their host off
// (which kills them) they come back when it is turned on again.
template <typename Body>
void start_workers(const std::string& name, sg4::Host* host, std::int64_t count, Body body) {
  for (int i = 0; i < count; ++i)
    sg4::Actor::create(name + "-" + std::to_string(i), host, [body, i] { body(i); })->set_auto_restart(true);
}

// Starts `count` workers of a platform component. With durability, the
// platform host's crash kills them and its restart creates them again.
template <typename Body>
void start_platform_workers(World& w, const std::string& name, std::int64_t count, Body body) {
  if (!w.durability) return start_workers(name, w.platform.platform_host, count, body);
  for (int i = 0; i < count; ++i) w.durability->start_component(name + "-" + std::to_string(i), [body, i] { body(i); });
}

// One actor of a platform component (see start_platform_workers).
void start_platform_actor(World& w, const std::string& name, std::function<void()> body) {
  if (w.durability)
    w.durability->start_component(name, std::move(body));
  else
    sg4::Actor::create(name, w.platform.platform_host, std::move(body));
}

void start_actors(World& w) {
  const Catalog& c = w.catalog;
  sg4::Host* platform = w.platform.platform_host;
  sg4::Host* np = w.platform.host_of(c.network_provider());
  const std::int64_t party_workers = w.options.capacity.party;

  sg4::Actor::create("metrics", platform, [&w] { metrics_actor(w); });
  sg4::Actor::create("arrivals", platform, [&w] { arrivals_actor(w); });
  start_platform_workers(w, "qualification", w.options.capacity.qualification,
                         [&w](int i) { qualification_worker(w, i); });
  start_workers("np-serviceability", np, w.options.capacity.np,
                [&w](int i) { serviceability_worker(w, i); });
  start_platform_actor(w, "provisioning-manager", [&w] { provisioning_manager_actor(w); });
  start_platform_actor(w, "rating-engine", [&w] { rating_engine_actor(w); });
  sg4::Actor::create("billing-cycles", platform, [&w] { billing_cycle_actor(w); });
  sg4::Actor::create("ip-sessions", platform, [&w] { w.sessions->run(); });
  sg4::Actor::create("np-address-reserve", np, [&w] { reserve_worker(w); })->set_auto_restart(true);
  sg4::Actor::create("subscriber-lifecycle", platform, [&w] { w.lifecycle->run(); });
  if (!w.scenario.outages.empty()) sg4::Actor::create("fault-injector", platform, [&w] { fault_injector_actor(w); });

  const ProviderId none;
  start_workers("np-devices", np, party_workers,
                [&w, none](int i) { party_worker(w, AdapterKind::kNetwork, none, i); });
  start_platform_workers(w, "ip-address-server", party_workers,
                         [&w, none](int i) { party_worker(w, AdapterKind::kAddress, none, i); });
  start_platform_workers(w, "billing", party_workers,
                         [&w, none](int i) { party_worker(w, AdapterKind::kBilling, none, i); });
  for (ProviderId isp : c.providers_of(ProviderKind::kIsp)) {
    sg4::Host* host = w.platform.host_of(isp);
    start_workers("accounts-" + c.provider(isp).code, host, w.options.capacity.accounts,
                  [&w, isp](int i) { account_worker(w, isp, i); });
    start_workers("isp-services-" + c.provider(isp).code, host, party_workers,
                  [&w, isp](int i) { party_worker(w, AdapterKind::kIsp, isp, i); });
    sg4::Actor::create("isp-address-blocks-" + c.provider(isp).code, host, [&w, isp] { block_worker(w, isp); })
        ->set_auto_restart(true);
  }
  for (ProviderId bsp : c.providers_of(ProviderKind::kBsp)) {
    sg4::Host* host = w.platform.host_of(bsp);
    start_workers("bsp-entitlements-" + c.provider(bsp).code, host, party_workers,
                  [&w, bsp](int i) { party_worker(w, AdapterKind::kBsp, bsp, i); });
    sg4::Actor::create("bsp-feed-" + c.provider(bsp).code, host, [&w, bsp] { bsp_feed_actor(w, bsp); })
        ->set_auto_restart(true);
  }
  if (w.durability) w.durability->start();
}

void register_series(World& w) {
  w.series.push_back({"prospects.arrived", [&w] { return static_cast<double>(w.prospects.size()); }});
  w.series.push_back({"orders.in_flight", [&w] { return static_cast<double>(w.workflow.active_orders()); }});
  w.series.push_back({"orders.waiting_for_worker", [&w] { return static_cast<double>(w.orders_waiting); }});
  w.series.push_back({"orders.completed", [&w] { return static_cast<double>(w.workflow.counts().completed); }});
  w.series.push_back({"orders.failed", [&w] { return static_cast<double>(w.workflow.counts().failed); }});
  w.series.push_back({"orders.requests_in_flight",
                      [&w] { return static_cast<double>(w.workflow.requests_in_flight()); }});
  for (std::size_t k = 0; k < kAdapterKindCount; ++k) {
    const auto kind = static_cast<AdapterKind>(k);
    const std::string name = "adapters." + std::string(to_string(kind));
    w.series.push_back({name + ".in_flight", [&w, kind] { return static_cast<double>(w.workflow.adapter_stats(kind).in_flight); }});
    w.series.push_back({name + ".queued", [&w, kind] { return static_cast<double>(w.workflow.adapter_stats(kind).queued); }});
  }
  w.series.push_back({"orders.retries", [&w] { return static_cast<double>(w.workflow.counts().retries); }});
  w.series.push_back({"orders.timeouts", [&w] { return static_cast<double>(w.workflow.counts().timeouts); }});
  w.series.push_back({"network.active_ports", [&w] { return static_cast<double>(w.parties.active_ports()); }});
  w.series.push_back({"rating.rated", [&w] { return static_cast<double>(w.rating.counters().rated); }});
  for (std::size_t p = 0; p < w.addresses.pool_count(); ++p) {
    const AddressPool& pool = w.addresses.pool(PoolId(static_cast<PoolId::rep>(p)));
    const std::string name = "ip." + w.catalog.provider(pool.owner()).code + (pool.region().empty() ? "" : "." + pool.region());
    w.series.push_back({name + ".leased", [&pool] { return static_cast<double>(pool.stats().leased); }});
    w.series.push_back({name + ".capacity", [&pool] { return static_cast<double>(pool.stats().capacity); }});
    w.series.push_back({name + ".bound", [&pool] { return static_cast<double>(pool.stats().bound); }});
    w.series.push_back({name + ".blocked", [&pool] { return static_cast<double>(pool.stats().blocked); }});
  }
  w.series.push_back({"rating.suspended", [&w] { return static_cast<double>(w.rating.counters().suspended); }});
  w.series.push_back({"rating.backlog", [&w] { return static_cast<double>(w.rating_sim.backlog); }});
  if (w.durability)  // 1 while the platform's components are down (crashed or replaying)
    w.series.push_back({"platform.down", [&w] { return w.durability->down() ? 1.0 : 0.0; }});
  add_call_centre_series(w);
}

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

// A progress line on stderr, at most once a second of wall time.
class Progress {
 public:
  Progress(const World& w, bool enabled) : w_(w), enabled_(enabled), start_(std::chrono::steady_clock::now()) {}
  void tick(double simulated) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    const double wall = std::chrono::duration<double>(now - start_).count();
    if (wall < 2.0 || wall - last_ < 1.0) return;
    last_ = wall;
    const double share = simulated / w_.end_time();
    const double eta = share > 0 ? wall * (1 - share) / share : 0;
    std::fprintf(stderr, "\r  simulated %.2f d (%3.0f%%)  wall %.0f s  %.0f events/s  eta %.0f s   ",
                 simulated / 86400, share * 100, wall, static_cast<double>(w_.events) / wall, eta);
    printed_ = true;
  }
  ~Progress() {
    if (printed_) std::fprintf(stderr, "\n");
  }

 private:
  const World& w_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  double last_ = 0;
  bool printed_ = false;
};

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
  world.invoice_spool = std::make_shared<InvoiceSpool>(
      options.spool_dir.empty() ? std::filesystem::temp_directory_path() : options.spool_dir);
  if (with_population) preload_population(world);
  register_series(world);
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
  World world(scenario, platform, options.rating_backend, options.address_backend, options.provisioning_backend);
  world.invoice_spool = std::make_shared<InvoiceSpool>(
      options.spool_dir.empty() ? std::filesystem::temp_directory_path() : options.spool_dir);
  preload_population(world);
  register_series(world);
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
    sample_now(world);  // the final row, at the end of the run
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    results = build_results(world, options.version, wall);
    sg4::Actor::kill_all();
  });
  Progress progress(world, options.progress);
  sg4::Engine::on_time_advance_cb([&progress](double) { progress.tick(sg4::Engine::get_clock()); });
  engine.run();
  return results;
}

}  // namespace provsim::sim
