// The policy switches a scenario can set (ip.borrow_waits, ip.grow_waits,
// ip.grow_on_low_water) reach the address server: each changes what a pool
// does in the direction its description says. Each test compares two runs,
// each made in a child process forked from the test's.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/in_process_run.hpp"
#include "tests/support/scenario_files.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

nlohmann::json run_metrics(const std::string& scenario, const std::vector<std::string>& sets, const fs::path& out) {
  return summary(run_in_child(source_path("scenarios/" + scenario), sets, out))["metrics"];
}

TEST(PolicyKeys, GrowWaitsLetsLeasesWaitForTheNewBlock) {
  const fs::path dir = temp_dir("grow-waits");
  const auto blocked = run_metrics("conformance/ip-grow", {}, dir / "blocked");
  const auto waiting = run_metrics("conformance/ip-grow", {"ip.grow_waits=true"}, dir / "waiting");
  EXPECT_EQ(blocked["ip.isp1.waited"].get<double>(), 0);
  EXPECT_GT(waiting["ip.isp1.waited"].get<double>(), 0);
  EXPECT_GT(waiting["ip.isp1.mean_wait_s"].get<double>(), 0);
  fs::remove_all(dir);
}

TEST(PolicyKeys, BorrowWithoutWaitingBlocksWhileTheLoanIsOnItsWay) {
  const fs::path dir = temp_dir("borrow-waits");
  const auto waiting = run_metrics("conformance/ip-borrow", {}, dir / "waiting");
  const auto blocking = run_metrics("conformance/ip-borrow", {"ip.borrow_waits=false"}, dir / "blocking");
  EXPECT_GT(waiting["ip.isp1.waited"].get<double>(), 0);
  EXPECT_EQ(blocking["ip.isp1.waited"].get<double>(), 0);
  EXPECT_GT(blocking["ip.isp1.blocked"].get<double>(), waiting["ip.isp1.blocked"].get<double>());
  fs::remove_all(dir);
}

TEST(PolicyKeys, GrowOnLowWaterAsksBeforeThePoolRunsOut) {
  const fs::path dir = temp_dir("grow-low-water");
  const auto late = run_metrics("conformance/ip-grow", {"ip.low_water=0.2"}, dir / "late");
  const auto early =
      run_metrics("conformance/ip-grow", {"ip.low_water=0.2", "ip.grow_on_low_water=true"}, dir / "early");
  EXPECT_LE(early["ip.isp1.blocked"].get<double>(), late["ip.isp1.blocked"].get<double>());
  EXPECT_GE(early["ip.isp1.grown_addresses"].get<double>(), late["ip.isp1.grown_addresses"].get<double>());
  EXPECT_NE(early["ip.isp1.blocked"], late["ip.isp1.blocked"]);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace provsim::testing
