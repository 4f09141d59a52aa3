// size.json, size.csv and size.html from a finished search: the answer and
// its notes, the table's rows, every value escaped where it goes, and the
// page's charts drawn by headless Chromium.

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <sstream>

#include "reports/csv_reader.hpp"
#include "reports/csv_writer.hpp"
#include "sweep/size_report.hpp"
#include "tests/reports/headless_chromium.hpp"
#include "tests/support/provsim_process.hpp"

namespace provsim::sweep {
namespace {

namespace fs = std::filesystem;

// A finished search over agents 1..20 for two targets: 4 fails, 8 meets,
// 6 is undecided at the cap, 7 meets and is the answer.
SizeRequest request(const std::string& scenario = "/scenarios/cc") {
  SizeRequest r;
  r.scenario = scenario;
  r.key = "channel.isp_csr.agents";
  r.low = "1";
  r.high = "20";
  r.step = "1";
  r.settings.targets = {parse_size_target("call_centre.isp_csr.isp1.p_wait <= 0.2"),
                        parse_size_target("call_centre.isp_csr.isp1.mean_wait_s < 60")};
  r.settings.max_replications = 10;
  r.base_seed = 5;
  return r;
}

SizeOutcome outcome() {
  SizeOutcome o;
  o.finished = true;
  const auto candidate = [](std::uint64_t position, std::size_t n, SizeVerdict v, double wait, SizeVerdict wv) {
    return CandidateReport{position, std::to_string(position + 1), n,
                           {TargetInterval{wait, wait - 0.05, wait + 0.05, n, wv},
                            TargetInterval{wait * 100, wait * 90, wait * 110, n, v}},
                           v};
  };
  o.tried = {candidate(3, 3, SizeVerdict::fails, 0.9, SizeVerdict::fails),
             candidate(7, 3, SizeVerdict::meets, 0.06, SizeVerdict::meets),
             candidate(5, 10, SizeVerdict::undecided, 0.22, SizeVerdict::undecided),
             candidate(6, 5, SizeVerdict::meets, 0.13, SizeVerdict::meets)};
  o.answer = 6;
  return o;
}

TEST(SizeReport, AnswerNotesAndJson) {
  const auto r = request();
  const auto o = outcome();
  EXPECT_EQ(answer_text(r, o), "channel.isp_csr.agents = 7 (smallest value meeting every target at 95 % confidence)");
  const auto notes = answer_notes(r, o);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0], "channel.isp_csr.agents = 6 was undecided after 10 replications (--max-replications) and was "
                      "counted as failing");
  const auto j = size_json(r, o);
  EXPECT_EQ(j["answer"], "7");
  EXPECT_EQ(j["find"], "smallest");
  EXPECT_EQ(j["candidates"].size(), 4u);
  EXPECT_EQ(j["candidates"][2]["verdict"], "undecided");
  EXPECT_EQ(j["candidates"][2]["targets"][0]["target"], "call_centre.isp_csr.isp1.p_wait <= 0.2");

  SizeOutcome none = o;
  none.answer.reset();
  EXPECT_EQ(answer_text(r, none), "no value of channel.isp_csr.agents in 1:20 meets every target at 95 % confidence");
  EXPECT_TRUE(size_json(r, none)["answer"].is_null());
  SizeOutcome first = o;
  first.answer = 0;
  first.tried = {CandidateReport{0, "1", 3, o.tried[0].targets, SizeVerdict::meets}};
  EXPECT_EQ(answer_notes(r, first).back(), "the answer is the end of the range (1): the smallest value may lie beyond it");
}

TEST(SizeReport, TableHasARowPerCandidateAndTargetAndReadsBack) {
  const reports::Table t = size_table(request(), outcome());
  ASSERT_EQ(t.rows.size(), 8u);
  std::ostringstream csv;
  reports::write_csv(t, csv);
  const auto read = reports::parse_csv(csv.str(), "size.csv");
  ASSERT_EQ(read.size(), 9u);
  EXPECT_EQ(read[0], (std::vector<std::string>{"order", "key", "value", "replications", "metric", "op", "target",
                                               "mean", "ci_low", "ci_high", "verdict", "candidate"}));
  const auto& row = read[6];  // the undecided candidate's second target
  EXPECT_EQ(row[0], "3");
  EXPECT_EQ(row[2], "6");
  EXPECT_EQ(row[3], "10");
  EXPECT_EQ(row[4], "call_centre.isp_csr.isp1.mean_wait_s");
  EXPECT_EQ(row[5], "<");
  EXPECT_EQ(row[6], "60");
  EXPECT_EQ(row[10], "undecided");
}

TEST(SizeReport, EveryValueIsEscapedOnThePage) {
  // A scenario folder may be named anything: it reaches the page's text.
  const std::string hostile = "/tmp/</script><img src=x onerror=alert(1)>&amp;";
  const std::string html = size_html(request(hostile), outcome(), reports::ReportAssets{});
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("</script><img"), std::string::npos);
  EXPECT_NE(html.find("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp;"), std::string::npos);
}

TEST(SizeRender, ChromiumDrawsAChartPerTarget) {
  if (!fs::exists(provsim::testing::kChromium)) GTEST_SKIP() << "/usr/bin/chromium absent: run tools/setup (Debian package chromium)";
  const auto assets = reports::load_assets(fs::path(PROVSIM_SOURCE_DIR) / "reports/web/node_modules");
  ASSERT_TRUE(assets.complete()) << "chart libraries missing in reports/web/node_modules: run tools/setup";
  const fs::path dir = provsim::testing::temp_dir("size-render");
  provsim::testing::write_file(dir / "size.html", size_html(request(), outcome(), assets));
  const auto page = provsim::testing::open_in_chromium(dir / "size.html", dir / "browser");
  ASSERT_EQ(page.exit_code, 0) << page.log;
  EXPECT_EQ(provsim::testing::script_errors(page.log), std::vector<std::string>{});
  EXPECT_EQ(provsim::testing::chart_problems(page.dom, 2), std::vector<std::string>{});
  EXPECT_NE(page.dom.find("mark-rule"), std::string::npos);  // intervals, the target line, the answer
  EXPECT_NE(page.dom.find("undecided"), std::string::npos);  // the verdict legend
  EXPECT_EQ(provsim::testing::screenshot_problem(page.screenshot, 20000), "");
  provsim::testing::keep_screenshot(page.screenshot, "size_render.png");
  if (HasFailure()) ADD_FAILURE() << "kept for inspection (dom.html, chromium.log, screenshot.png): " << dir;
  else fs::remove_all(dir);
}

}  // namespace
}  // namespace provsim::sweep
