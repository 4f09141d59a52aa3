#pragma once
// Turns the state of a finished World into a Results value: summary metrics
// (what [expect] can assert), the time series and the tables.

#include <string>

#include "reports/results.hpp"

namespace provsim::sim {

class World;

reports::Results build_results(World& world, const std::string& version, double wall_seconds);

}  // namespace provsim::sim
