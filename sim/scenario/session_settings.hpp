#pragma once
// The [sessions] keys of a scenario as the session process's settings
// (model/address/session_process.hpp): what the simulation's session driver
// and the real-time DHCP driver both draw their sessions from.

#include "model/address/session_process.hpp"
#include "sim/scenario/config.hpp"

namespace provsim::sim {

// sessions.daily_profile is taken as 24 weights normalised to a mean of 1
// (empty for "flat"); the keys were checked when the scenario was loaded.
SessionSettings session_settings(const Config& c);

}  // namespace provsim::sim
