// Opens a written report.html in headless Chromium and checks that every
// chart was drawn by Vega-Lite from the inlined libraries, with no network
// and no script error; keeps a screenshot beside the page.

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <limits>
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
  auto& m = r.table("metrics", {"time_s", "orders.in_flight", "ip.isp1.leased", "ip.isp1.capacity", "ip.isp1.blocked",
                                "call_centre.np_csr.queue", "call_centre.np_csr.wait_mean_s",
                                "call_centre.np_csr.wait_p90_s"});
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (int i = 0; i < 10; ++i)
    m.add({i * 900.0, std::int64_t{i}, std::int64_t{2 * i}, std::int64_t{i < 5 ? 16 : 24}, std::int64_t{i / 3},
           std::int64_t{i % 4}, i % 3 ? 30.0 * i : nan, i % 3 ? 60.0 * i : nan});
  // Pool events: borrows, a return, a block added and blocked attempts.
  auto& e = r.table("pool_events", {"time_s", "pool", "isp", "region", "event", "count"});
  const auto event = [&](double t, const char* kind, std::int64_t n) {
    e.add({t, std::int64_t{0}, std::string("isp1"), std::string(), std::string(kind), n});
  };
  event(1800.0, "borrow", 8);
  event(2700.0, "borrow", 4);
  event(3600.0, "lease_blocked", 2);
  event(4500.0, "block_added", 8);
  event(7200.0, "return", 12);
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
  // orders, ip, CSR queues and CSR waits over time, isp1's pool, funnel, latency, revenue
  EXPECT_EQ(provsim::testing::chart_problems(page.dom, 8), std::vector<std::string>{});
  // The pool's events were drawn: points, the block's rule, their legend.
  EXPECT_NE(page.dom.find("mark-symbol"), std::string::npos);
  EXPECT_NE(page.dom.find("mark-rule"), std::string::npos);
  EXPECT_NE(page.dom.find("pool events"), std::string::npos);
  EXPECT_NE(page.dom.find("block_added"), std::string::npos);  // a legend entry
  EXPECT_NE(page.dom.find("CSR waiting time over time"), std::string::npos);
  EXPECT_NE(page.dom.find("simulated time (hours)"), std::string::npos);
  EXPECT_NE(page.dom.find("orders.in_flight"), std::string::npos);  // a legend entry: the dotted field was read
  EXPECT_EQ(provsim::testing::screenshot_problem(page.screenshot, 30000), "");
  provsim::testing::keep_screenshot(page.screenshot, "report_render.png");
  if (HasFailure()) ADD_FAILURE() << "kept for inspection (dom.html, chromium.log, screenshot.png): " << dir;
  else fs::remove_all(dir);
}

}  // namespace
}  // namespace provsim::reports
