#pragma once
// compare.html: one self-contained page (opens offline, like report.html).
// It leads with the verdict (the --fail-on outcome and how many metrics
// differ significantly), then the significant differences, then every
// metric side by side, then each time series of metrics.csv with A and B
// overlaid (the mean over replications at each sample time, for the first
// pair of groups compared).

#include <string>

#include "compare/compare_files.hpp"
#include "compare/comparison.hpp"
#include "reports/report_assets.hpp"

namespace provsim::compare {

inline constexpr std::size_t kMaxOverlayCharts = 60;
inline constexpr std::size_t kMaxOverlayPoints = 600;  // per side and series

std::string compare_html(const Side& a, const Side& b, const Comparison& c, const GateResult& gate,
                         const reports::ReportAssets& assets);

}  // namespace provsim::compare
