// Named rounding, exact products, quantities and percentages.
#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "model/money/percentage.hpp"
#include "model/money/quantity.hpp"
#include "model/money/rounding.hpp"

namespace provsim {
namespace {

struct DivideCase {
  std::int64_t numerator;
  std::int64_t denominator;
  std::int64_t up, down, half_up, half_even;
};

TEST(Rounding, EveryModeOnHalfwayAndNonHalfwayQuotients) {
  const DivideCase cases[] = {
      // n / d        up  down half_up half_even
      {5, 2, 3, 2, 3, 2},      // 2.5: tie, even neighbour is 2
      {7, 2, 4, 3, 4, 4},      // 3.5: tie, even neighbour is 4
      {-5, 2, -3, -2, -3, -2}, // -2.5: away from zero vs even
      {-7, 2, -4, -3, -4, -4},
      {7, 3, 3, 2, 2, 2},      // 2.333
      {8, 3, 3, 2, 3, 3},      // 2.667
      {-8, 3, -3, -2, -3, -3},
      {6, 3, 2, 2, 2, 2},      // exact: no mode changes it
      {0, 7, 0, 0, 0, 0},
      {1, 1000000, 1, 0, 0, 0},
      {500000, 1000000, 1, 0, 1, 0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.numerator) + "/" + std::to_string(c.denominator));
    EXPECT_EQ(divide_rounded(c.numerator, c.denominator, Rounding::kUp), c.up);
    EXPECT_EQ(divide_rounded(c.numerator, c.denominator, Rounding::kDown), c.down);
    EXPECT_EQ(divide_rounded(c.numerator, c.denominator, Rounding::kHalfUp), c.half_up);
    EXPECT_EQ(divide_rounded(c.numerator, c.denominator, Rounding::kHalfEven), c.half_even);
  }
}

// The inline 64-bit division (hot paths) rounds exactly as divide_rounded,
// for both signs, ties and the 64-bit edges.
TEST(Rounding, SixtyFourBitDivisionEqualsTheGeneralOne) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  std::vector<std::int64_t> ns = {0, 1, -1, 2, -2, 3, -3, 5, -5, 15, -15, 25, -25, kMax, -kMax, kMax - 1};
  std::vector<std::int64_t> ds = {1, 2, 3, 4, 5, 10, 7, 100, 1'000'000, kMax, kMax - 1};
  std::uint64_t x = 0x9E3779B97F4A7C15ULL;
  for (int i = 0; i < 2000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    const auto bits = static_cast<int>(x % 63);
    const auto n = static_cast<std::int64_t>(x >> 1) >> (62 - bits);
    ns.push_back(i % 2 ? n : -n);
    ds.push_back(static_cast<std::int64_t>((x >> 5) % 1000 + 1));
  }
  for (std::int64_t d : ds)
    for (std::size_t i = 0; i < ns.size(); i += (d > 1000 ? 1 : 7))
      for (Rounding r : {Rounding::kUp, Rounding::kDown, Rounding::kHalfUp, Rounding::kHalfEven}) {
        // Ties too: n = d x k + d / 2 for even d.
        const std::int64_t n = ns[i];
        ASSERT_EQ(divide_rounded_64(n, d, r), divide_rounded(n, d, r)) << n << " / " << d << " " << to_string(r);
        if (d % 2 == 0 && n > -kMax / 2 && n < kMax / 2) {
          const std::int64_t tie = n / d * d + d / 2;
          ASSERT_EQ(divide_rounded_64(tie, d, r), divide_rounded(tie, d, r)) << tie << " / " << d;
          ASSERT_EQ(divide_rounded_64(-tie, d, r), divide_rounded(-tie, d, r)) << -tie << " / " << d;
        }
      }
}

TEST(Rounding, ParsesPlainAndCgratesNames) {
  EXPECT_EQ(parse_rounding("up"), Rounding::kUp);
  EXPECT_EQ(parse_rounding("*up"), Rounding::kUp);
  EXPECT_EQ(parse_rounding("*middle"), Rounding::kHalfUp);
  EXPECT_EQ(parse_rounding("*down"), Rounding::kDown);
  EXPECT_EQ(parse_rounding("half_even"), Rounding::kHalfEven);
  EXPECT_FALSE(parse_rounding("nearest").has_value());
  EXPECT_EQ(to_string(Rounding::kHalfEven), "half_even");
}

TEST(Rounding, ToDecimals) {
  const Money m = Money::parse("0.125");
  EXPECT_EQ(round_to_decimals(m, 2, Rounding::kHalfUp), Money::parse("0.13"));
  EXPECT_EQ(round_to_decimals(m, 2, Rounding::kHalfEven), Money::parse("0.12"));
  EXPECT_EQ(round_to_decimals(m, 2, Rounding::kDown), Money::parse("0.12"));
  EXPECT_EQ(round_to_decimals(Money::parse("0.120001"), 2, Rounding::kUp), Money::parse("0.13"));
  EXPECT_EQ(round_to_decimals(Money::parse("-0.125"), 2, Rounding::kHalfUp), Money::parse("-0.13"));
  EXPECT_EQ(round_to_decimals(m, 6, Rounding::kUp), m);
  EXPECT_EQ(round_to_decimals(Money::parse("2.5"), 0, Rounding::kHalfEven), Money::units(2));
}

TEST(Rounding, MulDivUsesWideProductsBeyond64Bits) {
  // 9e12 units x 3e6 overflows 64 bits before the division by 1e6.
  const Money big = Money::units(9'000'000'000'000);
  EXPECT_EQ(mul_div(big, 3'000'000, 3'000'000, Rounding::kDown), big);
  EXPECT_EQ(mul_div(big, 1, 3, Rounding::kHalfUp).micros(), 3'000'000'000'000'000'000);
  // A quotient that does not fit in 64 bits is a broken invariant.
  EXPECT_THROW(mul_div(big, 1'000'000, 1, Rounding::kDown), std::logic_error);
}

TEST(Quantity, ParsesMilliUnitsExactly) {
  EXPECT_EQ(Quantity::parse("1.5").millis(), 1500);
  EXPECT_EQ(Quantity::parse("-0.001").millis(), -1);
  EXPECT_EQ(Quantity::parse("12").millis(), 12000);
  EXPECT_THROW(Quantity::parse("0.0001"), std::invalid_argument);
  EXPECT_THROW(Quantity::parse("1e3"), std::invalid_argument);
  EXPECT_EQ(Quantity::from_millis(1500).to_string(), "1.500");
}

TEST(Quantity, PriceTimesQuantityRoundsOnlyWhereNamed) {
  EXPECT_EQ(price_times(Money::parse("3.99"), Quantity::parse("0.333"), Rounding::kUp), Money::parse("1.32867"));
  // 0.000001 x 0.5 = half a micro-unit: a tie.
  const Money micro = Money::from_micros(1);
  const Quantity half = Quantity::parse("0.5");
  EXPECT_EQ(price_times(micro, half, Rounding::kHalfUp).micros(), 1);
  EXPECT_EQ(price_times(micro, half, Rounding::kHalfEven).micros(), 0);
  EXPECT_EQ(price_times(micro, half, Rounding::kDown).micros(), 0);
  EXPECT_EQ(price_times(micro, half, Rounding::kUp).micros(), 1);
}

TEST(Percentage, ParsesPercentToMillionths) {
  EXPECT_EQ(Percentage::parse_percent("70").millionths(), 700000);
  EXPECT_EQ(Percentage::parse_percent("33.3333").millionths(), 333333);
  EXPECT_EQ(Percentage::from_basis_points(2500).millionths(), 250000);
  EXPECT_THROW(Percentage::parse_percent("1.00001"), std::invalid_argument);
  EXPECT_THROW(Percentage::parse_percent("ten"), std::invalid_argument);
  EXPECT_EQ(Percentage::parse_percent("12.5").to_string(), "12.5000");
}

TEST(Percentage, AppliesWithNamedRounding) {
  // 33.3333 % of 1.00 = 0.333333 exactly; 70 % of 0.000001 = 0.7 micro.
  EXPECT_EQ(apply(Percentage::parse_percent("33.3333"), Money::units(1), Rounding::kDown), Money::parse("0.333333"));
  EXPECT_EQ(apply(Percentage::parse_percent("70"), Money::from_micros(1), Rounding::kHalfUp).micros(), 1);
  EXPECT_EQ(apply(Percentage::parse_percent("50"), Money::from_micros(1), Rounding::kHalfEven).micros(), 0);
  EXPECT_EQ(apply(Percentage::parse_percent("50"), Money::from_micros(3), Rounding::kHalfEven).micros(), 2);
}

}  // namespace
}  // namespace provsim
