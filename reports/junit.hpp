#pragma once
// JUnit XML for `provsim check`: one <testsuite> per scenario, one
// <testcase> per expectation; a failed expectation carries a <failure> with
// the expected-versus-actual message; the seed and scenario hash are
// <properties>. CI servers (Jenkins, GitLab, GitHub actions) read it as is.

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "reports/results.hpp"

namespace provsim::reports {

struct SuiteResult {
  std::string name;           // suite name: the scenario's name
  std::uint64_t seed = 0;
  std::string scenario_hash;
  double wall_seconds = 0;    // the suite's time attribute
  std::vector<Verdict> verdicts;
  // Set when the scenario could not be run at all (bad input, a crash, an
  // incomplete simulation): written as one <testcase> with an <error>.
  std::string error;
};

// "expected orders.completed >= 950, actual 940"
std::string failure_message(const Verdict& v);

void write_junit(const std::vector<SuiteResult>& suites, std::ostream& out);

// Writes the file (creating its folder); throws std::runtime_error if it cannot.
void write_junit(const std::vector<SuiteResult>& suites, const std::filesystem::path& file);

}  // namespace provsim::reports
