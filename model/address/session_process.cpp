#include "model/address/session_process.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace provsim {

SessionProcess::SessionProcess(SessionSettings settings) : s_(std::move(settings)) {
  mean_idle_ = s_.per_day > 0 ? 86400.0 / s_.per_day - s_.mean_duration : std::numeric_limits<double>::infinity();
  for (double x : s_.profile) peak_ = std::max(peak_, x);
}

// With a profile an idle subscriber starts at the rate weight(hour) /
// mean_idle: candidates at the peak rate, each kept with probability
// weight / peak. Flat: one exponential draw.
double SessionProcess::idle_time(double now, Rng& rng) const {
  if (s_.profile.empty() || !(peak_ > 0)) return rng.exponential(mean_idle_);
  double at = now;
  while (true) {
    at += rng.exponential(mean_idle_ / peak_);
    const auto hour = static_cast<std::size_t>(std::fmod(at, 86400.0) / 3600.0) % 24;
    if (rng.uniform() * peak_ < s_.profile[hour]) return at - now;
  }
}

double SessionProcess::holding_time(Rng& rng) const {
  return s_.lognormal ? rng.lognormal(s_.mean_duration, s_.holding_cv) : rng.exponential(s_.mean_duration);
}

}  // namespace provsim
