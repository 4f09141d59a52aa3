#pragma once
// Named rounding of exact quotients. Every place that turns an exact rational
// amount into whole micro-units says which rule it uses; nothing rounds
// implicitly.
//
//   up        away from zero (CGRateS "*up" for the positive costs it rates)
//   down      toward zero (truncate; CGRateS "*down")
//   half_up   to nearest, ties away from zero (CGRateS "*middle")
//   half_even to nearest, ties to the even neighbour (banker's rounding)
//
// Products are formed in Int128 (__int128), so price x quantity never overflows
// before the division; the result must fit in 64 bits (checked).

#include <cstdint>
#include <optional>
#include <string_view>

#include "model/money/money.hpp"

namespace provsim {

// 128-bit integers for exact intermediate products (a GCC/Clang extension;
// __extension__ keeps -Wpedantic quiet about it).
__extension__ typedef __int128 Int128;

enum class Rounding : std::uint8_t { kUp, kDown, kHalfUp, kHalfEven };

// Accepts up, down, half_up, half_even and CGRateS's *up, *down, *middle.
std::optional<Rounding> parse_rounding(std::string_view text);
std::string_view to_string(Rounding rounding);

// numerator / denominator rounded by `rounding`; denominator must be > 0.
std::int64_t divide_rounded(Int128 numerator, Int128 denominator, Rounding rounding);

// The rounding rule on a truncated quotient q with remainder r (r != 0,
// same sign as the numerator), for a positive denominator d: the one place
// the four rules are written, for every width.
template <typename T>
constexpr T round_quotient(T q, T r, T d, bool negative, Rounding rounding) {
  const T away = negative ? q - 1 : q + 1;
  const T rem = r < 0 ? -r : r;
  const T rest = d - rem;  // distance to the next multiple; no overflow, unlike 2*rem
  switch (rounding) {
    case Rounding::kDown: return q;
    case Rounding::kUp: return away;
    case Rounding::kHalfUp: return rem >= rest ? away : q;
    case Rounding::kHalfEven:
      if (rem != rest) return rem > rest ? away : q;
      return (q % 2 == 0) ? q : away;
  }
  return q;
}

// The same in 64 bits, inline, for hot paths whose operands are known to
// fit: numerator > INT64_MIN, denominator > 0 (not checked here).
inline std::int64_t divide_rounded_64(std::int64_t numerator, std::int64_t denominator, Rounding rounding) {
  const std::int64_t q = numerator / denominator;
  const std::int64_t r = numerator % denominator;
  return r == 0 ? q : round_quotient(q, r, denominator, numerator < 0, rounding);
}

// amount x numerator / denominator, rounded to whole micro-units.
Money mul_div(Money amount, std::int64_t numerator, std::int64_t denominator, Rounding rounding);

// The same for a denominator known at compile time (percentages, per-unit
// prices): inline, so the compiler divides by multiplying. Falls back to
// mul_div when the product would overflow 64 bits.
template <std::int64_t Denominator>
inline Money mul_div_by(Money amount, std::int64_t numerator, Rounding rounding) {
  static_assert(Denominator > 0);
  std::int64_t product = 0;
  if (__builtin_mul_overflow(amount.micros(), numerator, &product)) return mul_div(amount, numerator, Denominator, rounding);
  const std::int64_t q = product / Denominator;
  const std::int64_t r = product % Denominator;
  return Money::from_micros(r == 0 ? q : round_quotient(q, r, Denominator, product < 0, rounding));
}

// Rounds to `decimals` (0..6) decimals of the currency unit, e.g. 2 for cents.
Money round_to_decimals(Money amount, int decimals, Rounding rounding);

// 10^(6 - decimals): the number of micro-units in the last kept decimal.
std::int64_t micros_per_step(int decimals);

}  // namespace provsim
