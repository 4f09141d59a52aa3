#include "model/money/quantity.hpp"

#include <stdexcept>

namespace provsim {

Quantity Quantity::parse(std::string_view text) {
  // Reuse Money's exact decimal parser (6 decimals), then require the last
  // three to be zero: a quantity has milli-unit resolution.
  Money as_micros;
  try {
    as_micros = Money::parse(text);
  } catch (const std::invalid_argument&) {
    throw std::invalid_argument("not a quantity: '" + std::string(text) + "'");
  }
  if (as_micros.micros() % 1000 != 0)
    throw std::invalid_argument("more than 3 decimals in quantity: '" + std::string(text) + "'");
  return Quantity(as_micros.micros() / 1000);
}

void Quantity::overflowed() {
  throw std::overflow_error("a quantity beyond 9223372036854775.807 (64-bit milli-units)");
}

std::string Quantity::to_string() const {
  // Printed through Money's six decimals when it fits them, else directly.
  std::int64_t micros = 0;
  if (!__builtin_mul_overflow(millis_, std::int64_t{1000}, &micros)) {
    const std::string text = Money::from_micros(micros).to_string();
    return text.substr(0, text.size() - 3);
  }
  const std::uint64_t magnitude = millis_ < 0 ? 0 - static_cast<std::uint64_t>(millis_) : static_cast<std::uint64_t>(millis_);
  std::string frac = std::to_string(magnitude % 1000);
  frac.insert(0, 3 - frac.size(), '0');
  std::string out = millis_ < 0 ? "-" : "";
  out += std::to_string(magnitude / 1000);
  out += '.';
  out += frac;
  return out;
}

}  // namespace provsim
