#include "model/theory/welch.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace provsim::theory {

SampleStats sample_stats(std::span<const double> samples) {
  SampleStats s;
  s.n = samples.size();
  if (s.n == 0) return s;
  double sum = 0;
  for (double x : samples) sum += x;
  s.mean = sum / static_cast<double>(s.n);
  if (s.n < 2) return s;
  double squares = 0;
  for (double x : samples) squares += (x - s.mean) * (x - s.mean);
  s.variance = squares / static_cast<double>(s.n - 1);
  return s;
}

WelchResult welch_t_test(const SampleStats& a, const SampleStats& b) {
  if (a.n < 2 || b.n < 2) throw std::invalid_argument("Welch's t-test needs at least two samples on each side");
  const double va = a.variance / static_cast<double>(a.n);
  const double vb = b.variance / static_cast<double>(b.n);
  const double se2 = va + vb;
  WelchResult r;
  if (se2 == 0) {
    r.p_value = a.mean == b.mean ? 1.0 : 0.0;
    r.t = a.mean == b.mean ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), a.mean - b.mean);
    r.df = static_cast<double>(a.n + b.n - 2);
    return r;
  }
  r.t = (a.mean - b.mean) / std::sqrt(se2);
  r.df = se2 * se2 / (va * va / static_cast<double>(a.n - 1) + vb * vb / static_cast<double>(b.n - 1));
  const boost::math::students_t dist(r.df);
  r.p_value = 2 * boost::math::cdf(boost::math::complement(dist, std::fabs(r.t)));
  return r;
}

double student_t_quantile(double probability, double df) {
  if (!(df > 0) || !(probability > 0 && probability < 1))
    throw std::invalid_argument("Student t quantile needs df > 0 and 0 < p < 1");
  return boost::math::quantile(boost::math::students_t(df), probability);
}

}  // namespace provsim::theory
