// `provsim sweep status` and `resume` on this machine: a run killed from
// outside, a runner stopped with its run (as a cancelled Slurm task is),
// retries, and the commands status prints to finish the sweep.

#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "tests/support/provsim_process.hpp"

namespace {

namespace fs = std::filesystem;
using provsim::testing::read_file;
using provsim::testing::run_provsim;
using provsim::testing::write_file;

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

class SweepStatus : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = provsim::testing::temp_dir("sweep-status");
    // Runs of a second or more: long enough to be killed while running. The
    // sanitizers slow a run down about tenfold, so there fewer days suffice.
    const std::string days = std::getenv("PROVSIM_SANITIZED") ? "40d" : "300d";
    write_file(dir_ / "slow.ini", "[sweep]\nscenario = " +
                                      provsim::testing::source_path("scenarios/overallocation").string() +
                                      "\nreplications = 1\n[set]\nrun.duration = " + days +
                                      "\npopulation.initial = 500\n[grid]\nip.policy = reject,borrow\n");
    out_ = dir_ / "out";
    const auto planned = run_provsim("sweep " + q(dir_ / "slow.ini") + " --out " + q(out_) + " --dry-run");
    ASSERT_EQ(planned.exit_code, 0) << planned.err;
  }
  void TearDown() override {
    if (HasFailure()) ADD_FAILURE() << "kept for inspection: " << dir_;
    else fs::remove_all(dir_);
  }

  // Starts `provsim ARGS` in the background; returns its pid.
  long start(const std::string& args) const {
    const fs::path pid = dir_ / "bg.pid";
    fs::remove(pid);
    const std::string command = std::string("'") + PROVSIM_BINARY + "' " + args + " > " + q(dir_ / "bg.log") +
                                " 2>&1 & echo $! > " + q(pid);
    EXPECT_EQ(std::system(command.c_str()), 0);
    return std::stol(read_file(pid));
  }
  // Waits (at most 60 s) until the run's state file holds `text`; returns the file.
  std::string wait_state(const std::string& run, const std::string& text) const {
    const fs::path state = out_ / "logs" / (run + ".state");
    for (int i = 0; i < 600; ++i) {
      const std::string s = read_file(state);
      if (s.find(text) != std::string::npos) return s;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << run << ": no " << text << " in " << read_file(state);
    return {};
  }
  static long pid_in(const std::string& state) {
    const auto at = state.find("\"pid\":");
    return at == std::string::npos ? 0 : std::stol(state.substr(at + 6));
  }
  // Kills a `provsim run` by the pid its state file names, after checking it
  // is one. The watcher records the pid between fork and exec, so the child
  // may still show the watcher's command line for a moment: wait for the exec.
  static void kill_run(long pid) {
    const std::string proc = "/proc/" + std::to_string(pid) + "/cmdline";
    const std::string run_argument("run\0", 4);
    std::string cmdline = read_file(proc);
    for (int i = 0; i < 100 && cmdline.find(run_argument) == std::string::npos; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      cmdline = read_file(proc);
    }
    ASSERT_NE(cmdline.find(run_argument), std::string::npos) << pid;
    ::kill(static_cast<pid_t>(pid), SIGKILL);
  }
  // Gone or a zombie (its parent, not this test, reaps it).
  static bool alive(long pid) {
    const std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
    const auto paren = stat.rfind(')');
    return paren != std::string::npos && paren + 2 < stat.size() && stat[paren + 2] != 'Z';
  }
  static void wait_gone(long pid) {
    for (int i = 0; i < 600 && alive(pid); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_FALSE(alive(pid)) << pid;
  }

  fs::path dir_, out_;
};

TEST_F(SweepStatus, KilledRunIsFailedAndResumeCompletesTheSweep) {
  const long runner = start("sweep resume " + q(out_) + " --run 'ip.policy=reject,rep=0' --quiet");
  kill_run(pid_in(wait_state("ip.policy=reject,rep=0", "\"started\"")));
  wait_state("ip.policy=reject,rep=0", "\"exited\"");
  wait_gone(runner);

  auto status = run_provsim("sweep status " + q(out_));
  EXPECT_EQ(status.exit_code, 1);
  EXPECT_NE(status.out.find("done 0, running 0, queued 0, failed 1, missing 1"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("ip.policy=reject,rep=0: killed by signal 9 (attempt 1 on "), std::string::npos)
      << status.out;
  EXPECT_NE(status.out.find("| === provsim sweep: run ip.policy=reject,rep=0, attempt 1"), std::string::npos)
      << status.out;
  EXPECT_NE(status.out.find("' 'sweep' 'resume' " + q(out_) + "\n"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("' 'sweep' 'resume' " + q(out_) + " '--emit-jobs' > jobs.txt"), std::string::npos)
      << status.out;
  EXPECT_EQ(status.out.find("sbatch"), std::string::npos) << "not a Slurm sweep: " << status.out;

  const auto resumed = run_provsim("sweep resume " + q(out_) + " --jobs 2");
  EXPECT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
  EXPECT_NE(resumed.out.find("collected 2 of 2 runs"), std::string::npos) << resumed.out;
  status = run_provsim("sweep status " + q(out_));
  EXPECT_EQ(status.exit_code, 0) << status.out;
  EXPECT_NE(status.out.find("done 2, running 0"), std::string::npos) << status.out;
}

TEST_F(SweepStatus, RunnerStoppedWithItsRunIsFailedWithoutExitStatus) {
  const long runner = start("sweep resume " + q(out_) + " --run 'ip.policy=borrow,rep=0' --quiet");
  const long run = pid_in(wait_state("ip.policy=borrow,rep=0", "\"started\""));
  // As a cancelled Slurm task: the watcher and its run die together, nothing records an exit.
  ::kill(static_cast<pid_t>(runner), SIGKILL);
  kill_run(run);
  wait_gone(run);
  const auto status = run_provsim("sweep status " + q(out_));
  EXPECT_EQ(status.exit_code, 1);
  EXPECT_NE(status.out.find("ip.policy=borrow,rep=0: stopped without an exit status"), std::string::npos)
      << status.out;
}

TEST_F(SweepStatus, RetriesRunAKilledRunAgain) {
  const long runner = start("sweep resume " + q(out_) + " --run 'ip.policy=reject,rep=0' --retries 1");
  kill_run(pid_in(wait_state("ip.policy=reject,rep=0", "\"attempt\":1")));
  wait_state("ip.policy=reject,rep=0", "\"attempt\":2,");
  wait_state("ip.policy=reject,rep=0", "\"exit\":0");
  wait_gone(runner);
  EXPECT_NE(read_file(dir_ / "bg.log").find("retrying ip.policy=reject,rep=0 (exit 137, attempt 1 of 2)"),
            std::string::npos)
      << read_file(dir_ / "bg.log");
  EXPECT_TRUE(fs::exists(out_ / "runs" / "ip.policy=reject,rep=0" / "summary.json"));
  const std::string log = read_file(out_ / "logs" / "ip.policy=reject,rep=0.log");
  EXPECT_NE(log.find("attempt 2"), std::string::npos) << log;
}

}  // namespace
