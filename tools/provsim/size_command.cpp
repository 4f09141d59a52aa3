// `provsim size`: the smallest (or largest) value of one scenario key that
// meets every target with a stated confidence. The search itself is
// sweep/size_search.hpp; this file reads the command line, checks every
// input before anything runs, and runs the candidates the search asks for
// through the sweep machinery: the folder is a sweep folder whose plan
// (sweep.json) grows by one candidate's replications at a time, so its runs
// are local child processes (--jobs), GNU parallel job lines (--emit-jobs,
// each `provsim sweep resume OUT --run NAME`), and an interrupted or repeated
// search reuses every finished run.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <iterator>
#include <optional>
#include <thread>

#include "model/core/printable.hpp"
#include "reports/results_reader.hpp"
#include "sim/results_builder.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario.hpp"
#include "sweep/control_characters.hpp"
#include "sweep/job_script.hpp"
#include "sweep/plan.hpp"
#include "sweep/replication_seed.hpp"
#include "sweep/run_status.hpp"
#include "sweep/size_report.hpp"
#include "sweep/size_search.hpp"
#include "sweep/sweep_spec.hpp"
#include "sweep/value_list.hpp"
#include "tools/provsim/commands.hpp"
#include "tools/provsim/options.hpp"
#include "tools/provsim/output_rules.hpp"
#include "tools/provsim/run_one.hpp"
#include "tools/provsim/sweep_parts.hpp"
#include "tools/provsim/sweep_runner.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace provsim::cli {

namespace {

constexpr const char* kPlanName = "size";

struct SizeOptions {
  std::string scenario_arg;
  sweep::SizeRequest request;
  std::optional<std::string> seed;
  std::string out;
  bool emit_jobs = false;
  bool quiet = false;
  RunnerOptions runner;
  // --slurm: each batch of runs is a Slurm job array, and a job after it
  // carries the search on (search_arguments()).
  bool slurm = false;
  bool submit = false;
  bool continued = false;  // this is that job
  sweep::SlurmSite site;
  // The options as given, for that job's command line.
  std::string range_text;
  std::vector<std::string> target_texts;
  bool tolerance_given = false;
};

// "LO:HI" as two plain decimals with LO <= HI.
std::pair<std::string, std::string> parse_range(const std::string& text) {
  const auto colon = text.find(':');
  const auto fail = [&](const std::string& why) { return sim::InputError("--range", 0, "", why + ", got '" + sweep::printable(text) + "'"); };
  if (colon == std::string::npos || text.find(':', colon + 1) != std::string::npos) throw fail("expected LO:HI");
  const std::string lo = text.substr(0, colon), hi = text.substr(colon + 1);
  const auto a = sweep::parse_decimal(lo), b = sweep::parse_decimal(hi);
  if (!a || !b) throw fail("LO and HI must be plain numbers");
  const int places = std::max(a->decimals, b->decimals);
  if (sweep::scaled(*a, places) > sweep::scaled(*b, places)) throw fail("the range is empty (LO is above HI)");
  return {lo, hi};
}

SizeOptions size_options(const Parsed& p) {
  const auto& vm = p.vm;
  SizeOptions o;
  if (!vm.count("scenario")) throw UsageError("a scenario folder is required");
  if (!vm.count("key")) throw UsageError("--key is required: the scenario key to size");
  if (!vm.count("range")) throw UsageError("--range LO:HI is required");
  if (!vm.count("target")) throw UsageError("at least one --target 'METRIC OP VALUE' is required");
  if (vm.count("smallest") && vm.count("largest")) throw UsageError("choose one of --smallest and --largest");
  o.scenario_arg = vm["scenario"].as<std::string>();
  auto& r = o.request;
  r.key = vm["key"].as<std::string>();
  refuse_control("--key", r.key);
  o.range_text = vm["range"].as<std::string>();
  std::tie(r.low, r.high) = parse_range(o.range_text);
  r.largest = vm.count("largest") > 0;
  o.tolerance_given = vm.count("tolerance") > 0;
  if (o.tolerance_given) {
    r.step = vm["tolerance"].as<std::string>();
    const auto t = sweep::parse_decimal(r.step);
    if (!t || t->negative || sweep::scaled(*t, t->decimals) == 0)
      throw sim::InputError("--tolerance", 0, "", "expected a plain number above 0, got '" + sweep::printable(r.step) + "'");
  } else {
    if (sweep::parse_decimal(r.low)->decimals > 0 || sweep::parse_decimal(r.high)->decimals > 0)
      throw sim::InputError("--range", 0, "", "a range of real values needs --tolerance (the step to narrow the answer to)");
    r.step = "1";
  }
  o.target_texts = vm["target"].as<std::vector<std::string>>();
  for (const auto& text : o.target_texts) {
    refuse_control("--target", text);
    try {
      r.settings.targets.push_back(sweep::parse_size_target(text));
    } catch (const std::invalid_argument& e) {
      throw sim::InputError("--target", 0, "", sweep::printable(e.what()));
    }
  }
  r.settings.confidence = vm["confidence"].as<double>();
  if (!(r.settings.confidence >= 0.5 && r.settings.confidence < 1))
    throw sim::InputError("--confidence", 0, "", "expected a level from 0.5 up to (not including) 1, e.g. 0.95");
  r.settings.max_replications = vm["max-replications"].as<std::size_t>();
  if (r.settings.max_replications < sweep::kInitialReplications || r.settings.max_replications > sweep::kMaxReplications)
    throw sim::InputError("--max-replications", 0, "", "expected " + std::to_string(sweep::kInitialReplications) +
                                                          " to " + std::to_string(sweep::kMaxReplications));
  if (vm.count("set")) r.set = vm["set"].as<std::vector<std::string>>();
  for (const auto& s : r.set) {
    refuse_control("--set", s);
    if (s.substr(0, s.find('=')) == r.key) throw sim::InputError("--set", 0, r.key, "is the key being sized (--key)");
  }
  if (vm.count("seed")) o.seed = vm["seed"].as<std::string>();
  if (vm.count("out")) o.out = vm["out"].as<std::string>();
  refuse_control("--out", o.out);
  o.emit_jobs = vm.count("emit-jobs") > 0;
  o.slurm = vm.count("slurm") > 0;
  o.submit = vm.count("submit") > 0;
  o.continued = vm.count("slurm-continue") > 0;
  if (o.emit_jobs && o.slurm) throw UsageError("choose one of --emit-jobs and --slurm");
  if (o.submit && !o.slurm) throw UsageError("--submit goes with --slurm");
  if (o.continued && !o.submit) throw UsageError("--slurm-continue goes with --slurm --submit");
  o.site = site_from(vm);
  o.quiet = vm.count("quiet") > 0;
  o.runner.quiet = true;  // the search prints one line per candidate instead
  o.runner.retries = vm["retries"].as<std::size_t>();
  o.runner.jobs = vm.count("jobs") ? vm["jobs"].as<std::size_t>() : std::thread::hardware_concurrency();
  o.runner.jobs = std::max<std::size_t>(o.runner.jobs, 1);
  o.runner.simgrid_args = p.simgrid_args;
  for (const auto& a : p.simgrid_args) refuse_control("a SimGrid option", a);
  return o;
}

// The scenario with the common overrides, the key at `value` and a seed.
std::unique_ptr<sim::Scenario> load_at(const SizeOptions& o, const std::string& value,
                                       std::optional<std::uint64_t> seed = std::nullopt) {
  std::vector<std::string> overrides = o.request.set;
  if (o.seed) overrides.push_back("run.seed=" + *o.seed);
  overrides.push_back(o.request.key + "=" + value);
  if (seed) overrides.push_back("run.seed=" + std::to_string(*seed));
  try {
    return sim::load_scenario(o.request.scenario, {overrides});
  } catch (const sim::InputError& e) {
    // A problem with the sized key is the --key or --range's, not a --set's.
    if (e.file() != "--set" || e.field() != o.request.key) throw;
    const std::string text = e.what(), prefix = "--set: " + o.request.key + ": ";
    const std::string why = text.rfind(prefix, 0) == 0 ? text.substr(prefix.size()) : text;
    throw sim::InputError(why.rfind("unknown key", 0) == 0 ? "--key" : "--range", 0, o.request.key,
                          why + " (at " + value + ")");
  }
}

// Every input checked before anything runs: the key and the range's values
// (both ends and the first step), the --set and SimGrid options through the
// run's set-up, and every target's metric against what the run reports.
std::uint64_t check_inputs(const SizeOptions& o, const sweep::KeyGrid& grid) {
  const auto base = load_at(o, grid.value(0));
  load_at(o, grid.value(grid.size() - 1));
  if (grid.size() > 2) load_at(o, grid.value(1));
  RunOptions run;
  run.simgrid_args = o.runner.simgrid_args;
  const std::vector<std::string> known = check_run_setup(*base, run);
  for (const auto& t : o.request.settings.targets) {
    bool found = false;
    for (const auto& pattern : known) found = found || sim::metric_matches(pattern, t.metric);
    if (!found)
      throw sim::InputError("--target", 0, t.metric,
                            "unknown metric (this scenario's runs do not report it; summary.json lists the names)");
  }
  return base->seed;
}

// The folder's plan: the earlier search's, if the folder holds one for the
// same scenario and key, with this search's overrides and seed.
sweep::Plan open_plan(const SizeOptions& o, const fs::path& out) {
  sweep::Plan plan;
  if (fs::exists(out / "sweep.json")) {
    try {
      plan = sweep::read_plan(out);
    } catch (const std::invalid_argument& e) {
      throw sim::InputError((out / "sweep.json").string(), 0, "", e.what());
    }
    if (plan.name != kPlanName || plan.scenario != o.request.scenario || plan.axes.size() != 1 ||
        plan.axes[0].key != o.request.key)
      throw sim::InputError(printable(out.string()), 0, "",
                            "holds a sweep, or a search of another scenario or key: choose another --out");
  } else {
    plan.name = kPlanName;
    plan.scenario = o.request.scenario;
    plan.axes = {sweep::Axis{o.request.key, {}}};
  }
  plan.base_seed = o.request.base_seed;
  plan.replications = o.request.settings.max_replications;
  plan.fixed = o.request.set;
  plan.x = o.request.key;
  plan.plot.clear();
  for (const auto& t : o.request.settings.targets) plan.plot.push_back(t.metric);
  return plan;
}

// The plan grows as the search asks; the runs of each candidate are read
// from the folder once they are complete.
class Candidates {
 public:
  Candidates(const SizeOptions& o, sweep::Plan& plan, const fs::path& out) : o_(o), plan_(plan), out_(out) {}

  // The runs of replications 0..n-1 of `value` (planned now if new).
  std::vector<std::size_t> runs_of(const std::string& value, std::size_t n) {
    const std::size_t point = point_of(value);
    if (point == plan_.points.size()) {
      plan_.axes[0].values.push_back(value);
      plan_.points.push_back(sweep::GridPoint{{value}, sweep::point_name(plan_.axes, {value})});
    }
    std::vector<std::size_t> runs;
    for (std::size_t r = 0; r < n; ++r) {
      std::size_t i = find_run(point, r);
      if (i == plan_.runs.size())
        plan_.runs.push_back(sweep::PlannedRun{point, r, 0, plan_.points[point].name + ",rep=" + std::to_string(r), ""});
      runs.push_back(prepared(i));
    }
    return runs;
  }

  bool complete(std::size_t run) const {
    const auto& r = plan_.runs[run];
    return sweep::run_complete(sweep::run_dir(out_, r), r.hash, r.seed);
  }

  // What the complete runs of `value` measured, replications 0, 1, ... up to the first missing.
  const sweep::Observed* observed(const std::string& value) {
    if (const auto it = observed_.find(value); it != observed_.end()) return &it->second;
    const std::size_t point = point_of(value);
    if (point == plan_.points.size()) return nullptr;
    sweep::Observed o;
    for (std::size_t r = 0; r < sweep::kMaxReplications; ++r) {
      const std::size_t i = find_run(point, r);
      if (i == plan_.runs.size() || !complete(prepared(i))) break;
      const reports::Results results = reports::read_summary(sweep::run_dir(out_, plan_.runs[i]));
      std::vector<double> row;
      for (const auto& t : o_.request.settings.targets) row.push_back(metric_value(results, t.metric));
      o.replications.push_back(std::move(row));
    }
    return &(observed_[value] = std::move(o));
  }

  void forget(const std::string& value) { observed_.erase(value); }

 private:
  std::size_t find_run(std::size_t point, std::size_t replication) const {
    std::size_t i = 0;
    while (i < plan_.runs.size() && !(plan_.runs[i].point == point && plan_.runs[i].replication == replication)) ++i;
    return i;
  }

  // The run with this search's seed and scenario hash, even if an earlier
  // search planned it with others (another --set or --seed): it is then
  // not complete, and is run again.
  std::size_t prepared(std::size_t run) {
    auto& r = plan_.runs[run];
    r.seed = sweep::replication_seed(plan_.base_seed, r.replication);
    r.hash = hash_of(plan_.points[r.point].values[0], r.seed);
    return run;
  }

  std::size_t point_of(const std::string& value) const {
    std::size_t p = 0;
    while (p < plan_.points.size() && plan_.points[p].values[0] != value) ++p;
    return p;
  }

  const std::string& hash_of(const std::string& value, std::uint64_t seed) {
    const std::string id = value + "\n" + std::to_string(seed);
    auto it = hashes_.find(id);
    if (it == hashes_.end()) it = hashes_.emplace(id, load_at(o_, value, seed)->hash).first;
    return it->second;
  }

  // A number (integer, double or money text); NaN if the run has none.
  static double metric_value(const reports::Results& r, const std::string& metric) {
    const auto it = r.metrics.find(metric);
    if (it == r.metrics.end()) return NAN;
    if (const auto* i = std::get_if<std::int64_t>(&it->second)) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&it->second)) return *d;
    if (const auto* s = std::get_if<std::string>(&it->second))
      if (sweep::parse_decimal(*s)) return std::stod(*s);
    return NAN;
  }

  const SizeOptions& o_;
  sweep::Plan& plan_;
  fs::path out_;
  std::map<std::string, sweep::Observed> observed_;
  std::map<std::string, std::string> hashes_;
};

void print_candidate(const sweep::SizeRequest& r, const sweep::CandidateReport& c) {
  std::cout << r.key << " = " << c.value << ": " << sweep::verdict_name(c.verdict) << " after " << c.replications
            << " replications";
  for (std::size_t t = 0; t < c.targets.size(); ++t) {
    const auto& i = c.targets[t];
    std::cout << (t ? "; " : " (") << r.settings.targets[t].metric << " " << i.mean << " [" << i.low << ", " << i.high
              << "] " << sweep::verdict_name(i.verdict);
  }
  std::cout << ")\n";
}

int finish(const SizeOptions& o, const sweep::SizeOutcome& outcome, const fs::path& out, std::ostream& where) {
  sweep::write_size_outputs(o.request, outcome, out);
  where << "answer: " << sweep::answer_text(o.request, outcome) << "\n";
  for (const auto& n : sweep::answer_notes(o.request, outcome)) where << "note: " << n << "\n";
  where << "table: " << (out / "size.csv").string() << "\nchart: " << (out / "size.html").string() << "\n";
  return outcome.answer ? 0 : 1;
}

// The command line of the job that carries a --slurm search on: this
// search's options with absolute paths, so it runs the same from any folder.
std::vector<std::string> search_arguments(const SizeOptions& o, const fs::path& out) {
  const auto& r = o.request;
  std::vector<std::string> a = {"size", r.scenario.string(), "--key", r.key, "--range", o.range_text};
  for (const auto& t : o.target_texts) a.insert(a.end(), {"--target", t});
  char confidence[32];
  const auto end = std::to_chars(confidence, confidence + sizeof confidence, r.settings.confidence).ptr;
  a.insert(a.end(), {"--confidence", std::string(confidence, end)});
  if (r.largest) a.push_back("--largest");
  if (o.tolerance_given) a.insert(a.end(), {"--tolerance", r.step});
  a.insert(a.end(), {"--max-replications", std::to_string(r.settings.max_replications)});
  for (const auto& s : r.set) a.insert(a.end(), {"--set", s});
  if (o.seed) a.insert(a.end(), {"--seed", *o.seed});
  a.insert(a.end(), {"--out", out.string(), "--retries", std::to_string(o.runner.retries)});
  const auto site = site_arguments(o.site);
  a.insert(a.end(), site.begin(), site.end());
  a.insert(a.end(), {"--slurm", "--submit", "--slurm-continue"});
  a.insert(a.end(), o.runner.simgrid_args.begin(), o.runner.simgrid_args.end());
  return a;
}

// One batch on Slurm. The job that carries the search on finds the same runs
// still pending only if the batch it followed did not complete them: it then
// stops instead of submitting them forever.
int slurm_batch(const SizeOptions& o, const sweep::Plan& plan, const fs::path& out,
                const std::vector<std::size_t>& pending) {
  if (o.continued) {
    std::vector<std::string> names;
    for (std::size_t i : pending) names.push_back(plan.runs[i].name);
    std::vector<std::string> last = last_search_batch(out);
    std::sort(names.begin(), names.end());
    std::sort(last.begin(), last.end());
    std::vector<std::string> again;
    std::set_intersection(names.begin(), names.end(), last.begin(), last.end(), std::back_inserter(again));
    if (!again.empty()) {
      std::cout << "size: " << again.size() << " runs of the last batch did not complete (" << again.front()
                << (again.size() > 1 ? ", ..." : "") << "); the search stops here. "
                << sweep::command_line(self_path(), {"sweep", "status", out.string()})
                << " shows them; the same size command again submits them anew\n";
      return 1;
    }
  }
  const sweep::SlurmOptions options{self_path(), out, plan.runs.size(), o.runner.retries, o.runner.simgrid_args, o.site};
  return slurm_search_batch(plan, options, pending, search_arguments(o, out), o.submit);
}

int search_loop(const SizeOptions& o, const sweep::KeyGrid& grid, sweep::Plan& plan, const fs::path& out,
                const std::vector<std::string>& args) {
  Candidates candidates(o, plan, out);
  std::size_t printed = 0;
  while (true) {
    const sweep::SizeOutcome outcome = sweep::search(grid, o.request.settings, [&](std::uint64_t p) {
      return candidates.observed(grid.value(p));
    });
    const bool script_on_stdout = o.emit_jobs || (o.slurm && !o.submit);
    if (!o.quiet && !script_on_stdout)
      for (; printed < outcome.tried.size(); ++printed) print_candidate(o.request, outcome.tried[printed]);
    if (outcome.finished) return finish(o, outcome, out, script_on_stdout ? std::cerr : std::cout);

    const std::string value = grid.value(outcome.next_position);
    const std::vector<std::size_t> runs = candidates.runs_of(value, outcome.next_replications);
    sweep::write_plan(plan, out);
    std::vector<std::size_t> pending;
    for (std::size_t i : runs)
      if (!candidates.complete(i)) pending.push_back(i);
    if (pending.empty()) throw std::logic_error("the search asked for runs that are complete already");
    if (o.slurm) {
      sweep::write_size_outputs(o.request, outcome, out);
      return slurm_batch(o, plan, out, pending);
    }
    if (o.emit_jobs) {
      sweep::write_size_outputs(o.request, outcome, out);
      const fs::path exe = self_path();
      for (std::size_t i : pending) std::cout << sweep::job_line(exe, out, plan.runs[i], o.runner.simgrid_args) << "\n";
      std::vector<std::string> again = {"size"};
      again.insert(again.end(), args.begin(), args.end());
      std::cerr << "size: " << pending.size() << " jobs for " << o.request.key << " = " << value << " (up to "
                << outcome.next_replications << " replications); when they have run, this command again gives the "
                << "next batch or the answer: " << sweep::command_line(exe, again) << "\n";
      return 0;
    }
    if (!o.quiet)
      std::cout << "running " << o.request.key << " = " << value << ": " << pending.size() << " runs (replications up to "
                << outcome.next_replications << ") on " << std::min(o.runner.jobs, pending.size()) << " workers\n";
    std::cout.flush();
    const std::size_t failed = run_pending(plan, pending, out, o.runner);
    if (failed) {
      std::cout << "size: " << failed << " of " << pending.size() << " runs failed; "
                << sweep::command_line(self_path(), {"sweep", "status", out.string()})
                << " shows them, running the search again retries them\n";
      return 1;
    }
    candidates.forget(value);
  }
}

}  // namespace

int size_command(const std::vector<std::string>& args) {
  po::options_description options(
      "usage: provsim size SCENARIO_DIR --key KEY --range LO:HI --target 'METRIC OP VALUE' [options]\n\n"
      "Finds the smallest (or, with --largest, the largest) value of one scenario\n"
      "key for which every target holds with the stated confidence, e.g. the agents\n"
      "a call centre needs for its waits, or the subscribers a pool of addresses\n"
      "can carry within a blocking target.\n\n"
      "Each candidate value is run with replications (derived seeds, as sweeps do),\n"
      "3 at first and more in steps, until the Student-t interval of every target's\n"
      "metric lies wholly on one side of the target, or --max-replications is\n"
      "reached: the candidate is then undecided and counted as failing, so the\n"
      "answer errs on the safe side (the output says so). The search brackets the\n"
      "answer with doubling steps from the end of the range where the targets fail,\n"
      "then bisects to one step: 1 for an integer key, --tolerance for a real one.\n"
      "It assumes the targets, once met, stay met further along the range.\n\n"
      "The folder (--out) is a sweep folder: runs in runs/, logs in logs/, the plan\n"
      "in sweep.json; the answer in size.json, size.csv (one row per candidate and\n"
      "target) and size.html (a chart per target). Running the same command again\n"
      "reuses every finished run. With --emit-jobs it prints the next batch of runs\n"
      "as GNU parallel job lines instead; run them, then the command again. With\n"
      "--slurm it writes the batch as a Slurm job array and a job that carries the\n"
      "search on after it; with --submit as well, it submits both, and the search\n"
      "then runs on the cluster by itself to the answer (in size.json and the\n"
      "search job's output, OUT/logs/slurm-search-<job>.out).\n"
      "Exit 0 with an answer, 1 if no value in the range meets the targets (or runs\n"
      "failed), 2 on bad input. See docs/sizing.md.\n\noptions");
  options.add_options()
      ("help,h", "explain the options and exit")
      ("scenario", po::value<std::string>(), "the scenario folder")
      ("key", po::value<std::string>(), "the scenario key to size, e.g. channel.isp_csr.agents")
      ("range", po::value<std::string>(), "LO:HI, the values to search (plain numbers, LO <= HI)")
      ("target", po::value<std::vector<std::string>>()->composing(),
       "'METRIC OP VALUE' with OP one of < <= > >=, a summary metric of the run (repeatable; all must hold)")
      ("confidence", po::value<double>()->default_value(0.95, "0.95"),
       "confidence of each target's two-sided interval")
      ("smallest", "find the smallest value meeting the targets (the default)")
      ("largest", "find the largest value meeting the targets")
      ("tolerance", po::value<std::string>(), "a real key's step: the answer is narrowed to within it")
      ("max-replications", po::value<std::size_t>()->default_value(30), "replications per candidate at most")
      ("set", po::value<std::vector<std::string>>()->composing(), "override a scenario key in every run (repeatable)")
      ("seed", po::value<std::string>(), "base seed of the replications (default: the scenario's run.seed)")
      ("out", po::value<std::string>(), "the search's folder (default results/size/<scenario name>)")
      ("jobs,j", po::value<std::size_t>(), "runs at a time (default: the number of cores)")
      ("retries", po::value<std::size_t>()->default_value(0), "run a failed run again up to N times")
      ("emit-jobs", "print the next batch of runs as GNU parallel job lines and run nothing")
      ("quiet,q", "print only the answer");
  po::options_description slurm = slurm_site_options();
  slurm.add_options()
      ("slurm", "write the next batch of runs as a Slurm job array, and the job that carries the search on after "
                "it, into the folder; print the array script and run nothing")
      ("submit", "with --slurm: submit both with sbatch; the search then goes on by itself on the cluster")
      ("slurm-continue", "set by the job that carries a --slurm search on (not for use by hand): stop if its "
                         "batch's runs did not complete");
  options.add(slurm);
  const Parsed p = parse(args, options, "scenario", 1);
  if (p.vm.count("help")) {
    std::cout << options << "\nSimGrid options (--cfg=..., --log=...) are passed to every run.\n";
    return 0;
  }
  SizeOptions o = size_options(p);
  refuse_control("the scenario folder", o.scenario_arg);
  const fs::path dir = scenario_folder(o.scenario_arg);
  o.request.scenario = dir;
  const fs::path given = o.out.empty() ? fs::path("results") / "size" / dir.filename() : fs::path(o.out);
  const fs::path out = sweep_folder(
      reports::claim_output_folder(given, output_rules(reports::FolderKind::sweep, {dir}, false)));
  refuse_control("the search's folder", out.string());
  refuse_control("the provsim binary's path", self_path().string());

  std::optional<sweep::KeyGrid> grid;
  try {
    grid.emplace(o.request.largest ? o.request.high : o.request.low, o.request.largest ? o.request.low : o.request.high,
                 o.request.step);
  } catch (const std::invalid_argument& e) {
    throw sim::InputError(o.request.step == "1" ? "--range" : "--tolerance", 0, "", e.what());
  }
  o.request.base_seed = check_inputs(o, *grid);
  sweep::Plan plan = open_plan(o, out);
  reports::open_output_folder(out, reports::FolderKind::sweep);
  return search_loop(o, *grid, plan, out, args);
}

}  // namespace provsim::cli
