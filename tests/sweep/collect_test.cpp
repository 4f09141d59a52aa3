#include "sweep/collect.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "reports/summary_json.hpp"
#include "reports/value_text.hpp"
#include "sweep/run_status.hpp"
#include "tests/support/provsim_process.hpp"

namespace provsim::sweep {
namespace {

namespace fs = std::filesystem;
using reports::Results;

// Two grid points (policy reject, borrow) x three replications.
Plan two_points() {
  SweepSpec s;
  s.name = "t";
  s.scenario = "/x";
  s.replications = 3;
  s.axes = {Axis{"ip.policy", {"reject", "borrow"}}};
  return make_plan(s, 1);
}

Results run_with(std::int64_t completed, double blocking, const std::string& revenue) {
  Results r;
  r.metrics["orders.completed"] = completed;
  r.metrics["ip.blocking"] = blocking;
  r.metrics["revenue.isp1"] = revenue;
  r.metrics["money.conserved"] = true;  // not averaged
  return r;
}

std::string cell(const Collected& c, std::size_t row, const std::string& column) {
  const auto& cols = c.table.columns;
  const auto at = static_cast<std::size_t>(std::find(cols.begin(), cols.end(), column) - cols.begin());
  if (at == cols.size()) return "<no column " + column + ">";
  return reports::value_text(c.table.rows[row][at]);
}

double number(const Collected& c, std::size_t row, const std::string& column) { return std::stod(cell(c, row, column)); }

TEST(Collect, MeansAndIntervalsMatchHandComputation) {
  const Plan plan = two_points();
  // Point reject: completed 10, 12, 17 -> mean 13, s = sqrt(((-3)^2 + (-1)^2 + 4^2) / 2) = sqrt(13),
  // half-width t(0.975, 2) * s / sqrt(3) = 4.3027 * 3.605551 / 1.732051 = 8.957 (Student t table).
  Results a = run_with(10, 0.1, "1.000000"), b = run_with(12, 0.2, "2.000000"), c = run_with(17, 0.3, "4.000000");
  // Point borrow: one replication found, two missing.
  Results d = run_with(20, 0.0, "5.500000");
  const Collected got = collect(plan, std::vector<const Results*>{&a, &b, &c, &d, nullptr, nullptr});

  EXPECT_EQ(got.table.columns.front(), "ip.policy");
  EXPECT_EQ(got.table.columns[1], "replications");
  EXPECT_EQ(got.metrics, (std::vector<std::string>{"ip.blocking", "orders.completed", "revenue.isp1"}));
  ASSERT_EQ(got.table.rows.size(), 2u);
  EXPECT_EQ(cell(got, 0, "ip.policy"), "reject");
  EXPECT_EQ(cell(got, 0, "replications"), "3");
  EXPECT_DOUBLE_EQ(number(got, 0, "orders.completed.mean"), 13.0);
  const double half = 4.3027 * std::sqrt(13.0) / std::sqrt(3.0);
  EXPECT_NEAR(number(got, 0, "orders.completed.ci95_low"), 13.0 - half, 1e-9);
  EXPECT_NEAR(number(got, 0, "orders.completed.ci95_high"), 13.0 + half, 1e-9);
  // blocking 0.1, 0.2, 0.3: mean 0.2, s = 0.1, half = 4.3027 * 0.1 / sqrt(3) = 0.248416.
  EXPECT_NEAR(number(got, 0, "ip.blocking.mean"), 0.2, 1e-12);
  EXPECT_NEAR(number(got, 0, "ip.blocking.ci95_high") - 0.2, 0.248416, 1e-6);
  // Money: the mean is exact money text (7 / 3 = 2.333333, half-even), the bounds rounded to a micro-unit.
  // s = sqrt(((1 - 7/3)^2 + (2 - 7/3)^2 + (4 - 7/3)^2) / 2) = sqrt(7/3); half = 4.3027 * sqrt(7/3) / sqrt(3) = 3.794625.
  EXPECT_EQ(cell(got, 0, "revenue.isp1.mean"), "2.333333");
  EXPECT_EQ(cell(got, 0, "revenue.isp1.ci95_low"), "-1.461292");
  EXPECT_EQ(cell(got, 0, "revenue.isp1.ci95_high"), "6.127958");

  EXPECT_EQ(cell(got, 1, "replications"), "1");
  EXPECT_EQ(cell(got, 1, "orders.completed.mean"), "20.0");
  EXPECT_EQ(cell(got, 1, "orders.completed.ci95_low"), "");  // one replication: no interval
  EXPECT_EQ(cell(got, 1, "revenue.isp1.mean"), "5.500000");
  EXPECT_EQ(got.runs_found, 4u);
  EXPECT_EQ(got.missing, (std::vector<std::string>{"ip.policy=borrow,rep=1", "ip.policy=borrow,rep=2"}));
}

TEST(Collect, ReadsOnlyRunsWithTheirHashAndSeed) {
  Plan plan = two_points();
  const fs::path out = provsim::testing::temp_dir("collect");
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    plan.runs[i].hash = "h" + std::to_string(i);
    Results r = run_with(static_cast<std::int64_t>(i), 0.5, "1.000000");
    r.info.seed = plan.runs[i].seed;
    r.info.scenario_hash = plan.runs[i].hash;
    if (i == 4) r.info.scenario_hash = "stale";  // another scenario version: not this sweep's run
    if (i == 5) continue;                           // never ran
    fs::create_directories(run_dir(out, plan.runs[i]));
    provsim::testing::write_file(run_dir(out, plan.runs[i]) / "summary.json", reports::summary_text(r));
  }
  EXPECT_TRUE(run_complete(run_dir(out, plan.runs[0]), "h0", plan.runs[0].seed));
  EXPECT_FALSE(run_complete(run_dir(out, plan.runs[0]), "h0", plan.runs[0].seed + 1));
  EXPECT_FALSE(run_complete(run_dir(out, plan.runs[4]), "h4", plan.runs[4].seed));
  EXPECT_FALSE(run_complete(run_dir(out, plan.runs[5]), "h5", plan.runs[5].seed));
  const Collected got = collect(plan, out);
  EXPECT_EQ(got.runs_found, 4u);
  EXPECT_EQ(got.missing.size(), 2u);
  EXPECT_DOUBLE_EQ(number(got, 0, "orders.completed.mean"), 1.0);  // runs 0, 1, 2
  EXPECT_DOUBLE_EQ(number(got, 1, "orders.completed.mean"), 3.0);  // run 3 only
  write_collected(plan, got, out);
  const std::string csv = provsim::testing::read_file(out / "sweep.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "ip.policy,replications,ip.blocking.mean,ip.blocking.ci95_low,ip.blocking.ci95_high,"
            "orders.completed.mean,orders.completed.ci95_low,orders.completed.ci95_high,revenue.isp1.mean,"
            "revenue.isp1.ci95_low,revenue.isp1.ci95_high");
  EXPECT_NE(provsim::testing::read_file(out / "sweep.html").find("provsim sweep: t"), std::string::npos);
  fs::remove_all(out);
}

}  // namespace
}  // namespace provsim::sweep
