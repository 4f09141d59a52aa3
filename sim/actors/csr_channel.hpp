#pragma once
// What the two CSR channels (the ISP's and the network provider's call
// centres) share: a conversation with an agent.
//
// How talk time and the platform interleave: the caller queues for an agent
// (FIFO, hanging up when his patience runs out: call_abandoned). When an
// agent answers, the call's talk time is drawn once (exponential or
// log-normal) and spent in three parts: a quarter taking the location, a
// quarter reading out the offer, half taking the registration data. The
// agent stays on the line while the platform qualifies the line and while
// the ISP's account system answers, so those waits add to the agent's busy
// time; the agent hangs up once the subscriber is registered (the order then
// runs without him) or as soon as the conversation ends early (not
// qualified, declined, refused).

#include <unordered_map>

#include "sim/call_centre.hpp"
#include "sim/channel.hpp"

namespace provsim::sim {

class CsrChannel : public ChannelProcess {
 public:
  StepResult enter_location(ProspectRecord& prospect, Rng& rng) override;
  StepResult choose_offer(ProspectRecord& prospect, Rng& rng) override;
  StepResult enter_registration(ProspectRecord& prospect, Rng& rng) override;
  void end_conversation(ProspectRecord& prospect) override;

 protected:
  // The call centre that takes `prospect`'s call.
  virtual CsrCallCentre& centre(const ProspectRecord& prospect) = 0;

 private:
  struct Call {
    CsrCallCentre* centre;
    CallId id;
    double talk_time;
  };
  void talk(const ProspectRecord& prospect, double share);

  std::unordered_map<std::uint64_t, Call> calls_;  // by prospect index, while on the line
};

}  // namespace provsim::sim
