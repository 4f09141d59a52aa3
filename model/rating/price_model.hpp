#pragma once
// A price model turns one event's quantity into a charge. Models are
// stateless: what they need of the past (the quantity this subscriber already
// used of the offering in the open billing cycle) comes in PriceInput, kept
// by the engine. New models: one .cpp file with a make_<name> factory plus
// one line in price_model_registry.hpp.

#include <memory>
#include <string_view>

#include "model/core/sim_time.hpp"
#include "model/money/money.hpp"
#include "model/money/quantity.hpp"

namespace provsim {

struct PriceInput {
  Quantity quantity;    // >= 0 (refunds are priced from their original)
  SimTime time = 0;     // purchase time, or the usage period's start
  Quantity cycle_used;  // this subscriber's earlier quantity of the offering in the open cycle
  Quantity session_offset;  // usage of the same session reported before this event (per_unit)
  bool later_part = false;  // a later report of its session, even at offset 0: no connect fee (per_unit)
};

class PriceModel {
 public:
  virtual ~PriceModel() = default;
  virtual Money charge(const PriceInput& input) const = 0;
};

// For models priced on the cycle's running total (graduated, allowance):
// the event pays round(C(used + q)) - round(C(used)), so the charges of a
// cycle always add up to round(C(total)) whatever the event sizes, and no
// rounding drift accumulates. `cumulative` returns C exactly as a
// micro-unit x milli-unit numerator (to be divided by 1000).
template <typename CumulativeCost>
Money charge_on_running_total(const PriceInput& in, Rounding rounding, CumulativeCost cumulative) {
  const Int128 before = cumulative(in.cycle_used);
  const Int128 after = cumulative(in.cycle_used + in.quantity);
  return Money::from_micros(divide_rounded(after, Quantity::kMillisPerUnit, rounding) -
                            divide_rounded(before, Quantity::kMillisPerUnit, rounding));
}

}  // namespace provsim
