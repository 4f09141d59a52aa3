#pragma once
// hosts.csv: the simulated machines. Every provider's systems run on the
// host that names it; the platform's own systems (qualification, order
// intake, provisioning manager, rating engine, IP address server) run on the
// host of zone "platform". A host of zone "standby" (at most one) takes over
// the platform's systems when the platform host crashes
// (durability.failover). Each host hangs off a shared backbone by its own
// link, so a message between two hosts crosses two links.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model/catalog/catalog.hpp"

namespace provsim::sim {

struct HostSpec {
  std::string name;
  std::string zone;                     // np, isp, bsp, platform or standby
  std::optional<ProviderId> provider;   // empty for the platform and standby hosts
  double speed_flops = 0;               // flop/s
  double bandwidth_bytes = 0;           // bytes/s of its link to the backbone
  double latency_s = 0;                 // one-way latency of that link
};

struct PlatformSpec {
  std::vector<HostSpec> hosts;
  const HostSpec& platform_host() const;
  const HostSpec* standby_host() const;  // null when there is none
  const HostSpec& host_of(ProviderId provider) const;
};

class ScenarioSource;

PlatformSpec load_platform(const ScenarioSource& source, const Catalog& catalog);

// "2Gf" -> 2e9 flop/s; "1Gbps" -> 1.25e8 bytes/s, "10MBps" -> 1e7 bytes/s.
double parse_speed(const std::string& text);
double parse_bandwidth(const std::string& text);

}  // namespace provsim::sim
