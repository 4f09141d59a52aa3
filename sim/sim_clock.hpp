#pragma once
// The simulated clock, read by the actors and the platform's parts: seconds
// since the run began.

#include <simgrid/s4u/Engine.hpp>

namespace provsim::sim {

inline double now() { return simgrid::s4u::Engine::get_clock(); }

}  // namespace provsim::sim
