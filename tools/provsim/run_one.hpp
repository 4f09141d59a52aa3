#pragma once
// Runs one loaded scenario and writes its results folder atomically: the
// files go to a hidden temporary folder beside the target, which is renamed
// into place only when everything is written, under the output contract of
// reports/output_folder.hpp.

#include <filesystem>
#include <string>
#include <vector>

#include "reports/output_folder.hpp"
#include "reports/results.hpp"
#include "sim/scenario/scenario.hpp"
#include "sut/address/harness_address.hpp"
#include "sut/provisioning/harness_provisioning.hpp"
#include "sut/rating/harness_rating.hpp"

namespace provsim::cli {

struct RunOptions {
  std::filesystem::path out;               // the results folder, already claimed (claim_output_folder)
  reports::OutputRules rules;              // checked again before the folder is put in place
  std::vector<std::string> simgrid_args;   // --cfg=... / --log=...
  bool quiet = false;
  unsigned threads = 1;                    // above 1: rating on a second thread (sim::SimOptions::threads)
  // The rating engine under test (run --sut rating=...); nullptr: the
  // in-process reference alone. Its findings join the results.
  sut::RatingHarness* rating_harness = nullptr;
  // The IP address server under test (run --sut address=...); nullptr: the
  // reference alone.
  sut::AddressHarness* address_harness = nullptr;
  // The provisioning manager under test (run --sut provisioning=...);
  // nullptr: the reference alone.
  sut::ProvisioningHarness* provisioning_harness = nullptr;
};

// Builds the run's set-up once without running it (sim::check_setup), so
// bad SimGrid options or a model set-up problem stop the command with exit 2
// before anything runs; `validate` makes the same check.
// `check` validates every scenario before any runs, the initial population
// included (with_population).
// Returns the metric names the run can produce (sim::check_setup).
std::vector<std::string> check_run_setup(const sim::Scenario& scenario, const RunOptions& options,
                                         bool with_population = false);

// Returns the results (also written to options.out).
reports::Results run_one(const sim::Scenario& scenario, const RunOptions& options);

// Writes `results` to `out` through a temporary folder and a rename.
void write_results_atomically(const reports::Results& results, const std::filesystem::path& out,
                              const reports::OutputRules& rules);

// Prints the few lines a user reads after a run.
void print_summary(const reports::Results& results, const std::filesystem::path& out);

}  // namespace provsim::cli
