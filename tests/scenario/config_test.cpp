// scenario.ini parsing: declared keys, line numbers in errors, overrides,
// and the [expect] section's comparisons.

#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>

#include "sim/scenario/config.hpp"
#include "sim/scenario/input_error.hpp"

namespace provsim::sim {
namespace {

// Each test runs in its own process (and ctest runs several at once), so
// the name carries the process id as well as a counter.
std::filesystem::path write_ini(const std::string& text) {
  static int n = 0;
  const auto path = std::filesystem::temp_directory_path() /
                    ("provsim-config-test-" + std::to_string(::getpid()) + "-" + std::to_string(++n) + ".ini");
  std::ofstream(path) << text;
  return path;
}

ConfigSchema schema() {
  ConfigSchema s;
  s.integer("run.workers", 4, "workers", 1, 100);
  s.duration("run.duration", "1d", "span");
  s.rate("run.rate", "10/h", "arrivals");
  return s;
}

TEST(Config, ReadsTypedValuesAndDefaults) {
  const auto s = schema();
  const Config c = Config::load(write_ini("[run]\nduration = 2h\nrate = 120/h\n"), s, {});
  EXPECT_DOUBLE_EQ(c.seconds("run.duration"), 7200);
  EXPECT_DOUBLE_EQ(c.per_second("run.rate"), 120.0 / 3600);
  EXPECT_EQ(c.integer("run.workers"), 4);
  EXPECT_EQ(c.origin("run.workers"), "default");
}

TEST(Config, OverridesWinOverTheFile) {
  const auto s = schema();
  const Config c = Config::load(write_ini("[run]\nworkers = 8\n"), s, {"run.workers=16"});
  EXPECT_EQ(c.integer("run.workers"), 16);
  EXPECT_EQ(c.origin("run.workers"), "--set");
}

TEST(Config, ExpectSectionTakesEveryComparison) {
  const auto s = schema();
  const Config c = Config::load(
      write_ini("[run]\nworkers = 2\n\n[expect]\na.b > 0\nc < 1.5\nd >= 3\ne <= 4\nf == true\ng != x\n"), s, {});
  ASSERT_EQ(c.expectations().size(), 6u);
  EXPECT_EQ(c.expectations()[0].text(), "a.b > 0");
  EXPECT_EQ(c.expectations()[0].line, 5u);
  EXPECT_EQ(c.expectations()[1].op, "<");
  EXPECT_EQ(c.expectations()[2].op, ">=");
  EXPECT_EQ(c.expectations()[5].text(), "g != x");
}

TEST(Config, BadExpectationNamesItsLine) {
  const auto s = schema();
  try {
    Config::load(write_ini("[expect]\norders.completed about 5\n"), s, {});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 2u);
    EXPECT_NE(std::string(e.what()).find("expected 'metric OP value'"), std::string::npos) << e.what();
  }
}

TEST(Config, UnknownKeyAndBadValueNameFileLineAndKey) {
  const auto s = schema();
  try {
    Config::load(write_ini("[run]\n\nwrokers = 3\n"), s, {});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 3u);
    EXPECT_EQ(e.field(), "run.wrokers");
  }
  try {
    Config::load(write_ini("[run]\nworkers = 0\n"), s, {});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 2u);
    EXPECT_NE(std::string(e.what()).find("must be between 1 and 100"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace provsim::sim
