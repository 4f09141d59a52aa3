// Faults through the real provsim binary: outages.csv is checked before
// anything runs; lost messages, refusals and outages of hosts and links
// never crash a run, and the platform rides through them (retries,
// compensation) with every party still agreeing with the store.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/provsim_process.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  ProcessResult process;
  nlohmann::json metrics;
};

// The baseline (one day) with `outages` as its outages.csv (none if empty).
Outcome run_with(const std::string& outages, const std::string& sets, const std::string& tag) {
  const fs::path dir = copy_scenario("baseline", tag);
  if (!outages.empty()) write_file(dir / "outages.csv", "target,kind,start,duration\n" + outages);
  const fs::path out = dir.parent_path() / "results";
  Outcome o;
  o.process = run_provsim("run '" + dir.string() + "' --quiet --set run.duration=1d " + sets + " --out '" +
                          out.string() + "'");
  if (o.process.exit_code == 0)
    o.metrics = nlohmann::json::parse(read_file(out / "summary.json"))["metrics"];
  fs::remove_all(dir.parent_path());
  return o;
}

TEST(FaultTables, UnknownHostIsRejectedWithItsLine) {
  const Outcome o = run_with("netco-1,host,1h,1h\nnowhere-1,host,2h,1h\n", "", "bad-host");
  EXPECT_EQ(o.process.exit_code, 2);
  EXPECT_NE(o.process.err.find("outages.csv:3: target: unknown host 'nowhere-1'"), std::string::npos)
      << o.process.err;
}

TEST(FaultTables, PlatformHostCannotGoDown) {
  const Outcome o = run_with("platform-1,host,1h,1h\n", "", "platform");
  EXPECT_EQ(o.process.exit_code, 2);
  EXPECT_NE(o.process.err.find("outages.csv:2: target:"), std::string::npos) << o.process.err;
}

TEST(FaultTables, BadKindAndOverlapsAreRejected) {
  EXPECT_NE(run_with("netco-1,switch,1h,1h\n", "", "kind").process.err.find("outages.csv:2: kind:"),
            std::string::npos);
  const Outcome o = run_with("netco-1,host,1h,2h\nnetco-1,host,2h,1h\n", "", "overlap");
  EXPECT_EQ(o.process.exit_code, 2);
  EXPECT_NE(o.process.err.find("outages.csv:3: start: overlaps"), std::string::npos) << o.process.err;
}

TEST(Faults, LostMessagesAreRetriedAndNothingIsLeftBehind) {
  const Outcome o = run_with("", "--set faults.loss.network=0.1 --set faults.loss.bsp=0.1", "loss");
  ASSERT_EQ(o.process.exit_code, 0) << o.process.err;
  const auto& m = o.metrics;
  EXPECT_GT(m["faults.lost_requests"].get<int>(), 0);
  EXPECT_GT(m["faults.lost_replies"].get<int>(), 0);
  EXPECT_GT(m["orders.timeouts"].get<int>(), 0);
  EXPECT_GT(m["orders.retries"].get<int>(), 0);
  EXPECT_GT(m["orders.completed"].get<int>(), 100);
  EXPECT_EQ(m["parties.consistent"], true);
  EXPECT_EQ(m["orders.conserved"], true);
}

TEST(Faults, HostOutageKillsAndRestartsItsSystems) {
  const Outcome o = run_with("netco-1,host,10h,1h\n", "", "host");
  ASSERT_EQ(o.process.exit_code, 0) << o.process.err;
  const auto& m = o.metrics;
  EXPECT_EQ(m["faults.outages"], 1);
  EXPECT_GT(m["orders.timeouts"].get<int>(), 0);
  EXPECT_GT(m["prospects.qualify_unknown"].get<int>(), 0);  // the NP database was down too
  EXPECT_GT(m["orders.completed"].get<int>(), 100);         // its workers came back
  EXPECT_EQ(m["parties.consistent"], true);
  EXPECT_EQ(m["orders.conserved"], true);
}

TEST(Faults, LinkOutageLosesMessagesWithoutCrashing) {
  const Outcome o = run_with("games-1,link,10h,1h\nnetco-1,link,14h,30m\n", "", "link");
  ASSERT_EQ(o.process.exit_code, 0) << o.process.err;
  EXPECT_EQ(o.metrics["faults.outages"], 2);
  EXPECT_EQ(o.metrics["parties.consistent"], true);
  EXPECT_EQ(o.metrics["orders.conserved"], true);
}

}  // namespace
}  // namespace provsim::testing
