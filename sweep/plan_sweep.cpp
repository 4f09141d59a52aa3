#include "sweep/plan_sweep.hpp"

namespace provsim::sweep {

Plan plan_sweep(const SweepSpec& spec, sim::ScenarioVariants& variants) {
  Plan plan = make_plan(spec, spec.seed ? *spec.seed : variants.base().seed);
  for (auto& run : plan.runs) run.hash = variants.hash(plan.overrides(run));
  return plan;
}

}  // namespace provsim::sweep
