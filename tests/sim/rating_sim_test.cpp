// Usage and rating in the simulation: the BSP feeds' workload
// (purchases, usage summaries, refunds), the rating backlog on a small host,
// and the sampled rated_events.csv. Each test runs a small conformance
// scenario through the provsim binary with overrides.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "tests/support/provsim_process.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

struct SimRun {
  fs::path out;
  nlohmann::json metrics;
};

SimRun run(const std::string& scenario, const std::string& sets, const std::string& tag) {
  SimRun r;
  r.out = temp_dir(tag) / "results";
  const ProcessResult p = run_provsim("run '" + source_path("scenarios/conformance/" + scenario).string() +
                                      "' --quiet --out '" + r.out.string() + "' " + sets);
  EXPECT_EQ(p.exit_code, 0) << p.err;
  r.metrics = nlohmann::json::parse(read_file(r.out / "summary.json"))["metrics"];
  return r;
}

std::vector<std::vector<std::string>> csv_rows(const fs::path& file) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(read_file(file));
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
  const SimRun r = run("bsp-purchases", "--set bsp.purchases_per_day=40 --set bsp.refund_share=0.2", "rating-refunds");
  EXPECT_GT(r.metrics["rating.rated"].get<int>(), 100);
  EXPECT_GT(r.metrics["rating.refunds"].get<int>(), 5);
  EXPECT_GT(r.metrics["rating.duplicates"].get<int>(), 0);  // resend = 0.5
  EXPECT_EQ(r.metrics["rating.conserved"], true);
  EXPECT_EQ(r.metrics["money.conserved"], true);
  fs::remove_all(r.out.parent_path());
}

TEST(RatingSim, FeedsSendUsageSummaries) {
  const SimRun r = run("bsp-usage", "--set bsp.usage_per_day=40", "rating-usage");
  EXPECT_GT(r.metrics["rating.rated"].get<int>(), 100);
  std::size_t usage_lines = 0;
  for (const auto& row : csv_rows(r.out / "invoices.csv")) usage_lines += row.at(3) == "usage" ? 1 : 0;
  EXPECT_GE(usage_lines, 8u);  // every subscriber, both offerings, most cycles
  EXPECT_EQ(r.metrics["money.conserved"], true);
  fs::remove_all(r.out.parent_path());
}

// 4 Gflop/s and 2e10 flops per event: 5 s per event, far more than the
// feeds' ~80 events per 15 minutes allow, so rated events fall behind.
TEST(RatingSim, SmallHostShowsARatingBacklog) {
  const SimRun r = run("bsp-purchases",
                    "--set bsp.purchases_per_day=300 --set costs.rating_event=2e10 --set run.duration=12h",
                    "rating-backlog");
  EXPECT_GT(r.metrics["rating.backlog_peak"].get<int>(), 100);
  const std::string metrics = read_file(r.out / "metrics.csv");
  EXPECT_NE(metrics.substr(0, metrics.find('\n')).find("rating.backlog"), std::string::npos);
  EXPECT_EQ(r.metrics["rating.conserved"], true);
  fs::remove_all(r.out.parent_path());
}

// Beyond the limit rated_events.csv is an even sample over the whole run,
// not its first events.
TEST(RatingSim, RatedEventsAreSampledEvenlyBeyondTheLimit) {
  const SimRun r = run("bsp-purchases", "--set bsp.purchases_per_day=100 --set rating.rated_events_limit=40",
                    "rating-sample");
  const auto rows = csv_rows(r.out / "rated_events.csv");
  const auto rated = r.metrics["rating.rated"].get<std::size_t>();
  ASSERT_GT(rated, 400u);
  EXPECT_LE(rows.size(), 40u);
  EXPECT_GE(rows.size(), 20u);
  EXPECT_GT(r.metrics["rating.rated_sample_stride"].get<int>(), 1);
  EXPECT_EQ(r.metrics["rating.rated_not_written"].get<std::size_t>(), rated - rows.size());
  EXPECT_LT(std::stod(rows.front().at(5)), 0.5 * 86400);   // from the start of the run...
  EXPECT_GT(std::stod(rows.back().at(5)), 1.5 * 86400);    // ...to its end
  fs::remove_all(r.out.parent_path());
}

}  // namespace
}  // namespace provsim::testing
