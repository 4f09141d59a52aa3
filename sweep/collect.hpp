#pragma once
// Merges a sweep's runs into one table, one row per grid point: the axis
// values, the number of replications found, then for every numeric summary
// metric its mean over the replications and a 95 % confidence interval from
// Student's t with n - 1 degrees of freedom (theory::confidence_interval_95):
//
//   <axis>..., replications, <metric>.mean, <metric>.ci95_low, <metric>.ci95_high, ...
//
// Numeric metrics are integers, doubles (NaN skipped) and money (decimal
// text). A money mean is exact: the sum of the micro-units divided by n,
// rounded half-even to a micro-unit, written as money text; its interval
// bounds come from a floating-point standard deviation and are rounded to a
// micro-unit. With fewer than two replications the interval cells are empty.
// Booleans and other text are not averaged. Metrics are in name order.

#include <filesystem>
#include <string>
#include <vector>

#include "reports/results.hpp"
#include "sweep/plan.hpp"

namespace provsim::sweep {

struct Collected {
  reports::Table table;                // named "sweep"
  std::vector<std::string> metrics;    // the metrics averaged, sorted
  std::size_t runs_found = 0;
  std::vector<std::string> missing;    // planned runs with no complete results (names)
};

// Reads OUT/runs/<run>/summary.json for each planned run that is complete.
Collected collect(const Plan& plan, const std::filesystem::path& out);

// The same from results already read, one per planned run (nullptr: missing).
Collected collect(const Plan& plan, const std::vector<const reports::Results*>& runs);

// Writes OUT/sweep.csv and OUT/sweep.html.
void write_collected(const Plan& plan, const Collected& collected, const std::filesystem::path& out);

}  // namespace provsim::sweep
