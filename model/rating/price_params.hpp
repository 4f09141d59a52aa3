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

namespace provsim {

class ParamError : public std::invalid_argument {
 public:
  ParamError(std::string param, const std::string& what) : std::invalid_argument(what), param_(std::move(param)) {}
  const std::string& param() const { return param_; }

 private:
  std::string param_;
};

// One CGRateS rate slot (a Rates.csv row): from `group_start` on, `rate` per
// `unit` is charged in steps of `increment`. Quantities are in the
// offering's unit.
struct RateStage {
  Money connect_fee;  // only the first stage's counts (CGRateS charges it once)
  Money rate;
  Quantity unit;
  Quantity increment;
  Quantity group_start;
};

class PriceParams {
 public:
  PriceParams() = default;
  void set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }
  // Stages resolved from a Rates.csv rates_id (per_unit only).
  void set_stages(std::vector<RateStage> stages) { stages_ = std::move(stages); }

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
  const std::vector<RateStage>& stages() const { return stages_; }

 private:
  std::map<std::string, std::string, std::less<>> values_;
  std::vector<RateStage> stages_;
};

}  // namespace provsim
