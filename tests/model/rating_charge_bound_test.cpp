// The charge bound every price model gives (what the scenario loader
// multiplies by the most events a run can send) is never below a charge the
// model actually makes: random quantities, times of the week, earlier use in
// the cycle and session offsets, for every model and rounding path.
#include <gtest/gtest.h>

#include "model/core/random.hpp"
#include "model/rating/price_model_registry.hpp"
#include "model/rating/usage_unit.hpp"

namespace provsim {
namespace {

std::unique_ptr<PriceModel> make(const char* name, std::initializer_list<std::pair<const char*, const char*>> params,
                                 const char* unit = "item", CgrOptions options = {}) {
  PriceParams p;
  for (const auto& [k, v] : params) p.set(k, v);
  p.set_usage_unit(usage_unit(unit));
  p.set_cgr_options(options);
  return make_price_model(name, p);
}

void expect_bound_holds(const PriceModel& model, std::int64_t max_millis) {
  Rng rng(7);
  for (int i = 0; i < 20'000; ++i) {
    const Quantity q = Quantity::from_millis(static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(max_millis))));
    const Quantity used = Quantity::from_millis(static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(max_millis))));
    const Quantity offset = i % 2 ? Quantity{} : Quantity::from_millis(static_cast<std::int64_t>(rng.below(100'000)));
    const SimTime t = rng.uniform() * 7 * 86400;
    const Money charge = model.charge(PriceInput{q, t, used, offset});
    ASSERT_LE(static_cast<Int128>(charge.micros()), model.charge_bound(q))
        << "quantity " << q.to_string() << " at " << t << " after " << used.to_string();
  }
}

TEST(ChargeBound, OneTime) { expect_bound_holds(*make("one_time", {{"price", "3.999999"}}), 1'000'000'000); }

TEST(ChargeBound, PeakOffpeak) {
  expect_bound_holds(*make("peak_offpeak", {{"peak_price", "0.3"}, {"offpeak_price", "0.7"}, {"peak_start", "08:00"},
                                            {"peak_end", "20:00"}, {"rounding", "up"}}),
                     1'000'000'000);
}

TEST(ChargeBound, GraduatedOnTheRunningTotal) {
  expect_bound_holds(*make("graduated", {{"tiers", "0:0.10;1000:0.25;5000:0.05"}, {"rounding", "up"}}), 10'000'000);
}

TEST(ChargeBound, AllowanceOverage) {
  expect_bound_holds(*make("allowance", {{"allowance", "100"}, {"overage_price", "0.011111"}}), 10'000'000);
}

TEST(ChargeBound, PerUnitCostPath) {
  expect_bound_holds(*make("per_unit", {{"connect_fee", "0.2"}, {"rate", "0.1"}, {"rate_unit", "60"},
                                        {"rate_increment", "7"}, {"rounding", "*up"}, {"rounding_decimals", "2"}},
                           "second"),
                     100'000'000);
}

TEST(ChargeBound, PerUnitDebitPathAtWholeUnits) {
  expect_bound_holds(*make("per_unit", {{"rate", "0.6"}, {"rate_unit", "1"}, {"rate_increment", "1"},
                                        {"rounding", "*up"}, {"rounding_decimals", "0"}},
                           "minute", CgrOptions{0, RoundingPath::kDebit}),
                     10'000'000);
}

TEST(ChargeBound, AQuantityBeyondBaseUnitsIsCapped) {
  const auto m = make("per_unit", {{"rate", "1"}, {"rate_unit", "1"}, {"rate_increment", "1"}}, "hour");
  EXPECT_EQ(m->charge_bound(Quantity::from_millis(std::numeric_limits<std::int64_t>::max())), kChargeBoundCap);
}

}  // namespace
}  // namespace provsim
