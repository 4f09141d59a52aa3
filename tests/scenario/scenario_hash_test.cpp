// The scenario hash names what a run read: a results folder with the same hash
// and seed is taken as done by a resumed sweep, so every file the rating rules
// read must count, including a CGRateS tariff-plan folder they name.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "sim/scenario/scenario.hpp"

namespace provsim::sim {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// bsp-usage with its calls rated from CGRateS's tutorial tariff plan.
fs::path scenario_with_tariff_plan() {
  const fs::path dir = fs::temp_directory_path() / ("provsim-hash-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(fs::path(PROVSIM_SOURCE_DIR) / "scenarios/conformance/bsp-usage", dir / "scenario", fs::copy_options::recursive);
  fs::copy(fs::path(PROVSIM_SOURCE_DIR) / "tests/data/cgrates/tutorial", dir / "scenario/tp", fs::copy_options::recursive);
  std::string offerings = read(dir / "scenario/offerings.csv");
  offerings.replace(offerings.find("calls,games,bsp_usage,minute"), 28, "calls,games,bsp_usage,second");
  write(dir / "scenario/offerings.csv", offerings);
  write(dir / "scenario/rating_rules.csv",
        "plan,offering,model,tariff_plan,rating_plan,destination,allowance,overage_price,rounding\n"
        "alpha-north,calls,per_unit,tp,RP_1001,1002,,,\n"
        "alpha-north,storage,allowance,,,,100,0.01,half_up\n");
  fs::remove(dir / "scenario/events.csv");
  return dir / "scenario";
}

TEST(ScenarioHash, CoversTheTariffPlanFolderTheRulesName) {
  const fs::path dir = scenario_with_tariff_plan();
  const std::string before = load_scenario(dir, {})->hash;
  EXPECT_EQ(load_scenario(dir, {})->hash, before);  // the same files: the same hash
  write(dir / "unrelated.txt", "not read by provsim");
  EXPECT_EQ(load_scenario(dir, {})->hash, before);  // a file provsim does not read does not count
  std::string rates = read(dir / "tp/Rates.csv");
  rates.replace(rates.find("RT_20CNT,0.4,0.2"), 16, "RT_20CNT,0.4,0.3");
  write(dir / "tp/Rates.csv", rates);
  EXPECT_NE(load_scenario(dir, {})->hash, before);  // a rate of the tariff plan changed
  fs::remove_all(dir.parent_path());
}

// How the results are written is not what a run computes: a sweep resumed
// with compressed outputs still finds its earlier runs done. A simulated
// setting still counts.
TEST(ScenarioHash, LeavesOutHowTheResultsAreWritten) {
  const fs::path dir = fs::path(PROVSIM_SOURCE_DIR) / "scenarios/baseline";
  const std::string plain = load_scenario(dir, {})->hash;
  EXPECT_EQ(load_scenario(dir, {{"output.compression=zstd", "output.disk_check=false"}})->hash, plain);
  EXPECT_NE(load_scenario(dir, {{"run.duration=1d"}})->hash, plain);
}

}  // namespace
}  // namespace provsim::sim
