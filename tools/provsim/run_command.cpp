#include <iostream>

#include "sim/scenario/scenario.hpp"
#include "tools/provsim/commands.hpp"
#include "tools/provsim/options.hpp"
#include "tools/provsim/output_rules.hpp"
#include "tools/provsim/run_one.hpp"

namespace po = boost::program_options;

namespace provsim::cli {

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
      ("quiet,q", "no progress line and no summary");
  const Parsed p = parse(args, options, "scenario", 1);
  if (p.vm.count("help")) {
    std::cout << options << "\nSimGrid options (--cfg=name:value, --log=...) are passed to SimGrid.\n";
    return 0;
  }
  if (!p.vm.count("scenario")) throw UsageError("a scenario folder is required");
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
  check_run_setup(scenario, run);
  const reports::Results results = run_one(scenario, run);
  if (!run.quiet) print_summary(results, run.out);
  return 0;
}

}  // namespace provsim::cli
