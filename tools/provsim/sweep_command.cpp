#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_variants.hpp"
#include "sweep/collect.hpp"
#include "sweep/control_characters.hpp"
#include "sweep/job_script.hpp"
#include "sweep/plan.hpp"
#include "sweep/plan_sweep.hpp"
#include "sweep/run_status.hpp"
#include "sweep/sweep_error.hpp"
#include "sweep/sweep_spec.hpp"
#include "tools/provsim/commands.hpp"
#include "tools/provsim/options.hpp"
#include "tools/provsim/output_rules.hpp"
#include "tools/provsim/sweep_parts.hpp"
#include "tools/provsim/sweep_runner.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace provsim::cli {

fs::path self_path() { return fs::read_symlink("/proc/self/exe"); }

fs::path sweep_folder(const fs::path& given) {
  fs::path p = fs::weakly_canonical(fs::absolute(given));
  if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
  return p;
}

namespace {

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
  throw UsageError("--slice wants K/T with 0 <= K < T, got '" + sweep::printable(text) + "'");
}


sweep::Plan read_plan_or_fail(const fs::path& out) {
  try {
    return sweep::read_plan(out);
  } catch (const std::invalid_argument& e) {
    throw sim::InputError((out / "sweep.json").string(), 0, "", e.what());
  }
}

// An earlier sweep's folder that collect and resume add files to: it must be
// a provsim sweep folder. They only add, so `cd DIR && provsim sweep collect .`
// is fine: no working-folder rule here.
fs::path existing_sweep_folder(const std::string& given) {
  reports::OutputRules rules = output_rules(reports::FolderKind::sweep, {}, false);
  rules.cwd.clear();
  return sweep_folder(reports::claim_results_folder(given, rules));
}

int collect_into(const sweep::Plan& plan, const fs::path& out) {
  const sweep::Collected c = sweep::collect(plan, out);
  sweep::write_collected(plan, c, out);
  std::cout << "collected " << c.runs_found << " of " << plan.runs.size() << " runs over " << plan.points.size()
            << " grid points, " << c.metrics.size() << " metrics\n"
            << "table: " << (fs::absolute(out) / "sweep.csv").string() << "\n"
            << "charts: " << (fs::absolute(out) / "sweep.html").string() << "\n";
  if (!c.missing.empty()) {
    std::cout << c.missing.size() << " runs missing, e.g. " << c.missing.front() << "; see "
              << sweep::command_line(self_path(), {"sweep", "status", fs::absolute(out).string()}) << "\n";
    return 1;
  }
  return 0;
}

// What to do with a plan's runs, from the options common to `sweep FILE`
// and `sweep resume OUT`.
struct Execution {
  std::optional<std::pair<std::size_t, std::size_t>> slice;
  std::optional<std::string> run;  // one run by name (a GNU parallel job line)
  bool emit_jobs = false;
  bool dry_run = false;
  RunnerOptions runner;
};

void add_execution_options(po::options_description& options) {
  options.add_options()
      ("jobs,j", po::value<std::size_t>(), "runs at a time (default: the number of cores)")
      ("retries", po::value<std::size_t>()->default_value(0), "run a failed run again up to N times")
      ("emit-jobs", "print one command per pending run (for GNU parallel) and run nothing")
      ("slice", po::value<std::string>(), "run only slice K of T of the runs (K/T, 0-based); no collect")
      ("dry-run", "list the pending runs and run nothing")
      ("quiet,q", "print only failures and the final lines");
}

Execution execution_from(const Parsed& p) {
  Execution e;
  const auto& vm = p.vm;
  if (vm.count("slice")) e.slice = parse_slice(vm["slice"].as<std::string>());
  if (vm.count("run")) e.run = vm["run"].as<std::string>();
  e.emit_jobs = vm.count("emit-jobs") > 0;
  e.dry_run = vm.count("dry-run") > 0;
  e.runner.quiet = vm.count("quiet") > 0;
  e.runner.retries = vm["retries"].as<std::size_t>();
  e.runner.jobs = vm.count("jobs") ? vm["jobs"].as<std::size_t>() : std::thread::hardware_concurrency();
  e.runner.jobs = std::max<std::size_t>(e.runner.jobs, 1);
  e.runner.simgrid_args = p.simgrid_args;
  for (const auto& a : p.simgrid_args) refuse_control("a SimGrid option", a);
  return e;
}

// Runs (or lists, or emits) the selected runs that are not done yet; with
// every run selected and done, collects.
int execute(const sweep::Plan& plan, const fs::path& out, const Execution& e) {
  std::vector<std::size_t> selected;
  if (e.slice) {
    selected = sweep::slice(plan.runs.size(), e.slice->first, e.slice->second);
  } else if (e.run) {
    for (std::size_t i = 0; i < plan.runs.size(); ++i)
      if (plan.runs[i].name == *e.run) selected.push_back(i);
    if (selected.empty()) throw UsageError("no run named '" + sweep::printable(*e.run) + "' in " + (out / "sweep.json").string());
  } else {
    for (std::size_t i = 0; i < plan.runs.size(); ++i) selected.push_back(i);
  }
  std::vector<std::size_t> pending;
  for (std::size_t i : selected)
    if (!sweep::run_complete(sweep::run_dir(out, plan.runs[i]), plan.runs[i].hash, plan.runs[i].seed)) pending.push_back(i);
  const std::size_t done = selected.size() - pending.size();
  const bool partial = e.slice || e.run;

  if (e.emit_jobs) {
    const fs::path exe = self_path();
    for (std::size_t i : pending) std::cout << sweep::job_line(exe, out, plan.runs[i], e.runner.simgrid_args) << "\n";
    std::cerr << "sweep " << plan.name << ": " << pending.size() << " jobs (" << done
              << " runs done already); when they have run: "
              << sweep::command_line(exe, {"sweep", "collect", out.string()}) << "\n";
    return 0;
  }
  if (e.dry_run) {
    for (std::size_t i : pending) std::cout << plan.runs[i].name << "\n";
    std::cerr << "sweep " << plan.name << ": " << pending.size() << " to run, " << done << " done\n";
    return 0;
  }
  if (!e.run || !e.runner.quiet)
    std::cout << "sweep " << plan.name << ": " << selected.size() << " runs (" << plan.points.size()
              << " grid points x " << plan.replications << " replications" << (partial ? ", this part" : "") << "), "
              << done << " done already, " << pending.size() << " to run on " << e.runner.jobs << " workers\n";
  std::cout.flush();
  const std::size_t failed = run_pending(plan, pending, out, e.runner);
  if (failed) {
    std::cout << "sweep: " << failed << " of " << pending.size() << " runs failed; "
              << sweep::command_line(self_path(), {"sweep", "status", out.string()})
              << " shows them, running the sweep again retries them\n";
    return 1;
  }
  if (partial) return 0;
  return collect_into(plan, out);
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
  const fs::path out = existing_sweep_folder(p.vm["dir"].as<std::string>());
  return collect_into(read_plan_or_fail(out), out);
}

int resume_command(const std::vector<std::string>& args) {
  po::options_description options(
      "usage: provsim sweep resume DIR [options]\n\n"
      "Runs what is not done of the sweep planned in DIR/sweep.json, without\n"
      "the sweep file: what Slurm tasks and GNU parallel job lines run, and\n"
      "how to finish an interrupted sweep. With every run selected and done,\n"
      "collects.\n\noptions");
  options.add_options()
      ("help,h", "explain the options and exit")
      ("dir", po::value<std::string>(), "the sweep's folder")
      ("run", po::value<std::string>(), "run only the run of this name");
  add_execution_options(options);
  const Parsed p = parse(args, options, "dir", 1);
  if (p.vm.count("help")) {
    std::cout << options << "\nSimGrid options (--cfg=..., --log=...) are passed to every run.\n";
    return 0;
  }
  if (!p.vm.count("dir")) throw UsageError("the sweep's folder is required");
  if (p.vm.count("emit-jobs") + p.vm.count("dry-run") > 1) throw UsageError("choose one of --emit-jobs and --dry-run");
  if (p.vm.count("run") && p.vm.count("slice")) throw UsageError("choose one of --run and --slice");
  refuse_control("the sweep's folder", p.vm["dir"].as<std::string>());
  const fs::path out = existing_sweep_folder(p.vm["dir"].as<std::string>());
  const Execution e = execution_from(p);
  return execute(read_plan_or_fail(out), out, e);
}

}  // namespace

int sweep_command(const std::vector<std::string>& args) {
  if (!args.empty() && args.front() == "collect") return collect_command({args.begin() + 1, args.end()});
  if (!args.empty() && args.front() == "resume") return resume_command({args.begin() + 1, args.end()});
  if (!args.empty() && args.front() == "status") return sweep_status_command({args.begin() + 1, args.end()});
  po::options_description options(
      "usage: provsim sweep SWEEP.ini [options]\n"
      "       provsim sweep status DIR\n"
      "       provsim sweep resume DIR [options]\n"
      "       provsim sweep collect DIR\n\n"
      "Runs a scenario over a grid of overrides, each grid point several times\n"
      "with derived seeds, every run a child 'provsim run' writing its own\n"
      "results folder DIR/runs/<point>,rep=<r> and its log DIR/logs/<run>.log.\n"
      "The plan is frozen into DIR/sweep.json first: jobs handed to GNU parallel\n"
      "or Slurm read only that. A run whose results exist with the same scenario\n"
      "hash and seed is skipped, so an interrupted sweep resumes. When all runs\n"
      "are done, writes DIR/sweep.csv and DIR/sweep.html.\n"
      "See docs/sweeps.md for the sweep file.\n\noptions");
  options.add_options()
      ("help,h", "explain the options and exit")
      ("sweep", po::value<std::string>(), "the sweep file")
      ("out", po::value<std::string>(),
       "the sweep's folder (default: the file's out, else results/sweeps/<name>); it must be new, empty or an "
       "earlier sweep's folder")
      ("set", po::value<std::vector<std::string>>()->composing(),
       "override a scenario key in every run, after the file's [set] (repeatable)");
  add_execution_options(options);
  po::options_description slurm = slurm_site_options();
  slurm.add_options()
      ("slurm", "write a Slurm job-array script and a collect job into DIR; print the script and run nothing")
      ("submit", "with --slurm: submit the array and the collect job (after the array) with sbatch")
      ("tasks", po::value<std::size_t>(), "array size (default: one task per grid point)");
  options.add(slurm);
  const Parsed p = parse(args, options, "sweep", 1);
  if (p.vm.count("help")) {
    std::cout << options << "\nSimGrid options (--cfg=..., --log=...) are passed to every run.\n";
    return 0;
  }
  if (!p.vm.count("sweep")) throw UsageError("a sweep file is required");
  if (p.vm.count("emit-jobs") + p.vm.count("slurm") + p.vm.count("dry-run") > 1)
    throw UsageError("choose one of --emit-jobs, --slurm and --dry-run");
  if (p.vm.count("submit") && !p.vm.count("slurm")) throw UsageError("--submit goes with --slurm");
  const fs::path file = fs::absolute(p.vm["sweep"].as<std::string>());
  refuse_control("the sweep file's name", file.string());

  std::vector<std::string> cli_set;
  if (p.vm.count("set")) cli_set = p.vm["set"].as<std::vector<std::string>>();
  for (const auto& s : cli_set) refuse_control("--set", s);
  if (p.vm.count("out")) refuse_control("--out", p.vm["out"].as<std::string>());
  if (p.vm.count("tasks") && p.vm["tasks"].as<std::size_t>() == 0)
    throw UsageError("--tasks wants at least 1 array task");
  const Execution e = execution_from(p);
  const sweep::SlurmSite site = site_from(p.vm);

  sweep::SweepSpec spec;
  try {
    spec = sweep::load_sweep(file);
  } catch (const sweep::SweepError& error) {
    throw sim::InputError(error.file(), error.line(), error.field(), error.problem());
  }
  spec.fixed.insert(spec.fixed.end(), cli_set.begin(), cli_set.end());
  const fs::path given = p.vm.count("out")   ? fs::path(p.vm["out"].as<std::string>())
                         : !spec.out.empty() ? spec.out
                                             : fs::path("results") / "sweeps" / spec.name;
  refuse_control("the sweep's folder", given.string());
  const fs::path out = sweep_folder(reports::claim_output_folder(
      given, output_rules(reports::FolderKind::sweep, {scenario_folder(spec.scenario.string())}, false)));
  refuse_control("the sweep's folder", out.string());
  refuse_control("the scenario folder", spec.scenario.string());
  refuse_control("the provsim binary's path", self_path().string());

  sim::ScenarioVariants variants(spec.scenario, spec.fixed);
  const sweep::Plan plan = sweep::plan_sweep(spec, variants);
  reports::open_output_folder(out, reports::FolderKind::sweep);
  sweep::write_plan(plan, out);

  if (p.vm.count("slurm")) {
    const std::size_t tasks = std::min(p.vm.count("tasks") ? p.vm["tasks"].as<std::size_t>() : plan.points.size(),
                                       plan.runs.size());
    return slurm_command(plan, {self_path(), out, tasks, e.runner.retries, e.runner.simgrid_args, site},
                         p.vm.count("submit") > 0);
  }
  return execute(plan, out, e);
}

}  // namespace provsim::cli
