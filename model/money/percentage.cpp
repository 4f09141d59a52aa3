#include "model/money/percentage.hpp"

#include <stdexcept>

namespace provsim {

Percentage Percentage::parse_percent(std::string_view text) {
  // A percent with 4 decimals is a number of millionths; Money's parser gives
  // 6 decimals of exactness, so require the last two to be zero.
  Money as_micros;
  try {
    as_micros = Money::parse(text);
  } catch (const std::invalid_argument&) {
    throw std::invalid_argument("not a percentage: '" + std::string(text) + "'");
  }
  if (as_micros.micros() % 100 != 0)
    throw std::invalid_argument("more than 4 decimals in percentage: '" + std::string(text) + "'");
  return Percentage(as_micros.micros() / 100);
}

std::string Percentage::to_string() const {
  const std::string micros = Money::from_micros(ppm_ * 100).to_string();
  return micros.substr(0, micros.size() - 2);
}

}  // namespace provsim
