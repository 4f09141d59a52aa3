#pragma once
// What became of a run's last attempt, kept beside its log so that
// `provsim sweep status` can tell a failed run from one still running, on
// any host: OUT/logs/<run>.log holds what the run printed (every attempt,
// each after a header line), OUT/logs/<run>.state one JSON object:
//
//   {"state": "started", "attempt": 1, "host": "node7", "pid": 4242, "slurm_job": "1234"}
//   {"state": "exited", "attempt": 1, "host": "node7", "pid": 4242, "slurm_job": "1234", "exit": 137}
//
// A run stopped from outside together with the process that watched it (a
// cancelled Slurm task, a lost node) stays "started"; status then asks
// whether its Slurm job or process is still alive.

#include <filesystem>
#include <optional>
#include <string>

#include "sweep/plan.hpp"

namespace provsim::sweep {

struct RunRecord {
  bool exited = false;
  unsigned attempt = 0;
  std::string host;
  long pid = 0;
  std::string slurm_job;  // SLURM_JOB_ID of the task that ran it, if any
  int exit_code = 0;      // when exited: 128 + signal for a run killed by a signal
};

std::filesystem::path run_log(const std::filesystem::path& out, const PlannedRun& run);
std::filesystem::path run_state(const std::filesystem::path& out, const PlannedRun& run);

// Written through a temporary file and a rename: a reader sees the old or the new record.
void write_record(const std::filesystem::path& out, const PlannedRun& run, const RunRecord& record);
// Empty if there is none or it cannot be read.
std::optional<RunRecord> read_record(const std::filesystem::path& out, const PlannedRun& run);

// The last `count` lines of a run's log.
std::string log_tail(const std::filesystem::path& out, const PlannedRun& run, std::size_t count);

}  // namespace provsim::sweep
