#pragma once
// Every key scenario.ini may hold, with its type, default and help text.
// `provsim validate --keys` prints them all.

#include "sim/scenario/config.hpp"

namespace provsim::sim {

const ConfigSchema& scenario_schema();

}  // namespace provsim::sim
