#pragma once
// Runs a scenario inside the test program, through sim::run_simulation,
// instead of starting the provsim binary: the test gets the run's
// reports::Results (with the verdicts of the scenario's [expect] section,
// as `provsim run` adds them), and reads the same figures the results
// folder would hold (summary() is summary.json's content, csv_text() a
// table's file), or writes that folder with the writer `provsim run` uses.
//
// One simulation per process. SimGrid allows one engine per process, and
// ctest starts every GoogleTest in a process of its own: gtest_discover_tests
// (tests/CMakeLists.txt) lists each test as its own ctest entry, started as
// `PROGRAM --gtest_filter=Suite.Test`. So a test may make one run_in_process.
// A test that compares several runs (seeds, settings, determinism) makes
// each with run_in_child instead: fork() without exec, the child loads and
// runs the scenario and writes its results folder, the parent reads it.
// Both refuse to run after an in-process run in the same process (running a
// test program by hand without --gtest_filter does that), with a message
// saying why.
//
// A test that changes a scenario builds it in memory (memory_scenario.hpp)
// and hands it to either, instead of copying a folder to change its files.
//
// What stays with the binary: exit codes, the error line of bad input, the
// output folder's safety rules and atomic replacement, the command line
// itself. Those tests keep using provsim_process.hpp.

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/results.hpp"
#include "sim/scenario/scenario.hpp"
#include "tests/support/memory_scenario.hpp"

namespace provsim::testing {

// A scenario folder loaded as `provsim run DIR --set S...` loads it; each
// of `sets` is "section.key=value" (a seed is "run.seed=N", as --seed gives).
// Throws the loader's InputError on bad input.
std::unique_ptr<sim::Scenario> load_scenario(const std::filesystem::path& dir, const std::vector<std::string>& sets = {});

// Runs the scenario here, in the test's own process, and returns what
// `provsim run` would write (its verdicts included). At most once per
// process.
reports::Results run_in_process(const sim::Scenario& scenario);
reports::Results run_in_process(const std::filesystem::path& dir, const std::vector<std::string>& sets = {});
reports::Results run_in_process(const InMemoryScenario& scenario, const std::vector<std::string>& sets = {});

// Loads and runs the scenario in a child process forked from this one; the
// child writes the results folder `out` (as `provsim run --out` would, minus
// its output-folder rules) and exits. Returns its summary.json read back
// (reports::read_summary: the run's identity, metrics and verdicts); the
// tables are the files in `out`. Throws std::runtime_error with the
// child's message if it failed (bad input included).
reports::Results run_in_child(const std::filesystem::path& dir, const std::vector<std::string>& sets,
                              const std::filesystem::path& out);
reports::Results run_in_child(const InMemoryScenario& scenario, const std::vector<std::string>& sets,
                              const std::filesystem::path& out);

// Writes the results folder with the writer `provsim run` uses.
void write_results(const reports::Results& results, const std::filesystem::path& out);

// summary.json's content for these results.
nlohmann::json summary(const reports::Results& results);

// The text of <table>.csv for these results (the file `provsim run` writes
// when output.compression is none). Throws std::out_of_range if the run
// has no such table.
std::string csv_text(const reports::Results& results, const std::string& table);

}  // namespace provsim::testing
