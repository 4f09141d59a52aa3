#pragma once
// What a system holds for one subscriber, kept as a bit mask over the
// places of the subscriber's plan (Plan::position) with the plan it was
// told: a few bytes a subscriber, whatever the plan sells. The parties'
// systems (sim/party_state.hpp) and the platform's billing
// (sim/billing_desk.hpp) keep their items so.

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

#include "model/catalog/catalog.hpp"

namespace provsim::sim {

// The bit of `offering` in `plan`; 0 when it is not in the plan.
inline std::uint64_t plan_bit(const Catalog& catalog, PlanId plan, OfferingId offering) {
  if (!plan.valid()) return 0;
  const int at = catalog.plan(plan).position(offering);
  return at < 0 ? 0 : std::uint64_t{1} << at;
}

// The offerings of `plan` whose bits are set in `mask`.
inline std::vector<OfferingId> plan_items(const Catalog& catalog, PlanId plan, std::uint64_t mask) {
  std::vector<OfferingId> out;
  for (; mask != 0; mask &= mask - 1)
    out.push_back(catalog.plan(plan).items[static_cast<std::size_t>(std::countr_zero(mask))].offering);
  return out;
}

// The same offerings, in whatever order.
inline bool same_items(std::vector<OfferingId> a, std::vector<OfferingId> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

}  // namespace provsim::sim
