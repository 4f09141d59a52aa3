#include "model/rating/price_params.hpp"

#include <charconv>

namespace provsim {
namespace {

const std::string kEmpty;

}  // namespace

bool PriceParams::has(std::string_view name) const {
  auto it = values_.find(name);
  return it != values_.end() && !it->second.empty();
}

const std::string& PriceParams::text(std::string_view name) const {
  auto it = values_.find(name);
  return it == values_.end() ? kEmpty : it->second;
}

std::optional<Money> PriceParams::optional_money(std::string_view name) const {
  if (!has(name)) return std::nullopt;
  Money m;
  try {
    m = Money::parse(text(name));
  } catch (const std::invalid_argument& e) {
    throw ParamError(std::string(name), e.what());
  }
  if (m.is_negative()) throw ParamError(std::string(name), "must not be negative, got " + text(name));
  return m;
}

Money PriceParams::money(std::string_view name) const {
  if (!has(name)) throw ParamError(std::string(name), "required by this model, but empty");
  return *optional_money(name);
}

std::optional<Quantity> PriceParams::optional_quantity(std::string_view name) const {
  if (!has(name)) return std::nullopt;
  Quantity q;
  try {
    q = Quantity::parse(text(name));
  } catch (const std::invalid_argument& e) {
    throw ParamError(std::string(name), e.what());
  }
  if (q.is_negative()) throw ParamError(std::string(name), "must not be negative, got " + text(name));
  return q;
}

Quantity PriceParams::quantity(std::string_view name) const {
  if (!has(name)) throw ParamError(std::string(name), "required by this model, but empty");
  return *optional_quantity(name);
}

Rounding PriceParams::rounding(std::string_view name, Rounding fallback) const {
  if (!has(name)) return fallback;
  auto r = parse_rounding(text(name));
  if (!r) throw ParamError(std::string(name), "'" + text(name) + "' is not one of: up, down, half_up, half_even, *up, *down, *middle");
  return *r;
}

std::int64_t PriceParams::integer(std::string_view name, std::int64_t fallback, std::int64_t min,
                                  std::int64_t max) const {
  if (!has(name)) return fallback;
  const std::string& t = text(name);
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc() || ptr != t.data() + t.size())
    throw ParamError(std::string(name), "expected a whole number, got '" + t + "'");
  if (value < min || value > max)
    throw ParamError(std::string(name),
                     "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " + t);
  return value;
}

std::int64_t PriceParams::time_of_day(std::string_view name) const {
  if (!has(name)) throw ParamError(std::string(name), "required by this model, but empty");
  const std::string& t = text(name);
  int parts[3] = {0, 0, 0};
  int count = 0;
  const char* p = t.data();
  const char* end = t.data() + t.size();
  while (p < end && count < 3) {
    auto [next, ec] = std::from_chars(p, end, parts[count]);
    if (ec != std::errc() || next == p) break;
    ++count;
    p = next;
    if (p < end && *p == ':') ++p;
    else break;
  }
  const bool ok = p == end && count >= 2 && parts[0] >= 0 && parts[1] >= 0 && parts[1] < 60 && parts[2] >= 0 &&
                  parts[2] < 60 && (parts[0] < 24 || (parts[0] == 24 && parts[1] == 0 && parts[2] == 0));
  if (!ok) throw ParamError(std::string(name), "expected a time of day hh:mm or hh:mm:ss, got '" + t + "'");
  return parts[0] * 3600LL + parts[1] * 60LL + parts[2];
}

}  // namespace provsim
