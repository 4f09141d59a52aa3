// The IP address server inside the whole simulation against queueing
// theory, each replication run in a child process forked from the test's.
//
// A scenario with several ISPs, each with its own pool of C addresses and
// exactly N subscribers (its own market whose serving office has exactly N
// ports, so the bulk population at time 0 fills every market), the reject
// policy, no vanishing devices (a vanished lease would hold its address to
// expiry, which is not the Engset model). Each subscriber alternates
// exponential idle periods (mean 1/gamma) and sessions (mean h): N Poisson
// sources with beta = gamma x h. The share of attempts blocked
// (ip.<isp>.blocking) is the call congestion, Engset's
// engset_call_congestion(N, C, beta). Replications with different seeds give
// a 95 % confidence interval that must contain it, for each pool; being a
// loss system, it must hold for log-normal holding times as well.
// With N large relative to C (and beta small, N beta fixed) the sources
// become one Poisson stream of rate N gamma: blocking tends to Erlang
// B(C, A) with A = N beta erlangs (the arrival rate of an all-idle
// population times h).
//
// Seeds are fixed (101..106), so the test is deterministic. Each comparison
// is a 95 % interval, so a change to how sessions draw their times moves a
// point outside its interval about once in twenty: one narrow miss per study
// is allowed (see expect_matches); look at the printed table before
// suspecting the model.

#include <gtest/gtest.h>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "model/theory/confidence.hpp"
#include "model/theory/engset.hpp"
#include "model/theory/erlang.hpp"
#include "tests/support/in_process_run.hpp"
#include "tests/support/memory_scenario.hpp"
#include "tests/support/scenario_files.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

struct PoolSpec {
  std::vector<std::string> blocks;  // IPv4 blocks; their usable addresses add up to `capacity`
  std::uint32_t capacity;
  std::uint32_t subscribers;
};

struct Study {
  std::string tag;
  // Sessions: mean holding h, mean idle 86400 / per_day - h.
  std::string per_day;
  double mean_holding_s;
  double mean_idle_s;
  std::string holding = "exponential";
  std::string duration;
  std::vector<PoolSpec> pools;
  int replications;

  double beta() const { return mean_holding_s / mean_idle_s; }
};

std::string isp(std::size_t i) { return "isp" + std::to_string(i + 1); }

// One ISP per pool, each alone in its market with an office of exactly N
// ports and 2N lines, and a BSP no one buys from. Built on the shipped
// study scenario (its revenue shares).
InMemoryScenario make_scenario(const Study& study) {
  InMemoryScenario scenario = InMemoryScenario::shipped("overallocation");
  std::string providers = "id,kind,name\nnetco,np,NetCo\nvideo,bsp,FilmBox\n";
  std::string hosts = "host,zone,provider,speed,bandwidth,latency\nplatform-1,platform,,4Gf,1Gbps,1ms\n"
                      "netco-1,np,netco,2Gf,1Gbps,5ms\nvideo-1,bsp,video,1Gf,100Mbps,15ms\n";
  std::string offerings =
      "id,owner,kind,unit,name\ndsl-4m,netco,access_tier,month,DSL 4 Mbit/s\nfilm,video,bsp_purchase,item,Film\n";
  // The rating engine needs a rule; no one buys (workload.bsp_take = 0).
  std::string rules = "plan,offering,model,price,connect_fee,rate,rate_unit,rate_increment,rounding,rounding_decimals\n";
  std::string plans = "id,isp,market,name\n";
  std::string plan_offerings = "plan,offering,monthly_fee\n";
  std::string offices = "office,ports\n";
  std::string lines = "line,technology,market,loop_length_m,office\n";
  std::string blocks = "block,owner,region,spare\n100.127.0.0/24,netco,,\n";
  std::uint32_t population = 0, line = 0;
  for (std::size_t i = 0; i < study.pools.size(); ++i) {
    const PoolSpec& p = study.pools[i];
    const std::string id = isp(i), market = "m" + std::to_string(i + 1), office = "o" + std::to_string(i + 1);
    providers += id + ",isp," + id + "\n";
    hosts += id + "-1,isp," + id + ",2Gf,1Gbps,8ms\n";
    plans += "plan-" + id + "," + id + "," + market + ",plan\n";
    plan_offerings += "plan-" + id + ",dsl-4m,10\nplan-" + id + ",film,0\n";
    rules += "plan-" + id + ",film,one_time,3.99,,,,,,\n";
    offices += office + "," + std::to_string(p.subscribers) + "\n";
    for (std::uint32_t k = 0; k < 2 * p.subscribers; ++k)
      lines += "L" + std::to_string(++line) + ",dsl," + market + ",1000," + office + "\n";
    for (const std::string& b : p.blocks) blocks += b + "," + id + ",,\n";
    population += p.subscribers;
  }
  scenario.set("providers.csv", providers)
      .set("hosts.csv", hosts)
      .set("offerings.csv", offerings)
      .set("plans.csv", plans)
      .set("plan_offerings.csv", plan_offerings)
      .set("offices.csv", offices)
      .set("rating_rules.csv", rules)
      .set("lines.csv", lines)
      .set("address_blocks.csv", blocks);
  scenario.set("scenario.ini",
             "[run]\nduration = " + study.duration + "\nmetrics_interval = 10d\n"
             "[workload]\narrival_rate = 0/d\nbsp_take = 0\n"
             "[population]\ninitial = " + std::to_string(population) + "\n"
             "[sessions]\nper_day = " + study.per_day + "\nmean_duration = " +
             std::to_string(static_cast<int>(study.mean_holding_s)) + "s\nholding = " + study.holding +
             "\nholding_cv = 2\nvanish = 0\n"
             "[ip]\npolicy = reject\nlease_time = 1h\n"
             "[rating]\ncycle = 30d\n");
  return scenario;
}

struct Replications {
  std::vector<std::vector<double>> blocking;  // [pool][replication]
  std::vector<double> engset_reported;        // by the first run, per pool
  std::vector<double> erlang_b_reported;
  std::vector<std::int64_t> bound, capacity, attempts;
};

Replications run_replications(const Study& study) {
  const InMemoryScenario scenario = make_scenario(study);
  const fs::path dir = temp_dir(study.tag);  // the results folders
  Replications r;
  r.blocking.resize(study.pools.size());
  for (int rep = 0; rep < study.replications; ++rep) {
    const fs::path out = dir / ("out" + std::to_string(rep));
    nlohmann::json m;
    try {
      m = summary(run_in_child(scenario, {"run.seed=" + std::to_string(101 + rep)}, out))["metrics"];
    } catch (const std::exception& e) {
      ADD_FAILURE() << "the run failed: " << e.what();
      fs::remove_all(dir);
      return r;
    }
    for (std::size_t i = 0; i < study.pools.size(); ++i) {
      const std::string key = "ip." + isp(i) + ".";
      r.blocking[i].push_back(m[key + "blocking"].get<double>());
      if (rep == 0) {
        r.engset_reported.push_back(m[key + "engset_blocking"].get<double>());
        r.erlang_b_reported.push_back(m[key + "erlang_b_blocking"].get<double>());
        r.bound.push_back(m[key + "bound"].get<std::int64_t>());
        r.capacity.push_back(m[key + "capacity"].get<std::int64_t>());
        r.attempts.push_back(m[key + "attempts"].get<std::int64_t>());
      }
    }
  }
  fs::remove_all(dir);
  return r;
}

// For each pool: the 95 % interval over replications contains `expected`,
// and is narrow enough for that to mean something. Six independent 95 %
// intervals all cover their true values only 74 % of the time, so one pool
// per study may miss, but only narrowly: within 1.5 half-widths (about a
// 99 % interval with 5 degrees of freedom). Two misses, or one wide miss,
// fail.
void expect_matches(const Study& study, const Replications& r, const char* what,
                    double (*expected)(const PoolSpec&, double beta)) {
  ASSERT_EQ(r.bound.size(), study.pools.size());
  std::printf("%s, beta %.5f, %d replications\n   C     N  attempts/run  simulated (95%% CI)       %s\n",
              study.tag.c_str(), study.beta(), study.replications, what);
  int misses = 0;
  for (std::size_t i = 0; i < study.pools.size(); ++i) {
    const PoolSpec& p = study.pools[i];
    // The population and the pool are what the scenario says.
    EXPECT_EQ(r.bound[i], p.subscribers) << isp(i);
    EXPECT_EQ(r.capacity[i], p.capacity) << isp(i);
    const theory::ConfidenceInterval ci = theory::confidence_interval_95(r.blocking[i]);
    const double want = expected(p, study.beta());
    std::printf("%4u %5u %13lld  %.4f +- %.4f       %.4f\n", p.capacity, p.subscribers,
                static_cast<long long>(r.attempts[i]), ci.mean, ci.half_width, want);
    if (!ci.contains(want)) ++misses;
    EXPECT_LE(std::abs(ci.mean - want), 1.5 * ci.half_width)
        << isp(i) << " C=" << p.capacity << " N=" << p.subscribers << ": " << ci.mean << " +- " << ci.half_width
        << " is far from " << what << " " << want;
    EXPECT_LT(ci.half_width, 0.2 * want + 0.005) << isp(i) << ": interval too wide to test anything";
    // The results report the same analytic values next to the simulated one.
    EXPECT_NEAR(r.engset_reported[i], theory::engset_call_congestion(p.subscribers, p.capacity, study.beta()), 1e-9)
        << isp(i);
    EXPECT_NEAR(r.erlang_b_reported[i], theory::erlang_b(p.capacity, p.subscribers * study.beta()), 1e-9) << isp(i);
  }
  EXPECT_LE(misses, 1) << "pools whose 95 % interval misses " << what;
}

double engset(const PoolSpec& p, double beta) { return theory::engset_call_congestion(p.subscribers, p.capacity, beta); }
double erlang(const PoolSpec& p, double beta) { return theory::erlang_b(p.capacity, p.subscribers * beta); }

// Six (C, N) points from light to heavy load, beta = 0.25 (sessions of 1 h,
// idle periods of 4 h: 4.8 a day).
std::vector<PoolSpec> engset_pools() {
  return {
      {{"10.0.1.0/28"}, 14, 40},                                // light: 0.009
      {{"10.0.2.0/29"}, 6, 16},                                 // 0.044 (time congestion: 0.057)
      {{"10.0.3.0/28"}, 14, 60},                                // 0.117
      {{"10.0.4.0/29"}, 6, 24},                                 // 0.173
      {{"10.0.5.0/30", "10.0.5.4/31", "10.0.5.6/31"}, 6, 30},   // 0.279, three blocks
      {{"10.0.6.0/30"}, 2, 12},                                 // heavy: 0.478
  };
}

Study engset_study(std::string tag, std::string holding) {
  return Study{std::move(tag), "4.8", 3600, 4 * 3600, std::move(holding), "150d", engset_pools(), 6};
}

TEST(TheorySim, RejectBlockingMatchesEngsetCallCongestion) {
  const Study study = engset_study("engset-exponential", "exponential");
  const Replications r = run_replications(study);
  expect_matches(study, r, "Engset call congestion", engset);
  // It is the call congestion that blocked / attempts measures: the time
  // congestion of (C, N) = (6, 16), 0.057, lies well outside the interval.
  ASSERT_EQ(r.blocking.size(), study.pools.size());
  const theory::ConfidenceInterval small = theory::confidence_interval_95(r.blocking[1]);
  EXPECT_FALSE(small.contains(theory::engset_time_congestion(16, 6, study.beta()))) << small.mean;
}

// Loss systems are insensitive to the holding-time distribution: log-normal
// sessions with a coefficient of variation of 2 and the same mean block the
// same share of attempts.
TEST(TheorySim, RejectBlockingIsInsensitiveToLognormalHolding) {
  const Study study = engset_study("engset-lognormal", "lognormal");
  const Replications r = run_replications(study);
  expect_matches(study, r, "Engset call congestion", engset);
}

// Many subscribers per address, each rarely online (beta = 1/799: sessions
// of 1 h, idle periods of 799 h), N beta of a few erlangs: blocking is
// Erlang B(C, N beta). (Engset differs by 0.3 %: 0.1205 against 0.1209 and
// 0.2061 against 0.2065. With N = 1000 the gap is 1.5 %, which these runs
// resolve.)
TEST(TheorySim, RejectBlockingTendsToErlangBForLargePopulations) {
  const Study study{"erlang-b", "0.03", 3600, 799 * 3600, "exponential", "300d",
                    {{{"10.0.1.0/29", "10.0.1.8/32"}, 7, 4000}, {{"10.0.2.0/30", "10.0.2.4/31"}, 4, 2400}}, 6};
  const Replications r = run_replications(study);
  expect_matches(study, r, "Erlang B(C, N beta)", erlang);
}

}  // namespace
}  // namespace provsim::testing
