// Reading amounts: exact micro-units from plain decimals, and amounts beyond
// 64-bit micro-units refused rather than wrapped.
#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>

#include "model/money/money.hpp"
#include "model/money/quantity.hpp"

namespace provsim {
namespace {

TEST(MoneyParse, ReadsPlainDecimalsExactly) {
  EXPECT_EQ(Money::parse("12.5").micros(), 12'500'000);
  EXPECT_EQ(Money::parse("-0.000001").micros(), -1);
  EXPECT_EQ(Money::parse("+3").micros(), 3'000'000);
  EXPECT_THROW(Money::parse("1.0000001"), std::invalid_argument);
  EXPECT_THROW(Money::parse("1e3"), std::invalid_argument);
}

TEST(MoneyParse, TheLargestAmountsReadBackExactly) {
  EXPECT_EQ(Money::parse("9223372036854.775807").micros(), INT64_MAX);
  EXPECT_EQ(Money::parse("-9223372036854.775807").micros(), -INT64_MAX);
  EXPECT_EQ(Money::parse(Money::from_micros(INT64_MAX).to_string()).micros(), INT64_MAX);
}

// Found by the units fuzzer: a 13-digit whole part passed the digit check
// and overflowed when scaled to micro-units (undefined behaviour, in practice
// a negative amount).
TEST(MoneyParse, AmountsBeyondSixtyFourBitMicroUnitsAreAnError) {
  EXPECT_THROW(Money::parse("9223372036855.775807"), std::invalid_argument);
  EXPECT_THROW(Money::parse("9223372036854.775808"), std::invalid_argument);
  EXPECT_THROW(Money::parse("9999999999999"), std::invalid_argument);
  EXPECT_THROW(Money::parse("-9223372036855"), std::invalid_argument);
  EXPECT_THROW(Quantity::parse("9223372036855"), std::invalid_argument);
}

}  // namespace
}  // namespace provsim
