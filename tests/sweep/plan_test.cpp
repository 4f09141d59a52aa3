#include "sweep/plan.hpp"

#include <gtest/gtest.h>

#include <set>

#include "model/core/random.hpp"
#include "sweep/replication_seed.hpp"

namespace provsim::sweep {
namespace {

SweepSpec spec_2x3(std::size_t replications) {
  SweepSpec s;
  s.name = "demo";
  s.scenario = "/scenarios/baseline";
  s.replications = replications;
  s.fixed = {"run.duration=6h"};
  s.axes = {Axis{"ip.policy", {"reject", "borrow"}}, Axis{"ip.max_ratio", {"1.0", "1.5", "2.0"}}};
  return s;
}

TEST(ReplicationSeed, IsTheDocumentedFormula) {
  for (std::uint64_t base : {0ull, 1ull, 42ull, 18446744073709551615ull})
    for (std::uint64_t r = 0; r < 5; ++r) {
      std::uint64_t state = base ^ fnv1a64("replication " + std::to_string(r));
      EXPECT_EQ(replication_seed(base, r), splitmix64(state) >> 11);
      EXPECT_LT(replication_seed(base, r), 1ull << 53);
    }
  EXPECT_NE(replication_seed(1, 0), replication_seed(1, 1));
  EXPECT_NE(replication_seed(1, 0), replication_seed(2, 0));
}

TEST(Plan, GridIsTheProductFirstAxisSlowest) {
  const Plan plan = make_plan(spec_2x3(2), 7);
  ASSERT_EQ(plan.points.size(), 6u);
  EXPECT_EQ(plan.points[0].name, "ip.policy=reject,ip.max_ratio=1.0");
  EXPECT_EQ(plan.points[2].name, "ip.policy=reject,ip.max_ratio=2.0");
  EXPECT_EQ(plan.points[3].name, "ip.policy=borrow,ip.max_ratio=1.0");
  ASSERT_EQ(plan.runs.size(), 12u);
  EXPECT_EQ(plan.runs[1].name, "ip.policy=reject,ip.max_ratio=1.0,rep=1");
  EXPECT_EQ(plan.overrides(plan.runs[7]),
            (std::vector<std::string>{"run.duration=6h", "ip.policy=borrow", "ip.max_ratio=1.0",
                                      "run.seed=" + std::to_string(replication_seed(7, 1))}));
}

TEST(Plan, SeedsDependOnReplicationOnlySoGridChangesKeepRuns) {
  const Plan small = make_plan(spec_2x3(3), 7);
  SweepSpec wider = spec_2x3(3);
  wider.axes[1].values.push_back("2.5");
  wider.axes.insert(wider.axes.begin(), Axis{"ip.allocator", {"free-queue"}});
  const Plan big = make_plan(wider, 7);
  for (const auto& run : small.runs) EXPECT_EQ(run.seed, replication_seed(7, run.replication));
  // The same point in the wider grid has the same overrides and seeds (only its name grows a part).
  for (const auto& run : big.runs) EXPECT_EQ(run.seed, small.runs[run.replication].seed);
}

TEST(Plan, EmptyGridIsOnePoint) {
  SweepSpec s = spec_2x3(4);
  s.axes.clear();
  const Plan plan = make_plan(s, 1);
  ASSERT_EQ(plan.points.size(), 1u);
  EXPECT_EQ(plan.runs.size(), 4u);
  EXPECT_EQ(plan.runs[3].name, "base,rep=3");
}

TEST(Plan, RatesReadPerInFolderNames) {
  const std::vector<Axis> axes = {Axis{"workload.arrival_rate", {}}, Axis{"ip.max_ratio", {}}};
  EXPECT_EQ(point_name(axes, {"300/d", "1.25"}), "workload.arrival_rate=300_per_d,ip.max_ratio=1.25");
  EXPECT_EQ(point_name(axes, {"1.5e3/h", "-2"}), "workload.arrival_rate=1.5e3_per_h,ip.max_ratio=-2");
}

TEST(Plan, UnusualValuesArePercentEncodedAndDistinct) {
  const std::vector<Axis> axes = {Axis{"workload.daily_profile", {}}};
  const std::vector<std::string> values = {"1,2/3", "1_2_3", "1_per_3", "1/3", "1 3", "a%b", "", "x=y", "../..", "é"};
  std::set<std::string> names;
  for (const auto& v : values) {
    const std::string name = point_name(axes, {v});
    SCOPED_TRACE(v + " -> " + name);
    EXPECT_EQ(name.find('/'), std::string::npos);  // one folder, never nested
    EXPECT_EQ(name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._+-%=,"),
              std::string::npos);
    names.insert(name);
  }
  EXPECT_EQ(names.size(), values.size());
  EXPECT_EQ(point_name(axes, {"1,2/3"}), "workload.daily_profile=1%2C2_per_3");
  EXPECT_EQ(point_name(axes, {"1_2_3"}), "workload.daily_profile=1_2_3");
  EXPECT_EQ(point_name(axes, {"1_per_3"}), "workload.daily_profile=1%5Fper_3");
  EXPECT_EQ(point_name(axes, {"a%b"}), "workload.daily_profile=a%25b");
  EXPECT_EQ(point_name(axes, {""}), "workload.daily_profile=%");
  EXPECT_EQ(point_name(axes, {"../.."}), "workload.daily_profile=.._per_..");
}

TEST(Plan, LongFolderNamesAreCutAndStayDistinct) {
  const std::vector<Axis> axes = {Axis{"sessions.daily_profile", {}}};
  std::string a(300, '1'), b = a;
  b.back() = '2';
  const std::string na = point_name(axes, {a}), nb = point_name(axes, {b});
  EXPECT_EQ(na.size(), kMaxPointName);
  EXPECT_EQ(na[kMaxPointName - 9], '~');
  EXPECT_NE(na, nb);
  EXPECT_EQ(point_name(axes, {"1"}), "sessions.daily_profile=1");
}

TEST(Plan, SlicesCoverEveryRunOnce) {
  for (std::size_t tasks : {1u, 3u, 6u, 12u}) {
    std::set<std::size_t> seen;
    std::size_t total = 0;
    for (std::size_t t = 0; t < tasks; ++t)
      for (std::size_t i : slice(12, t, tasks)) {
        seen.insert(i);
        ++total;
      }
    EXPECT_EQ(total, 12u);
    EXPECT_EQ(seen.size(), 12u);
  }
  EXPECT_EQ(slice(12, 1, 6), (std::vector<std::size_t>{2, 3}));  // one task per point: its two replications
  EXPECT_THROW(slice(12, 6, 6), std::invalid_argument);
}

TEST(Plan, JsonRoundTrip) {
  Plan plan = make_plan(spec_2x3(2), 9);
  plan.runs[3].hash = "00ff";
  plan.x = "ip.max_ratio";
  const Plan back = plan_from_json(plan_json(plan));
  EXPECT_EQ(plan_json(back), plan_json(plan));
  EXPECT_EQ(back.runs[3].hash, "00ff");
  EXPECT_EQ(back.overrides(back.runs[5]), plan.overrides(plan.runs[5]));
}

}  // namespace
}  // namespace provsim::sweep
