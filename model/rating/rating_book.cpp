#include "model/rating/rating_book.hpp"

#include <stdexcept>

namespace provsim {

RatingBook::RatingBook(const Catalog& catalog)
    : catalog_(&catalog),
      offerings_(catalog.offerings().size()),
      index_(catalog.plans().size() * catalog.offerings().size(), -1) {
  shares_.reserve(offerings_);
  for (const auto& o : catalog.offerings()) shares_.emplace_back(o.owner);
}

void RatingBook::add_rule(PlanId plan, OfferingId offering, std::string model_name,
                          std::unique_ptr<PriceModel> model, std::optional<Money> minimum) {
  if (plan.value() >= catalog_->plans().size() || offering.value() >= offerings_)
    throw std::invalid_argument("rule for an unknown plan or offering");
  if (!catalog_->plan(plan).item(offering))
    throw std::invalid_argument("offering " + catalog_->offering(offering).code + " is not in plan " +
                                catalog_->plan(plan).code);
  auto& slot = index_[static_cast<std::size_t>(plan.value()) * offerings_ + offering.value()];
  if (slot >= 0) throw std::invalid_argument("a second rule for the same plan and offering");
  slot = static_cast<std::int32_t>(rules_.size());
  const PerUnitTariff* per_unit = model->per_unit_tariff();
  rules_.push_back(RatingRule{plan, offering, std::move(model_name), std::move(model), minimum, per_unit});
}

void RatingBook::set_shares(OfferingId offering, ShareRule rule) { shares_.at(offering.value()) = std::move(rule); }

}  // namespace provsim
