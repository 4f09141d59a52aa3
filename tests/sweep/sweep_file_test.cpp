// Reading a sweep file from memory gives what reading it from disk gives,
// and names the system refuses are a SweepError naming file, line and key.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sweep/sweep_error.hpp"
#include "sweep/sweep_spec.hpp"

namespace provsim::sweep {
namespace {

const std::filesystem::path kSweeps = std::filesystem::path(PROVSIM_SOURCE_DIR) / "scenarios/sweeps";

TEST(SweepFile, FromMemoryReadsAsFromDisk) {
  const auto file = kSweeps / "ip_policy.ini";
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  const SweepSpec disk = load_sweep(file);
  const SweepSpec memory = parse_sweep(text.str(), file);
  EXPECT_EQ(memory.scenario, disk.scenario);
  EXPECT_EQ(memory.scenario.filename(), "overallocation");
  EXPECT_EQ(memory.replications, 3u);
  ASSERT_EQ(memory.axes.size(), 2u);
  EXPECT_EQ(memory.axes[1].key, "sessions.per_day");
  EXPECT_EQ(memory.axes[1].values, (std::vector<std::string>{"3", "4", "5", "6", "7", "8"}));
  EXPECT_EQ(memory.plot, disk.plot);
}

// Found by the sweep fuzzer: a scenario folder name longer than the system
// allows escaped as std::filesystem::filesystem_error (an "internal error")
// instead of naming the line.
TEST(SweepFile, ScenarioNameTooLongForTheSystemNamesItsLine) {
  const std::string text = "[sweep]\nscenario = ../" + std::string(300, 'x') + "\n";
  try {
    parse_sweep(text, kSweeps / "long.ini");
    FAIL() << "no SweepError";
  } catch (const SweepError& e) {
    EXPECT_EQ(std::filesystem::path(e.file()).filename(), "long.ini");
    EXPECT_EQ(e.line(), 2u);
    EXPECT_EQ(e.field(), "scenario");
    EXPECT_NE(e.problem().find("not a usable folder name"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace provsim::sweep
