// Opens a written report.html in headless Chromium and checks that every
// chart was drawn by Vega-Lite from the inlined libraries, with no network.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "reports/writer.hpp"

namespace provsim::reports {
namespace {

namespace fs = std::filesystem;

Results sample() {
  Results r;
  r.info = RunInfo{"render", "ab12", 1, "0.1.0", 7200.0, 0.5, 10};
  r.metrics["funnel.web.arrived"] = std::int64_t{100};
  r.metrics["funnel.web.ordered"] = std::int64_t{40};
  r.metrics["latency.web.p50"] = 2.0;
  r.metrics["latency.web.p99"] = 8.0;
  r.metrics["revenue.isp1"] = std::string("12.30");
  auto& m = r.table("metrics", {"time_s", "orders.in_flight", "ip.isp1.leased"});
  for (int i = 0; i < 10; ++i) m.add({i * 900.0, std::int64_t{i}, std::int64_t{2 * i}});
  return r;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST(ReportRender, ChromiumDrawsEveryChart) {
  if (!fs::exists("/usr/bin/chromium")) GTEST_SKIP() << "/usr/bin/chromium absent (apt-get install chromium)";
  ReportAssets assets = load_assets(fs::path(PROVSIM_SOURCE_DIR) / "reports/web/node_modules");
  if (!assets.complete()) GTEST_SKIP() << "chart libraries not installed: run tools/setup";
  fs::path dir = fs::temp_directory_path() / ("provsim_render_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  write_all(sample(), dir, assets);
  std::string command =
      "/usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-background-networking "
      "--disable-component-update --no-first-run --disable-sync --user-data-dir=" + (dir / "profile").string() +
      " --virtual-time-budget=5000 --dump-dom file://" + (dir / "report.html").string() + " > " +
      (dir / "dom.html").string() + " 2> " + (dir / "chromium.log").string();
  ASSERT_EQ(std::system(command.c_str()), 0) << "see " << (dir / "chromium.log");
  std::ifstream in(dir / "dom.html");
  std::stringstream dom;
  dom << in.rdbuf();
  std::string html = dom.str();
  EXPECT_EQ(count(html, "class=\"chart note\""), 0u);  // the script marks a chart that failed
  // vega-embed gives each drawn chart's SVG the "marks" class.
  EXPECT_EQ(count(html, "class=\"marks\""), 5u) << "orders, ip, funnel, latency, revenue";
  EXPECT_NE(html.find("simulated time (hours)"), std::string::npos);
  EXPECT_NE(html.find("orders.in_flight"), std::string::npos);  // a legend entry: the dotted field was read
  if (HasFailure()) ADD_FAILURE() << "kept for inspection: " << dir;
  else fs::remove_all(dir);
}

}  // namespace
}  // namespace provsim::reports
