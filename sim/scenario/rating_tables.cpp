#include "sim/scenario/rating_tables.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "model/rating/price_model_registry.hpp"
#include "sim/scenario/cgr_tariff_plan.hpp"
#include "sim/scenario/csv_table.hpp"
#include "sim/scenario/scenario_source.hpp"
#include "sim/scenario/input_error.hpp"

namespace provsim::sim {
namespace {

// ------------------------------------------------------------- Rates.csv
// CGRateS writes its header as a comment ("#Id,ConnectFee,..."), which
// CsvTable would skip, so this small file has its own reader. Cells are
// plain (CGRateS Rates.csv has no quoting).

struct CgrRateRow {
  unsigned line;
  Money connect_fee;
  std::int64_t rate_pico;
  std::string unit, increment, group_start;  // resolved per offering unit
};

const std::vector<std::string> kRatesColumns = {"ID", "ConnectFee", "Rate", "RateUnit", "RateIncrement",
                                                "GroupIntervalStart"};

std::vector<std::string> split_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ',')) {
    while (!cell.empty() && std::isspace(static_cast<unsigned char>(cell.back()))) cell.pop_back();
    std::size_t i = 0;
    while (i < cell.size() && std::isspace(static_cast<unsigned char>(cell[i]))) ++i;
    cells.push_back(cell.substr(i));
  }
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

bool same_name(std::string a, std::string b) {
  for (auto& c : a) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto& c : b) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return a == b || (b == "id" && a == "tag");
}

std::map<std::string, std::vector<CgrRateRow>> read_rates(const ScenarioSource& source, const std::string& name) {
  const std::string file = source.where(name);
  std::istringstream in(source.read(name));
  std::map<std::string, std::vector<CgrRateRow>> rates;
  std::string text;
  unsigned line = 0;
  bool header = false;
  while (std::getline(in, text)) {
    ++line;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    if (!header) {
      std::string h = text;
      if (h.front() == '#') h.erase(0, 1);
      const auto names = split_cells(h);
      if (names.size() != kRatesColumns.size())
        throw InputError(file, line, "", "expected the header #Id,ConnectFee,Rate,RateUnit,RateIncrement,GroupIntervalStart");
      for (std::size_t i = 0; i < names.size(); ++i)
        if (!same_name(names[i], kRatesColumns[i]))
          throw InputError(file, line, names[i], "expected column " + kRatesColumns[i] + " here");
      header = true;
      continue;
    }
    if (text.front() == '#') continue;
    const auto cells = split_cells(text);
    if (cells.size() != kRatesColumns.size())
      throw InputError(file, line, "", "expected 6 cells, got " + std::to_string(cells.size()));
    auto money = [&](std::size_t i) {
      if (cells[i].empty()) return Money{};  // CGRateS: an empty ConnectFee is 0
      try {
        const Money m = Money::parse(cells[i]);
        if (m.is_negative()) throw std::invalid_argument("must not be negative, got " + cells[i]);
        return m;
      } catch (const std::invalid_argument& e) {
        throw InputError(file, line, kRatesColumns[i], e.what());
      }
    };
    if (cells[0].empty()) throw InputError(file, line, "ID", "required, but empty");
    std::int64_t rate = 0;
    try {
      rate = parse_pico(cells[2]);
    } catch (const std::invalid_argument& e) {
      throw InputError(file, line, kRatesColumns[2], e.what());
    }
    rates[cells[0]].push_back(CgrRateRow{line, money(1), rate, cells[3], cells[4], cells[5]});
  }
  if (!header) throw InputError(file, 1, "", "empty file: a header line is required");
  return rates;
}

// The stages of one Rates.csv ID in the offering's base quanta. Quantities
// are read as CGRateS reads them: Go durations, or plain whole numbers of
// nanoseconds (time), bytes (data) or items; a RateUnit or RateIncrement of
// 0 is one second.
std::pair<Money, std::vector<CgrStage>> resolve_stages(const std::vector<CgrRateRow>& rows, const Offering& offering,
                                                       const std::string& rates_file) {
  const UsageUnit unit = usage_unit(offering.unit);
  std::vector<std::pair<unsigned, CgrStage>> stages;
  for (const auto& r : rows) {
    auto q = [&](const std::string& text, const char* field, bool zero_is_one_second) {
      try {
        return cgr_quantity_to_base(text, unit, zero_is_one_second);
      } catch (const std::invalid_argument& e) {
        throw InputError(rates_file, r.line, field, e.what());
      }
    };
    stages.emplace_back(r.line, CgrStage{q(r.group_start, "GroupIntervalStart", false), r.rate_pico,
                                         q(r.unit, "RateUnit", true), q(r.increment, "RateIncrement", true)});
  }
  std::stable_sort(stages.begin(), stages.end(),
                   [](const auto& a, const auto& b) { return a.second.group_start < b.second.group_start; });
  // CGRateS charges the connect fee of the stage in force at the start.
  Money connect_fee;
  for (const auto& r : rows)
    if (r.line == stages.front().first) connect_fee = r.connect_fee;
  std::vector<CgrStage> out;
  for (const auto& [line, st] : stages) out.push_back(st);
  return {connect_fee, out};
}

// ------------------------------------------------------- rating_rules.csv

const std::vector<std::string> kParamColumns = {
    "price",         "connect_fee", "rate",      "rate_unit",     "rate_increment", "group_interval_start",
    "rates_id",      "rounding",    "rounding_decimals", "tiers", "allowance",      "overage_price",
    "peak_price",    "offpeak_price", "peak_start", "peak_end",   "minimum",        "max_cost",
    "max_cost_strategy", "tariff_plan", "rating_plan", "rating_profile", "destination"};

// The column a message about a rule's prices points at: the first price
// column the rule fills.
std::string price_field(const PriceParams& params) {
  for (const char* name : {"price", "peak_price", "offpeak_price", "tiers", "overage_price", "rate", "rates_id",
                           "tariff_plan", "minimum"})
    if (params.has(name)) return name;
  return "model";
}

void load_rules(const ScenarioSource& source, const Catalog& catalog, const CgrOptions& cgr, RatingTables& out) {
  const auto table = CsvTable::read(source, "rating_rules.csv", {"plan", "offering", "model"}, kParamColumns);
  table.require_rows();
  std::map<std::string, std::vector<CgrRateRow>> rates;
  const bool have_rates = source.present("Rates.csv");
  if (have_rates) rates = read_rates(source, "Rates.csv");
  out.cgrates_rates = rates.size();
  std::map<std::string, CgrTariffPlan> plans;  // tariff-plan folders, read once each

  for (std::size_t row = 0; row < table.size(); ++row) {
    const Field plan_field = table.field(row, "plan");
    const Field offering_field = table.field(row, "offering");
    const Field model_field = table.field(row, "model");
    const auto plan = catalog.find_plan(plan_field.as_id());
    if (!plan) plan_field.fail("unknown plan '" + plan_field.text() + "' (not in the catalog)");
    const auto offering = catalog.find_offering(offering_field.as_id());
    if (!offering) offering_field.fail("unknown offering '" + offering_field.text() + "'");
    if (!catalog.plan(*plan).item(*offering))
      offering_field.fail("offering '" + offering_field.text() + "' is not in plan '" + plan_field.text() + "'");
    if (out.book.rule(*plan, *offering)) offering_field.fail("a second rule for plan '" + plan_field.text() + "' and this offering");
    const std::string model = model_field.as_id();
    if (!is_price_model(model)) {
      std::vector<std::string> names = price_model_names();
      model_field.as_choice(names);
    }

    PriceParams params;
    for (const auto& column : kParamColumns) params.set(column, table.field(row, column).text());
    params.set_usage_unit(usage_unit(catalog.offering(*offering).unit));
    params.set_cgr_options(cgr);
    const std::string& folder = params.text("tariff_plan");
    if (!folder.empty()) {
      const Field f = table.field(row, "tariff_plan");
      if (model != "per_unit") f.fail("only a per_unit rule can name a tariff_plan");
      for (const char* other : {"rates_id", "rate", "connect_fee", "rounding", "rounding_decimals", "max_cost"})
        if (params.has(other)) table.field(row, other).fail("the tariff plan's DestinationRates give this; leave it empty");
      if (params.has("rating_plan") == params.has("rating_profile"))
        f.fail("name either rating_plan or rating_profile (tenant:category:subject) of the tariff plan");
      auto it = plans.find(folder);
      if (it == plans.end()) {
        it = plans.emplace(folder, CgrTariffPlan::read(source, folder)).first;
        for (const char* name : CgrTariffPlan::kFiles) {
          const std::string file = (std::filesystem::path(folder) / name).string();
          if (source.is_file(file)) out.tariff_plan_files.push_back(file);
        }
      }
      try {
        auto intervals = it->second.intervals(params.text("rating_plan"), params.text("rating_profile"),
                                              params.text("destination"), params.usage_unit());
        const CgrTariff check(params.usage_unit().dimension, intervals, cgr);
        const std::string day = check.uncovered_day();
        if (!day.empty()) f.fail("the rating plan has no timing from 00:00:00 on " + day + ": a usage then could not be rated");
        params.set_intervals(std::move(intervals));
      } catch (const std::invalid_argument& e) {
        f.fail(e.what());
      }
    }
    const std::string& rates_id = params.text("rates_id");
    if (!rates_id.empty()) {
      if (model != "per_unit") table.field(row, "rates_id").fail("only a per_unit rule can name a rates_id");
      if (!have_rates) table.field(row, "rates_id").fail("names '" + rates_id + "' but the scenario has no Rates.csv");
      auto it = rates.find(rates_id);
      if (it == rates.end()) table.field(row, "rates_id").fail("'" + rates_id + "' is not an ID in Rates.csv");
      auto [connect_fee, stages] = resolve_stages(it->second, catalog.offering(*offering), source.where("Rates.csv"));
      params.set_stages(connect_fee, std::move(stages));
    }
    try {
      auto price_model = make_price_model(model, params);
      out.book.add_rule(*plan, *offering, model, std::move(price_model), params.optional_money("minimum"));
      out.rule_sources.push_back(RuleSource{table.line(row), price_field(params)});
    } catch (const ParamError& e) {
      table.field(row, e.param()).fail(e.what());
    }
    ++out.rules;
  }

  // Every BSP offering a plan sells needs a rule, or its events could never
  // be rated.
  for (const auto& plan : catalog.plans())
    for (const auto& item : plan.items) {
      const auto kind = catalog.offering(item.offering).kind;
      if ((kind == OfferingKind::kBspPurchase || kind == OfferingKind::kBspUsage) && !out.book.rule(plan.id, item.offering))
        throw InputError(table.file(), 0, "offering",
                         "plan '" + plan.code + "' sells '" + catalog.offering(item.offering).code +
                             "' but has no rating rule for it");
    }
}

// ----------------------------------------------------- revenue_shares.csv

void load_shares(const ScenarioSource& source, const Catalog& catalog, RatingTables& out) {
  if (!source.present("revenue_shares.csv")) return;
  const auto table = CsvTable::read(source, "revenue_shares.csv", {"offering", "party", "kind", "value", "residual"}, {"rounding"});
  struct Pending {
    std::vector<ShareLine> lines;
    std::optional<ProviderId> residual;
    std::size_t first_row = 0;
    Percentage percent;
    std::set<ProviderId::rep> parties;
  };
  std::map<OfferingId::rep, Pending> by_offering;
  for (std::size_t row = 0; row < table.size(); ++row) {
    const Field offering_field = table.field(row, "offering");
    const auto offering = catalog.find_offering(offering_field.as_id());
    if (!offering) offering_field.fail("unknown offering '" + offering_field.text() + "'");
    const Field party_field = table.field(row, "party");
    // `isp` stands for the ISP of the subscriber's plan, resolved when rating.
    const auto party = party_field.text() == "isp" ? std::optional<ProviderId>(kPlanIsp)
                                                   : catalog.find_provider(party_field.as_id());
    if (!party)
      party_field.fail("unknown party '" + party_field.text() + "' (not a provider in the catalog, nor 'isp')");
    auto [it, fresh] = by_offering.try_emplace(offering->value());
    Pending& p = it->second;
    if (fresh) p.first_row = row;
    if (!p.parties.insert(party->value()).second) party_field.fail("a second share for the same party and offering");
    const bool residual = table.field(row, "residual").as_bool();
    const Field kind_field = table.field(row, "kind");
    const Field value_field = table.field(row, "value");
    if (residual) {
      if (p.residual) table.field(row, "residual").fail("a second residual party for offering '" + offering_field.text() + "'");
      p.residual = *party;
    }
    if (residual && kind_field.empty() && value_field.empty()) continue;  // the residual needs no value
    ShareLine line;
    line.party = *party;
    line.kind = kind_field.as_choice({"percent", "fixed", "wholesale"}) == "percent" ? ShareKind::kPercent
                : kind_field.text() == "fixed"                                      ? ShareKind::kFixed
                                                                                    : ShareKind::kWholesale;
    if (line.kind == ShareKind::kPercent) {
      try {
        line.percent = Percentage::parse_percent(value_field.text());
      } catch (const std::invalid_argument& e) {
        value_field.fail(e.what());
      }
      if (line.percent < Percentage{}) value_field.fail("must not be negative, got " + value_field.text());
      p.percent = p.percent + line.percent;
      if (p.percent > Percentage::from_millionths(Percentage::kWhole))
        value_field.fail("the percentages of offering '" + offering_field.text() + "' add up to " +
                         p.percent.to_string() + ", more than 100");
    } else {
      line.amount = value_field.as_money();
    }
    const Field rounding_field = table.field(row, "rounding");
    if (!rounding_field.empty()) {
      const auto r = parse_rounding(rounding_field.text());
      if (!r) rounding_field.as_choice({"up", "down", "half_up", "half_even"});
      line.rounding = *r;
    }
    if (!residual) p.lines.push_back(line);  // the residual's own value only counts toward the 100 % check
    ++out.share_lines;
  }
  for (auto& [offering, p] : by_offering) {
    if (!p.residual)
      table.field(p.first_row, "residual")
          .fail("offering '" + catalog.offering(OfferingId(offering)).code + "' has no residual party (exactly one is required)");
    try {
      out.book.set_shares(OfferingId(offering), ShareRule(std::move(p.lines), *p.residual));
    } catch (const std::invalid_argument& e) {
      table.field(p.first_row, "party").fail(e.what());
    }
  }
}

// ------------------------------------------------------------ events.csv

// The optional session_part and session_offset of a usage reported in parts.
void read_session_part(const CsvTable& table, std::size_t row, const Offering& o, ScriptedEvent& e) {
  const Field part = table.field(row, "session_part");
  const Field offset = table.field(row, "session_offset");
  if (part.empty() && offset.empty()) return;
  const Field& given = part.empty() ? offset : part;
  if (o.kind != OfferingKind::kBspUsage) given.fail("only a usage (a bsp_usage offering) is reported in parts");
  if (e.quantity.is_negative()) given.fail("a refund is not a part of a session");
  if (!part.empty()) e.session_part = static_cast<std::uint32_t>(part.as_int(1, 1'000'000));
  if (!offset.empty()) {
    try {
      e.session_offset = Quantity::parse(offset.text());
    } catch (const std::invalid_argument& error) {
      offset.fail(error.what());
    }
    if (e.session_offset.is_negative()) offset.fail("the usage reported before this part cannot be negative");
  }
  if (e.session_part == 1 && !e.session_offset.is_zero())
    offset.fail("the first part of a session starts at offset 0 (give session_part 2 or more for a later part)");
}

void load_scripted(const ScenarioSource& source, const Catalog& catalog, RatingTables& out) {
  if (!source.present("events.csv")) return;
  const auto table =
      CsvTable::read(source, "events.csv", {"time", "subscriber", "offering", "quantity"}, {"id", "sent", "duration", "refund_of", "session_part", "session_offset"});
  std::map<std::uint64_t, const ScriptedEvent*> by_id;
  out.scripted.reserve(table.size());
  for (std::size_t row = 0; row < table.size(); ++row) {
    ScriptedEvent e;
    e.line = table.line(row);
    const Field id_field = table.field(row, "id");
    e.id = id_field.empty() ? row + 1 : static_cast<std::uint64_t>(id_field.as_int(1));
    e.time = table.field(row, "time").as_duration();
    const Field sent = table.field(row, "sent");
    e.sent = sent.empty() ? e.time : sent.as_duration();
    const Field duration = table.field(row, "duration");
    e.duration = duration.empty() ? 0 : duration.as_duration();
    e.subscriber = static_cast<std::uint32_t>(table.field(row, "subscriber").as_int(0, 0xFFFFFFFE));
    const Field offering_field = table.field(row, "offering");
    const auto offering = catalog.find_offering(offering_field.as_id());
    if (!offering) offering_field.fail("unknown offering '" + offering_field.text() + "'");
    const Offering& o = catalog.offering(*offering);
    if (o.kind != OfferingKind::kBspPurchase && o.kind != OfferingKind::kBspUsage)
      offering_field.fail("'" + o.code + "' is not a BSP offering (bsp_purchase or bsp_usage)");
    e.offering = *offering;
    e.bsp = o.owner;
    const Field q = table.field(row, "quantity");
    try {
      e.quantity = Quantity::parse(q.text());
    } catch (const std::invalid_argument& error) {
      q.fail(error.what());
    }
    const Field refund_of = table.field(row, "refund_of");
    if (e.quantity.is_negative() != !refund_of.empty())
      q.fail("a refund has a negative quantity and a refund_of; other events neither");
    if (!refund_of.empty()) {
      e.refund_of = static_cast<std::uint64_t>(refund_of.as_int(1));
      auto original = by_id.find(e.refund_of);
      if (original == by_id.end() || original->second->offering != e.offering || original->second->sent > e.sent)
        refund_of.fail("no earlier-sent event " + refund_of.text() + " of the same offering to refund");
    }
    read_session_part(table, row, o, e);
    if (!by_id.emplace(e.id, nullptr).second) id_field.fail("a second event with id " + std::to_string(e.id));
    out.scripted.push_back(e);
    by_id[e.id] = &out.scripted.back();  // reserved above: the pointer stays valid
  }
  std::stable_sort(out.scripted.begin(), out.scripted.end(),
                   [](const ScriptedEvent& a, const ScriptedEvent& b) { return a.sent < b.sent; });
}

}  // namespace

RatingTables load_rating_tables(const ScenarioSource& source, const Catalog& catalog, const CgrOptions& cgr) {
  RatingTables out{RatingBook(catalog)};
  load_rules(source, catalog, cgr, out);
  load_shares(source, catalog, out);
  load_scripted(source, catalog, out);
  return out;
}

}  // namespace provsim::sim
