#pragma once
// An exact percentage for revenue shares: an integer count of millionths
// (parts per million), so 70 % is 700000 and 33.3333 % is 333333.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "model/money/money.hpp"
#include "model/money/rounding.hpp"

namespace provsim {

class Percentage {
 public:
  static constexpr std::int64_t kWhole = 1'000'000;  // 100 %

  constexpr Percentage() = default;
  static constexpr Percentage from_millionths(std::int64_t ppm) { return Percentage(ppm); }
  static constexpr Percentage from_basis_points(std::int64_t bp) { return Percentage(bp * 100); }

  // A percent value: "70", "12.5", "33.3333" (at most 4 decimals). Throws
  // std::invalid_argument otherwise.
  static Percentage parse_percent(std::string_view text);

  constexpr std::int64_t millionths() const { return ppm_; }
  std::string to_string() const;  // "70.0000"

  friend constexpr Percentage operator+(Percentage a, Percentage b) { return Percentage(a.ppm_ + b.ppm_); }
  friend constexpr auto operator<=>(Percentage, Percentage) = default;

 private:
  constexpr explicit Percentage(std::int64_t ppm) : ppm_(ppm) {}
  std::int64_t ppm_ = 0;
};

// `amount` x `share`, rounded to micro-units.
inline Money apply(Percentage share, Money amount, Rounding rounding) {
  return mul_div_by<Percentage::kWhole>(amount, share.millionths(), rounding);
}

}  // namespace provsim
