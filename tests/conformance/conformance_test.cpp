// Every shipped conformance scenario (scenarios/conformance/*) passes
// `provsim check`: its [expect] section pins the process's happy path and
// failure branches. A new folder there is a new test, with no code change.

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/support/provsim_process.hpp"

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
  const auto out = temp_dir("conformance");
  const ProcessResult r = run_provsim("check '" + source_path("scenarios/conformance/" + GetParam()).string() +
                                      "' --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(" passed, 0 failed"), std::string::npos) << r.out;
  std::filesystem::remove_all(out);
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
