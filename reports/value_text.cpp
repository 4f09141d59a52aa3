#include "reports/value_text.hpp"

#include <stdexcept>

#include "reports/decimal_compare.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

namespace provsim::reports {

std::string double_text(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Inf" : "-Inf";
  char buf[64];
  // Shortest round-trip form: locale-independent and the same on every run.
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, end);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string value_text(const Value& v) {
  struct Visitor {
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const { return double_text(d); }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(const std::string& s) const { return s; }
  };
  return std::visit(Visitor{}, v);
}

std::optional<Money> money_value(const Value& v) {
  const auto* s = std::get_if<std::string>(&v);
  if (s == nullptr || !is_decimal(*s)) return std::nullopt;
  try {
    return Money::parse(*s);
  } catch (const std::invalid_argument&) {
    return std::nullopt;  // more decimals than money holds, or too large
  }
}

}  // namespace provsim::reports
