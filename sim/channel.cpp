#include "sim/channel.hpp"

#include <simgrid/s4u/Actor.hpp>

namespace provsim::sim {

StepResult FormStep::take(Rng& rng, const char* name) const {
  simgrid::s4u::this_actor::sleep_for(rng.exponential(mean_time));
  return rng.bernoulli(abandon) ? StepResult::give_up(name) : StepResult::next();
}

}  // namespace provsim::sim
