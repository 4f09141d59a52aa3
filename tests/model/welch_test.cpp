#include <gtest/gtest.h>

#include <vector>

#include "model/theory/welch.hpp"

namespace provsim::theory {
namespace {

// The worked examples of Welch's t-test in Wikipedia's article "Welch's
// t-test" (section Examples), which gives t, the Welch-Satterthwaite degrees
// of freedom and the two-sided p-value to two or three figures.
TEST(WelchTest, MatchesThePublishedExampleWithEqualSizes) {
  const std::vector<double> a = {27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4};
  const std::vector<double> b = {27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4};
  const auto r = welch_t_test(sample_stats(a), sample_stats(b));
  EXPECT_NEAR(r.t, -2.46, 0.005);
  EXPECT_NEAR(r.df, 25.0, 0.05);
  EXPECT_NEAR(r.p_value, 0.021, 0.0005);
}

TEST(WelchTest, MatchesThePublishedExampleWithUnequalSizes) {
  const std::vector<double> a = {17.2, 20.9, 22.6, 18.1, 21.7, 21.4, 23.5, 24.2, 14.7, 21.8};
  const std::vector<double> b = {21.5, 22.8, 21.0, 23.0, 21.6, 23.6, 22.5, 20.7, 23.4, 21.8, 20.7, 21.7, 21.5, 22.5,
                                 23.6, 21.5, 22.5, 23.5, 21.5, 21.8};
  const auto r = welch_t_test(sample_stats(a), sample_stats(b));
  EXPECT_NEAR(r.t, -1.57, 0.005);
  EXPECT_NEAR(r.df, 9.9, 0.05);
  EXPECT_NEAR(r.p_value, 0.149, 0.0005);
}

TEST(WelchTest, ExactEqualityAndExactDifferenceWithoutNoise) {
  const std::vector<double> same = {5, 5, 5};
  const std::vector<double> more = {6, 6, 6};
  EXPECT_EQ(welch_t_test(sample_stats(same), sample_stats(same)).p_value, 1.0);
  EXPECT_EQ(welch_t_test(sample_stats(same), sample_stats(more)).p_value, 0.0);
}

TEST(WelchTest, RefusesASideWithOneSample) {
  const std::vector<double> one = {1};
  const std::vector<double> two = {1, 2};
  EXPECT_THROW(welch_t_test(sample_stats(one), sample_stats(two)), std::invalid_argument);
}

TEST(WelchTest, StudentQuantileMatchesTheTable) {
  EXPECT_NEAR(student_t_quantile(0.975, 10), 2.2281, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 1), 12.7062, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.95, 4), 2.1318, 1e-4);
}

}  // namespace
}  // namespace provsim::theory
