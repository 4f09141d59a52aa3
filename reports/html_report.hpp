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

// The tag in every report's head by which provsim knows a report it wrote
// (`provsim report --out FILE` replaces only such a file).
inline constexpr const char* kGeneratorMeta = "<meta name=\"generator\" content=\"provsim\">";

// A link to a file in the results folder: "./" and the name with every byte
// outside [A-Za-z0-9._~-] percent-encoded, so no file name can become a
// "javascript:" or other URL scheme, or leave the attribute.
std::string file_link(std::string_view file_name);

// The file name back from a link file_link made (or a plain older one).
std::string file_from_link(std::string_view link);

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
