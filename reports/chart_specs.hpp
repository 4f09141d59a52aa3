#pragma once
// The report's charts as Vega-Lite specs, built from whatever data the run
// has, so a chart appears as soon as its data exists. Conventions:
//
// - table "metrics": column "time_s" is simulated seconds; every other
//   numeric column is a series, one line chart per name prefix before the
//   first '.' ("orders.in_flight" and "orders.completed" share a chart).
//   Rows are thinned to at most kMaxTimeSeriesRows (every k-th, first and
//   last kept); metrics.csv keeps them all. Prefixes "adapters",
//   "call_centre" and "ip" get titles of their own.
// - metrics columns "ip.<isp>.leased" and "ip.<isp>.capacity": a chart per
//   address pool, with "ip.<isp>.blocked" (cumulative) on a second axis.
// - metrics "funnel.<channel>.<stage>": a funnel (counts) per channel.
// - metrics "latency.<channel>.p<N>" or "...p<N>_s": percentiles in
//   simulated seconds; the channel is everything between "latency." and the
//   last '.'. "latency.step.<adapter>.p<N>_s" are provisioning steps, in a
//   chart of their own, not channels.
// - metrics "revenue.<party>": revenue per party (money as decimal text);
//   "revenue.<party>.<more>" is left to the settlement charts.
// - table "settlement" (cycle, party, recurring, purchase, usage, total;
//   money as decimal text): revenue per party per cycle, and each party's
//   split into recurring, purchase and usage over all cycles.
// - table "pools" (pool, isp, blocking, engset_blocking,
//   erlang_b_blocking): simulated blocking against theory per pool.
// - metrics "suspense.<reason>": events in suspense by reason (counts).
// - table "sut_requests" (component, time, latency_ms): per component under
//   test, its answers' wall-clock latency percentiles per window of
//   simulated time; only runs with a system under test have it.
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

// The user question a chart answers; report.html groups its charts so.
inline constexpr const char* kTopicCapacity = "capacity";        // can the platform keep up?
inline constexpr const char* kTopicConformance = "conformance";  // did prospects go where they should?
inline constexpr const char* kTopicAddresses = "addresses";      // are there addresses enough?
inline constexpr const char* kTopicMoney = "money";              // who is owed what?
inline constexpr const char* kTopicHarness = "harness";          // how does a system under test answer?
inline constexpr const char* kTopicOther = "other";

struct Chart {
  std::string id;       // HTML element id, "chart-1", ...
  std::string topic;    // one of the kTopic* above
  std::string key;      // stable name ("funnel", "series.adapters.count", "pool.isp1") for links to it
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

// The chart with this key, or nullptr.
const Chart* chart_with_key(const ChartSet& set, const std::string& key);

// The topic of the time-series chart for metrics.csv columns "<prefix>.*".
std::string topic_of_prefix(const std::string& prefix);

// The unit of a series, from its name, as an axis label fragment.
std::string unit_of(const std::string& name);

}  // namespace provsim::reports
