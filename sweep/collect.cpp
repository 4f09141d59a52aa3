#include "sweep/collect.hpp"

#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "model/money/money.hpp"
#include "model/money/rounding.hpp"
#include "model/theory/confidence.hpp"
#include "reports/csv_writer.hpp"
#include "reports/decimal_compare.hpp"
#include "reports/results_reader.hpp"
#include "reports/value_text.hpp"
#include "sweep/run_status.hpp"
#include "sweep/sweep_html.hpp"

namespace provsim::sweep {

namespace fs = std::filesystem;
using reports::Value;

namespace {

enum class Kind { kNumber, kMoney, kNone };

Kind kind_of(const Value& v) {
  if (std::holds_alternative<std::int64_t>(v) || std::holds_alternative<double>(v)) return Kind::kNumber;
  return reports::money_value(v) ? Kind::kMoney : Kind::kNone;
}

// Each metric's kind over every run; a metric whose kind differs between runs is left out.
std::map<std::string, Kind> metric_kinds(const std::vector<const reports::Results*>& runs) {
  std::map<std::string, Kind> kinds;
  for (const auto* r : runs) {
    if (r == nullptr) continue;
    for (const auto& [key, value] : r->metrics) {
      const Kind k = kind_of(value);
      auto [it, added] = kinds.emplace(key, k);
      if (!added && it->second != k) it->second = Kind::kNone;
    }
  }
  return kinds;
}

void number_cells(const std::vector<double>& samples, std::vector<Value>& row) {
  if (samples.empty()) {
    row.insert(row.end(), 3, Value(std::string()));
  } else if (samples.size() == 1) {
    // One at a time: inserting an initializer list of variants makes GCC 12
    // at -O3 warn -Wmaybe-uninitialized about a string it never reads.
    row.emplace_back(samples.front());
    row.emplace_back(std::string());
    row.emplace_back(std::string());
  } else {
    const auto ci = theory::confidence_interval_95(samples);
    row.insert(row.end(), {Value(ci.mean), Value(ci.lower()), Value(ci.upper())});
  }
}

void money_cells(const std::vector<Money>& samples, std::vector<Value>& row) {
  if (samples.empty()) {
    row.insert(row.end(), 3, Value(std::string()));
    return;
  }
  Int128 sum = 0;
  std::vector<double> micros;
  for (const Money& m : samples) {
    sum += m.micros();
    micros.push_back(static_cast<double>(m.micros()));
  }
  const Money mean = Money::from_micros(divide_rounded(sum, static_cast<Int128>(samples.size()), Rounding::kHalfEven));
  row.push_back(mean.to_string());
  if (samples.size() == 1) {
    row.insert(row.end(), 2, Value(std::string()));
    return;
  }
  const auto ci = theory::confidence_interval_95(micros);
  const double half = ci.half_width;
  // The bounds are the exact mean plus or minus the half-width, rounded to a micro-unit.
  const auto h = static_cast<std::int64_t>(std::llround(half));
  row.push_back((mean - Money::from_micros(h)).to_string());
  row.push_back((mean + Money::from_micros(h)).to_string());
}

}  // namespace

Collected collect(const Plan& plan, const std::vector<const reports::Results*>& runs) {
  if (runs.size() != plan.runs.size()) throw std::invalid_argument("one result per planned run is needed");
  Collected c;
  const auto kinds = metric_kinds(runs);
  for (const auto& [key, kind] : kinds)
    if (kind != Kind::kNone) c.metrics.push_back(key);
  c.table.name = "sweep";
  for (const auto& a : plan.axes) c.table.columns.push_back(a.key);
  c.table.columns.push_back("replications");
  for (const auto& m : c.metrics)
    for (const char* part : {".mean", ".ci95_low", ".ci95_high"}) c.table.columns.push_back(m + part);

  std::vector<std::vector<const reports::Results*>> by_point(plan.points.size());
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (runs[i] == nullptr) {
      c.missing.push_back(plan.runs[i].name);
      continue;
    }
    ++c.runs_found;
    by_point[plan.runs[i].point].push_back(runs[i]);
  }
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    std::vector<Value> row;
    for (const auto& v : plan.points[p].values) row.emplace_back(v);
    row.emplace_back(static_cast<std::int64_t>(by_point[p].size()));
    for (const auto& m : c.metrics) {
      std::vector<double> numbers;
      std::vector<Money> amounts;
      for (const auto* r : by_point[p]) {
        auto it = r->metrics.find(m);
        if (it == r->metrics.end()) continue;
        if (kinds.at(m) == Kind::kMoney) {
          amounts.push_back(*reports::money_value(it->second));
        } else {
          const double x = std::holds_alternative<double>(it->second)
                               ? std::get<double>(it->second)
                               : static_cast<double>(std::get<std::int64_t>(it->second));
          if (!std::isnan(x)) numbers.push_back(x);
        }
      }
      if (kinds.at(m) == Kind::kMoney) money_cells(amounts, row);
      else number_cells(numbers, row);
    }
    c.table.add(std::move(row));
  }
  return c;
}

Collected collect(const Plan& plan, const fs::path& out) {
  std::vector<std::unique_ptr<reports::Results>> read;
  std::vector<const reports::Results*> runs;
  for (const auto& run : plan.runs) {
    const fs::path dir = run_dir(out, run);
    if (!run_complete(dir, run.hash, run.seed)) {
      runs.push_back(nullptr);
      continue;
    }
    read.push_back(std::make_unique<reports::Results>(reports::read_summary(dir)));
    runs.push_back(read.back().get());
  }
  return collect(plan, runs);
}

void write_collected(const Plan& plan, const Collected& collected, const fs::path& out) {
  auto write = [&](const std::string& name, const std::string& text) {
    const fs::path partial = out / ("." + name + ".partial");
    {
      std::ofstream f(partial, std::ios::binary | std::ios::trunc);
      f << text;
      f.flush();
      if (!f) throw std::runtime_error("cannot write " + partial.string());
    }
    fs::rename(partial, out / name);
  };
  std::ostringstream csv;
  reports::write_csv(collected.table, csv);
  write("sweep.csv", csv.str());
  write("sweep.html", sweep_html(plan, collected, reports::load_assets(reports::default_asset_dir())));
}

}  // namespace provsim::sweep
