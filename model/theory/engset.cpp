#include "model/theory/engset.hpp"

#include <stdexcept>

namespace provsim::theory {

double engset_time_congestion(std::uint64_t sources, std::uint64_t servers, double beta) {
  if (!(beta >= 0)) throw std::invalid_argument("traffic per idle source must be non-negative");
  if (servers > sources) return 0.0;  // never all busy
  double e = 1.0;
  for (std::uint64_t k = 1; k <= servers; ++k) {
    const double a = static_cast<double>(sources - k + 1) * beta * e;
    e = a / (static_cast<double>(k) + a);
  }
  return e;
}

double engset_call_congestion(std::uint64_t sources, std::uint64_t servers, double beta) {
  if (sources == 0) return 0.0;
  return engset_time_congestion(sources - 1, servers, beta);
}

}  // namespace provsim::theory
