#pragma once
// The kea-dhcp4 configuration provsim writes for a run: the scenario's
// pools as subnets reached through one relay, on the loopback interface with
// plain UDP sockets, an in-memory lease database that is never written to
// disk, lease times in whole seconds, the lease and statistics command hooks,
// and a control socket and log file inside the run folder.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sut/dhcp/dhcp_pool.hpp"

namespace provsim::dhcp {

struct LeaseTimes {
  std::uint32_t valid = 0;   // seconds
  std::uint32_t renew = 0;   // T1
  std::uint32_t rebind = 0;  // T2
};

// A scenario lease time in simulated seconds, at `speed` simulated seconds
// per wall second, as whole wall seconds a server accepts: at least 2 (so
// T1 = valid / 2 is at least 1 s), T2 = 7/8 of it (RFC 2131 section 4.4.5),
// each rounded to the nearest second and T1 < T2 < valid kept.
LeaseTimes scaled_lease_times(double lease_seconds, double speed);

struct KeaSettings {
  std::filesystem::path run_dir;  // control socket and log go here
  std::string interface = "lo";
  Ipv4 relay = 0;                 // the relay's address (giaddr)
  std::vector<DhcpPool> pools;    // one subnet per block; a pool of several blocks is a shared network
  LeaseTimes lease;
  std::filesystem::path hooks_dir;  // where libdhcp_lease_cmds.so and libdhcp_stat_cmds.so are
};

std::filesystem::path control_socket_path(const std::filesystem::path& run_dir);
nlohmann::json kea_config(const KeaSettings& settings);

// Kea's subnet ids, in the order kea_config numbers them: pool p's block b.
std::uint32_t subnet_id(const std::vector<DhcpPool>& pools, std::size_t pool, std::size_t block);

}  // namespace provsim::dhcp
