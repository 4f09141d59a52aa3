#pragma once
// Exact money: an integer count of micro-units (10^-6 of the currency unit).
// No double ever holds money; conversions from text are exact and rounding
// is always named (see rounding.hpp).

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace provsim {

class Money {
 public:
  static constexpr std::int64_t kMicrosPerUnit = 1'000'000;

  constexpr Money() = default;
  static constexpr Money from_micros(std::int64_t micros) { return Money(micros); }
  static constexpr Money units(std::int64_t whole) { return Money(whole * kMicrosPerUnit); }

  // Parses "12", "12.5", "-0.000001". More than 6 decimals, or anything that
  // is not a plain decimal, throws std::invalid_argument.
  static Money parse(std::string_view text);

  constexpr std::int64_t micros() const { return micros_; }
  constexpr bool is_zero() const { return micros_ == 0; }
  constexpr bool is_negative() const { return micros_ < 0; }

  // "12.345600" style, always six decimals: exact and machine-readable.
  std::string to_string() const;

  // Sums and products are checked: an amount beyond 64-bit micro-units
  // throws std::overflow_error rather than wrapping to a wrong amount.
  constexpr Money operator-() const { return Money(checked(0, micros_, '-')); }
  constexpr Money& operator+=(Money other) { micros_ = checked(micros_, other.micros_, '+'); return *this; }
  constexpr Money& operator-=(Money other) { micros_ = checked(micros_, other.micros_, '-'); return *this; }
  friend constexpr Money operator+(Money a, Money b) { return Money(checked(a.micros_, b.micros_, '+')); }
  friend constexpr Money operator-(Money a, Money b) { return Money(checked(a.micros_, b.micros_, '-')); }
  friend constexpr Money operator*(Money a, std::int64_t k) { return Money(checked(a.micros_, k, '*')); }
  friend constexpr auto operator<=>(Money, Money) = default;

 private:
  constexpr explicit Money(std::int64_t micros) : micros_(micros) {}
  static constexpr std::int64_t checked(std::int64_t a, std::int64_t b, char op) {
    std::int64_t out = 0;
    const bool overflow = op == '+'   ? __builtin_add_overflow(a, b, &out)
                          : op == '-' ? __builtin_sub_overflow(a, b, &out)
                                      : __builtin_mul_overflow(a, b, &out);
    if (overflow) [[unlikely]]
      overflowed();
    return out;
  }
  [[noreturn]] static void overflowed();
  std::int64_t micros_ = 0;
};

}  // namespace provsim
