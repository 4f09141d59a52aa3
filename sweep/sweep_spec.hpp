#pragma once
// A sweep file (INI):
//
//   [sweep]
//   scenario = ../baseline        # the base scenario, relative to this file
//   replications = 3              # runs per grid point (default 3)
//   seed = 7                      # base seed (default: the scenario's run.seed)
//   out = results/sweeps/name     # default results/sweeps/<file name>
//   x = ip.max_ratio              # sweep.html's x axis (default: chosen)
//   plot = ip.blocking, orders.completed   # sweep.html's charts (default: the metrics that vary)
//   [set]                         # overrides for every run
//   run.duration = 1d
//   [grid]                        # one axis per key; the grid is their product
//   ip.policy = reject,borrow,preempt
//   ip.max_ratio = 1.0:3.0:0.25
//
// Grid keys and [set] keys are scenario keys, checked (key and every value)
// where they are written. A sweep is at most kMaxGridPoints grid points and
// kMaxGridPoints runs in all (points x replications), counted before any
// plan is made.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace provsim::sweep {

inline constexpr std::uint64_t kMaxGridPoints = 1'000'000;
inline constexpr std::uint64_t kMaxReplications = 10'000;

struct Axis {
  std::string key;                  // "ip.max_ratio"
  std::vector<std::string> values;  // as passed to --set
};

struct SweepSpec {
  std::filesystem::path file;
  std::string name;                  // the file's name without .ini
  std::filesystem::path scenario;    // absolute
  std::size_t replications = 3;
  std::optional<std::uint64_t> seed;
  std::filesystem::path out;         // empty: results/sweeps/<name>
  std::vector<std::string> fixed;    // "key=value" from [set]
  std::vector<Axis> axes;            // in file order; the first varies slowest
  std::string x;
  std::vector<std::string> plot;
};

// Throws SweepError naming the file, line and key of the first problem.
SweepSpec load_sweep(const std::filesystem::path& file);
// The same from memory: `text` as the content of `file`, whose folder the
// scenario path is relative to.
SweepSpec parse_sweep(std::string_view text, const std::filesystem::path& file);

}  // namespace provsim::sweep
