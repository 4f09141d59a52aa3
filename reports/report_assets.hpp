#pragma once
// The chart libraries inlined into report.html so it opens offline: the
// browser builds of Vega, Vega-Lite and vega-embed that `npm ci` puts in
// reports/web/node_modules (tools/setup runs it).
//
// provsim finds them relative to its own executable, so an installed or
// copied provsim never depends on the source tree it was built from:
//   1. $PROVSIM_ASSET_DIR, when set (odd layouts);
//   2. <exe dir>/../share/provsim, where `cmake --install` and the .deb put
//      them (bin/provsim next to share/provsim);
//   3. <exe dir>/share/provsim, the build folder's link to
//      reports/web/node_modules (the build places provsim at its top).
// The first that holds all three files wins; when none does, the installed
// location is named in the report's note.

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

// Where this process finds the libraries (see above).
std::filesystem::path default_asset_dir();

// Reads the three files under dir; a missing file leaves its text empty
// (the report is then written without charts, never refused).
ReportAssets load_assets(const std::filesystem::path& dir);

}  // namespace provsim::reports
