#include "sim/scenario/network_tables.hpp"

#include <set>

#include "sim/scenario/csv_table.hpp"
#include "sim/scenario/scenario_source.hpp"
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

constexpr std::int64_t kMaxPlantLines = 50'000'000;

std::string numbered(const std::string& prefix, std::uint32_t n, int digits) {
  std::string number = std::to_string(n);
  if (static_cast<int>(number.size()) < digits) number.insert(0, static_cast<std::size_t>(digits) - number.size(), '0');
  return prefix + number;
}

}  // namespace

std::string NetworkData::line_code(LineId line) const {
  if (line.value() < listed_codes_.size()) return listed_codes_[line.value()];
  for (const PlantRange& r : plant_)
    if (line.value() >= r.first && line.value() - r.first < r.count)
      return numbered(r.prefix, line.value() - r.first, r.digits);
  throw std::out_of_range("no line " + std::to_string(line.value()));
}

std::optional<LineId> NetworkData::find_line(std::string_view code) const {
  auto it = line_index_.find(std::string(code));
  if (it != line_index_.end()) return it->second;
  for (const PlantRange& r : plant_) {
    if (code.size() != r.prefix.size() + static_cast<std::size_t>(r.digits) || !code.starts_with(r.prefix)) continue;
    std::uint32_t n = 0;
    bool digits = true;
    for (char c : code.substr(r.prefix.size())) {
      digits = digits && c >= '0' && c <= '9';
      n = n * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (digits && n < r.count) return LineId(static_cast<LineId::rep>(r.first + n));
  }
  return std::nullopt;
}

namespace {

// One line_plant.csv row: `count` lines alike but for their loop length.
// Returns the count.
std::uint32_t load_plant_range(const CsvTable& t, std::size_t r, NetworkData& data,
                               const std::set<std::string>& markets, std::set<std::string>& prefixes) {
  const Field prefix = t.field(r, "prefix");
  if (prefix.empty()) prefix.fail("required, but empty");
  if (!prefixes.insert(prefix.text()).second) prefix.fail("duplicate prefix '" + prefix.text() + "'");
  const auto count = as_u32(t.field(r, "count"), 1, kMaxPlantLines);
  // Lines are numbered with 32 bits and each takes memory: the limit holds
  // for all of a scenario's lines together, not only for one row.
  if (data.serviceability.line_count() + count > static_cast<std::uint64_t>(kMaxPlantLines))
    t.field(r, "count").fail("the scenario would have more than " + std::to_string(kMaxPlantLines) +
                             " lines in all (the most it may hold)");
  LineRecord line;
  line.technology = technology(t.field(r, "technology"));
  const Field market = t.field(r, "market");
  if (!markets.count(market.as_id())) market.fail("no plan in the catalog sells in market '" + market.text() + "'");
  line.market = data.serviceability.market_id(market.text());
  const Field office = t.field(r, "office"), node = t.field(r, "node");
  const Field lo = t.field(r, "loop_min_m"), hi = t.field(r, "loop_max_m");
  std::uint32_t loop_min = 0, loop_max = 0;
  if (line.technology == Technology::kDsl) {
    const auto o = data.serviceability.find_office(required(office, line.technology).as_id());
    if (!o) office.fail("unknown office '" + office.text() + "' (not in offices.csv)");
    line.office = *o;
    loop_min = as_u32(required(lo, line.technology), 0, kMaxLineLoopM);
    loop_max = as_u32(required(hi, line.technology), loop_min, kMaxLineLoopM);
    require_empty(node, line.technology);
  } else {
    const auto n = data.serviceability.find_node(required(node, line.technology).as_id());
    if (!n) node.fail("unknown node '" + node.text() + "' (not in cable_nodes.csv)");
    line.node = *n;
    line.passes_home = true;
    line.two_way = true;
    for (const Field& f : {office, lo, hi}) require_empty(f, line.technology);
  }
  constexpr double kGolden = 0.6180339887498949;
  double spread = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    line.loop_length_m = loop_min + static_cast<std::uint32_t>(spread * (loop_max - loop_min) + 0.5);
    spread += kGolden;
    if (spread >= 1) spread -= 1;
    data.serviceability.add_line(line);
  }
  return count;
}

}  // namespace

NetworkData load_network_tables(const ScenarioSource& source, const Catalog& catalog) {
  NetworkData data;
  load_offices(CsvTable::read(source, "offices.csv", {"office", "ports"}), data.serviceability);
  if (source.present("cable_nodes.csv"))
    load_nodes(CsvTable::read(source, "cable_nodes.csv", {"node", "load", "load_cap"}), data.serviceability);
  load_tiers(CsvTable::read(source, "access_tiers.csv", {"offering", "technology", "speed_kbps"}, {"max_loop_m"}),
             catalog, data.tiers);

  std::set<std::string> markets;
  for (const Plan& p : catalog.plans()) markets.insert(p.market);
  const bool has_plant = source.present("line_plant.csv");
  if (!has_plant || source.present("lines.csv")) {
    const CsvTable lines = CsvTable::read(source, "lines.csv", {"line", "technology", "market"},
                                          {"loop_length_m", "office", "passes_home", "two_way", "node"});
    if (!has_plant) lines.require_rows();
    for (std::size_t r = 0; r < lines.size(); ++r) {
      // A phone number or a street address: spaces allowed, empty not.
      const Field code = lines.field(r, "line");
      if (code.empty()) code.fail("required, but empty");
      if (data.line_index_.count(code.text())) code.fail("duplicate line '" + code.text() + "'");
      const LineId id = data.serviceability.add_line(line_record(lines, r, data.serviceability, markets));
      data.line_index_.emplace(code.text(), id);
      data.listed_codes_.push_back(code.text());
    }
  }
  if (has_plant) {
    const CsvTable plant = CsvTable::read(source, "line_plant.csv", {"prefix", "count", "technology", "market"},
                                          {"office", "loop_min_m", "loop_max_m", "node"});
    plant.require_rows();
    std::set<std::string> prefixes;
    for (std::size_t r = 0; r < plant.size(); ++r) {
      const auto first = static_cast<std::uint32_t>(data.serviceability.line_count());
      const std::uint32_t count = load_plant_range(plant, r, data, markets, prefixes);
      const int digits = static_cast<int>(std::to_string(count - 1).size());
      data.plant_.push_back({plant.field(r, "prefix").text(), first, count, digits});
    }
  }
  data.serviceability.shrink_to_fit();
  return data;
}

}  // namespace provsim::sim
