#include "model/money/money.hpp"

#include <cstdlib>
#include <stdexcept>

namespace provsim {

void Money::overflowed() {
  throw std::overflow_error("an amount beyond 9223372036854.775807 (64-bit micro-units)");
}

Money Money::parse(std::string_view text) {
  const std::string original(text);
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty()) throw std::invalid_argument("not an amount: '" + original + "'");
  std::int64_t whole = 0;
  std::int64_t frac = 0;
  int frac_digits = 0;
  bool seen_point = false;
  bool seen_digit = false;
  for (char c : text) {
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') throw std::invalid_argument("not an amount: '" + original + "'");
    seen_digit = true;
    if (seen_point) {
      if (++frac_digits > 6) throw std::invalid_argument("more than 6 decimals: '" + original + "'");
      frac = frac * 10 + (c - '0');
    } else {
      if (whole > (INT64_MAX / kMicrosPerUnit) / 10) throw std::invalid_argument("amount too large: '" + original + "'");
      whole = whole * 10 + (c - '0');
    }
  }
  if (!seen_digit) throw std::invalid_argument("not an amount: '" + original + "'");
  for (int i = frac_digits; i < 6; ++i) frac *= 10;
  // The digit check above bounds `whole` to 13 digits; the largest of them
  // still overflow once scaled to micro-units.
  if (whole > (INT64_MAX - frac) / kMicrosPerUnit) throw std::invalid_argument("amount too large: '" + original + "'");
  const std::int64_t micros = whole * kMicrosPerUnit + frac;
  return Money(negative ? -micros : micros);
}

std::string Money::to_string() const {
  const bool negative = micros_ < 0;
  // Work in unsigned to print INT64_MIN correctly.
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(micros_) : static_cast<std::uint64_t>(micros_);
  std::string frac = std::to_string(magnitude % kMicrosPerUnit);
  frac.insert(0, 6 - frac.size(), '0');
  // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, a false
  // positive) on `const char* + std::string` here.
  std::string out;
  if (negative) out += '-';
  out += std::to_string(magnitude / kMicrosPerUnit);
  out += '.';
  out += frac;
  return out;
}

}  // namespace provsim
