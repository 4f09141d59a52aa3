#include "sut/dhcp/kea_config.hpp"

#include <algorithm>
#include <cmath>

namespace provsim::dhcp {

LeaseTimes scaled_lease_times(double lease_seconds, double speed) {
  const double wall = lease_seconds / speed;
  LeaseTimes t;
  t.valid = static_cast<std::uint32_t>(std::clamp(std::round(wall), 2.0, 86400.0 * 365));
  t.renew = std::max<std::uint32_t>(1, static_cast<std::uint32_t>(std::round(t.valid / 2.0)));
  t.rebind = static_cast<std::uint32_t>(std::round(t.valid * 7.0 / 8.0));
  t.rebind = std::clamp<std::uint32_t>(t.rebind, t.renew + 1, t.valid);
  if (t.rebind == t.valid && t.renew + 1 < t.valid) t.rebind = t.valid - 1;
  return t;
}

std::filesystem::path control_socket_path(const std::filesystem::path& run_dir) { return run_dir / "kea4.sock"; }

std::uint32_t subnet_id(const std::vector<DhcpPool>& pools, std::size_t pool, std::size_t block) {
  std::uint32_t id = 1;
  for (std::size_t p = 0; p < pool; ++p) id += static_cast<std::uint32_t>(pools[p].ranges.size());
  return id + static_cast<std::uint32_t>(block);
}

nlohmann::json kea_config(const KeaSettings& s) {
  using nlohmann::json;
  const json relay = {{"ip-addresses", json::array({format_ipv4(s.relay)})}};
  json subnets = json::array();
  json shared = json::array();
  for (std::size_t p = 0; p < s.pools.size(); ++p) {
    json own = json::array();
    for (std::size_t b = 0; b < s.pools[p].ranges.size(); ++b) {
      const DhcpRange& r = s.pools[p].ranges[b];
      json subnet = {{"id", subnet_id(s.pools, p, b)},
                     {"subnet", r.subnet},
                     {"pools", json::array({{{"pool", format_ipv4(r.first) + " - " + format_ipv4(r.last)}}})}};
      own.push_back(std::move(subnet));
    }
    if (own.size() == 1) {  // one block: a plain subnet behind the relay
      own[0]["relay"] = relay;
      subnets.push_back(std::move(own[0]));
    } else {  // several: one shared network, so a full block spills into the next
      shared.push_back({{"name", s.pools[p].isp}, {"relay", relay}, {"subnet4", std::move(own)}});
    }
  }
  json dhcp4 = {
      {"interfaces-config", {{"interfaces", json::array({s.interface})}, {"dhcp-socket-type", "udp"},
                             // Fail at start if port 67 cannot be bound, rather than run deaf.
                             {"service-sockets-require-all", true}}},
      {"control-socket", {{"socket-type", "unix"}, {"socket-name", control_socket_path(s.run_dir).string()}}},
      {"lease-database", {{"type", "memfile"}, {"persist", false}, {"lfc-interval", 0}}},
      // One thread: packets are handled in the order they arrive, so a
      // RELEASE sent before a DISCOVER frees its address first.
      {"multi-threading", {{"enable-multi-threading", false}}},
      {"valid-lifetime", s.lease.valid},
      {"renew-timer", s.lease.renew},
      {"rebind-timer", s.lease.rebind},
      // Expired leases are reclaimed every second (the default is 10 s,
      // too coarse when a lease lasts seconds).
      {"expired-leases-processing", {{"reclaim-timer-wait-time", 1}, {"flush-reclaimed-timer-wait-time", 1},
                                     {"hold-reclaimed-time", 1}, {"max-reclaim-leases", 0},
                                     {"max-reclaim-time", 0}, {"unwarned-reclaim-cycles", 5}}},
      {"hooks-libraries", json::array({{{"library", (s.hooks_dir / "libdhcp_lease_cmds.so").string()}},
                                       {{"library", (s.hooks_dir / "libdhcp_stat_cmds.so").string()}}})},
      {"loggers", json::array({{{"name", "kea-dhcp4"},
                                {"output_options", json::array({{{"output", (s.run_dir / "kea-dhcp4.log").string()}}})},
                                {"severity", "INFO"}}})},
  };
  if (!subnets.empty()) dhcp4["subnet4"] = std::move(subnets);
  if (!shared.empty()) dhcp4["shared-networks"] = std::move(shared);
  return {{"Dhcp4", std::move(dhcp4)}};
}

}  // namespace provsim::dhcp
