#include "model/theory/confidence.hpp"

#include <array>
#include <cmath>
#include <stdexcept>

namespace provsim::theory {

double student_t_975(std::size_t df) {
  static constexpr std::array<double, 31> kTable = {
      0,      12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
      2.2010, 2.1788,  2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860, 2.0796,
      2.0739, 2.0687,  2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
  if (df == 0) throw std::invalid_argument("Student t needs at least one degree of freedom");
  if (df < kTable.size()) return kTable[df];
  const double z = 1.959963984540054;
  const double n = static_cast<double>(df);
  const double z2 = z * z;
  return z + z * (z2 + 1) / (4 * n) + z * (5 * z2 * z2 + 16 * z2 + 3) / (96 * n * n) +
         z * (3 * z2 * z2 * z2 + 19 * z2 * z2 + 17 * z2 - 15) / (384 * n * n * n);
}

ConfidenceInterval confidence_interval_95(std::span<const double> samples) {
  if (samples.size() < 2) throw std::invalid_argument("a confidence interval needs at least two replications");
  const double n = static_cast<double>(samples.size());
  double sum = 0;
  for (double x : samples) sum += x;
  const double mean = sum / n;
  double squares = 0;
  for (double x : samples) squares += (x - mean) * (x - mean);
  const double sd = std::sqrt(squares / (n - 1));
  return {mean, student_t_975(samples.size() - 1) * sd / std::sqrt(n), samples.size()};
}

}  // namespace provsim::theory
