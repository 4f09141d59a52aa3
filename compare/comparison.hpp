#pragma once
// Every summary metric of side A beside side B, group by group (a results
// folder or one grid point is one group; two sweeps are matched point by
// point, by name), with the difference B - A and whether it is significant:
//
// - both sides with two or more replications: Welch's t-test (unequal
//   variances), significant when its two-sided p-value is below `level`;
// - one side with replications and the other a single run: a one-sample
//   t-test of the single value against the replicated side's mean;
// - a single run on each side: a simulation is deterministic (same scenario
//   and seed, same bytes), so any difference at all is a change: significant
//   when the values differ.
//
// Numbers are integers, doubles (NaN skipped) and booleans (as 0 or 1);
// money (decimal text) keeps exact means (the sum of micro-units over n,
// rounded half-even) and an exact difference; its test runs on micro-units.
// A metric found on one side only is listed with test "missing", never
// significant. Other text is not compared.

#include <optional>
#include <string>
#include <vector>

#include "compare/run_group.hpp"

namespace provsim::compare {

struct MetricRow {
  std::string group;
  std::string metric;
  std::size_t n_a = 0;
  std::size_t n_b = 0;
  std::string mean_a;      // text as in CSV files ("" when missing)
  std::string mean_b;
  std::string difference;  // B - A
  double mean_a_value = 0;
  double mean_b_value = 0;
  std::optional<double> relative;  // (B - A) / |A|, none when A is 0 or missing
  std::optional<double> p_value;   // none for "exact" and "missing"
  std::string test;                // "welch", "one-sample t", "exact", "missing"
  bool significant = false;
  bool money = false;              // the texts are exact money
};

struct Comparison {
  double level = 0.05;
  std::vector<std::pair<std::string, std::string>> pairs;  // the groups compared (A name, B name)
  std::vector<std::string> unmatched;  // groups found on one side only ("A: name")
  std::vector<MetricRow> rows;         // by group, then metric name
};

// Throws std::invalid_argument when no group of A can be paired with one of
// B (two sweeps without a common grid point) or level is not in (0, 1).
Comparison compare(const Side& a, const Side& b, double level);

// The rows whose metric matches the shell glob `pattern` (fnmatch rules).
std::vector<const MetricRow*> matching(const Comparison& c, const std::string& pattern);

}  // namespace provsim::compare
