#pragma once
// Runs a sweep's pending runs on this machine, `jobs` child `provsim run`
// processes at a time. Each run's output goes to OUT/logs/<run>.log (each
// attempt after a header line) and its progress to OUT/logs/<run>.state
// (sweep/run_record.hpp), the same whether the runs were started by a local
// sweep, a GNU parallel job line or a Slurm task. A failed run is run again
// up to `retries` times before it counts as failed.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "sweep/plan.hpp"

namespace provsim::cli {

struct RunnerOptions {
  std::size_t jobs = 1;
  std::size_t retries = 0;
  bool quiet = false;
  std::vector<std::string> simgrid_args;  // passed to every run
};

// Returns how many runs failed (after their retries).
std::size_t run_pending(const sweep::Plan& plan, const std::vector<std::size_t>& pending,
                        const std::filesystem::path& out, const RunnerOptions& options);

}  // namespace provsim::cli
