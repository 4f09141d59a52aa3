// The report's first screen: key figures computed from the summary metrics,
// each linked to the chart that shows it, a table of contents, and the
// charts grouped by question. Checked in the HTML text and in headless
// Chromium on a desktop and a phone-width viewport.

#include "reports/key_figures.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <unistd.h>

#include "reports/html_report.hpp"
#include "reports/writer.hpp"
#include "tests/reports/headless_chromium.hpp"

namespace provsim::reports {
namespace {

namespace fs = std::filesystem;

Results sample() {
  Results r;
  r.info = RunInfo{"key", "ab12", 7, "0.1.0", 2 * 86400.0, 0.5, 10};
  r.metrics["funnel.isp_web.arrived"] = std::int64_t{1000};
  r.metrics["funnel.isp_web.provisioned"] = std::int64_t{600};
  r.metrics["latency.isp_web.p50_s"] = 20.0;
  r.metrics["latency.isp_web.p95_s"] = 5400.0;
  r.metrics["adapters.network.utilisation"] = 0.92;
  r.metrics["adapters.network.peak_queued"] = std::int64_t{14};
  r.metrics["adapters.network.mean_wait_s"] = 300.0;
  r.metrics["adapters.billing.utilisation"] = 0.05;
  r.metrics["orders.latency_p95_s"] = 5400.0;
  r.metrics["call_centre.isp_csr.isp1.p_wait"] = 0.25;
  r.metrics["call_centre.isp_csr.isp1.erlang_c_p_wait"] = 0.2;
  r.metrics["call_centre.isp_csr.isp1.mean_wait_s"] = 42.0;
  r.metrics["call_centre.isp_csr.isp1.utilisation"] = 0.5;
  r.metrics["call_centre.isp_csr.isp1.agents"] = std::int64_t{2};
  r.metrics["ip.isp1.blocking"] = 0.012;
  r.metrics["ip.isp1.engset_blocking"] = 0.011;
  r.metrics["ip.isp1.erlang_b_blocking"] = 0.02;
  r.metrics["ip.isp1.capacity"] = std::int64_t{62};
  r.metrics["ip.blocking"] = 0.012;
  r.metrics["revenue.isp1"] = std::string("153.212000");
  r.metrics["revenue_rated.isp1"] = std::string("67.596000");
  r.metrics["money.conserved"] = true;
  auto& m = r.table("metrics", {"time_s", "adapters.network.in_flight", "ip.isp1.leased", "ip.isp1.capacity",
                                "call_centre.isp_csr.isp1.queue", "call_centre.isp_csr.isp1.wait_mean_s"});
  for (int i = 0; i < 12; ++i)
    m.add({i * 3600.0, std::int64_t{i % 4}, std::int64_t{i}, std::int64_t{62}, std::int64_t{i % 3}, 10.0 * i});
  auto& pools = r.table("pools", {"pool", "isp", "blocking", "engset_blocking", "erlang_b_blocking"});
  pools.add({std::int64_t{0}, std::string("isp1"), 0.012, 0.011, 0.02});
  return r;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(KeyFigures, AnswersFirstWithLinksToTheirCharts) {
  const std::string html = report_html(sample(), ReportAssets{});
  const auto key = html.find("id=\"key-figures\"");
  ASSERT_NE(key, std::string::npos);
  // Before any chart, the expectations and the metric tables.
  EXPECT_LT(key, html.find("id=\"contents\""));
  EXPECT_LT(html.find("id=\"contents\""), html.find("<section id=\"charts\""));
  EXPECT_LT(key, html.find("<h2>Summary metrics</h2>"));
  EXPECT_TRUE(has(html, "<b>60.0 %</b> provisioned (600 of 1000)"));
  EXPECT_TRUE(has(html, "p95 latency <b>90 min</b>"));
  EXPECT_TRUE(has(html, "<b>network</b>, utilisation <b>92.0 %</b>, peak queue 14, mean wait 5 min"));
  EXPECT_TRUE(has(html, "waits <b>25.0 %</b> (Erlang C 20.0 %), mean wait <b>42 s</b>, utilisation <b>50.0 %</b>, 2 agents"));
  EXPECT_TRUE(has(html, "blocking <b>1.2 %</b> against Engset 1.1 %, Erlang B 2.0 %; 62 addresses"));
  EXPECT_TRUE(has(html, "rated 67.596000; settled <b>153.212000</b>"));
  // Every link of the block leads to a chart of the page.
  const std::string block = html.substr(key, html.find("</section>", key) - key);
  const std::regex link("href=\"#(chart-[0-9]+)\"");
  std::size_t links = 0;
  for (auto it = std::sregex_iterator(block.begin(), block.end(), link); it != std::sregex_iterator(); ++it, ++links)
    EXPECT_TRUE(has(html, "<div class=\"chart\" id=\"" + (*it)[1].str() + "\"")) << (*it)[1];
  EXPECT_GE(links, 8u);  // funnel, latency, adapters, CSR waits and queues, blocking, pool, revenue
}

TEST(KeyFigures, ChartsAreGroupedByQuestionWithContents) {
  const std::string html = report_html(sample(), ReportAssets{});
  for (const char* id : {"charts-capacity", "charts-conformance", "charts-addresses", "charts-money"}) {
    EXPECT_TRUE(has(html, std::string("<section class=\"topic\" id=\"") + id + "\"")) << id;
    EXPECT_TRUE(has(html, std::string("<a href=\"#") + id + "\"")) << id;
  }
  const auto addresses = html.find("id=\"charts-addresses\"");
  const auto money = html.find("id=\"charts-money\"");
  const auto blocking = html.find("aria-label=\"Blocking per address pool against theory\"");
  EXPECT_LT(addresses, blocking);
  EXPECT_LT(blocking, money);
}

TEST(KeyFigures, NothingToSayNoBlock) {
  Results r;
  r.info = RunInfo{"empty", "00", 1, "0.1.0", 60.0, 0.1, 1};
  r.metrics["orders.completed"] = std::int64_t{1};
  EXPECT_EQ(key_figures_html(r, ChartSet{}), "");
  EXPECT_FALSE(has(report_html(r, ReportAssets{}), "id=\"key-figures\""));
}

TEST(KeyFigures, DurationsReadAtAGlance) {
  EXPECT_EQ(duration_text(42), "42 s");
  EXPECT_EQ(duration_text(300), "5 min");
  EXPECT_EQ(duration_text(5400), "90 min");
  EXPECT_EQ(duration_text(9000), "2.5 h");
  EXPECT_EQ(duration_text(3 * 86400), "3 d");
}

// Adds a script that records, once the charts are drawn, the page's width
// and where the key figures sit, as attributes of its body and, when the
// page is framed, of the framing page's body (the dumped DOM shows those).
void add_layout_probe(const fs::path& html) {
  std::string text = provsim::testing::slurp_file(html);
  const std::string probe =
      "<script>setTimeout(function () { var k = document.getElementById('key-figures').getBoundingClientRect();"
      " var d = {'data-scroll-width': document.documentElement.scrollWidth, 'data-view-width': window.innerWidth,"
      " 'data-key-top': Math.round(k.top)};"
      " for (var name in d) document.body.setAttribute(name, d[name]);"
      " if (window.parent !== window) window.parent.postMessage(d, '*'); }, 5000);</script>\n";
  text.insert(text.rfind("</body>"), probe);
  std::ofstream(html, std::ios::binary) << text;
}

// Headless Chromium lays a window out at least 500 px wide; a phone's
// viewport is had by framing the report in an iframe of the phone's width.
fs::path phone_frame(const fs::path& dir, int width, int height) {
  const fs::path page = dir / "phone.html";
  std::ofstream(page, std::ios::binary)
      << "<!DOCTYPE html><html><body style=\"margin:0\"><iframe src=\"report.html\" style=\"border:0;width:" << width
      << "px;height:" << height
      << "px\"></iframe><script>window.addEventListener('message', function (e) {"
         " for (var name in e.data) document.body.setAttribute(name, e.data[name]); });</script></body></html>\n";
  return page;
}

int attribute(const std::string& dom, const std::string& name) {
  const std::regex re(name + "=\"([0-9]+)\"");
  std::smatch m;
  return std::regex_search(dom, m, re) ? std::stoi(m[1]) : -1;
}

void render(bool phone, int width, int height, const std::string& png) {
  ReportAssets assets = load_assets(fs::path(PROVSIM_SOURCE_DIR) / "reports/web/node_modules");
  ASSERT_TRUE(assets.complete()) << "chart libraries missing in reports/web/node_modules: run tools/setup";
  const fs::path dir = fs::temp_directory_path() / ("provsim_key_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  write_all(sample(), dir, assets);
  add_layout_probe(dir / "report.html");
  const fs::path page_file = phone ? phone_frame(dir, width, height) : dir / "report.html";
  const std::string window = std::to_string(phone ? 500 : width) + "," + std::to_string(height);
  const auto page = provsim::testing::open_in_chromium(page_file, dir / "browser", window);
  ASSERT_EQ(page.exit_code, 0) << page.log;
  EXPECT_EQ(provsim::testing::script_errors(page.log), std::vector<std::string>{});
  if (!phone) {  // the framed page's DOM is not in the dump; its charts are drawn the same way
    const std::size_t charts = build_charts(sample()).charts.size();
    EXPECT_EQ(provsim::testing::chart_problems(page.dom, charts), std::vector<std::string>{});
  }
  // The viewport is the one asked for, nothing is wider than it, and the
  // key figures start in the upper half of the first screen.
  EXPECT_EQ(attribute(page.dom, "data-view-width"), width) << "the layout probe did not run";
  const int scroll_width = attribute(page.dom, "data-scroll-width");
  EXPECT_GT(scroll_width, 0);
  EXPECT_LE(scroll_width, width);
  const int top = attribute(page.dom, "data-key-top");
  EXPECT_GE(top, 0);
  EXPECT_LT(top, height / 2) << "key figures start at " << top << " px";
  provsim::testing::keep_screenshot(page.screenshot, png);
  if (::testing::Test::HasFailure()) ADD_FAILURE() << "kept for inspection: " << dir;
  else fs::remove_all(dir);
}

TEST(KeyFiguresRender, DesktopFirstScreen) {
  if (!fs::exists(provsim::testing::kChromium)) GTEST_SKIP() << "/usr/bin/chromium absent: run tools/setup";
  render(false, 1200, 900, "report_key_desktop.png");
}

TEST(KeyFiguresRender, PhoneWidth) {
  if (!fs::exists(provsim::testing::kChromium)) GTEST_SKIP() << "/usr/bin/chromium absent: run tools/setup";
  render(true, 390, 1600, "report_key_phone.png");
}

}  // namespace
}  // namespace provsim::reports
