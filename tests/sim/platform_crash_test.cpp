// The platform host crashes and restarts (durability on): whenever the crash
// comes and however long it lasts, every conservation law still holds after
// the recovery, and the recovery does what it says (orders resume, tasks
// repeated at a party are answered from its ledger, resent events are
// dropped, lost leases go on probation). Each run is made inside the test
// process, or in a child forked from it for a test that makes several.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <random>

#include "tests/support/in_process_run.hpp"
#include "tests/support/memory_scenario.hpp"
#include "tests/support/scenario_files.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

// The conformance scenario's small world with `outages`, and a standby
// host when `standby`.
InMemoryScenario crash_scenario(const std::string& outages, bool standby) {
  static const InMemoryScenario shipped = InMemoryScenario::shipped("conformance/platform-crash-sync");
  InMemoryScenario scenario = shipped;
  scenario.set("outages.csv", "target,kind,start,duration\n" + outages);
  if (standby) scenario.append("hosts.csv", "standby-1,standby,,4Gf,1Gbps,5ms\n");
  return scenario;
}

// That world with `sets`, run in a child process (a test makes many), which
// writes its results in a temp folder; its summary metrics.
nlohmann::json run_crash(const std::string& outages, const std::vector<std::string>& sets, const std::string& tag,
                         bool standby = false) {
  const fs::path out = temp_dir(tag);
  const reports::Results results = run_in_child(crash_scenario(outages, standby), sets, out / "results");
  fs::remove_all(out);
  return summary(results)["metrics"];
}

void expect_conserved(const nlohmann::json& m, const std::string& what) {
  for (const char* law : {"orders.conserved", "parties.consistent", "money.conserved", "rating.conserved",
                          "ip.conserved", "recovery.conserved"})
    EXPECT_EQ(m[law], true) << law << " with " << what
                            << (m.contains("parties.first_mismatch") ? " first mismatch: " +
                                                                           m["parties.first_mismatch"].dump()
                                                                     : "");
  EXPECT_EQ(m["recovery.orders_finished_twice"], 0) << what;
}

// The policies of one run, drawn per journal: the provisioning manager's
// (sync or group: none is refused for it), the rating engine's, the
// bindings' and the lease file's (sync, group or none); a group interval
// of a second or a minute (longer than the feeds' acknowledgement timeout:
// batches come again while their acknowledgements are held); and in half
// the runs the address server's replies lost three times in ten, so that
// bindings are still awaited by the manager when the crash comes.
struct Policies {
  std::string provisioning, rating, bindings, leases, group_interval;
  bool lossy_addresses = false;

  static Policies draw(std::mt19937_64& pick) {
    const char* acting[] = {"sync", "group"};
    const char* any[] = {"sync", "group", "none"};
    const auto one = [&pick](int n) { return std::uniform_int_distribution<int>(0, n - 1)(pick); };
    Policies p{acting[one(2)], any[one(3)], any[one(3)], any[one(3)], one(2) == 0 ? "1s" : "1m"};
    p.lossy_addresses = one(2) == 0;
    return p;
  }
  std::vector<std::string> sets() const {
    std::vector<std::string> s = {"durability.provisioning.commit=" + provisioning, "durability.rating.commit=" + rating,
                                  "durability.bindings.commit=" + bindings, "durability.leases.commit=" + leases,
                                  "durability.group_interval=" + group_interval};
    if (lossy_addresses) {
      s.push_back("faults.loss.address=0.3");
      s.push_back("provisioning.task_timeout=20m");
    }
    return s;
  }
  std::string text() const {
    return "provisioning " + provisioning + ", rating " + rating + ", bindings " + bindings + ", leases " + leases +
           ", group interval " + group_interval + (lossy_addresses ? ", address replies lost" : "");
  }
};

// The property: crashes at random times, of random lengths, under commit
// policies drawn at random for each journal, two seeds in five with a
// standby host taking over (from the shared disk or its replicated copy)
// when the crash outlasts the detection delay; 50 seeds on a half-day run.
TEST(PlatformCrash, EveryConservationLawHoldsAfterACrashAtAnyTime) {
  const int seeds = 50;
  std::mt19937_64 pick(20);
  const char* failovers[] = {"none", "none", "none", "shared", "replicated"};
  std::uint64_t resumed = 0, repeated = 0, deduplicated = 0, probation = 0, taken_over = 0;
  std::uint64_t restored = 0, undone = 0, held = 0, rated_again = 0, billing_lost = 0;
  for (int seed = 1; seed <= seeds; ++seed) {
    // Crash between 10 minutes and 11 hours into a 12-hour run, for 1 s to
    // 90 minutes (the restart always before the end).
    const auto start = std::uniform_int_distribution<long>(600, 11 * 3600)(pick);
    const auto length = std::uniform_int_distribution<long>(1, 5400)(pick);
    const Policies policies = Policies::draw(pick);
    const std::string failover = failovers[seed % 5];
    const std::string what = "seed " + std::to_string(seed) + ", crash at " + std::to_string(start) + " s for " +
                             std::to_string(length) + " s, " + policies.text() + ", failover " + failover;
    std::vector<std::string> sets = {"run.seed=" + std::to_string(seed), "run.duration=12h",
                                     "population.initial=150", "durability.failover=" + failover,
                                     "durability.failover_detection=1m"};
    for (const std::string& set : policies.sets()) sets.push_back(set);
    nlohmann::json m;
    try {
      m = run_crash("platform-1,host," + std::to_string(start) + "s," + std::to_string(length) + "s\n", sets,
                    "prop-" + std::to_string(seed), failover != "none");
    } catch (const std::exception& e) {
      FAIL() << what << ": " << e.what();
    }
    expect_conserved(m, what);
    EXPECT_EQ(m["recovery.crashes"], 1) << what;
    EXPECT_EQ(m["recovery.restarts"], 1) << what;
    EXPECT_EQ(m["recovery.down_at_end"], 0) << what;
    // With a standby, a crash longer than the detection delay ends at the
    // takeover, a shorter one at the platform host's restart.
    // (At exactly the delay either may come first.)
    const bool takes_over = failover != "none" && length > 60;
    if (length != 60) {
      EXPECT_EQ(m["recovery.failovers"], takes_over ? 1 : 0) << what;
    }
    EXPECT_GE(m["recovery.downtime_s"].get<double>(), takes_over ? 60.0 : static_cast<double>(length)) << what;
    if (takes_over) {
      EXPECT_LT(m["recovery.downtime_s"].get<double>(), 61.0) << what;
    }
    if (m["recovery.time_to_recover_s"].get<double>() > 0) {
      EXPECT_GE(m["recovery.time_to_recover_s"].get<double>(), m["recovery.downtime_s"].get<double>()) << what;
    }
    taken_over += m["recovery.failovers"].get<std::uint64_t>();
    // What each policy may lose: sync nothing, group its messages held
    // (never a change acted on), none the bindings and leases since the
    // last snapshot, each binding put back or taken back.
    if (policies.leases == "sync") {
      EXPECT_EQ(m["recovery.leases_lost"], 0) << what;
    }
    if (policies.bindings != "none") {
      EXPECT_EQ(m["recovery.bindings_lost"], 0) << what;
    }
    EXPECT_EQ(m["recovery.bindings_lost"].get<std::uint64_t>(),
              m["recovery.bindings_restored"].get<std::uint64_t>() + m["recovery.bindings_undone"].get<std::uint64_t>())
        << what;
    if (policies.provisioning == "sync" && policies.rating != "group" && policies.bindings != "group") {
      EXPECT_EQ(m["recovery.messages_held_lost"], 0) << what;
    }
    // Rating under none loses the batches and billing changes since the
    // last snapshot: the feeds send every lost batch again once they hear
    // of the restart (at their next batch, 15 minutes at most), before
    // anything new, and each lost billing change is put back or done again.
    const auto count = [&m](const char* key) { return m[key].get<std::uint64_t>(); };
    if (policies.rating != "none") {
      EXPECT_EQ(count("recovery.events_unsaved"), 0u) << what;
      EXPECT_EQ(count("recovery.billing_changes_lost"), 0u) << what;
    } else if (start + length + 3600 < 12 * 3600) {
      EXPECT_EQ(count("recovery.events_awaiting_replay"), 0u) << what;
      EXPECT_EQ(count("recovery.events_rated_again"), count("recovery.events_unsaved")) << what;
    }
    // Each feed's events rated in the order they first came.
    EXPECT_EQ(count("recovery.rated_ahead_of_lost"), 0u) << what;
    EXPECT_EQ(count("recovery.billing_changes_lost"),
              count("recovery.billing_changes_restored") + count("recovery.billing_changes_redone"))
        << what;
    rated_again += count("recovery.events_rated_again");
    billing_lost += count("recovery.billing_changes_lost");
    resumed += m["recovery.orders_resumed"].get<std::uint64_t>();
    repeated += m["recovery.tasks_repeated"].get<std::uint64_t>();
    deduplicated += m["recovery.events_deduplicated"].get<std::uint64_t>();
    probation += m["recovery.leases_on_probation"].get<std::uint64_t>();
    restored += m["recovery.bindings_restored"].get<std::uint64_t>();
    undone += m["recovery.bindings_undone"].get<std::uint64_t>();
    held += m["recovery.messages_held_lost"].get<std::uint64_t>();
  }
  // Over these crashes the recovery paths were taken, not only the quiet ones.
  EXPECT_GT(resumed, 0u);
  EXPECT_GT(repeated, 0u);
  EXPECT_GT(deduplicated, 0u);
  EXPECT_GT(probation, 0u);
  EXPECT_GT(taken_over, 0u);
  EXPECT_GT(restored, 0u);
  EXPECT_GT(undone, 0u);
  EXPECT_GT(held, 0u);
  EXPECT_GT(rated_again, 0u);
  EXPECT_GT(billing_lost, 0u);
}

// Both hosts of a failover pair crash, each once, at random times and for
// random lengths (in either order, overlapping or not), under policies
// drawn per journal as above: the host running
// the components fails over to the other when it stands by, a host back
// from its crash stands by again (after catching up, replicated), and every
// crash of the host running the components ends in exactly one restart or
// takeover. 12 seeds on a half-day run (each path below is taken in
// several of them; the 50-seed test above covers crashes at random).
TEST(PlatformCrash, BothHostsCrashingInTurnKeepEveryLaw) {
  const int seeds = 12;
  std::mt19937_64 pick(21);
  std::uint64_t taken_over = 0, failed_back = 0, rejoined = 0, caught_up = 0;
  for (int seed = 1; seed <= seeds; ++seed) {
    std::string outages;
    for (const char* host : {"platform-1", "standby-1"}) {
      // Between 10 minutes and 10 hours in, for 1 s to 3 hours, over by 11.5 hours.
      const auto start = std::uniform_int_distribution<long>(600, 10 * 3600)(pick);
      const auto length = std::min(std::uniform_int_distribution<long>(1, 3 * 3600)(pick), 41400 - start);
      outages += std::string(host) + ",host," + std::to_string(start) + "s," + std::to_string(length) + "s\n";
    }
    const std::string failover = seed % 2 == 0 ? "shared" : "replicated";
    const Policies policies = Policies::draw(pick);
    const std::string what =
        "seed " + std::to_string(seed) + ", outages " + outages + policies.text() + ", failover " + failover;
    std::vector<std::string> sets = {"run.seed=" + std::to_string(seed), "run.duration=12h", "population.initial=150",
                                     "durability.failover=" + failover, "durability.failover_detection=1m"};
    for (const std::string& set : policies.sets()) sets.push_back(set);
    nlohmann::json m;
    try {
      m = run_crash(outages, sets, "pair-" + std::to_string(seed), true);
    } catch (const std::exception& e) {
      FAIL() << what << ": " << e.what();
    }
    expect_conserved(m, what);
    EXPECT_EQ(m["faults.outages"], 2) << what;
    EXPECT_GE(m["recovery.crashes"].get<int>(), 1) << what;
    EXPECT_LE(m["recovery.crashes"].get<int>(), 2) << what;
    EXPECT_EQ(m["recovery.restarts"], m["recovery.crashes"]) << what;
    EXPECT_LE(m["recovery.failovers"].get<int>(), m["recovery.crashes"].get<int>()) << what;
    EXPECT_EQ(m["recovery.down_at_end"], 0) << what;
    if (policies.provisioning == "sync" && policies.rating == "sync" && policies.bindings == "sync" &&
        policies.leases == "sync") {
      EXPECT_EQ(m["recovery.records_lost"], 0) << what;
    }
    EXPECT_EQ(m["recovery.bindings_lost"].get<std::uint64_t>(),
              m["recovery.bindings_restored"].get<std::uint64_t>() + m["recovery.bindings_undone"].get<std::uint64_t>())
        << what;
    taken_over += m["recovery.failovers"].get<std::uint64_t>();
    failed_back += m["recovery.failovers"].get<std::uint64_t>() == 2 ? 1 : 0;
    rejoined += m["recovery.rejoins"].get<std::uint64_t>();
    caught_up += m["recovery.catch_up_bytes"].get<double>() > 0 ? 1 : 0;
  }
  // The paths were taken: takeovers, hosts standing by again (some after
  // catching up), and takeovers back to the host that crashed first.
  EXPECT_GT(taken_over, 0u);
  EXPECT_GT(rejoined, 0u);
  EXPECT_GT(caught_up, 0u);
  EXPECT_GT(failed_back, 0u);
}

TEST(PlatformCrash, AnOutagePastTheEndLeavesTheRunConsistent) {
  const nlohmann::json m =
      summary(run_in_process(crash_scenario("platform-1,host,10h,1000d\n", false), {"run.duration=12h"}))["metrics"];
  EXPECT_EQ(m["recovery.down_at_end"], 1);
  EXPECT_EQ(m["recovery.restarts"], 0);
  for (const char* law : {"orders.conserved", "money.conserved", "rating.conserved", "ip.conserved",
                          "recovery.conserved"})
    EXPECT_EQ(m[law], true) << law;
}

}  // namespace
}  // namespace provsim::testing
