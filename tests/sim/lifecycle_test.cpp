// Subscribers after their first order, run inside the test process:
// churn (disconnect orders on the reverse path), order changes, the audit
// log, compensation order, and Little's law on the results.

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/in_process_run.hpp"
#include "tests/support/scenario_files.hpp"

namespace provsim::testing {
namespace {

struct Run {
  reports::Results results;
  nlohmann::json metrics;
};

// Runs a shipped scenario with overrides.
std::unique_ptr<Run> run(const std::string& scenario, const std::vector<std::string>& sets) {
  auto r = std::make_unique<Run>();
  r->results = run_in_process(source_path("scenarios/" + scenario), sets);
  r->metrics = summary(r->results)["metrics"];
  return r;
}

// The rows of a table's CSV text, its header first.
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream l(line);
    while (std::getline(l, cell, ',')) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    rows.push_back(cells);
  }
  return rows;
}

TEST(Lifecycle, DisconnectsFreeTheLineAndLeaveNothingBehind) {
  auto r = run("conformance/deprovisioning", {"run.duration=1d"});
  const auto& m = r->metrics;
  EXPECT_GT(m["orders.disconnect.completed"].get<int>(), 10);
  EXPECT_EQ(m["lifecycle.lines_freed"], m["orders.disconnect.completed"]);
  EXPECT_EQ(m["parties.consistent"], true);
  EXPECT_EQ(m["orders.conserved"], true);
  EXPECT_EQ(m["ip.conserved"], true);
  EXPECT_EQ(m["money.conserved"], true);
}

TEST(Lifecycle, ChangesKeepPartiesAndBillingInStep) {
  auto r = run("conformance/order-changes", {"run.duration=1d"});
  const auto& m = r->metrics;
  EXPECT_GT(m["orders.change.add_bsp.completed"].get<int>(), 5);
  EXPECT_GT(m["orders.change.remove_bsp.completed"].get<int>(), 5);
  EXPECT_GT(m["orders.change.change_tier.completed"].get<int>(), 5);
  EXPECT_EQ(m["parties.consistent"], true);
  EXPECT_EQ(m["orders.conserved"], true);
}

// The audit log: in every failed order, the tasks are undone in the reverse
// of the order they were done in, and every order ends in exactly one
// terminal state.
TEST(Lifecycle, CompensationUndoesInReverseOrder) {
  auto r = run("conformance/pm-compensation", {"run.duration=6h"});
  const auto rows = read_csv(csv_text(r->results, "audit"));
  ASSERT_GT(rows.size(), 100u);
  ASSERT_EQ(rows[0][1], "order");
  std::map<std::string, std::vector<std::string>> done, undone;
  std::map<std::string, int> terminal;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const std::string& order = row[1];
    const std::string& task = row[2];
    const std::string& to = row[8];
    if (task.empty()) {
      if (to == "completed" || to == "failed" || to == "cancelled") ++terminal[order];
    } else if (to == "done") {
      done[order].push_back(task);
    } else if (to == "compensated") {
      undone[order].push_back(task);
    }
  }
  int compensated_orders = 0;
  for (const auto& [order, tasks] : undone) {
    std::vector<std::string> reversed(done[order].rbegin(), done[order].rend());
    EXPECT_EQ(tasks, reversed) << "order " << order;
    ++compensated_orders;
  }
  EXPECT_GT(compensated_orders, 10);
  for (const auto& [order, n] : terminal) EXPECT_EQ(n, 1) << "order " << order;
  EXPECT_EQ(r->metrics["parties.consistent"], true);
  EXPECT_EQ(r->metrics["audit.written"].get<int>() + 1, static_cast<int>(rows.size()));
}

TEST(Lifecycle, AuditLimitBoundsTheFile) {
  auto r = run("conformance/pm-compensation", {"run.duration=6h", "audit.limit=50"});
  EXPECT_EQ(read_csv(csv_text(r->results, "audit")).size(), 51u);
  EXPECT_GT(r->metrics["audit.not_written"].get<int>(), 0);
}

// L = lambda W on a steady run (flat arrivals, a queue at the network
// adapter, with churn and changes).
TEST(Lifecycle, LittlesLawHoldsOnASteadyRun) {
  auto r = run("capacity-pm",
               {"workload.arrival_rate=250/d", "lifecycle.churn_rate=0.05/d", "lifecycle.change_rate=0.2/d"});
  const auto& m = r->metrics;
  const double L = m["littles_law.L"].get<double>();
  const double lambda = m["littles_law.lambda"].get<double>();
  const double W = m["littles_law.W"].get<double>();
  EXPECT_GT(L, 1.0);  // a few orders in the system on average
  EXPECT_NEAR(L, lambda * W, 0.03 * L);
  EXPECT_LT(m["littles_law.relative_error"].get<double>(), 0.03);
}

}  // namespace
}  // namespace provsim::testing
