// per_unit: CGRateS rating of one metered event (a call, a data session, a
// batch of SMS), as cgr_tariff.cpp describes, in the offering's unit.
//
// Parameters, either
//   - tariff_plan + rating_plan/rating_profile (+ destination): a CGRateS
//     tariff-plan folder, resolved by the loader into intervals;
//   - rates_id: the stages of that ID in the scenario's Rates.csv;
//   - inline: connect_fee (empty = 0), rate, rate_unit, rate_increment
//     (0 = one second, as CGRateS), group_interval_start (empty or 0);
// and for the last two rounding (default *up), rounding_decimals (0..6,
// default 6), max_cost, max_cost_strategy (*free or *disconnect).
// The scenario's rating.rounding_decimals (CGRateS's global decimals) and
// rating.rounding_path (cost or debit) come in through PriceParams.
#include "model/rating/per_unit.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <limits>
#include <numeric>

#include "model/rating/price_model.hpp"
#include "model/rating/price_model_registry.hpp"

namespace provsim {

PerUnitTariff::PerUnitTariff(CgrTariff tariff, UsageUnit unit) : tariff_(std::move(tariff)), unit_(unit) {
  const CgrRating& r = tariff_.intervals().front().rating;
  const CgrStage& st = r.stages.front();
  const std::int64_t bpm = unit_.base_per_milli();
  const std::int64_t global_step = micros_per_step(tariff_.options().global_decimals);
  // The increment's cost must be a whole number of global steps (then both
  // of CGRateS's half-up roundings leave it as it is) and the increment a
  // whole number of milli-units.
  const Int128 num = static_cast<Int128>(st.increment) * st.rate_pico;
  const Int128 den = static_cast<Int128>(st.unit) * 1'000'000;
  const bool exact = num % (den * global_step) == 0 && st.increment % bpm == 0;
  const Int128 per_inc = exact ? num / den : 0;
  has_fast_ = tariff_.timeless() && r.strategy != MaxCostStrategy::kFree && exact &&
              per_inc <= std::numeric_limits<std::int64_t>::max() / 2;
  if (!has_fast_) return;
  per_inc_ = static_cast<std::int64_t>(per_inc);
  increment_ = st.increment / bpm;
  first_end_ = r.stages.size() > 1 ? r.stages[1].group_start / bpm : std::numeric_limits<std::int64_t>::max() / bpm;
  connect_ = r.connect_fee.micros();
  rounding_ = r.method;
  const bool cost_path = tariff_.options().path == RoundingPath::kCost;
  step_ = r.method_none || (cost_path && r.decimals == 0) ? 1 : micros_per_step(r.decimals);
  if (step_ >= 2) step_div_ = Divider32(static_cast<std::uint32_t>(step_));
  use_divider_ = increment_ >= 2 && increment_ <= 0xFFFFFFFF;
  if (use_divider_) divider_ = Divider32(static_cast<std::uint32_t>(increment_));
}

Money PerUnitTariff::charge_general(Quantity quantity, SimTime time, Quantity session_offset, bool later_part) const {
  const std::int64_t bpm = unit_.base_per_milli();
  std::int64_t usage = 0, offset = 0;
  if (__builtin_mul_overflow(quantity.millis(), bpm, &usage) || __builtin_mul_overflow(session_offset.millis(), bpm, &offset))
    throw std::overflow_error("per_unit: the quantity does not fit in 64 bits of base units");
  return tariff_.cost(std::llround(time * 1000.0), usage, offset, offset == 0 && !later_part);
}

Int128 PerUnitTariff::charge_bound(Quantity quantity) const {
  std::int64_t usage = 0;
  if (__builtin_mul_overflow(quantity.millis(), unit_.base_per_milli(), &usage)) return kChargeBoundCap;
  return tariff_.cost_bound(usage);
}

namespace {

class PerUnit final : public PriceModel {
 public:
  PerUnit(CgrTariff tariff, UsageUnit unit) : tariff_(std::move(tariff), unit) {}

  Money charge(const PriceInput& in) const override {
    return tariff_.charge(in.quantity, in.time, in.session_offset, in.later_part);
  }
  Int128 charge_bound(Quantity q) const override { return tariff_.charge_bound(q); }
  const PerUnitTariff* per_unit_tariff() const override { return &tariff_; }

 private:
  PerUnitTariff tariff_;
};

MaxCostStrategy strategy(const PriceParams& p) {
  const std::string& t = p.text("max_cost_strategy");
  if (t.empty()) return MaxCostStrategy::kNone;
  if (t == "*free") return MaxCostStrategy::kFree;
  if (t == "*disconnect") return MaxCostStrategy::kDisconnect;
  throw ParamError("max_cost_strategy", "'" + t + "' is not one of: *free, *disconnect");
}

std::int64_t base_quantity(const PriceParams& p, const char* name, bool zero_is_one_second) {
  const std::string& t = p.text(name);
  try {
    std::int64_t v = t.empty() ? 0 : rule_quantity_to_base(t, p.usage_unit());
    // CGRateS takes a RateUnit or RateIncrement of 0 as one second.
    if (v == 0 && zero_is_one_second) v = cgr_quantity_to_base("0", p.usage_unit(), true);
    return v;
  } catch (const std::invalid_argument& e) {
    throw ParamError(name, e.what());
  }
}

}  // namespace

std::unique_ptr<PriceModel> make_per_unit(const PriceParams& p) {
  std::vector<CgrInterval> intervals = p.intervals();
  if (intervals.empty()) {
    CgrInterval iv;
    CgrRating& r = iv.rating;
    std::string param = "rate_unit";
    if (p.has("rates_id")) {
      if (p.has("rate")) throw ParamError("rate", "give either rates_id or an inline rate, not both");
      r.connect_fee = p.stage_connect_fee();
      r.stages = p.stages();
      param = "rates_id";
    } else {
      r.connect_fee = p.optional_money("connect_fee").value_or(Money{});
      CgrStage st;
      if (!p.has("rate")) throw ParamError("rate", "required by this model, but empty");
      try {
        st.rate_pico = parse_pico(p.text("rate"));
      } catch (const std::invalid_argument& e) {
        throw ParamError("rate", e.what());
      }
      st.unit = base_quantity(p, "rate_unit", true);
      st.increment = base_quantity(p, "rate_increment", true);
      st.group_start = base_quantity(p, "group_interval_start", false);
      if (st.group_start != 0) param = "group_interval_start";
      r.stages = {st};
    }
    r.method = p.rounding("rounding", Rounding::kUp);
    r.decimals = static_cast<int>(p.integer("rounding_decimals", 6, 0, 6));
    r.max_cost = p.optional_money("max_cost").value_or(Money{});
    r.strategy = strategy(p);
    if (r.strategy != MaxCostStrategy::kNone && r.max_cost.is_zero())
      throw ParamError("max_cost", "a max_cost_strategy needs a positive max_cost");
    intervals.push_back(std::move(iv));
    try {
      return std::make_unique<PerUnit>(CgrTariff(p.usage_unit().dimension, std::move(intervals), p.cgr_options()),
                                       p.usage_unit());
    } catch (const std::invalid_argument& e) {
      throw ParamError(param, e.what());
    }
  }
  try {
    return std::make_unique<PerUnit>(CgrTariff(p.usage_unit().dimension, std::move(intervals), p.cgr_options()),
                                     p.usage_unit());
  } catch (const std::invalid_argument& e) {
    throw ParamError("tariff_plan", e.what());
  }
}

}  // namespace provsim
