#pragma once
// An ISP's account system: authenticates or creates the subscriber
// (AccountCall, sim/messages.hpp). A pool of workers reads the ISP's accounts mailbox.

#include "model/core/strong_id.hpp"
#include "sim/messages.hpp"

namespace provsim::sim {

class World;

void account_worker(World& world, ProviderId isp, int worker);

}  // namespace provsim::sim
