#include "reports/expectation.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>

namespace provsim::reports {
namespace {

const std::map<std::string, Value> kMetrics = {
    {"orders.completed", std::int64_t{950}},
    {"orders.big", std::int64_t{9007199254740993}},  // 2^53 + 1: not a double
    {"ip.blocking", 0.015},
    {"ip.nan", std::numeric_limits<double>::quiet_NaN()},
    {"money.conserved", true},
    {"revenue.isp1", std::string("1234.50")},
    {"policy", std::string("borrow")},
};

bool passes(const std::string& metric, const std::string& op, const std::string& value) {
  return evaluate(Expectation{metric, op, value, 7}, kMetrics).passed;
}

TEST(Expectation, IntegerEveryOperator) {
  EXPECT_TRUE(passes("orders.completed", "==", "950"));
  EXPECT_FALSE(passes("orders.completed", "==", "951"));
  EXPECT_TRUE(passes("orders.completed", "!=", "951"));
  EXPECT_FALSE(passes("orders.completed", "!=", "950"));
  EXPECT_TRUE(passes("orders.completed", "<", "951"));
  EXPECT_FALSE(passes("orders.completed", "<", "950"));
  EXPECT_TRUE(passes("orders.completed", "<=", "950"));
  EXPECT_FALSE(passes("orders.completed", "<=", "949"));
  EXPECT_TRUE(passes("orders.completed", ">", "949"));
  EXPECT_FALSE(passes("orders.completed", ">", "950"));
  EXPECT_TRUE(passes("orders.completed", ">=", "950"));
  EXPECT_FALSE(passes("orders.completed", ">=", "951"));
}

TEST(Expectation, IntegersCompareExactlyEvenBeyondDoublePrecision) {
  // As doubles both sides would be 9007199254740992.
  EXPECT_FALSE(passes("orders.big", "==", "9007199254740992"));
  EXPECT_TRUE(passes("orders.big", ">", "9007199254740992"));
  EXPECT_TRUE(passes("orders.big", "==", "9007199254740993"));
}

TEST(Expectation, IntegerAgainstDecimalAndExponent) {
  EXPECT_TRUE(passes("orders.completed", "<", "950.5"));
  EXPECT_TRUE(passes("orders.completed", "==", "950.000"));
  EXPECT_TRUE(passes("orders.completed", "<", "1e3"));
}

TEST(Expectation, DoubleEveryOperator) {
  EXPECT_TRUE(passes("ip.blocking", "==", "0.015"));
  EXPECT_TRUE(passes("ip.blocking", "!=", "0.02"));
  EXPECT_TRUE(passes("ip.blocking", "<", "0.02"));
  EXPECT_FALSE(passes("ip.blocking", "<", "0.01"));
  EXPECT_TRUE(passes("ip.blocking", "<=", "0.015"));
  EXPECT_TRUE(passes("ip.blocking", ">", "1.5e-2") == false);
  EXPECT_TRUE(passes("ip.blocking", ">=", "1.5e-2"));
  EXPECT_TRUE(passes("ip.blocking", ">", "0.01"));
}

TEST(Expectation, NanFailsEverythingButNotEqual) {
  EXPECT_FALSE(passes("ip.nan", "==", "0"));
  EXPECT_FALSE(passes("ip.nan", "<", "1"));
  EXPECT_FALSE(passes("ip.nan", ">=", "0"));
  EXPECT_TRUE(passes("ip.nan", "!=", "0"));
  EXPECT_EQ(evaluate(Expectation{"ip.nan", "<", "1", 1}, kMetrics).actual, "NaN");
}

TEST(Expectation, Booleans) {
  EXPECT_TRUE(passes("money.conserved", "==", "true"));
  EXPECT_FALSE(passes("money.conserved", "==", "false"));
  EXPECT_TRUE(passes("money.conserved", "!=", "false"));
  EXPECT_FALSE(passes("money.conserved", "!=", "true"));
  Verdict ordered = evaluate(Expectation{"money.conserved", "<", "true", 3}, kMetrics);
  EXPECT_FALSE(ordered.passed);
  EXPECT_EQ(ordered.actual, "true (a boolean takes only == and !=)");
  Verdict bad = evaluate(Expectation{"money.conserved", "==", "yes", 3}, kMetrics);
  EXPECT_FALSE(bad.passed);
  EXPECT_EQ(bad.actual, "true ('yes' is not true or false)");
}

TEST(Expectation, MoneyTextComparesAsExactDecimal) {
  EXPECT_TRUE(passes("revenue.isp1", "==", "1234.5"));
  EXPECT_TRUE(passes("revenue.isp1", ">=", "1234.50"));
  EXPECT_TRUE(passes("revenue.isp1", ">", "1234.49"));
  EXPECT_TRUE(passes("revenue.isp1", "<", "1234.51"));
  EXPECT_TRUE(passes("revenue.isp1", "<=", "01234.500"));
  EXPECT_TRUE(passes("revenue.isp1", "!=", "-1234.50"));
}

TEST(Expectation, TextEqualityOnly) {
  EXPECT_TRUE(passes("policy", "==", "borrow"));
  EXPECT_FALSE(passes("policy", "==", "reject"));
  EXPECT_TRUE(passes("policy", "!=", "reject"));
  EXPECT_FALSE(passes("policy", "!=", "borrow"));
  Verdict ordered = evaluate(Expectation{"policy", ">", "a", 2}, kMetrics);
  EXPECT_FALSE(ordered.passed);
  EXPECT_EQ(ordered.actual, "borrow (text takes only == and !=)");
}

TEST(Expectation, NumberAgainstNonNumberFailsWithReason) {
  Verdict v = evaluate(Expectation{"orders.completed", ">=", "lots", 4}, kMetrics);
  EXPECT_FALSE(v.passed);
  EXPECT_EQ(v.actual, "950 ('lots' is not a number)");
  EXPECT_FALSE(passes("ip.blocking", "<", "low"));
}

TEST(Expectation, MissingMetricFails) {
  Verdict v = evaluate(Expectation{"orders.lost", "==", "0", 9}, kMetrics);
  EXPECT_FALSE(v.passed);
  EXPECT_EQ(v.actual, "missing");
  EXPECT_EQ(v.expectation, "orders.lost == 0");
  EXPECT_FALSE(passes("orders.lost", "!=", "0"));
}

TEST(Expectation, VerdictNamesExpectationAndActual) {
  Verdict v = evaluate(Expectation{"orders.completed", ">=", "960", 5}, kMetrics);
  EXPECT_EQ(v.expectation, "orders.completed >= 960");
  EXPECT_EQ(v.actual, "950");
  EXPECT_FALSE(v.passed);
}

TEST(Expectation, UnknownOperatorThrows) {
  EXPECT_THROW(evaluate(Expectation{"orders.completed", "=>", "1", 12}, kMetrics), std::invalid_argument);
  EXPECT_FALSE(is_comparison_operator("="));
  EXPECT_TRUE(is_comparison_operator("<="));
}

TEST(Expectation, ListKeepsOrder) {
  auto verdicts = evaluate({{"orders.completed", ">=", "950", 1}, {"orders.lost", "==", "0", 2}}, kMetrics);
  ASSERT_EQ(verdicts.size(), 2u);
  EXPECT_TRUE(verdicts[0].passed);
  EXPECT_EQ(verdicts[1].actual, "missing");
}

}  // namespace
}  // namespace provsim::reports
