#include "sim/platform.hpp"

#include <simgrid/s4u/NetZone.hpp>

#include <vector>

namespace provsim::sim {

namespace sg4 = simgrid::s4u;

Platform build_platform(const PlatformSpec& spec) {
  Platform platform;
  auto* zone = sg4::create_full_zone("provsim");
  std::vector<std::pair<sg4::Host*, sg4::Link*>> nodes;
  for (const HostSpec& h : spec.hosts) {
    sg4::Host* host = zone->create_host(h.name, h.speed_flops)->seal();
    sg4::Link* link = zone->create_link(h.name + "-uplink", h.bandwidth_bytes)->set_latency(h.latency_s)->seal();
    platform.hosts[h.name] = host;
    platform.links[h.name] = link;
    if (h.provider)
      platform.provider_hosts[h.provider->value()] = host;
    else if (h.zone == "standby")
      platform.standby_host = host;
    else
      platform.platform_host = host;
    nodes.emplace_back(host, link);
  }
  // Full routes: host a -> its uplink -> backbone -> b's uplink -> host b.
  // Messages between actors of one host use the host's loopback.
  for (std::size_t i = 0; i < nodes.size(); ++i)
    for (std::size_t j = i + 1; j < nodes.size(); ++j)
      zone->add_route(nodes[i].first->get_netpoint(), nodes[j].first->get_netpoint(), nullptr, nullptr,
                      {sg4::LinkInRoute(nodes[i].second), sg4::LinkInRoute(nodes[j].second)}, true);
  zone->seal();
  return platform;
}

}  // namespace provsim::sim
