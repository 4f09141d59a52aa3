#include "reports/html_report.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace provsim::reports {
namespace {

Results sample() {
  Results r;
  r.info = RunInfo{"ip_<borrow>", "ab12cd", 42, "0.1.0", 2592000.0, 1.25, 1000};
  r.metrics["orders.completed"] = std::int64_t{950};
  r.metrics["money.conserved"] = true;
  r.metrics["check.events_balance"] = false;
  r.metrics["events.conserved"] = std::int64_t{0};
  r.metrics["funnel.web.arrived"] = std::int64_t{100};
  r.metrics["funnel.web.ordered"] = std::int64_t{40};
  r.metrics["latency.web.p95"] = 3.5;
  r.metrics["revenue.isp1"] = std::string("12.30");
  auto& m = r.table("metrics", {"time_s", "orders.in_flight", "orders.completed"});
  for (int i = 0; i < 4; ++i) m.add({i * 60.0, std::int64_t{i}, std::int64_t{2 * i}});
  r.verdicts.push_back({"orders.completed >= 900", "950", true});
  r.verdicts.push_back({"ip.blocking < 0.01", "missing", false});
  return r;
}

ReportAssets real_assets() { return load_assets(std::filesystem::path(PROVSIM_SOURCE_DIR) / "reports/web/node_modules"); }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(HtmlReport, HeaderNamesTheRun) {
  std::string html = report_html(sample(), ReportAssets{});
  EXPECT_TRUE(has(html, "<h1>provsim report: ip_&lt;borrow&gt;</h1>"));
  EXPECT_TRUE(has(html, "<dt>seed</dt><dd>42</dd>"));
  EXPECT_TRUE(has(html, "<code>ab12cd</code>"));
  EXPECT_TRUE(has(html, "<dt>version</dt><dd>0.1.0</dd>"));
  EXPECT_TRUE(has(html, "<dt>simulated span</dt><dd>2592000 s (30.0 days)</dd>"));
  EXPECT_TRUE(has(html, "<dt>wall time</dt><dd>1.250 s</dd>"));
  EXPECT_TRUE(has(html, "<span class=\"fail\">1 of 2 expectations passed</span>"));
}

TEST(HtmlReport, TablesOfExpectationsChecksAndMetrics) {
  std::string html = report_html(sample(), ReportAssets{});
  EXPECT_TRUE(has(html, "<tr><td><code>orders.completed &gt;= 900</code></td><td>950</td><td class=\"pass\">pass</td></tr>"));
  EXPECT_TRUE(has(html, "<tr><td><code>ip.blocking &lt; 0.01</code></td><td>missing</td><td class=\"fail\">FAIL</td></tr>"));
  EXPECT_TRUE(has(html, "<h2>Conservation checks</h2>"));
  EXPECT_TRUE(has(html, "<tr><td><code>money.conserved</code></td><td>true</td><td class=\"pass\">pass</td></tr>"));
  EXPECT_TRUE(has(html, "<tr><td><code>check.events_balance</code></td><td>false</td><td class=\"fail\">FAIL</td></tr>"));
  EXPECT_TRUE(has(html, "<tr><td><code>events.conserved</code></td><td>0</td><td>n/a</td></tr>"));
  EXPECT_TRUE(has(html, "<tr><td><code>orders.completed</code></td><td class=\"num\">950</td></tr>"));
  EXPECT_TRUE(has(html, "<a href=\"./metrics.csv\">metrics.csv</a> (4 rows)"));
}

TEST(HtmlReport, WithoutAssetsStillWritesTablesAndSaysHowToGetCharts) {
  ReportAssets missing = load_assets("/nonexistent/provsim/assets");
  ASSERT_FALSE(missing.complete());
  std::string html = report_html(sample(), missing);
  EXPECT_TRUE(has(html, "class=\"note missing-assets\""));
  EXPECT_TRUE(has(html, "<code>tools/setup</code>"));
  EXPECT_TRUE(has(html, "/nonexistent/provsim/assets"));
  EXPECT_TRUE(has(html, "<h2>Summary metrics</h2>"));
  EXPECT_FALSE(has(html, "vegaEmbed("));  // no script that would fail on a missing library
  EXPECT_TRUE(has(html, "id=\"provsim-data\""));
}

TEST(HtmlReport, InlinesLibrariesAndData) {
  ReportAssets assets = real_assets();
  if (!assets.complete()) GTEST_SKIP() << "chart libraries not installed: run tools/setup (npm ci in reports/web)";
  std::string html = report_html(sample(), assets);
  EXPECT_FALSE(has(html, "missing-assets"));
  EXPECT_TRUE(has(html, ".vega={}"));      // the UMD builds, inlined
  EXPECT_TRUE(has(html, ".vegaLite={}"));
  EXPECT_TRUE(has(html, ".vegaEmbed="));
  EXPECT_TRUE(has(html, "vegaEmbed(element, spec, options)"));
  EXPECT_GT(html.size(), assets.vega.size() + assets.vega_lite.size() + assets.vega_embed.size());
  // Data and specs, with every chart's element.
  EXPECT_TRUE(has(html, "\"datasets\":{\"metrics\":[{\"time_s\":0.0,\"orders.in_flight\":0,\"orders.completed\":0}"));
  for (const char* title : {"orders over time", "Funnel per channel", "Latency percentiles per channel", "Revenue per party"})
    EXPECT_TRUE(has(html, title)) << title;
  for (const char* id : {"chart-1", "chart-2", "chart-3", "chart-4"})
    EXPECT_TRUE(has(html, std::string("<div class=\"chart\" id=\"") + id + "\"")) << id;
  EXPECT_FALSE(has(html, "<script src"));  // nothing loads from elsewhere
  EXPECT_FALSE(has(html, "<link"));
  // No library text can close its <script> early.
  std::size_t scripts = 0;
  for (std::size_t at = html.find("</script>"); at != std::string::npos; at = html.find("</script>", at + 1)) ++scripts;
  EXPECT_EQ(scripts, 5u);  // data, three libraries, the embedding script
}

TEST(HtmlReport, DataCannotBreakOutOfItsScript) {
  Results r = sample();
  r.metrics["revenue.</script><b>x"] = std::string("1.00");
  std::string html = report_html(r, ReportAssets{});
  auto data = html.find("id=\"provsim-data\">");
  ASSERT_NE(data, std::string::npos);
  EXPECT_EQ(html.find("<b>x", data), std::string::npos);
  EXPECT_TRUE(has(html, "\"party\":\"\\u003c/script\\u003e\\u003cb\\u003ex\""));
}

TEST(HtmlReport, ScriptSafe) {
  EXPECT_EQ(script_safe("a='</script>';b='</SCRIPT'"), "a='<\\/script>';b='<\\/SCRIPT'");
  EXPECT_EQ(script_safe("x<!--y"), "x<\\!--y");
  EXPECT_EQ(script_safe("a < b && c </ d"), "a < b && c </ d");
}

TEST(HtmlReport, NoChartDataSaysSo) {
  Results r;
  r.info.scenario = "empty";
  std::string html = report_html(r, ReportAssets{});
  EXPECT_TRUE(has(html, "This run has no data for charts."));
  EXPECT_FALSE(has(html, "missing-assets"));
}

TEST(HtmlReport, SpanText) {
  EXPECT_EQ(span_text(30), "30 s");
  EXPECT_EQ(span_text(0.5), "0.5 s");
  EXPECT_EQ(span_text(7200), "7200 s (2.0 hours)");
  EXPECT_EQ(span_text(300), "300 s (5.0 minutes)");
}

}  // namespace
}  // namespace provsim::reports
