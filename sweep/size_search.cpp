#include "sweep/size_search.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "model/core/trim.hpp"
#include "model/theory/welch.hpp"
#include "sweep/value_list.hpp"

namespace provsim::sweep {

namespace {

// Whether x lies on the side the target wants.
bool satisfies(const SizeTarget& t, double x) {
  if (t.op == "<") return x < t.value;
  if (t.op == "<=") return x <= t.value;
  if (t.op == ">") return x > t.value;
  return x >= t.value;
}

bool wants_low(const SizeTarget& t) { return t.op[0] == '<'; }

}  // namespace

SizeTarget parse_size_target(const std::string& text) {
  // The longer operators first, so "<=" is not read as "<" followed by "=...".
  for (const char* op : {"<=", ">=", "==", "!=", "<", ">"}) {
    const auto at = text.find(op);
    if (at == std::string::npos) continue;
    SizeTarget t{std::string(trim(text.substr(0, at))), op, 0, std::string(trim(text.substr(at + std::string(op).size())))};
    if (t.op == "==" || t.op == "!=")
      throw std::invalid_argument("target '" + text + "': an interval can show < <= > >=, not " + t.op);
    if (t.metric.empty() || t.value_text.empty() || t.metric.find_first_of(" \t<>=!") != std::string::npos ||
        t.value_text.find_first_of("<>=!") != std::string::npos)
      break;
    const auto number = parse_decimal(t.value_text);
    if (!number) throw std::invalid_argument("target '" + text + "': the value must be a plain number, got '" + t.value_text + "'");
    t.value = std::stod(t.value_text);
    return t;
  }
  throw std::invalid_argument("target '" + text + "': expected 'METRIC OP VALUE' with OP one of < <= > >=");
}

const char* verdict_name(SizeVerdict verdict) {
  switch (verdict) {
    case SizeVerdict::meets: return "meets";
    case SizeVerdict::fails: return "fails";
    case SizeVerdict::undecided: return "undecided";
  }
  return "undecided";
}

TargetInterval judge(const SizeTarget& target, const std::vector<double>& samples, double confidence) {
  std::vector<double> finite;
  for (double x : samples)
    if (std::isfinite(x)) finite.push_back(x);
  TargetInterval r;
  r.samples = finite.size();
  if (finite.empty()) return r;
  double sum = 0;
  for (double x : finite) sum += x;
  const double n = static_cast<double>(finite.size());
  r.mean = sum / n;
  r.low = r.high = r.mean;
  if (finite.size() < 2) return r;
  double squares = 0;
  for (double x : finite) squares += (x - r.mean) * (x - r.mean);
  const double half =
      theory::student_t_quantile((1 + confidence) / 2, n - 1) * std::sqrt(squares / (n - 1)) / std::sqrt(n);
  r.low = r.mean - half;
  r.high = r.mean + half;
  // The interval is clear of the target when both ends are on one side.
  const double near_end = wants_low(target) ? r.high : r.low;
  const double far_end = wants_low(target) ? r.low : r.high;
  if (satisfies(target, near_end)) r.verdict = SizeVerdict::meets;
  else if (!satisfies(target, far_end)) r.verdict = SizeVerdict::fails;
  return r;
}

std::vector<std::size_t> replication_steps(std::size_t initial, std::size_t cap) {
  std::size_t n = std::max<std::size_t>(initial, 2);
  cap = std::max(cap, n);
  std::vector<std::size_t> steps = {n};
  while (n < cap) {
    n = std::min(cap, n + std::max<std::size_t>(2, n / 2));
    steps.push_back(n);
  }
  return steps;
}

KeyGrid::KeyGrid(const std::string& from, const std::string& to, const std::string& step) {
  const auto a = parse_decimal(from), b = parse_decimal(to), s = parse_decimal(step);
  if (!a) throw std::invalid_argument("'" + from + "' is not a plain number");
  if (!b) throw std::invalid_argument("'" + to + "' is not a plain number");
  if (!s) throw std::invalid_argument("the step '" + step + "' is not a plain number");
  decimals_ = std::max({a->decimals, b->decimals, s->decimals});
  from_ = scaled(*a, decimals_);
  to_ = scaled(*b, decimals_);
  const int128 magnitude = scaled(*s, decimals_);
  if (magnitude <= 0) throw std::invalid_argument("the step '" + step + "' must be greater than 0");
  const int128 distance = to_ >= from_ ? to_ - from_ : from_ - to_;
  const int128 count = distance / magnitude + 1 + (distance % magnitude != 0 ? 1 : 0);
  if (count > static_cast<int128>(kMaxCandidates))
    throw std::invalid_argument("more than " + std::to_string(kMaxCandidates) + " candidate values: a larger step is needed");
  count_ = static_cast<std::uint64_t>(count);
  step_ = to_ >= from_ ? magnitude : -magnitude;
}

std::string KeyGrid::value(std::uint64_t position) const {
  if (position >= count_) throw std::out_of_range("no candidate " + std::to_string(position));
  const int128 v = position + 1 == count_ ? to_ : from_ + static_cast<int128>(position) * step_;
  return unscaled_text(v, decimals_, 0);
}

namespace {

class Walk {
 public:
  Walk(const KeyGrid& grid, const SizeSettings& settings, const Observations& observed)
      : grid_(grid), settings_(settings), observed_(observed),
        steps_(replication_steps(settings.initial_replications, settings.max_replications)) {}

  SizeOutcome run() {
    const std::uint64_t last = grid_.size() - 1;
    // Bracket: doubling steps from the failing end until a candidate meets.
    std::optional<std::uint64_t> failed;
    std::uint64_t at = 0, step = 1, met = 0;
    while (true) {
      const auto v = decide(at);
      if (!v) return out_;
      if (*v == SizeVerdict::meets) {
        met = at;
        break;
      }
      failed = at;
      if (at == last) return finish(std::nullopt);
      at = last - at > step ? at + step : last;
      if (step < (std::uint64_t{1} << 62)) step *= 2;
    }
    if (!failed) return finish(met);
    // Bisect: `lo` fails (or is undecided), `hi` meets.
    std::uint64_t lo = *failed, hi = met;
    while (hi - lo > 1) {
      const std::uint64_t mid = lo + (hi - lo) / 2;
      const auto v = decide(mid);
      if (!v) return out_;
      (*v == SizeVerdict::meets ? hi : lo) = mid;
    }
    return finish(hi);
  }

 private:
  SizeOutcome finish(std::optional<std::uint64_t> answer) {
    out_.finished = true;
    out_.answer = answer;
    return out_;
  }

  // The candidate's verdict at the first replication step that settles it
  // (or the last step); nullopt, with the need noted, if it has too few runs.
  std::optional<SizeVerdict> decide(std::uint64_t position) {
    const Observed* o = observed_(position);
    const std::size_t have = o ? o->replications.size() : 0;
    for (const std::size_t n : steps_) {
      if (have < n) {
        out_.next_position = position;
        out_.next_replications = n;
        return std::nullopt;
      }
      CandidateReport r{position, grid_.value(position), n, {}, SizeVerdict::meets};
      bool failed = false, all_met = true;
      for (std::size_t t = 0; t < settings_.targets.size(); ++t) {
        std::vector<double> samples;
        for (std::size_t i = 0; i < n; ++i) samples.push_back(t < o->replications[i].size() ? o->replications[i][t] : NAN);
        r.targets.push_back(judge(settings_.targets[t], samples, settings_.confidence));
        failed = failed || r.targets.back().verdict == SizeVerdict::fails;
        all_met = all_met && r.targets.back().verdict == SizeVerdict::meets;
      }
      r.verdict = failed ? SizeVerdict::fails : all_met ? SizeVerdict::meets : SizeVerdict::undecided;
      if (r.verdict != SizeVerdict::undecided || n == steps_.back()) {
        out_.tried.push_back(r);
        return r.verdict;
      }
    }
    return SizeVerdict::undecided;  // not reached: the last step always returns
  }

  const KeyGrid& grid_;
  const SizeSettings& settings_;
  const Observations& observed_;
  const std::vector<std::size_t> steps_;
  SizeOutcome out_;
};

}  // namespace

SizeOutcome search(const KeyGrid& grid, const SizeSettings& settings, const Observations& observed) {
  if (settings.targets.empty()) throw std::invalid_argument("at least one target is needed");
  if (!(settings.confidence > 0 && settings.confidence < 1)) throw std::invalid_argument("the confidence must be between 0 and 1");
  return Walk(grid, settings, observed).run();
}

}  // namespace provsim::sweep
