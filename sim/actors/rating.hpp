#pragma once
// Usage and rating in the simulation: the BSPs' event feeds, the
// platform's rating engine (intake and a worker), and the billing cycles.

#include "model/core/strong_id.hpp"
#include "sim/feed_state.hpp"
#include "sim/messages.hpp"

namespace provsim::sim {

class World;

void bsp_feed_actor(World& world, ProviderId bsp);
// Starts the engine's worker beside itself, then takes batches in.
void rating_engine_actor(World& world);
void billing_cycle_actor(World& world);

}  // namespace provsim::sim
