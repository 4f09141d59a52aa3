// The sweep command end to end with the real binary: GNU parallel running
// the emitted jobs, resuming, the Slurm script, bad sweep files. A 2 x 2
// grid x 2 replications of the baseline cut to six simulated hours.

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <sstream>

#include "tests/support/provsim_process.hpp"

namespace {

namespace fs = std::filesystem;
using provsim::testing::lines;
using provsim::testing::read_file;
using provsim::testing::run_provsim;
using provsim::testing::write_file;

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

class SweepCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = provsim::testing::temp_dir("sweep");
    sweep_ = dir_ / "small.ini";
    write_file(sweep_, "# a 2 x 2 grid, 2 replications\n[sweep]\nscenario = " +
                           provsim::testing::source_path("scenarios/baseline").string() +
                           "\nreplications = 2\n[set]\nrun.duration = 6h\n[grid]\nip.policy = reject,borrow\n"
                           "workload.conversion = 0.7:0.9:0.2\n");
    out_ = dir_ / "out";
  }
  void TearDown() override {
    if (HasFailure()) ADD_FAILURE() << "kept for inspection: " << dir_;
    else fs::remove_all(dir_);
  }
  std::string sweep_args() const { return "sweep " + q(sweep_) + " --out " + q(out_); }

  fs::path dir_, sweep_, out_;
};

TEST_F(SweepCli, GnuParallelRunsTheEmittedJobsThenCollectAndResume) {
  if (!fs::exists("/usr/bin/parallel")) GTEST_SKIP() << "/usr/bin/parallel absent: run tools/setup (Debian package parallel)";
  const auto emitted = run_provsim(sweep_args() + " --emit-jobs");
  ASSERT_EQ(emitted.exit_code, 0) << emitted.err;
  const auto jobs = lines(emitted.out);
  ASSERT_EQ(jobs.size(), 8u) << emitted.out;
  // Each job runs one run of the frozen plan, by name, writing its own log.
  EXPECT_NE(jobs[0].find("' 'sweep' 'resume' " + q(out_) + " '--run' 'ip.policy=reject,workload.conversion=0.7,rep=0'"),
            std::string::npos)
      << jobs[0];
  write_file(dir_ / "jobs.txt", emitted.out);

  const std::string parallel = "parallel --will-cite --jobs 2 --halt now,fail=1 < " + q(dir_ / "jobs.txt") + " > " +
                               q(dir_ / "parallel.log") + " 2>&1";
  ASSERT_EQ(std::system(parallel.c_str()), 0) << read_file(dir_ / "parallel.log");
  std::size_t runs = 0;
  for (const auto& entry : fs::directory_iterator(out_ / "runs")) {
    EXPECT_TRUE(fs::exists(entry.path() / "summary.json")) << entry.path();
    ++runs;
  }
  EXPECT_EQ(runs, 8u);
  EXPECT_NE(read_file(out_ / "logs" / "ip.policy=borrow,workload.conversion=0.9,rep=1.log")
                .find("=== provsim sweep: run ip.policy=borrow,workload.conversion=0.9,rep=1, attempt 1"),
            std::string::npos);

  const auto collected = run_provsim("sweep collect " + q(out_));
  ASSERT_EQ(collected.exit_code, 0) << collected.out << collected.err;
  const auto rows = lines(read_file(out_ / "sweep.csv"));
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].rfind("ip.policy,workload.conversion,replications,", 0), 0u) << rows[0];
  EXPECT_EQ(rows[1].rfind("reject,0.7,2,", 0), 0u) << rows[1];
  EXPECT_EQ(rows[4].rfind("borrow,0.9,2,", 0), 0u) << rows[4];
  EXPECT_NE(rows[0].find("orders.completed.ci95_high"), std::string::npos);
  EXPECT_TRUE(fs::exists(out_ / "sweep.html"));

  // Everything is done: nothing more to emit, and a local sweep runs nothing and collects.
  const auto again = run_provsim(sweep_args() + " --emit-jobs");
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_EQ(again.out, "");
  const auto local = run_provsim(sweep_args());
  EXPECT_EQ(local.exit_code, 0) << local.err;
  EXPECT_NE(local.out.find("8 done already, 0 to run"), std::string::npos) << local.out;
}

TEST_F(SweepCli, SecondRunSkipsFinishedRuns) {
  write_file(sweep_, "[sweep]\nscenario = " + provsim::testing::source_path("scenarios/baseline").string() +
                         "\nreplications = 1\n[set]\nrun.duration = 6h\n[grid]\nip.policy = reject,borrow\n");
  const auto first = run_provsim(sweep_args() + " --jobs 2");
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_NE(first.out.find("0 done already, 2 to run"), std::string::npos) << first.out;
  const fs::path kept = out_ / "runs" / "ip.policy=reject,rep=0";
  const fs::path removed = out_ / "runs" / "ip.policy=borrow,rep=0";
  const std::string summary = read_file(kept / "summary.json");  // holds the wall time: a rerun would change it
  fs::remove_all(removed);  // as if the sweep had been interrupted before this run finished

  const auto second = run_provsim(sweep_args() + " --jobs 2");
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_NE(second.out.find("1 done already, 1 to run"), std::string::npos) << second.out;
  EXPECT_EQ(read_file(kept / "summary.json"), summary);
  EXPECT_TRUE(fs::exists(removed / "summary.json"));
  EXPECT_EQ(lines(read_file(out_ / "sweep.csv")).size(), 3u);

  // A changed scenario setting changes every run's hash: nothing is reused.
  const auto changed = run_provsim(sweep_args() + " --set run.duration=5h --dry-run");
  EXPECT_EQ(changed.exit_code, 0);
  EXPECT_EQ(lines(changed.out).size(), 2u) << changed.out;
}

TEST_F(SweepCli, SlurmScriptHasOneTaskPerPointEachRunningItsSlice) {
  const auto script = run_provsim(sweep_args() + " --slurm");
  ASSERT_EQ(script.exit_code, 0) << script.err;
  EXPECT_EQ(script.out.rfind("#!/bin/bash\n", 0), 0u);
  EXPECT_NE(script.out.find("#SBATCH --array=0-3\n"), std::string::npos) << script.out;
  EXPECT_NE(script.out.find("--slice \"${SLURM_ARRAY_TASK_ID}/4\""), std::string::npos) << script.out;
  EXPECT_EQ(script.out.find(sweep_.string()), std::string::npos) << "tasks read the frozen plan, not the sweep file";
  EXPECT_NE(script.out.find("out=" + q(out_) + "\n"), std::string::npos) << script.out;
  EXPECT_EQ(read_file(out_ / "sweep.sbatch"), script.out);
  EXPECT_TRUE(fs::is_directory(out_ / "logs")) << "Slurm opens the tasks' output files there before they start";
  fs::remove_all(out_);
  EXPECT_EQ(run_provsim(sweep_args() + " --slurm --tasks 0").exit_code, 2);
  EXPECT_FALSE(fs::exists(out_)) << "refused before anything is written";
  ASSERT_EQ(run_provsim(sweep_args() + " --slurm").exit_code, 0);
  const auto three = run_provsim(sweep_args() + " --slurm --tasks 3");
  EXPECT_NE(three.out.find("#SBATCH --array=0-2\n"), std::string::npos) << three.out;

  // What each task would run: its own runs, together all eight, none twice.
  std::set<std::string> all;
  for (int task = 0; task < 4; ++task) {
    const auto slice = run_provsim(sweep_args() + " --slice " + std::to_string(task) + "/4 --dry-run");
    ASSERT_EQ(slice.exit_code, 0) << slice.err;
    const auto names = lines(slice.out);
    EXPECT_EQ(names.size(), 2u) << slice.out;
    for (const auto& n : names) EXPECT_TRUE(all.insert(n).second) << n;
  }
  EXPECT_EQ(all.size(), 8u);

  // Task 1 of the script itself, as Slurm would start it: point 1's two replications.
  write_file(dir_ / "sweep.sbatch", script.out);
  const std::string task = "SLURM_ARRAY_TASK_ID=1 bash " + q(dir_ / "sweep.sbatch") + " > " + q(dir_ / "task.log") + " 2>&1";
  ASSERT_EQ(std::system(task.c_str()), 0) << read_file(dir_ / "task.log");
  EXPECT_TRUE(fs::exists(out_ / "runs" / "ip.policy=reject,workload.conversion=0.9,rep=0" / "summary.json"));
  EXPECT_TRUE(fs::exists(out_ / "runs" / "ip.policy=reject,workload.conversion=0.9,rep=1" / "summary.json"));
  EXPECT_EQ(std::distance(fs::directory_iterator(out_ / "runs"), fs::directory_iterator()), 2);
}

TEST_F(SweepCli, BadSweepFilesStopBeforeAnyRun) {
  write_file(sweep_, "[sweep]\nscenario = " + provsim::testing::source_path("scenarios/baseline").string() +
                         "\nreplicates = 2\n");
  auto r = run_provsim(sweep_args());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("small.ini:3: replicates: unknown key in [sweep]"), std::string::npos) << r.err;

  write_file(sweep_, "[sweep]\nscenario = " + provsim::testing::source_path("scenarios/baseline").string() +
                         "\n[grid]\nip.max_ratio = 1:3:0\n");
  r = run_provsim(sweep_args());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("small.ini:4: ip.max_ratio: range '1:3:0': the step is zero"), std::string::npos) << r.err;

  write_file(sweep_, "[sweep]\nscenario = " + provsim::testing::source_path("scenarios/baseline").string() +
                         "\n[grid]\nip.policy = reject,lend\n");
  r = run_provsim(sweep_args());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("ip.policy"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out_ / "runs"));
}

}  // namespace

namespace {

// The shipped example sweeps plan cleanly: every grid value loads as a scenario.
TEST(ShippedSweeps, PlanEveryRun) {
  const auto out = provsim::testing::temp_dir("shipped-sweeps");
  for (const auto& [file, runs] : std::vector<std::pair<std::string, std::size_t>>{{"ip_policy.ini", 72}, {"workload.ini", 36}, {"overallocation.ini", 225}}) {
    const auto r = run_provsim("sweep '" + provsim::testing::source_path("scenarios/sweeps/" + file).string() +
                               "' --out '" + (out / file).string() + "' --dry-run");
    EXPECT_EQ(r.exit_code, 0) << file << ": " << r.err;
    EXPECT_EQ(lines(r.out).size(), runs) << file;
  }
  std::filesystem::remove_all(out);
}

}  // namespace
