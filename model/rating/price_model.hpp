#pragma once
// A price model turns one event's quantity into a charge. Models are
// stateless: what they need of the past (the quantity this subscriber already
// used of the offering in the open billing cycle) comes in PriceInput, kept
// by the engine. New models: one .cpp file with a make_<name> factory plus
// one line in price_model_registry.hpp.

#include <algorithm>
#include <memory>
#include <string_view>

#include "model/core/sim_time.hpp"
#include "model/money/money.hpp"
#include "model/money/quantity.hpp"

namespace provsim {

class PerUnitTariff;

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
  // An upper bound, in micro-units, of the charge of one event of
  // `quantity` (>= 0) at any time and after any earlier use in the cycle.
  // The scenario loader multiplies it by the most events a run can send, so
  // a scenario whose sums could overflow is refused before it runs. At most
  // kChargeBoundCap: beyond that the exact figure no longer matters.
  virtual Int128 charge_bound(Quantity quantity) const = 0;
  // The per_unit tariff this model prices with, or nullptr for any other
  // model: the rating book prices per_unit events through it directly,
  // inline, instead of through a virtual call per event.
  virtual const PerUnitTariff* per_unit_tariff() const { return nullptr; }
};

inline constexpr Int128 kChargeBoundCap = static_cast<Int128>(1) << 100;

// a x b, or kChargeBoundCap when that is larger (for bounds, never wraps).
inline Int128 capped_product(Int128 a, Int128 b) {
  if (a <= 0 || b <= 0) return 0;
  return a > kChargeBoundCap / b ? kChargeBoundCap : std::min(a * b, kChargeBoundCap);
}

// The bound of a price per unit times a quantity, whatever the rounding.
inline Int128 unit_price_bound(Money per_unit, Quantity quantity) {
  return capped_product(per_unit.micros(), quantity.millis()) / Quantity::kMillisPerUnit + 1;
}

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
