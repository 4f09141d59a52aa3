#include "reports/decimal_compare.hpp"

#include <gtest/gtest.h>

namespace provsim::reports {
namespace {

TEST(DecimalCompare, RecognisesDecimals) {
  EXPECT_TRUE(is_decimal("0"));
  EXPECT_TRUE(is_decimal("-12.50"));
  EXPECT_TRUE(is_decimal("+3"));
  EXPECT_TRUE(is_decimal(".5"));
  EXPECT_FALSE(is_decimal(""));
  EXPECT_FALSE(is_decimal("-"));
  EXPECT_FALSE(is_decimal("5."));
  EXPECT_FALSE(is_decimal("1e3"));
  EXPECT_FALSE(is_decimal("1.2.3"));
  EXPECT_FALSE(is_decimal(" 1"));
}

TEST(DecimalCompare, ComparesExactly) {
  EXPECT_EQ(compare_decimal("12.5", "12.50"), 0);
  EXPECT_EQ(compare_decimal("0.1", "0.10000000000000000001"), -1);
  EXPECT_EQ(compare_decimal("100", "99.999"), 1);
  EXPECT_EQ(compare_decimal("-0", "0.00"), 0);
  EXPECT_EQ(compare_decimal("-2", "-10"), 1);
  EXPECT_EQ(compare_decimal("-2.5", "1"), -1);
  EXPECT_EQ(compare_decimal("007", "7"), 0);
  EXPECT_EQ(compare_decimal("abc", "7"), std::nullopt);
}

}  // namespace
}  // namespace provsim::reports
