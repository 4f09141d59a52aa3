// The address server against queueing theory: a pool of C addresses under
// the reject policy, Poisson session arrivals, holding times exponential or
// log-normal with the same mean, driven by a small event loop (the role the
// SimGrid actor plays in the real simulation). The blocking probability over
// replications must contain Erlang B(C, A) in its 95 % confidence interval,
// whatever the holding-time distribution (Erlang B is insensitive to it).
// With a finite population of N subscribers the share of blocked attempts
// must match Engset's call congestion.

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <queue>
#include <vector>

#include "model/address/address_server.hpp"
#include "model/theory/confidence.hpp"
#include "model/theory/engset.hpp"
#include "model/theory/erlang.hpp"

namespace provsim {
namespace {

enum class Holding { kExponential, kLogNormal };

struct Event {
  SimTime at;
  std::uint64_t seq;  // ties broken by scheduling order: deterministic
  SubscriberId who;   // invalid: an arrival
  bool operator>(const Event& o) const { return at != o.at ? at > o.at : seq > o.seq; }
};

// One replication: the share of attempts after the warm-up that were blocked.
double blocking_of_one_run(std::uint32_t capacity, double offered, Holding holding, std::uint64_t seed) {
  const double mean_holding = 100.0;
  const double arrival_rate = offered / mean_holding;
  const double warmup = 20 * mean_holding;
  const std::uint64_t counted_arrivals = 6000;

  AddressPlan plan;
  plan.network_provider = ProviderId(0);
  plan.v6_slice = capacity;  // exactly C addresses from one IPv6 prefix
  plan.add({IpPrefix::parse("2001:db8::/64"), ProviderId(1), "", false});
  AddressServerConfig config;
  config.pool.policy = "reject";
  config.pool.allocator = "random";
  AddressServer server(plan, config, Rng::stream(seed, "allocator"));
  Rng arrivals = Rng::stream(seed, "arrivals");
  Rng holds = Rng::stream(seed, "holding");

  // Infinite-source traffic needs only enough subscriber ids for those online
  // plus the one arriving.
  std::vector<SubscriberId> idle;
  for (std::uint32_t i = 0; i <= capacity; ++i) {
    server.bind(SubscriberId(i), ProviderId(1), "", 0);
    idle.push_back(SubscriberId(i));
  }

  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  std::uint64_t seq = 0;
  events.push({arrivals.exponential(1 / arrival_rate), seq++, SubscriberId{}});
  std::uint64_t attempts = 0, blocked = 0;
  while (attempts < counted_arrivals) {
    const Event e = events.top();
    events.pop();
    if (e.who.valid()) {
      server.release(e.who, e.at);
      idle.push_back(e.who);
      continue;
    }
    events.push({e.at + arrivals.exponential(1 / arrival_rate), seq++, SubscriberId{}});
    const SubscriberId who = idle.back();
    const LeaseReply reply = server.lease(who, e.at);
    const bool counted = e.at > warmup;
    attempts += counted;
    if (reply.status != LeaseStatus::kGranted) {
      blocked += counted;
      continue;
    }
    idle.pop_back();
    const double hold = holding == Holding::kExponential ? holds.exponential(mean_holding)
                                                         : holds.lognormal(mean_holding, 2.0);
    events.push({e.at + hold, seq++, who});
  }
  server.check_invariants();
  EXPECT_EQ(server.pool(PoolId(0)).stats().peak_leased, capacity);
  return static_cast<double>(blocked) / static_cast<double>(attempts);
}

theory::ConfidenceInterval blocking_over_replications(std::uint32_t capacity, double offered, Holding holding) {
  std::vector<double> results;
  for (std::uint64_t rep = 0; rep < 10; ++rep)
    results.push_back(blocking_of_one_run(capacity, offered, holding, 1000 + rep));
  const theory::ConfidenceInterval ci = theory::confidence_interval_95(results);
  ::testing::Test::RecordProperty("blocking_ci", std::to_string(ci.lower()) + " .. " + std::to_string(ci.upper()));
  return ci;
}

class ErlangBLoadPoint : public ::testing::TestWithParam<double> {};

TEST_P(ErlangBLoadPoint, ExponentialHoldingMatchesErlangB) {
  const double offered = GetParam();
  const double expected = theory::erlang_b(10, offered);
  const theory::ConfidenceInterval ci = blocking_over_replications(10, offered, Holding::kExponential);
  EXPECT_TRUE(ci.contains(expected)) << "Erlang B " << expected << " outside [" << ci.lower() << ", " << ci.upper()
                                     << "]";
}

TEST_P(ErlangBLoadPoint, LogNormalHoldingGivesTheSameBlocking) {
  const double offered = GetParam();
  const double expected = theory::erlang_b(10, offered);
  const theory::ConfidenceInterval ci = blocking_over_replications(10, offered, Holding::kLogNormal);
  EXPECT_TRUE(ci.contains(expected)) << "Erlang B " << expected << " outside [" << ci.lower() << ", " << ci.upper()
                                     << "]";
}

INSTANTIATE_TEST_SUITE_P(Address, ErlangBLoadPoint, ::testing::Values(5.0, 8.0, 12.0));


// Finite population: N subscribers, each idle one attempts a session at rate
// gamma; a blocked one goes back to idle. Blocked attempts / attempts is the
// call congestion.
double engset_blocking_of_one_run(std::uint32_t sources, std::uint32_t capacity, double beta, std::uint64_t seed) {
  const double mean_holding = 100.0;
  const double gamma = beta / mean_holding;
  AddressPlan plan;
  plan.network_provider = ProviderId(0);
  plan.add({IpPrefix::parse("10.0.0.0/28"), ProviderId(1), "", false});  // 14 addresses
  AddressServerConfig config;
  config.pool.allocator = "iterative";
  AddressServer server(plan, config, Rng::stream(seed, "allocator"));
  EXPECT_EQ(server.pool(PoolId(0)).stats().capacity, capacity);
  Rng think = Rng::stream(seed, "think");
  Rng holds = Rng::stream(seed, "holding");

  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  std::uint64_t seq = 0;
  std::vector<std::uint8_t> online(sources, 0);
  for (std::uint32_t i = 0; i < sources; ++i) {
    server.bind(SubscriberId(i), ProviderId(1), "", 0);
    events.push({think.exponential(1 / gamma), seq++, SubscriberId(i)});
  }
  const double warmup = 20 * mean_holding;
  std::uint64_t attempts = 0, blocked = 0;
  while (attempts < 6000) {
    const Event e = events.top();
    events.pop();
    const std::uint32_t i = e.who.value();
    if (online[i]) {  // the session ends
      server.release(e.who, e.at);
      online[i] = 0;
      events.push({e.at + think.exponential(1 / gamma), seq++, e.who});
      continue;
    }
    const bool granted = server.lease(e.who, e.at).status == LeaseStatus::kGranted;
    if (e.at > warmup) {
      ++attempts;
      blocked += !granted;
    }
    if (granted) {
      online[i] = 1;
      events.push({e.at + holds.exponential(mean_holding), seq++, e.who});
    } else {
      events.push({e.at + think.exponential(1 / gamma), seq++, e.who});
    }
  }
  server.check_invariants();
  return static_cast<double>(blocked) / static_cast<double>(attempts);
}

TEST(EngsetLoadPoint, FiniteSubscriberPopulationMatchesEngsetCallCongestion) {
  const std::uint32_t sources = 30, capacity = 14;
  const double beta = 0.6;  // 30 sources offering 0.6 erlang each while idle
  std::vector<double> results;
  for (std::uint64_t rep = 0; rep < 10; ++rep)
    results.push_back(engset_blocking_of_one_run(sources, capacity, beta, 77 + rep));
  const theory::ConfidenceInterval ci = theory::confidence_interval_95(results);
  const double call = theory::engset_call_congestion(sources, capacity, beta);
  const double time = theory::engset_time_congestion(sources, capacity, beta);
  RecordProperty("blocking_ci", std::to_string(ci.lower()) + " .. " + std::to_string(ci.upper()));
  EXPECT_TRUE(ci.contains(call)) << "Engset call congestion " << call << " outside [" << ci.lower() << ", "
                                 << ci.upper() << "]";
  EXPECT_FALSE(ci.contains(time)) << "time congestion " << time << " should differ measurably";
}

}  // namespace
}  // namespace provsim
