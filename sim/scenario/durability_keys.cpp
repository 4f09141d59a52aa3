// Scenario keys of the platform's durable state: the journal disk, commit
// policies, snapshots, and what the channels do when the platform is down.

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
  s.choice("durability.leases.commit", "sync", {"sync", "group", "none"},
           "when the IP address server writes its lease file: every grant and release (sync), every "
           "durability.group_count records or durability.group_interval (group), or only in snapshots (none)");
  s.integer("durability.group_count", 64, "group commit: write when this many records wait", 1, 1e9);
  s.duration("durability.group_interval", "1s", "group commit: write when the oldest record has waited this long",
             0.000001);
  s.duration("durability.resubmit_after", "10m",
             "a channel that has no confirmation of a submitted order after this long submits it again, then "
             "after twice as long each time (the platform recognises it); only with durability", 1);
}

}  // namespace provsim::sim
