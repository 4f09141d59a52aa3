#pragma once
// Turns the state of a finished World into a Results value: summary metrics
// (what [expect] can assert), the time series and the tables.

#include <string>
#include <vector>

#include "reports/results.hpp"

namespace provsim::sim {

class World;

reports::Results build_results(World& world, const std::string& version, double wall_seconds);

// The summary metrics whose presence depends on what happened in the run (a
// channel's funnel once a prospect used it, a failure reason once it
// occurred, a party's revenue per cycle), as patterns in which '*' stands for
// one or more of the characters [A-Za-z0-9_.]. build_results at time zero
// gives every other name; together they are what [expect] may name.
std::vector<std::string> metric_families(const World& world);
bool metric_matches(const std::string& pattern, const std::string& name);

}  // namespace provsim::sim
