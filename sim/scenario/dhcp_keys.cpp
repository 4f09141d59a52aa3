// Scenario keys of `provsim dhcp`: the subscribers' sessions driven against a
// real DHCPv4 server in real time (docs/dhcp.md). `provsim run` ignores them.

#include "sim/scenario/scenario_keys.hpp"

namespace provsim::sim {

void declare_dhcp_keys(ConfigSchema& s) {
  s.text("dhcp.server", "kea",
         "the DHCPv4 server `provsim dhcp` drives: 'kea' (provsim starts and stops kea-dhcp4 on loopback) or "
         "'dhcp://HOST:PORT' (a server you run, which must accept relayed messages from dhcp.relay)");
  s.text("dhcp.relay", "127.0.0.2",
         "the relay agent address provsim binds (port 67) and sends as giaddr; the server replies to it");
  s.number("dhcp.speed", 600, "simulated seconds per wall-clock second when driving a real server", 0.001, 1e9);
  s.duration("dhcp.timeout", "200ms",
             "wall-clock wait for each answer (OFFER, ACK); a full pool answers a DISCOVER with nothing", 0.001);
  s.duration("dhcp.pacing_tolerance", "250ms",
             "wall-clock lag behind the session schedule beyond which the run is flagged untrusted", 0);
  s.integer("dhcp.batches", 10, "batches of the run for the batch-means interval of the measured blocking", 2, 1000);
  s.integer("dhcp.reference_replications", 10,
            "in-process reference runs (ip.policy=reject, same scenario) to compare the server with; 0: none", 0,
            1000);
}

}  // namespace provsim::sim
