#pragma once
// The first screen of report.html: the answers a reader opens the report
// for, in one block, each linked to the chart that shows it in full.
//   channels   per channel: share of arrivals provisioned, p95 latency
//   adapters   the bottleneck (highest utilisation) and every utilisation
//   CSR        per call centre: probability of waiting, mean wait,
//              utilisation (with Erlang C's prediction when given)
//   addresses  per pool: blocking against Engset and Erlang B
//   money      per party: revenue rated and settled; conservation
// Built from the summary metrics only; a group whose metrics are absent is
// left out, so the block never shows an empty card.

#include <string>

#include "reports/chart_specs.hpp"
#include "reports/results.hpp"

namespace provsim::reports {

std::string key_figures_html(const Results& results, const ChartSet& charts);

// "42 s", "12.5 min", "3.2 h", "1.5 d": a duration for reading at a glance.
std::string duration_text(double seconds);

}  // namespace provsim::reports
