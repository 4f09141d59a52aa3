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

std::string Quantity::to_string() const {
  const std::string micros = Money::from_micros(millis_ * 1000).to_string();
  return micros.substr(0, micros.size() - 3);
}

}  // namespace provsim
