#pragma once
// The values of one grid axis, from its text in the sweep file: a
// comma-separated list whose items are values ("reject", "2h", "0.5") or
// ranges "start:stop:step" of plain decimals. Ranges are computed exactly
// in integers scaled to the finest decimal given, so "1.0:3.0:0.25" gives
// the 9 values 1.0, 1.25, ..., 3.0 with no floating-point drift; the stop is
// included when a step lands on it. A value is printed with the fewest
// decimals that show it, but at least as many as the range's start has
// ("1.0", "1.25", "1.5", ... "3.0"; "1:10:3" gives "1", "4", "7", "10").

#include <optional>
#include <string>
#include <vector>

#include "model/core/int128.hpp"

namespace provsim::sweep {

inline constexpr std::size_t kMaxAxisValues = 100000;

// Throws std::invalid_argument saying what is wrong (empty item, zero step,
// a step going away from the stop, too many values, a duplicate value).
std::vector<std::string> expand_values(const std::string& text);

// The values of "start:stop:step" if all three are plain decimals, else nullopt.
std::optional<std::vector<std::string>> expand_range(const std::string& item);

// A plain decimal ("-12.50": an optional sign, digits, at most one point,
// at most 17 digits) as its digits and its number of decimals; the exact
// arithmetic of ranges is done on these scaled to a common number of places.
struct Decimal {
  bool negative = false;
  std::string digits;  // without the point
  int decimals = 0;
};

std::optional<Decimal> parse_decimal(const std::string& text);

// The decimal scaled to `decimals` places (at least its own), as an integer.
int128 scaled(const Decimal& d, int decimals);

// v / 10^decimals as text, trailing zeros dropped down to `min_decimals`.
std::string unscaled_text(int128 v, int decimals, int min_decimals);

}  // namespace provsim::sweep
