#pragma once

namespace provsim::sim {

class World;

// The arrival generator's actor body.
void arrivals_actor(World& world);

}  // namespace provsim::sim
