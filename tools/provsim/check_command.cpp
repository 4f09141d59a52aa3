#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "reports/junit.hpp"
#include "sim/scenario/scenario.hpp"
#include "tools/provsim/commands.hpp"
#include "tools/provsim/disk_check.hpp"
#include "tools/provsim/options.hpp"
#include "tools/provsim/output_rules.hpp"
#include "tools/provsim/run_one.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace provsim::cli {
namespace {

// SimGrid allows one simulation per process, so each scenario runs in a
// child process; the parent reads its verdicts back from summary.json.
int run_in_child(const sim::Scenario& scenario, const RunOptions& run) {
  std::cout.flush();
  std::cerr.flush();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int code = 0;
    try {
      run_one(scenario, run);
    } catch (const std::exception& e) {
      std::cerr << "provsim: " << scenario.name << ": " << e.what() << "\n";
      code = 3;
    }
    std::cout.flush();
    std::cerr.flush();
    ::_exit(code);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 3;
}

reports::SuiteResult read_suite(const sim::Scenario& scenario, const fs::path& out, int child_status) {
  reports::SuiteResult suite;
  suite.name = scenario.name;
  suite.seed = scenario.seed;
  suite.scenario_hash = scenario.hash;
  std::ifstream in(out / "summary.json");
  if (child_status != 0 || !in) {
    suite.error = "the run did not finish (exit " + std::to_string(child_status) + ")";
    return suite;
  }
  const auto summary = nlohmann::json::parse(in);
  suite.wall_seconds = summary.value("wall", nlohmann::json::object()).value("wall_seconds", 0.0);
  for (const auto& v : summary.value("verdicts", nlohmann::json::array()))
    suite.verdicts.push_back(reports::Verdict{v.at("expectation").get<std::string>(), v.at("actual").get<std::string>(),
                                              v.at("passed").get<bool>()});
  return suite;
}

// One results folder name per scenario, all distinct: the scenario folder's
// name, or for a name given out already (two scenarios called x in different
// places) that name with -2, -3, ... appended, in command-line order.
std::vector<std::string> results_folder_names(const std::vector<fs::path>& dirs) {
  std::set<std::string> used = {"junit.xml"};
  std::vector<std::string> names;
  for (const auto& dir : dirs) {
    const std::string base = dir.filename().empty() ? "scenario" : dir.filename().string();
    std::string name = base;
    for (int n = 2; used.count(name); ++n) name = base + "-" + std::to_string(n);
    used.insert(name);
    names.push_back(name);
  }
  return names;
}

}  // namespace

int check_command(const std::vector<std::string>& args) {
  po::options_description options(
      "usage: provsim check SCENARIO_DIR... [options]\n\n"
      "Runs each scenario and judges the expectations of its [expect] section\n"
      "(e.g. 'orders.completed >= 950'; keys are summary metrics). Prints one\n"
      "verdict line per expectation and writes OUT/junit.xml. Every scenario is\n"
      "validated before any runs. Exit 0 if every expectation holds, 1 if one\n"
      "fails (or a scenario has none, or a run did not finish), 2 for bad input.\n\n"
      "Each scenario's results go to OUT/<scenario folder name>; scenarios that\n"
      "share a folder name get OUT/<name>-2, -3, ... in command-line order.\n"
      "OUT must be new, empty or an earlier check's folder (it holds a\n"
      ".provsim-results marker); anything else, a scenario folder or a folder\n"
      "holding one or the working folder is refused before anything runs.\n\noptions");
  options.add_options()
      ("help,h", "explain the options and exit")
      ("scenarios", po::value<std::vector<std::string>>(), "scenario folders")
      ("out", po::value<std::string>()->default_value("results/check"),
       "folder for the results (one subfolder per scenario) and junit.xml")
      ("no-clobber", "refuse to replace an earlier check's results: only a new or empty OUT is used")
      ("seed", po::value<std::string>(), "root random seed for every scenario (overrides run.seed)")
      ("set", po::value<std::vector<std::string>>()->composing(), "override a key in every scenario (repeatable)")
      ("quiet,q", "print only failures and the final line");
  const Parsed p = parse(args, options, "scenarios", -1);
  if (p.vm.count("help")) {
    std::cout << options;
    return 0;
  }
  if (!p.vm.count("scenarios")) throw UsageError("at least one scenario folder is required");
  const bool quiet = p.vm.count("quiet") > 0;
  const bool no_clobber = p.vm.count("no-clobber") > 0;

  // Every output is claimed before any scenario is loaded.
  std::vector<fs::path> dirs;
  for (const auto& dir : p.vm["scenarios"].as<std::vector<std::string>>()) dirs.push_back(scenario_folder(dir));
  const fs::path out =
      reports::claim_output_folder(p.vm["out"].as<std::string>(), output_rules(reports::FolderKind::check, dirs, no_clobber));
  const reports::OutputRules run_rules = output_rules(reports::FolderKind::run, dirs, no_clobber);
  std::vector<fs::path> run_outs;
  for (const auto& name : results_folder_names(dirs))
    run_outs.push_back(reports::claim_output_folder(out / name, run_rules));

  std::vector<std::unique_ptr<sim::Scenario>> scenarios;
  for (const auto& dir : p.vm["scenarios"].as<std::vector<std::string>>()) {
    scenarios.push_back(sim::load_scenario(dir, {overrides_from(p.vm)}));
    RunOptions setup;
    setup.simgrid_args = p.simgrid_args;
    check_run_setup(*scenarios.back(), setup, /*with_population=*/true);
    print_warnings(scenarios.back()->config.warnings());
  }
  // Each run is checked for disk again as it starts (the earlier ones' results take room too).
  for (std::size_t i = 0; i < scenarios.size(); ++i) check_disk(*scenarios[i], run_outs[i], /*quiet=*/true);
  reports::open_output_folder(out, reports::FolderKind::check);

  std::vector<reports::SuiteResult> suites;
  int failed = 0;
  int passed = 0;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const sim::Scenario& scenario = *scenarios[i];
    RunOptions run;
    run.out = run_outs[i];
    run.rules = run_rules;
    run.simgrid_args = p.simgrid_args;
    run.quiet = true;
    const int status = run_in_child(scenario, run);
    reports::SuiteResult suite = read_suite(scenario, run.out, status);
    if (!suite.error.empty()) {
      ++failed;
      std::cout << "ERROR " << scenario.name << ": " << suite.error << "\n";
    } else if (suite.verdicts.empty()) {
      ++failed;
      suite.error = "no [expect] section: nothing to check";
      std::cout << "ERROR " << scenario.name << ": " << suite.error << "\n";
    }
    for (const auto& v : suite.verdicts) {
      (v.passed ? passed : failed)++;
      if (!quiet || !v.passed)
        std::cout << (v.passed ? "PASS  " : "FAIL  ") << scenario.name << ": " << v.expectation << "  (actual "
                  << v.actual << ")\n";
    }
    suites.push_back(std::move(suite));
  }
  std::ostringstream junit;
  reports::write_junit(suites, junit);
  reports::write_file_replacing(out / "junit.xml", junit.str());
  std::cout << "check: " << passed << " passed, " << failed << " failed\n"
            << "junit: " << (fs::absolute(out) / "junit.xml").string() << "\n";
  return failed ? 1 : 0;
}

}  // namespace provsim::cli
