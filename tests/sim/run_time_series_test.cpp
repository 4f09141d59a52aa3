// Time series a run writes for the report's charts, on short conformance
// scenarios run inside the test process: each address pool's events
// (pool_events.csv) add up to its summary metrics, and each CSR call
// centre's waiting time per metrics interval (metrics.csv) averages to its
// summary mean wait.

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "reports/csv_reader.hpp"
#include "tests/support/in_process_run.hpp"
#include "tests/support/scenario_files.hpp"

namespace provsim::testing {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct RunOutput {
  nlohmann::json metrics;
  Rows pool_events;
  Rows time_series;
};

RunOutput run(const std::string& scenario, const std::vector<std::string>& sets = {}) {
  const reports::Results results = run_in_process(source_path("scenarios/conformance/" + scenario), sets);
  RunOutput result;
  result.metrics = summary(results)["metrics"];
  result.pool_events = reports::parse_csv(csv_text(results, "pool_events"), "pool_events.csv");
  result.time_series = reports::parse_csv(csv_text(results, "metrics"), "metrics.csv");
  return result;
}

std::size_t column(const Rows& rows, const std::string& name) {
  for (std::size_t c = 0; c < rows.at(0).size(); ++c)
    if (rows[0][c] == name) return c;
  ADD_FAILURE() << "no column " << name;
  return 0;
}

// Sums of pool_events.csv's counts by event kind, for pool 0 (isp1), and
// checks every row on the way.
std::map<std::string, std::int64_t> isp1_event_totals(const RunOutput& r, double interval) {
  const Rows& e = r.pool_events;
  EXPECT_EQ(e.at(0), (std::vector<std::string>{"time_s", "pool", "isp", "region", "event", "count"}));
  std::map<std::string, std::int64_t> totals;
  const std::set<std::string> kinds = {"borrow", "return", "block_added", "lease_blocked"};
  for (std::size_t i = 1; i < e.size(); ++i) {
    EXPECT_EQ(e[i][1], "0");
    EXPECT_EQ(e[i][2], "isp1");
    EXPECT_TRUE(kinds.count(e[i][4])) << e[i][4];
    const double t = std::stod(e[i][0]);
    EXPECT_EQ(std::fmod(t, interval), 0.0) << "events are counted per metrics interval, at its sample: " << t;
    const std::int64_t n = std::stoll(e[i][5]);
    EXPECT_GT(n, 0) << "only non-zero counts get a row";
    totals[e[i][4]] += n;
  }
  return totals;
}

TEST(RunTimeSeries, PoolEventsOfABorrowingPoolAddUpToItsSummary) {
  const RunOutput r = run("ip-borrow");
  ASSERT_FALSE(r.pool_events.empty());
  auto totals = isp1_event_totals(r, 6 * 3600.0);
  EXPECT_GT(totals["borrow"], 0);
  EXPECT_GT(totals["return"], 0);
  EXPECT_EQ(totals["borrow"], r.metrics.at("ip.isp1.borrowed").get<std::int64_t>());
  EXPECT_EQ(totals["return"], r.metrics.at("ip.isp1.returned").get<std::int64_t>());
  EXPECT_EQ(totals["block_added"], r.metrics.at("ip.isp1.grown_addresses").get<std::int64_t>());
  EXPECT_EQ(totals["lease_blocked"], r.metrics.at("ip.isp1.blocked").get<std::int64_t>());
  // Borrowing happens in the evenings: on several days, not in one interval.
  std::set<std::string> borrow_times;
  for (const auto& row : r.pool_events)
    if (row[4] == "borrow") borrow_times.insert(row[0]);
  EXPECT_GE(borrow_times.size(), 5u);
}

TEST(RunTimeSeries, PoolEventsOfAGrowingPoolShowEachBlockAdded) {
  const RunOutput r = run("ip-grow");
  ASSERT_FALSE(r.pool_events.empty());
  auto totals = isp1_event_totals(r, 6 * 3600.0);
  EXPECT_EQ(totals["block_added"], 124);  // two spare /26 blocks of 62 usable addresses
  EXPECT_EQ(totals["block_added"], r.metrics.at("ip.isp1.grown_addresses").get<std::int64_t>());
  EXPECT_EQ(totals["borrow"], 0);
  EXPECT_EQ(totals["lease_blocked"], r.metrics.at("ip.isp1.blocked").get<std::int64_t>());
  EXPECT_GT(totals["lease_blocked"], 0);
}

TEST(RunTimeSeries, CallCentreWaitsPerIntervalAverageToTheSummaryMeanWait) {
  // One agent per ISP, long calls and patient callers: queues build up.
  const RunOutput r = run("qualify-isp-csr", {"channel.isp_csr.agents=1", "channel.isp_csr.patience=0"});
  ASSERT_FALSE(r.time_series.empty());
  const Rows& m = r.time_series;
  for (const std::string isp : {"isp1", "isp2"}) {
    SCOPED_TRACE(isp);
    const std::string k = "call_centre.isp_csr." + isp + ".";
    const std::size_t answered = column(m, k + "interval_answered"), mean = column(m, k + "wait_mean_s"),
                      p90 = column(m, k + "wait_p90_s");
    column(m, k + "queue");
    double calls = 0, waited = 0, longest_p90 = 0;
    for (std::size_t i = 1; i < m.size(); ++i) {
      const double n = std::stod(m[i][answered]);
      if (n == 0) {
        EXPECT_EQ(m[i][mean], "NaN") << "no call answered: no wait to average, row " << i;
        EXPECT_EQ(m[i][p90], "NaN");
        continue;
      }
      const double w = std::stod(m[i][mean]);
      EXPECT_GE(w, 0.0);
      EXPECT_GE(std::stod(m[i][p90]), 0.0);
      longest_p90 = std::max(longest_p90, std::stod(m[i][p90]));
      calls += n;
      waited += n * w;
    }
    EXPECT_EQ(calls, r.metrics.at(k + "answered").get<double>());
    ASSERT_GT(calls, 0);
    const double summary = r.metrics.at(k + "mean_wait_s").get<double>();
    EXPECT_GT(summary, 60.0);
    EXPECT_NEAR(waited / calls, summary, 1e-6 * summary);
    EXPECT_GT(longest_p90, summary);  // some intervals wait much longer than the average
  }
}

}  // namespace
}  // namespace provsim::testing
