#pragma once
// The network provider's tables of a scenario folder, loaded into what the
// qualification service needs, with every reference checked:
//   offices.csv      office, ports
//   cable_nodes.csv  node, load, load_cap          (optional without cable lines)
//   access_tiers.csv offering, technology, max_loop_m (dsl only), speed_kbps
//   lines.csv        line, technology, market, and per technology:
//                    loop_length_m, office (dsl); passes_home, two_way, node (cable)
//   line_plant.csv   prefix, count, technology, market, and per technology:
//                    office, loop_min_m, loop_max_m (dsl); node (cable)
//                    (optional) ranges of lines described, not listed: a
//                    region of a million lines without a 40 MB table.
// A line's LineId is its row position in lines.csv (which may then be
// absent); plant lines follow, range by range. A plant line's code is its
// range's prefix and its number in the range, zero-padded ("R1-0000042");
// its loop length is spread evenly over [loop_min_m, loop_max_m] (a golden
// ratio sequence: every stretch of the range covers the interval alike, with
// no random draw, so the plant does not depend on the seed). Cable plant
// lines pass the home and are two-way.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/catalog/catalog.hpp"
#include "model/qualification/access_tier_table.hpp"
#include "model/qualification/serviceability.hpp"

namespace provsim::sim {

class ScenarioSource;

struct NetworkData {
  ServiceabilityDb serviceability;
  AccessTierTable tiers;

  // The line's phone number or address (lines.csv), or its plant code.
  std::string line_code(LineId line) const;
  std::optional<LineId> find_line(std::string_view code) const;

 private:
  friend NetworkData load_network_tables(const ScenarioSource&, const Catalog&);
  struct PlantRange {
    std::string prefix;
    std::uint32_t first;  // LineId of the range's line 0
    std::uint32_t count;
    int digits;
  };
  std::vector<std::string> listed_codes_;  // by LineId, for lines.csv's lines
  std::unordered_map<std::string, LineId> line_index_;
  std::vector<PlantRange> plant_;
};

NetworkData load_network_tables(const ScenarioSource& source, const Catalog& catalog);

}  // namespace provsim::sim
