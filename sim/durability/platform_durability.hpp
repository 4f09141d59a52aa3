#pragma once
// The platform host's durable state and its crash and restart
// (durability.enabled). The platform's components keep journals on one
// simulated disk of the platform host (sim/durability/journal.hpp), each
// under its own commit policy (durability.<journal>.commit):
//
//   provisioning - the workflow's task transitions and order states, the
//                  orders waiting for a worker (sync or group);
//   rating       - each rated batch and each billing change (sync or
//                  group: a batch is acknowledged once its record is
//                  written; none: at once, the feed keeping the batch
//                  until a snapshot holds it);
//   bindings     - bindings (sync, group or none);
//   leases       - the lease file (sync, group or none): grants and
//                  releases of the sessions.
//
// Under sync a component waits for each write; under group it goes on and
// the messages its changes caused are held until their group is written.
// Either way no answer or request leaves the provisioning manager, the
// rating engine or the binding desk before its change is durable, so their
// state after a restart is the state at the crash: a change not yet written
// is the same as one written just before the crash whose messages were
// lost, and the parties' answers to those messages come again under the
// same idempotency keys, the feeds' batches again under the same event ids.
// Bindings under none answer at once: at the restart each binding change
// lost is checked against the workflow, put back if the manager has taken
// its outcome in, taken back (ledger entry and all) if the manager still
// waits for it and will ask again. Rating under none acknowledges at once:
// at the restart the feeds send again the batches not in a snapshot, and
// the engine rates again those its crash lost (its state, kept through
// the crash, already holds them); each billing change lost is put back or
// done again by the manager's retry. The lease file grants before it writes,
// so under group or none the grants not durable at the crash are lost; at
// the restart their addresses go on probation (the client may still use
// its address until its next renewal is refused).
//
// Crash (outages.csv: the platform host, kind host): the component actors
// are killed, what waited in their queues is lost, and messages sent to them
// while the host is down are dropped. Restart: each journal reads its last
// snapshot and its journal after it from the disk (the replay time), then
// the components start again and resume from their state: the provisioning
// manager fires its overdue timeouts and retries in-flight tasks with their
// idempotency keys, the feeds resend unacknowledged batches and the rating
// engine drops the events it already rated.
//
// Failover (durability.failover, with a host of zone standby in hosts.csv):
// when the platform host crashes, the standby host waits
// durability.failover_detection and, if the platform host is still down,
// takes over: it replays the journals (shared: from the platform host's
// disk, which both hosts reach; replicated: from its own copy, kept by
// shipping every write across the network, sync components waiting for the
// copy) and starts the components itself. The parties, channels and feeds
// reach the components through their mailboxes, never by host, so they
// talk to the standby from then on. After a takeover the host that
// crashed, once back, becomes the standby: with a shared disk at once,
// replicated once it has caught up (the journals ship it what a replay
// reads, then every write). A later crash of the host that took over then
// fails back to it. Either host may crash (outages.csv); a crash of the
// host standing by only stops the copies until it is back and caught up.
//
// Reads the run context (the hosts, durability.*, the platform's
// mailboxes it drains while down). Changes the platform (what a crash
// loses, the leases put on probation; it tells the subscriber lifecycle of
// an internal order lost) and the fault state (outages, hosts down,
// messages dropped).

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Disk.hpp>
#include <simgrid/s4u/Host.hpp>

#include "model/address/allocator.hpp"
#include "model/address/pool_id.hpp"
#include "model/core/strong_id.hpp"
#include "model/provisioning/request.hpp"
#include "sim/binding_desk.hpp"
#include "sim/durability/journal.hpp"
#include "sim/messages.hpp"
#include "sim/scenario/run_options.hpp"

namespace provsim::sim {

class Faults;
class PlatformComponents;
class RunContext;

// One feed's batch, by its feed and the id of its first event: a feed
// numbers the events of a batch one after the other and sends a batch
// again with the same ids.
struct FeedBatch {
  ProviderId bsp;
  std::uint64_t first = 0;
  std::uint32_t events = 0;

  static FeedBatch of(const std::vector<RatingEvent>& events) {
    return {events.front().bsp, events.front().id, static_cast<std::uint32_t>(events.size())};
  }
  friend bool operator<(const FeedBatch& a, const FeedBatch& b) {
    return a.bsp != b.bsp ? a.bsp < b.bsp : a.first < b.first;
  }
};

struct RecoveryCounts {
  std::uint64_t crashes = 0;
  std::uint64_t restarts = 0;
  double replay_s = 0;             // disk time reading snapshots and journals, all restarts
  double downtime_s = 0;           // from each crash to the components serving again
  std::uint64_t orders_resumed = 0;        // orders in progress or queued at a crash
  std::uint64_t requests_in_flight = 0;    // task requests outstanding at a crash
  std::uint64_t tasks_repeated = 0;        // requests in flight at a crash that a party answered again from its ledger
  std::uint64_t dropped_messages = 0;      // sent to a platform component while it was down
  std::uint64_t events_requeued = 0;       // received, not yet rated at a crash (their batches come again)
  std::uint64_t duplicates_at_crash = 0;   // the rating engine's duplicate count at the first crash
  std::uint64_t leases_lost = 0;           // grants not durable at a crash
  std::uint64_t leases_on_probation = 0;   // of those, addresses put on probation at the restart
  std::uint64_t bindings_lost = 0;         // binding changes not durable at a crash (bindings under none)
  std::uint64_t bindings_restored = 0;     // of those, put back at the restart from the manager's state
  std::uint64_t bindings_undone = 0;       // of those, taken back: the manager asks for them again
  std::uint64_t events_unsaved = 0;        // rated and acknowledged, not in a snapshot at a crash (rating under none)
  std::uint64_t events_rated_again = 0;    // of those, sent again by their feeds and rated again
  double rated_again_after_s = 0;          // from a crash to the last of its lost batches rated again, summed
  std::uint64_t rated_ahead_of_lost = 0;   // batches rated while lost ones of their feed were missing (must be 0)
  std::uint64_t billing_lost = 0;          // billing changes not in a snapshot at a crash (rating under none)
  std::uint64_t billing_restored = 0;      // of those, whose outcome the manager had taken in
  std::uint64_t billing_redone = 0;        // of those, carried out again by the manager's retry
  std::uint64_t records_lost = 0;          // journal records not durable at a crash, all journals
  std::uint64_t sessions_refused = 0;      // lease requests while the server was down
  std::uint64_t failovers = 0;             // of the restarts, takeovers by the standby host
  std::uint64_t rejoins = 0;               // a host back from its crash became the standby again
  double catch_up_bytes = 0;               // shipped to a rejoining host before it stood by (replicated)
  double time_to_recover_s = 0;            // from each crash to the first change handled again
};

class PlatformDurability {
 public:
  PlatformDurability(const RunContext& context, PlatformComponents& platform, Faults& faults);
  ~PlatformDurability();

  // Creates an actor of a platform component on the platform host and
  // remembers how, so a restart can create it again.
  void start_component(const std::string& name, std::function<void()> body);
  // An actor a component started itself (killed with it at a crash).
  void adopt(simgrid::s4u::ActorPtr actor) { adopted_.push_back(std::move(actor)); }
  // Starts the journals' writers, and the crash durability.crash_at asks for.
  void start();

  bool down() const { return down_; }
  // A host of the platform goes down (outages.csv, or durability.crash_at
  // for the platform host): the components crash if they run there; with a
  // standby, a takeover follows after the detection delay unless the host
  // is back first. The host standing by going down stops the copies.
  void crash(simgrid::s4u::Host* host);
  // Called at the end of the host's outage: unless the standby took over,
  // replays and restarts the components (in an actor of its own, since the
  // replay takes disk time); a host the components no longer run on
  // rejoins as the standby.
  void restart(simgrid::s4u::Host* host);
  // A party answered a request from its idempotency ledger; counted when
  // the request was in flight at a crash (not an ordinary retry's repeat).
  void task_repeated(IdempotencyKey key);
  Failover failover() const { return failover_; }

  Journal& provisioning() { return *provisioning_; }
  Journal& rating() { return *rating_; }
  Journal& bindings() { return *bindings_; }
  // The binding desk wrote record `seq` for the change it just made;
  // under none it is kept until a snapshot covers it, so that a crash can
  // take it back (sim/binding_desk.hpp).
  void binding_recorded(std::uint64_t seq);
  // The rating journal under none. The engine rated (or rated again)
  // `batch` and appended `record` for it: kept until a snapshot holds it,
  // so that a crash knows which batches it lost.
  void batch_recorded(std::uint64_t record, const FeedBatch& batch);
  // Whether `batch` is one whose rating a crash lost; if so it is rated
  // again now and no longer lost (recovery.events_rated_again).
  bool rated_again(const FeedBatch& batch);
  // The acknowledgement of the batch recorded as `record`.
  BatchAck batch_ack(std::uint64_t record) const;
  // Whether `batch`, sent by a feed that had heard of `feed_epoch`
  // restarts, must wait until the feed has sent the batches of its own
  // that a crash lost (it has not heard of the last restart, and some are
  // missing); the answer that says so.
  bool replay_first(const FeedBatch& batch, std::uint64_t feed_epoch) const;
  BatchAck replay_first_ack() const;
  // `batch`, not one a crash lost, is about to be rated: counted in
  // recovery.rated_ahead_of_lost if an older batch of its feed that a
  // crash lost is still missing (the engine would rate out of order).
  void rating_new(const FeedBatch& batch);
  // Events of batches lost at a crash that their feeds have not sent again.
  std::uint64_t events_awaiting_replay() const;
  // Billing wrote record `seq` for the change it made for `key` (kept
  // under none, as binding_recorded).
  void billing_recorded(std::uint64_t seq, IdempotencyKey key);
  // A session's lease was granted or ended (the lease file).
  void lease_granted(SubscriberId who, PoolId pool, Slot slot);
  void lease_ended(SubscriberId who);
  // Wakes the lease file's writer (a SimGrid call: not during a catch-up).
  void flush_leases();

  // Every journal, for the results.
  std::vector<const Journal*> journals() const;
  const RecoveryCounts& counts() const { return counts_; }
  RecoveryCounts& counts() { return counts_; }
  double record_bytes() const { return record_bytes_; }

 private:
  struct Component {
    std::string name;
    std::function<void()> body;
    simgrid::s4u::ActorPtr actor;
  };
  struct BindingRecord {
    std::uint64_t seq;
    BindingDesk::Change change;
  };
  struct BillingRecord {
    std::uint64_t seq;
    IdempotencyKey key;
  };
  struct BatchRecord {
    std::uint64_t seq;
    FeedBatch batch;
  };
  struct LeaseRecord {
    std::uint64_t seq;
    SubscriberId who;
    PoolId pool;
    Slot slot;
  };
  void start_drainers();
  void start_journals();
  void take_over();
  // Replays and starts the components on `on` (the standby: a takeover).
  void recover(simgrid::s4u::Host* on);
  bool is_down(const simgrid::s4u::Host* host) const { return hosts_down_.count(host) > 0; }
  // The host of the pair the components do not run on (null without failover).
  simgrid::s4u::Host* spare() const;
  // The spare host, up, becomes the standby (after catching up, replicated).
  void rejoin();
  void crash_from_keys();
  template <typename Record>
  std::uint64_t take_lost(const JournalLoss& loss, std::deque<Record>& pending, std::vector<Record>& lost);
  void probation_for_lost_leases(double now);
  void reconcile_lost_bindings(double now);
  template <typename Record>
  void keep_until_durable(const Journal& journal, std::deque<Record>& pending, Record record);
  // An older batch of the same feed, lost in a crash, is still missing.
  bool behind_lost(const FeedBatch& batch) const;
  void lose_unsaved_batches(const JournalLoss& loss);
  void reconcile_lost_billing();

  const RunContext& context_;
  PlatformComponents& platform_;
  Faults& faults_;
  simgrid::s4u::Host* home_;     // the platform host (hosts.csv zone platform)
  simgrid::s4u::Host* host_;     // where the components run: home_, or the standby after a takeover
  simgrid::s4u::Host* standby_;  // the standby host while it stands by, else null
  simgrid::s4u::Host* pair_;     // hosts.csv's standby host with failover, else null
  simgrid::s4u::Disk* disk_;
  Failover failover_ = Failover::kNone;
  double detection_ = 0;
  double record_bytes_;
  double item_bytes_;
  double lease_probation_;
  std::unique_ptr<Journal> provisioning_, rating_, bindings_, leases_;
  std::vector<Component> components_;
  std::vector<simgrid::s4u::ActorPtr> adopted_;
  std::vector<simgrid::s4u::ActorPtr> drainers_;
  std::deque<LeaseRecord> grants_;  // grants not yet durable, oldest first
  std::vector<LeaseRecord> lost_grants_;
  std::deque<BindingRecord> binding_changes_;  // bindings under none: changes not yet durable, oldest first
  std::vector<BindingRecord> lost_bindings_;
  // Rating under none: batches and billing changes not yet in a snapshot,
  // oldest first; the batches a crash lost, until their feeds send them again.
  std::deque<BatchRecord> batches_;
  std::set<FeedBatch> unsaved_;
  std::deque<BillingRecord> billing_changes_;
  std::vector<BillingRecord> lost_billing_;
  bool down_ = false;        // the components are down (crashed, or replaying)
  bool recovering_ = false;  // a replay is under way
  std::set<const simgrid::s4u::Host*> hosts_down_;  // the platform's hosts in an outage
  bool rejoining_ = false;   // the spare host is catching up
  simgrid::s4u::ActorPtr catch_up_;  // ships the journals to the spare host while rejoining_
  std::uint64_t spare_crashes_ = 0;  // crashes of the hosts the components did not run on
  double down_since_ = 0;
  bool awaiting_first_ = false;  // restarted; the first change handled ends the recovery time
  std::set<IdempotencyKey> crash_keys_;  // requests in flight at a crash, not yet repeated
  RecoveryCounts counts_;
};

}  // namespace provsim::sim
