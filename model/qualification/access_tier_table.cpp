#include "model/qualification/access_tier_table.hpp"

#include "model/core/check.hpp"

namespace provsim {

void AccessTierTable::add(const AccessTier& tier) {
  PROVSIM_CHECK(tier.offering.valid(), "access tier without an offering");
  PROVSIM_CHECK(find(tier.offering) == nullptr, "access tier listed twice");
  if (index_.size() <= tier.offering.value()) index_.resize(tier.offering.value() + 1u, -1);
  index_[tier.offering.value()] = static_cast<int>(tiers_.size());
  tiers_.push_back(tier);
}

const AccessTier* AccessTierTable::find(OfferingId offering) const {
  if (!offering.valid() || offering.value() >= index_.size()) return nullptr;
  const int at = index_[offering.value()];
  return at < 0 ? nullptr : &tiers_[static_cast<std::size_t>(at)];
}

bool AccessTierTable::reaches(const AccessTier& tier, Technology technology, std::uint32_t loop_length_m) {
  if (tier.technology != technology) return false;
  return technology == Technology::kCable || loop_length_m <= tier.max_loop_m;
}

}  // namespace provsim
