#pragma once
// Usage and rating in the simulation: the BSPs' event feeds, the
// platform's rating engine (intake and a worker), and the billing cycles.

#include <cstdint>
#include <map>
#include <vector>

#include "model/core/strong_id.hpp"
#include "model/rating/rating_event.hpp"
#include "sim/rpc.hpp"

namespace provsim::sim {

class World;

// A BSP's feed -> the rating engine: a batch of events, acknowledged once
// the engine has spent its rating cost on it (and, with durability, written
// it to the rating journal).
struct EventBatch {
  std::vector<RatingEvent> events;
};
struct BatchAck {};
using BatchCall = Call<EventBatch, BatchAck>;

// A feed's state that must survive a restart of its actor after an outage.
struct FeedState {
  std::size_t next_scripted = 0;              // in the feed's own scripted events
  std::vector<RatingEvent> refunds_due;       // sent with the next batch
  std::map<std::uint64_t, RatingEvent> scripted_sent;  // script id -> the event as sent
};

struct RatingSimState {
  std::map<std::uint16_t, FeedState> feeds;  // by BSP
  std::uint64_t backlog = 0;       // events received by the engine, not yet rated
  std::uint64_t backlog_peak = 0;
};

void bsp_feed_actor(World& world, ProviderId bsp);
// Starts the engine's worker beside itself, then takes batches in.
void rating_engine_actor(World& world);
void billing_cycle_actor(World& world);

}  // namespace provsim::sim
