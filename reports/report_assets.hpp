#pragma once
// The chart libraries inlined into report.html so it opens offline: the
// browser builds of Vega, Vega-Lite and vega-embed that `npm ci` puts in
// reports/web/node_modules (tools/setup runs it). The build compiles that
// folder in as PROVSIM_ASSET_DIR; the environment variable of the same name
// overrides it (for an installed provsim away from its source tree).

#include <filesystem>
#include <string>

namespace provsim::reports {

struct ReportAssets {
  std::filesystem::path dir;  // where they were looked for, for the report's note
  std::string vega;
  std::string vega_lite;
  std::string vega_embed;

  bool complete() const { return !vega.empty() && !vega_lite.empty() && !vega_embed.empty(); }
};

std::filesystem::path default_asset_dir();

// Reads the three files under dir; a missing file leaves its text empty
// (the report is then written without charts, never refused).
ReportAssets load_assets(const std::filesystem::path& dir);

}  // namespace provsim::reports
