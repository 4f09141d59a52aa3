#pragma once
// The waits of the callers a call centre answered in one interval (zero
// waits included), for a waiting-time series sampled every metrics
// interval: the mean and a percentile of the interval's answered calls.
// An interval is short, so keeping every wait is cheap and exact.

#include <cstddef>
#include <vector>

namespace provsim {

class WaitWindow {
 public:
  void add(double wait) { waits_.push_back(wait); }
  void clear() { waits_.clear(); }

  std::size_t count() const { return waits_.size(); }
  // Mean wait; NaN when nobody was answered (there is no wait to average).
  double mean() const;
  // The nearest-rank p-quantile (0 < p <= 1): the smallest wait at least a
  // share p of the waits are at or below; NaN when nobody was answered.
  double quantile(double p) const;

 private:
  std::vector<double> waits_;
};

}  // namespace provsim
