#pragma once
// CGRateS's own cost expectations as test vectors (tests/data/cgrates):
// plans.csv holds the rating plans the CGRateS tests load (one row per
// RatingPlans.csv interval, with its DestinationRate and Rates resolved),
// vectors.csv one expectation per row, each citing the CGRateS test file and
// line it comes from. Shared by the model test and the whole-run test.

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/money/money.hpp"
#include "model/rating/cgr_tariff.hpp"
#include "model/rating/usage_unit.hpp"

namespace provsim::cgrates_vectors {

struct Vector {
  std::string id, plan, dimension, start, usage, source;
  bool first_part = true;
  std::string session_offset;
  std::string fixture;  // "folder:rating plan:destination" of the CGRateS tariff plan it comes from, if copied
  int global_decimals = 5;
  RoundingPath path = RoundingPath::kCost;
  Money expected;
};

struct PlanRow {
  std::string plan, weekdays, start, weight, connect_fee, method, decimals, max_cost, strategy, stages;
};

inline std::vector<std::string> cells(const std::string& line, char sep = ',') {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, sep)) out.push_back(cell);
  if (!line.empty() && line.back() == sep) out.emplace_back();
  return out;
}

inline std::vector<std::vector<std::string>> rows(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::vector<std::string>> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(cells(line));
  return out;
}

inline std::string dir() { return std::string(PROVSIM_SOURCE_DIR) + "/tests/data/cgrates/"; }

inline std::vector<Vector> vectors() {
  std::vector<Vector> out;
  for (const auto& c : rows(dir() + "vectors.csv")) {
    Vector v;
    v.id = c.at(0);
    v.plan = c.at(1);
    v.dimension = c.at(2);
    v.start = c.at(3);
    v.usage = c.at(4);
    v.first_part = c.at(5) == "true";
    v.session_offset = c.at(6);
    v.global_decimals = std::stoi(c.at(7));
    v.path = c.at(8) == "debit" ? RoundingPath::kDebit : RoundingPath::kCost;
    v.expected = Money::parse(c.at(9));
    v.source = c.at(10);
    if (c.size() > 11) v.fixture = c.at(11);
    out.push_back(v);
  }
  return out;
}

inline std::multimap<std::string, PlanRow> plan_rows() {
  std::multimap<std::string, PlanRow> out;
  for (const auto& c : rows(dir() + "plans.csv"))
    out.emplace(c.at(0), PlanRow{c.at(0), c.at(1), c.at(2), c.at(3), c.at(4), c.at(5), c.at(6), c.at(7), c.at(8), c.at(9)});
  return out;
}

// The offering unit a vector's usage is written in (CGRateS's units).
inline UsageUnit unit_of(const std::string& dimension) {
  if (dimension == "voice") return usage_unit("second");
  if (dimension == "data") return usage_unit("byte");
  return usage_unit("sms");
}

inline std::int32_t seconds_of_day(const std::string& hms) {
  return std::stoi(hms.substr(0, 2)) * 3600 + std::stoi(hms.substr(3, 2)) * 60 + std::stoi(hms.substr(6, 2));
}

inline std::vector<CgrInterval> intervals(const std::string& plan, const UsageUnit& unit) {
  std::vector<CgrInterval> out;
  const auto all = plan_rows();
  auto [lo, hi] = all.equal_range(plan);
  for (auto it = lo; it != hi; ++it) {
    const PlanRow& r = it->second;
    CgrInterval iv;
    if (r.weekdays != "*any") {
      iv.weekdays = 0;
      for (const auto& d : cells(r.weekdays, ';')) iv.weekdays = static_cast<std::uint8_t>(iv.weekdays | 1 << (std::stoi(d) % 7));
    }
    iv.start_s = seconds_of_day(r.start);
    iv.weight = std::stoll(r.weight) * 1000;
    iv.rating.connect_fee = r.connect_fee.empty() ? Money{} : Money::parse(r.connect_fee);
    iv.rating.method = *parse_rounding(r.method);
    iv.rating.decimals = std::stoi(r.decimals);
    iv.rating.max_cost = r.max_cost.empty() ? Money{} : Money::parse(r.max_cost);
    iv.rating.strategy = r.strategy == "*free"         ? MaxCostStrategy::kFree
                         : r.strategy == "*disconnect" ? MaxCostStrategy::kDisconnect
                                                       : MaxCostStrategy::kNone;
    for (const auto& st : cells(r.stages, ';')) {
      const auto at = st.find('@');
      const auto parts = cells(st.substr(0, at), '/');
      iv.rating.stages.push_back(CgrStage{cgr_quantity_to_base(st.substr(at + 1), unit, false), parse_pico(parts.at(0)),
                                          cgr_quantity_to_base(parts.at(1), unit, true),
                                          cgr_quantity_to_base(parts.at(2), unit, true)});
    }
    out.push_back(iv);
  }
  if (out.empty()) throw std::runtime_error("no plan " + plan + " in plans.csv");
  return out;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
inline std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// The vector's start ("2012-02-02T17:30:00") as provsim sim time in ms: the
// same week day and time of day in the sim's first week (day 0 a Monday).
inline std::int64_t sim_start_ms(const std::string& iso) {
  const std::int64_t days = days_from_civil(std::stoll(iso.substr(0, 4)), static_cast<unsigned>(std::stoi(iso.substr(5, 2))),
                                            static_cast<unsigned>(std::stoi(iso.substr(8, 2))));
  const std::int64_t go_weekday = ((days % 7) + 7 + 4) % 7;  // 1970-01-01 was a Thursday
  const std::int64_t sim_day = (go_weekday + 6) % 7;          // Monday = 0
  return sim_day * 86'400'000 + seconds_of_day(iso.substr(11, 8)) * 1000LL;
}

}  // namespace provsim::cgrates_vectors
