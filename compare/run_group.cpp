#include "compare/run_group.hpp"

#include <stdexcept>

#include "reports/results_reader.hpp"
#include "sweep/plan.hpp"
#include "sweep/run_status.hpp"

namespace provsim::compare {

namespace fs = std::filesystem;

namespace {

Side read_sweep(const fs::path& dir, const std::optional<std::string>& point) {
  const sweep::Plan plan = sweep::read_plan(dir);
  Side side{dir, "sweep", {}};
  bool point_found = false;
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    if (point && plan.points[p].name != *point) continue;
    point_found = true;
    RunGroup group{plan.points[p].name, {}, {}};
    for (const auto& run : plan.runs) {
      if (run.point != p) continue;
      const fs::path run_dir = sweep::run_dir(dir, run);
      if (!sweep::run_complete(run_dir, run.hash, run.seed)) continue;
      group.runs.push_back(reports::read_summary(run_dir));
      group.dirs.push_back(run_dir);
    }
    if (!group.runs.empty()) side.groups.push_back(std::move(group));
  }
  if (point && !point_found) {
    std::string known;
    for (const auto& p : plan.points) known += (known.empty() ? "" : ", ") + p.name;
    throw std::invalid_argument((dir / "sweep.json").string() + ": no grid point '" + *point + "' (points: " + known +
                                ")");
  }
  if (side.groups.empty())
    throw std::invalid_argument((dir / "sweep.json").string() + ": no complete runs" +
                                (point ? " for point '" + *point + "'" : std::string()) +
                                " (run the sweep first)");
  return side;
}

}  // namespace

Side read_side(const fs::path& dir, const std::optional<std::string>& point) {
  if (fs::is_regular_file(dir / "sweep.json")) return read_sweep(dir, point);
  if (!fs::is_regular_file(dir / "summary.json"))
    throw std::invalid_argument(dir.string() + ": not a results folder (no summary.json) nor a sweep (no sweep.json)");
  if (point) throw std::invalid_argument(dir.string() + ": a grid point was named, but this is a results folder, not a sweep");
  Side side{dir, "results", {}};
  side.groups.push_back(RunGroup{"run", {reports::read_summary(dir)}, {dir}});
  return side;
}

}  // namespace provsim::compare
