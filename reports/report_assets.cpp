#include "reports/report_assets.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#ifndef PROVSIM_ASSET_DIR
#define PROVSIM_ASSET_DIR "reports/web/node_modules"
#endif

namespace provsim::reports {

namespace {

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::filesystem::path default_asset_dir() {
  if (const char* env = std::getenv("PROVSIM_ASSET_DIR"); env != nullptr && *env != '\0') return env;
  return PROVSIM_ASSET_DIR;
}

ReportAssets load_assets(const std::filesystem::path& dir) {
  ReportAssets a;
  a.dir = dir;
  a.vega = read_file(dir / "vega" / "build" / "vega.min.js");
  a.vega_lite = read_file(dir / "vega-lite" / "build" / "vega-lite.min.js");
  a.vega_embed = read_file(dir / "vega-embed" / "build" / "vega-embed.min.js");
  return a;
}

}  // namespace provsim::reports
