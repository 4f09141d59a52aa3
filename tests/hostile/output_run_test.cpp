// `provsim run --out` pointed at things it must not touch: each case sets up
// the target in a sandbox, runs provsim with a timeout and shows exit code 2,
// one error line naming the path and the reason, and every user file still
// there byte for byte.

#include <sys/stat.h>
#include <unistd.h>

#include <functional>

#include "reports/results_marker.hpp"
#include "tests/hostile/hostile_sandbox.hpp"

namespace provsim::testing {
namespace {

using reports::FolderKind;

// A results folder as an earlier provsim would have left it.
void fake_results(const fs::path& dir, FolderKind kind) {
  fs::create_directories(dir);
  if (kind == FolderKind::run) {
    write_file(dir / "summary.json", "{}\n");
    write_file(dir / "metrics.csv", "time_s\n0\n");
  } else {
    write_file(dir / (kind == FolderKind::check ? "junit.xml" : "sweep.json"), "x\n");
  }
  reports::write_marker(dir, kind);
}

struct RefusalCase {
  std::string name;
  // Makes the target; returns the --out argument as typed (relative to the
  // working folder) and the path the error line must name.
  std::function<std::pair<std::string, fs::path>(const Sandbox&)> setup;
  std::string reason;
  std::string options = "";
  std::function<fs::path(const Sandbox&)> cwd = nullptr;
};

// The case's name stands for it in test listings (stable across builds).
void PrintTo(const RefusalCase& c, std::ostream* os) { *os << c.name; }

std::vector<RefusalCase> cases() {
  using P = std::pair<std::string, fs::path>;
  return {
      {"UserFolderWithFiles", [](const Sandbox& s) { return P{(s.home / "docs").string(), s.home / "docs"}; },
       "folder provsim did not create"},
      {"UserFolderByRelativePath", [](const Sandbox& s) { return P{"../docs", s.home / "docs"}; },
       "folder provsim did not create"},
      {"HomeFolderHoldingTheWorkingFolder", [](const Sandbox& s) { return P{s.home.string(), s.home}; },
       "it holds the working folder"},
      {"Dot", [](const Sandbox& s) { return P{".", s.work}; }, "it is the working folder"},
      {"DotSlash", [](const Sandbox& s) { return P{"./", s.work}; }, "it is the working folder"},
      {"DotDot", [](const Sandbox& s) { return P{"..", s.home}; }, "it holds the working folder"},
      {"DotDotDotDot", [](const Sandbox& s) { return P{"../..", s.root}; }, "it holds the scenario folder"},
      {"WorkingFolderByAbsolutePath", [](const Sandbox& s) { return P{s.work.string(), s.work}; },
       "it is the working folder"},
      {"RegularFile", [](const Sandbox& s) { return P{"../thesis.txt", s.home / "thesis.txt"}; },
       "it is a file, not a folder"},
      {"ScenarioFolder", [](const Sandbox& s) { return P{s.scenario.string(), s.scenario}; },
       "it is the scenario folder"},
      {"ScenarioFolderWithTrailingSlash", [](const Sandbox& s) { return P{s.scenario.string() + "/", s.scenario}; },
       "it is the scenario folder"},
      {"ScenarioFolderThroughDotSegments",
       [](const Sandbox& s) { return P{"../../scen/./../scen/.", s.scenario}; }, "it is the scenario folder"},
      {"ScenarioFolderThroughALinkedParent",
       [](const Sandbox& s) {
         fs::create_directory_symlink(s.root, s.home / "up");
         return P{(s.home / "up" / "scen").string(), s.scenario};
       },
       "it is the scenario folder"},
      {"ScenarioFolderAsWorkingFolder", [](const Sandbox& s) { return P{".", s.scenario}; },
       "it is the scenario folder", "", [](const Sandbox& s) { return s.scenario; }},
      {"FolderHoldingTheScenario", [](const Sandbox& s) { return P{s.root.string(), s.root}; },
       "it holds the scenario folder"},
      {"FolderInsideTheScenario",
       [](const Sandbox& s) {
         fs::create_directories(s.scenario / "extra");
         write_file(s.scenario / "extra" / "mine.csv", "a,b\n1,2\n");
         return P{(s.scenario / "extra").string(), s.scenario / "extra"};
       },
       "inside the scenario folder"},
      {"SymlinkToUserFolder",
       [](const Sandbox& s) {
         fs::create_directory_symlink(s.home / "docs", s.home / "docs-link");
         return P{"../docs-link", s.home / "docs-link"};
       },
       "symbolic link"},
      {"SymlinkToEmptyFolder",
       [](const Sandbox& s) {
         fs::create_directories(s.root / "empty");
         fs::create_directory_symlink(s.root / "empty", s.root / "empty-link");
         return P{(s.root / "empty-link").string(), s.root / "empty-link"};
       },
       "symbolic link"},
      {"DanglingSymlink",
       [](const Sandbox& s) {
         fs::create_symlink(s.root / "nowhere", s.root / "dangling");
         return P{(s.root / "dangling").string(), s.root / "dangling"};
       },
       "symbolic link"},
      {"SymlinkLoop",
       [](const Sandbox& s) {
         fs::create_symlink(s.root / "loop", s.root / "loop");
         return P{(s.root / "loop").string(), s.root / "loop"};
       },
       "symbolic link"},
      {"SymlinkLoopInTheParent",
       [](const Sandbox& s) {
         fs::create_symlink(s.root / "loop", s.root / "loop");
         return P{(s.root / "loop" / "out").string(), s.root / "loop" / "out"};
       },
       "cannot resolve"},
      {"Fifo",
       [](const Sandbox& s) {
         ::mkfifo((s.root / "pipe").c_str(), 0600);
         return P{(s.root / "pipe").string(), s.root / "pipe"};
       },
       "it is not a folder"},
      {"PathThroughAFile", [](const Sandbox& s) { return P{"../thesis.txt/out", s.home / "thesis.txt" / "out"}; },
       "cannot look at it"},
      {"ResultsOfAnOlderProvsim",
       [](const Sandbox& s) {
         fs::create_directories(s.root / "old");
         write_file(s.root / "old" / "summary.json", "{}\n");
         write_file(s.root / "old" / "report.html", "<html></html>\n");
         return P{(s.root / "old").string(), s.root / "old"};
       },
       "delete it yourself"},
      {"ProvsimCheckFolder",
       [](const Sandbox& s) {
         fake_results(s.root / "chk", FolderKind::check);
         return P{(s.root / "chk").string(), s.root / "chk"};
       },
       "it is a provsim check folder, not a run folder"},
      {"ProvsimSweepFolder",
       [](const Sandbox& s) {
         fake_results(s.root / "swp", FolderKind::sweep);
         return P{(s.root / "swp").string(), s.root / "swp"};
       },
       "it is a provsim sweep folder, not a run folder"},
      {"RunFolderWithAUserFileAdded",
       [](const Sandbox& s) {
         fake_results(s.home / "res", FolderKind::run);
         write_file(s.home / "res" / "my-notes.txt", "mine\n");
         return P{(s.home / "res").string(), s.home / "res"};
       },
       "'my-notes.txt' in it was not written by provsim"},
      {"RunFolderWithAListedFileTurnedIntoAFolder",
       [](const Sandbox& s) {
         fake_results(s.home / "res", FolderKind::run);
         fs::remove(s.home / "res" / "metrics.csv");
         fs::create_directories(s.home / "res" / "metrics.csv");
         write_file(s.home / "res" / "metrics.csv" / "kept.txt", "mine\n");
         return P{(s.home / "res").string(), s.home / "res"};
       },
       "'metrics.csv' in it was not written by provsim"},
      {"MarkerOfAnUnknownFormat",
       [](const Sandbox& s) {
         fs::create_directories(s.home / "res");
         write_file(s.home / "res" / "data.txt", "mine\n");
         write_file(s.home / "res" / ".provsim-results",
                    "provsim results folder: provsim replaces only folders that hold this file\nformat 99\nkind run\n"
                    "file data.txt\n");
         return P{(s.home / "res").string(), s.home / "res"};
       },
       "folder provsim did not create"},
      {"MarkerThatIsALink",
       [](const Sandbox& s) {
         fake_results(s.root / "real", FolderKind::run);
         fs::create_directories(s.home / "res");
         write_file(s.home / "res" / "data.txt", "mine\n");
         fs::create_symlink(s.root / "real" / ".provsim-results", s.home / "res" / ".provsim-results");
         return P{(s.home / "res").string(), s.home / "res"};
       },
       "folder provsim did not create"},
      {"NoClobberOnEarlierResults",
       [](const Sandbox& s) {
         fake_results(s.home / "res", FolderKind::run);
         return P{(s.home / "res").string(), s.home / "res"};
       },
       "--no-clobber", "--no-clobber"},
      {"NameWithANewline",
       [](const Sandbox& s) {
         fs::create_directories(s.home / "a\nb");
         write_file(s.home / "a\nb" / "x.txt", "mine\n");
         return P{(s.home / "a\nb").string(), s.home / "a\\nb"};
       },
       "folder provsim did not create"},
      {"EmptyPath", [](const Sandbox&) { return P{"", fs::path()}; }, "not a usable path"},
  };
}

class HostileRunOut : public ::testing::TestWithParam<RefusalCase> {};

TEST_P(HostileRunOut, IsRefusedBeforeAnythingRunsAndNothingIsLost) {
  const Sandbox s("run-out");
  const RefusalCase& c = GetParam();
  const auto [out, named] = c.setup(s);
  const Snapshot before = s.user_files();
  const Snapshot whole_before = snapshot(s.root);
  const fs::path cwd = c.cwd ? c.cwd(s) : s.work;
  const ProcessResult r = s.provsim("run " + s.q(s.scenario) + " --out " + s.q(out) + " " + c.options, cwd);
  expect_refusal(r, named.string(), c.reason);
  EXPECT_EQ(r.out, "");  // refused before the simulation started
  EXPECT_EQ(s.user_files(), before);
  EXPECT_EQ(snapshot(s.root), whole_before) << "nothing at all was created or removed";
}

INSTANTIATE_TEST_SUITE_P(Cases, HostileRunOut, ::testing::ValuesIn(cases()),
                         [](const auto& test) { return test.param.name; });

// The output is judged before the scenario is even read: a broken scenario
// with a bad --out gets the output's refusal.
TEST(HostileRunOut, TheOutputIsClaimedBeforeTheScenarioIsLoaded) {
  const Sandbox s("run-order");
  write_file(s.scenario / "scenario.ini", "[run]\nduration = soon\n");
  const Snapshot before = s.user_files();
  const ProcessResult r = s.provsim("run " + s.q(s.scenario) + " --out ..");
  expect_refusal(r, s.home.string(), "it holds the working folder");
  EXPECT_EQ(s.user_files(), before);
}

// A scenario given as a link loop is bad input, one line, not an internal error.
TEST(HostileRunOut, AScenarioThatIsALinkLoopIsBadInput) {
  const Sandbox s("run-loop");
  fs::create_symlink(s.root / "sloop", s.root / "sloop");
  for (const char* command : {"run", "validate", "check"}) {
    const ProcessResult r = s.provsim(std::string(command) + " " + s.q(s.root / "sloop"));
    expect_refusal(r, (s.root / "sloop").string(), "symbolic links");
  }
}

}  // namespace
}  // namespace provsim::testing
