#pragma once
// Watches the rating engine: keeps rated events for rated_events.csv and
// adds up revenue per party and suspense per reason over all of them. Up to
// the scenario's limit every event is kept; beyond it an even, deterministic
// sample: every k-th rated event, k doubling (and every other kept row
// dropped) whenever the rows would exceed the limit.
//
// Owned by the run's records (sim/records.hpp); the rating engine tells it
// what it rated, the results builder reads it.

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "model/rating/rating_engine.hpp"

namespace provsim::sim {

class RatedEventLog : public RatingObserver {
 public:
  struct Row {
    std::uint64_t event;
    std::uint16_t bsp;
    std::uint32_t user;
    std::uint16_t offering;
    std::uint16_t plan;
    double time;
    std::int64_t quantity_millis;
    Money charge;
    bool late;
    bool from_suspense;
    std::uint64_t sequence;  // 0-based rank among all rated events
  };
  explicit RatedEventLog(std::size_t limit) : limit_(limit) {}
  void on_rated(const RatedEvent& rated) override;
  void on_suspended(const RatingEvent& event, SuspenseReason reason) override;

  std::vector<Row> rows;
  std::uint64_t rated = 0;
  std::uint64_t not_kept = 0;        // rated, not in the sample
  std::uint64_t stride = 1;          // the sample keeps events whose sequence is a multiple
  std::vector<Money> revenue;        // by party id (dense: three shares per event)
  std::vector<std::uint8_t> earned;  // by party id: had a share at all
  std::vector<std::pair<RatingEvent, SuspenseReason>> suspended;

 private:
  std::size_t limit_;
};

}  // namespace provsim::sim
