#pragma once

#include "sim/channel.hpp"
#include "sim/prospect.hpp"

namespace provsim::sim {

class World;

// The actor body of one prospect on `channel`.
void run_prospect(World& world, ProspectRecord& prospect, ChannelProcess& channel);

}  // namespace provsim::sim
