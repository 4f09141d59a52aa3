// Names that are shell syntax reach the generated GNU parallel job list and
// Slurm scripts quoted: the real GNU parallel and bash run them, the runs
// happen, and nothing else runs (no marker file appears). Names with control
// characters are refused where they come in, before anything is written.

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "tests/support/provsim_process.hpp"

namespace {

namespace fs = std::filesystem;
using provsim::testing::read_file;
using provsim::testing::run_provsim;
using provsim::testing::write_file;

// Every way a careless or hostile name could run a command if it were not quoted.
const std::string kHostile = "x $(touch pwned) `touch pwned`; touch pwned && touch pwned | touch pwned "
                             "'q' \"dq\" {} {1} %s %A \\ #c";

std::string q(const fs::path& p) {
  std::string out = "'";
  for (char c : p.string()) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

bool marker_anywhere(const fs::path& root) {
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.path().filename().string().find("pwned") == 0) return true;
  return false;
}

class HostileNames : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = provsim::testing::temp_dir("hostile");
    scenario_ = dir_ / ("scenario " + kHostile);
    fs::copy(provsim::testing::source_path("scenarios/baseline"), scenario_, fs::copy_options::recursive);
    sweep_ = dir_ / (kHostile + ".ini");
    write_file(sweep_, "[sweep]\nscenario = " + scenario_.filename().string() +
                           "\nreplications = 1\n[set]\nrun.duration = 3h\n[grid]\nip.policy = reject,borrow\n");
    out_ = dir_ / ("out " + kHostile);
  }
  void TearDown() override {
    if (HasFailure()) ADD_FAILURE() << "kept for inspection: " << dir_;
    else fs::remove_all(dir_);
  }
  std::string sweep_args() const { return "sweep " + q(sweep_) + " --out " + q(out_); }
  // Runs a shell command in the test's folder, so a stray `touch pwned` would land there.
  int shell(const std::string& command) const {
    return std::system(("cd " + q(dir_) + " && " + command + " > " + q(dir_ / "shell.log") + " 2>&1").c_str());
  }
  void expect_both_runs_done() const {
    EXPECT_TRUE(fs::exists(out_ / "runs" / "ip.policy=reject,rep=0" / "summary.json"));
    EXPECT_TRUE(fs::exists(out_ / "runs" / "ip.policy=borrow,rep=0" / "summary.json"));
  }

  fs::path dir_, scenario_, sweep_, out_;
};

TEST_F(HostileNames, GnuParallelRunsTheJobListAndNothingElse) {
  if (!fs::exists("/usr/bin/parallel")) GTEST_SKIP() << "/usr/bin/parallel absent: run tools/setup (Debian package parallel)";
  const auto emitted = run_provsim(sweep_args() + " --emit-jobs");
  ASSERT_EQ(emitted.exit_code, 0) << emitted.err;
  write_file(dir_ / "jobs.txt", emitted.out);
  ASSERT_EQ(shell("parallel --will-cite --jobs 2 --halt now,fail=1 < jobs.txt"), 0) << read_file(dir_ / "shell.log");
  EXPECT_FALSE(marker_anywhere(dir_)) << emitted.out;
  expect_both_runs_done();
  const auto collected = run_provsim("sweep collect " + q(out_));
  EXPECT_EQ(collected.exit_code, 0) << collected.out << collected.err;
  EXPECT_FALSE(marker_anywhere(dir_));
}

TEST_F(HostileNames, BashRunsTheSlurmScriptsAndNothingElse) {
  const auto script = run_provsim(sweep_args() + " --slurm --tasks 2 --partition " + q("p $(touch pwned)") +
                                  " --sbatch-arg " + q("--comment=`touch pwned`"));
  ASSERT_EQ(script.exit_code, 0) << script.err;
  EXPECT_FALSE(marker_anywhere(dir_));
  // As Slurm would start them: each array task, then the collect job.
  for (int task = 0; task < 2; ++task)
    ASSERT_EQ(shell("SLURM_ARRAY_TASK_ID=" + std::to_string(task) + " bash " + q(out_ / "sweep.sbatch")), 0)
        << read_file(dir_ / "shell.log") << script.out;
  ASSERT_EQ(shell("bash " + q(out_ / "collect.sbatch")), 0) << read_file(dir_ / "shell.log");
  EXPECT_FALSE(marker_anywhere(dir_)) << script.out;
  expect_both_runs_done();
  EXPECT_TRUE(fs::exists(out_ / "sweep.csv"));
}

TEST_F(HostileNames, ScriptRefusesToStartWhenTheNodeCannotSeeThePlan) {
  ASSERT_EQ(run_provsim(sweep_args() + " --slurm").exit_code, 0);
  fs::rename(out_ / "sweep.json", dir_ / "moved.json");
  EXPECT_EQ(shell("SLURM_ARRAY_TASK_ID=0 bash " + q(out_ / "sweep.sbatch")), 2 << 8);
  const std::string log = read_file(dir_ / "shell.log");
  EXPECT_NE(log.find("sweep.json is not visible on node"), std::string::npos) << log;
  EXPECT_NE(log.find("a file system every node sees"), std::string::npos) << log;
  EXPECT_FALSE(fs::exists(out_ / "runs"));
}

struct Refusal {
  const char* what;
  std::string args;   // after `sweep FILE --out OUT`, or replacing them
  std::string named;  // in the error line
};

TEST_F(HostileNames, ControlCharactersAreRefusedBeforeAnythingIsWritten) {
  const fs::path newline_file = dir_ / "two\nlines.ini";
  fs::copy_file(sweep_, newline_file);
  write_file(dir_ / "cr.ini", "[sweep]\nscenario = " + scenario_.filename().string() +
                                  "\n[grid]\nip.policy = reject,bor\rrow\n");
  const std::vector<Refusal> cases = {
      {"sweep file name", "sweep " + q(newline_file) + " --out " + q(out_), "the sweep file's name"},
      {"--out", "sweep " + q(sweep_) + " --out " + q(dir_ / "o\nut"), "--out"},
      {"--set", sweep_args() + " --set " + q("run.duration=1h\ntouch pwned"), "--set"},
      {"grid value", "sweep " + q(dir_ / "cr.ini") + " --out " + q(out_), "cr.ini:4: ip.policy"},
      {"--partition", sweep_args() + " --slurm --partition " + q("a\nb"), "--partition"},
      {"--sbatch-arg", sweep_args() + " --slurm --sbatch-arg " + q("--qos=a\n#SBATCH --x"), "--sbatch-arg"},
      {"SimGrid option", sweep_args() + " --emit-jobs " + q("--cfg=a:\nb"), "SimGrid option"},
  };
  for (const auto& c : cases) {
    const auto r = run_provsim(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.what << ": " << r.out << r.err;
    EXPECT_NE(r.err.find(c.named), std::string::npos) << c.what << ": " << r.err;
    EXPECT_NE(r.err.find("control character"), std::string::npos) << c.what << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << c.what << ": one line, got " << r.err;
    EXPECT_EQ(r.out, "") << c.what;
    EXPECT_FALSE(fs::exists(out_)) << c.what;
    EXPECT_FALSE(fs::exists(dir_ / "o\nut")) << c.what;
  }
  EXPECT_FALSE(marker_anywhere(dir_));
}

}  // namespace
