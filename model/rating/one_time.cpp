// one_time: a fixed price per item (a film, a game): price x quantity.
//   price     per unit of the offering (per item)
//   rounding  of the product to micro-units (default half_up; only bites for
//             fractional quantities)
#include "model/rating/price_model_registry.hpp"

namespace provsim {
namespace {

class OneTime final : public PriceModel {
 public:
  OneTime(Money price, Rounding rounding) : price_(price), rounding_(rounding) {}
  Money charge(const PriceInput& in) const override { return price_times(price_, in.quantity, rounding_); }
  Int128 charge_bound(Quantity q) const override { return unit_price_bound(price_, q); }

 private:
  Money price_;
  Rounding rounding_;
};

}  // namespace

std::unique_ptr<PriceModel> make_one_time(const PriceParams& p) {
  return std::make_unique<OneTime>(p.money("price"), p.rounding("rounding", Rounding::kHalfUp));
}

}  // namespace provsim
