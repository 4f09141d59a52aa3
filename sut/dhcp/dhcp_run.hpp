#pragma once
// `provsim dhcp`: one scenario's bulk-loaded population driven against a
// real DHCPv4 server (SessionDriver), either a kea-dhcp4 provsim starts and
// stops itself or one the user runs, then judged: no double allocation,
// every address in its pool, exhaustion answered by silence and release by
// reuse, the server's own counters equal to what the driver saw (Kea's
// control socket), and the measured call congestion against Engset and
// against the in-process reference (`provsim run` with ip.policy=reject).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "reports/results.hpp"
#include "sim/scenario/scenario.hpp"
#include "sut/dhcp/relay_client.hpp"

namespace provsim::dhcp {

// dhcp.server: "kea", or "dhcp://HOST:PORT" (PORT defaults to 67).
struct ServerTarget {
  bool managed_kea = true;
  Endpoint endpoint{0x7F000001, 67};
};
// nullopt if `text` is neither form.
std::optional<ServerTarget> parse_server(const std::string& text);

struct DhcpRunOptions {
  std::filesystem::path work_dir;            // the run folder being written (Kea's files live here)
  std::filesystem::path provsim_binary;      // for the reference runs
  std::vector<std::string> overrides;        // the user's --set, passed to the reference runs
  std::filesystem::path control_socket;      // a user's Kea: its control socket, for the counter checks
  std::optional<std::string> server;         // --server, else dhcp.server
  std::optional<std::string> relay;          // --relay, else dhcp.relay
  bool progress = false;
  std::string version;
};

// Runs, judges and returns the results (summary metrics with the verdicts
// as booleans under verdict.*, and the tables pools, dhcp_batches,
// dhcp_latency, dhcp_violations); the caller writes them. Throws InputError
// for a scenario the driver cannot take, std::runtime_error if the server
// cannot be started or reached.
reports::Results run_dhcp(const sim::Scenario& scenario, const DhcpRunOptions& options);

// The summary metric keys that are this run's own verdicts (all must be true).
std::vector<std::string> verdict_keys();

}  // namespace provsim::dhcp
