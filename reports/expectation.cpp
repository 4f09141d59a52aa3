#include "reports/expectation.hpp"

#include <charconv>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "reports/decimal_compare.hpp"
#include "reports/value_text.hpp"

namespace provsim::reports {

namespace {

// The outcome of comparing actual with expected, or why they cannot be.
struct Comparison {
  std::optional<int> order;  // -1, 0, 1 (actual against expected)
  bool unordered = false;    // NaN: every operator but != is false
  std::string problem;       // non-empty when the two cannot be compared
};

bool holds(const std::string& op, const Comparison& c) {
  if (c.unordered) return op == "!=";
  int o = *c.order;
  if (op == "==") return o == 0;
  if (op == "!=") return o != 0;
  if (op == "<") return o < 0;
  if (op == "<=") return o <= 0;
  if (op == ">") return o > 0;
  return o >= 0;
}

std::optional<double> parse_double(const std::string& text) {
  double d = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, d);
  if (ec != std::errc{} || ptr != end) return std::nullopt;
  return d;
}

Comparison compare_doubles(double actual, double expected) {
  if (std::isnan(actual) || std::isnan(expected)) return {std::nullopt, true, {}};
  return {actual < expected ? -1 : (actual > expected ? 1 : 0), false, {}};
}

Comparison not_a_number(const std::string& expected) {
  return {std::nullopt, false, "'" + expected + "' is not a number"};
}

bool is_equality(const std::string& op) { return op == "==" || op == "!="; }

Comparison compare(const Value& actual, const Expectation& e) {
  const std::string& expected = e.value;
  if (const auto* i = std::get_if<std::int64_t>(&actual)) {
    if (auto c = compare_decimal(std::to_string(*i), expected)) return {c, false, {}};
    if (auto d = parse_double(expected)) return compare_doubles(static_cast<double>(*i), *d);
    return not_a_number(expected);
  }
  if (const auto* d = std::get_if<double>(&actual)) {
    if (auto x = parse_double(expected)) return compare_doubles(*d, *x);
    return not_a_number(expected);
  }
  if (const auto* b = std::get_if<bool>(&actual)) {
    if (!is_equality(e.op)) return {std::nullopt, false, "a boolean takes only == and !="};
    if (expected != "true" && expected != "false") return {std::nullopt, false, "'" + expected + "' is not true or false"};
    return {(expected == "true") == *b ? 0 : 1, false, {}};
  }
  const auto& text = std::get<std::string>(actual);
  if (auto c = compare_decimal(text, expected)) return {c, false, {}};
  if (!is_equality(e.op)) return {std::nullopt, false, "text takes only == and !="};
  return {text == expected ? 0 : 1, false, {}};
}

}  // namespace

bool is_comparison_operator(const std::string& op) {
  return op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=";
}

std::string expectation_text(const Expectation& e) { return e.metric + " " + e.op + " " + e.value; }

Verdict evaluate(const Expectation& e, const std::map<std::string, Value>& metrics) {
  if (!is_comparison_operator(e.op))
    throw std::invalid_argument("expectation at line " + std::to_string(e.line) + ": unknown operator '" + e.op +
                                "' (use == != < <= > >=)");
  Verdict v;
  v.expectation = expectation_text(e);
  auto it = metrics.find(e.metric);
  if (it == metrics.end()) {
    v.actual = "missing";
    return v;
  }
  v.actual = value_text(it->second);
  Comparison c = compare(it->second, e);
  if (!c.problem.empty()) {
    v.actual += " (" + c.problem + ")";
    return v;
  }
  v.passed = holds(e.op, c);
  return v;
}

std::vector<Verdict> evaluate(const std::vector<Expectation>& expectations,
                              const std::map<std::string, Value>& metrics) {
  std::vector<Verdict> verdicts;
  verdicts.reserve(expectations.size());
  for (const auto& e : expectations) verdicts.push_back(evaluate(e, metrics));
  return verdicts;
}

}  // namespace provsim::reports
