// graduated: tiered unit prices on the subscriber's running total of the
// offering in the billing cycle. tiers = "0:0.10;1000:0.08;5000:0.05" means
// units 0..1000 cost 0.10 each, 1000..5000 cost 0.08, beyond 5000 cost 0.05.
// An event that straddles a tier boundary pays each part at its tier. The
// event pays round(C(used + q)) - round(C(used)) (see price_model.hpp), with
// `rounding` (default half_up).
#include <algorithm>

#include "model/rating/price_model_registry.hpp"

namespace provsim {
namespace {

struct Tier {
  std::int64_t from;  // milli-units
  std::int64_t price;  // micros per unit
};

class Graduated final : public PriceModel {
 public:
  Graduated(std::vector<Tier> tiers, Rounding rounding) : tiers_(std::move(tiers)), rounding_(rounding) {}

  Money charge(const PriceInput& in) const override {
    return charge_on_running_total(in, rounding_, [this](Quantity x) { return cumulative(x.millis()); });
  }
  // Each unit costs at most the dearest tier's price; the difference of two
  // rounded running totals is off by at most one micro-unit more.
  Int128 charge_bound(Quantity q) const override {
    std::int64_t dearest = 0;
    for (const Tier& t : tiers_) dearest = std::max(dearest, t.price);
    return unit_price_bound(Money::from_micros(dearest), q) + 1;
  }

 private:
  Int128 cumulative(std::int64_t x) const {
    Int128 sum = 0;
    for (std::size_t i = 0; i < tiers_.size() && x > tiers_[i].from; ++i) {
      const std::int64_t upper = i + 1 < tiers_.size() ? std::min(x, tiers_[i + 1].from) : x;
      sum += static_cast<Int128>(upper - tiers_[i].from) * tiers_[i].price;
    }
    return sum;
  }
  std::vector<Tier> tiers_;
  Rounding rounding_;
};

std::vector<Tier> parse_tiers(const PriceParams& p) {
  const std::string& text = p.text("tiers");
  if (text.empty()) throw ParamError("tiers", "required by this model, but empty");
  std::vector<Tier> tiers;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t end = std::min(text.find(';', pos), text.size());
    const std::string item = text.substr(pos, end - pos);
    const std::size_t colon = item.find(':');
    if (colon == std::string::npos)
      throw ParamError("tiers", "expected from:price pairs separated by ';', got '" + item + "'");
    try {
      const Quantity from = Quantity::parse(item.substr(0, colon));
      const Money price = Money::parse(item.substr(colon + 1));
      if (from.is_negative() || price.is_negative()) throw std::invalid_argument("negative value in '" + item + "'");
      tiers.push_back({from.millis(), price.micros()});
    } catch (const std::invalid_argument& e) {
      throw ParamError("tiers", e.what());
    }
    pos = end + 1;
  }
  if (tiers.front().from != 0) throw ParamError("tiers", "the first tier must start at 0");
  for (std::size_t i = 1; i < tiers.size(); ++i)
    if (tiers[i].from <= tiers[i - 1].from) throw ParamError("tiers", "tier starts must increase");
  return tiers;
}

}  // namespace

std::unique_ptr<PriceModel> make_graduated(const PriceParams& p) {
  return std::make_unique<Graduated>(parse_tiers(p), p.rounding("rounding", Rounding::kHalfUp));
}

}  // namespace provsim
