#pragma once
// Before a run starts: the disk its results will need (sim/disk_estimate.hpp)
// against the free space where they go. Refused (exit 2, one line) when it
// does not fit, unless output.disk_check = false.

#include <filesystem>

#include "sim/scenario/scenario.hpp"

namespace provsim::cli {

// Prints the estimate to standard error unless `quiet`; throws
// reports::OutputRefused naming `out` when the free space of its filesystem
// is below it.
void check_disk(const sim::Scenario& scenario, const std::filesystem::path& out, bool quiet);

}  // namespace provsim::cli
