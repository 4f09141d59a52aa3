#pragma once
// The [sessions] keys of a scenario as the session process's settings
// (model/address/session_process.hpp): what the simulation's session driver
// and the real-time DHCP driver both draw their sessions from.

#include <string>
#include <vector>

#include "model/address/session_process.hpp"
#include "sim/scenario/config.hpp"

namespace provsim::sim {

// sessions.daily_profile is taken as 24 weights normalised to a mean of 1
// (empty for "flat"); the keys were checked when the scenario was loaded.
SessionSettings session_settings(const Config& c);

// A 24-hour profile key ("flat" or 24 comma-separated weights, checked when
// the scenario was loaded) as weights normalised to a mean of 1; empty for
// "flat".
std::vector<double> hourly_profile(const std::string& text);

}  // namespace provsim::sim
