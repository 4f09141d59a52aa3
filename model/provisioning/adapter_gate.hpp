#pragma once
// The concurrency limit of one adapter: at most `limit` requests in flight
// to its party; the rest wait in FIFO order. A capacity-planning knob, so it
// keeps the statistics an architect asks about: in flight, queued, peaks,
// busy time and the in-flight area (utilisation = area / (limit * time)).

#include <cstdint>
#include <deque>
#include <optional>

#include "model/core/sim_time.hpp"
#include "model/core/strong_id.hpp"

namespace provsim {

struct AdapterStats {
  std::uint32_t limit = 0;  // 0: unlimited
  std::uint32_t in_flight = 0;
  std::uint32_t queued = 0;        // may include waiters of orders that failed meanwhile
  std::uint32_t peak_in_flight = 0;
  std::uint32_t peak_queued = 0;
  std::uint64_t sent = 0;          // requests that got a slot
  std::uint64_t waited = 0;        // of those, how many had to wait for it
  Duration wait_time = 0;          // summed time spent waiting for a slot
  Duration busy_time = 0;          // time with at least one request in flight
  Duration in_flight_area = 0;     // integral of in_flight over time
  SimTime last_change = 0;

  // Mean fraction of the limit in use over [0, now]; 0 when unlimited.
  double utilisation(SimTime now) const;
};

class AdapterGate {
 public:
  struct Waiting {
    OrderId order;
    std::uint16_t task = 0;
    bool compensation = false;
    SimTime since = 0;
  };

  explicit AdapterGate(std::uint32_t limit = 0) { stats_.limit = limit; }

  // Every request joins the line; next() hands out slots in arrival order.
  void queue(const Waiting& waiting);
  // The oldest waiter that is still `live`, when a slot is free; the slot
  // is taken on its behalf. Waiters that went stale (their order failed
  // meanwhile) are dropped on the way.
  template <typename Live>
  std::optional<Waiting> next(SimTime now, Live live) {
    while (!waiting_.empty() && !live(waiting_.front())) pop_front();
    if (waiting_.empty() || !has_room()) {
      note_peak_queue();  // only what is left waiting counts as queued
      return std::nullopt;
    }
    Waiting w = waiting_.front();
    pop_front();
    take_slot(w, now);
    return w;
  }
  void release(SimTime now);

  const AdapterStats& stats() const { return stats_; }

 private:
  bool has_room() const { return stats_.limit == 0 || stats_.in_flight < stats_.limit; }
  void account(SimTime now);  // integrate up to now before a change
  void take_slot(const Waiting& w, SimTime now);
  void pop_front();
  void note_peak_queue() { stats_.peak_queued = stats_.peak_queued > stats_.queued ? stats_.peak_queued : stats_.queued; }

  AdapterStats stats_;
  std::deque<Waiting> waiting_;
};

}  // namespace provsim
