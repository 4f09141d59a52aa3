// Opens a written report.html in headless Chromium and checks that every
// chart was drawn by Vega-Lite from the inlined libraries, with no network
// and no script error; keeps a screenshot beside the page.

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <unistd.h>

#include "reports/writer.hpp"
#include "tests/reports/headless_chromium.hpp"

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
  r.metrics["revenue.isp1"] = std::string("12.300000");
  auto& m = r.table("metrics", {"time_s", "orders.in_flight", "ip.isp1.leased"});
  for (int i = 0; i < 10; ++i) m.add({i * 900.0, std::int64_t{i}, std::int64_t{2 * i}});
  return r;
}

TEST(ReportRender, ChromiumDrawsEveryChart) {
  if (!fs::exists(provsim::testing::kChromium)) GTEST_SKIP() << "/usr/bin/chromium absent: run tools/setup (Debian package chromium)";
  ReportAssets assets = load_assets(fs::path(PROVSIM_SOURCE_DIR) / "reports/web/node_modules");
  ASSERT_TRUE(assets.complete()) << "chart libraries missing in reports/web/node_modules: run tools/setup";
  const fs::path dir = fs::temp_directory_path() / ("provsim_render_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  write_all(sample(), dir, assets);
  const auto page = provsim::testing::open_in_chromium(dir / "report.html", dir / "browser");
  ASSERT_EQ(page.exit_code, 0) << page.log;
  EXPECT_EQ(provsim::testing::script_errors(page.log), std::vector<std::string>{});
  // orders and ip over time, funnel, latency, revenue
  EXPECT_EQ(provsim::testing::chart_problems(page.dom, 5), std::vector<std::string>{});
  EXPECT_NE(page.dom.find("simulated time (hours)"), std::string::npos);
  EXPECT_NE(page.dom.find("orders.in_flight"), std::string::npos);  // a legend entry: the dotted field was read
  EXPECT_EQ(provsim::testing::screenshot_problem(page.screenshot, 30000), "");
  // Kept in the test's working folder (the build's tests/ folder) for a look.
  if (fs::exists(page.screenshot)) {
    fs::copy_file(page.screenshot, "report_render.png", fs::copy_options::overwrite_existing);
    std::cout << "screenshot: " << fs::absolute("report_render.png").string() << "\n";
  }
  if (HasFailure()) ADD_FAILURE() << "kept for inspection (dom.html, chromium.log, screenshot.png): " << dir;
  else fs::remove_all(dir);
}

}  // namespace
}  // namespace provsim::reports
