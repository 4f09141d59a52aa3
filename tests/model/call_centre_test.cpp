// The call centre (model/call_centre): agents as a counted resource, callers
// answered FIFO, waiting callers hanging up, and its statistics; then the
// whole against queueing theory. With Poisson arrivals, exponential talk
// times and callers who never hang up, it is an M/M/c queue: the share of
// callers who wait and their mean wait must contain Erlang C's values in
// their 95 % confidence interval over replications, at several (agents,
// load) points. A small event loop plays the part the SimGrid actors play in
// the simulation.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <queue>
#include <vector>

#include "model/call_centre/call_centre.hpp"
#include "model/core/random.hpp"
#include "model/theory/confidence.hpp"
#include "model/theory/erlang.hpp"

namespace provsim {
namespace {

TEST(CallCentre, AnswersAtOnceWhileAgentsAreFree) {
  CallCentre centre(2);
  EXPECT_TRUE(centre.arrive(0).answered);
  EXPECT_TRUE(centre.arrive(1).answered);
  EXPECT_FALSE(centre.arrive(2).answered);
  EXPECT_EQ(centre.busy(), 2u);
  EXPECT_EQ(centre.queue_length(), 1u);
  const CallCentreStats s = centre.stats(2);
  EXPECT_EQ(s.offered, 3u);
  EXPECT_EQ(s.answered, 2u);
  EXPECT_EQ(s.waited, 1u);
}

TEST(CallCentre, AFreedAgentAnswersTheLongestWaitingCaller) {
  CallCentre centre(1);
  const CallId first = centre.arrive(0).call;
  const CallId second = centre.arrive(1).call;
  const CallId third = centre.arrive(2).call;
  EXPECT_EQ(centre.finish(first, 10), second);
  EXPECT_TRUE(centre.is_talking(second));
  EXPECT_EQ(centre.finish(second, 20), third);
  EXPECT_EQ(centre.finish(third, 30), std::nullopt);
  EXPECT_EQ(centre.busy(), 0u);
  const CallCentreStats s = centre.stats(30);
  EXPECT_EQ(s.answered, 3u);
  EXPECT_DOUBLE_EQ(s.mean_wait(), (0.0 + 9.0 + 18.0) / 3);
  EXPECT_DOUBLE_EQ(s.probability_of_waiting(), 2.0 / 3);
}

TEST(CallCentre, ACallerWhoHangsUpIsSkipped) {
  CallCentre centre(1);
  const CallId first = centre.arrive(0).call;
  const CallId impatient = centre.arrive(1).call;
  const CallId patient = centre.arrive(2).call;
  EXPECT_TRUE(centre.abandon(impatient, 5));
  EXPECT_EQ(centre.queue_length(), 1u);
  EXPECT_EQ(centre.finish(first, 10), patient);
  const CallCentreStats s = centre.stats(10);
  EXPECT_EQ(s.abandoned, 1u);
  EXPECT_DOUBLE_EQ(s.abandoned_wait, 4.0);
  EXPECT_EQ(s.answered, 2u);
}

TEST(CallCentre, HangingUpAfterBeingAnsweredIsNotAbandoning) {
  CallCentre centre(1);
  const CallId first = centre.arrive(0).call;
  const CallId second = centre.arrive(1).call;
  ASSERT_EQ(centre.finish(first, 3), second);
  EXPECT_FALSE(centre.abandon(second, 3));  // his patience ran out at the moment he was answered
  EXPECT_EQ(centre.stats(3).abandoned, 0u);
}

TEST(CallCentre, UtilisationIsBusyAgentTimeOverAgentTime) {
  CallCentre centre(2);
  const CallId a = centre.arrive(0).call;
  centre.finish(a, 50);  // one of two agents busy for half of 100 s
  EXPECT_DOUBLE_EQ(centre.utilisation(100), 0.25);
  centre.reset_statistics(100);
  centre.arrive(100);
  EXPECT_DOUBLE_EQ(centre.utilisation(200), 0.5);
}

TEST(CallCentre, EndingACallNobodyHadIsAnInvariantBreak) {
  CallCentre centre(1);
  EXPECT_THROW(centre.finish(42, 1), std::logic_error);
}

// --- against Erlang C --------------------------------------------------------

struct Event {
  SimTime at;
  std::uint64_t seq;  // ties broken by scheduling order: deterministic
  bool arrival;
  CallId call;
  bool operator>(const Event& o) const { return at != o.at ? at > o.at : seq > o.seq; }
};

struct RunResult {
  double p_wait;
  double mean_wait;
};

// One replication of an M/M/c queue with infinite patience: counts
// `counted` arrivals after a warm-up, then lets the queue drain so every
// counted caller's wait is known.
RunResult one_run(std::uint32_t agents, double offered, std::uint64_t seed) {
  const double mean_talk = 100.0;
  const double rate = offered / mean_talk;
  const double warmup = 50 * mean_talk;
  const std::uint64_t counted = 20000;
  Rng arrivals = Rng::stream(seed, "arrivals");
  Rng talk = Rng::stream(seed, "talk");

  CallCentre centre(agents);
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  std::uint64_t seq = 0;
  events.push({arrivals.exponential(1 / rate), seq++, true, 0});
  bool warm = false;
  SimTime now = 0;
  while (!events.empty()) {
    const Event e = events.top();
    events.pop();
    now = e.at;
    if (!warm && e.at >= warmup) {
      centre.reset_statistics(e.at);
      warm = true;
    }
    std::optional<CallId> answered;
    if (e.arrival) {
      const auto arrival = centre.arrive(e.at);
      if (arrival.answered) answered = arrival.call;
      if (!warm || centre.stats(e.at).offered < counted)
        events.push({e.at + arrivals.exponential(1 / rate), seq++, true, 0});
    } else {
      answered = centre.finish(e.call, e.at);
    }
    if (answered) events.push({e.at + talk.exponential(mean_talk), seq++, false, *answered});
  }
  const CallCentreStats s = centre.stats(now);
  EXPECT_EQ(s.offered, counted);
  EXPECT_EQ(centre.queue_length(), 0u);  // drained: every counted caller was answered
  EXPECT_GE(s.answered, counted);        // (and those waiting at the warm-up's end)
  return {s.probability_of_waiting(), s.mean_wait()};
}

struct LoadPoint {
  std::uint32_t agents;
  double offered;  // erlangs
};

class ErlangCPoint : public ::testing::TestWithParam<LoadPoint> {};

TEST_P(ErlangCPoint, WaitingMatchesErlangC) {
  const auto [agents, offered] = GetParam();
  std::vector<double> p_wait, mean_wait;
  for (std::uint64_t rep = 0; rep < 10; ++rep) {
    const RunResult r = one_run(agents, offered, 7000 + rep);
    p_wait.push_back(r.p_wait);
    mean_wait.push_back(r.mean_wait);
  }
  const auto p_ci = theory::confidence_interval_95(p_wait);
  const auto w_ci = theory::confidence_interval_95(mean_wait);
  const double p_expected = theory::erlang_c(agents, offered);
  const double w_expected = theory::erlang_c_mean_wait(agents, offered, 100.0);
  RecordProperty("p_wait", std::to_string(p_ci.mean) + " +- " + std::to_string(p_ci.half_width) + " vs " +
                               std::to_string(p_expected));
  RecordProperty("mean_wait", std::to_string(w_ci.mean) + " +- " + std::to_string(w_ci.half_width) + " vs " +
                                  std::to_string(w_expected));
  EXPECT_TRUE(p_ci.contains(p_expected))
      << "Erlang C " << p_expected << " outside [" << p_ci.lower() << ", " << p_ci.upper() << "]";
  EXPECT_TRUE(w_ci.contains(w_expected))
      << "Erlang C mean wait " << w_expected << " outside [" << w_ci.lower() << ", " << w_ci.upper() << "]";
  // The intervals are tight enough to mean something.
  EXPECT_LT(p_ci.half_width, 0.1 * p_expected + 0.01);
}

INSTANTIATE_TEST_SUITE_P(CallCentre, ErlangCPoint,
                         ::testing::Values(LoadPoint{1, 0.5}, LoadPoint{3, 2.0}, LoadPoint{5, 4.0},
                                           LoadPoint{10, 8.0}),
                         [](const auto& point) {
                           return std::to_string(point.param.agents) + "_agents_" +
                                  std::to_string(static_cast<int>(point.param.offered * 10)) + "_decierlangs";
                         });

}  // namespace
}  // namespace provsim
