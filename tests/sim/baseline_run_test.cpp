// The baseline scenario run inside the test process: what its results
// hold, and determinism (the runs compared are made in child processes,
// which write their results folders with the writer `provsim run` uses).
// The folder `provsim run` itself writes is tested through the binary, in
// run_command_test.cpp.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/in_process_run.hpp"
#include "tests/support/scenario_files.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

const char* const kFiles[] = {"summary.json", "metrics.csv", "orders.csv", "rated_events.csv",
                              "invoices.csv", "settlement.csv", "suspense.csv", "report.html"};

// The baseline with `seed`, run in this process.
reports::Results run_baseline(const std::string& seed) {
  return run_in_process(source_path("scenarios/baseline"), {"run.seed=" + seed});
}

// The same in a child process, which writes its results folder; the folder.
fs::path run_baseline_in_child(const std::string& seed, const std::string& tag) {
  const fs::path out = temp_dir(tag) / "results";
  run_in_child(source_path("scenarios/baseline"), {"run.seed=" + seed}, out);
  return out;
}

nlohmann::json summary_file(const fs::path& out) { return nlohmann::json::parse(read_file(out / "summary.json")); }

TEST(BaselineRun, SummaryShowsARealRunThatConserves) {
  const auto s = summary(run_baseline("1"));
  EXPECT_EQ(s["scenario"], "baseline");
  EXPECT_EQ(s["seed"], 1);
  EXPECT_EQ(s["scenario_hash"].get<std::string>().size(), 16u);
  EXPECT_DOUBLE_EQ(s["simulated_seconds"].get<double>(), 3 * 86400.0);
  const auto& m = s["metrics"];
  EXPECT_GT(m["prospects.arrived"].get<int>(), 900);          // 400/d for 3 days
  EXPECT_GT(m["orders.completed"].get<int>(), 500);
  EXPECT_GT(m["orders.failed"].get<int>(), 0);                // 1 % device failures, scarce ports
  EXPECT_EQ(m["orders.conserved"], true);
  EXPECT_EQ(m["parties.consistent"], true);
  EXPECT_EQ(m["rating.conserved"], true);
  EXPECT_EQ(m["money.conserved"], true);
  EXPECT_GT(m["rating.rated"].get<int>(), 100);
  EXPECT_GT(m["rating.duplicates"].get<int>(), 0);            // resent batches are absorbed
  EXPECT_EQ(m["rating.cycles_closed"], 3);
  EXPECT_GT(m["orders.latency_p50_s"].get<double>(), 0.0);
  EXPECT_LE(m["orders.latency_p50_s"].get<double>(), m["orders.latency_p95_s"].get<double>());
  EXPECT_EQ(m["money.invoiced"], m["money.settled"]);
  for (const auto& v : s["verdicts"]) EXPECT_TRUE(v["passed"].get<bool>()) << v.dump();
}

// The first run a user makes shows every part of the system: all four
// channels provision orders, both BSPs' purchases and metered usage are rated
// and split three ways, and the over-allocated pools borrow from the NP.
TEST(BaselineRun, ShowsEveryChannelRatingAndAnOverAllocatedPool) {
  const reports::Results results = run_baseline("1");
  const auto s = summary(results);
  const auto& m = s["metrics"];
  for (const char* channel : {"isp_web", "client_software", "isp_csr", "np_csr"})
    EXPECT_GT(m[std::string("funnel.") + channel + ".provisioned"].get<int>(), 20) << channel;
  EXPECT_GT(m["call_centre.isp_csr.isp1.offered"].get<int>(), 0);
  EXPECT_GT(m["call_centre.np_csr.offered"].get<int>(), 0);
  for (const char* party : {"revenue.games", "revenue.video", "revenue.isp1", "revenue.isp2", "revenue.netco"})
    EXPECT_GT(std::stod(m[party].get<std::string>()), 0.0) << party;
  const std::string rated = csv_text(results, "rated_events");
  EXPECT_NE(rated.find(",stream,"), std::string::npos);  // metered usage, rated per unit
  EXPECT_GT(m["ip.isp1.ratio"].get<double>(), 1.0);
  EXPECT_GT(m["ip.isp2.ratio"].get<double>(), 1.0);
  EXPECT_GT(m["ip.isp1.borrowed"].get<int>() + m["ip.isp2.borrowed"].get<int>(), 0);
}

TEST(BaselineRun, OrdersCsvHasOneRowPerProspect) {
  const reports::Results results = run_baseline("1");
  const std::string orders = csv_text(results, "orders");
  const auto rows = std::count(orders.begin(), orders.end(), '\n') - 1;
  EXPECT_EQ(rows, summary(results)["metrics"]["prospects.arrived"].get<int>());
  EXPECT_EQ(orders.rfind("prospect,order,subscriber,channel,isp,line,arrived_s", 0), 0u);
}

// Same scenario, same seed: byte-identical files (the wall-clock block of
// summary.json aside). A different seed: different results.
TEST(BaselineRun, SameSeedGivesIdenticalFilesAndAnotherSeedDoesNot) {
  const fs::path a = run_baseline_in_child("7", "det-a");
  const fs::path b = run_baseline_in_child("7", "det-b");
  const fs::path c = run_baseline_in_child("8", "det-c");
  for (const char* f : kFiles) {
    if (std::string(f) == "summary.json" || std::string(f) == "report.html") continue;
    EXPECT_EQ(read_file(a / f), read_file(b / f)) << f;
  }
  auto sa = summary_file(a), sb = summary_file(b);
  sa.erase("wall");
  sb.erase("wall");
  EXPECT_EQ(sa, sb);
  EXPECT_NE(read_file(a / "orders.csv"), read_file(c / "orders.csv"));
  for (const auto& p : {a, b, c}) fs::remove_all(p.parent_path());
}

}  // namespace
}  // namespace provsim::testing
