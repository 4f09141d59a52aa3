// scenarios/kea/reject end to end: `provsim dhcp` starts Kea, drives 35
// subscribers' sessions against its 14 addresses for 90 s of wall time,
// stops it, and judges it. Every verdict and [expect] line must hold: no
// double allocation, counters agree, blocking matches Engset and the
// in-process reference within their 95 % intervals. Skipped, with the
// reason, without root or without Kea.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/dhcp/kea_support.hpp"
#include "tests/support/provsim_process.hpp"

namespace provsim::dhcp {
namespace {

using provsim::testing::read_file;
using provsim::testing::run_provsim;
using provsim::testing::source_path;
using provsim::testing::temp_dir;

TEST(KeaScenario, RejectPoolMatchesEngsetAndTheReference) {
  KeaInstall install;
  const std::string why = testing::kea_unavailable(install);
  if (!why.empty()) GTEST_SKIP() << why;
  const auto dir = temp_dir("kea");
  const auto out = dir / "run";
  const provsim::testing::ProcessResult r =
      run_provsim("dhcp '" + source_path("scenarios/kea/reject").string() + "' --out '" + out.string() + "'");
  std::cout << r.out;
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const nlohmann::json summary = nlohmann::json::parse(read_file(out / "summary.json"));
  const nlohmann::json& m = summary["metrics"];
  EXPECT_EQ(m["dhcp.passed"], true);
  EXPECT_EQ(m["dhcp.double_allocations"], 0);
  EXPECT_EQ(m["verdict.counters_agree"], true);
  for (const auto& v : summary["verdicts"]) EXPECT_EQ(v["passed"], true) << v.dump();
  // Kea wrote its pid file into the run folder and removed it when provsim
  // stopped it; its configuration and log stay for the reader.
  EXPECT_TRUE(std::filesystem::exists(out / "kea-dhcp4.conf"));
  for (const auto& entry : std::filesystem::directory_iterator(out))
    EXPECT_NE(entry.path().extension(), ".pid") << "Kea's pid file is still there: " << entry.path();
  EXPECT_TRUE(std::filesystem::exists(out / "pools.csv"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace provsim::dhcp
