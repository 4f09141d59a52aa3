// Before a run starts provsim prints the disk its results will need and
// refuses to start (exit 2, one line) when the results' filesystem has less
// free; output.disk_check = false runs anyway. The small filesystem is a
// real one: an 8 MB tmpfs mounted for the test (it needs root, as the test
// suite runs; elsewhere the refusal cases are skipped).

#include <gtest/gtest.h>
#include <sys/mount.h>

#include <filesystem>
#include <string>

#include "tests/support/provsim_process.hpp"

namespace {

namespace fs = std::filesystem;
using provsim::testing::run_provsim;
using provsim::testing::shell_quoted;

std::string q(const fs::path& p) { return shell_quoted(p.string()); }

std::string baseline() { return q(provsim::testing::source_path("scenarios/baseline")); }

// A tmpfs of `size` mounted at `dir` for the life of the object.
class SmallFilesystem {
 public:
  SmallFilesystem(const fs::path& dir, const std::string& size) : dir_(dir) {
    fs::create_directories(dir);
    mounted_ = ::mount("provsim-test", dir.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0;
  }
  ~SmallFilesystem() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }

 private:
  fs::path dir_;
  bool mounted_ = false;
};

TEST(DiskCheck, PrintsTheEstimateBeforeTheRun) {
  const fs::path dir = provsim::testing::temp_dir("disk");
  const auto r = run_provsim("run " + baseline() + " --set run.duration=6h --out " + q(dir / "run"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("disk: the results need about "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(" free on " + dir.string()), std::string::npos) << r.err;
  // Quiet runs say nothing of it.
  const auto quiet = run_provsim("run " + baseline() + " --quiet --set run.duration=6h --out " + q(dir / "run"));
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.err.find("disk:"), std::string::npos) << quiet.err;
  fs::remove_all(dir);
}

TEST(DiskCheck, RefusesToStartWhenTheFilesystemIsTooSmallUnlessTold) {
  const fs::path dir = provsim::testing::temp_dir("disk-small");
  {
    SmallFilesystem small(dir / "small", "8m");
    if (!small.mounted()) {
      fs::remove_all(dir);
      GTEST_SKIP() << "cannot mount a tmpfs here (needs root)";
    }
    // 200,000 rated events are reserved room for (16 MB): more than 8 MB,
    // though six hours of the baseline rate a few hundred.
    const std::string args = "run " + baseline() + " --quiet --set run.duration=6h --set rating.rated_events_limit=200000 --out " +
                             q(dir / "small" / "run");
    const auto refused = run_provsim(args);
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_NE(refused.err.find("not enough disk"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find((dir / "small" / "run").string()), std::string::npos) << refused.err;
    EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;
    EXPECT_TRUE(fs::is_empty(dir / "small"));  // nothing half-written, no spool left

    const auto anyway = run_provsim(args + " --set output.disk_check=false");
    EXPECT_EQ(anyway.exit_code, 0) << anyway.err;
    EXPECT_TRUE(fs::exists(dir / "small" / "run" / "summary.json"));
  }
  fs::remove_all(dir);
}

}  // namespace
