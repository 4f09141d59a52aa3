// The per_unit fast path (first stage, whole cost per increment, 32-bit
// reciprocal divisions) against the general stage walk: equal for every
// tariff and quantity, rounding ties and stage boundaries included.
#include <gtest/gtest.h>

#include <array>
#include <limits>

#include "model/core/random.hpp"
#include "model/rating/per_unit.hpp"

namespace provsim {
namespace {

constexpr std::array kRoundings = {Rounding::kUp, Rounding::kDown, Rounding::kHalfUp, Rounding::kHalfEven};

TEST(Divider32, EqualsTheHardwaresDivision) {
  Rng rng = Rng::stream(1, "divider32");
  std::vector<std::uint32_t> divisors = {2, 3, 5, 7, 10, 60, 1000, 60'000, 65'535, 65'536, 65'537,
                                         0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFE, 0xFFFFFFFF};
  for (int i = 0; i < 200; ++i) divisors.push_back(static_cast<std::uint32_t>(2 + rng.below(0xFFFFFFFEu)));
  for (int i = 0; i < 200; ++i) divisors.push_back(static_cast<std::uint32_t>(2 + rng.below(5000)));
  for (std::uint32_t d : divisors) {
    const Divider32 div(d);
    std::vector<std::uint32_t> ns = {0, 1, d - 1, d, 0xFFFFFFFF, 0xFFFFFFFE, 0x80000000};
    if (d < 0xFFFFFFFF) ns.push_back(d + 1);
    for (std::uint32_t m = 2; m < 40 && static_cast<std::uint64_t>(d) * m <= 0xFFFFFFFF; ++m) {
      ns.push_back(d * m - 1);
      ns.push_back(d * m);
    }
    for (int i = 0; i < 300; ++i) ns.push_back(static_cast<std::uint32_t>(rng.next()));
    for (std::uint32_t n : ns) {
      ASSERT_EQ(div.quotient(n), n / d) << n << " / " << d;
      ASSERT_EQ(div.remainder(n), n % d) << n << " % " << d;
    }
  }
}

// A Rates.csv row in milli-items (the tests meter in items).
struct RateStage {
  Money connect_fee, rate;
  Quantity unit, increment, group_start;
};

PerUnitTariff make_tariff(const std::vector<RateStage>& stages, Rounding rounding, int decimals,
                          CgrOptions options = {}) {
  CgrInterval iv;
  iv.rating.connect_fee = stages.front().connect_fee;
  iv.rating.method = rounding;
  iv.rating.decimals = decimals;
  for (const auto& st : stages)
    iv.rating.stages.push_back(
        CgrStage{st.group_start.millis(), st.rate.micros() * 1'000'000, st.unit.millis(), st.increment.millis()});
  return PerUnitTariff(CgrTariff(UsageDimension::kCount, {iv}, options), usage_unit("item"));
}

// A random valid tariff: 1-3 stages, rates, units and increments from
// "round" values (whole costs per increment, the usual case) and odd ones.
std::vector<RateStage> random_stages(Rng& rng) {
  const auto pick = [&](std::initializer_list<std::int64_t> round, std::int64_t odd_max) {
    if (rng.bernoulli(0.6)) return *(round.begin() + static_cast<std::ptrdiff_t>(rng.below(round.size())));
    return static_cast<std::int64_t>(1 + rng.below(static_cast<std::uint64_t>(odd_max)));
  };
  const std::size_t n = 1 + rng.below(3);
  std::vector<RateStage> stages;
  std::int64_t start = 0;
  for (std::size_t i = 0; i < n; ++i) {
    RateStage st;
    st.connect_fee = Money::from_micros(pick({0, 10'000, 200'000, 1}, 999'999));
    st.rate = Money::from_micros(pick({0, 60'000, 100'000, 1'000'000, 5, 1}, 5'000'000));
    st.unit = Quantity::from_millis(pick({1'000, 60'000, 1, 1'000'000}, 3'600'000));
    st.increment = Quantity::from_millis(pick({1, 1'000, 30'000, 60'000, 1'024'000}, 120'000));
    st.group_start = Quantity::from_millis(start);
    stages.push_back(st);
    start += static_cast<std::int64_t>(1 + rng.below(rng.bernoulli(0.5) ? 100'000 : 5'000'000));
  }
  return stages;
}

// Quantities at and around the places where the result changes: multiples
// of the first increment, the first stage's end, 0 and 1, the 32-bit edge.
std::vector<std::int64_t> probe_quantities(Rng& rng, const std::vector<RateStage>& stages) {
  const std::int64_t inc = stages.front().increment.millis();
  const std::int64_t end = stages.size() > 1 ? stages[1].group_start.millis() : 10'000'000;
  std::vector<std::int64_t> qs = {0, 1, 2, inc - 1, inc, inc + 1, end - 1, end, end + 1, 2 * end + 3,
                                  0xFFFFFFFFLL, 0x100000000LL, 0x100000001LL, std::int64_t{1} << 40};
  for (int i = 0; i < 20; ++i) {
    const std::int64_t k = static_cast<std::int64_t>(1 + rng.below(1000));
    qs.push_back(k * inc - 1);
    qs.push_back(k * inc);
    qs.push_back(k * inc + 1);
  }
  for (int i = 0; i < 40; ++i) qs.push_back(static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(end) * 2 + 2)));
  return qs;
}

TEST(PerUnitFast, EqualsTheStageWalkOnRandomTariffs) {
  Rng rng = Rng::stream(2, "per-unit-fast");
  std::int64_t fast = 0, total = 0;
  for (int t = 0; t < 3000; ++t) {
    const auto stages = random_stages(rng);
    const Rounding rounding = kRoundings[rng.below(kRoundings.size())];
    const int decimals = static_cast<int>(rng.below(7));
    const CgrOptions options{static_cast<int>(rng.below(7)), rng.bernoulli(0.5) ? RoundingPath::kCost : RoundingPath::kDebit};
    const PerUnitTariff tariff = make_tariff(stages, rounding, decimals, options);
    for (std::int64_t q : probe_quantities(rng, stages)) {
      const Quantity quantity = Quantity::from_millis(q);
      ASSERT_EQ(tariff.charge(quantity), tariff.charge_general(quantity))
          << "tariff " << t << " quantity " << q << " rounding " << to_string(rounding) << " decimals " << decimals
          << " global " << options.global_decimals;
      fast += tariff.fast(quantity) ? 1 : 0;
      ++total;
    }
  }
  // Many probes take the fast path (a first stage whose increment cost is
  // whole at the global decimals): it is what was tested.
  EXPECT_GT(fast, total / 10);
}

// Half-way costs: 1 unit increments at 0.000005 per unit (exact at 6
// global decimals) rounded to 5 decimals cost k / 2 steps, a tie for every
// odd k; every rounding mode.
TEST(PerUnitFast, RoundsTiesAsTheStageWalk) {
  const std::vector<RateStage> stages = {
      RateStage{Money{}, Money::from_micros(5), Quantity::units(1), Quantity::units(1), Quantity{}}};
  for (Rounding r : kRoundings) {
    const PerUnitTariff tariff = make_tariff(stages, r, 5, CgrOptions{6, RoundingPath::kCost});
    for (std::int64_t q = 0; q < 20'000; q += 137) {
      const Quantity quantity = Quantity::from_millis(q);
      ASSERT_TRUE(q == 0 || tariff.fast(quantity));
      ASSERT_EQ(tariff.charge(quantity), tariff.charge_general(quantity)) << q << " " << to_string(r);
    }
    // 3 increments = 1.5 steps of 0.00001 (half_even: to 2); 5 = 2.5 steps
    // (half_even: to 2, half_up: to 3).
    EXPECT_EQ(tariff.charge(Quantity::units(3)).micros(), r == Rounding::kDown ? 10 : 20) << to_string(r);
    EXPECT_EQ(tariff.charge(Quantity::units(5)).micros(), r == Rounding::kDown || r == Rounding::kHalfEven ? 20 : 30)
        << to_string(r);
  }
}

// A quantity at the first stage's end stays in the fast path; one past it
// is walked through the stages; a product beyond 64 bits falls back too.
TEST(PerUnitFast, StageBoundariesAndOverflowTakeTheGeneralPath) {
  const std::vector<RateStage> stages = {
      RateStage{Money::parse("0.2"), Money::parse("0.1"), Quantity::units(60), Quantity::units(60), Quantity{}},
      RateStage{Money{}, Money::parse("0.05"), Quantity::units(60), Quantity::units(1), Quantity::units(60)}};
  const PerUnitTariff tariff = make_tariff(stages, Rounding::kUp, 2);
  EXPECT_TRUE(tariff.fast(Quantity::units(60)));
  EXPECT_FALSE(tariff.fast(Quantity::from_millis(60'001)));
  EXPECT_EQ(tariff.charge(Quantity::units(60)), Money::parse("0.3"));
  EXPECT_EQ(tariff.charge(Quantity::units(90)), Money::parse("0.33"));  // CGRateS RT_10CNT, 90 s

  const std::vector<RateStage> huge = {RateStage{Money{}, Money::units(1'000'000), Quantity::from_millis(1),
                                                 Quantity::from_millis(1), Quantity{}}};
  const PerUnitTariff big = make_tariff(huge, Rounding::kUp, 6);
  const Quantity q = Quantity::from_millis(std::int64_t{1} << 40);
  EXPECT_FALSE(big.fast(q));
  EXPECT_THROW((void)big.charge(q), std::overflow_error);  // the general path's check: too large for 64 bits
}

}  // namespace
}  // namespace provsim
