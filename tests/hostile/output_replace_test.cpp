// What `provsim run` may write to: a new folder, an empty one, or an earlier
// provsim run folder, which it replaces whole; --no-clobber keeps even that.

#include <algorithm>

#include "reports/results_marker.hpp"
#include "tests/hostile/hostile_sandbox.hpp"

namespace provsim::testing {
namespace {

using reports::FolderKind;

// Every file the marker lists is there, and nothing else.
void expect_complete_run_folder(const fs::path& dir) {
  const auto marker = reports::read_marker(dir);
  ASSERT_TRUE(marker) << dir;
  EXPECT_EQ(marker->kind, FolderKind::run);
  std::vector<std::string> present;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename() != reports::kMarkerFile) present.push_back(e.path().filename().string());
  std::sort(present.begin(), present.end());
  EXPECT_EQ(present, marker->files);
  EXPECT_TRUE(fs::exists(dir / "summary.json"));
  EXPECT_TRUE(fs::exists(dir / "report.html"));
}

TEST(HostileRunReplace, ANewFolderIsCreatedWithItsMarker) {
  const Sandbox s("new");
  const Snapshot before = s.user_files();
  const ProcessResult r = s.provsim("run " + s.q(s.scenario) + " --quiet --out " + s.q(s.root / "out" / "a"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_complete_run_folder(s.root / "out" / "a");
  EXPECT_EQ(s.user_files(), before);
  EXPECT_FALSE(has_partials(s.root));
}

TEST(HostileRunReplace, AnEmptyFolderIsUsedEvenWithNoClobber) {
  const Sandbox s("empty");
  fs::create_directories(s.root / "empty");
  const ProcessResult r =
      s.provsim("run " + s.q(s.scenario) + " --quiet --no-clobber --out " + s.q(s.root / "empty"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_complete_run_folder(s.root / "empty");
}

TEST(HostileRunReplace, TheDefaultFolderIsResultsSlashTheScenarioName) {
  const Sandbox s("default");
  const Snapshot before = s.user_files();
  const ProcessResult r = s.provsim("run " + s.q(s.scenario) + " --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_complete_run_folder(s.work / "results" / "scen");
  Snapshot after = s.user_files();
  for (auto it = after.begin(); it != after.end();)
    it = it->first.rfind("home/work/results", 0) == 0 ? after.erase(it) : std::next(it);
  EXPECT_EQ(after, before);
}

// An earlier results folder is replaced whole: a file only the earlier run
// wrote is gone, the folder holds exactly the new run's files.
TEST(HostileRunReplace, AnEarlierRunFolderIsReplacedWhole) {
  const Sandbox s("replace");
  const fs::path out = s.root / "res";
  fs::create_directories(out);
  write_file(out / "summary.json", "{\"old\": true}\n");
  write_file(out / "stale_table.csv", "a\n1\n");
  reports::write_marker(out, FolderKind::run);
  const Snapshot before = s.user_files();
  const ProcessResult r = s.provsim("run " + s.q(s.scenario) + " --quiet --out " + s.q(out));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_complete_run_folder(out);
  EXPECT_FALSE(fs::exists(out / "stale_table.csv"));
  EXPECT_EQ(read_file(out / "summary.json").find("\"old\""), std::string::npos);
  EXPECT_EQ(s.user_files(), before);
  EXPECT_FALSE(has_partials(s.root));
}

// Running twice into the same folder (the everyday case) gives the same
// results, and the second run leaves no hidden folder behind.
TEST(HostileRunReplace, RunningAgainReplacesTheFolderWithIdenticalResults) {
  const Sandbox s("again");
  const fs::path out = s.root / "res";
  ASSERT_EQ(s.provsim("run " + s.q(s.scenario) + " --quiet --out " + s.q(out)).exit_code, 0);
  const std::string first = read_file(out / "orders.csv");
  const ProcessResult r = s.provsim("run " + s.q(s.scenario) + " --quiet --out " + s.q(out));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(out / "orders.csv"), first);
  expect_complete_run_folder(out);
  EXPECT_FALSE(has_partials(s.root));
}

// A run refused by --no-clobber leaves the earlier results exactly as they were.
TEST(HostileRunReplace, NoClobberKeepsARealEarlierRun) {
  const Sandbox s("noclobber");
  const fs::path out = s.root / "res";
  ASSERT_EQ(s.provsim("run " + s.q(s.scenario) + " --quiet --out " + s.q(out)).exit_code, 0);
  const Snapshot earlier = snapshot(out);
  const ProcessResult r = s.provsim("run " + s.q(s.scenario) + " --quiet --no-clobber --out " + s.q(out));
  expect_refusal(r, out.string(), "--no-clobber");
  EXPECT_EQ(snapshot(out), earlier);
}

}  // namespace
}  // namespace provsim::testing
