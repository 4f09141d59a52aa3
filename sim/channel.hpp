#pragma once
// A channel is how a prospect reaches the platform: the ISP's
// web systems, its client software, its CSR call centre, or the network
// provider's CSR. Every channel follows the same process (see
// actors/prospect.cpp); a ChannelProcess supplies the parts that differ:
// where its system runs and the time and give-ups at each step. A new
// channel is one subclass plus one line in make_channel().
//
// A process is made with what it needs (sim/actors/channels.cpp): the run
// context to read, its channel's options, and the channels' state when it
// changes it (a CSR's call centre, a device id typed wrong).

#include <memory>
#include <string>
#include <utility>

#include <simgrid/s4u/Host.hpp>

#include "model/core/random.hpp"
#include "model/provisioning/order.hpp"
#include "sim/prospect.hpp"

namespace provsim::sim {

class Channels;
class RunContext;

// The end of a channel step: the prospect goes on, or gives up and says why.
struct StepResult {
  bool go_on = true;
  std::string reason;
  static StepResult next() { return {}; }
  static StepResult give_up(std::string why) { return {false, std::move(why)}; }
};

// A form the prospect fills in on his own (the web portal, the client
// software): an exponential time, then he goes on or, with a fixed chance,
// abandons; the give-up reason is the step's name.
struct FormStep {
  double mean_time;
  double abandon;
  StepResult take(Rng& rng, const char* name) const;
};

class ChannelProcess {
 public:
  virtual ~ChannelProcess() = default;
  virtual Channel channel() const = 0;
  // The host the prospect's conversation with the channel runs on.
  virtual simgrid::s4u::Host* host(ProviderId isp) const = 0;
  // Each step spends the channel's time; the prospect goes on or gives up
  // (the reason names why: location, install_failed, call_abandoned, ...).
  virtual StepResult enter_location(ProspectRecord& prospect, Rng& rng) = 0;
  virtual StepResult choose_offer(ProspectRecord& prospect, Rng& rng) = 0;
  virtual StepResult enter_registration(ProspectRecord& prospect, Rng& rng) = 0;
  // The prospect's conversation with the channel is over: registered, or
  // gone. A CSR hangs up here. May be called more than once.
  virtual void end_conversation(ProspectRecord&) {}
};

std::unique_ptr<ChannelProcess> make_channel(Channel channel, const RunContext& context, Channels& channels);

}  // namespace provsim::sim
