// A standby host takes over the platform when the platform host crashes
// (durability.failover): it serves while the platform host is still down,
// a replicated journal costs shipping and loses what was not yet shipped,
// and a crash can be placed by a key. Each run is made inside the test
// process (both of a test that compares two: in children forked from it).
// That the keys are checked before anything runs is tested through the
// binary, in run_command_test.cpp.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <sstream>
#include <string>

#include "tests/support/in_process_run.hpp"
#include "tests/support/memory_scenario.hpp"
#include "tests/support/scenario_files.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  nlohmann::json metrics;
  std::string series;  // metrics.csv
};

// The failover conformance scenario's small world: 12 hours, with
// `outages` as outages.csv (none when empty) and `standby` as the standby
// host's row of hosts.csv. Run in this process, or in a child process
// (writing its results folder there) when `in_child`.
Outcome run_failover(const std::string& outages, const std::string& standby, std::vector<std::string> sets,
                     const std::string& tag, bool in_child = false) {
  InMemoryScenario scenario = InMemoryScenario::shipped("conformance/platform-failover");
  if (outages.empty())
    scenario.remove("outages.csv");
  else
    scenario.set("outages.csv", "target,kind,start,duration\n" + outages);
  scenario.replace("hosts.csv", "standby-1,standby,,4Gf,1Gbps,1ms\n", standby);
  sets.insert(sets.begin(), {"run.duration=12h", "population.initial=150"});
  Outcome o;
  if (in_child) {
    const fs::path dir = temp_dir(tag);
    const fs::path out = dir / "results";
    o.metrics = summary(run_in_child(scenario, sets, out))["metrics"];
    o.series = read_file(out / "metrics.csv");
    fs::remove_all(dir);
  } else {
    const reports::Results results = run_in_process(scenario, sets);
    o = Outcome{summary(results)["metrics"], csv_text(results, "metrics")};
  }
  return o;
}

const char* kNearStandby = "standby-1,standby,,4Gf,1Gbps,1ms\n";

void expect_conserved(const nlohmann::json& m) {
  for (const char* law : {"orders.conserved", "parties.consistent", "money.conserved", "rating.conserved",
                          "ip.conserved", "recovery.conserved"})
    EXPECT_EQ(m[law], true) << law;
}

// One column of metrics.csv by its time column (seconds).
std::map<long, double> column(const std::string& csv, const std::string& name) {
  const auto rows = lines(csv);
  std::vector<std::string> head;
  std::stringstream h(rows.at(0));
  for (std::string cell; std::getline(h, cell, ',');) head.push_back(cell);
  const auto at = std::find(head.begin(), head.end(), name) - head.begin();
  std::map<long, double> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    std::vector<std::string> cells;
    std::stringstream in(rows[r]);
    for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
    out[std::lround(std::stod(cells.at(0)))] = std::stod(cells.at(static_cast<std::size_t>(at)));
  }
  return out;
}

TEST(PlatformFailover, TheStandbyServesWhileThePlatformHostIsStillDown) {
  // Down from 4h to 8h; the standby takes over after 30 s.
  const Outcome o = run_failover("platform-1,host,4h,4h\n", kNearStandby, {"durability.failover=shared"}, "shared");
  const auto& m = o.metrics;
  expect_conserved(m);
  EXPECT_EQ(m["recovery.crashes"], 1);
  EXPECT_EQ(m["recovery.failovers"], 1);
  EXPECT_EQ(m["recovery.restarts"], 1);
  EXPECT_EQ(m["recovery.records_lost"], 0);  // the standby read the very disk
  EXPECT_GE(m["recovery.downtime_s"].get<double>(), 30.0);
  EXPECT_LT(m["recovery.downtime_s"].get<double>(), 31.0);
  EXPECT_GE(m["recovery.time_to_recover_s"].get<double>(), m["recovery.downtime_s"].get<double>());
  // Orders go on completing and events go on being rated in the hours
  // the platform host is down: the parties and feeds reach the standby.
  const auto completed = column(o.series, "orders.completed");
  const auto rated = column(o.series, "rating.rated");
  const auto down = column(o.series, "platform.down");
  EXPECT_GT(completed.at(7 * 3600), completed.at(4 * 3600 + 900));
  EXPECT_GT(rated.at(7 * 3600), rated.at(4 * 3600 + 900));
  EXPECT_EQ(down.at(4 * 3600 + 900), 0);
}

TEST(PlatformFailover, AShortOutageEndsBeforeTheStandbyTakesOver) {
  const Outcome o = run_failover("platform-1,host,4h,20s\n", kNearStandby, {"durability.failover=shared"}, "short");
  expect_conserved(o.metrics);
  EXPECT_EQ(o.metrics["recovery.failovers"], 0);
  EXPECT_EQ(o.metrics["recovery.restarts"], 1);
  EXPECT_LT(o.metrics["recovery.downtime_s"].get<double>(), 21.0);
}

// Over a replication link of a minute's latency (far away, or congested)
// the lease file's records wait to be shipped; a crash loses those not yet
// on the standby's disk, where the shared disk loses none. The components
// that wait for their records lose nothing in either.
TEST(PlatformFailover, AReplicatedJournalLosesWhatWasNotYetShipped) {
  const std::string slow = "standby-1,standby,,4Gf,1Gbps,60s\n";
  const Outcome shared = run_failover("platform-1,host,6h,1h\n", slow,
                                      {"sessions.per_day=20", "ip.lease_time=1h", "durability.failover=shared"}, "s",
                                      true);
  const Outcome copied = run_failover("platform-1,host,6h,1h\n", slow,
                                      {"sessions.per_day=20", "ip.lease_time=1h", "durability.failover=replicated"},
                                      "r", true);
  expect_conserved(shared.metrics);
  expect_conserved(copied.metrics);
  EXPECT_EQ(shared.metrics["recovery.records_lost"], 0);
  EXPECT_GT(copied.metrics["recovery.records_lost"].get<int>(), 0);
  // Nearly all of them the lease file's: the others wait for each record,
  // so each loses at most the one whose write or copy was under way (its
  // component was waiting for it: nothing that record caused had left).
  int others = 0;
  for (const char* journal : {"provisioning", "rating", "bindings"}) {
    const int lost = copied.metrics["durability." + std::string(journal) + ".records_lost"].get<int>();
    EXPECT_LE(lost, 1) << journal;
    others += lost;
  }
  EXPECT_EQ(copied.metrics["durability.leases.records_lost"].get<int>() + others,
            copied.metrics["recovery.records_lost"].get<int>());
  EXPECT_GT(copied.metrics["durability.leases.records_lost"].get<int>(), 60);
  EXPECT_GT(copied.metrics["recovery.leases_lost"].get<int>(), 0);
  EXPECT_EQ(copied.metrics["recovery.failovers"], 1);
  // Shipping cost bandwidth and time; nothing is shipped with a shared disk.
  EXPECT_GT(copied.metrics["durability.provisioning.shipped_bytes"].get<double>(), 0);
  EXPECT_GT(copied.metrics["durability.leases.shipping_time_s"].get<double>(), 0);
  EXPECT_FALSE(shared.metrics.contains("durability.provisioning.shipped_bytes"));
}

// The standby's link down for 10 minutes: the copies wait and are sent
// when it is back (the components wait with them), and the takeover that
// follows still finds every change.
TEST(PlatformFailover, AReplicationLinkDownHoldsTheCopiesBack) {
  const Outcome o = run_failover("standby-1,link,2h,10m\nplatform-1,host,5h,1h\n", kNearStandby,
                                 {"durability.failover=replicated"}, "link");
  expect_conserved(o.metrics);
  EXPECT_EQ(o.metrics["recovery.failovers"], 1);
  EXPECT_EQ(o.metrics["recovery.records_lost"], 0);
  EXPECT_GE(o.metrics["durability.provisioning.shipping_time_s"].get<double>(), 500.0);
}

// Two crashes in a row: the platform host down from 3h to 5h (the standby
// takes over), back at 5h as the new standby; then the standby host, now
// running the components, down from 6h to 8h: the platform host takes them
// back after the detection delay, and the standby host, back at 8h, stands
// by again. With a replicated journal the returning host first catches up
// (it is shipped what a replay reads) and nothing the components acted on
// is lost either way.
void expect_failed_over_and_back(const Outcome& o) {
  const auto& m = o.metrics;
  expect_conserved(m);
  EXPECT_EQ(m["faults.outages"], 2);
  EXPECT_EQ(m["recovery.crashes"], 2);
  EXPECT_EQ(m["recovery.failovers"], 2);
  EXPECT_EQ(m["recovery.restarts"], 2);
  EXPECT_EQ(m["recovery.rejoins"], 2);
  EXPECT_EQ(m["recovery.down_at_end"], 0);
  EXPECT_EQ(m["recovery.records_lost"], 0);
  EXPECT_EQ(m["recovery.orders_finished_twice"], 0);
  // Down twice for the detection delay and a short replay, not four hours.
  EXPECT_GE(m["recovery.downtime_s"].get<double>(), 60.0);
  EXPECT_LT(m["recovery.downtime_s"].get<double>(), 62.0);
  // Orders complete and events are rated while each host is down in turn.
  const auto completed = column(o.series, "orders.completed");
  const auto rated = column(o.series, "rating.rated");
  const auto down = column(o.series, "platform.down");
  for (long from : {3 * 3600L, 6 * 3600L}) {
    EXPECT_EQ(down.at(from + 900), 0) << from;
    EXPECT_GT(completed.at(from + 7200), completed.at(from + 900)) << from;
    EXPECT_GT(rated.at(from + 7200), rated.at(from + 900)) << from;
  }
}

const char* kOverAndBack = "platform-1,host,3h,2h\nstandby-1,host,6h,2h\n";

TEST(PlatformFailover, TheReturningHostStandsByAndASecondCrashFailsBack) {
  const Outcome o = run_failover(kOverAndBack, kNearStandby, {"durability.failover=shared"}, "back-shared");
  expect_failed_over_and_back(o);
  EXPECT_EQ(o.metrics["recovery.catch_up_bytes"], 0.0);  // a shared disk holds everything already
}

TEST(PlatformFailover, AReplicatedHostCatchesUpBeforeItStandsBy) {
  const Outcome o = run_failover(kOverAndBack, kNearStandby, {"durability.failover=replicated"}, "back-rep");
  expect_failed_over_and_back(o);
  const double caught_up = o.metrics["recovery.catch_up_bytes"].get<double>();
  EXPECT_GT(caught_up, 0.0);
  EXPECT_GT(o.metrics["durability.provisioning.shipped_bytes"].get<double>(), 0.0);
}

// The standby host down while it stands by: the platform host, crashing
// meanwhile, has nobody to take over and restarts itself at the end of its
// outage; the standby stands by again once it is back.
TEST(PlatformFailover, AStandbyThatIsDownTakesNothingOver) {
  const Outcome o = run_failover("standby-1,host,2h,4h\nplatform-1,host,3h,30m\n", kNearStandby,
                                 {"durability.failover=replicated"}, "standby-down");
  expect_conserved(o.metrics);
  EXPECT_EQ(o.metrics["recovery.crashes"], 1);
  EXPECT_EQ(o.metrics["recovery.failovers"], 0);
  EXPECT_EQ(o.metrics["recovery.rejoins"], 1);
  EXPECT_GE(o.metrics["recovery.downtime_s"].get<double>(), 1800.0);
  EXPECT_LT(o.metrics["recovery.downtime_s"].get<double>(), 1801.0);
  EXPECT_GT(o.metrics["recovery.catch_up_bytes"].get<double>(), 0.0);
}

TEST(PlatformFailover, CrashAtPlacesACrashOfThePlatformHost) {
  const Outcome o = run_failover(
      "", kNearStandby, {"durability.failover=none", "durability.crash_at=3h", "durability.crash_for=30m"}, "at");
  expect_conserved(o.metrics);
  EXPECT_EQ(o.metrics["faults.outages"], 1);
  EXPECT_EQ(o.metrics["recovery.crashes"], 1);
  EXPECT_EQ(o.metrics["recovery.failovers"], 0);  // failover none: the standby stands idle
  EXPECT_GE(o.metrics["recovery.downtime_s"].get<double>(), 1800.0);
  EXPECT_LT(o.metrics["recovery.downtime_s"].get<double>(), 1801.0);
  const auto down = column(o.series, "platform.down");
  EXPECT_EQ(down.at(3 * 3600 + 900), 1);
  EXPECT_EQ(down.at(4 * 3600), 0);
}

}  // namespace
}  // namespace provsim::testing
