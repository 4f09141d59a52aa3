// allowance: `allowance` units of the offering per billing cycle are
// included, every unit beyond costs `overage_price`. Priced on the cycle's
// running total (price_model.hpp), rounding `rounding` (default half_up), so
// an event that crosses the allowance pays only its part above it.
#include "model/rating/price_model_registry.hpp"

namespace provsim {
namespace {

class Allowance final : public PriceModel {
 public:
  Allowance(Quantity allowance, Money overage, Rounding rounding)
      : allowance_(allowance.millis()), overage_(overage.micros()), rounding_(rounding) {}

  Money charge(const PriceInput& in) const override {
    return charge_on_running_total(in, rounding_, [this](Quantity x) {
      const std::int64_t over = x.millis() > allowance_ ? x.millis() - allowance_ : 0;
      return static_cast<Int128>(over) * overage_;
    });
  }
  Int128 charge_bound(Quantity q) const override { return unit_price_bound(Money::from_micros(overage_), q) + 1; }

 private:
  std::int64_t allowance_;
  std::int64_t overage_;
  Rounding rounding_;
};

}  // namespace

std::unique_ptr<PriceModel> make_allowance(const PriceParams& p) {
  return std::make_unique<Allowance>(p.quantity("allowance"), p.money("overage_price"),
                                     p.rounding("rounding", Rounding::kHalfUp));
}

}  // namespace provsim
