#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario.hpp"
#include "sweep/collect.hpp"
#include "sweep/job_script.hpp"
#include "sweep/plan.hpp"
#include "sweep/run_status.hpp"
#include "sweep/sweep_error.hpp"
#include "sweep/sweep_spec.hpp"
#include "tools/provsim/commands.hpp"
#include "tools/provsim/options.hpp"
#include "tools/provsim/output_rules.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace provsim::cli {
namespace {

fs::path self_path() { return fs::read_symlink("/proc/self/exe"); }

// "K/T" -> {K, T}
std::pair<std::size_t, std::size_t> parse_slice(const std::string& text) {
  const auto slash = text.find('/');
  try {
    if (slash != std::string::npos) {
      std::size_t used = 0;
      const auto k = std::stoul(text.substr(0, slash), &used);
      if (used == slash) {
        const auto t = std::stoul(text.substr(slash + 1), &used);
        if (used == text.size() - slash - 1 && k < t) return {k, t};
      }
    }
  } catch (const std::exception&) {
  }
  throw UsageError("--slice wants K/T with 0 <= K < T, got '" + text + "'");
}

// Plans the sweep: every run's overrides are loaded as a scenario (so a bad
// grid value stops everything before a run starts) and its hash noted.
sweep::Plan plan_sweep(const sweep::SweepSpec& spec) {
  const auto base = sim::load_scenario(spec.scenario, {spec.fixed});
  sweep::Plan plan = sweep::make_plan(spec, spec.seed ? *spec.seed : base->seed);
  for (auto& run : plan.runs) run.hash = sim::load_scenario(spec.scenario, {plan.overrides(run)})->hash;
  return plan;
}

struct Child {
  std::size_t run;
  std::chrono::steady_clock::time_point started;
};

pid_t spawn(const fs::path& exe, const std::vector<std::string>& args, const fs::path& log) {
  std::vector<std::string> all = {exe.string()};
  all.insert(all.end(), args.begin(), args.end());
  std::cout.flush();
  std::cerr.flush();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      ::dup2(fd, STDOUT_FILENO);
      ::dup2(fd, STDERR_FILENO);
      ::close(fd);
    }
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

// Runs the pending runs, `jobs` child `provsim run` processes at a time.
// Returns how many failed.
std::size_t run_locally(const sweep::Plan& plan, const std::vector<std::size_t>& pending, const fs::path& out,
                        std::size_t jobs, const std::vector<std::string>& extra, bool quiet) {
  const fs::path exe = self_path();
  fs::create_directories(out / "logs");
  std::map<pid_t, Child> running;
  std::size_t next = 0, finished = 0, failed = 0;
  while (next < pending.size() || !running.empty()) {
    while (next < pending.size() && running.size() < jobs) {
      const auto& run = plan.runs[pending[next]];
      const pid_t pid = spawn(exe, sweep::run_arguments(plan, run, out, extra), out / "logs" / (run.name + ".log"));
      running[pid] = Child{pending[next++], std::chrono::steady_clock::now()};
    }
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0 && errno != EINTR) throw std::runtime_error("waitpid failed while runs were in progress");
    auto it = running.find(pid);
    if (it == running.end()) continue;
    const auto& run = plan.runs[it->second.run];
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - it->second.started).count();
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    ++finished;
    if (code != 0) {
      ++failed;
      std::cout << "[" << finished << "/" << pending.size() << "] FAILED " << run.name << " (exit " << code
                << "), see " << (out / "logs" / (run.name + ".log")).string() << "\n";
    } else if (!quiet) {
      std::cout << "[" << finished << "/" << pending.size() << "] " << run.name << " (" << wall << " s)\n";
    }
    std::cout.flush();
    running.erase(it);
  }
  return failed;
}

int collect_into(const sweep::Plan& plan, const fs::path& out) {
  const sweep::Collected c = sweep::collect(plan, out);
  sweep::write_collected(plan, c, out);
  std::cout << "collected " << c.runs_found << " of " << plan.runs.size() << " runs over " << plan.points.size()
            << " grid points, " << c.metrics.size() << " metrics\n"
            << "table: " << (fs::absolute(out) / "sweep.csv").string() << "\n"
            << "charts: " << (fs::absolute(out) / "sweep.html").string() << "\n";
  if (!c.missing.empty()) {
    std::cout << c.missing.size() << " runs missing, e.g. " << c.missing.front() << "\n";
    return 1;
  }
  return 0;
}

int collect_command(const std::vector<std::string>& args) {
  po::options_description options(
      "usage: provsim sweep collect DIR\n\n"
      "Merges the runs of the sweep in DIR (its sweep.json and runs/) into\n"
      "DIR/sweep.csv (per grid point: mean and 95 % confidence interval of\n"
      "every numeric summary metric over replications) and DIR/sweep.html.\n"
      "Exit 1 if a planned run has no complete results.\n\noptions");
  options.add_options()("help,h", "explain the options and exit")("dir", po::value<std::string>(), "the sweep's folder");
  const Parsed p = parse(args, options, "dir", 1);
  if (p.vm.count("help")) {
    std::cout << options;
    return 0;
  }
  if (!p.vm.count("dir")) throw UsageError("the sweep's folder is required");
  // Collect only adds files to a sweep folder, so `cd DIR && provsim sweep
  // collect .` is fine: no working-folder rule here.
  reports::OutputRules rules = output_rules(reports::FolderKind::sweep, {}, false);
  rules.cwd.clear();
  const fs::path out = reports::claim_results_folder(p.vm["dir"].as<std::string>(), rules);
  sweep::Plan plan;
  try {
    plan = sweep::read_plan(out);
  } catch (const std::invalid_argument& e) {
    throw sim::InputError((out / "sweep.json").string(), 0, "", e.what());
  }
  return collect_into(plan, out);
}

}  // namespace

int sweep_command(const std::vector<std::string>& args) {
  if (!args.empty() && args.front() == "collect") return collect_command({args.begin() + 1, args.end()});
  po::options_description options(
      "usage: provsim sweep SWEEP.ini [options]\n"
      "       provsim sweep collect DIR\n\n"
      "Runs a scenario over a grid of overrides, each grid point several times\n"
      "with derived seeds, every run a child 'provsim run' writing its own\n"
      "results folder DIR/runs/<point>,rep=<r>. A run whose results exist with\n"
      "the same scenario hash and seed is skipped, so an interrupted sweep\n"
      "resumes. When all runs are done, writes DIR/sweep.csv and DIR/sweep.html.\n"
      "See docs/sweeps.md for the sweep file.\n\noptions");
  options.add_options()
      ("help,h", "explain the options and exit")
      ("sweep", po::value<std::string>(), "the sweep file")
      ("out", po::value<std::string>(),
       "the sweep's folder (default: the file's out, else results/sweeps/<name>); it must be new, empty or an "
       "earlier sweep's folder")
      ("jobs,j", po::value<std::size_t>(), "runs at a time (default: the number of cores)")
      ("set", po::value<std::vector<std::string>>()->composing(),
       "override a scenario key in every run, after the file's [set] (repeatable)")
      ("emit-jobs", "print one 'provsim run' command per pending run (for GNU parallel) and run nothing")
      ("slurm", "print a Slurm job-array script (each task runs one slice of the runs) and run nothing")
      ("tasks", po::value<std::size_t>(), "Slurm array size (default: one task per grid point)")
      ("slice", po::value<std::string>(), "run only slice K of T of the runs (K/T, 0-based); no collect")
      ("dry-run", "list the pending runs and run nothing")
      ("quiet,q", "print only failures and the final lines");
  const Parsed p = parse(args, options, "sweep", 1);
  if (p.vm.count("help")) {
    std::cout << options << "\nSimGrid options (--cfg=..., --log=...) are passed to every run.\n";
    return 0;
  }
  if (!p.vm.count("sweep")) throw UsageError("a sweep file is required");
  if (p.vm.count("emit-jobs") + p.vm.count("slurm") + p.vm.count("dry-run") > 1)
    throw UsageError("choose one of --emit-jobs, --slurm and --dry-run");
  const fs::path file = fs::absolute(p.vm["sweep"].as<std::string>());

  sweep::SweepSpec spec;
  try {
    spec = sweep::load_sweep(file);
  } catch (const sweep::SweepError& e) {
    throw sim::InputError(e.file(), e.line(), e.field(), e.problem());
  }
  std::vector<std::string> cli_set;
  if (p.vm.count("set")) cli_set = p.vm["set"].as<std::vector<std::string>>();
  spec.fixed.insert(spec.fixed.end(), cli_set.begin(), cli_set.end());
  const fs::path out = reports::claim_output_folder(
      p.vm.count("out")   ? fs::path(p.vm["out"].as<std::string>())
      : !spec.out.empty() ? spec.out
                          : fs::path("results") / "sweeps" / spec.name,
      output_rules(reports::FolderKind::sweep, {scenario_folder(spec.scenario.string())}, false));
  const bool quiet = p.vm.count("quiet") > 0;

  sweep::Plan plan = plan_sweep(spec);
  reports::open_output_folder(out, reports::FolderKind::sweep);
  sweep::write_plan(plan, out);

  std::vector<std::size_t> selected;
  bool sliced = false;
  if (p.vm.count("slice")) {
    const auto [k, t] = parse_slice(p.vm["slice"].as<std::string>());
    selected = sweep::slice(plan.runs.size(), k, t);
    sliced = true;
  } else {
    for (std::size_t i = 0; i < plan.runs.size(); ++i) selected.push_back(i);
  }
  std::vector<std::size_t> pending;
  for (std::size_t i : selected)
    if (!sweep::run_complete(sweep::run_dir(out, plan.runs[i]), plan.runs[i].hash, plan.runs[i].seed)) pending.push_back(i);
  const std::size_t done = selected.size() - pending.size();

  if (p.vm.count("slurm")) {
    std::vector<std::string> extra;
    for (const auto& s : cli_set) extra.insert(extra.end(), {"--set", s});
    extra.insert(extra.end(), p.simgrid_args.begin(), p.simgrid_args.end());
    std::size_t tasks = p.vm.count("tasks") ? p.vm["tasks"].as<std::size_t>() : plan.points.size();
    tasks = std::max<std::size_t>(1, std::min(tasks, plan.runs.size()));
    std::cout << sweep::slurm_script(plan, {self_path(), file, out, tasks, extra});
    std::cerr << "sweep " << plan.name << ": " << plan.runs.size() << " runs in " << tasks << " array tasks ("
              << done << " done already); submit with sbatch, then: provsim sweep collect " << out.string() << "\n";
    return 0;
  }
  if (p.vm.count("emit-jobs")) {
    const fs::path exe = self_path();
    for (std::size_t i : pending)
      std::cout << sweep::command_line(exe, sweep::run_arguments(plan, plan.runs[i], out, p.simgrid_args)) << "\n";
    std::cerr << "sweep " << plan.name << ": " << pending.size() << " jobs (" << done
              << " runs done already); when they have run: provsim sweep collect " << out.string() << "\n";
    return 0;
  }
  if (p.vm.count("dry-run")) {
    for (std::size_t i : pending) std::cout << plan.runs[i].name << "\n";
    std::cerr << "sweep " << plan.name << ": " << pending.size() << " to run, " << done << " done\n";
    return 0;
  }

  std::size_t jobs = p.vm.count("jobs") ? p.vm["jobs"].as<std::size_t>() : std::thread::hardware_concurrency();
  jobs = std::max<std::size_t>(jobs, 1);
  std::cout << "sweep " << plan.name << ": " << selected.size() << " runs (" << plan.points.size() << " grid points x "
            << plan.replications << " replications" << (sliced ? ", this slice" : "") << "), " << done
            << " done already, " << pending.size() << " to run on " << jobs << " workers\n";
  std::cout.flush();
  const std::size_t failed = run_locally(plan, pending, out, jobs, p.simgrid_args, quiet);
  if (failed) {
    std::cout << "sweep: " << failed << " of " << pending.size() << " runs failed; run the sweep again to retry them\n";
    return 1;
  }
  if (sliced) return 0;
  return collect_into(plan, out);
}

}  // namespace provsim::cli
