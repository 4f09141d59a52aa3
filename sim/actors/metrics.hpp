#pragma once

namespace provsim::sim {

class World;

void metrics_actor(World& world);
// Appends one row of every series at the current simulated time, then
// starts the next interval of the per-interval statistics (pool events,
// call centres' waits).
void sample_now(World& world);

}  // namespace provsim::sim
