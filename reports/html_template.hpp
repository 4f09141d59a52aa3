#pragma once
// The fixed parts of report.html: its style sheet and the script that hands
// each inlined chart spec to vega-embed.

namespace provsim::reports {

extern const char* const kReportCss;
extern const char* const kReportScript;

}  // namespace provsim::reports
