#include "sim/scenario/units.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string>

#include "model/core/trim.hpp"

namespace provsim::sim {
namespace {

// Seconds per unit, or a negative value for an unknown unit.
double unit_seconds(std::string_view unit) {
  if (unit.empty() || unit == "s" || unit == "sec") return 1.0;
  if (unit == "ms") return 1e-3;
  if (unit == "m" || unit == "min") return 60.0;
  if (unit == "h") return 3600.0;
  if (unit == "d") return 86400.0;
  if (unit == "w") return 7 * 86400.0;
  return -1.0;
}

}  // namespace

double parse_number(std::string_view text) {
  text = trim(text);
  double value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value))
    throw std::invalid_argument("expected a number, got '" + std::string(text) + "'");
  return value;
}

double parse_duration(std::string_view text) {
  text = trim(text);
  std::size_t split = text.find_first_not_of("0123456789.+-eE");
  // An 'e' may belong to a unit-less exponent, but no unit starts with 'e'.
  const std::string_view number = text.substr(0, split);
  const std::string_view unit = split == std::string_view::npos ? std::string_view{} : text.substr(split);
  const double scale = unit_seconds(unit);
  if (number.empty() || scale < 0)
    throw std::invalid_argument("expected a duration like 90s, 15m, 2h or 30d, got '" + std::string(text) + "'");
  double value = 0;
  try {
    value = parse_number(number);
  } catch (const std::invalid_argument&) {
    throw std::invalid_argument("expected a duration like 90s, 15m, 2h or 30d, got '" + std::string(text) + "'");
  }
  if (!std::isfinite(value * scale))
    throw std::invalid_argument("duration too large: '" + std::string(text) + "'");
  return value * scale;
}

double parse_rate(std::string_view text) {
  text = trim(text);
  const auto slash = text.find('/');
  const std::string message = "expected a rate like 120/h, 5/s or 1000/d, got '" + std::string(text) + "'";
  if (slash == std::string_view::npos) throw std::invalid_argument(message);
  const double per = unit_seconds(trim(text.substr(slash + 1)));
  if (per <= 0 || trim(text.substr(slash + 1)).empty()) throw std::invalid_argument(message);
  double count = 0;
  try {
    count = parse_number(text.substr(0, slash));
  } catch (const std::invalid_argument&) {
    throw std::invalid_argument(message);
  }
  if (!std::isfinite(count / per)) throw std::invalid_argument("rate too large: '" + std::string(text) + "'");
  return count / per;
}

std::int64_t parse_integer(std::string_view text) {
  text = trim(text);
  const std::string message = "expected a whole number, got '" + std::string(text) + "'";
  std::int64_t value = 0;
  const char* begin = text.data() + (!text.empty() && text.front() == '+' ? 1 : 0);
  auto [ptr, ec] = std::from_chars(begin, text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range) throw std::invalid_argument("whole number too large: '" + std::string(text) + "'");
  if (!text.empty() && ec == std::errc() && ptr == text.data() + text.size()) return value;
  // "1e6": exact only below 2^53, where a double holds every whole number.
  const double d = parse_number(text);  // its message for what is no number at all
  if (d != std::floor(d)) throw std::invalid_argument(message);
  if (std::fabs(d) > 9007199254740992.0)
    throw std::invalid_argument("write a whole number this large in digits, got '" + std::string(text) + "'");
  return static_cast<std::int64_t>(d);
}

std::uint64_t parse_unsigned64(std::string_view text) {
  text = trim(text);
  std::uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range)
    throw std::invalid_argument("must be at most 18446744073709551615, got " + std::string(text));
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size())
    throw std::invalid_argument("expected a whole number of digits 0-9, got '" + std::string(text) + "'");
  return value;
}

}  // namespace provsim::sim
