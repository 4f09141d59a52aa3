#pragma once
// The network provider's tables of a scenario folder, loaded into what the
// qualification service needs, with every reference checked:
//   offices.csv      office, ports
//   cable_nodes.csv  node, load, load_cap          (optional without cable lines)
//   access_tiers.csv offering, technology, max_loop_m (dsl only), speed_kbps
//   lines.csv        line, technology, market, and per technology:
//                    loop_length_m, office (dsl); passes_home, two_way, node (cable)
// A line's LineId is its row position in lines.csv.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/catalog/catalog.hpp"
#include "model/qualification/access_tier_table.hpp"
#include "model/qualification/serviceability.hpp"

namespace provsim::sim {

struct NetworkData {
  ServiceabilityDb serviceability;
  AccessTierTable tiers;
  std::vector<std::string> line_codes;  // by LineId: the phone number or address

  std::optional<LineId> find_line(std::string_view code) const;

 private:
  friend NetworkData load_network_tables(const std::filesystem::path&, const Catalog&);
  std::unordered_map<std::string, LineId> line_index_;
};

NetworkData load_network_tables(const std::filesystem::path& scenario_dir, const Catalog& catalog);

}  // namespace provsim::sim
