#include "model/money/rounding.hpp"

#include <limits>
#include <string>

#include "model/core/check.hpp"

namespace provsim {
namespace {

template <typename T>
T divide(T n, T d, Rounding rounding) {
  const T q = n / d;
  const T r = n % d;
  if (r == 0) return q;
  return round_quotient(q, r, d, n < 0, rounding);
}

constexpr Int128 kMin64 = std::numeric_limits<std::int64_t>::min();
constexpr Int128 kMax64 = std::numeric_limits<std::int64_t>::max();

}  // namespace

std::optional<Rounding> parse_rounding(std::string_view text) {
  if (text == "up" || text == "*up") return Rounding::kUp;
  if (text == "down" || text == "*down") return Rounding::kDown;
  if (text == "half_up" || text == "*middle") return Rounding::kHalfUp;
  if (text == "half_even") return Rounding::kHalfEven;
  return std::nullopt;
}

std::string_view to_string(Rounding rounding) {
  switch (rounding) {
    case Rounding::kUp: return "up";
    case Rounding::kDown: return "down";
    case Rounding::kHalfUp: return "half_up";
    case Rounding::kHalfEven: return "half_even";
  }
  return "?";
}

std::int64_t divide_rounded(Int128 numerator, Int128 denominator, Rounding rounding) {
  PROVSIM_CHECK(denominator > 0, "divide_rounded needs a positive denominator");
  // 64-bit division is several times faster than the Int128 library call:
  // take it whenever both operands fit (almost always).
  if (numerator >= kMin64 && numerator <= kMax64 && denominator <= kMax64 && numerator != kMin64)
    return divide<std::int64_t>(static_cast<std::int64_t>(numerator), static_cast<std::int64_t>(denominator),
                                rounding);
  const Int128 q = divide<Int128>(numerator, denominator, rounding);
  PROVSIM_CHECK(q >= kMin64 && q <= kMax64, "rounded amount does not fit in 64 bits");
  return static_cast<std::int64_t>(q);
}

Money mul_div(Money amount, std::int64_t numerator, std::int64_t denominator, Rounding rounding) {
  std::int64_t product = 0;
  if (!__builtin_mul_overflow(amount.micros(), numerator, &product) && denominator > 0)
    return Money::from_micros(divide<std::int64_t>(product, denominator, rounding));
  return Money::from_micros(
      divide_rounded(static_cast<Int128>(amount.micros()) * numerator, denominator, rounding));
}

std::int64_t micros_per_step(int decimals) {
  PROVSIM_CHECK(decimals >= 0 && decimals <= 6, "rounding decimals must be 0..6, got " + std::to_string(decimals));
  std::int64_t step = 1;
  for (int i = decimals; i < 6; ++i) step *= 10;
  return step;
}

Money round_to_decimals(Money amount, int decimals, Rounding rounding) {
  const std::int64_t step = micros_per_step(decimals);
  if (step == 1) return amount;
  return Money::from_micros(divide<std::int64_t>(amount.micros(), step, rounding) * step);
}

}  // namespace provsim
