#pragma once
// The IP address server in the simulation.
//
// Bindings arrive as provisioning requests (party_systems.cpp); what crosses
// a network besides them — loan requests to the NP reserve, block requests
// to an ISP — are messages too. The per-session lease traffic of a whole
// population does not: it runs inside the server's own actor as timed events
// in its own queue (a timing wheel), one SimGrid wake-up at a time, which
// keeps a million subscribers affordable. With sessions.step the actor wakes
// at most once per step and catches up on what fell due, each event at its
// own time; whoever else touches the server's state (a binding, the metrics
// sampler, a loan's answer) first calls catch_up(now), so the state they see
// is exact at their time. Each bound subscriber alternates idle and online
// periods: on going online it leases an address from its ISP's pool, on going
// offline it releases it (or its device vanishes and the lease expires).
//
// The session driver reads the run context (its random stream, the end
// time, the loan and block mailboxes, the address options) and changes the
// platform (the address server through its port, the lease file with
// durability) and the records (events handled). The reserve and block
// workers read the context and AddressOptions and change only the records.

#include <cstdint>
#include <string>
#include <vector>

#include <simgrid/s4u/Semaphore.hpp>

#include "model/address/address_server.hpp"
#include "model/address/session_process.hpp"
#include "model/core/paged_array.hpp"
#include "model/core/random.hpp"
#include "model/core/timing_wheel.hpp"
#include "sim/address_port.hpp"
#include "sim/messages.hpp"

namespace provsim::sim {

class PlatformComponents;
class RunContext;
struct AddressOptions;
class Records;

class SessionDriver {
 public:
  SessionDriver(const RunContext& context, PlatformComponents& platform, Records& records);

  // The actor body: runs for the whole simulation.
  void run();

  // A subscriber was bound (starts its on/off life) or unbound.
  void bound(SubscriberId who, SimTime now);
  void unbound(SubscriberId who);

  // Handles every event due by `now` (not later than the simulation clock),
  // in time order: called before anyone reads or changes the server.
  void catch_up(SimTime now);

  std::uint64_t sessions_started() const { return sessions_started_; }
  std::uint64_t sessions_blocked() const { return sessions_blocked_; }

  // A pool's use integrated over time from 0 to `now`: address-seconds
  // leased and address-seconds of capacity. Their ratio is the
  // time-average utilisation; leased / now is the carried load in erlangs.
  // Exact for changes made by this driver (sessions, expiries, loans,
  // blocks); a lease released by an unbind counts until the next event.
  struct PoolUse {
    double leased = 0;
    double capacity = 0;
  };
  PoolUse pool_use(PoolId pool, SimTime now) const;

 private:
  enum class Kind : std::uint8_t { kStart, kEnd };
  struct Event {  // 24 bytes
    SimTime at;
    std::uint64_t seq;  // FIFO among equal times, for determinism; live iff live_[who] == seq
    std::uint32_t who;
    Kind kind;
  };

  void schedule(SimTime at, SubscriberId who, Kind kind);
  SimTime next_due();  // the earliest queued event or server deadline
  void drain(SimTime now);  // catch_up's loop, with no SimGrid call inside
  // How many pops ahead drain() fetches an event's state: far enough for
  // a miss to memory to come back while the events before it are handled.
  static constexpr std::size_t kFetchAhead = 8;
  // Forced inline, as every prefetch helper: GCC drops calls to a function
  // whose only effect is a prefetch (the address server's was dropped so).
  [[gnu::always_inline]] inline void fetch_ahead(const Event& e) const;
  void flush();
  void handle(const Event& e);
  void start_session(SubscriberId who, SimTime now);
  void end_session(SubscriberId who, SimTime now);
  void journal_grant(SubscriberId who);  // the lease file (durability)
  void handle_effects(SimTime now);
  void request_addresses(AddressEffect effect);
  void wake();
  void accumulate(SimTime now);  // adds the pools' use since the last call

  const RunContext& context_;
  PlatformComponents& platform_;
  Records& records_;
  AddressPort& server_;  // the IP address server, through its port
  Rng rng_;
  TimingWheel<Event> queue_;
  // By subscriber: the seq of its one pending event (0: none). An unbind
  // or rebind makes the queued one stale without searching the queue.
  PagedArray<std::uint64_t> live_;
  std::uint64_t seq_ = 1;
  std::uint64_t turns_seen_ = 0;  // of queue_: when it turns, the new bucket's first events are fetched ahead
  bool catching_up_ = false;
  bool wake_pending_ = false;
  std::vector<AddressEffect> requests_;  // loan and block requests for flush()
  SessionProcess process_;  // idle and session times, vanishing devices ([sessions])
  double step_;  // sessions.step: 0 wakes at every event time
  // Released when something earlier than the driver's wake-up time is
  // scheduled. A semaphore, not a condition variable: a lock held while the
  // actor is killed at the end of the run deadlocks SimGrid's thread contexts.
  simgrid::s4u::SemaphorePtr changed_;
  bool running_ = false;
  std::uint64_t sessions_started_ = 0;
  std::uint64_t sessions_blocked_ = 0;
  std::vector<PoolUse> use_;  // by pool
  SimTime accumulated_to_ = 0;
};

// The NP reserve's loan desk: answers each loan request after addresses.loan_delay.
class ReserveWorker {
 public:
  ReserveWorker(const RunContext& context, const AddressOptions& options, Records& records)
      : context_(context), options_(options), records_(records) {}

  void operator()();

 private:
  const RunContext& context_;
  const AddressOptions& options_;
  Records& records_;
};

// An ISP's address administration: hands over a block after addresses.grow_delay.
class BlockWorker {
 public:
  BlockWorker(const RunContext& context, const AddressOptions& options, Records& records, ProviderId isp)
      : context_(context), options_(options), records_(records), isp_(isp) {}

  void operator()();

 private:
  const RunContext& context_;
  const AddressOptions& options_;
  Records& records_;
  ProviderId isp_;
};

}  // namespace provsim::sim
