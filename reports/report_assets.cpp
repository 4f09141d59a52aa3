#include "reports/report_assets.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

namespace provsim::reports {

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const char* const kFiles[] = {"vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js",
                              "vega-embed/build/vega-embed.min.js"};

bool holds_all(const fs::path& dir) {
  std::error_code ec;
  for (const char* f : kFiles)
    if (!fs::is_regular_file(dir / f, ec)) return false;
  return true;
}

// The folder of the running executable (Linux: /proc/self/exe); empty when
// it cannot be read.
fs::path executable_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

}  // namespace

fs::path default_asset_dir() {
  // An explicit override is used as given, even when incomplete, so a wrong
  // setting shows in the report's note instead of being silently skipped.
  if (const char* env = std::getenv("PROVSIM_ASSET_DIR"); env != nullptr && *env != '\0') return env;
  const fs::path exe = executable_dir();
  if (exe.empty()) return "share/provsim";
  const fs::path installed = (exe / ".." / "share" / "provsim").lexically_normal();
  const fs::path build_tree = exe / "share" / "provsim";
  if (holds_all(installed)) return installed;
  if (holds_all(build_tree)) return build_tree;
  return installed;
}

ReportAssets load_assets(const fs::path& dir) {
  ReportAssets a;
  a.dir = dir;
  a.vega = read_file(dir / kFiles[0]);
  a.vega_lite = read_file(dir / kFiles[1]);
  a.vega_embed = read_file(dir / kFiles[2]);
  return a;
}

}  // namespace provsim::reports
