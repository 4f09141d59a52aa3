#pragma once
// The runs of a sweep: every grid point (the product of the axes, the first
// axis varying slowest) times every replication, each with its derived seed
// and its own results folder OUT/runs/<point>,rep=<r>. The plan is saved as
// OUT/sweep.json so `provsim sweep collect OUT` knows the grid without the
// sweep file, and so runs from GNU parallel or Slurm are found again.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sweep/sweep_spec.hpp"

namespace provsim::sweep {

struct GridPoint {
  std::vector<std::string> values;  // one per axis
  std::string name;                 // "ip.policy=borrow,ip.max_ratio=1.25" ("base" for an empty grid)
};

struct PlannedRun {
  std::size_t point = 0;
  std::size_t replication = 0;
  std::uint64_t seed = 0;
  std::string name;  // "<point name>,rep=<r>": the results folder under OUT/runs
  std::string hash;  // the scenario hash the run will report (filled by the caller that loads scenarios)
};

struct Plan {
  std::string name;
  std::filesystem::path scenario;
  std::uint64_t base_seed = 0;
  std::size_t replications = 0;
  std::vector<std::string> fixed;
  std::vector<Axis> axes;
  std::string x;
  std::vector<std::string> plot;
  std::vector<GridPoint> points;
  std::vector<PlannedRun> runs;  // point-major, then replication

  // What `provsim run` is given for this run: [set], the point's values, the seed.
  std::vector<std::string> overrides(const PlannedRun& run) const;
};

Plan make_plan(const SweepSpec& spec, std::uint64_t base_seed);

// A point's folder-name part for its values: "key=value" joined by ','.
// In keys and values, [A-Za-z0-9._+-] stay as they are, '/' becomes "_per_"
// ("workload.arrival_rate=300_per_d"), any other byte (and the '_' of a
// literal "_per_") is percent-encoded as in URLs ("1%2C2" for "1,2"), and
// an empty value is "%". Distinct values give distinct names, and no name
// has a '/'. Names longer than kMaxPointName are cut and end in '~' and a
// hash of the exact keys and values.
inline constexpr std::size_t kMaxPointName = 200;
std::string point_name(const std::vector<Axis>& axes, const std::vector<std::string>& values);

// The runs of task `task` of `tasks` (0-based): a contiguous block, the
// blocks as equal as can be. With as many tasks as grid points, each task
// runs one point's replications.
std::vector<std::size_t> slice(std::size_t runs, std::size_t task, std::size_t tasks);

std::filesystem::path run_dir(const std::filesystem::path& out, const PlannedRun& run);

nlohmann::ordered_json plan_json(const Plan& plan);
Plan plan_from_json(const nlohmann::ordered_json& j);

// OUT/sweep.json, written through a temporary file and a rename.
void write_plan(const Plan& plan, const std::filesystem::path& out);
// Throws std::invalid_argument if OUT/sweep.json is missing or malformed.
Plan read_plan(const std::filesystem::path& out);

}  // namespace provsim::sweep
