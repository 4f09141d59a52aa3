// The search behind `provsim size`, on synthetic metrics with known
// answers: a noisy monotone metric stands in for the simulation, and a
// driver plays the part of the command, adding the replications the search
// asks for until it answers.

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "sweep/size_search.hpp"

namespace provsim::sweep {
namespace {

// A metric of the key's value plus normal noise; replication r of a value
// always draws the same noise (its own seed), as a run with a derived seed
// would. The noise is small beside the metric's change from one candidate
// to the next (several standard deviations), so a wrong verdict would take
// a draw far out in the tails. With `alternate`, the noise is instead
// -noise, +noise, -noise, ...: an interval around a mean that sits on the
// target then never clears it.
struct NoisyMetric {
  std::function<double(double)> mean;
  double noise = 0;
  bool alternate = false;

  double sample(double x, std::size_t replication) const {
    if (alternate) return mean(x) + (replication % 2 ? noise : -noise);
    std::mt19937_64 rng(std::hash<double>{}(x) ^ (replication * 0x9E3779B97F4A7C15ULL));
    std::normal_distribution<double> n(0, 1);
    return mean(x) + noise * n(rng);
  }
};

struct Driven {
  SizeOutcome outcome;
  std::size_t runs = 0;
};

// Runs the search to its end, one metric per target.
Driven drive(const KeyGrid& grid, const SizeSettings& settings, const std::vector<NoisyMetric>& metrics) {
  std::map<std::uint64_t, Observed> observed;
  Driven d;
  for (int round = 0; round < 10000; ++round) {
    d.outcome = search(grid, settings, [&](std::uint64_t p) -> const Observed* {
      const auto it = observed.find(p);
      return it == observed.end() ? nullptr : &it->second;
    });
    if (d.outcome.finished) return d;
    Observed& o = observed[d.outcome.next_position];
    const double x = std::stod(grid.value(d.outcome.next_position));
    while (o.replications.size() < d.outcome.next_replications) {
      std::vector<double> row;
      for (const auto& m : metrics) row.push_back(m.sample(x, o.replications.size()));
      o.replications.push_back(row);
      ++d.runs;
    }
  }
  ADD_FAILURE() << "the search did not end";
  return d;
}

SizeSettings settings_for(std::vector<std::string> targets, std::size_t cap = 30) {
  SizeSettings s;
  for (const auto& t : targets) s.targets.push_back(parse_size_target(t));
  s.max_replications = cap;
  return s;
}

std::string answer(const KeyGrid& grid, const SizeOutcome& o) { return o.answer ? grid.value(*o.answer) : "none"; }

TEST(SizeSearch, SmallestValueOfADecreasingMetric) {
  // 200 / x <= 9 first holds at x = 23 (200 / 22 = 9.09).
  const KeyGrid grid("1", "200", "1");
  const auto d = drive(grid, settings_for({"wait <= 9"}), {{[](double x) { return 200 / x; }, 0.01}});
  EXPECT_EQ(answer(grid, d.outcome), "23");
  // Bracketing then bisection: a handful of candidates, not the 200 of a scan.
  EXPECT_LE(d.outcome.tried.size(), 14u);
  for (const auto& c : d.outcome.tried) {
    const int x = std::stoi(c.value);
    EXPECT_EQ(c.verdict == SizeVerdict::meets, x >= 23) << c.value;
  }
}

TEST(SizeSearch, LargestValueOfAnIncreasingMetric) {
  // x / 10 <= 5.05: the largest value that holds is 50.
  const KeyGrid grid("200", "1", "1");
  const auto d = drive(grid, settings_for({"blocking <= 5.05"}), {{[](double x) { return x / 10; }, 0.01}});
  EXPECT_EQ(answer(grid, d.outcome), "50");
}

TEST(SizeSearch, RealKeyNarrowedToTheTolerance) {
  // exp(x) <= 10 up to x = ln 10 = 2.3026: on a 0.01 grid the answer is
  // 2.30 (exp(2.30) = 9.974, exp(2.31) = 10.07).
  const KeyGrid grid("5", "0", "0.01");
  const auto d = drive(grid, settings_for({"load <= 10"}), {{[](double x) { return std::exp(x); }, 0.005}});
  ASSERT_TRUE(d.outcome.answer);
  EXPECT_NEAR(std::stod(answer(grid, d.outcome)), 2.30, 0.0101);
  EXPECT_LE(std::stod(answer(grid, d.outcome)), std::log(10.0));
}

TEST(SizeSearch, EveryTargetMustHold) {
  // 200 / x <= 9 from x = 23; 1000 / x < 19.9 from x = 51 (19.6; 50 gives 20).
  const KeyGrid grid("1", "200", "1");
  const auto d = drive(grid, settings_for({"wait <= 9", "queue < 19.9"}),
                       {{[](double x) { return 200 / x; }, 0.01}, {[](double x) { return 1000 / x; }, 0.01}});
  EXPECT_EQ(answer(grid, d.outcome), "51");
}

TEST(SizeSearch, AnUndecidedCandidateAtTheCapCountsAsFailing) {
  // At x = 10 the metric sits on the target: no interval clears it, so 10
  // is undecided after the cap and the answer is the next value that meets.
  const KeyGrid grid("1", "40", "1");
  const auto d = drive(grid, settings_for({"m <= 10"}, 12), {{[](double x) { return 100 / x; }, 0.5, true}});
  EXPECT_EQ(answer(grid, d.outcome), "11");
  bool saw = false;
  for (const auto& c : d.outcome.tried)
    if (c.value == "10") {
      saw = true;
      EXPECT_EQ(c.verdict, SizeVerdict::undecided);
      EXPECT_EQ(c.replications, 12u);
    }
  EXPECT_TRUE(saw);
}

TEST(SizeSearch, NoValueInTheRange) {
  const KeyGrid grid("1", "20", "1");
  const auto d = drive(grid, settings_for({"m <= 1"}), {{[](double x) { return 100 / x; }, 0.01}});
  EXPECT_TRUE(d.outcome.finished);
  EXPECT_FALSE(d.outcome.answer);
  EXPECT_EQ(d.outcome.tried.back().value, "20");
}

TEST(SizeSearch, TheStartOfTheRangeMeets) {
  const KeyGrid grid("50", "200", "1");
  const auto d = drive(grid, settings_for({"m <= 9"}), {{[](double x) { return 200 / x; }, 0.01}});
  EXPECT_EQ(answer(grid, d.outcome), "50");
  EXPECT_EQ(d.outcome.tried.size(), 1u);
}

TEST(SizeSearch, ExtraReplicationsOnDiskDoNotChangeTheDecisions) {
  // A candidate's verdict uses only the replications of its step: a search
  // resumed over a folder with more runs walks the same way.
  const KeyGrid grid("1", "100", "1");
  const SizeSettings s = settings_for({"m <= 9"});
  const NoisyMetric metric{[](double x) { return 200 / x; }, 0.5};
  const auto first = drive(grid, s, {metric});
  std::map<std::uint64_t, Observed> many;
  for (std::uint64_t p = 0; p < grid.size(); ++p)
    for (std::size_t r = 0; r < 30; ++r) many[p].replications.push_back({metric.sample(std::stod(grid.value(p)), r)});
  const auto again = search(grid, s, [&](std::uint64_t p) { return &many.at(p); });
  ASSERT_TRUE(again.finished);
  EXPECT_EQ(again.answer, first.outcome.answer);
  ASSERT_EQ(again.tried.size(), first.outcome.tried.size());
  for (std::size_t i = 0; i < again.tried.size(); ++i) {
    EXPECT_EQ(again.tried[i].value, first.outcome.tried[i].value);
    EXPECT_EQ(again.tried[i].replications, first.outcome.tried[i].replications);
  }
}

TEST(SizeSearch, AskForTheFirstStepOfANewCandidate) {
  const KeyGrid grid("1", "100", "1");
  const auto o = search(grid, settings_for({"m <= 9"}), [](std::uint64_t) { return nullptr; });
  EXPECT_FALSE(o.finished);
  EXPECT_EQ(o.next_position, 0u);
  EXPECT_EQ(o.next_replications, kInitialReplications);
}

TEST(SizeSearch, JudgeUsesStudentT) {
  const SizeTarget t = parse_size_target("m <= 10");
  // Mean 2, s = 1, n = 3: half-width t(0.975, 2) / sqrt(3) = 4.3027 / 1.7321.
  const auto i = judge(t, {1, 2, 3}, 0.95);
  EXPECT_DOUBLE_EQ(i.mean, 2);
  EXPECT_NEAR(i.high - i.mean, 2.4841, 1e-4);
  EXPECT_EQ(i.verdict, SizeVerdict::meets);
  EXPECT_EQ(judge(parse_size_target("m <= 3"), {1, 2, 3}, 0.95).verdict, SizeVerdict::undecided);
  EXPECT_EQ(judge(parse_size_target("m > 5"), {1, 2, 3}, 0.95).verdict, SizeVerdict::fails);
  EXPECT_EQ(judge(parse_size_target("m >= -1"), {1, 2, 3}, 0.5).verdict, SizeVerdict::meets);
  // NaN replications are left out; one finite sample decides nothing.
  const auto one = judge(t, {NAN, 2, NAN}, 0.95);
  EXPECT_EQ(one.samples, 1u);
  EXPECT_EQ(one.verdict, SizeVerdict::undecided);
  // The same values every time: a zero-width interval, clear unless on the target.
  EXPECT_EQ(judge(parse_size_target("m < 0.01"), {0, 0, 0}, 0.95).verdict, SizeVerdict::meets);
  EXPECT_EQ(judge(parse_size_target("m < 0"), {0, 0, 0}, 0.95).verdict, SizeVerdict::fails);
}

TEST(SizeSearch, Targets) {
  const SizeTarget t = parse_size_target(" orders.latency.p95 <= 3600 ");
  EXPECT_EQ(t.metric, "orders.latency.p95");
  EXPECT_EQ(t.op, "<=");
  EXPECT_DOUBLE_EQ(t.value, 3600);
  EXPECT_EQ(t.text(), "orders.latency.p95 <= 3600");
  EXPECT_EQ(parse_size_target("ip.isp1.blocking<0.01").op, "<");
  EXPECT_EQ(parse_size_target("x >= -2.5").value, -2.5);
  for (const char* bad : {"m == 3", "m != 3", "m", "<= 3", "m <= ", "m <= abc", "m <= 1e3", "a b <= 3", "m <= <= 3"})
    EXPECT_THROW(parse_size_target(bad), std::invalid_argument) << bad;
}

TEST(SizeSearch, ReplicationSteps) {
  EXPECT_EQ(replication_steps(3, 30), (std::vector<std::size_t>{3, 5, 7, 10, 15, 22, 30}));
  EXPECT_EQ(replication_steps(3, 3), (std::vector<std::size_t>{3}));
  EXPECT_EQ(replication_steps(1, 4), (std::vector<std::size_t>{2, 4}));
}

TEST(SizeSearch, KeyGridIsExactAndEndsOnTheFarEnd) {
  const KeyGrid up("1", "10", "4");
  ASSERT_EQ(up.size(), 4u);
  EXPECT_EQ(up.value(0), "1");
  EXPECT_EQ(up.value(2), "9");
  EXPECT_EQ(up.value(3), "10");
  const KeyGrid down("1.0", "0", "0.1");
  ASSERT_EQ(down.size(), 11u);
  EXPECT_EQ(down.value(0), "1");
  EXPECT_EQ(down.value(7), "0.3");
  EXPECT_EQ(down.value(10), "0");
  EXPECT_EQ(KeyGrid("5", "5", "1").size(), 1u);
  EXPECT_THROW(KeyGrid("1", "10", "0"), std::invalid_argument);
  EXPECT_THROW(KeyGrid("1", "10", "-1"), std::invalid_argument);
  EXPECT_THROW(KeyGrid("a", "10", "1"), std::invalid_argument);
  EXPECT_THROW(KeyGrid("0", "99999999999999999", "0.00000000000000001"), std::invalid_argument);
  EXPECT_THROW(up.value(4), std::out_of_range);
}

}  // namespace
}  // namespace provsim::sweep
