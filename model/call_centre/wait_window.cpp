#include "model/call_centre/wait_window.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/core/check.hpp"

namespace provsim {

double WaitWindow::mean() const {
  if (waits_.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (double w : waits_) sum += w;
  return sum / static_cast<double>(waits_.size());
}

double WaitWindow::quantile(double p) const {
  PROVSIM_CHECK(p > 0 && p <= 1, "a quantile's share must be in (0, 1]");
  if (waits_.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::vector<double> sorted = waits_;
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  const std::size_t at = std::max<std::size_t>(rank, 1) - 1;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(at), sorted.end());
  return sorted[at];
}

}  // namespace provsim
