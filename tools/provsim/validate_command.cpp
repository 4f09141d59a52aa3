#include <iostream>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_keys.hpp"
#include "sim/setup_check.hpp"
#include "tools/provsim/commands.hpp"
#include "tools/provsim/options.hpp"
#include "tools/provsim/output_rules.hpp"

namespace po = boost::program_options;

namespace provsim::cli {

int validate_command(const std::vector<std::string>& args) {
  po::options_description options(
      "usage: provsim validate SCENARIO_DIR [options]\n\n"
      "Loads a scenario and checks every file, key and cross-reference, builds\n"
      "the run's set-up (SimGrid options, model, initial population) and checks\n"
      "the [expect] metric names; runs nothing. Exit 0 if it is valid, 2 with one line naming file, line and\n"
      "field if not.\n\noptions");
  options.add_options()
      ("help,h", "explain the options and exit")
      ("scenario", po::value<std::string>(), "the scenario folder")
      ("set", po::value<std::vector<std::string>>()->composing(), "override a scenario key (repeatable)")
      ("seed", po::value<std::string>(), "root random seed (overrides run.seed)")
      ("keys", "print every scenario.ini key with its type, default and meaning");
  const Parsed p = parse(args, options, "scenario", 1);
  if (p.vm.count("help")) {
    std::cout << options;
    return 0;
  }
  if (p.vm.count("keys")) {
    std::cout << sim::scenario_schema().describe();
    return 0;
  }
  if (!p.vm.count("scenario")) throw UsageError("a scenario folder is required");
  scenario_folder(p.vm["scenario"].as<std::string>());  // a link loop is one line, not an internal error
  const auto loaded = sim::load_scenario(p.vm["scenario"].as<std::string>(), {overrides_from(p.vm)});
  const sim::Scenario& s = *loaded;
  sim::SimOptions sim_options;
  sim_options.simgrid_args = p.simgrid_args;
  sim::check_setup(s, sim_options);
  print_warnings(s.config.warnings());
  std::cout << s.name << ": valid (hash " << s.hash << ", " << s.catalog.providers().size() << " providers, "
            << s.catalog.offerings().size() << " offerings, " << s.catalog.plans().size() << " plans, "
            << s.config.expectations().size() << " expectations)\n";
  return 0;
}

}  // namespace provsim::cli
