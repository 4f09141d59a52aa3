#pragma once
// A BSP feed's state that must survive a restart of its actor after an
// outage of its host. Owned by the parties (sim/parties.hpp); only the feed
// (sim/actors/rating.cpp, BspFeedActor) changes it.

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "model/rating/rating_event.hpp"

namespace provsim::sim {

struct FeedState {
  std::size_t next_scripted = 0;                       // in the feed's own scripted events
  std::vector<RatingEvent> refunds_due;                // sent with the next batch
  std::map<std::uint64_t, RatingEvent> scripted_sent;  // script id -> the event as sent
};

}  // namespace provsim::sim
