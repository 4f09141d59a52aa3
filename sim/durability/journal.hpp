#pragma once
// One platform component's journal on the platform host's simulated disk
// (a SimGrid disk: each write and read takes bytes / bandwidth of simulated
// time, and the writes of every journal share the disk).
//
// A component appends a record for each change it must not lose and, when
// an answer or a message depends on the change, waits until the record is
// durable before sending it (wait_durable). A writer actor carries out the
// writes the commit policy asks for (model/durability/journal_log.hpp); a
// snapshot actor writes the component's whole state every
// durability.snapshot_interval, so a replay reads the last snapshot and the
// journal after it, never the whole history.
//
// At a crash the writer and snapshot actors are killed with the rest of
// the host's actors: what was not durable is lost (crash() says what), and
// the actors waiting for a write are gone. At the restart replay() reads
// what the component must read back before it serves again.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Disk.hpp>
#include <simgrid/s4u/Semaphore.hpp>

#include "model/durability/journal_log.hpp"
#include "sim/durability/journal_replica.hpp"

namespace provsim::sim {

class Journal {
 public:
  // `state_bytes` says how big a snapshot of the component's state is now.
  // Every write also waits `write_latency` (the disk's flush: what makes
  // many small writes dearer than one large one).
  Journal(std::string name, simgrid::s4u::Disk* disk, CommitPolicy policy, double write_latency,
          double snapshot_interval, std::function<double()> state_bytes);

  const std::string& name() const { return name_; }
  const JournalLog& log() const { return log_; }
  CommitMode mode() const { return log_.policy().mode; }

  // Starts the writer and the snapshot actor on `host` (the host the
  // components run on; with a shared disk it may be another host's disk).
  void start(simgrid::s4u::Host* host);
  // Replicated: every write is copied to `replica` before its records count
  // as durable (sim/durability/journal_replica.hpp).
  void replicate_to(JournalReplica replica) {
    replica_.emplace(std::move(replica));
    shipping_ = true;
  }
  const std::optional<JournalReplica>& replica() const { return replica_; }
  // A takeover by the standby host: a replicated journal goes on from the
  // standby's copy on the standby's disk, and is not copied until the host
  // it replaced has caught up (catch_up); a shared one goes on from the
  // same disk.
  void take_over();
  // The standby went down: no copy is made until it has caught up again.
  void stop_shipping() { shipping_ = false; }
  // A host rejoins as the standby (replicated): ships what a replay reads
  // (the last snapshot and the journal after it), then the writes made
  // while that was under way, and from then on every write. Blocks the
  // calling actor; returns the bytes shipped.
  double catch_up();
  // Kills them and forgets the waiters; returns what was lost.
  JournalLoss crash();
  // Reads the last snapshot and the journal after it (blocks the calling
  // actor for the disk time); returns the seconds it took.
  double replay();

  // Appends a record; returns its sequence number. Waking the writer is a
  // SimGrid call: a caller that must make none (the session driver's
  // catch-up) passes wake = false and calls wake() afterwards.
  std::uint64_t append(double bytes, bool wake = true);
  // Calls `then` once, at the next append (how the recovery sees a
  // component handle its first change after a restart); cleared by crash().
  void on_next_append(std::function<void()> then) { next_append_ = std::move(then); }
  void wake();
  // Blocks the calling actor until record `seq` is durable. Under `none`
  // nothing is ever written and this returns at once.
  void wait_durable(std::uint64_t seq);
  // Group commit without blocking: `send` (a message the change caused)
  // runs once record `seq` is durable, from the actor that made it so, in
  // the order of the records; at once if it already is. A crash drops the
  // sends still held (held_lost): those messages never left.
  void hold(std::uint64_t seq, std::function<void()> send);
  // The record's change is acted on: under sync the caller waits for it
  // to be written, under group `send` is held until then, under none it
  // runs at once.
  void then(std::uint64_t seq, std::function<void()> send);
  std::uint64_t held_lost() const { return held_lost_; }
  // Writes the component's whole state now (blocks the calling actor);
  // the records appended before it are durable once it is written. What
  // the snapshot actor does every durability.snapshot_interval.
  void snapshot();

  double write_time() const { return write_time_; }  // seconds the disk spent on this journal's writes
  std::uint64_t records_lost() const { return records_lost_; }  // not durable at the crashes, all crashes

 private:
  void writer();
  void snapshotter();
  void release_waiters();
  void release_held();

  std::string name_;
  simgrid::s4u::Disk* disk_;
  JournalLog log_;
  double write_latency_;
  double snapshot_interval_;
  std::function<double()> state_bytes_;
  simgrid::s4u::SemaphorePtr appended_;  // one permit per append: wakes the writer
  // Actors waiting for a record to be durable, by record.
  std::multimap<std::uint64_t, simgrid::s4u::SemaphorePtr> waiters_;
  // Messages held until their record is durable (group), by record.
  std::multimap<std::uint64_t, std::function<void()>> held_;
  std::uint64_t held_lost_ = 0;
  std::vector<simgrid::s4u::ActorPtr> actors_;
  double write_time_ = 0;
  std::uint64_t records_lost_ = 0;
  std::optional<JournalReplica> replica_;
  bool shipping_ = false;  // replicated and the standby still stands by
  std::function<void()> next_append_;
  bool unwoken_ = false;  // appended without waking the writer
  std::uint64_t crashes_ = 0;
};

}  // namespace provsim::sim
