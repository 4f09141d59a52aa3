// Exact error locations in scenario.ini and in sweep files: a duplicate key
// at its second line, section headers with spaces, a bad grid or [set]
// entry at its own line of the sweep file (never "--set"), and sweep sizes
// beyond the documented limits refused before any plan is made.

#include <sys/stat.h>

#include "tests/hostile/input_cases.hpp"

namespace provsim::testing {
namespace {

namespace fs = std::filesystem;

class InputLocations : public ::testing::TestWithParam<HostileCase> {};

TEST_P(InputLocations, RefusedByValidateAndRunWithOneLine) { expect_refused(GetParam()); }

const HostileCase kIniCases[] = {
    {"DuplicateKeyAtSecondLine", replace("scenario.ini", "seed = 1\n", "seed = 1\nseed = 2\n"),
     "scenario.ini:25: run.seed: set twice (first on line 24)"},
    {"DuplicateKeyInRepeatedSection", append("scenario.ini", "[run]\nduration = 2d\n"),
     "run.duration: set twice (first on line 25)"},
    {"SpacedSectionKeepsKeyNames", replace("scenario.ini", "[rating]\ncycle = 1d", "[ rating ]\ncylce = 1d"),
     "scenario.ini:43: rating.cylce: unknown key"},
    {"SpacedSectionStillChecksValues", replace("scenario.ini", "[rating]\ncycle = 1d", "[\trating  ]\ncycle = 1 day"),
     "scenario.ini:43: rating.cycle: expected a duration"},
    {"SectionNameWithSpace", replace("scenario.ini", "[rating]", "[rat ing]"),
     "scenario.ini:42: expected 'key = value' or '[section]'"},
    {"EmptySectionName", replace("scenario.ini", "[rating]", "[ ]"), "scenario.ini:42: expected 'key = value' or '[section]'"},
    {"BadExpectationLine", append("scenario.ini", "money.conserved is true\n"), "expect: expected 'metric OP value'"},
};

INSTANTIATE_TEST_SUITE_P(Hostile, InputLocations, ::testing::ValuesIn(kIniCases),
                         [](const auto& test) { return test.param.name; });

TEST(InputLocationsIni, SpacedSectionHeadersParse) {
  const auto scenario = copy_base("hostile-spaced");
  replace_in(scenario / "scenario.ini", "[rating]", "[  rating\t]");
  replace_in(scenario / "scenario.ini", "cycle = 1d", "cycle = 2d");
  const ProcessResult plain = run_limited("validate " + quoted(scenario) + " --set rating.cycle=2d");
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  fs::remove_all(scenario.parent_path());
}

// --- sweep files --------------------------------------------------------

struct SweepCase {
  std::string name;
  std::string body;      // after "[sweep]\nscenario = <base>\n"
  std::string expected;  // "sweep.ini:5: ip.polcy: unknown key"
  friend void PrintTo(const SweepCase& c, std::ostream* os) { *os << c.name; }
};

class InputSweepFiles : public ::testing::TestWithParam<SweepCase> {};

TEST_P(InputSweepFiles, DryRunRefusesWithFileLineAndKey) {
  const SweepCase& c = GetParam();
  const auto dir = temp_dir("hostile-sweep");
  write_file(dir / "sweep.ini",
             "[sweep]\nscenario = " + source_path(std::string("scenarios/") + kHostileBase).string() + "\n" + c.body);
  const ProcessResult r = run_limited("sweep " + quoted(dir / "sweep.ini") + " --dry-run --out " + quoted(dir / "out"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(c.expected), std::string::npos) << "expected '" << c.expected << "' in: " << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(r.err.find("--set"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
  fs::remove_all(dir);
}

const SweepCase kSweepCases[] = {
    {"GridUnknownKey", "[grid]\nip.polcy = reject,borrow\n", "sweep.ini:4: ip.polcy: unknown key"},
    {"GridBadChoice", "[grid]\nip.policy = reject,nope\n", "sweep.ini:4: ip.policy: 'nope' is not one of"},
    {"GridBadRangeValue", "[grid]\nrun.duration = 1h,1e308w\n", "sweep.ini:4: run.duration: duration too large"},
    {"SetUnknownKey", "[set]\nrun.durration = 1d\n", "sweep.ini:4: run.durration: unknown key"},
    {"SetBadValue", "[set]\nrun.duration = forever\n", "sweep.ini:4: run.duration: expected a duration"},
    {"SetSeedAbove64Bits", "[set]\nrun.seed = 18446744073709551616\n", "sweep.ini:4: run.seed: must be at most"},
    {"GridOfTenBillionPoints", "[grid]\nsessions.per_day = 0:9.9999:0.0001\nworkload.conversion = 0:0.99999:0.00001\n",
     "sweep.ini:5: workload.conversion: the grid has more than 1000000 points"},
    {"ReplicationsInExponentForm", "replications = 1e12\n", "sweep.ini:3: replications: expected a whole number"},
    {"ReplicationsHuge", "replications = 1000000000000\n", "sweep.ini:3: replications: must be at most 10000"},
    {"RunsBeyondLimit", "replications = 10000\n[grid]\nsessions.per_day = 1:200:1\n",
     "sweep.ini:3: replications: 200 grid points x 10000 replications is more than 1000000 runs"},
    {"DuplicateGridKey", "[grid]\nip.policy = reject\nip.policy = borrow\n", "sweep.ini:5: ip.policy: given twice"},
    {"NulByte", std::string("[grid]\nip.policy = reject") + std::string(1, '\0') + "\n", "sweep.ini:4: a NUL byte"},
};

INSTANTIATE_TEST_SUITE_P(Hostile, InputSweepFiles, ::testing::ValuesIn(kSweepCases),
                         [](const auto& test) { return test.param.name; });

TEST(InputSweepFile, FifoSweepFileIsRefusedNotWaitedOn) {
  const auto dir = temp_dir("hostile-sweep-fifo");
  ASSERT_EQ(::mkfifo((dir / "sweep.ini").c_str(), 0600), 0);
  const ProcessResult r = run_limited("sweep " + quoted(dir / "sweep.ini") + " --dry-run");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("sweep.ini: a FIFO, not a regular file"), std::string::npos) << r.err;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace provsim::testing
