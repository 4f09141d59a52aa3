#include "sim/durability/recovery_metrics.hpp"

#include <string>
#include <unordered_map>

#include "sim/durability/platform_durability.hpp"
#include "sim/world.hpp"

namespace provsim::sim {
namespace {

void put(reports::Results& r, const std::string& key, reports::Value v) { r.metrics[key] = std::move(v); }
void put_count(reports::Results& r, const std::string& key, std::uint64_t n) {
  put(r, key, static_cast<std::int64_t>(n));
}

// Orders that reached a terminal state more than once (a crash must never
// make the platform finish an order again, let alone differently).
std::uint64_t finished_twice(const World& w) {
  std::unordered_map<std::uint32_t, int> seen;
  std::uint64_t twice = 0;
  for (const OrderResult& o : w.records().finished_orders())
    if (++seen[o.order.value()] == 2) ++twice;
  return twice;
}

}  // namespace

void recovery_metrics(reports::Results& r, const World& w) {
  if (!w.platform().durability()) return;
  const PlatformDurability& d = *w.platform().durability();
  for (const Journal* j : d.journals()) {
    const std::string k = "durability." + j->name() + ".";
    const JournalLog& log = j->log();
    put(r, k + "commit", std::string(to_string(log.policy().mode)));
    put_count(r, k + "records", log.appended());
    put_count(r, k + "writes", log.writes());
    put(r, k + "bytes_written", log.bytes_written());
    put(r, k + "write_time_s", j->write_time());
    put(r, k + "replay_bytes", log.replay_bytes());
    put_count(r, k + "records_lost", j->records_lost());
    if (const auto& copy = j->replica()) {
      put(r, k + "shipped_bytes", copy->counts().bytes);
      put(r, k + "shipping_time_s", copy->counts().time_s);
    }
  }
  if (d.failover() != Failover::kNone)
    put(r, "durability.failover", std::string(d.failover() == Failover::kShared ? "shared" : "replicated"));
  const RecoveryCounts& c = d.counts();
  const bool crashed = c.crashes > 0;
  put_count(r, "recovery.crashes", c.crashes);
  put_count(r, "recovery.restarts", c.restarts);
  put(r, "recovery.replay_s", c.replay_s);
  put(r, "recovery.downtime_s", c.downtime_s);
  put_count(r, "recovery.orders_resumed", c.orders_resumed);
  put_count(r, "recovery.requests_in_flight", c.requests_in_flight);
  put_count(r, "recovery.failovers", c.failovers);
  if (w.hosts.standby_host) {  // reported with a standby host, so expectations hold with failover none too
    put_count(r, "recovery.rejoins", c.rejoins);
    put(r, "recovery.catch_up_bytes", c.catch_up_bytes);
  }
  put(r, "recovery.time_to_recover_s", c.time_to_recover_s);
  put_count(r, "recovery.tasks_repeated", c.tasks_repeated);
  put_count(r, "recovery.messages_dropped", c.dropped_messages);
  put_count(r, "recovery.events_requeued", c.events_requeued);
  const auto duplicates = static_cast<std::uint64_t>(w.platform().rating().counters().duplicates);
  put_count(r, "recovery.events_deduplicated", crashed ? duplicates - c.duplicates_at_crash : 0);
  put_count(r, "recovery.leases_lost", c.leases_lost);
  put_count(r, "recovery.leases_on_probation", c.leases_on_probation);
  put_count(r, "recovery.sessions_refused", c.sessions_refused);
  put_count(r, "recovery.records_lost", c.records_lost);
  put_count(r, "recovery.bindings_lost", c.bindings_lost);
  put_count(r, "recovery.bindings_restored", c.bindings_restored);
  put_count(r, "recovery.bindings_undone", c.bindings_undone);
  put_count(r, "recovery.events_unsaved", c.events_unsaved);
  put_count(r, "recovery.events_rated_again", c.events_rated_again);
  put(r, "recovery.rated_again_after_s", c.rated_again_after_s);
  put_count(r, "recovery.rated_ahead_of_lost", c.rated_ahead_of_lost);
  put_count(r, "recovery.events_awaiting_replay", d.events_awaiting_replay());
  put_count(r, "recovery.billing_changes_lost", c.billing_lost);
  put_count(r, "recovery.billing_changes_restored", c.billing_restored);
  put_count(r, "recovery.billing_changes_redone", c.billing_redone);
  std::uint64_t held = 0;
  for (const Journal* j : d.journals()) held += j->held_lost();
  put_count(r, "recovery.messages_held_lost", held);
  put_count(r, "recovery.down_at_end", d.down() ? 1 : 0);

  // Across every crash: no order finished twice, and no event rated twice
  // (every event id a feed issued is rated or suspended at most once).
  const std::uint64_t twice = finished_twice(w);
  put_count(r, "recovery.orders_finished_twice", twice);
  std::uint64_t issued = 0;
  for (const auto& [bsp, next] : w.parties().next_event_ids()) issued += next > 0 ? next - 1 : 0;
  const auto& rc = w.platform().rating().counters();
  const auto taken = static_cast<std::uint64_t>(rc.rated + rc.suspended);
  put_count(r, "recovery.events_issued", issued);
  put_count(r, "recovery.events_not_rated", taken <= issued ? issued - taken : 0);
  put(r, "recovery.conserved", twice == 0 && taken <= issued && c.rated_ahead_of_lost == 0);
}

}  // namespace provsim::sim
