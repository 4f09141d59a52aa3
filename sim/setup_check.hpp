#pragma once
// `validate` and `run` check the same things before anything runs: besides
// the files and keys (load_scenario), the whole set-up of the run is built
// once, without running it (sim::dry_setup): SimGrid's engine with the
// user's --cfg/--log options, the platform, the model components (address
// policies and their parameters), the initial population, the actors. Then
// every [expect] metric must be one the run can produce.
//
// The set-up is built in a child process, because SimGrid allows one engine
// per process and ends the process (abort) on some bad options rather than
// throwing; the parent turns whatever went wrong into one InputError line.

#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/world.hpp"

namespace provsim::sim {

// Throws InputError naming the file and line (or the command-line option)
// that the set-up or an [expect] metric name fails on. `validate` checks
// the initial population too; `run` leaves it to the run itself, which
// loads it first thing and fails with the same line before anything else.
// Returns the metric names the run can produce (patterns, as
// sim::metric_matches reads them).
std::vector<std::string> check_setup(const Scenario& scenario, const SimOptions& options, bool with_population = true);

}  // namespace provsim::sim
