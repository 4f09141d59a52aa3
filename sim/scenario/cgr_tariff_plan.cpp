#include "sim/scenario/cgr_tariff_plan.hpp"

#include <algorithm>
#include <sstream>

#include "model/core/trim.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario_source.hpp"

namespace provsim::sim {
namespace {

using Row = CgrTariffPlan::Row;

// CGRateS's CSV: comma separated, '#' comment lines, cells may be quoted
// (a quoted cell may hold commas; "" is a quote).
std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') cell += '"', ++i;
      else if (c == '"') quoted = false;
      else cell += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(std::string(trim(cell, " \t\n\v\f\r")));
      cell.clear();
    } else {
      cell += c;
    }
  }
  out.push_back(std::string(trim(cell, " \t\n\v\f\r")));
  return out;
}

// Reads `name` from the folder `folder` of `source`; false when it is not
// there and is optional.
bool read_rows(const ScenarioSource& source, const std::string& folder, const char* name,
               const std::vector<std::string>& columns, bool required, std::vector<Row>& out) {
  const std::string path = folder.empty() ? std::string(name) : (std::filesystem::path(folder) / name).string();
  const std::string file = source.where(path);
  if (!source.present(path)) {
    if (required) throw InputError(file, 0, "", "a CGRateS tariff plan needs this file");
    return false;
  }
  std::istringstream in(source.read(path));
  std::string text;
  unsigned line = 0;
  while (std::getline(in, text)) {
    ++line;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    const std::string t = std::string(trim(text, " \t\n\v\f\r"));
    if (t.empty() || t.front() == '#') continue;
    auto cells = split(t);
    if (cells.size() != columns.size())
      throw InputError(file, line, "", "expected " + std::to_string(columns.size()) + " columns (" +
                                           [&] {
                                             std::string s;
                                             for (const auto& c : columns) s += (s.empty() ? "" : ",") + c;
                                             return s;
                                           }() +
                                           "), got " + std::to_string(cells.size()));
    if (cells[0].empty()) throw InputError(file, line, columns[0], "required, but empty");
    out.push_back(Row{file, line, std::move(cells)});
  }
  return true;
}

[[noreturn]] void fail(const Row& r, const std::string& column, const std::string& what) {
  throw InputError(r.file, r.line, column, what);
}

struct Timing {
  std::uint8_t weekdays = 0x7F;
  std::int32_t start_s = 0;
};

const std::vector<std::string> kTimingColumns = {"ID", "Years", "Months", "MonthDays", "WeekDays", "Time"};
const std::vector<std::string> kRateColumns = {"ID", "ConnectFee", "Rate", "RateUnit", "RateIncrement",
                                               "GroupIntervalStart"};
const std::vector<std::string> kDrColumns = {"ID",          "DestinationsID", "RatesID", "RoundingMethod",
                                             "RoundingDecimals", "MaxCost",   "MaxCostStrategy"};
const std::vector<std::string> kRpColumns = {"ID", "DestinationRatesID", "TimingID", "Weight"};
const std::vector<std::string> kProfileColumns = {"Tenant",       "Category",     "Subject",
                                                  "ActivationTime", "RatingPlanID", "FallbackSubject"};
const std::vector<std::string> kDestinationColumns = {"ID", "Prefix"};

Timing parse_timing(const Row& r) {
  for (std::size_t c = 1; c <= 3; ++c)
    if (!r.cells[c].empty() && r.cells[c] != "*any")
      fail(r, kTimingColumns[c], "'" + r.cells[c] + "' is not supported: the simulation has no calendar dates (use *any)");
  Timing t;
  if (!r.cells[4].empty() && r.cells[4] != "*any") {
    t.weekdays = 0;
    std::istringstream in(r.cells[4]);
    std::string d;
    while (std::getline(in, d, ';')) {
      if (d.size() != 1 || d[0] < '0' || d[0] > '7') fail(r, "WeekDays", "'" + r.cells[4] + "' is not a list of days 1..7 (Monday = 1)");
      t.weekdays = static_cast<std::uint8_t>(t.weekdays | 1 << ((d[0] - '0') % 7));  // 7 is Sunday, as in CGRateS
    }
  }
  const std::string& time = r.cells[5];
  int h = -1, m = -1, s = -1;
  char c1 = 0, c2 = 0;
  std::istringstream in(time);
  if (time.size() != 8 || !(in >> h >> c1 >> m >> c2 >> s) || c1 != ':' || c2 != ':' || h > 23 || m > 59 || s > 59 ||
      h < 0 || m < 0 || s < 0)
    fail(r, "Time", "'" + time + "' is not supported: expected a start time hh:mm:ss");
  t.start_s = h * 3600 + m * 60 + s;
  return t;
}

std::int64_t parse_weight(const Row& r) {
  try {
    const Quantity q = Quantity::parse(r.cells[3].empty() ? "0" : r.cells[3]);
    return q.millis();
  } catch (const std::invalid_argument& e) {
    fail(r, "Weight", e.what());
  }
}

Money parse_money(const Row& r, std::size_t column, const std::vector<std::string>& names) {
  if (r.cells[column].empty()) return Money{};
  try {
    const Money m = Money::parse(r.cells[column]);
    if (m.is_negative()) fail(r, names[column], "must not be negative, got " + r.cells[column]);
    return m;
  } catch (const std::invalid_argument& e) {
    fail(r, names[column], e.what());
  }
}

}  // namespace

CgrTariffPlan CgrTariffPlan::read(const std::filesystem::path& folder) {
  if (!std::filesystem::is_directory(folder)) throw InputError(folder.string(), 0, "", "not a tariff-plan folder");
  return read(FolderSource(folder), "");
}

CgrTariffPlan CgrTariffPlan::read(const ScenarioSource& source, const std::string& folder) {
  CgrTariffPlan tp;
  if (!source.is_folder(folder)) throw InputError(source.where(folder), 0, "", "not a tariff-plan folder");
  std::vector<Row> rows;
  if (read_rows(source, folder, "Timings.csv", kTimingColumns, false, rows))
    for (auto& r : rows) tp.timings_.emplace(r.cells[0], r);  // checked when a rating plan names it (*asap ones serve action plans)
  rows.clear();
  read_rows(source, folder, "Rates.csv", kRateColumns, true, rows);
  for (auto& r : rows) tp.rates_.emplace(r.cells[0], r);
  rows.clear();
  read_rows(source, folder, "DestinationRates.csv", kDrColumns, true, rows);
  for (auto& r : rows) tp.destination_rates_.emplace(r.cells[0], r);
  rows.clear();
  read_rows(source, folder, "RatingPlans.csv", kRpColumns, true, rows);
  for (auto& r : rows) tp.rating_plans_.emplace(r.cells[0], r);
  rows.clear();
  tp.have_profiles_ = read_rows(source, folder, "RatingProfiles.csv", kProfileColumns, false, tp.profiles_);
  tp.have_destinations_ = read_rows(source, folder, "Destinations.csv", kDestinationColumns, false, rows);
  for (auto& r : rows) tp.destinations_.emplace(r.cells[0], r);
  return tp;
}

std::vector<CgrInterval> CgrTariffPlan::intervals(const std::string& rating_plan, const std::string& rating_profile,
                                                  const std::string& destination, const UsageUnit& unit) const {
  std::string plan = rating_plan;
  if (plan.empty()) {
    if (!have_profiles_) throw std::invalid_argument("names a rating profile, but the tariff plan has no RatingProfiles.csv");
    const Row* best = nullptr;
    for (const auto& r : profiles_) {
      if (r.cells[0] + ":" + r.cells[1] + ":" + r.cells[2] != rating_profile) continue;
      if (!r.cells[5].empty()) fail(r, "FallbackSubject", "fallback subjects are not supported");
      if (!best || r.cells[3] > best->cells[3]) best = &r;
    }
    if (!best) throw std::invalid_argument("no rating profile '" + rating_profile + "' (tenant:category:subject)");
    plan = best->cells[4];
  }
  auto [lo, hi] = rating_plans_.equal_range(plan);
  if (lo == hi) throw std::invalid_argument("no rating plan '" + plan + "' in RatingPlans.csv");

  // The destination rates of the plan that apply: those of the destination
  // with the longest prefix of `destination`, else those for *any.
  struct Candidate {
    const Row* plan_row;
    const Row* dr_row;
  };
  std::vector<Candidate> candidates;
  for (auto it = lo; it != hi; ++it) {
    auto [dlo, dhi] = destination_rates_.equal_range(it->second.cells[1]);
    if (dlo == dhi) fail(it->second, "DestinationRatesID", "'" + it->second.cells[1] + "' is not in DestinationRates.csv");
    for (auto d = dlo; d != dhi; ++d) candidates.push_back({&it->second, &d->second});
  }
  auto prefix_of = [&](const std::string& dest_id) -> std::size_t {  // longest matching prefix length, 0: none
    std::size_t best = 0;
    auto [a, b] = destinations_.equal_range(dest_id);
    for (auto p = a; p != b; ++p)
      if (destination.compare(0, p->second.cells[1].size(), p->second.cells[1]) == 0)
        best = std::max(best, p->second.cells[1].size());
    return best;
  };
  std::size_t longest = 0;
  if (!destination.empty())
    for (const auto& c : candidates)
      if (c.dr_row->cells[1] != "*any") {
        if (!have_destinations_) fail(*c.dr_row, "DestinationsID", "names a destination, but the tariff plan has no Destinations.csv");
        longest = std::max(longest, prefix_of(c.dr_row->cells[1]));
      }
  std::vector<CgrInterval> out;
  for (const auto& c : candidates) {
    const Row& dr = *c.dr_row;
    const bool matches = longest > 0 ? dr.cells[1] != "*any" && prefix_of(dr.cells[1]) == longest : dr.cells[1] == "*any";
    if (!matches) continue;
    CgrInterval iv;
    const Row& rp = *c.plan_row;
    if (rp.cells[2] != "*any" && !rp.cells[2].empty()) {
      auto t = timings_.find(rp.cells[2]);
      if (t == timings_.end()) fail(rp, "TimingID", "'" + rp.cells[2] + "' is not in Timings.csv");
      const Timing timing = parse_timing(t->second);
      iv.weekdays = timing.weekdays;
      iv.start_s = timing.start_s;
    }
    iv.weight = parse_weight(rp);
    CgrRating& r = iv.rating;
    const auto method = parse_rounding(dr.cells[3]);
    if (!method || dr.cells[3] == "half_even" || dr.cells[3] == "up" || dr.cells[3] == "down" || dr.cells[3] == "half_up")
      fail(dr, "RoundingMethod", "'" + dr.cells[3] + "' is not one of *up, *middle, *down");
    r.method = *method;
    try {
      r.decimals = std::stoi(dr.cells[4]);
    } catch (const std::exception&) {
      fail(dr, "RoundingDecimals", "expected a whole number, got '" + dr.cells[4] + "'");
    }
    if (r.decimals < 0 || r.decimals > 6 || dr.cells[4].find_first_not_of("0123456789") != std::string::npos)
      fail(dr, "RoundingDecimals", "must be 0..6 (charges are kept in micro-units), got '" + dr.cells[4] + "'");
    r.max_cost = parse_money(dr, 5, kDrColumns);
    const std::string& strategy = dr.cells[6];
    if (strategy.empty()) r.strategy = MaxCostStrategy::kNone;
    else if (strategy == "*free") r.strategy = MaxCostStrategy::kFree;
    else if (strategy == "*disconnect") r.strategy = MaxCostStrategy::kDisconnect;
    else fail(dr, "MaxCostStrategy", "'" + strategy + "' is not one of *free, *disconnect");
    auto [rlo, rhi] = rates_.equal_range(dr.cells[2]);
    if (rlo == rhi) fail(dr, "RatesID", "'" + dr.cells[2] + "' is not in Rates.csv");
    std::vector<std::pair<const Row*, CgrStage>> stages;
    for (auto it = rlo; it != rhi; ++it) {
      const Row& rr = it->second;
      auto q = [&](std::size_t col, bool zero_is_one_second) {
        try {
          return cgr_quantity_to_base(rr.cells[col].empty() ? "0" : rr.cells[col], unit, zero_is_one_second);
        } catch (const std::invalid_argument& e) {
          fail(rr, kRateColumns[col], e.what());
        }
      };
      CgrStage st;
      try {
        st.rate_pico = parse_pico(rr.cells[2]);
      } catch (const std::invalid_argument& e) {
        fail(rr, "Rate", e.what());
      }
      st.unit = q(3, true);
      st.increment = q(4, true);
      st.group_start = q(5, false);
      (void)parse_money(rr, 1, kRateColumns);
      stages.emplace_back(&rr, st);
    }
    std::stable_sort(stages.begin(), stages.end(),
                     [](const auto& a, const auto& b) { return a.second.group_start < b.second.group_start; });
    r.connect_fee = parse_money(*stages.front().first, 1, kRateColumns);
    for (const auto& [row, st] : stages) r.stages.push_back(st);
    out.push_back(std::move(iv));
  }
  if (out.empty())
    throw std::invalid_argument("rating plan '" + plan + "' has no destination rates for " +
                                (destination.empty() ? std::string("*any") : "destination " + destination));
  return out;
}

}  // namespace provsim::sim
