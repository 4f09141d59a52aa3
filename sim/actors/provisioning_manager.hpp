#pragma once
// The provisioning manager on the platform host. Its intake mailbox takes
// orders from the channels (answered with a confirmation when the order
// ends), platform-internal orders, and the party systems' answers to its
// requests (the messages: sim/messages.hpp, IntakeMessage).

#include "sim/messages.hpp"
#include "sim/provisioning_queue.hpp"

namespace provsim::sim {

class World;

void provisioning_manager_actor(World& world);

}  // namespace provsim::sim
