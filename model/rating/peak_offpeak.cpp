// peak_offpeak: a unit price by time of day of the event (purchase time or
// usage period start). Simulated time 0 is midnight of day one, so the time
// of day is time mod 24 h. Peak hours are [peak_start, peak_end); when
// peak_start > peak_end the peak wraps past midnight. The whole event is
// priced at the rate in force when it starts (no splitting), with `rounding`
// (default half_up).
#include <cmath>

#include "model/core/sim_time.hpp"
#include "model/rating/price_model_registry.hpp"

namespace provsim {
namespace {

class PeakOffpeak final : public PriceModel {
 public:
  PeakOffpeak(Money peak, Money offpeak, std::int64_t start, std::int64_t end, Rounding rounding)
      : peak_(peak), offpeak_(offpeak), start_(start), end_(end), rounding_(rounding) {}

  Money charge(const PriceInput& in) const override {
    return price_times(is_peak(in.time) ? peak_ : offpeak_, in.quantity, rounding_);
  }
  Int128 charge_bound(Quantity q) const override { return unit_price_bound(std::max(peak_, offpeak_), q); }

 private:
  bool is_peak(SimTime t) const {
    const double day = std::floor(t / kDay);
    const auto tod = static_cast<std::int64_t>(std::floor(t - day * kDay));
    if (start_ <= end_) return tod >= start_ && tod < end_;
    return tod >= start_ || tod < end_;
  }
  Money peak_;
  Money offpeak_;
  std::int64_t start_;
  std::int64_t end_;
  Rounding rounding_;
};

}  // namespace

std::unique_ptr<PriceModel> make_peak_offpeak(const PriceParams& p) {
  return std::make_unique<PeakOffpeak>(p.money("peak_price"), p.money("offpeak_price"), p.time_of_day("peak_start"),
                                       p.time_of_day("peak_end"), p.rounding("rounding", Rounding::kHalfUp));
}

}  // namespace provsim
