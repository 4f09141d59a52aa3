// Opens a sweep.html in headless Chromium: every chart (mean curves with
// confidence bands) drawn, no script error; keeps a screenshot.

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <unistd.h>

#include "sweep/collect.hpp"
#include "sweep/sweep_html.hpp"
#include "tests/reports/headless_chromium.hpp"
#include "tests/support/provsim_process.hpp"

namespace provsim::sweep {
namespace {

namespace fs = std::filesystem;

TEST(SweepRender, ChromiumDrawsEveryCurveWithItsBand) {
  if (!fs::exists(provsim::testing::kChromium)) GTEST_SKIP() << "/usr/bin/chromium absent: run tools/setup (Debian package chromium)";
  const auto assets = reports::load_assets(fs::path(PROVSIM_SOURCE_DIR) / "reports/web/node_modules");
  ASSERT_TRUE(assets.complete()) << "chart libraries missing in reports/web/node_modules: run tools/setup";
  SweepSpec spec;
  spec.name = "render";
  spec.scenario = "/scenarios/baseline";
  spec.replications = 3;
  spec.axes = {Axis{"ip.policy", {"reject", "borrow"}}, Axis{"ip.max_ratio", {"1.0", "1.5", "2.0"}}};
  const Plan plan = make_plan(spec, 1);
  std::vector<reports::Results> results(plan.runs.size());
  std::vector<const reports::Results*> runs;
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    const double ratio = std::stod(plan.points[plan.runs[i].point].values[1]);
    const double noise = 0.01 * static_cast<double>(plan.runs[i].replication);
    results[i].metrics["ip.blocking"] = (plan.runs[i].point < 3 ? 0.1 : 0.05) * ratio + noise;
    results[i].metrics["orders.completed"] = static_cast<std::int64_t>(100 + i);
    results[i].metrics["revenue.isp1"] = std::string(i % 2 ? "10.000000" : "12.500000");
    runs.push_back(&results[i]);
  }
  const Collected c = collect(plan, runs);
  const fs::path dir = provsim::testing::temp_dir("sweep-render");
  provsim::testing::write_file(dir / "sweep.html", sweep_html(plan, c, assets));
  const auto page = provsim::testing::open_in_chromium(dir / "sweep.html", dir / "browser");
  ASSERT_EQ(page.exit_code, 0) << page.log;
  EXPECT_EQ(provsim::testing::script_errors(page.log), std::vector<std::string>{});
  EXPECT_EQ(provsim::testing::chart_problems(page.dom, 3), std::vector<std::string>{});
  EXPECT_NE(page.dom.find("ip.policy=borrow"), std::string::npos);  // a curve per policy, named in the legend
  EXPECT_EQ(provsim::testing::screenshot_problem(page.screenshot, 30000), "");
  provsim::testing::keep_screenshot(page.screenshot, "sweep_render.png");
  if (HasFailure()) ADD_FAILURE() << "kept for inspection (dom.html, chromium.log, screenshot.png): " << dir;
  else fs::remove_all(dir);
}

}  // namespace
}  // namespace provsim::sweep
