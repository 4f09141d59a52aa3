#pragma once
// Welch's t-test: do two sets of independent replications have different
// means, without assuming equal variances? t = (mean_a - mean_b) /
// sqrt(s_a^2/n_a + s_b^2/n_b) with the Welch-Satterthwaite degrees of
// freedom; the two-sided p-value comes from Student's t distribution
// (Boost.Math). Each side needs at least two samples.

#include <cstddef>
#include <span>

namespace provsim::theory {

struct SampleStats {
  double mean = 0;
  double variance = 0;  // unbiased (n - 1)
  std::size_t n = 0;
};

SampleStats sample_stats(std::span<const double> samples);

struct WelchResult {
  double t = 0;
  double df = 0;
  double p_value = 1;  // two-sided
};

// Both sides with zero variance: p = 1 when the means are equal, else 0 (the
// difference is exact, not noise). Throws std::invalid_argument when a side
// has fewer than two samples.
WelchResult welch_t_test(const SampleStats& a, const SampleStats& b);

// The quantile of Student's t with `df` (real, > 0) degrees of freedom.
double student_t_quantile(double probability, double df);

}  // namespace provsim::theory
