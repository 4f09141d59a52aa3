#include "model/rating/usage_unit.hpp"

#include <limits>
#include <stdexcept>
#include <vector>

namespace provsim {
namespace {

__extension__ typedef __int128 Wide;
constexpr Wide kMax = std::numeric_limits<std::int64_t>::max();

// CGRateS units (ns, bytes, items) to base quanta.
std::int64_t cgr_units_to_base(Wide n, const UsageUnit& unit, const std::string& text) {
  Wide base = 0;
  if (unit.dimension == UsageDimension::kTime) {
    if (n % 1'000'000 != 0) throw std::invalid_argument("'" + text + "' is not a whole number of milliseconds");
    base = n / 1'000'000;
  } else {
    base = n * 1000;
  }
  if (base > kMax) throw std::invalid_argument("'" + text + "' is too large");
  return static_cast<std::int64_t>(base);
}

bool plain_integer(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

const std::vector<std::string>& offering_units() {
  static const std::vector<std::string> kUnits = {"month", "item", "session", "sms",  "second", "minute",
                                                  "hour",  "byte", "kb",      "mb",   "gb"};
  return kUnits;
}

UsageUnit usage_unit(std::string_view unit) {
  if (unit == "second") return {UsageDimension::kTime, 1'000};
  if (unit == "minute") return {UsageDimension::kTime, 60'000};
  if (unit == "hour") return {UsageDimension::kTime, 3'600'000};
  if (unit == "byte") return {UsageDimension::kData, 1'000};
  if (unit == "kb") return {UsageDimension::kData, 1'000'000};
  if (unit == "mb") return {UsageDimension::kData, 1'000'000'000};
  if (unit == "gb") return {UsageDimension::kData, 1'000'000'000'000};
  if (unit == "sms" || unit == "item" || unit == "month" || unit == "session") return {UsageDimension::kCount, 1'000};
  throw std::invalid_argument("unknown unit '" + std::string(unit) + "'");
}

std::optional<std::int64_t> parse_go_duration(std::string_view text) {
  if (text.find_first_not_of("0123456789.") == std::string_view::npos) return std::nullopt;  // a plain number
  const std::string t(text);
  Wide total = 0;
  std::size_t i = 0;
  while (i < t.size()) {
    Wide whole = 0, frac = 0, scale = 1;
    const std::size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
      whole = whole * 10 + (t[i++] - '0');
      if (whole > kMax) throw std::invalid_argument("'" + t + "' is too long a duration");
    }
    if (i < t.size() && t[i] == '.') {
      ++i;
      while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
        if (scale < 1'000'000'000'000'000'000) {
          frac = frac * 10 + (t[i] - '0');
          scale *= 10;
        }
        ++i;
      }
    }
    if (i == start) throw std::invalid_argument("not a duration: '" + t + "' (e.g. 1m30s, 100ms, 2h)");
    std::size_t k = i;
    while (k < t.size() && !(t[k] >= '0' && t[k] <= '9') && t[k] != '.') ++k;
    const std::string u = t.substr(i, k - i);
    Wide ns = 0;
    if (u == "ns") ns = 1;
    else if (u == "us" || u == "\xC2\xB5s" || u == "\xCE\xBCs") ns = 1'000;
    else if (u == "ms") ns = 1'000'000;
    else if (u == "s") ns = 1'000'000'000;
    else if (u == "m") ns = 60'000'000'000;
    else if (u == "h") ns = 3'600'000'000'000;
    else throw std::invalid_argument("not a duration: '" + t + "' (units: h, m, s, ms, us, ns)");
    if ((frac * ns) % scale != 0) throw std::invalid_argument("'" + t + "' is not a whole number of nanoseconds");
    total += whole * ns + frac * ns / scale;
    if (total > kMax) throw std::invalid_argument("'" + t + "' is too long a duration");
    i = k;
  }
  return static_cast<std::int64_t>(total);
}

std::int64_t rule_quantity_to_base(const std::string& text, const UsageUnit& unit) {
  if (const auto ns = parse_go_duration(text)) {
    if (unit.dimension != UsageDimension::kTime)
      throw std::invalid_argument("'" + text + "' is a duration, but the offering is not metered in time");
    return cgr_units_to_base(*ns, unit, text);
  }
  const Quantity q = Quantity::parse(text);
  if (q.is_negative()) throw std::invalid_argument("must not be negative, got " + text);
  const Wide base = static_cast<Wide>(q.millis()) * unit.base_per_milli();
  if (base > kMax) throw std::invalid_argument("'" + text + "' is too large");
  return static_cast<std::int64_t>(base);
}

std::int64_t cgr_quantity_to_base(const std::string& text, const UsageUnit& unit, bool zero_is_one_second) {
  Wide n = 0;
  if (const auto ns = parse_go_duration(text)) {
    n = *ns;
  } else if (plain_integer(text)) {
    for (char c : text) {
      n = n * 10 + (c - '0');
      if (n > kMax) throw std::invalid_argument("'" + text + "' is too large");
    }
  } else {
    throw std::invalid_argument("expected a duration (60s, 1m30s) or a whole number, got '" + text + "'");
  }
  if (n == 0 && zero_is_one_second) n = 1'000'000'000;
  return cgr_units_to_base(n, unit, text);
}

}  // namespace provsim
