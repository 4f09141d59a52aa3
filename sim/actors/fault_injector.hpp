#pragma once

namespace provsim::sim {

class World;

// Takes the hosts and links of outages.csv down and back up on schedule.
void fault_injector_actor(World& world);

}  // namespace provsim::sim
