// Every shipped conformance scenario (scenarios/conformance/*) passes what
// `provsim check` checks: its set-up builds (sim::check_setup, as check
// makes it) and every expectation of its [expect] section, which pins the
// process's happy path and failure branches, holds. The run is made inside
// the test process; `provsim check` itself is tested through the binary
// (tests/sim/run_command_test.cpp). A new folder there is a new test, with
// no code change.

#include <gtest/gtest.h>

#include <algorithm>

#include "sim/setup_check.hpp"
#include "tests/support/in_process_run.hpp"
#include "tests/support/scenario_files.hpp"

namespace provsim::testing {
namespace {

std::vector<std::string> conformance_scenarios() {
  std::vector<std::string> names;
  const auto root = source_path("scenarios/conformance");
  if (std::filesystem::is_directory(root))
    for (const auto& entry : std::filesystem::directory_iterator(root))
      if (std::filesystem::is_regular_file(entry.path() / "scenario.ini")) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

class Conformance : public ::testing::TestWithParam<std::string> {};

TEST_P(Conformance, CheckPasses) {
  const auto scenario = load_scenario(source_path("scenarios/conformance/" + GetParam()));
  sim::check_setup(*scenario, sim::SimOptions{}, /*with_population=*/true);  // in a child process of its own
  const reports::Results results = run_in_process(*scenario);
  EXPECT_FALSE(results.verdicts.empty()) << "no [expect] section: nothing to check";
  for (const auto& v : results.verdicts) EXPECT_TRUE(v.passed) << v.expectation << " (actual " << v.actual << ")";
}

INSTANTIATE_TEST_SUITE_P(Scenarios, Conformance, ::testing::ValuesIn(conformance_scenarios()),
                         [](const auto& test) {
                           std::string name = test.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Conformance);

}  // namespace
}  // namespace provsim::testing
