// The report's harness section: a chart per component under test of its
// answers' wall-clock latency percentiles over simulated time, built from
// sut_requests.csv, present only when the run had a system under test, and
// drawn by headless Chromium.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "reports/chart_specs.hpp"
#include "reports/html_report.hpp"
#include "reports/writer.hpp"
#include "tests/reports/headless_chromium.hpp"

namespace provsim::reports {
namespace {

namespace fs = std::filesystem;

// A two-day run with two components under test (requests for 40 hours):
// the address server slower on the second day.
Results with_requests() {
  Results r;
  r.info = RunInfo{"harness", "ab12", 1, "0.1.0", 2 * 86400.0, 0.5, 10};
  auto& m = r.table("metrics", {"time_s", "orders.in_flight"});
  for (int i = 0; i < 4; ++i) m.add({i * 43200.0, std::int64_t{i}});
  auto& t = r.table("sut_requests", {"component", "time", "operation", "latency_ms", "answered"});
  for (int i = 0; i < 400; ++i) {
    const double time = i * 360.0;
    t.add({std::string("address"), time, std::string("lease"), (time > 86400 ? 2.0 : 0.5) + (i % 10) * 0.01, true});
    if (i % 4 == 0) t.add({std::string("rating"), time, std::string("events"), 0.2 + (i % 7) * 0.1, true});
  }
  return r;
}

std::vector<const Chart*> harness_charts(const ChartSet& set) {
  std::vector<const Chart*> out;
  for (const auto& c : set.charts)
    if (c.topic == kTopicHarness) out.push_back(&c);
  return out;
}

TEST(HarnessReport, OneLatencyChartPerComponentWithOrderedPercentiles) {
  const ChartSet set = build_charts(with_requests());
  const auto charts = harness_charts(set);
  ASSERT_EQ(charts.size(), 2u);
  ASSERT_NE(chart_with_key(set, "harness.address"), nullptr);
  ASSERT_NE(chart_with_key(set, "harness.rating"), nullptr);
  const Chart& address = *chart_with_key(set, "harness.address");
  EXPECT_NE(address.caption.find("400 requests"), std::string::npos) << address.caption;
  EXPECT_NE(address.caption.find("windows of 1 hour"), std::string::npos) << address.caption;
  // Per window: p50 <= p95 <= p99 <= max; the second day slower than the first.
  std::map<double, std::map<std::string, double>> windows;
  for (const auto& v : address.spec["data"]["values"])
    windows[v["time"].get<double>()][v["percentile"].get<std::string>()] = v["latency_ms"].get<double>();
  ASSERT_GE(windows.size(), 40u);
  for (const auto& [time, p] : windows) {
    ASSERT_EQ(p.size(), 4u);
    EXPECT_LE(p.at("p50"), p.at("p95"));
    EXPECT_LE(p.at("p95"), p.at("p99"));
    EXPECT_LE(p.at("p99"), p.at("max"));
  }
  EXPECT_LT(windows.begin()->second.at("p50"), 1.0);
  EXPECT_GT(windows.rbegin()->second.at("p50"), 1.9);
  EXPECT_EQ(address.spec["encoding"]["x"]["title"], "simulated time (hours)");
}

TEST(HarnessReport, NoSectionWithoutASystemUnderTest) {
  Results r = with_requests();
  r.tables.pop_back();  // sut_requests
  const ChartSet set = build_charts(r);
  EXPECT_TRUE(harness_charts(set).empty());
  const std::string html = report_html(r, ReportAssets{});
  EXPECT_EQ(html.find("charts-harness"), std::string::npos);
  EXPECT_NE(report_html(with_requests(), ReportAssets{}).find("id=\"charts-harness\""), std::string::npos);
}

TEST(HarnessReport, ChromiumDrawsTheLatencyCharts) {
  if (!fs::exists(provsim::testing::kChromium))
    GTEST_SKIP() << "/usr/bin/chromium absent: run tools/setup (Debian package chromium)";
  ReportAssets assets = load_assets(fs::path(PROVSIM_SOURCE_DIR) / "reports/web/node_modules");
  ASSERT_TRUE(assets.complete()) << "chart libraries missing in reports/web/node_modules: run tools/setup";
  const fs::path dir = fs::temp_directory_path() / ("provsim_harness_render_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const Results r = with_requests();
  write_all(r, dir, assets);
  const auto page = provsim::testing::open_in_chromium(dir / "report.html", dir / "browser");
  ASSERT_EQ(page.exit_code, 0) << page.log;
  EXPECT_EQ(provsim::testing::script_errors(page.log), std::vector<std::string>{});
  EXPECT_EQ(provsim::testing::chart_problems(page.dom, build_charts(r).charts.size()), std::vector<std::string>{});
  EXPECT_NE(page.dom.find("Harness: how fast does the system under test answer?"), std::string::npos);
  EXPECT_NE(page.dom.find("Latency of the address system under test"), std::string::npos);
  EXPECT_NE(page.dom.find("wall-clock latency (ms)"), std::string::npos);  // the axis was drawn
  EXPECT_EQ(provsim::testing::screenshot_problem(page.screenshot, 30000), "");
  provsim::testing::keep_screenshot(page.screenshot, "harness_report.png");
  if (HasFailure())
    ADD_FAILURE() << "kept for inspection (dom.html, chromium.log, screenshot.png): " << dir;
  else
    fs::remove_all(dir);
}

}  // namespace
}  // namespace provsim::reports
