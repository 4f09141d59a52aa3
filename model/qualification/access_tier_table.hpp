#pragma once
// Which access tiers a line can carry. A DSL tier has a maximum loop length
// (the fastest tiers need the shortest loops); a cable tier needs a plant
// that passes the home, is two-way, and a node below its load cap (checked
// by the qualification service, since it is about the line, not the tier).

#include <cstdint>
#include <vector>

#include "model/core/strong_id.hpp"
#include "model/qualification/serviceability.hpp"

namespace provsim {

struct AccessTier {
  OfferingId offering;
  Technology technology = Technology::kDsl;
  std::uint32_t max_loop_m = 0;  // DSL only
  std::uint32_t speed_kbps = 0;  // the speed profile the network activates
};

class AccessTierTable {
 public:
  void add(const AccessTier& tier);
  // Nothing when the offering is not in the table.
  const AccessTier* find(OfferingId offering) const;
  const std::vector<AccessTier>& tiers() const { return tiers_; }

  // Whether the tier can run on a line of this technology and loop length
  // (the loop is ignored for cable): from the NP's record of the line, or
  // from the facts it told about it.
  static bool reaches(const AccessTier& tier, Technology technology, std::uint32_t loop_length_m);
  static bool reaches(const AccessTier& tier, const LineRecord& line) {
    return reaches(tier, line.technology, line.loop_length_m);
  }
  static bool reaches(const AccessTier& tier, const LineFacts& line) {
    return reaches(tier, line.technology, line.loop_length_m);
  }

 private:
  std::vector<AccessTier> tiers_;
  std::vector<int> index_;  // offering id -> position in tiers_, -1 if absent
};

}  // namespace provsim
