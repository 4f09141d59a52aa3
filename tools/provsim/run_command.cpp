#include <iostream>
#include <memory>

#include "reports/junit.hpp"
#include "sim/scenario/scenario.hpp"
#include "tools/provsim/commands.hpp"
#include "tools/provsim/options.hpp"
#include "tools/provsim/output_rules.hpp"
#include "tools/provsim/run_one.hpp"

namespace po = boost::program_options;

namespace provsim::cli {
namespace {

// What --sut and its companions ask for, checked before anything runs.
struct SutChoice {
  std::string url;  // empty: no system under test
  sut::SutMode mode = sut::SutMode::kShadow;
  double timeout = 5;
  bool mode_given = false, timeout_given = false;  // on the command line, over the scenario's [sut] keys
  std::size_t keep = 100;
  std::string junit;
};

SutChoice sut_choice(const po::variables_map& vm) {
  SutChoice c;
  if (vm.count("sut")) {
    for (const auto& item : vm["sut"].as<std::vector<std::string>>()) {
      const auto eq = item.find('=');
      if (eq == std::string::npos) throw UsageError("--sut takes COMPONENT=URL, not '" + item + "'");
      const std::string component = item.substr(0, eq);
      if (component != "rating")
        throw UsageError("--sut: '" + component + "' cannot be put under test yet: only 'rating'");
      c.url = item.substr(eq + 1);
    }
  }
  const std::string mode = vm["sut-mode"].as<std::string>();
  if (mode != "shadow" && mode != "drive") throw UsageError("--sut-mode takes shadow or drive, not '" + mode + "'");
  c.mode = mode == "drive" ? sut::SutMode::kDrive : sut::SutMode::kShadow;
  c.mode_given = !vm["sut-mode"].defaulted();
  c.timeout = vm["sut-timeout"].as<double>();
  c.timeout_given = !vm["sut-timeout"].defaulted();
  if (!(c.timeout >= 0.001 && c.timeout <= 3600)) throw UsageError("--sut-timeout takes 0.001 to 3600 seconds");
  const long long keep = vm["divergences"].as<long long>();
  if (keep < 0 || keep > 1000000) throw UsageError("--divergences takes 0 to 1000000");
  c.keep = static_cast<std::size_t>(keep);
  if (vm.count("junit")) c.junit = vm["junit"].as<std::string>();
  return c;
}

// The scenario's [sut] keys fill in what the command line left out.
void add_scenario_keys(SutChoice& c, const sim::Config& config) {
  if (c.url.empty()) c.url = config.text("sut.rating");
  if (!c.mode_given) c.mode = config.text("sut.mode") == "drive" ? sut::SutMode::kDrive : sut::SutMode::kShadow;
  if (!c.timeout_given) c.timeout = config.seconds("sut.timeout");
  if (c.url.empty() && (!c.junit.empty() || c.mode_given))
    throw UsageError("--sut-mode and --junit need a system under test (--sut rating=URL or sut.rating)");
}

}  // namespace

int run_command(const std::vector<std::string>& args) {
  po::options_description options(
      "usage: provsim run SCENARIO_DIR [options]\n\n"
      "Runs one scenario and writes a results folder: summary.json, metrics.csv,\n"
      "orders.csv, rated events, invoices, settlement, pool statistics and\n"
      "report.html. The folder appears only when the run has finished.\n\n"
      "Output: provsim writes only to a new folder, an empty folder, or a folder\n"
      "an earlier 'provsim run' wrote (it holds a .provsim-results marker), which\n"
      "it replaces whole once the new results are complete. It refuses, before\n"
      "running, any other folder, a file, a symbolic link, the scenario folder,\n"
      "the working folder or a folder holding either of them.\n\noptions");
  options.add_options()
      ("help,h", "explain the options and exit")
      ("scenario", po::value<std::string>(), "the scenario folder (holds scenario.ini and its CSV tables)")
      ("seed", po::value<std::string>(), "root random seed (overrides run.seed)")
      ("set", po::value<std::vector<std::string>>()->composing(),
       "override a scenario key, e.g. --set ip.policy=borrow (repeatable)")
      ("out", po::value<std::string>(), "results folder (default results/<scenario name>)")
      ("no-clobber", "refuse to replace earlier results too: only a new or empty folder is used")
      ("quiet,q", "no progress line and no summary")
      ("sut", po::value<std::vector<std::string>>()->composing(),
       "put a system under test beside the reference: rating=http://HOST:PORT (docs/harness.md)")
      ("sut-mode", po::value<std::string>()->default_value("shadow"),
       "shadow: the reference drives the run, the system's answers are compared; drive: the system's answers "
       "drive it, the reference judges")
      ("sut-timeout", po::value<double>()->default_value(5.0), "wall-clock seconds to wait for each answer")
      ("divergences", po::value<long long>()->default_value(100), "divergences kept in full in divergences.csv")
      ("junit", po::value<std::string>(), "write the harness verdicts (one testcase per divergence kind) here");
  const Parsed p = parse(args, options, "scenario", 1);
  if (p.vm.count("help")) {
    std::cout << options << "\nSimGrid options (--cfg=name:value, --log=...) are passed to SimGrid.\n";
    return 0;
  }
  if (!p.vm.count("scenario")) throw UsageError("a scenario folder is required");
  SutChoice choice = sut_choice(p.vm);
  // The output is claimed before the scenario is even loaded.
  const std::filesystem::path dir = scenario_folder(p.vm["scenario"].as<std::string>());
  RunOptions run;
  run.rules = output_rules(reports::FolderKind::run, {dir}, p.vm.count("no-clobber") > 0);
  run.out = reports::claim_output_folder(p.vm.count("out") ? std::filesystem::path(p.vm["out"].as<std::string>())
                                                           : std::filesystem::path("results") / dir.filename(),
                                         run.rules);
  const auto loaded = sim::load_scenario(p.vm["scenario"].as<std::string>(), {overrides_from(p.vm)});
  const sim::Scenario& scenario = *loaded;
  run.simgrid_args = p.simgrid_args;
  run.quiet = p.vm.count("quiet") > 0;
  add_scenario_keys(choice, scenario.config);
  check_run_setup(scenario, run);
  std::unique_ptr<sut::RatingHarness> harness;
  if (!choice.url.empty()) {
    sut::HarnessOptions h;
    try {
      h.address = sut::SutAddress::parse(choice.url);
    } catch (const std::invalid_argument& e) {
      throw UsageError(std::string("the rating engine under test: ") + e.what());
    }
    h.mode = choice.mode;
    h.timeout_seconds = choice.timeout;
    h.keep_divergences = choice.keep;
    harness = std::make_unique<sut::RatingHarness>(scenario.catalog, h);
    // An unreachable or refusing system stops the run before it starts.
    std::string problem;
    if (!harness->reset(scenario.name, scenario.seed, problem)) {
      std::cerr << "provsim run: the rating engine under test at " << h.address.url()
                << " cannot start a run: " << problem << "\n";
      return 2;
    }
    run.rating_harness = harness.get();
  }
  const reports::Results results = run_one(scenario, run);
  if (!run.quiet) print_summary(results, run.out);
  if (!harness) return 0;
  const sut::DivergenceLog& log = harness->divergences();
  if (!choice.junit.empty()) {
    reports::SuiteResult suite = log.junit(scenario.name + ".harness.rating", "rating");
    suite.seed = scenario.seed;
    suite.scenario_hash = scenario.hash;
    suite.wall_seconds = results.info.wall_seconds;
    reports::write_junit({suite}, std::filesystem::path(choice.junit));
  }
  if (!run.quiet || log.total() > 0)
    std::cerr << "harness: rating engine at " << choice.url << ", " << log.total() << " divergence"
              << (log.total() == 1 ? "" : "s") << " (" << run.out.string() << "/divergences.csv)\n";
  return log.total() > 0 ? 1 : 0;
}

}  // namespace provsim::cli
