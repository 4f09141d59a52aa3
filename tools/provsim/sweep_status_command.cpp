// `provsim sweep status DIR`: where every planned run stands (done,
// running, queued, failed, missing) per grid point, the failed runs' last
// log lines, and the commands that run only what is left.

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "sim/scenario/input_error.hpp"
#include "sweep/job_script.hpp"
#include "sweep/sweep_status.hpp"
#include "tools/provsim/child_process.hpp"
#include "tools/provsim/commands.hpp"
#include "tools/provsim/options.hpp"
#include "tools/provsim/sweep_parts.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace provsim::cli {
namespace {

// What squeue says about this sweep's jobs: the unique job ids of tasks
// still alive, and the array tasks pending or running. Empty if Slurm
// cannot be asked (not installed, no controller).
struct SlurmQueue {
  std::set<std::string> live_jobs;
  std::set<std::size_t> active_tasks;
};

std::optional<SlurmQueue> ask_squeue(const fs::path& out, std::size_t tasks) {
  // One line per job and per array task (-r): unique id | array task | state | comment.
  const ChildResult r = run_child({"squeue", "--noheader", "--array", "--me", "--format=%A|%K|%T|%k"});
  if (!r.started || r.exit_code != 0) return std::nullopt;
  sweep::SlurmOptions mine;
  mine.out = out;
  mine.tasks = tasks;
  const std::string comment = sweep::slurm_comment(mine);
  SlurmQueue q;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> f;
    std::size_t from = 0;
    for (int i = 0; i < 3; ++i) {
      const auto bar = line.find('|', from);
      if (bar == std::string::npos) break;
      f.push_back(line.substr(from, bar - from));
      from = bar + 1;
    }
    if (f.size() != 3) continue;
    const std::string state = f[2];
    const bool alive = state == "PENDING" || state == "RUNNING" || state == "CONFIGURING" || state == "COMPLETING" ||
                       state == "SUSPENDED" || state == "REQUEUED" || state == "RESIZING";
    if (!alive) continue;
    q.live_jobs.insert(f[0]);
    if (line.substr(from) != comment) continue;
    try {
      q.active_tasks.insert(std::stoul(f[1]));
    } catch (const std::exception&) {
      // "N/A" or a range of pending tasks ("3-5%2") that -r did not split: ignore.
    }
  }
  return q;
}

// A process on this host that has not ended (a zombie has: only its parent
// has not noticed yet).
bool process_alive(long pid) {
  if (pid <= 0) return false;
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  std::getline(in, stat);
  if (!in && stat.empty()) return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
  const auto paren = stat.rfind(')');
  return paren != std::string::npos && paren + 2 < stat.size() && stat[paren + 2] != 'Z';
}

std::string host_name() {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  return host;
}

sweep::Activity activity_for(const fs::path& out, const SlurmRecord& slurm) {
  sweep::Activity a;
  a.tasks = slurm.tasks;
  std::optional<SlurmQueue> queue;
  if (slurm.tasks > 0) queue = ask_squeue(out, slurm.tasks);
  if (queue) a.active_tasks = queue->active_tasks;
  const std::string here = host_name();
  a.alive = [queue, here](const sweep::RunRecord& r) -> std::optional<bool> {
    if (!r.slurm_job.empty()) {
      if (!queue) return std::nullopt;
      return queue->live_jobs.count(r.slurm_job) > 0;
    }
    if (r.host != here) return std::nullopt;
    return process_alive(r.pid);
  };
  return a;
}

void print_points(const sweep::Plan& plan, const std::vector<sweep::RunStatus>& all) {
  std::size_t width = 0;
  for (const auto& p : plan.points) width = std::max(width, p.name.size());
  std::vector<std::map<sweep::RunState, std::vector<std::size_t>>> per_point(plan.points.size());
  for (std::size_t i = 0; i < plan.runs.size(); ++i)
    per_point[plan.runs[i].point][all[i].state].push_back(plan.runs[i].replication);
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    std::cout << "  " << plan.points[p].name << std::string(width - plan.points[p].name.size() + 2, ' ');
    bool first = true;
    for (const auto& [state, reps] : per_point[p]) {
      std::cout << (first ? "" : ", ") << sweep::state_name(state) << " " << reps.size();
      if (state != sweep::RunState::done && reps.size() < plan.replications) {
        std::cout << " (rep";
        for (auto r : reps) std::cout << " " << r;
        std::cout << ")";
      }
      first = false;
    }
    std::cout << "\n";
  }
}

void print_failed(const sweep::Plan& plan, const fs::path& out, const std::vector<sweep::RunStatus>& all,
                  std::size_t lines) {
  bool any = false;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].state != sweep::RunState::failed) continue;
    if (!any) std::cout << "\nfailed runs (the last " << lines << " lines of each log):\n";
    any = true;
    const auto& run = plan.runs[i];
    const auto& r = *all[i].record;
    std::cout << "  " << run.name << ": " << all[i].why << " (attempt " << r.attempt << " on " << r.host
              << (r.slurm_job.empty() ? "" : ", Slurm job " + r.slurm_job) << ")\n"
              << "    log: " << sweep::run_log(out, run).string() << "\n";
    std::istringstream tail(sweep::log_tail(out, run, lines));
    for (std::string line; std::getline(tail, line);) std::cout << "    | " << line << "\n";
  }
}

void print_what_is_left(const fs::path& out, const std::vector<sweep::RunStatus>& all, const SlurmRecord& slurm,
                        std::size_t left) {
  const fs::path exe = self_path();
  std::cout << "\nto run only what is left (" << left << " runs), one of:\n";
  if (slurm.tasks > 0) {
    std::string array = sweep::array_ranges(sweep::tasks_to_resubmit(all, slurm.tasks));
    if (slurm.max_parallel) array += "%" + std::to_string(slurm.max_parallel);
    std::cout << "  Slurm:         sbatch --array=" << array << " " << sweep::shell_quote((out / "sweep.sbatch").string())
              << "\n"
              << "                 then, after it: sbatch --dependency=afterany:<its job id> "
              << sweep::shell_quote((out / "collect.sbatch").string()) << "\n";
  }
  std::cout << "  this machine:  " << sweep::command_line(exe, {"sweep", "resume", out.string()}) << "\n"
            << "  GNU parallel:  " << sweep::command_line(exe, {"sweep", "resume", out.string(), "--emit-jobs"})
            << " > jobs.txt; parallel < jobs.txt; "
            << sweep::command_line(exe, {"sweep", "collect", out.string()}) << "\n";
}

}  // namespace

int sweep_status_command(const std::vector<std::string>& args) {
  po::options_description options(
      "usage: provsim sweep status DIR [options]\n\n"
      "Where every run of the sweep in DIR stands: done, running, queued (in a\n"
      "pending Slurm array task), failed (with the last lines of its log) or\n"
      "missing, per grid point; then the commands that run only what is left\n"
      "(Slurm, this machine, GNU parallel). Exit 0 when every run is done,\n"
      "1 otherwise.\n\noptions");
  options.add_options()
      ("help,h", "explain the options and exit")
      ("dir", po::value<std::string>(), "the sweep's folder")
      ("lines", po::value<std::size_t>()->default_value(5), "log lines shown per failed run");
  const Parsed p = parse(args, options, "dir", 1);
  if (p.vm.count("help")) {
    std::cout << options;
    return 0;
  }
  if (!p.vm.count("dir")) throw UsageError("the sweep's folder is required");
  const fs::path out = sweep_folder(p.vm["dir"].as<std::string>());
  sweep::Plan plan;
  try {
    plan = sweep::read_plan(out);
  } catch (const std::invalid_argument& e) {
    throw sim::InputError((out / "sweep.json").string(), 0, "", e.what());
  }
  const SlurmRecord slurm = read_slurm_record(out);
  const auto all = sweep::run_statuses(plan, out, activity_for(out, slurm));

  std::map<sweep::RunState, std::size_t> count;
  for (const auto& s : all) ++count[s.state];
  std::cout << "sweep " << plan.name << ": " << plan.runs.size() << " runs (" << plan.points.size()
            << " grid points x " << plan.replications << " replications) in " << out.string() << "\n";
  for (auto state : {sweep::RunState::done, sweep::RunState::running, sweep::RunState::queued, sweep::RunState::failed,
                     sweep::RunState::missing})
    std::cout << (state == sweep::RunState::done ? "  " : ", ") << sweep::state_name(state) << " " << count[state];
  std::cout << "\n\n";
  print_points(plan, all);
  print_failed(plan, out, all, p.vm["lines"].as<std::size_t>());
  const std::size_t left = count[sweep::RunState::failed] + count[sweep::RunState::missing];
  if (left) print_what_is_left(out, all, slurm, left);
  if (count[sweep::RunState::done] == plan.runs.size())
    std::cout << "\nevery run is done; collect with "
              << sweep::command_line(self_path(), {"sweep", "collect", out.string()}) << "\n";
  return count[sweep::RunState::done] == plan.runs.size() ? 0 : 1;
}

}  // namespace provsim::cli
