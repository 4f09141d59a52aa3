#pragma once
// Where each planned run of a sweep stands, from its results folder and its
// run record (sweep/run_record.hpp), plus what the caller learns from
// outside (is a process or Slurm job alive, which array tasks are queued):
//
//   done     complete results with the planned scenario hash and seed
//   running  started, and its process or Slurm job is alive (or cannot be asked)
//   queued   not started, in a Slurm array task that is pending or running
//   failed   its last attempt exited non-zero, or stopped without an exit
//            status (cancelled, out of time, node lost)
//   missing  never started (or left by an earlier plan)

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sweep/plan.hpp"
#include "sweep/run_record.hpp"

namespace provsim::sweep {

enum class RunState { done, running, queued, failed, missing };
const char* state_name(RunState state);

struct RunStatus {
  RunState state = RunState::missing;
  std::optional<RunRecord> record;
  std::string why;  // for failed runs: "exit 1", "killed by signal 9", "stopped without an exit status"
};

struct Activity {
  // Whether a started run's process (or Slurm job) is alive; empty: cannot tell.
  std::function<std::optional<bool>(const RunRecord&)> alive;
  std::size_t tasks = 0;               // the Slurm array's size (0: not on Slurm)
  std::set<std::size_t> active_tasks;  // array tasks pending or running
};

std::vector<RunStatus> run_statuses(const Plan& plan, const std::filesystem::path& out, const Activity& activity);

// The array task (of `tasks`) that runs run `index`: the inverse of slice().
std::size_t task_of(std::size_t runs, std::size_t index, std::size_t tasks);

// The array tasks, in order, holding a failed or missing run.
std::vector<std::size_t> tasks_to_resubmit(const std::vector<RunStatus>& statuses, std::size_t tasks);

}  // namespace provsim::sweep
