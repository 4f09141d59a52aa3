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
#include "sim/actors/ip_address_server.hpp"
#include "sim/actors/metrics.hpp"
#include "sim/actors/party_systems.hpp"
#include "sim/actors/provisioning_manager.hpp"
#include "sim/actors/qualification_service.hpp"
#include "sim/actors/rating.hpp"
#include "sim/actors/subscriber_lifecycle.hpp"
#include "sim/call_centre.hpp"
#include "sim/channel.hpp"
#include "sim/durability/platform_durability.hpp"
#include "sim/population.hpp"
#include "sim/results_builder.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

}  // namespace

World::World(const Scenario& s, const Platform& p, Backends backends)
    : scenario(s),
      config(s.config),
      options(s.options),
      catalog(s.catalog),
      tiers(s.network.tiers),
      hosts(p),
      records_(s.options),
      platform_(s, records_.rated_log, backends),
      parties_(s, platform_.rating_port(), platform_.address_port(), stream("parties")),
      channels_(s.network.serviceability.line_count(), [this](Channel c) { return make_channel(c, *this); }),
      faults_(s.options.faults),
      message_bytes_(s.options.message_bytes),
      end_time_(s.options.duration) {
  platform_.connect_serviceability(parties_.serviceability());
  if (options.audit.enabled) platform_.workflow().audit().set_sink([this](const AuditRecord& r) { records_.audit(r); });
  auto sessions = std::make_unique<SessionDriver>(*this);
  // A binding the IP address server makes or ends starts or stops the
  // subscriber's sessions; the session driver first catches up to the time.
  SessionDriver& driver = *sessions;
  parties_.systems().before_binding_change = [&driver](SimTime now) { driver.catch_up(now); };
  parties_.systems().on_binding = [&driver](SubscriberId who, bool bound, SimTime now) {
    if (bound)
      driver.bound(who, now);
    else
      driver.unbound(who);
  };
  // The NP knows the device registered for a line unless its id was typed wrong.
  parties_.systems().device_known = [this](LineId line) { return !channels_.device_id_wrong(line); };
  auto lifecycle = std::make_unique<SubscriberLifecycle>(*this);
  platform_.attach(std::move(sessions), std::move(lifecycle));
  if (options.durability) platform_.attach_durability(std::make_unique<PlatformDurability>(*this));
  channels_.set_call_centres(make_call_centres(*this));
}

World::~World() = default;

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
    case AdapterKind::kNetwork: return hosts.host_of(catalog.network_provider());
    case AdapterKind::kAddress:
    case AdapterKind::kBilling: return hosts.platform_host;
    default: return hosts.host_of(party);
  }
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
  if (!w.platform().durability()) return start_workers(name, w.hosts.platform_host, count, body);
  for (int i = 0; i < count; ++i) w.platform().durability()->start_component(name + "-" + std::to_string(i), [body, i] { body(i); });
}

// One actor of a platform component (see start_platform_workers).
void start_platform_actor(World& w, const std::string& name, std::function<void()> body) {
  if (w.platform().durability())
    w.platform().durability()->start_component(name, std::move(body));
  else
    sg4::Actor::create(name, w.hosts.platform_host, std::move(body));
}

void start_actors(World& w) {
  const Catalog& c = w.catalog;
  sg4::Host* platform = w.hosts.platform_host;
  sg4::Host* np = w.hosts.host_of(c.network_provider());
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
  sg4::Actor::create("ip-sessions", platform, [&w] { w.platform().sessions().run(); });
  sg4::Actor::create("np-address-reserve", np, [&w] { reserve_worker(w); })->set_auto_restart(true);
  sg4::Actor::create("subscriber-lifecycle", platform, [&w] { w.platform().lifecycle().run(); });
  if (!w.scenario.outages.empty()) sg4::Actor::create("fault-injector", platform, [&w] { fault_injector_actor(w); });

  const ProviderId none;
  start_workers("np-devices", np, party_workers,
                [&w, none](int i) { party_worker(w, AdapterKind::kNetwork, none, i); });
  start_platform_workers(w, "ip-address-server", party_workers,
                         [&w, none](int i) { party_worker(w, AdapterKind::kAddress, none, i); });
  start_platform_workers(w, "billing", party_workers,
                         [&w, none](int i) { party_worker(w, AdapterKind::kBilling, none, i); });
  for (ProviderId isp : c.providers_of(ProviderKind::kIsp)) {
    sg4::Host* host = w.hosts.host_of(isp);
    start_workers("accounts-" + c.provider(isp).code, host, w.options.capacity.accounts,
                  [&w, isp](int i) { account_worker(w, isp, i); });
    start_workers("isp-services-" + c.provider(isp).code, host, party_workers,
                  [&w, isp](int i) { party_worker(w, AdapterKind::kIsp, isp, i); });
    sg4::Actor::create("isp-address-blocks-" + c.provider(isp).code, host, [&w, isp] { block_worker(w, isp); })
        ->set_auto_restart(true);
  }
  for (ProviderId bsp : c.providers_of(ProviderKind::kBsp)) {
    sg4::Host* host = w.hosts.host_of(bsp);
    start_workers("bsp-entitlements-" + c.provider(bsp).code, host, party_workers,
                  [&w, bsp](int i) { party_worker(w, AdapterKind::kBsp, bsp, i); });
    sg4::Actor::create("bsp-feed-" + c.provider(bsp).code, host, [&w, bsp] { bsp_feed_actor(w, bsp); })
        ->set_auto_restart(true);
  }
  if (w.platform().durability()) w.platform().durability()->start();
}

void register_series(World& w) {
  w.records().series.push_back({"prospects.arrived", [&w] { return static_cast<double>(w.channels().prospects().size()); }});
  w.records().series.push_back({"orders.in_flight", [&w] { return static_cast<double>(w.platform().workflow().active_orders()); }});
  w.records().series.push_back({"orders.waiting_for_worker", [&w] { return static_cast<double>(w.records().orders_waiting); }});
  w.records().series.push_back({"orders.completed", [&w] { return static_cast<double>(w.platform().workflow().counts().completed); }});
  w.records().series.push_back({"orders.failed", [&w] { return static_cast<double>(w.platform().workflow().counts().failed); }});
  w.records().series.push_back({"orders.requests_in_flight",
                      [&w] { return static_cast<double>(w.platform().workflow().requests_in_flight()); }});
  for (std::size_t k = 0; k < kAdapterKindCount; ++k) {
    const auto kind = static_cast<AdapterKind>(k);
    const std::string name = "adapters." + std::string(to_string(kind));
    w.records().series.push_back({name + ".in_flight", [&w, kind] { return static_cast<double>(w.platform().workflow().adapter_stats(kind).in_flight); }});
    w.records().series.push_back({name + ".queued", [&w, kind] { return static_cast<double>(w.platform().workflow().adapter_stats(kind).queued); }});
  }
  w.records().series.push_back({"orders.retries", [&w] { return static_cast<double>(w.platform().workflow().counts().retries); }});
  w.records().series.push_back({"orders.timeouts", [&w] { return static_cast<double>(w.platform().workflow().counts().timeouts); }});
  w.records().series.push_back({"network.active_ports", [&w] { return static_cast<double>(w.parties().systems().active_ports()); }});
  w.records().series.push_back({"rating.rated", [&w] { return static_cast<double>(w.platform().rating().counters().rated); }});
  for (std::size_t p = 0; p < w.platform().addresses().pool_count(); ++p) {
    const AddressPool& pool = w.platform().addresses().pool(PoolId(static_cast<PoolId::rep>(p)));
    const std::string name = "ip." + w.catalog.provider(pool.owner()).code + (pool.region().empty() ? "" : "." + pool.region());
    w.records().series.push_back({name + ".leased", [&pool] { return static_cast<double>(pool.stats().leased); }});
    w.records().series.push_back({name + ".capacity", [&pool] { return static_cast<double>(pool.stats().capacity); }});
    w.records().series.push_back({name + ".bound", [&pool] { return static_cast<double>(pool.stats().bound); }});
    w.records().series.push_back({name + ".blocked", [&pool] { return static_cast<double>(pool.stats().blocked); }});
  }
  w.records().series.push_back({"rating.suspended", [&w] { return static_cast<double>(w.platform().rating().counters().suspended); }});
  w.records().series.push_back({"rating.backlog", [&w] { return static_cast<double>(w.platform().rating_backlog().count); }});
  if (w.platform().durability())  // 1 while the platform's components are down (crashed or replaying)
    w.records().series.push_back({"platform.down", [&w] { return w.platform().durability()->down() ? 1.0 : 0.0; }});
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
                 simulated / 86400, share * 100, wall, static_cast<double>(w_.records().events) / wall, eta);
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
  world.records().invoice_spool = std::make_shared<InvoiceSpool>(
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
  World world(scenario, platform,
              Backends{options.rating_backend, options.address_backend, options.provisioning_backend, options.threads});
  world.records().invoice_spool = std::make_shared<InvoiceSpool>(
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
