#pragma once
// An exact quantity in an offering's unit (minutes, MB, items, seconds):
// an integer count of milli-units, so 1.5 MB is 1500 and nothing is a float.
// Negative quantities are refunds.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "model/money/money.hpp"
#include "model/money/rounding.hpp"

namespace provsim {

class Quantity {
 public:
  static constexpr std::int64_t kMillisPerUnit = 1000;

  constexpr Quantity() = default;
  static constexpr Quantity from_millis(std::int64_t millis) { return Quantity(millis); }
  static constexpr Quantity units(std::int64_t whole) { return Quantity(whole * kMillisPerUnit); }

  // "12", "1.5", "-0.001"; more than 3 decimals or anything else throws
  // std::invalid_argument.
  static Quantity parse(std::string_view text);

  constexpr std::int64_t millis() const { return millis_; }
  constexpr bool is_zero() const { return millis_ == 0; }
  constexpr bool is_negative() const { return millis_ < 0; }
  constexpr Quantity magnitude() const { return Quantity(millis_ < 0 ? -millis_ : millis_); }

  std::string to_string() const;  // "1.500"

  constexpr Quantity operator-() const { return Quantity(-millis_); }
  // Sums are checked like Money's: beyond 64-bit milli-units they throw
  // std::overflow_error rather than wrap.
  constexpr Quantity& operator+=(Quantity other) { millis_ = checked(millis_, other.millis_, '+'); return *this; }
  friend constexpr Quantity operator+(Quantity a, Quantity b) { return Quantity(checked(a.millis_, b.millis_, '+')); }
  friend constexpr Quantity operator-(Quantity a, Quantity b) { return Quantity(checked(a.millis_, b.millis_, '-')); }
  friend constexpr auto operator<=>(Quantity, Quantity) = default;

 private:
  constexpr explicit Quantity(std::int64_t millis) : millis_(millis) {}
  static constexpr std::int64_t checked(std::int64_t a, std::int64_t b, char op) {
    std::int64_t out = 0;
    if (op == '+' ? __builtin_add_overflow(a, b, &out) : __builtin_sub_overflow(a, b, &out)) [[unlikely]]
      overflowed();
    return out;
  }
  [[noreturn]] static void overflowed();
  std::int64_t millis_ = 0;
};

// A price per unit times a quantity, rounded to micro-units.
inline Money price_times(Money per_unit, Quantity quantity, Rounding rounding) {
  return mul_div_by<Quantity::kMillisPerUnit>(per_unit, quantity.millis(), rounding);
}

}  // namespace provsim
