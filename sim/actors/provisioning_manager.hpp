#pragma once

namespace provsim::sim {

class World;

void provisioning_manager_actor(World& world);

}  // namespace provsim::sim
