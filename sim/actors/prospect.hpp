#pragma once
// One prospect on his channel, as an actor on the channel's host: location,
// qualification, offer, registration, account, order, confirmation.
//
// Reads the run context (the mailboxes it calls, the catalog and tiers for
// his picks, his random stream) and ProspectOptions; changes his own
// record and, when he ends without service, frees his line (Channels). The
// channel's own steps go through his ChannelProcess.

#include "sim/channel.hpp"
#include "sim/prospect.hpp"

namespace provsim::sim {

class Channels;
class RunContext;
struct ProspectOptions;

// The reason given to a prospect whose channel's host was down (an outage
// in outages.csv): when he arrived, or while he was talking to the channel.
inline constexpr const char* kChannelDown = "channel_down";

// Ends a prospect who could not reach his channel: abandoned, channel_down.
void channel_down(Channels& channels, ProspectRecord& prospect);

class ProspectActor {
 public:
  ProspectActor(const RunContext& context, const ProspectOptions& options, Channels& channels, ProspectRecord& prospect,
                ChannelProcess& channel)
      : context_(context), options_(options), channels_(channels), prospect_(prospect), channel_(channel) {}

  void operator()();

 private:
  const RunContext& context_;
  const ProspectOptions& options_;
  Channels& channels_;
  ProspectRecord& prospect_;
  ChannelProcess& channel_;  // owned by the channels: outlives the actor
};

}  // namespace provsim::sim
