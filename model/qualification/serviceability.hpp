#pragma once
// The network provider's serviceability database: per line its technology,
// the DSL loop length and serving office, or the cable plant status and
// node, and the market the line is in. Offices hold free ports and nodes
// carry a load; both are taken at provisioning and given back at
// de-provisioning (reserve / release). Whoever asks about a line gets its
// facts (LineFacts): what the database holds for it at that moment.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/core/strong_id.hpp"

namespace provsim {

struct OfficeTag {};
struct CableNodeTag {};
struct MarketTag {};
using OfficeId = StrongId<OfficeTag>;
using CableNodeId = StrongId<CableNodeTag>;
using MarketId = StrongId<MarketTag, std::uint16_t>;

enum class Technology : std::uint8_t { kDsl, kCable };
std::string_view to_string(Technology technology);

struct Office {
  std::string code;
  std::uint32_t ports = 0;
  std::uint32_t free_ports = 0;
};

struct CableNode {
  std::string code;
  std::uint32_t load = 0;
  std::uint32_t load_cap = 0;
  bool full() const { return load >= load_cap; }
};

struct LineRecord {
  Technology technology = Technology::kDsl;
  MarketId market;
  // DSL
  std::uint32_t loop_length_m = 0;
  OfficeId office;
  // cable
  bool passes_home = false;
  bool two_way = false;
  CableNodeId node;
};

// What the NP's serviceability database tells about one line when asked:
// the plant, the market by name, and whether the line's office has a free
// port (DSL) or its node has room (cable) at the moment it answers. It is
// everything qualification needs, so the platform never reads the NP's
// database itself.
struct LineFacts {
  Technology technology = Technology::kDsl;
  std::string market;
  std::uint32_t loop_length_m = 0;  // DSL
  bool passes_home = false;         // cable
  bool two_way = false;             // cable
  bool has_room = false;            // a free port at the office (DSL) or load below the node's cap (cable)
};

class ServiceabilityDb {
 public:
  OfficeId add_office(std::string code, std::uint32_t ports);
  CableNodeId add_node(std::string code, std::uint32_t load, std::uint32_t load_cap);
  MarketId market_id(std::string_view market);  // finds or adds
  LineId add_line(const LineRecord& line);

  // Nothing for a line the database does not know.
  const LineRecord* line(LineId id) const { return id.value() < lines_.size() ? &lines_[id.value()] : nullptr; }
  const Office& office(OfficeId id) const { return offices_[id.value()]; }
  const CableNode& node(CableNodeId id) const { return nodes_[id.value()]; }
  const std::string& market(MarketId id) const { return markets_[id.value()]; }
  // The line's facts as they stand now; nothing for a line it does not know.
  std::optional<LineFacts> facts(LineId id) const;

  std::size_t line_count() const { return lines_.size(); }
  // Gives back the room the line table grew into while loading (up to
  // half of it: a plant of 1.4 M lines sits in room for 2 M).
  void shrink_to_fit() { lines_.shrink_to_fit(); }
  const std::vector<Office>& offices() const { return offices_; }
  const std::vector<CableNode>& nodes() const { return nodes_; }
  const std::vector<std::string>& markets() const { return markets_; }
  std::optional<OfficeId> find_office(std::string_view code) const;
  std::optional<CableNodeId> find_node(std::string_view code) const;

  // Takes the line's resource at provisioning: a free port of its office
  // (DSL) or one unit of load on its node (cable). False when none is left.
  bool reserve(LineId id);
  // Gives it back at de-provisioning (or when provisioning is undone).
  void release(LineId id);

 private:
  std::vector<LineRecord> lines_;
  std::vector<Office> offices_;
  std::vector<CableNode> nodes_;
  std::vector<std::string> markets_;
};

}  // namespace provsim
