#pragma once
// The search behind `provsim size`: the smallest (or largest) value of one
// scenario key whose runs meet every target, with a stated confidence.
//
// Candidates. The key's values from one end of the range to the other in
// steps (1 for an integer key, the tolerance for a real one), the far end
// always included: KeyGrid. The search walks them from the end where the
// targets are expected to fail (the range's low end when the smallest value
// is wanted, its high end for the largest) toward the end where they hold,
// and assumes that once they hold they hold for every value further on.
//
// One candidate. Replications are added in steps (kInitialReplications,
// then about half as many again each time, up to the cap). After each step,
// every target's metric gets its two-sided Student-t interval at the
// confidence asked for; the target is met when the whole interval is on
// its side, failed when the whole interval is on the other side. The
// candidate fails as soon as one target fails, meets when all are met, and
// otherwise gets more replications; at the cap it stays undecided, and the
// search treats it as failing (so the answer errs on the safe side) and
// says so. Only the first n replications are looked at for step n, so a
// decision never depends on runs a resumed or wider search added since.
//
// The walk. Bracket: positions 0, 1, 3, 7, 15, ... (doubling steps) until
// one meets; then bisect between the last that failed and the first that
// met, down to neighbours: the answer is the one that met.
//
// All of it is a pure function of what has been observed: `search` replays
// the walk from the start over the observations, and says either what it
// needs next (a candidate and how many replications it must have) or the
// answer. So a search resumes from the runs on disk, and the commands for
// the next batch can be handed to another engine.
//
// With several targets each interval is at the confidence asked for; the
// chance that all hold together is at least 1 - k (1 - confidence) for k
// targets (Bonferroni), which a user can ask for by raising the confidence.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/core/int128.hpp"

namespace provsim::sweep {

inline constexpr std::size_t kInitialReplications = 3;
inline constexpr std::uint64_t kMaxCandidates = 1'000'000'000'000ULL;

// "METRIC OP VALUE" with OP one of < <= > >= (an equality cannot be shown
// by an interval).
struct SizeTarget {
  std::string metric;
  std::string op;
  double value = 0;
  std::string value_text;  // as written

  std::string text() const { return metric + " " + op + " " + value_text; }
};

// Throws std::invalid_argument saying what is wrong.
SizeTarget parse_size_target(const std::string& text);

enum class SizeVerdict { meets, fails, undecided };
const char* verdict_name(SizeVerdict verdict);

struct TargetInterval {
  double mean = 0;
  double low = 0;
  double high = 0;
  std::size_t samples = 0;  // finite values among the replications looked at
  SizeVerdict verdict = SizeVerdict::undecided;
};

// The interval of the finite samples at `confidence` (two-sided) and where it
// lies against the target; fewer than two samples: undecided.
TargetInterval judge(const SizeTarget& target, const std::vector<double>& samples, double confidence);

// The replication counts at which a candidate is judged: initial, then about
// half as many again each time, the last one `cap`.
std::vector<std::size_t> replication_steps(std::size_t initial, std::size_t cap);

// The candidate values, walked from `from` toward `to` by `step` (> 0), `to`
// always the last. Values are exact decimals (no drift), printed with the
// fewest decimals that show them.
class KeyGrid {
 public:
  // Throws std::invalid_argument if a value is not a plain decimal, the step
  // is not positive, or there would be more than kMaxCandidates.
  KeyGrid(const std::string& from, const std::string& to, const std::string& step);

  std::uint64_t size() const { return count_; }
  std::string value(std::uint64_t position) const;

 private:
  int128 from_ = 0, to_ = 0, step_ = 0;  // step_ signed: toward `to`
  int decimals_ = 0;
  std::uint64_t count_ = 0;
};

struct SizeSettings {
  std::vector<SizeTarget> targets;
  double confidence = 0.95;
  std::size_t initial_replications = kInitialReplications;
  std::size_t max_replications = 30;
};

// What the runs of one candidate measured: per replication (in order), the
// value of each target's metric (NaN where a run had none).
struct Observed {
  std::vector<std::vector<double>> replications;  // [replication][target]
};

struct CandidateReport {
  std::uint64_t position = 0;
  std::string value;
  std::size_t replications = 0;  // looked at for the verdict
  std::vector<TargetInterval> targets;
  SizeVerdict verdict = SizeVerdict::undecided;  // undecided: at the cap, counted as failing
};

struct SizeOutcome {
  bool finished = false;
  // Not finished: the candidate to run next, with at least this many replications.
  std::uint64_t next_position = 0;
  std::size_t next_replications = 0;
  // Finished: the answer's position, none if no candidate met every target.
  std::optional<std::uint64_t> answer;
  std::vector<CandidateReport> tried;  // in the order the walk visited them
};

// Observations by grid position (nullptr: nothing run yet).
using Observations = std::function<const Observed*(std::uint64_t position)>;

SizeOutcome search(const KeyGrid& grid, const SizeSettings& settings, const Observations& observed);

}  // namespace provsim::sweep
