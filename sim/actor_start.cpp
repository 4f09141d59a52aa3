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
#include "sim/world.hpp"

namespace provsim::sim {
namespace {

namespace sg4 = simgrid::s4u;

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
  PlatformDurability* durability = w.platform().durability();
  if (!durability) return start_workers(name, w.hosts.platform_host, count, body);
  for (int i = 0; i < count; ++i) durability->start_component(name + "-" + std::to_string(i), [body, i] { body(i); });
}

// One actor of a platform component (see start_platform_workers).
void start_platform_actor(World& w, const std::string& name, std::function<void()> body) {
  if (w.platform().durability())
    w.platform().durability()->start_component(name, std::move(body));
  else
    sg4::Actor::create(name, w.hosts.platform_host, std::move(body));
}

}  // namespace

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

}  // namespace provsim::sim
