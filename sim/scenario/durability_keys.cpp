// Scenario keys of the platform's durable state: the journal disk, commit
// policies, snapshots, failover to a standby host, a crash placed by keys,
// and what the channels do when the platform is down; and the checks of
// those keys against the tables.

#include <sstream>
#include <string>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_keys.hpp"

namespace provsim::sim {

void declare_durability_keys(ConfigSchema& s) {
  s.flag("durability.enabled", false,
         "the platform's components journal their state on a disk of the platform host, and outages.csv may "
         "crash the platform host (it restarts from its journals)");
  s.number("durability.write_bandwidth", 100e6, "journal disk write bandwidth, bytes per second", 1, 1e15);
  s.number("durability.read_bandwidth", 200e6, "journal disk read bandwidth, bytes per second", 1, 1e15);
  s.duration("durability.write_latency", "1ms",
             "time each journal write waits besides its bytes (the disk's flush): sync pays it per record, group "
             "once per group");
  s.number("durability.record_bytes", 512, "bytes of one journal record (a state change)", 1, 1e9);
  s.duration("durability.snapshot_interval", "1h",
             "how often each component writes its whole state (0: never); a replay reads the last snapshot and "
             "the journal after it");
  s.number("durability.snapshot_item_bytes", 128,
           "bytes per subscriber, order, binding or lease in a snapshot (the rating engine's is its memory)", 1, 1e9);
  s.choice("durability.provisioning.commit", "sync", {"sync", "group", "none"},
           "when the provisioning manager writes its task transitions and order states: each on its own, the "
           "manager waiting for the write (sync), or gathered as in durability.group_count and "
           "durability.group_interval while the manager goes on, the requests and confirmations a change "
           "causes held until its write is done (group); none is refused (a party cannot be told to forget)");
  s.choice("durability.rating.commit", "sync", {"sync", "group", "none"},
           "when the rating engine writes its rated batches and billing changes: each on its own, the engine "
           "waiting for the write (sync), or gathered while the engine goes on, each acknowledgement held "
           "until its batch is written (group), or only in snapshots and at each cycle close, acknowledging at "
           "once (none: each feed keeps its batches until a snapshot holds them and sends them again after a "
           "crash; the billing changes lost are put back from the manager's state or done again by its "
           "retries)");
  s.choice("durability.bindings.commit", "sync", {"sync", "group", "none"},
           "when the IP address server writes its bindings: each on its own before it answers the manager "
           "(sync), gathered with the answers held until written (group), or only in snapshots, answering at "
           "once (none: at a restart the bindings lost are put back from the manager's state or undone, and "
           "the manager's retries carry them out again)");
  s.choice("durability.leases.commit", "sync", {"sync", "group", "none"},
           "when the IP address server writes its lease file: every grant and release (sync), every "
           "durability.group_count records or durability.group_interval (group), or only in snapshots (none)");
  s.integer("durability.group_count", 64, "group commit: write when this many records wait", 1, 1e9);
  s.duration("durability.group_interval", "1s", "group commit: write when the oldest record has waited this long",
             0.000001);
  s.duration("durability.resubmit_after", "10m",
             "a channel that has no confirmation of a submitted order after this long submits it again, then "
             "after twice as long each time (the platform recognises it); only with durability", 1);
  s.choice("durability.failover", "none", {"none", "shared", "replicated"},
           "when the platform host crashes, the host of zone standby in hosts.csv takes over after "
           "durability.failover_detection: reading the platform host's journal disk (shared) or its own copy, "
           "to which every journal write is shipped over the network before it counts as durable (replicated)");
  s.duration("durability.failover_detection", "30s",
             "how long the standby host waits after the platform host's crash before it takes over (if the "
             "platform host is back first, it restarts itself)");
  s.duration("durability.crash_at", "0s",
             "the platform host crashes at this time, besides outages.csv (0: no such crash); a sweep can move "
             "it");
  s.duration("durability.crash_for", "10m", "how long the crash durability.crash_at lasts", 0.000001);
}

namespace {

std::string seconds_text(double s) {
  std::ostringstream out;
  out << s << " s";
  return out.str();
}

}  // namespace

void check_durability_settings(const Scenario& tables, const Config& c) {
  const bool enabled = c.flag("durability.enabled");
  // A standby host without failover stands idle (so a sweep can compare).
  if (c.text("durability.failover") != "none") {
    if (!enabled) c.fail("durability.failover", "needs durability.enabled = true");
    if (!tables.platform.standby_host())
      c.fail("durability.failover", "needs a host of zone standby in hosts.csv to take over");
  }
  // The manager acts on what it was told before it is written: under none
  // a crash would lose orders whose work the parties already did, with
  // nothing to take that work back.
  if (c.text("durability.provisioning.commit") == "none")
    c.fail("durability.provisioning.commit",
           "none is not offered: the manager's requests reach the parties at once, and a crash would forget "
           "orders whose work the parties did (use sync or group)");
  // Allowed, but probably not meant: a batch's acknowledgement waits for
  // its group, so a feed that gives up sooner sends every such batch again
  // (the engine drops the repeats, and the load on the link doubles).
  if (enabled && c.text("durability.rating.commit") == "group" &&
      c.seconds("durability.group_interval") > c.seconds("bsp.ack_timeout"))
    c.warn("durability.group_interval",
           "longer than bsp.ack_timeout (" + seconds_text(c.seconds("bsp.ack_timeout")) +
               ") with the rating journal under group commit: acknowledgements wait for their group, so the "
               "feeds will send batches again; raise bsp.ack_timeout or shorten the interval");
  const double at = c.seconds("durability.crash_at");
  if (at <= 0) return;
  if (!enabled) c.fail("durability.crash_at", "needs durability.enabled = true");
  const double end = at + c.seconds("durability.crash_for");
  const std::string home = tables.platform.platform_host().name;
  for (const OutageSpec& o : tables.outages)
    if (!o.link && o.target == home && at < o.start_s + o.duration_s && o.start_s < end)
      c.fail("durability.crash_at", "the crash overlaps an outage of the platform host in outages.csv");
}

}  // namespace provsim::sim
