// `provsim run --threads N`: the rating engine rates on a second thread
// while the simulation goes on, and a run's files do not depend on it. Each
// scenario here runs with one thread and with two, and every file of the
// two results folders must be the same byte for byte (summary.json's
// wall-clock block and the report page, which shows it, aside).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/provsim_process.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

fs::path run_with(const fs::path& scenario, int threads, const std::string& sets, const fs::path& out) {
  const ProcessResult p = run_provsim("run '" + scenario.string() + "' --quiet --threads " + std::to_string(threads) +
                                      " " + sets + " --out '" + out.string() + "'");
  EXPECT_EQ(p.exit_code, 0) << p.err;
  return out;
}

std::string without_wall(const fs::path& summary) {
  nlohmann::json j = nlohmann::json::parse(read_file(summary));
  j.erase("wall");
  return j.dump();
}

void expect_same_files(const std::string& scenario, const std::string& sets = "") {
  const fs::path dir = temp_dir("threads-" + fs::path(scenario).filename().string());
  const fs::path one = run_with(source_path(scenario), 1, sets, dir / "one");
  const fs::path two = run_with(source_path(scenario), 2, sets, dir / "two");
  std::size_t compared = 0;
  for (const auto& entry : fs::directory_iterator(one)) {
    const std::string name = entry.path().filename().string();
    if (name == "report.html") continue;
    ASSERT_TRUE(fs::exists(two / name)) << scenario << ": " << name;
    if (name == "summary.json")
      EXPECT_EQ(without_wall(one / name), without_wall(two / name)) << scenario;
    else
      EXPECT_EQ(read_file(one / name), read_file(two / name)) << scenario << ": " << name;
    ++compared;
  }
  EXPECT_GE(compared, 8u) << scenario;
  const nlohmann::json m = nlohmann::json::parse(read_file(two / "summary.json"))["metrics"];
  EXPECT_GT(m["rating.rated"].get<double>(), 0) << scenario << ": nothing was rated, so nothing was compared";
  fs::remove_all(dir);
}

TEST(Threads, TheBaselineIsTheSameOnOneThreadAndOnTwo) { expect_same_files("scenarios/baseline"); }

TEST(Threads, UsageRatingIsTheSameOnOneThreadAndOnTwo) { expect_same_files("scenarios/conformance/bsp-usage"); }

TEST(Threads, PurchasesAndRefundsAreTheSameOnOneThreadAndOnTwo) {
  expect_same_files("scenarios/conformance/bsp-purchases");
}

// Order changes move subscriptions while batches are being rated: every
// change must wait for the batches before it.
TEST(Threads, OrderChangesAreTheSameOnOneThreadAndOnTwo) { expect_same_files("scenarios/conformance/order-changes"); }

TEST(Threads, AThreadCountOutOfRangeIsRefused) {
  const fs::path out = temp_dir("threads-bad");
  for (const char* bad : {"0", "65", "-1", "two"}) {
    const ProcessResult p = run_provsim("run '" + source_path("scenarios/baseline").string() + "' --threads " + bad +
                                        " --out '" + (out / "r").string() + "'");
    EXPECT_EQ(p.exit_code, 2) << bad;
    EXPECT_NE(p.err.find("threads"), std::string::npos) << bad << ": " << p.err;
    EXPECT_FALSE(fs::exists(out / "r" / "summary.json")) << bad;
  }
  fs::remove_all(out);
}

}  // namespace
}  // namespace provsim::testing
