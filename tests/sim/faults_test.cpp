// Faults, run inside the test process: lost messages, refusals and outages
// of hosts and links never crash a run, and the platform rides through them
// (retries, compensation) with every party still agreeing with the store.
// (That outages.csv is checked before anything runs is tested through the
// binary, in run_command_test.cpp.)

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/in_process_run.hpp"
#include "tests/support/memory_scenario.hpp"

namespace provsim::testing {
namespace {

// The baseline (one day) with `outages` as its outages.csv (none if empty);
// its summary metrics.
nlohmann::json run_with(const std::string& outages, std::vector<std::string> sets) {
  InMemoryScenario scenario = InMemoryScenario::shipped("baseline");
  if (!outages.empty()) scenario.set("outages.csv", "target,kind,start,duration\n" + outages);
  sets.insert(sets.begin(), "run.duration=1d");
  return summary(run_in_process(scenario, sets))["metrics"];
}

TEST(Faults, LostMessagesAreRetriedAndNothingIsLeftBehind) {
  const nlohmann::json m = run_with("", {"faults.loss.network=0.1", "faults.loss.bsp=0.1"});
  EXPECT_GT(m["faults.lost_requests"].get<int>(), 0);
  EXPECT_GT(m["faults.lost_replies"].get<int>(), 0);
  EXPECT_GT(m["orders.timeouts"].get<int>(), 0);
  EXPECT_GT(m["orders.retries"].get<int>(), 0);
  EXPECT_GT(m["orders.completed"].get<int>(), 100);
  EXPECT_EQ(m["parties.consistent"], true);
  EXPECT_EQ(m["orders.conserved"], true);
}

TEST(Faults, HostOutageKillsAndRestartsItsSystems) {
  const nlohmann::json m = run_with("netco-1,host,10h,1h\n", {});
  EXPECT_EQ(m["faults.outages"], 1);
  EXPECT_GT(m["orders.timeouts"].get<int>(), 0);
  EXPECT_GT(m["prospects.qualify_unknown"].get<int>(), 0);  // the NP database was down too
  EXPECT_GT(m["orders.completed"].get<int>(), 100);         // its workers came back
  EXPECT_EQ(m["parties.consistent"], true);
  EXPECT_EQ(m["orders.conserved"], true);
}

TEST(Faults, LinkOutageLosesMessagesWithoutCrashing) {
  const nlohmann::json m = run_with("games-1,link,10h,1h\nnetco-1,link,14h,30m\n", {});
  EXPECT_EQ(m["faults.outages"], 2);
  EXPECT_EQ(m["parties.consistent"], true);
  EXPECT_EQ(m["orders.conserved"], true);
}

}  // namespace
}  // namespace provsim::testing
