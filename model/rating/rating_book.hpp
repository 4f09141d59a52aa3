#pragma once
// The rating tables in model form: the price rule per (plan, offering) and
// the revenue-share rule per offering, indexed densely so the engine's hot
// path finds them with array reads. Built by the scenario loader (or by hand
// in tests); read-only while the engine runs.

#include <memory>
#include <optional>
#include <vector>

#include "model/catalog/catalog.hpp"
#include "model/rating/per_unit.hpp"
#include "model/rating/price_model.hpp"
#include "model/rating/revenue_share.hpp"

namespace provsim {

struct RatingRule {
  PlanId plan;
  OfferingId offering;
  std::string model_name;
  std::unique_ptr<PriceModel> model;
  std::optional<Money> minimum;  // per-event minimum charge, if any
  const PerUnitTariff* per_unit = nullptr;  // model's tariff when it is per_unit (the same charges, inline)

  Money charge(const PriceInput& in) const {
    Money m = per_unit ? per_unit->charge(in.quantity, in.time, in.session_offset, in.later_part) : model->charge(in);
    if (minimum && m < *minimum) m = *minimum;
    return m;
  }
  // An upper bound of charge() for `quantity` (price_model.hpp).
  Int128 charge_bound(Quantity quantity) const {
    const Int128 b = model->charge_bound(quantity);
    return minimum && b < minimum->micros() ? minimum->micros() : b;
  }
};

class RatingBook {
 public:
  // Sized from the catalog; shares default to "all to the offering's owner".
  explicit RatingBook(const Catalog& catalog);

  // Throws std::invalid_argument for a duplicate (plan, offering) or an
  // offering that is not in the plan.
  void add_rule(PlanId plan, OfferingId offering, std::string model_name, std::unique_ptr<PriceModel> model,
                std::optional<Money> minimum = std::nullopt);
  void set_shares(OfferingId offering, ShareRule rule);

  const RatingRule* rule(PlanId plan, OfferingId offering) const {
    const std::int32_t i = index_[static_cast<std::size_t>(plan.value()) * offerings_ + offering.value()];
    return i < 0 ? nullptr : &rules_[static_cast<std::size_t>(i)];
  }
  const ShareRule& shares(OfferingId offering) const { return shares_[offering.value()]; }
  const std::vector<RatingRule>& rules() const { return rules_; }

 private:
  const Catalog* catalog_;
  std::size_t offerings_;
  std::vector<std::int32_t> index_;  // plan x offering -> rules_ index or -1
  std::vector<RatingRule> rules_;
  std::vector<ShareRule> shares_;
};

}  // namespace provsim
