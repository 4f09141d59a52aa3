// `provsim check --out` under the output contract: it never writes over a
// scenario it checks or a folder of the user's, and scenarios that share a
// folder name get distinct results folders.

#include <functional>

#include "reports/results_marker.hpp"
#include "tests/hostile/hostile_sandbox.hpp"

namespace provsim::testing {
namespace {

using reports::FolderKind;

struct CheckCase {
  std::string name;
  std::function<std::pair<std::string, fs::path>(const Sandbox&)> setup;  // --out as typed, path named
  std::string reason;
  std::string options = "";
};

// The case's name stands for it in test listings (stable across builds).
void PrintTo(const CheckCase& c, std::ostream* os) { *os << c.name; }

std::vector<CheckCase> cases() {
  using P = std::pair<std::string, fs::path>;
  return {
      {"TheScenarioItChecks", [](const Sandbox& s) { return P{s.scenario.string(), s.scenario}; },
       "it is the scenario folder"},
      {"AFolderHoldingTheScenario", [](const Sandbox& s) { return P{s.root.string(), s.root}; },
       "it holds the scenario folder"},
      {"UserFolder", [](const Sandbox& s) { return P{"../docs", s.home / "docs"}; },
       "folder provsim did not create"},
      {"File", [](const Sandbox& s) { return P{"notes.txt", s.work / "notes.txt"}; }, "it is a file"},
      {"Dot", [](const Sandbox& s) { return P{".", s.work}; }, "it is the working folder"},
      {"DotDot", [](const Sandbox& s) { return P{"..", s.home}; }, "it holds the working folder"},
      {"SymlinkToUserFolder",
       [](const Sandbox& s) {
         fs::create_directory_symlink(s.home / "docs", s.root / "l");
         return P{(s.root / "l").string(), s.root / "l"};
       },
       "symbolic link"},
      {"ARunFolder",
       [](const Sandbox& s) {
         fs::create_directories(s.root / "r");
         write_file(s.root / "r" / "summary.json", "{}\n");
         reports::write_marker(s.root / "r", FolderKind::run);
         return P{(s.root / "r").string(), s.root / "r"};
       },
       "it is a provsim run folder, not a check folder"},
      {"AnOlderCheckFolder",
       [](const Sandbox& s) {
         fs::create_directories(s.root / "c");
         write_file(s.root / "c" / "junit.xml", "<testsuites/>\n");
         return P{(s.root / "c").string(), s.root / "c"};
       },
       "delete it yourself"},
      {"AnEarlierCheckWithNoClobber",
       [](const Sandbox& s) {
         fs::create_directories(s.root / "c");
         write_file(s.root / "c" / "junit.xml", "<testsuites/>\n");
         reports::write_marker(s.root / "c", FolderKind::check);
         return P{(s.root / "c").string(), s.root / "c"};
       },
       "--no-clobber", "--no-clobber"},
      // A check folder is provsim's, but a user folder in it named like the
      // scenario is not: that scenario's results are refused.
      {"AUserFolderWhereAScenariosResultsGo",
       [](const Sandbox& s) {
         fs::create_directories(s.root / "c" / "scen");
         write_file(s.root / "c" / "scen" / "mine.txt", "mine\n");
         reports::write_marker(s.root / "c", FolderKind::check);
         return P{(s.root / "c").string(), s.root / "c" / "scen"};
       },
       "folder provsim did not create"},
  };
}

class HostileCheckOut : public ::testing::TestWithParam<CheckCase> {};

TEST_P(HostileCheckOut, IsRefusedBeforeAnythingRunsAndNothingIsLost) {
  const Sandbox s("check-out");
  const CheckCase& c = GetParam();
  const auto [out, named] = c.setup(s);
  const Snapshot whole = snapshot(s.root);
  const ProcessResult r = s.provsim("check " + s.q(s.scenario) + " --out " + s.q(out) + " " + c.options);
  expect_refusal(r, named.string(), c.reason);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(snapshot(s.root), whole);
}

INSTANTIATE_TEST_SUITE_P(Cases, HostileCheckOut, ::testing::ValuesIn(cases()),
                         [](const auto& test) { return test.param.name; });

// A copy of the sandbox's scenario at `dir` with its own seed, so its
// results differ from the others'.
void scenario_copy(const Sandbox& s, const fs::path& dir, int seed) {
  fs::create_directories(dir.parent_path());
  fs::copy(s.scenario, dir, fs::copy_options::recursive);
  replace_in(dir / "scenario.ini", "seed = 1", "seed = " + std::to_string(seed));
}

std::uint64_t seed_in(const fs::path& results) {
  const std::string text = read_file(results / "summary.json");
  const auto at = text.find("\"seed\": ");
  return at == std::string::npos ? 0 : std::stoull(text.substr(at + 8));
}

// a/x and b/x are different scenarios with the same folder name; a third
// one named x-2 must not collide with the name the second was given.
TEST(HostileCheckNames, ScenariosSharingAFolderNameGetDistinctResultsFolders) {
  const Sandbox s("check-names");
  scenario_copy(s, s.root / "a" / "x", 11);
  scenario_copy(s, s.root / "b" / "x", 22);
  scenario_copy(s, s.root / "c" / "x-2", 33);
  const fs::path out = s.root / "checked";
  const ProcessResult r = s.provsim("check " + s.q(s.root / "a" / "x") + " " + s.q(s.root / "b" / "x") + " " +
                                    s.q(s.root / "c" / "x-2") + " --quiet --out " + s.q(out));
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.out << r.err;
  EXPECT_EQ(seed_in(out / "x"), 11u);
  EXPECT_EQ(seed_in(out / "x-2"), 22u);
  EXPECT_EQ(seed_in(out / "x-2-2"), 33u);
  EXPECT_TRUE(reports::read_marker(out).has_value());
  EXPECT_EQ(reports::read_marker(out)->kind, FolderKind::check);
  EXPECT_TRUE(fs::exists(out / "junit.xml"));
}

// Checking again into the same folder is what CI does on every push.
TEST(HostileCheckNames, AnEarlierCheckFolderIsWrittenAgain) {
  const Sandbox s("check-again");
  const fs::path out = s.root / "checked";
  const std::string args = "check " + s.q(s.scenario) + " --quiet --out " + s.q(out);
  const ProcessResult first = s.provsim(args);
  ASSERT_TRUE(first.exit_code == 0 || first.exit_code == 1) << first.err;
  const ProcessResult second = s.provsim(args);
  EXPECT_EQ(second.exit_code, first.exit_code) << second.err;
  EXPECT_EQ(read_file(out / "scen" / "orders.csv").empty(), false);
  EXPECT_FALSE(has_partials(s.root));
}

}  // namespace
}  // namespace provsim::testing
