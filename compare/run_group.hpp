#pragma once
// One side of a comparison, read from disk: groups of replications.
// - a results folder (summary.json): one group, "run", of one run;
// - a sweep folder (sweep.json): one group per grid point that has complete
//   runs, named after the point, each with its replications;
// - a sweep folder and a point name: that point's group only.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "reports/results.hpp"

namespace provsim::compare {

struct RunGroup {
  std::string name;                           // "run" or the grid point's name
  std::vector<reports::Results> runs;         // summary.json of each replication
  std::vector<std::filesystem::path> dirs;    // each replication's folder (for metrics.csv)
};

struct Side {
  std::filesystem::path path;
  std::string kind;  // "results" or "sweep"
  std::vector<RunGroup> groups;
};

// Throws std::invalid_argument naming the folder (and the point) when it is
// neither a results folder nor a sweep, the point is unknown, or a sweep has
// no complete run (for that point).
Side read_side(const std::filesystem::path& dir, const std::optional<std::string>& point);

}  // namespace provsim::compare
