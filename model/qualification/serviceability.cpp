#include "model/qualification/serviceability.hpp"

#include "model/core/check.hpp"

namespace provsim {

std::string_view to_string(Technology technology) {
  switch (technology) {
    case Technology::kDsl: return "dsl";
    case Technology::kCable: return "cable";
  }
  return "?";
}

OfficeId ServiceabilityDb::add_office(std::string code, std::uint32_t ports) {
  offices_.push_back(Office{std::move(code), ports, ports});
  return OfficeId(static_cast<OfficeId::rep>(offices_.size() - 1));
}

CableNodeId ServiceabilityDb::add_node(std::string code, std::uint32_t load, std::uint32_t load_cap) {
  nodes_.push_back(CableNode{std::move(code), load, load_cap});
  return CableNodeId(static_cast<CableNodeId::rep>(nodes_.size() - 1));
}

MarketId ServiceabilityDb::market_id(std::string_view market) {
  for (std::size_t i = 0; i < markets_.size(); ++i)
    if (markets_[i] == market) return MarketId(static_cast<MarketId::rep>(i));
  markets_.emplace_back(market);
  return MarketId(static_cast<MarketId::rep>(markets_.size() - 1));
}

LineId ServiceabilityDb::add_line(const LineRecord& line) {
  PROVSIM_CHECK(line.market.value() < markets_.size(), "line market not registered");
  if (line.technology == Technology::kDsl)
    PROVSIM_CHECK(line.office.value() < offices_.size(), "DSL line needs a known office");
  else
    PROVSIM_CHECK(line.node.value() < nodes_.size(), "cable line needs a known node");
  lines_.push_back(line);
  return LineId(static_cast<LineId::rep>(lines_.size() - 1));
}

std::optional<OfficeId> ServiceabilityDb::find_office(std::string_view code) const {
  for (std::size_t i = 0; i < offices_.size(); ++i)
    if (offices_[i].code == code) return OfficeId(static_cast<OfficeId::rep>(i));
  return std::nullopt;
}

std::optional<CableNodeId> ServiceabilityDb::find_node(std::string_view code) const {
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].code == code) return CableNodeId(static_cast<CableNodeId::rep>(i));
  return std::nullopt;
}

std::optional<LineFacts> ServiceabilityDb::facts(LineId id) const {
  const LineRecord* l = line(id);
  if (l == nullptr) return std::nullopt;
  LineFacts f;
  f.technology = l->technology;
  f.market = market(l->market);
  f.loop_length_m = l->loop_length_m;
  f.passes_home = l->passes_home;
  f.two_way = l->two_way;
  f.has_room = l->technology == Technology::kDsl ? office(l->office).free_ports > 0 : !node(l->node).full();
  return f;
}

bool ServiceabilityDb::reserve(LineId id) {
  const LineRecord* l = line(id);
  PROVSIM_CHECK(l != nullptr, "reserve on an unknown line");
  if (l->technology == Technology::kDsl) {
    Office& o = offices_[l->office.value()];
    if (o.free_ports == 0) return false;
    --o.free_ports;
    return true;
  }
  CableNode& n = nodes_[l->node.value()];
  if (n.full()) return false;
  ++n.load;
  return true;
}

void ServiceabilityDb::release(LineId id) {
  const LineRecord* l = line(id);
  PROVSIM_CHECK(l != nullptr, "release on an unknown line");
  if (l->technology == Technology::kDsl) {
    Office& o = offices_[l->office.value()];
    PROVSIM_CHECK(o.free_ports < o.ports, "office " + o.code + ": released more ports than it has");
    ++o.free_ports;
    return;
  }
  CableNode& n = nodes_[l->node.value()];
  PROVSIM_CHECK(n.load > 0, "node " + n.code + ": load would go below zero");
  --n.load;
}

}  // namespace provsim
