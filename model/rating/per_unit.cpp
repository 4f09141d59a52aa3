// per_unit: CGRateS-style rating of one metered event (a call, a session).
//
// How CGRateS rates (engine/rateinterval.go, timespans.go, callcost.go) and
// how this model reproduces it exactly, without floating point:
//
//   A rate is a list of stages (Rates.csv rows sharing an ID), each with
//   ConnectFee, Rate, RateUnit, RateIncrement and GroupIntervalStart. The
//   stage in force at position p of the usage is the one with the greatest
//   GroupIntervalStart <= p (so the first stage must start at 0).
//
//   The usage is cut at stage boundaries into spans; inside a span it is
//   charged in whole increments: an increment that is started is paid in
//   full (a 61 s call with a 60 s increment pays 120 s). Each increment
//   costs Rate x RateIncrement / RateUnit. When the last increment of a
//   stage runs past the next stage's start, it is still paid at its own
//   stage and the next stage begins where it ends (CGRateS rounds a span up
//   to its increment and shifts the following spans).
//
//   Each span's cost is rounded to RoundingDecimals decimals with
//   RoundingMethod (CallCost.Round rounds per span): *up = away from zero,
//   *middle = half away from zero, *down = truncate. The ConnectFee of the
//   first stage is charged once and is not rounded. A zero quantity costs
//   nothing (no connect fee: nothing was connected).
//
//   Here every span's cost is the exact fraction
//       increments x RateIncrement x Rate(micros) / RateUnit
//   (RateIncrement and RateUnit in milli-units of the offering), rounded
//   once to the rule's decimals, so the result equals CGRateS's whenever
//   CGRateS's float arithmetic does not itself lose a digit.
//
//   Worked example (CGRateS tutorial RT_10CNT; unit = second):
//     stage 0 s : ConnectFee 0.2, Rate 0.1 per 60 s, increment 60 s
//     stage 60 s: Rate 0.05 per 60 s, increment 1 s
//   a 90 s call: 1 x 60 s x 0.1/60 = 0.1, then 30 x 1 s x 0.05/60 = 0.025,
//   plus 0.2 connect fee = 0.325; with 2 decimals *up: 0.1 + 0.03 + 0.2 = 0.33.
//
// Parameters: either rates_id (stages from the scenario's Rates.csv, passed
// in as PriceParams::stages) or one inline stage: connect_fee, rate,
// rate_unit, rate_increment (group_interval_start must then be 0 or empty);
// rounding (default *up) and rounding_decimals (0..6, default 6).
#include "model/rating/per_unit.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "model/rating/price_model_registry.hpp"

namespace provsim {

PerUnitTariff::PerUnitTariff(std::vector<RateStage> stages, Rounding rounding, int decimals)
    : stages_(std::move(stages)), rounding_(rounding), step_(micros_per_step(decimals)) {
  const RateStage& st = stages_.front();
  first_end_ = stages_.size() > 1 ? stages_[1].group_start.millis() : std::numeric_limits<std::int64_t>::max();
  increment_ = st.increment.millis();
  connect_ = st.connect_fee.micros();
  // a / d = increment x rate / (unit x step), reduced; the fast path needs
  // both in 64 bits (they are unless the tariff's numbers are absurd).
  const Int128 num = static_cast<Int128>(increment_) * st.rate.micros();
  const Int128 den = static_cast<Int128>(st.unit.millis()) * step_;
  Int128 g = num, h = den;  // gcd(num, den); den > 0, num >= 0
  while (h != 0) {
    const Int128 t = g % h;
    g = h;
    h = t;
  }
  const Int128 a = num / g, d = den / g;
  constexpr Int128 kMax = std::numeric_limits<std::int64_t>::max();
  has_fast_ = a <= kMax && d <= kMax && increment_ > 0;
  if (has_fast_) {
    per_inc_num_ = static_cast<std::int64_t>(a);
    per_inc_den_ = static_cast<std::int64_t>(d);
  }
  use_divider_ = increment_ >= 2 && increment_ <= 0xFFFFFFFF;
  if (use_divider_) divider_ = Divider32(static_cast<std::uint32_t>(increment_));
}

Money PerUnitTariff::charge_general(Quantity quantity) const {
  const std::int64_t q = quantity.millis();
  if (q <= 0) return Money{};
  std::int64_t total = stages_.front().connect_fee.micros();
  std::int64_t p = 0;
  std::size_t s = 0;
  const std::size_t n = stages_.size();
  while (p < q) {
    while (s + 1 < n && stages_[s + 1].group_start.millis() <= p) ++s;
    const RateStage& st = stages_[s];
    const std::int64_t boundary = s + 1 < n ? stages_[s + 1].group_start.millis() : q;
    const std::int64_t stop = std::min(q, boundary);
    const std::int64_t inc = st.increment.millis();
    const std::int64_t increments = (stop - p + inc - 1) / inc;
    const Int128 numerator = static_cast<Int128>(increments) * inc * st.rate.micros();
    total += divide_rounded(numerator, static_cast<Int128>(st.unit.millis()) * step_, rounding_) * step_;
    p += increments * inc;
  }
  return Money::from_micros(total);
}

namespace {

class PerUnit final : public PriceModel {
 public:
  PerUnit(std::vector<RateStage> stages, Rounding rounding, int decimals)
      : tariff_(std::move(stages), rounding, decimals) {}

  Money charge(const PriceInput& in) const override { return tariff_.charge(in.quantity); }

 private:
  PerUnitTariff tariff_;
};

std::vector<RateStage> inline_stage(const PriceParams& p) {
  RateStage st;
  st.connect_fee = p.optional_money("connect_fee").value_or(Money{});
  st.rate = p.money("rate");
  st.unit = p.quantity("rate_unit");
  st.increment = p.quantity("rate_increment");
  st.group_start = p.optional_quantity("group_interval_start").value_or(Quantity{});
  return {st};
}

void check_stages(const std::vector<RateStage>& stages, const std::string& param) {
  if (stages.empty()) throw ParamError(param, "no rate stages");
  if (!stages.front().group_start.is_zero())
    throw ParamError(param, "the first stage must start at 0 (GroupIntervalStart), got " +
                                stages.front().group_start.to_string());
  for (std::size_t i = 0; i < stages.size(); ++i) {
    if (stages[i].unit.millis() <= 0) throw ParamError(param, "rate unit must be positive");
    if (stages[i].increment.millis() <= 0) throw ParamError(param, "rate increment must be positive");
    if (i > 0 && stages[i].group_start <= stages[i - 1].group_start)
      throw ParamError(param, "stages must have increasing GroupIntervalStart");
  }
}

}  // namespace

std::unique_ptr<PriceModel> make_per_unit(const PriceParams& p) {
  std::vector<RateStage> stages;
  std::string param = "rates_id";
  if (p.has("rates_id")) {
    if (p.has("rate")) throw ParamError("rate", "give either rates_id or an inline rate, not both");
    stages = p.stages();
  } else {
    stages = inline_stage(p);
    param = p.optional_quantity("group_interval_start").value_or(Quantity{}).is_zero() ? "rate_unit"
                                                                                        : "group_interval_start";
  }
  check_stages(stages, param);
  const auto decimals = static_cast<int>(p.integer("rounding_decimals", 6, 0, 6));
  return std::make_unique<PerUnit>(std::move(stages), p.rounding("rounding", Rounding::kUp), decimals);
}

}  // namespace provsim
