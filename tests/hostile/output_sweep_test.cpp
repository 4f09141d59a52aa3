// `provsim sweep --out`, the run folders under OUT/runs/ and `sweep
// collect DIR` under the output contract.

#include <functional>

#include "reports/results_marker.hpp"
#include "tests/hostile/hostile_sandbox.hpp"

namespace provsim::testing {
namespace {

using reports::FolderKind;

// One grid point, one replication of the sandbox's scenario.
fs::path sweep_file(const Sandbox& s, const std::string& extra = "") {
  const fs::path file = s.root / "tiny.ini";
  write_file(file, "[sweep]\nscenario = " + s.scenario.string() + "\nreplications = 1\n" + extra +
                       "[grid]\nip.policy = reject\n");
  return file;
}

void marked(const fs::path& dir, FolderKind kind, const std::string& file) {
  fs::create_directories(dir);
  write_file(dir / file, "x\n");
  reports::write_marker(dir, kind);
}

struct SweepCase {
  std::string name;
  std::function<std::pair<std::string, fs::path>(const Sandbox&)> setup;  // --out as typed, path named
  std::string reason;
  std::string options = "";
};

// The case's name stands for it in test listings (stable across builds).
void PrintTo(const SweepCase& c, std::ostream* os) { *os << c.name; }

std::vector<SweepCase> sweep_cases() {
  using P = std::pair<std::string, fs::path>;
  return {
      {"TheScenario", [](const Sandbox& s) { return P{s.scenario.string(), s.scenario}; },
       "it is the scenario folder"},
      {"AFolderHoldingTheScenario", [](const Sandbox& s) { return P{s.root.string(), s.root}; },
       "it holds the scenario folder"},
      {"UserFolder", [](const Sandbox& s) { return P{"../docs", s.home / "docs"}; },
       "folder provsim did not create"},
      {"UserFolderWithDryRun", [](const Sandbox& s) { return P{"../docs", s.home / "docs"}; },
       "folder provsim did not create", "--dry-run"},
      {"UserFolderWithEmitJobs", [](const Sandbox& s) { return P{"../docs", s.home / "docs"}; },
       "folder provsim did not create", "--emit-jobs"},
      {"File", [](const Sandbox& s) { return P{"../thesis.txt", s.home / "thesis.txt"}; }, "it is a file"},
      {"Dot", [](const Sandbox& s) { return P{".", s.work}; }, "it is the working folder"},
      {"SymlinkToUserFolder",
       [](const Sandbox& s) {
         fs::create_directory_symlink(s.home / "docs", s.root / "l");
         return P{(s.root / "l").string(), s.root / "l"};
       },
       "symbolic link"},
      {"ARunFolder",
       [](const Sandbox& s) {
         marked(s.root / "r", FolderKind::run, "summary.json");
         return P{(s.root / "r").string(), s.root / "r"};
       },
       "it is a provsim run folder, not a sweep folder"},
      {"AnOlderSweepFolder",
       [](const Sandbox& s) {
         fs::create_directories(s.root / "old");
         write_file(s.root / "old" / "sweep.json", "{}\n");
         return P{(s.root / "old").string(), s.root / "old"};
       },
       "delete it yourself"},
  };
}

class HostileSweepOut : public ::testing::TestWithParam<SweepCase> {};

TEST_P(HostileSweepOut, IsRefusedBeforeAnythingRunsAndNothingIsLost) {
  const Sandbox s("sweep-out");
  const SweepCase& c = GetParam();
  const fs::path file = sweep_file(s);
  const auto [out, named] = c.setup(s);
  const Snapshot whole = snapshot(s.root);
  const ProcessResult r = s.provsim("sweep " + s.q(file) + " --out " + s.q(out) + " " + c.options);
  expect_refusal(r, named.string(), c.reason);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(snapshot(s.root), whole);
}

INSTANTIATE_TEST_SUITE_P(Cases, HostileSweepOut, ::testing::ValuesIn(sweep_cases()),
                         [](const auto& test) { return test.param.name; });

// The sweep file's own `out` key is held to the same rules as --out.
TEST(HostileSweepOut, TheSweepFilesOutKeyIsRefusedTheSame) {
  const Sandbox s("sweep-file-out");
  const fs::path file = sweep_file(s, "out = " + (s.home / "docs").string() + "\n");
  const Snapshot whole = snapshot(s.root);
  const ProcessResult r = s.provsim("sweep " + s.q(file));
  expect_refusal(r, (s.home / "docs").string(), "folder provsim did not create");
  EXPECT_EQ(snapshot(s.root), whole);
}

struct CollectCase {
  std::string name;
  std::function<fs::path(const Sandbox&)> setup;  // the DIR, also the path named
  std::string reason;
};

// The case's name stands for it in test listings (stable across builds).
void PrintTo(const CollectCase& c, std::ostream* os) { *os << c.name; }

std::vector<CollectCase> collect_cases() {
  return {
      {"UserFolder", [](const Sandbox& s) { return s.home / "docs"; }, "folder provsim did not create"},
      {"EmptyFolder",
       [](const Sandbox& s) {
         fs::create_directories(s.root / "empty");
         return s.root / "empty";
       },
       "not a provsim sweep folder"},
      {"AbsentFolder", [](const Sandbox& s) { return s.root / "absent"; }, "not a provsim sweep folder"},
      {"File", [](const Sandbox& s) { return s.home / "thesis.txt"; }, "it is a file"},
      {"ARunFolder",
       [](const Sandbox& s) {
         marked(s.root / "r", FolderKind::run, "summary.json");
         return s.root / "r";
       },
       "it is a provsim run folder, not a sweep folder"},
      {"ACheckFolder",
       [](const Sandbox& s) {
         marked(s.root / "c", FolderKind::check, "junit.xml");
         return s.root / "c";
       },
       "it is a provsim check folder, not a sweep folder"},
      {"AnOlderSweepFolder",
       [](const Sandbox& s) {
         fs::create_directories(s.root / "old");
         write_file(s.root / "old" / "sweep.json", "{}\n");
         return s.root / "old";
       },
       "delete it yourself"},
      {"SymlinkToASweepFolder",
       [](const Sandbox& s) {
         marked(s.root / "sw", FolderKind::sweep, "sweep.json");
         fs::create_directory_symlink(s.root / "sw", s.root / "sw-link");
         return s.root / "sw-link";
       },
       "symbolic link"},
  };
}

class HostileSweepCollect : public ::testing::TestWithParam<CollectCase> {};

TEST_P(HostileSweepCollect, IsRefusedAndNothingIsWritten) {
  const Sandbox s("collect");
  const CollectCase& c = GetParam();
  const fs::path dir = c.setup(s);
  const Snapshot whole = snapshot(s.root);
  const ProcessResult r = s.provsim("sweep collect " + s.q(dir));
  expect_refusal(r, dir.string(), c.reason);
  EXPECT_EQ(snapshot(s.root), whole);
}

INSTANTIATE_TEST_SUITE_P(Cases, HostileSweepCollect, ::testing::ValuesIn(collect_cases()),
                         [](const auto& test) { return test.param.name; });

// A real sweep: its folder is marked, a second sweep resumes in it and
// collect writes into it.
TEST(HostileSweepRuns, ASweepFolderIsMarkedResumedAndCollected) {
  const Sandbox s("sweep-ok");
  const fs::path file = sweep_file(s);
  const fs::path out = s.root / "sw";
  const Snapshot before = s.user_files();
  const ProcessResult first = s.provsim("sweep " + s.q(file) + " --quiet --jobs 1 --out " + s.q(out));
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  ASSERT_TRUE(reports::read_marker(out));
  EXPECT_EQ(reports::read_marker(out)->kind, FolderKind::sweep);
  const ProcessResult again = s.provsim("sweep " + s.q(file) + " --quiet --jobs 1 --out " + s.q(out));
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("1 done already"), std::string::npos) << again.out;
  const ProcessResult collected = s.provsim("sweep collect " + s.q(out));
  EXPECT_EQ(collected.exit_code, 0) << collected.out << collected.err;
  EXPECT_EQ(s.user_files(), before);
}

// A user folder where one run's results would go is not replaced: that run
// fails, the folder is untouched.
TEST(HostileSweepRuns, AUserFolderUnderRunsIsNotReplaced) {
  const Sandbox s("sweep-runs");
  const fs::path file = sweep_file(s);
  const fs::path out = s.root / "sw";
  const ProcessResult dry = s.provsim("sweep " + s.q(file) + " --dry-run --out " + s.q(out));
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  const std::string run_name = dry.out.substr(0, dry.out.find('\n'));
  const fs::path taken = out / "runs" / run_name;
  fs::create_directories(taken);
  write_file(taken / "mine.txt", "mine\n");
  const Snapshot before = snapshot(taken);
  const ProcessResult r = s.provsim("sweep " + s.q(file) + " --quiet --jobs 1 --out " + s.q(out));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAILED"), std::string::npos) << r.out;
  EXPECT_EQ(snapshot(taken), before);
}

}  // namespace
}  // namespace provsim::testing
