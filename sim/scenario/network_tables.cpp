#include "sim/scenario/network_tables.hpp"

#include <set>

#include "sim/scenario/csv_table.hpp"
#include "sim/scenario/input_error.hpp"

namespace provsim::sim {
namespace {

constexpr std::int64_t kMaxCount = 100'000'000;      // ports, loads: far beyond any real office or node
constexpr std::int64_t kMaxLoopM = 20'000;           // no DSL tier reaches further than 20 km
constexpr std::int64_t kMaxLineLoopM = 100'000;      // a line may be far out of reach, not absurdly so
constexpr std::int64_t kMaxSpeedKbps = 100'000'000;  // 100 Gbit/s

std::uint32_t as_u32(const Field& f, std::int64_t min, std::int64_t max) {
  return static_cast<std::uint32_t>(f.as_int(min, max));
}

Technology technology(const Field& f) {
  return f.as_choice({"dsl", "cable"}) == "dsl" ? Technology::kDsl : Technology::kCable;
}

// A cell the line's technology needs.
const Field& required(const Field& f, Technology t) {
  if (f.empty()) f.fail("required when technology is " + std::string(to_string(t)));
  return f;
}

// A cell that only makes sense for the other technology must stay empty.
void require_empty(const Field& f, Technology t) {
  if (!f.empty()) f.fail("not used when technology is " + std::string(to_string(t)) + "; leave it empty");
}

void load_offices(const CsvTable& t, ServiceabilityDb& db) {
  t.require_rows();
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::string code = t.field(r, "office").as_id();
    if (db.find_office(code)) t.field(r, "office").fail("duplicate office '" + code + "'");
    db.add_office(code, as_u32(t.field(r, "ports"), 0, kMaxCount));
  }
}

void load_nodes(const CsvTable& t, ServiceabilityDb& db) {
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::string code = t.field(r, "node").as_id();
    if (db.find_node(code)) t.field(r, "node").fail("duplicate node '" + code + "'");
    const std::uint32_t cap = as_u32(t.field(r, "load_cap"), 1, kMaxCount);
    const std::uint32_t load = as_u32(t.field(r, "load"), 0, cap);
    db.add_node(code, load, cap);
  }
}

void load_tiers(const CsvTable& t, const Catalog& catalog, AccessTierTable& tiers) {
  t.require_rows();
  for (std::size_t r = 0; r < t.size(); ++r) {
    const Field offering_field = t.field(r, "offering");
    const auto offering = catalog.find_offering(offering_field.as_id());
    if (!offering) offering_field.fail("unknown offering '" + offering_field.text() + "'");
    if (catalog.offering(*offering).kind != OfferingKind::kAccessTier)
      offering_field.fail("'" + offering_field.text() + "' is not an access_tier offering");
    if (tiers.find(*offering)) offering_field.fail("access tier '" + offering_field.text() + "' listed twice");
    AccessTier tier;
    tier.offering = *offering;
    tier.technology = technology(t.field(r, "technology"));
    const Field loop = t.field(r, "max_loop_m");
    if (tier.technology == Technology::kDsl)
      tier.max_loop_m = as_u32(required(loop, tier.technology), 1, kMaxLoopM);
    else
      require_empty(loop, tier.technology);
    tier.speed_kbps = as_u32(t.field(r, "speed_kbps"), 1, kMaxSpeedKbps);
    tiers.add(tier);
  }
}

LineRecord line_record(const CsvTable& t, std::size_t r, ServiceabilityDb& db, const std::set<std::string>& markets) {
  LineRecord line;
  line.technology = technology(t.field(r, "technology"));
  const Field market = t.field(r, "market");
  if (!markets.count(market.as_id())) market.fail("no plan in the catalog sells in market '" + market.text() + "'");
  line.market = db.market_id(market.text());
  const Field loop = t.field(r, "loop_length_m"), office = t.field(r, "office");
  const Field passes = t.field(r, "passes_home"), two_way = t.field(r, "two_way"), node = t.field(r, "node");
  if (line.technology == Technology::kDsl) {
    line.loop_length_m = as_u32(required(loop, line.technology), 0, kMaxLineLoopM);
    const auto o = db.find_office(required(office, line.technology).as_id());
    if (!o) office.fail("unknown office '" + office.text() + "' (not in offices.csv)");
    line.office = *o;
    for (const Field& f : {passes, two_way, node}) require_empty(f, line.technology);
  } else {
    line.passes_home = required(passes, line.technology).as_bool();
    line.two_way = required(two_way, line.technology).as_bool();
    const auto n = db.find_node(required(node, line.technology).as_id());
    if (!n) node.fail("unknown node '" + node.text() + "' (not in cable_nodes.csv)");
    line.node = *n;
    for (const Field& f : {loop, office}) require_empty(f, line.technology);
  }
  return line;
}

}  // namespace

std::optional<LineId> NetworkData::find_line(std::string_view code) const {
  auto it = line_index_.find(std::string(code));
  return it == line_index_.end() ? std::nullopt : std::optional(it->second);
}

NetworkData load_network_tables(const std::filesystem::path& dir, const Catalog& catalog) {
  NetworkData data;
  load_offices(CsvTable::read(dir / "offices.csv", {"office", "ports"}), data.serviceability);
  if (std::filesystem::exists(dir / "cable_nodes.csv"))
    load_nodes(CsvTable::read(dir / "cable_nodes.csv", {"node", "load", "load_cap"}), data.serviceability);
  load_tiers(CsvTable::read(dir / "access_tiers.csv", {"offering", "technology", "speed_kbps"}, {"max_loop_m"}),
             catalog, data.tiers);

  std::set<std::string> markets;
  for (const Plan& p : catalog.plans()) markets.insert(p.market);
  const CsvTable lines = CsvTable::read(dir / "lines.csv", {"line", "technology", "market"},
                                        {"loop_length_m", "office", "passes_home", "two_way", "node"});
  lines.require_rows();
  for (std::size_t r = 0; r < lines.size(); ++r) {
    // A phone number or a street address: spaces allowed, empty not.
    const Field code = lines.field(r, "line");
    if (code.empty()) code.fail("required, but empty");
    if (data.line_index_.count(code.text())) code.fail("duplicate line '" + code.text() + "'");
    const LineId id = data.serviceability.add_line(line_record(lines, r, data.serviceability, markets));
    data.line_index_.emplace(code.text(), id);
    data.line_codes.push_back(code.text());
  }
  return data;
}

}  // namespace provsim::sim
