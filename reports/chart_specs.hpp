#pragma once
// The report's charts as Vega-Lite specs, built from whatever data the run
// has, so a chart appears as soon as its data exists. Conventions:
//
// - table "metrics": column "time_s" is simulated seconds; every other
//   numeric column is a series, one line chart per name prefix before the
//   first '.' ("orders.in_flight" and "orders.completed" share a chart).
//   Rows are thinned to at most kMaxTimeSeriesRows (every k-th, first and
//   last kept); metrics.csv keeps them all.
// - metrics "funnel.<channel>.<stage>": a funnel (counts) per channel.
// - metrics "latency.<channel>.p<N>" or "...p<N>_s": percentiles in
//   simulated seconds; the channel is everything between "latency." and the
//   last '.' ("latency.step.address.p50_s" is channel "step.address").
// - metrics "revenue.<party>": revenue per party (money as decimal text).
//
// Y-axis units come from the series names: "_s" seconds, "_ms"
// milliseconds, "_pct" percent, "ratio"/"utilisation"/"utilization"/
// "blocking"/"probability" a fraction, otherwise a count.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "reports/results.hpp"

namespace provsim::reports {

inline constexpr std::size_t kMaxTimeSeriesRows = 5000;

struct Chart {
  std::string id;       // HTML element id, "chart-1", ...
  std::string title;
  std::string caption;  // one line: what the chart shows
  nlohmann::ordered_json spec;
  bool uses_datasets = false;  // spec reads the shared "datasets" (the metrics table)
};

struct ChartSet {
  std::vector<Chart> charts;
  // Named data the specs refer to (the thinned metrics table), kept once
  // rather than copied into each spec.
  nlohmann::ordered_json datasets = nlohmann::ordered_json::object();
};

ChartSet build_charts(const Results& results);

// The unit of a series, from its name, as an axis label fragment.
std::string unit_of(const std::string& name);

}  // namespace provsim::reports
