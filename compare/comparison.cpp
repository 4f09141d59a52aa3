#include "compare/comparison.hpp"

#include <fnmatch.h>

#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

#include "model/money/money.hpp"
#include "model/money/rounding.hpp"
#include "model/theory/welch.hpp"
#include "reports/decimal_compare.hpp"
#include "reports/value_text.hpp"

namespace provsim::compare {

namespace {

using reports::Value;

enum class Kind { kNumber, kMoney, kNone };

// One side's samples of one metric.
struct Samples {
  Kind kind = Kind::kNone;
  std::vector<double> numbers;  // money: micro-units
  std::vector<Money> money;
  std::vector<Value> raw;
};

std::optional<double> number_of(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v)) return std::isnan(*d) ? std::nullopt : std::optional<double>(*d);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? 1.0 : 0.0;
  return std::nullopt;
}

// Every comparable metric of a group, with its samples. A metric whose type
// changes between replications is left out.
std::map<std::string, Samples> samples_of(const RunGroup& g) {
  std::map<std::string, Samples> out;
  std::set<std::string> mixed;
  for (const auto& run : g.runs) {
    for (const auto& [key, value] : run.metrics) {
      Samples& s = out[key];
      const auto m = reports::money_value(value);
      const auto x = m ? std::nullopt : number_of(value);
      const Kind k = m ? Kind::kMoney : (x || std::holds_alternative<double>(value) ? Kind::kNumber : Kind::kNone);
      if (s.raw.empty() && s.kind == Kind::kNone) s.kind = k;
      if (k != s.kind || k == Kind::kNone) mixed.insert(key);
      s.raw.push_back(value);
      if (m) {
        s.money.push_back(*m);
        s.numbers.push_back(static_cast<double>(m->micros()));
      } else if (x) {
        s.numbers.push_back(*x);
      }
    }
  }
  for (const auto& key : mixed) out.erase(key);
  return out;
}

Money money_mean(const std::vector<Money>& samples) {
  Int128 sum = 0;
  for (const Money& m : samples) sum += m.micros();
  return Money::from_micros(divide_rounded(sum, static_cast<Int128>(samples.size()), Rounding::kHalfEven));
}

std::string mean_text(const Samples& s) {
  if (s.kind == Kind::kMoney) return money_mean(s.money).to_string();
  if (s.numbers.size() == 1 && s.raw.size() == 1) return reports::value_text(s.raw.front());
  return reports::double_text(theory::sample_stats(s.numbers).mean);
}

std::string difference_text(const Samples& a, const Samples& b) {
  if (a.kind == Kind::kMoney) {
    const Int128 d = static_cast<Int128>(money_mean(b.money).micros()) - money_mean(a.money).micros();
    if (d > std::numeric_limits<std::int64_t>::max() || d < std::numeric_limits<std::int64_t>::min())
      throw std::invalid_argument("a money difference is out of range");
    return Money::from_micros(static_cast<std::int64_t>(d)).to_string();
  }
  const auto* ia = a.raw.size() == 1 ? std::get_if<std::int64_t>(&a.raw.front()) : nullptr;
  const auto* ib = b.raw.size() == 1 ? std::get_if<std::int64_t>(&b.raw.front()) : nullptr;
  if (ia != nullptr && ib != nullptr) {
    const Int128 d = static_cast<Int128>(*ib) - *ia;
    if (d <= std::numeric_limits<std::int64_t>::max() && d >= std::numeric_limits<std::int64_t>::min())
      return std::to_string(static_cast<std::int64_t>(d));
  }
  return reports::double_text(theory::sample_stats(b.numbers).mean - theory::sample_stats(a.numbers).mean);
}

// A single value x against samples: t = (mean - x) / (s / sqrt(n)) with
// n - 1 degrees of freedom, which is Welch's test against a side of zero
// variance (its degrees of freedom reduce to the replicated side's).
theory::WelchResult one_sample(const theory::SampleStats& many, double x) {
  return theory::welch_t_test(many, theory::SampleStats{x, 0, 2});
}

void test_row(const Samples& a, const Samples& b, double level, MetricRow& row) {
  const auto sa = theory::sample_stats(a.numbers);
  const auto sb = theory::sample_stats(b.numbers);
  row.mean_a_value = sa.mean;
  row.mean_b_value = sb.mean;
  if (sa.mean != 0 && std::isfinite(sa.mean)) row.relative = (sb.mean - sa.mean) / std::fabs(sa.mean);
  if (sa.n >= 2 && sb.n >= 2) {
    row.test = "welch";
    row.p_value = theory::welch_t_test(sa, sb).p_value;
  } else if (sa.n >= 2 || sb.n >= 2) {
    row.test = "one-sample t";
    row.p_value = sa.n >= 2 ? one_sample(sa, sb.mean).p_value : one_sample(sb, sa.mean).p_value;
  } else {
    row.test = "exact";
    row.significant = row.mean_a != row.mean_b;
    return;
  }
  row.significant = *row.p_value < level;
}

void compare_groups(const RunGroup& ga, const RunGroup& gb, const std::string& name, double level,
                    std::vector<MetricRow>& rows) {
  const auto a = samples_of(ga);
  const auto b = samples_of(gb);
  std::set<std::string> keys;
  for (const auto& [k, s] : a) keys.insert(k);
  for (const auto& [k, s] : b) keys.insert(k);
  for (const auto& key : keys) {
    MetricRow row;
    row.group = name;
    row.metric = key;
    auto ia = a.find(key);
    auto ib = b.find(key);
    if (ia != a.end()) row.n_a = ia->second.numbers.size();
    if (ib != b.end()) row.n_b = ib->second.numbers.size();
    if (ia != a.end() && row.n_a > 0) row.mean_a = mean_text(ia->second);
    if (ib != b.end() && row.n_b > 0) row.mean_b = mean_text(ib->second);
    if (row.n_a == 0 || row.n_b == 0 || ia->second.kind != ib->second.kind) {
      row.test = "missing";
    } else {
      row.money = ia->second.kind == Kind::kMoney;
      row.difference = difference_text(ia->second, ib->second);
      test_row(ia->second, ib->second, level, row);
    }
    rows.push_back(std::move(row));
  }
}

}  // namespace

Comparison compare(const Side& a, const Side& b, double level) {
  if (!(level > 0 && level < 1)) throw std::invalid_argument("the significance level must be between 0 and 1");
  Comparison c;
  c.level = level;
  if (a.groups.size() == 1 && b.groups.size() == 1) {
    const auto& ga = a.groups.front();
    const auto& gb = b.groups.front();
    const std::string name = ga.name == gb.name ? ga.name : ga.name + " vs " + gb.name;
    c.pairs.emplace_back(ga.name, gb.name);
    compare_groups(ga, gb, name, level, c.rows);
    return c;
  }
  std::map<std::string, const RunGroup*> in_b;
  for (const auto& g : b.groups) in_b[g.name] = &g;
  for (const auto& ga : a.groups) {
    auto it = in_b.find(ga.name);
    if (it == in_b.end()) {
      c.unmatched.push_back("A: " + ga.name);
      continue;
    }
    c.pairs.emplace_back(ga.name, ga.name);
    compare_groups(ga, *it->second, ga.name, level, c.rows);
    in_b.erase(it);
  }
  for (const auto& [name, g] : in_b) c.unmatched.push_back("B: " + name);
  if (c.pairs.empty())
    throw std::invalid_argument(a.path.string() + " and " + b.path.string() +
                                " have no grid point in common (name one with --point-a/--point-b)");
  return c;
}

std::vector<const MetricRow*> matching(const Comparison& c, const std::string& pattern) {
  std::vector<const MetricRow*> out;
  for (const auto& r : c.rows)
    if (::fnmatch(pattern.c_str(), r.metric.c_str(), 0) == 0) out.push_back(&r);
  return out;
}

}  // namespace provsim::compare
