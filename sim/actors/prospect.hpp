#pragma once

#include "sim/channel.hpp"
#include "sim/prospect.hpp"

namespace provsim::sim {

class World;

// The actor body of one prospect on `channel`.
// The reason given to a prospect whose channel's host was down (an outage
// in outages.csv): when he arrived, or while he was talking to the channel.
inline constexpr const char* kChannelDown = "channel_down";

// Ends a prospect who could not reach his channel: abandoned, channel_down.
void channel_down(World& w, ProspectRecord& p);

void run_prospect(World& world, ProspectRecord& prospect, ChannelProcess& channel);

}  // namespace provsim::sim
