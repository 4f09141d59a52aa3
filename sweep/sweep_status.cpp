#include "sweep/sweep_status.hpp"

#include "sweep/run_status.hpp"

namespace provsim::sweep {

const char* state_name(RunState state) {
  switch (state) {
    case RunState::done: return "done";
    case RunState::running: return "running";
    case RunState::queued: return "queued";
    case RunState::failed: return "failed";
    case RunState::missing: return "missing";
  }
  return "?";
}

namespace {

std::string exit_text(int code) {
  if (code > 128) return "killed by signal " + std::to_string(code - 128);
  return "exit " + std::to_string(code);
}

RunStatus status_of(const Plan& plan, std::size_t index, const std::filesystem::path& out, const Activity& activity) {
  const PlannedRun& run = plan.runs[index];
  RunStatus s;
  if (run_complete(run_dir(out, run), run.hash, run.seed)) {
    s.state = RunState::done;
    return s;
  }
  s.record = read_record(out, run);
  if (s.record && s.record->exited && s.record->exit_code != 0) {
    s.state = RunState::failed;
    s.why = exit_text(s.record->exit_code);
    return s;
  }
  if (s.record && !s.record->exited) {
    const std::optional<bool> alive = activity.alive ? activity.alive(*s.record) : std::nullopt;
    if (alive.value_or(true)) {
      s.state = RunState::running;
      return s;
    }
    s.state = RunState::failed;
    s.why = "stopped without an exit status (cancelled, out of time, or its node was lost)";
    return s;
  }
  const bool queued = activity.tasks > 0 && activity.active_tasks.count(task_of(plan.runs.size(), index, activity.tasks));
  s.state = queued ? RunState::queued : RunState::missing;
  return s;
}

}  // namespace

std::vector<RunStatus> run_statuses(const Plan& plan, const std::filesystem::path& out, const Activity& activity) {
  std::vector<RunStatus> all;
  for (std::size_t i = 0; i < plan.runs.size(); ++i) all.push_back(status_of(plan, i, out, activity));
  return all;
}

std::size_t task_of(std::size_t runs, std::size_t index, std::size_t tasks) {
  // slice(runs, k, tasks) covers [runs*k/tasks, runs*(k+1)/tasks).
  std::size_t k = index * tasks / runs;
  while (k + 1 < tasks && runs * (k + 1) / tasks <= index) ++k;
  while (k > 0 && runs * k / tasks > index) --k;
  return k;
}

std::vector<std::size_t> tasks_to_resubmit(const std::vector<RunStatus>& statuses, std::size_t tasks) {
  std::set<std::size_t> out;
  for (std::size_t i = 0; i < statuses.size(); ++i)
    if (statuses[i].state == RunState::failed || statuses[i].state == RunState::missing)
      out.insert(task_of(statuses.size(), i, tasks));
  return {out.begin(), out.end()};
}

}  // namespace provsim::sweep
