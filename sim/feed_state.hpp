#pragma once
// A BSP feed's state that must survive a restart of its actor after an
// outage of its host. Owned by the parties (sim/parties.hpp); only the feed
// (sim/actors/rating.cpp, BspFeedActor) changes it.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <vector>

#include "model/rating/rating_event.hpp"

namespace provsim::sim {

struct FeedState {
  std::size_t next_scripted = 0;                       // in the feed's own scripted events
  std::vector<RatingEvent> refunds_due;                // sent with the next batch
  std::map<std::uint64_t, RatingEvent> scripted_sent;  // script id -> the event as sent
  // Rating journal under none: the batches acknowledged but not yet known
  // to be in one of the engine's snapshots, oldest first, and the engine's
  // restarts the feed has heard of (a restart means: send them again).
  struct Unsaved {
    std::uint64_t record = 0;
    std::vector<RatingEvent> events;
  };
  std::deque<Unsaved> unsaved;
  std::uint64_t engine_epoch = 0;
};

}  // namespace provsim::sim
