// The paths a large population takes, on small copies that run in seconds:
// the session actor's batching (sessions.step) never changes what a pool
// does, and a scaled-down scenarios/capacity-1m (line plant, bulk-loaded
// subscribers, 20 ISPs, 10 BSPs) runs with every conservation law holding
// and the same files for the same seed. The batching comparisons run each
// scenario in a child process forked from the test's, which writes the
// results folder the comparison reads; the other tests start the binary.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/in_process_run.hpp"
#include "tests/support/provsim_process.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

// Runs `scenario` (a folder) with extra --set options; the results folder.
fs::path run_to(const fs::path& scenario, const std::string& sets, const fs::path& out) {
  const ProcessResult p =
      run_provsim("run '" + scenario.string() + "' --quiet " + sets + " --out '" + out.string() + "'");
  EXPECT_EQ(p.exit_code, 0) << p.err;
  return out;
}

// The same in a child process forked from this one, with `sets` as overrides.
fs::path run_forked_to(const fs::path& scenario, const std::vector<std::string>& sets, const fs::path& out) {
  run_in_child(scenario, sets, out);
  return out;
}

nlohmann::json metrics(const fs::path& results) {
  return nlohmann::json::parse(read_file(results / "summary.json"))["metrics"];
}

// With a policy that never sends requests the actor may leave events until
// someone looks: every figure of the pools must be the same as when it
// wakes for each event. (A 10-minute step lands on the 6-hour metrics
// samples: that once let the sampler's catch-up run inside the actor's own,
// through a simcall, and hand out a grant at the wrong time.)
void expect_same_pools(const std::string& scenario) {
  const fs::path dir = temp_dir("step-" + scenario.substr(scenario.find('/') + 1));
  const fs::path src = source_path("scenarios/" + scenario);
  const fs::path exact = run_forked_to(src, {"sessions.step=0"}, dir / "exact");
  const fs::path lazy = run_forked_to(src, {"sessions.step=auto"}, dir / "lazy");
  const fs::path stepped = run_forked_to(src, {"sessions.step=10m"}, dir / "stepped");
  for (const char* file : {"pools.csv", "metrics.csv", "pool_events.csv"}) {
    EXPECT_EQ(read_file(exact / file), read_file(lazy / file)) << scenario << ": " << file;
    EXPECT_EQ(read_file(exact / file), read_file(stepped / file)) << scenario << ": " << file;
  }
  const nlohmann::json a = metrics(exact), b = metrics(lazy);
  for (const auto& [key, value] : a.items())
    if (key.rfind("ip.", 0) == 0) {
      EXPECT_EQ(value, b[key]) << scenario << ": " << key;
    }
  EXPECT_GT(a["ip.sessions_started"].get<double>(), 1000);
  fs::remove_all(dir);
}

TEST(SessionsStep, BatchingLeavesARejectingPoolExactlyAsItWas) { expect_same_pools("conformance/ip-reject"); }

TEST(SessionsStep, BatchingLeavesAQueueingPoolExactlyAsItWas) { expect_same_pools("conformance/ip-queue"); }

TEST(SessionsStep, BatchingLeavesAPreemptingPoolExactlyAsItWas) { expect_same_pools("conformance/ip-preempt"); }

// Borrowing sends loan requests: a step delays them (by at most the step),
// the scenario's own expectations still hold.
TEST(SessionsStep, ABorrowingPoolWithAStepStillMeetsItsExpectations) {
  const reports::Results r = run_in_process(source_path("scenarios/conformance/ip-borrow"), {"sessions.step=1s"});
  EXPECT_FALSE(r.verdicts.empty());  // `provsim check` counts a scenario without expectations as failed
  for (const auto& v : r.verdicts) EXPECT_TRUE(v.passed) << v.expectation << " (actual " << v.actual << ")";
}

TEST(SessionsStep, AStepThatIsNotADurationIsRefused) {
  const fs::path dir = temp_dir("step-bad");
  const ProcessResult p = run_provsim("run '" + source_path("scenarios/baseline").string() +
                                      "' --set sessions.step=soon --out '" + (dir / "out").string() + "'");
  EXPECT_EQ(p.exit_code, 2);
  EXPECT_NE(p.err.find("sessions.step"), std::string::npos) << p.err;
  EXPECT_NE(p.err.find("expected 'auto' or a duration"), std::string::npos) << p.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
  fs::remove_all(dir);
}

// scenarios/capacity-1m at 3,000 subscribers for two days, twice: with
// rating on a second thread, then on one.
TEST(CapacityScenario, ASmallCopyConservesEverythingAndRepeatsItself) {
  const fs::path dir = temp_dir("capacity");
  const fs::path scenario = dir / "cap3000";
  const std::string generate = "python3 '" + source_path("scenarios/capacity-1m/generate.py").string() +
                               "' --subscribers 3000 --out '" + scenario.string() + "'";
  ASSERT_EQ(std::system(generate.c_str()), 0);
  const std::string sets = "--set run.duration=2d";
  const nlohmann::json m = metrics(run_to(scenario, sets + " --threads 2", dir / "a"));
  for (const char* law : {"orders.conserved", "money.conserved", "rating.conserved", "parties.consistent",
                          "ip.conserved"})
    EXPECT_EQ(m[law], true) << law;
  EXPECT_GE(m["parties.subscribers_provisioned"].get<double>(), 3000);
  EXPECT_GT(m["rating.rated"].get<double>(), 3000 * 2 * 5);  // about 10 events per subscriber a day
  EXPECT_GT(m["ip.sessions_started"].get<double>(), 3000 * 2 * 2);
  EXPECT_GT(m["orders.completed"].get<double>(), 0);
  run_to(scenario, sets + " --threads 1", dir / "b");
  for (const char* file : {"summary.json", "orders.csv", "invoices.csv", "settlement.csv", "metrics.csv", "pools.csv",
                           "rated_events.csv"}) {
    std::string a = read_file(dir / "a" / file), b = read_file(dir / "b" / file);
    if (std::string(file) == "summary.json") {  // the wall time is the one field that differs
      auto ja = nlohmann::json::parse(a), jb = nlohmann::json::parse(b);
      ja.erase("wall");
      jb.erase("wall");
      a = ja.dump();
      b = jb.dump();
    }
    EXPECT_EQ(a, b) << file;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace provsim::testing
