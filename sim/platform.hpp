#pragma once
// Builds the SimGrid platform from the scenario's hosts.csv: one zone, a host
// per row, each host joined to a shared backbone router by its own link.
// A message between two hosts crosses both hosts' links, so its latency is
// the sum of the two link latencies (network/model is CM02, which applies no
// latency correction factor: the scenario's latency is what you get).

#include <map>
#include <string>

#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>

#include "sim/scenario/platform_tables.hpp"

namespace provsim::sim {

struct Platform {
  simgrid::s4u::Host* platform_host = nullptr;
  simgrid::s4u::Host* standby_host = nullptr;  // hosts.csv zone standby, if any
  std::map<std::uint16_t, simgrid::s4u::Host*> provider_hosts;  // by ProviderId value
  std::map<std::string, simgrid::s4u::Host*> hosts;              // by name
  std::map<std::string, simgrid::s4u::Link*> links;              // by host name

  simgrid::s4u::Host* host_of(ProviderId provider) const { return provider_hosts.at(provider.value()); }
};

// Must run after the Engine is created and before it runs.
Platform build_platform(const PlatformSpec& spec);

}  // namespace provsim::sim
