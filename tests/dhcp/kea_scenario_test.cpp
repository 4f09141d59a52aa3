// scenarios/kea/reject end to end: `provsim dhcp` starts Kea, drives 35
// subscribers' sessions against its 14 addresses for 90 s of wall time,
// stops it, and judges it. Every verdict and [expect] line must hold: no
// double allocation, counters agree, blocking matches Engset and the
// in-process reference within their 95 % intervals. Skipped, with the
// reason, without root or without Kea.
//
// A 95 % interval misses the true value in one run of twenty, a real-time
// run is not reproducible to the attempt (timing decides near ties), and a
// machine busy with other work can make a run fall behind (untrusted). So
// when only the interval or pacing verdicts fail, and every verdict on the
// server's behaviour holds, the scenario is run once more with another seed
// and that run is judged; both runs are printed.

#include <gtest/gtest.h>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "tests/dhcp/kea_support.hpp"
#include "tests/support/provsim_process.hpp"

namespace provsim::dhcp {
namespace {

using provsim::testing::read_file;
using provsim::testing::run_provsim;
using provsim::testing::source_path;
using provsim::testing::temp_dir;

struct ScenarioRun {
  provsim::testing::ProcessResult process;
  nlohmann::json summary;
};

ScenarioRun run_reject(const std::filesystem::path& out, const std::string& extra) {
  ScenarioRun r;
  r.process = run_provsim("dhcp '" + source_path("scenarios/kea/reject").string() + "' --out '" + out.string() + "'" +
                          extra);
  std::cout << r.process.out;
  if (std::filesystem::exists(out / "summary.json"))
    r.summary = nlohmann::json::parse(read_file(out / "summary.json"));
  return r;
}

// Failed only on verdicts that chance or a busy machine can tip (the
// intervals, pacing, a late renewal answer), the server itself judged sound.
bool only_intervals_failed(const ScenarioRun& r) {
  if (r.process.exit_code != 1 || r.summary.is_null()) return false;
  const nlohmann::json& m = r.summary["metrics"];
  for (const char* v : {"verdict.no_double_allocation", "verdict.inside_pool", "verdict.exhaustion_gives_no_lease",
                        "verdict.release_gives_reuse", "verdict.counters_agree"})
    if (m[v] != true) return false;
  for (const auto& v : r.summary["verdicts"]) {
    const std::string e = v["expectation"];
    bool chance = false;
    for (const char* k : {"within_ci", "dhcp.passed", "pacing_trusted", "renew_failed"})
      chance = chance || e.find(k) != std::string::npos;
    if (v["passed"] != true && !chance) return false;
  }
  return true;
}

// What verdict.counters_agree compares: Kea's own counters against the
// driver's, so a disagreement on a busy machine says which one moved.
std::string counters(const nlohmann::json& m) {
  std::string out;
  for (const auto& [key, value] : m.items())
    if (key.rfind("kea.", 0) == 0 || key.rfind("dhcp.", 0) == 0) out += key + " = " + value.dump() + "\n";
  return out;
}

TEST(KeaScenario, RejectPoolMatchesEngsetAndTheReference) {
  KeaInstall install;
  const std::string why = testing::kea_unavailable(install);
  if (!why.empty()) GTEST_SKIP() << why;
  const auto dir = temp_dir("kea");
  auto out = dir / "run";
  ScenarioRun r = run_reject(out, "");
  if (only_intervals_failed(r)) {
    std::cout << "[ retry    ] only interval or pacing verdicts failed: once more with seed 8\n";
    out = dir / "run-seed-8";
    r = run_reject(out, " --seed 8");
  }
  EXPECT_EQ(r.process.exit_code, 0) << r.process.out << r.process.err;
  ASSERT_FALSE(r.summary.is_null());
  const nlohmann::json& m = r.summary["metrics"];
  EXPECT_EQ(m["dhcp.passed"], true);
  EXPECT_EQ(m["dhcp.double_allocations"], 0);
  EXPECT_EQ(m["verdict.counters_agree"], true) << counters(m);
  for (const auto& v : r.summary["verdicts"]) EXPECT_EQ(v["passed"], true) << v.dump();
  // Kea wrote its pid file into the run folder and removed it when provsim
  // stopped it; its configuration and log stay for the reader.
  EXPECT_TRUE(std::filesystem::exists(out / "kea-dhcp4.conf"));
  EXPECT_TRUE(std::filesystem::exists(out / "kea-dhcp4.log"));
  for (const auto& entry : std::filesystem::directory_iterator(out))
    EXPECT_NE(entry.path().extension(), ".pid") << "Kea's pid file is still there: " << entry.path();
  EXPECT_TRUE(std::filesystem::exists(out / "pools.csv"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace provsim::dhcp
