#include "model/theory/erlang.hpp"

#include <limits>
#include <stdexcept>

namespace provsim::theory {
namespace {

void check_traffic(double traffic) {
  if (!(traffic >= 0)) throw std::invalid_argument("offered traffic must be a non-negative number of erlangs");
}

}  // namespace

double erlang_b(std::uint64_t servers, double traffic) {
  check_traffic(traffic);
  double b = 1.0;
  for (std::uint64_t k = 1; k <= servers; ++k) {
    const double ab = traffic * b;
    b = ab / (static_cast<double>(k) + ab);
  }
  return b;
}

double erlang_c(std::uint64_t servers, double traffic) {
  check_traffic(traffic);
  const double c = static_cast<double>(servers);
  if (traffic >= c) return 1.0;
  const double b = erlang_b(servers, traffic);
  return c * b / (c - traffic * (1.0 - b));
}

double erlang_c_mean_wait(std::uint64_t servers, double traffic, double mean_holding) {
  const double c = static_cast<double>(servers);
  if (traffic >= c) return std::numeric_limits<double>::infinity();
  return erlang_c(servers, traffic) * mean_holding / (c - traffic);
}

}  // namespace provsim::theory
