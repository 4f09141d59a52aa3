#include "sim/actor_start.hpp"

#include <cstdint>
#include <functional>
#include <string>

#include <simgrid/s4u/Actor.hpp>

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
#include "sim/durability/platform_durability.hpp"
#include "sim/run_context.hpp"
#include "sim/world.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

// Starts `count` workers of one system on `host`, all reading its mailbox;
// `make(i)` gives worker i. They hold no state of their own, so when an
// outage turns their host off (which kills them) they come back when it is
// turned on again.
template <typename Make>
void start_workers(const std::string& name, sg4::Host* host, std::int64_t count, Make make) {
  for (int i = 0; i < count; ++i)
    sg4::Actor::create(name + "-" + std::to_string(i), host, make(i))->set_auto_restart(true);
}

// Starts `count` workers of a platform component. With durability, the
// platform host's crash kills them and its restart creates them again.
template <typename Make>
void start_platform_workers(const PlatformComponents& platform, sg4::Host* host, const std::string& name,
                            std::int64_t count, Make make) {
  PlatformDurability* durability = platform.durability();
  if (!durability) return start_workers(name, host, count, make);
  for (int i = 0; i < count; ++i) durability->start_component(name + "-" + std::to_string(i), make(i));
}

// One actor of a platform component (see start_platform_workers).
void start_platform_actor(const PlatformComponents& platform, sg4::Host* host, const std::string& name,
                          std::function<void()> body) {
  if (platform.durability())
    platform.durability()->start_component(name, std::move(body));
  else
    sg4::Actor::create(name, host, std::move(body));
}

}  // namespace

// Each actor gets the run's read-only context and, explicitly, the parts it
// changes and its own options (see each actor's header).
void start_actors(World& w) {
  const RunContext& ctx = w.context();
  const RunOptions& o = w.options;
  const Catalog& c = w.catalog;
  sg4::Host* platform = w.hosts.platform_host;
  sg4::Host* np = w.hosts.host_of(c.network_provider());
  const std::int64_t party_workers = o.capacity.party;

  sg4::Actor::create("metrics", platform, MetricsActor(ctx, w.platform(), w.channels(), w.records()));
  sg4::Actor::create(
      "arrivals", platform,
      ArrivalsActor(ctx, o.arrivals, o.prospect, w.scenario.network.serviceability, w.channels(), w.records()));
  start_platform_workers(w.platform(), platform, "qualification", o.capacity.qualification, [&](int i) {
    return QualificationWorker(ctx, w.platform(), w.records(), o.qualification, i);
  });
  start_workers("np-serviceability", np, o.capacity.np,
                [&](int) { return ServiceabilityWorker(ctx, w.parties().serviceability(), w.records(), o.qualification); });
  start_platform_actor(w.platform(), platform, "provisioning-manager",
                       ProvisioningManagerActor(ctx, w.platform(), w.channels(), w.records()));
  start_platform_actor(w.platform(), platform, "rating-engine", RatingEngineActor(ctx, w.platform(), w.records()));
  sg4::Actor::create("billing-cycles", platform, BillingCycleActor(ctx, w.platform(), w.records()));
  SessionDriver& sessions = w.platform().sessions();
  sg4::Actor::create("ip-sessions", platform, [&sessions] { sessions.run(); });
  sg4::Actor::create("np-address-reserve", np, ReserveWorker(ctx, o.addresses, w.records()))->set_auto_restart(true);
  SubscriberLifecycle& lifecycle = w.platform().lifecycle();
  sg4::Actor::create("subscriber-lifecycle", platform, [&lifecycle] { lifecycle.run(); });
  if (!w.scenario.outages.empty())
    sg4::Actor::create("fault-injector", platform, FaultInjector(ctx, w.faults(), w.platform().durability()));

  const ProviderId none;
  // Each request's desk: the platform's binding desk and billing (which
  // journal a change before answering it), else the party's own system.
  PlatformDurability* durability = w.platform().durability();
  const auto party = [&](AdapterKind adapter, ProviderId id) {
    PartyWorker::Target target{adapter, id, {}};
    Journal* journal = nullptr;
    switch (adapter) {
      case AdapterKind::kAddress:
        target.desk = [&bindings = w.platform().bindings()](const TaskRequest& task, SimTime now) {
          return bindings.handle(task, now);
        };
        if (durability) journal = &durability->bindings();
        break;
      case AdapterKind::kBilling:
        target.desk = [&billing = w.platform().billing()](const TaskRequest& task, SimTime now) {
          return billing.handle(task, now);
        };
        if (durability) journal = &durability->rating();
        break;
      case AdapterKind::kNetwork:
      case AdapterKind::kIsp:
      case AdapterKind::kBsp:
        target.desk = [&systems = w.parties().systems()](const TaskRequest& task, SimTime) {
          return systems.handle(task);
        };
        break;
    }
    return [&ctx, &w, &o, target, durability, journal](int i) {
      return PartyWorker(ctx, w.records(), w.faults(), o.parties, target, durability, journal, i);
    };
  };
  start_workers("np-devices", np, party_workers, party(AdapterKind::kNetwork, none));
  start_platform_workers(w.platform(), platform, "ip-address-server", party_workers,
                         party(AdapterKind::kAddress, none));
  start_platform_workers(w.platform(), platform, "billing", party_workers, party(AdapterKind::kBilling, none));
  for (ProviderId isp : c.providers_of(ProviderKind::kIsp)) {
    sg4::Host* host = w.hosts.host_of(isp);
    start_workers("accounts-" + c.provider(isp).code, host, o.capacity.accounts,
                  [&](int i) { return AccountWorker(ctx, w.records(), o.accounts, isp, i); });
    start_workers("isp-services-" + c.provider(isp).code, host, party_workers, party(AdapterKind::kIsp, isp));
    sg4::Actor::create("isp-address-blocks-" + c.provider(isp).code, host,
                       BlockWorker(ctx, o.addresses, w.records(), isp))
        ->set_auto_restart(true);
  }
  for (ProviderId bsp : c.providers_of(ProviderKind::kBsp)) {
    sg4::Host* host = w.hosts.host_of(bsp);
    start_workers("bsp-entitlements-" + c.provider(bsp).code, host, party_workers, party(AdapterKind::kBsp, bsp));
    sg4::Actor::create("bsp-feed-" + c.provider(bsp).code, host, BspFeedActor(ctx, o.feeds, w.parties(), bsp))
        ->set_auto_restart(true);
  }
  if (w.platform().durability()) w.platform().durability()->start();
}

}  // namespace provsim::sim
