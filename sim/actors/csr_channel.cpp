#include "sim/actors/csr_channel.hpp"

#include <simgrid/s4u/Actor.hpp>

namespace provsim::sim {

namespace sg4 = simgrid::s4u;

StepResult CsrChannel::enter_location(ProspectRecord& p, Rng& rng) {
  CsrCallCentre& c = centre(p);
  const std::optional<CallId> call = c.wait_for_agent(rng);
  if (!call) return StepResult::give_up("call_abandoned");
  calls_[p.index] = Call{&c, *call, c.draw_talk_time(rng)};
  talk(p, 0.25);
  return StepResult::next();
}

StepResult CsrChannel::choose_offer(ProspectRecord& p, Rng&) {
  talk(p, 0.25);
  return StepResult::next();
}

StepResult CsrChannel::enter_registration(ProspectRecord& p, Rng&) {
  talk(p, 0.5);
  return StepResult::next();
}

void CsrChannel::end_conversation(ProspectRecord& p) {
  auto it = calls_.find(p.index);
  if (it == calls_.end()) return;
  const Call call = it->second;
  calls_.erase(it);
  call.centre->hang_up(call.id);
}

void CsrChannel::talk(const ProspectRecord& p, double share) {
  auto it = calls_.find(p.index);
  if (it != calls_.end()) sg4::this_actor::sleep_for(it->second.talk_time * share);
}

}  // namespace provsim::sim
