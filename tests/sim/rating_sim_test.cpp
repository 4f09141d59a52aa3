// Usage and rating in the simulation: the BSP feeds' workload
// (purchases, usage summaries, refunds), the rating backlog on a small host,
// and the sampled rated_events.csv. Each test runs a small conformance
// scenario with overrides inside the test process.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "tests/support/in_process_run.hpp"
#include "tests/support/scenario_files.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

struct SimRun {
  reports::Results results;
  nlohmann::json metrics;
};

SimRun run(const std::string& scenario, const std::vector<std::string>& sets) {
  SimRun r;
  r.results = run_in_process(source_path("scenarios/conformance/" + scenario), sets);
  r.metrics = summary(r.results)["metrics"];
  return r;
}

// The rows of a table's CSV text, without its header.
std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::istringstream cells_in(line);
    std::string cell;
    while (std::getline(cells_in, cell, ',')) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

TEST(RatingSim, FeedsSendPurchasesAndRefundsThatConserve) {
  const SimRun r = run("bsp-purchases", {"bsp.purchases_per_day=40", "bsp.refund_share=0.2"});
  EXPECT_GT(r.metrics["rating.rated"].get<int>(), 100);
  EXPECT_GT(r.metrics["rating.refunds"].get<int>(), 5);
  EXPECT_GT(r.metrics["rating.duplicates"].get<int>(), 0);  // resend = 0.5
  EXPECT_EQ(r.metrics["rating.conserved"], true);
  EXPECT_EQ(r.metrics["money.conserved"], true);
}

TEST(RatingSim, FeedsSendUsageSummaries) {
  const SimRun r = run("bsp-usage", {"bsp.usage_per_day=40"});
  EXPECT_GT(r.metrics["rating.rated"].get<int>(), 100);
  std::size_t usage_lines = 0;
  for (const auto& row : csv_rows(csv_text(r.results, "invoices"))) usage_lines += row.at(3) == "usage" ? 1 : 0;
  EXPECT_GE(usage_lines, 8u);  // every subscriber, both offerings, most cycles
  EXPECT_EQ(r.metrics["money.conserved"], true);
}

// 4 Gflop/s and 2e10 flops per event: 5 s per event, far more than the
// feeds' ~80 events per 15 minutes allow, so rated events fall behind.
TEST(RatingSim, SmallHostShowsARatingBacklog) {
  const SimRun r = run("bsp-purchases", {"bsp.purchases_per_day=300", "costs.rating_event=2e10", "run.duration=12h"});
  EXPECT_GT(r.metrics["rating.backlog_peak"].get<int>(), 100);
  const std::string metrics = csv_text(r.results, "metrics");
  EXPECT_NE(metrics.substr(0, metrics.find('\n')).find("rating.backlog"), std::string::npos);
  EXPECT_EQ(r.metrics["rating.conserved"], true);
}

// Beyond the limit rated_events.csv is an even sample over the whole run,
// not its first events.
TEST(RatingSim, RatedEventsAreSampledEvenlyBeyondTheLimit) {
  const SimRun r = run("bsp-purchases", {"bsp.purchases_per_day=100", "rating.rated_events_limit=40"});
  const auto rows = csv_rows(csv_text(r.results, "rated_events"));
  const auto rated = r.metrics["rating.rated"].get<std::size_t>();
  ASSERT_GT(rated, 400u);
  EXPECT_LE(rows.size(), 40u);
  EXPECT_GE(rows.size(), 20u);
  EXPECT_GT(r.metrics["rating.rated_sample_stride"].get<int>(), 1);
  EXPECT_EQ(r.metrics["rating.rated_not_written"].get<std::size_t>(), rated - rows.size());
  EXPECT_LT(std::stod(rows.front().at(5)), 0.5 * 86400);   // from the start of the run...
  EXPECT_GT(std::stod(rows.back().at(5)), 1.5 * 86400);    // ...to its end
}

}  // namespace
}  // namespace provsim::testing
