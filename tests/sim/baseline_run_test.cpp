// The baseline scenario through the real provsim binary: the results folder
// a user gets, its content, and determinism.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/provsim_process.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

const char* const kFiles[] = {"summary.json", "metrics.csv", "orders.csv", "rated_events.csv",
                              "invoices.csv", "settlement.csv", "suspense.csv", "report.html"};

// One run of the baseline per seed, shared by the tests of this file.
fs::path run_baseline(const std::string& seed, const std::string& tag) {
  const fs::path out = temp_dir(tag) / "results";
  const ProcessResult r = run_provsim("run '" + source_path("scenarios/baseline").string() + "' --quiet --seed " +
                                      seed + " --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return out;
}

nlohmann::json summary(const fs::path& out) { return nlohmann::json::parse(read_file(out / "summary.json")); }

TEST(BaselineRun, WritesEveryResultsFile) {
  const fs::path out = run_baseline("1", "files");
  for (const char* f : kFiles) EXPECT_TRUE(fs::is_regular_file(out / f)) << f;
  // No half-written folder is left beside it.
  for (const auto& entry : fs::directory_iterator(out.parent_path()))
    EXPECT_EQ(entry.path().filename().string().find(".partial"), std::string::npos) << entry.path();
  fs::remove_all(out.parent_path());
}

TEST(BaselineRun, SummaryShowsARealRunThatConserves) {
  const fs::path out = run_baseline("1", "summary");
  const auto s = summary(out);
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
  fs::remove_all(out.parent_path());
}

// The first run a user makes shows every part of the system: all four
// channels provision orders, both BSPs' purchases and metered usage are rated
// and split three ways, and the over-allocated pools borrow from the NP.
TEST(BaselineRun, ShowsEveryChannelRatingAndAnOverAllocatedPool) {
  const fs::path out = run_baseline("1", "whole");
  const auto s = summary(out);
  const auto& m = s["metrics"];
  for (const char* channel : {"isp_web", "client_software", "isp_csr", "np_csr"})
    EXPECT_GT(m[std::string("funnel.") + channel + ".provisioned"].get<int>(), 20) << channel;
  EXPECT_GT(m["call_centre.isp_csr.isp1.offered"].get<int>(), 0);
  EXPECT_GT(m["call_centre.np_csr.offered"].get<int>(), 0);
  for (const char* party : {"revenue.games", "revenue.video", "revenue.isp1", "revenue.isp2", "revenue.netco"})
    EXPECT_GT(std::stod(m[party].get<std::string>()), 0.0) << party;
  const std::string rated = read_file(out / "rated_events.csv");
  EXPECT_NE(rated.find(",stream,"), std::string::npos);  // metered usage, rated per unit
  EXPECT_GT(m["ip.isp1.ratio"].get<double>(), 1.0);
  EXPECT_GT(m["ip.isp2.ratio"].get<double>(), 1.0);
  EXPECT_GT(m["ip.isp1.borrowed"].get<int>() + m["ip.isp2.borrowed"].get<int>(), 0);
  fs::remove_all(out.parent_path());
}

TEST(BaselineRun, OrdersCsvHasOneRowPerProspect) {
  const fs::path out = run_baseline("1", "orders");
  const std::string orders = read_file(out / "orders.csv");
  const auto rows = std::count(orders.begin(), orders.end(), '\n') - 1;
  EXPECT_EQ(rows, summary(out)["metrics"]["prospects.arrived"].get<int>());
  EXPECT_EQ(orders.rfind("prospect,order,subscriber,channel,isp,line,arrived_s", 0), 0u);
  fs::remove_all(out.parent_path());
}

// Same scenario, same seed: byte-identical files (the wall-clock block of
// summary.json aside). A different seed: different results.
TEST(BaselineRun, SameSeedGivesIdenticalFilesAndAnotherSeedDoesNot) {
  const fs::path a = run_baseline("7", "det-a");
  const fs::path b = run_baseline("7", "det-b");
  const fs::path c = run_baseline("8", "det-c");
  for (const char* f : kFiles) {
    if (std::string(f) == "summary.json" || std::string(f) == "report.html") continue;
    EXPECT_EQ(read_file(a / f), read_file(b / f)) << f;
  }
  auto sa = summary(a), sb = summary(b);
  sa.erase("wall");
  sb.erase("wall");
  EXPECT_EQ(sa, sb);
  EXPECT_NE(read_file(a / "orders.csv"), read_file(c / "orders.csv"));
  for (const auto& p : {a, b, c}) fs::remove_all(p.parent_path());
}

TEST(CheckCommand, PassingScenarioExitsZeroAndWritesJunit) {
  const fs::path out = temp_dir("check-pass");
  const ProcessResult r =
      run_provsim("check '" + source_path("scenarios/baseline").string() + "' --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("PASS  baseline: money.conserved == true"), std::string::npos) << r.out;
  const std::string junit = read_file(out / "junit.xml");
  EXPECT_NE(junit.find("<testsuite"), std::string::npos);
  EXPECT_NE(junit.find("name=\"seed\""), std::string::npos);
  EXPECT_TRUE(fs::is_regular_file(out / "baseline" / "summary.json"));
  fs::remove_all(out);
}

TEST(CheckCommand, FailingExpectationExitsOne) {
  const fs::path dir = copy_scenario("baseline", "check-fail");
  replace_in(dir / "scenario.ini", "orders.completed >= 500", "orders.completed >= 999999");
  const fs::path out = dir.parent_path() / "out";
  const ProcessResult r = run_provsim("check '" + dir.string() + "' --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL  baseline: orders.completed >= 999999"), std::string::npos) << r.out;
  EXPECT_NE(read_file(out / "junit.xml").find("<failure"), std::string::npos);
  fs::remove_all(dir.parent_path());
}

TEST(CheckCommand, BadScenarioExitsTwoBeforeRunningAnything) {
  const fs::path dir = copy_scenario("baseline", "check-bad");
  replace_in(dir / "scenario.ini", "workers = 16", "workers = -1");
  const fs::path out = dir.parent_path() / "out";
  const ProcessResult r = run_provsim("check '" + source_path("scenarios/baseline").string() + "' '" + dir.string() +
                                      "' --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_FALSE(fs::exists(out / "baseline"));  // the good one did not run either
  fs::remove_all(dir.parent_path());
}

TEST(Help, EverySubcommandExplainsItself) {
  for (const char* command : {"run", "check", "validate"}) {
    const ProcessResult r = run_provsim(std::string(command) + " --help");
    EXPECT_EQ(r.exit_code, 0) << command;
    EXPECT_NE(r.out.find("usage: provsim " + std::string(command)), std::string::npos) << r.out;
  }
  const ProcessResult keys = run_provsim("validate --keys");
  EXPECT_NE(keys.out.find("arrival_rate"), std::string::npos);
}

}  // namespace
}  // namespace provsim::testing
