#pragma once
// sweep.html: one self-contained page (opens offline, like report.html)
// with a chart per plotted metric: its mean over replications against the
// x axis (a [grid] key), one curve per combination of the other axes, and
// the 95 % confidence interval as a band around each curve. Which metrics:
// the sweep's `plot` list, or else every averaged metric whose mean differs
// between grid points (at most kMaxSweepCharts). The x axis: the sweep's
// `x`, or else the last axis whose values are all numbers and more than one.

#include <cstddef>
#include <string>

#include "reports/report_assets.hpp"
#include "sweep/collect.hpp"
#include "sweep/plan.hpp"

namespace provsim::sweep {

inline constexpr std::size_t kMaxSweepCharts = 40;

std::string sweep_html(const Plan& plan, const Collected& collected, const reports::ReportAssets& assets);

// The axis index sweep.html puts on x; plan.axes.size() when there is none.
std::size_t x_axis(const Plan& plan);

// The metrics sweep.html charts.
std::vector<std::string> plotted_metrics(const Plan& plan, const Collected& collected);

}  // namespace provsim::sweep
