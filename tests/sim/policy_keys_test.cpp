// The policy switches a scenario can set (ip.borrow_waits, ip.grow_waits,
// ip.grow_on_low_water) reach the address server: each changes what a pool
// does in the direction its description says.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/provsim_process.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

nlohmann::json run_metrics(const std::string& scenario, const std::string& sets, const fs::path& out) {
  const ProcessResult p = run_provsim("run '" + source_path("scenarios/" + scenario).string() + "' --quiet " + sets +
                                      " --out '" + out.string() + "'");
  EXPECT_EQ(p.exit_code, 0) << p.err;
  return nlohmann::json::parse(read_file(out / "summary.json"))["metrics"];
}

TEST(PolicyKeys, GrowWaitsLetsLeasesWaitForTheNewBlock) {
  const fs::path dir = temp_dir("grow-waits");
  const auto blocked = run_metrics("conformance/ip-grow", "", dir / "blocked");
  const auto waiting = run_metrics("conformance/ip-grow", "--set ip.grow_waits=true", dir / "waiting");
  EXPECT_EQ(blocked["ip.isp1.waited"].get<double>(), 0);
  EXPECT_GT(waiting["ip.isp1.waited"].get<double>(), 0);
  EXPECT_GT(waiting["ip.isp1.mean_wait_s"].get<double>(), 0);
  fs::remove_all(dir);
}

TEST(PolicyKeys, BorrowWithoutWaitingBlocksWhileTheLoanIsOnItsWay) {
  const fs::path dir = temp_dir("borrow-waits");
  const auto waiting = run_metrics("conformance/ip-borrow", "", dir / "waiting");
  const auto blocking = run_metrics("conformance/ip-borrow", "--set ip.borrow_waits=false", dir / "blocking");
  EXPECT_GT(waiting["ip.isp1.waited"].get<double>(), 0);
  EXPECT_EQ(blocking["ip.isp1.waited"].get<double>(), 0);
  EXPECT_GT(blocking["ip.isp1.blocked"].get<double>(), waiting["ip.isp1.blocked"].get<double>());
  fs::remove_all(dir);
}

TEST(PolicyKeys, GrowOnLowWaterAsksBeforeThePoolRunsOut) {
  const fs::path dir = temp_dir("grow-low-water");
  const auto late = run_metrics("conformance/ip-grow", "--set ip.low_water=0.2", dir / "late");
  const auto early =
      run_metrics("conformance/ip-grow", "--set ip.low_water=0.2 --set ip.grow_on_low_water=true", dir / "early");
  EXPECT_LE(early["ip.isp1.blocked"].get<double>(), late["ip.isp1.blocked"].get<double>());
  EXPECT_GE(early["ip.isp1.grown_addresses"].get<double>(), late["ip.isp1.grown_addresses"].get<double>());
  EXPECT_NE(early["ip.isp1.blocked"], late["ip.isp1.blocked"]);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace provsim::testing
