#pragma once
// A call centre: a pool of identical agents and one FIFO
// queue of callers. A caller who finds a free agent is answered at once;
// otherwise he waits in line. When an agent finishes a call he answers the
// caller who has waited longest. A waiting caller may hang up (abandon)
// before an agent answers him.
//
// Pure and event-driven: the caller drives it with times (arrivals, ends of
// calls, callers' patience running out) and draws talk times and patience
// itself; the class only keeps the queue, the agents and the statistics.
// The simulation's CSR channels drive it from SimGrid actors; the Erlang C
// test drives it from a small event loop.

#include <cstdint>
#include <deque>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "model/call_centre/wait_window.hpp"
#include "model/core/sim_time.hpp"

namespace provsim {

using CallId = std::uint64_t;

// Counted from the last reset_statistics() (or construction).
struct CallCentreStats {
  std::uint64_t offered = 0;    // callers who arrived
  std::uint64_t answered = 0;   // callers an agent answered
  std::uint64_t abandoned = 0;  // callers who hung up while waiting
  std::uint64_t waited = 0;     // callers who found every agent busy (answered later or not)
  double answered_wait = 0;     // total wait of the answered callers (zero waits included)
  double abandoned_wait = 0;    // total time abandoning callers waited before hanging up
  std::uint32_t peak_queue = 0;
  double busy_agent_time = 0;   // integral of busy agents over time (agent-seconds)
  SimTime since = 0;

  // The share of callers who had to wait (Erlang C's P(W > 0)).
  double probability_of_waiting() const { return offered ? static_cast<double>(waited) / static_cast<double>(offered) : 0.0; }
  // Mean wait of the answered callers, zero waits included (Erlang C's W_q
  // when nobody abandons).
  double mean_wait() const { return answered ? answered_wait / static_cast<double>(answered) : 0.0; }
  double abandonment() const { return offered ? static_cast<double>(abandoned) / static_cast<double>(offered) : 0.0; }
};

class CallCentre {
 public:
  explicit CallCentre(std::uint32_t agents);

  struct Arrival {
    CallId call = 0;
    bool answered = false;  // an agent took the call at once; otherwise it waits
  };
  // A caller arrives at `now`.
  Arrival arrive(SimTime now);
  // The agent on `call` hangs up at `now` and answers the longest-waiting
  // caller, if any (returned: his wait ends now).
  std::optional<CallId> finish(CallId call, SimTime now);
  // The waiting caller `call` hangs up at `now`. False when an agent had
  // already answered him (the caller then goes on with the call).
  bool abandon(CallId call, SimTime now);

  std::uint32_t agents() const { return agents_; }
  std::uint32_t busy() const { return static_cast<std::uint32_t>(talking_.size()); }
  std::uint32_t queue_length() const { return static_cast<std::uint32_t>(waiting_.size()); }
  bool is_talking(CallId call) const { return talking_.count(call) > 0; }

  // Statistics up to `now` (the busy-agent integral is brought up to date).
  CallCentreStats stats(SimTime now) const;
  // Agent utilisation from the last reset to `now`: busy agent-time over
  // available agent-time.
  double utilisation(SimTime now) const;
  // Starts counting afresh at `now` (after a warm-up); callers in the
  // queue or on a call stay where they are.
  void reset_statistics(SimTime now);

  // The waits of the callers answered since the last start_interval() (zero
  // waits included): a waiting-time series per metrics interval. Not
  // touched by reset_statistics().
  const WaitWindow& interval_waits() const { return interval_waits_; }
  void start_interval() { interval_waits_.clear(); }

 private:
  void advance(SimTime now);
  void answer(CallId call, double wait);

  std::uint32_t agents_;
  CallId next_call_ = 0;
  std::deque<CallId> line_;                        // FIFO; abandoned callers are skipped lazily
  std::unordered_map<CallId, SimTime> waiting_;    // caller -> arrival time
  std::unordered_set<CallId> talking_;
  CallCentreStats stats_;
  SimTime last_ = 0;  // time of the last change in busy agents
  WaitWindow interval_waits_;
};

}  // namespace provsim
