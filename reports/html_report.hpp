#pragma once
// report.html: one self-contained page that opens offline. The header names
// the run (scenario, seed, scenario hash, version, simulated span, wall
// time, verdicts); tables show the expectations, the conservation checks and
// the summary metrics (rendered in HTML, so they read without JavaScript);
// the charts of chart_specs.hpp are drawn by Vega-Lite from data and specs
// inlined in the page, with the libraries inlined too. Without the
// libraries the page still has every table and says how to get the charts.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "reports/report_assets.hpp"
#include "reports/results.hpp"

namespace provsim::reports {

std::string report_html(const Results& results, const ReportAssets& assets);

// Text placed inside <script>: "</script" and "<!--" are broken up so the
// HTML parser cannot end or re-enter the script early (the JavaScript
// meaning is unchanged: "<\/" reads as "</" in strings and regexes).
std::string script_safe(std::string_view js);

// JSON placed inside <script type="application/json">: '<', '>' and '&'
// (only ever inside strings) become \u escapes, which JSON.parse reads back.
std::string json_for_script(const nlohmann::ordered_json& j);

// "2592000 s (30.0 days)"
std::string span_text(double seconds);

}  // namespace provsim::reports
