#pragma once
// Confidence intervals over independent replications: the mean of the
// replications' results and a two-sided 95 % interval from Student's t with
// n - 1 degrees of freedom, half-width t(0.975, n-1) * s / sqrt(n).

#include <cstddef>
#include <span>

namespace provsim::theory {

struct ConfidenceInterval {
  double mean = 0;
  double half_width = 0;
  std::size_t samples = 0;

  double lower() const { return mean - half_width; }
  double upper() const { return mean + half_width; }
  bool contains(double x) const { return x >= lower() && x <= upper(); }
};

// The 0.975 quantile of Student's t with `df` degrees of freedom (table to
// df = 30, then the Cornish-Fisher expansion; within 1e-4).
double student_t_975(std::size_t df);

// Needs at least two samples (throws std::invalid_argument otherwise).
ConfidenceInterval confidence_interval_95(std::span<const double> samples);

}  // namespace provsim::theory
