#pragma once
// The named parameters of one rating rule, as text (the columns of
// rating_rules.csv), read by the price model that needs them. A missing or
// malformed parameter throws ParamError naming the parameter, which the
// scenario loader turns into an InputError with file and line.

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/money/money.hpp"
#include "model/money/quantity.hpp"
#include "model/money/rounding.hpp"
#include "model/rating/cgr_tariff.hpp"
#include "model/rating/usage_unit.hpp"

namespace provsim {

class ParamError : public std::invalid_argument {
 public:
  ParamError(std::string param, const std::string& what) : std::invalid_argument(what), param_(std::move(param)) {}
  const std::string& param() const { return param_; }

 private:
  std::string param_;
};

class PriceParams {
 public:
  PriceParams() = default;
  void set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }
  // What the loader knows besides the rule's own columns (per_unit only):
  // the offering's unit, the scenario's CGRateS options, and the stages of a
  // Rates.csv rates_id (with the first row's connect fee) or the intervals
  // of a CGRateS tariff plan.
  void set_usage_unit(UsageUnit unit) { unit_ = unit; }
  void set_cgr_options(CgrOptions options) { options_ = options; }
  void set_stages(Money connect_fee, std::vector<CgrStage> stages) {
    stage_connect_fee_ = connect_fee;
    stages_ = std::move(stages);
  }
  void set_intervals(std::vector<CgrInterval> intervals) { intervals_ = std::move(intervals); }

  bool has(std::string_view name) const;
  const std::string& text(std::string_view name) const;  // "" when absent

  Money money(std::string_view name) const;  // required, >= 0
  std::optional<Money> optional_money(std::string_view name) const;
  Quantity quantity(std::string_view name) const;  // required, >= 0
  std::optional<Quantity> optional_quantity(std::string_view name) const;
  Rounding rounding(std::string_view name, Rounding fallback) const;
  std::int64_t integer(std::string_view name, std::int64_t fallback, std::int64_t min, std::int64_t max) const;
  // "hh:mm" or "hh:mm:ss" -> seconds after midnight, 0..86400.
  std::int64_t time_of_day(std::string_view name) const;
  const UsageUnit& usage_unit() const { return unit_; }
  const CgrOptions& cgr_options() const { return options_; }
  const std::vector<CgrStage>& stages() const { return stages_; }
  Money stage_connect_fee() const { return stage_connect_fee_; }
  const std::vector<CgrInterval>& intervals() const { return intervals_; }

 private:
  std::map<std::string, std::string, std::less<>> values_;
  UsageUnit unit_{};
  CgrOptions options_{};
  Money stage_connect_fee_;
  std::vector<CgrStage> stages_;
  std::vector<CgrInterval> intervals_;
};

}  // namespace provsim
