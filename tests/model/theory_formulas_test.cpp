#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "model/theory/confidence.hpp"
#include "model/theory/engset.hpp"
#include "model/theory/erlang.hpp"

namespace provsim::theory {
namespace {

// The stationary distribution of a continuous-time Markov chain with
// generator Q (rows sum to 0): solves p Q = 0, sum p = 1 by Gaussian
// elimination with partial pivoting. Deliberately a different method from the
// recursions under test.
std::vector<double> stationary(std::vector<std::vector<double>> q) {
  const std::size_t n = q.size();
  // Equations: column j of Q dotted with p is 0; the last one is replaced by
  // the normalisation.
  std::vector<std::vector<double>> a(n, std::vector<double>(n + 1, 0.0));
  for (std::size_t row = 0; row < n; ++row)
    for (std::size_t col = 0; col < n; ++col) a[row][col] = q[col][row];
  for (std::size_t col = 0; col <= n; ++col) a[n - 1][col] = 1.0;
  for (std::size_t k = 0; k < n; ++k) {
    std::size_t pivot = k;
    for (std::size_t r = k + 1; r < n; ++r)
      if (std::abs(a[r][k]) > std::abs(a[pivot][k])) pivot = r;
    std::swap(a[k], a[pivot]);
    for (std::size_t r = 0; r < n; ++r) {
      if (r == k || a[r][k] == 0.0) continue;
      const double f = a[r][k] / a[k][k];
      for (std::size_t c = k; c <= n; ++c) a[r][c] -= f * a[k][c];
    }
  }
  std::vector<double> p(n);
  for (std::size_t i = 0; i < n; ++i) p[i] = a[i][n] / a[i][i];
  return p;
}

// A birth-death chain on 0..n-1.
template <typename Birth, typename Death>
std::vector<double> birth_death(std::size_t states, Birth birth, Death death) {
  std::vector<std::vector<double>> q(states, std::vector<double>(states, 0.0));
  for (std::size_t k = 0; k < states; ++k) {
    if (k + 1 < states) q[k][k + 1] = birth(k);
    if (k > 0) q[k][k - 1] = death(k);
    q[k][k] = -((k + 1 < states ? q[k][k + 1] : 0.0) + (k > 0 ? q[k][k - 1] : 0.0));
  }
  return stationary(q);
}

TEST(ErlangB, PublishedValues) {
  EXPECT_NEAR(erlang_b(10, 5), 0.018384, 1e-6);
  EXPECT_DOUBLE_EQ(erlang_b(1, 1), 0.5);
  EXPECT_DOUBLE_EQ(erlang_b(2, 1), 0.2);  // (1/2) / (1 + 1 + 1/2)
  EXPECT_DOUBLE_EQ(erlang_b(0, 3), 1.0);
  EXPECT_DOUBLE_EQ(erlang_b(5, 0), 0.0);
  // Erlang B tables: 100 circuits carry 84.06 erlangs at 1 % blocking.
  EXPECT_NEAR(erlang_b(100, 84.06), 0.01, 1e-4);
  EXPECT_THROW(erlang_b(3, -1), std::invalid_argument);
}

TEST(ErlangB, StaysStableForAMillionServers) {
  // At A = C the blocking tends to sqrt(2 / (pi C)).
  const double c = 1e6;
  const double b = erlang_b(1000000, c);
  EXPECT_NEAR(b, std::sqrt(2.0 / (3.141592653589793 * c)), 0.01 * b);
  EXPECT_LT(erlang_b(1000000, 0.9e6), 1e-100);  // far below capacity: nothing blocked
  EXPECT_NEAR(erlang_b(1000000, 2e6), 0.5, 1e-3);  // overload: B -> 1 - C/A
}

TEST(ErlangB, MatchesTheLossChain) {
  for (double a : {2.0, 7.5, 15.0}) {
    const std::size_t c = 10;
    const auto p = birth_death(c + 1, [&](std::size_t) { return a; }, [](std::size_t k) { return double(k); });
    EXPECT_NEAR(erlang_b(c, a), p[c], 1e-10) << a;
  }
}

TEST(ErlangC, MatchesTheQueueingChain) {
  // M/M/c with mean holding 1 and arrival rate A, truncated far out.
  for (const auto& [agents, load] : {std::pair<std::size_t, double>{10, 8.0}, {3, 2.5}, {50, 45.0}}) {
    // Plain copies: clang 14 cannot capture structured bindings in lambdas.
    const std::size_t c = agents;
    const double a = load;
    const std::size_t states = c + 400;
    const auto p = birth_death(states, [&](std::size_t) { return a; },
                               [&](std::size_t k) { return double(std::min(k, c)); });
    double wait = 0, queue = 0;
    for (std::size_t k = c; k < states; ++k) {
      wait += p[k];
      queue += double(k - c) * p[k];
    }
    EXPECT_NEAR(erlang_c(c, a), wait, 1e-9) << c << " " << a;
    EXPECT_NEAR(erlang_c_mean_wait(c, a, 1.0), queue / a, 1e-8) << c << " " << a;  // Little: Wq = Lq / lambda
  }
  EXPECT_NEAR(erlang_c(10, 8), 0.40918, 1e-5);  // published Erlang C table value
  EXPECT_DOUBLE_EQ(erlang_c(4, 4), 1.0);
  EXPECT_TRUE(std::isinf(erlang_c_mean_wait(4, 5, 1)));
  // A mean holding of 180 s scales the wait: C h / (c - A).
  EXPECT_NEAR(erlang_c_mean_wait(10, 8, 180), 0.40918 * 180 / 2, 1e-2);
}

TEST(Engset, TimeAndCallCongestionMatchTheChain) {
  for (const auto& [subscribers, addresses, beta] :
       {std::tuple<std::size_t, std::size_t, double>{20, 10, 0.5}, {12, 4, 0.2}, {50, 30, 1.5}}) {
    // Plain copies: clang 14 cannot capture structured bindings in lambdas.
    const std::size_t n = subscribers, c = addresses;
    const double gamma = beta;  // mean holding 1
    const auto p = birth_death(c + 1, [&](std::size_t k) { return double(n - k) * gamma; },
                               [](std::size_t k) { return double(k); });
    double arrivals = 0;
    for (std::size_t k = 0; k <= c; ++k) arrivals += double(n - k) * gamma * p[k];
    const double call = double(n - c) * gamma * p[c] / arrivals;
    EXPECT_NEAR(engset_time_congestion(n, c, beta), p[c], 1e-10);
    EXPECT_NEAR(engset_call_congestion(n, c, beta), call, 1e-10);
    EXPECT_LT(engset_call_congestion(n, c, beta), engset_time_congestion(n, c, beta));
  }
  EXPECT_DOUBLE_EQ(engset_call_congestion(5, 5, 3.0), 0.0);  // never more than 4 others
  EXPECT_GT(engset_time_congestion(5, 5, 3.0), 0.0);
  EXPECT_DOUBLE_EQ(engset_time_congestion(5, 6, 3.0), 0.0);
  // Many sources with small traffic each: Erlang B with A = N beta.
  EXPECT_NEAR(engset_call_congestion(1000000, 10, 5e-6), erlang_b(10, 5), 1e-5);
}

TEST(Confidence, StudentTQuantiles) {
  EXPECT_DOUBLE_EQ(student_t_975(1), 12.7062);
  EXPECT_DOUBLE_EQ(student_t_975(9), 2.2622);
  EXPECT_NEAR(student_t_975(40), 2.0211, 1e-4);
  EXPECT_NEAR(student_t_975(120), 1.9799, 1e-4);
  EXPECT_NEAR(student_t_975(100000), 1.96, 1e-3);
  EXPECT_THROW(student_t_975(0), std::invalid_argument);
}

TEST(Confidence, IntervalOverReplications) {
  const std::vector<double> x = {1, 2, 3, 4, 5};
  const ConfidenceInterval ci = confidence_interval_95(x);
  EXPECT_DOUBLE_EQ(ci.mean, 3.0);
  // t(0.975, 4) * sqrt(2.5) / sqrt(5) = 2.7764 * 0.70711
  EXPECT_NEAR(ci.half_width, 1.963215, 1e-5);
  EXPECT_TRUE(ci.contains(4.9));
  EXPECT_FALSE(ci.contains(5.0));
  EXPECT_EQ(ci.samples, 5u);
  EXPECT_THROW(confidence_interval_95(std::vector<double>{1.0}), std::invalid_argument);
}

}  // namespace
}  // namespace provsim::theory
