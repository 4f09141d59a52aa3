// The scenarios tests build in memory (tests/support/memory_scenario.hpp):
// each edit changes what the loader reads, bad input is still reported
// with its file (named under "memory:NAME"), line and field, and an
// unchanged copy of a shipped scenario is that scenario, hash included.

#include <gtest/gtest.h>

#include "sim/scenario/input_error.hpp"
#include "tests/support/memory_scenario.hpp"
#include "tests/support/scenario_files.hpp"

namespace provsim::testing {
namespace {

TEST(MemoryScenario, AnUnchangedCopyOfAShippedScenarioIsThatScenario) {
  const auto from_memory = InMemoryScenario::shipped("baseline").load();
  const auto from_folder = sim::load_scenario(source_path("scenarios/baseline"));
  EXPECT_EQ(from_memory->name, "baseline");
  EXPECT_EQ(from_memory->hash, from_folder->hash);
  EXPECT_EQ(from_memory->config.canonical(), from_folder->config.canonical());
}

TEST(MemoryScenario, SetKeyRewritesTheKeysLineOrAddsIt) {
  InMemoryScenario s = InMemoryScenario::shipped("baseline");
  s.set_key("run.duration", "1d")                 // on its line (11)
      .set_key("channel.web.step_time", "60s")    // in a section with a dot in its name
      .set_key("rating.rounding_path", "debit")   // not set yet: added to [rating]
      .set_key("faults.loss.bsp", "0.1");         // a section the file does not have
  const auto loaded = s.load();
  EXPECT_EQ(loaded->config.seconds("run.duration"), 86400.0);
  EXPECT_EQ(loaded->config.origin("run.duration"), "memory:baseline/scenario.ini:11");
  EXPECT_EQ(loaded->config.seconds("channel.web.step_time"), 60.0);
  EXPECT_EQ(loaded->config.text("rating.rounding_path"), "debit");
  EXPECT_EQ(loaded->config.number("faults.loss.bsp"), 0.1);
  // The [expect] section after [rating] still reads as expectations.
  EXPECT_EQ(loaded->config.expectations().size(),
            sim::load_scenario(source_path("scenarios/baseline"))->config.expectations().size());
}

TEST(MemoryScenario, RemoveKeyLeavesTheDefault) {
  InMemoryScenario s = InMemoryScenario::shipped("baseline");
  s.remove_key("rating.cycle");
  EXPECT_EQ(s.load()->config.origin("rating.cycle"), "default");
  EXPECT_THROW(s.remove_key("rating.cycle"), std::invalid_argument);
}

TEST(MemoryScenario, ABadLineIsReportedWithTheMemoryFileLineAndField) {
  InMemoryScenario s = InMemoryScenario::shipped("baseline");
  s.set_line("plans.csv", 2, "alpha-north,nobody,north,Alpha North");
  try {
    s.load();
    FAIL() << "a plan of an unknown ISP loaded";
  } catch (const sim::InputError& e) {
    EXPECT_EQ(e.file(), "memory:baseline/plans.csv");
    EXPECT_EQ(e.line(), 2u);
    EXPECT_EQ(e.field(), "isp");
  }
}

TEST(MemoryScenario, AScenarioFromNothingNeedsItsScenarioIni) {
  InMemoryScenario s("tiny");
  try {
    s.load();
    FAIL() << "a scenario without files loaded";
  } catch (const sim::InputError& e) {
    EXPECT_STREQ(e.what(), "memory:tiny/scenario.ini: file not found");
  }
}

TEST(MemoryScenario, EditsOfAFileThatIsNotThereAreRefused) {
  InMemoryScenario s = InMemoryScenario::shipped("baseline");
  EXPECT_THROW(s.append("outages.csv", "x\n"), std::out_of_range);
  EXPECT_THROW(s.replace("plans.csv", "no such text", "x"), std::invalid_argument);
  EXPECT_THROW(s.set_line("plans.csv", 1000, "x"), std::out_of_range);
  s.set("outages.csv", "target,kind,start,duration\n").append("outages.csv", "netco-1,host,10h,1h\n");
  EXPECT_EQ(s.load()->outages.size(), 1u);
}

}  // namespace
}  // namespace provsim::testing
