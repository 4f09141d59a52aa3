#include "sweep/plan_sweep.hpp"

#include <gtest/gtest.h>

#include <set>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario.hpp"

namespace provsim::sweep {
namespace {

const std::filesystem::path kBaseline = std::filesystem::path(PROVSIM_SOURCE_DIR) / "scenarios" / "baseline";

SweepSpec spec_with(std::vector<Axis> axes) {
  SweepSpec s;
  s.name = "big";
  s.scenario = kBaseline;
  s.replications = 1;
  s.fixed = {"run.duration=1d"};
  s.axes = std::move(axes);
  return s;
}

std::vector<std::string> numbers(int from, int count) {
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) out.push_back(std::to_string(from + i));
  return out;
}

// A 10,000-point grid is planned from one reading of the scenario's tables,
// and every run still gets the hash a full load with its overrides gives
// (what the run reports and resume compares).
TEST(PlanSweep, ALargeGridReadsTheTablesOnce) {
  std::vector<std::string> rates;
  for (const auto& n : numbers(100, 100)) rates.push_back(n + "/d");
  const SweepSpec grid = spec_with({Axis{"bsp.usage_quantity", numbers(1, 100)}, Axis{"workload.arrival_rate", rates}});
  sim::ScenarioVariants variants(grid.scenario, grid.fixed);
  const Plan plan = plan_sweep(grid, variants);
  ASSERT_EQ(plan.runs.size(), 10'000u);
  EXPECT_EQ(variants.table_loads(), 1u);
  std::set<std::string> hashes;
  for (const auto& run : plan.runs) hashes.insert(run.hash);
  EXPECT_EQ(hashes.size(), plan.runs.size()) << "distinct settings must give distinct hashes";
  for (std::size_t i : {std::size_t{0}, std::size_t{4321}, std::size_t{9999}})
    EXPECT_EQ(plan.runs[i].hash, sim::load_scenario(kBaseline, {plan.overrides(plan.runs[i])})->hash) << i;
}

// Keys that change how the tables are read load them again, once per value.
TEST(PlanSweep, TableSettingsReadTheTablesOncePerValue) {
  const SweepSpec spec = spec_with({Axis{"rating.rounding_decimals", {"2", "3"}}, Axis{"bsp.usage_quantity", numbers(1, 50)}});
  sim::ScenarioVariants variants(spec.scenario, spec.fixed);
  const Plan plan = plan_sweep(spec, variants);
  EXPECT_EQ(variants.table_loads(), 3u);  // the base (5 decimals), then 2 and 3
  EXPECT_EQ(plan.runs[60].hash, sim::load_scenario(kBaseline, {plan.overrides(plan.runs[60])})->hash);
}

// A grid point that loading would refuse stops the plan, as before.
TEST(PlanSweep, AGridPointThatWouldNotLoadIsRefused) {
  sim::ScenarioVariants variants(kBaseline, {"run.duration=1d"});
  const SweepSpec arrivals = spec_with({Axis{"workload.arrival_rate", {"400/d", "200000000/d"}}});
  EXPECT_THROW(plan_sweep(arrivals, variants), sim::InputError);
  const SweepSpec money = spec_with({Axis{"bsp.usage_quantity", {"20", "1000000000000"}}});
  try {
    plan_sweep(money, variants);
    ADD_FAILURE() << "an overflowing usage quantity was planned";
  } catch (const sim::InputError& e) {
    EXPECT_EQ(e.field(), "bsp.usage_quantity") << e.what();
  }
}

}  // namespace
}  // namespace provsim::sweep
