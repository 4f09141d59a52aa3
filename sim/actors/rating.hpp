#pragma once

#include "model/core/strong_id.hpp"

namespace provsim::sim {

class World;

void bsp_feed_actor(World& world, ProviderId bsp);
void rating_engine_actor(World& world);
void billing_cycle_actor(World& world);

}  // namespace provsim::sim
