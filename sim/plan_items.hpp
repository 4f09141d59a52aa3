#pragma once
// What a system holds for one subscriber, kept as a bit mask over the
// places of the subscriber's plan (Plan::position) with the plan it was
// told: a few bytes a subscriber, whatever the plan sells. The parties'
// systems (sim/party_state.hpp) and the platform's billing
// (sim/billing_desk.hpp) keep their items so.

#include <cstdint>

#include "model/catalog/catalog.hpp"

namespace provsim::sim {

// The bit of `offering` in `plan`; 0 when it is not in the plan.
inline std::uint64_t plan_bit(const Catalog& catalog, PlanId plan, OfferingId offering) {
  if (!plan.valid()) return 0;
  const int at = catalog.plan(plan).position(offering);
  return at < 0 ? 0 : std::uint64_t{1} << at;
}

// Adds the bits of `offerings` (a list held elsewhere, in any order) to
// `mask`; false when one is not in `plan` or comes twice. So a list holds
// the same items as a mask when this is true and the masks are equal; the
// end-of-run checks compare ten million subscribers so, with no copy.
template <class Offerings>
bool add_bits(const Catalog& catalog, PlanId plan, const Offerings& offerings, std::uint64_t& mask) {
  for (const OfferingId offering : offerings) {
    const std::uint64_t bit = plan_bit(catalog, plan, offering);
    if (bit == 0 || (mask & bit) != 0) return false;
    mask |= bit;
  }
  return true;
}

}  // namespace provsim::sim
