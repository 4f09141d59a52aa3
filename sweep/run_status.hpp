#pragma once
// Whether a planned run is done: its results folder has a summary.json (the
// folder is renamed into place only when complete) naming the same scenario
// hash and seed. A folder left by another scenario version or seed is not
// done, and is run again (and replaced).

#include <cstdint>
#include <filesystem>
#include <string>

namespace provsim::sweep {

// An empty `hash` matches any hash (a plan made without loading scenarios).
bool run_complete(const std::filesystem::path& dir, const std::string& hash, std::uint64_t seed);

}  // namespace provsim::sweep
