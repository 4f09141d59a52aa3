#pragma once
// A sweep file's plan with every run checked: each run's overrides are
// checked as loading the scenario with them would check them (so a bad grid
// value stops everything before a run starts), and the scenario hash the run
// will report is noted for resuming. The scenario's tables are read once
// (ScenarioVariants), so planning a large grid costs one load, not one per run.

#include "sim/scenario/scenario_variants.hpp"
#include "sweep/plan.hpp"
#include "sweep/sweep_spec.hpp"

namespace provsim::sweep {

// `variants` holds the spec's scenario loaded with the spec's [set]; its
// seed is the base seed unless the spec gives one. Throws sim::InputError.
Plan plan_sweep(const SweepSpec& spec, sim::ScenarioVariants& variants);

}  // namespace provsim::sweep
