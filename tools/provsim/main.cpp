// provsim: one command line for running, checking and validating scenarios.
//   provsim run SCENARIO_DIR       run and write a results folder
//   provsim check SCENARIO_DIR...  run and judge each scenario's [expect]
//   provsim validate SCENARIO_DIR  load and check, run nothing
//   provsim report RESULTS_DIR     write report.html again from the files
//   provsim sweep SWEEP.ini        parameter sweep; sweep collect DIR merges it
//   provsim dhcp SCENARIO_DIR      drive a real DHCPv4 server and judge it
//   provsim compare A B            two results or sweeps, metric by metric
//   provsim size SCENARIO_DIR      the value of a key that meets targets
//   provsim serve rating|address   the reference rating engine or address server over HTTP
// Exit codes: 0 success, 1 an expectation failed, 2 bad input or usage.

#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "reports/output_folder.hpp"
#include "sim/huge_pages.hpp"
#include "sim/scenario/input_error.hpp"
#include "model/core/printable.hpp"
#include "tools/provsim/commands.hpp"

namespace {

const char* const kUsage = R"(provsim — broadband service provisioning, simulated

usage: provsim COMMAND [options]

commands:
  run SCENARIO_DIR        run one scenario and write its results folder
  check SCENARIO_DIR...   run scenarios and judge their [expect] sections
                          (verdicts, JUnit XML, exit code 1 if one fails)
  validate SCENARIO_DIR   load and check a scenario without running it
  report RESULTS_DIR      write a results folder's report.html again
  sweep SWEEP.ini         run a grid of overrides x replications (locally,
                          or as jobs for GNU parallel or a Slurm array)
  sweep collect DIR       merge a sweep's runs into sweep.csv and sweep.html
  dhcp SCENARIO_DIR       drive a real DHCPv4 server (Kea, or your own) with
                          the scenario's subscribers and judge it
  compare A B             compare two results folders or sweeps metric by
                          metric (Welch's t-test; --fail-on gates a build)
  size SCENARIO_DIR       find the smallest (or largest) value of a key that
                          meets targets with a stated confidence (--key,
                          --range, --target): agents, workers, subscribers
  serve rating|address    serve the reference rating engine or IP address
                          server over the harness protocol (JSON over HTTP),
                          for systems-under-test authors and the harness's tests

'provsim COMMAND --help' explains a command's options.
SimGrid's own --cfg=... and --log=... options are passed through to SimGrid.
)";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    std::cout << kUsage;
    return argc < 2 ? 2 : 0;
  }
  if (std::strcmp(argv[1], "--version") == 0) {
    std::cout << "provsim " << PROVSIM_VERSION << "\n";
    return 0;
  }
  const std::string command = argv[1];
  // The commands that simulate start again with the heap on huge pages
  // (sim/huge_pages.hpp); the others are short and small.
  if (command == "run" || command == "check" || command == "sweep" || command == "size")
    provsim::sim::ask_for_huge_pages(argv);
  std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (command == "run") return provsim::cli::run_command(args);
    if (command == "check") return provsim::cli::check_command(args);
    if (command == "validate") return provsim::cli::validate_command(args);
    if (command == "report") return provsim::cli::report_command(args);
    if (command == "sweep") return provsim::cli::sweep_command(args);
    if (command == "dhcp") return provsim::cli::dhcp_command(args);
    if (command == "compare") return provsim::cli::compare_command(args);
    if (command == "size") return provsim::cli::size_command(args);
    if (command == "serve") return provsim::cli::serve_command(args);
    std::cerr << "provsim: unknown command '" << command << "'\n\n" << kUsage;
    return 2;
  } catch (const provsim::reports::OutputRefused& e) {
    std::cerr << "provsim: " << e.what() << "\n";
    return 2;
  } catch (const provsim::sim::InputError& e) {
    std::cerr << "provsim: " << provsim::printable(e.what()) << "\n";
    return 2;
  } catch (const provsim::cli::UsageError& e) {
    std::cerr << "provsim " << command << ": " << provsim::printable(e.what()) << "\n(see 'provsim " << command
              << " --help')\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "provsim: internal error: " << provsim::printable(e.what()) << "\n";
    return 3;
  }
}
