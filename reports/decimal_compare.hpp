#pragma once
// Exact comparison of decimal numbers written as text ("-12.50", "0.5",
// "1000"), for money metrics and integer expectations: no floating point.

#include <optional>
#include <string_view>

namespace provsim::reports {

// True for an optional sign, digits, and an optional '.' followed by digits
// (at least one digit in all). No exponent, no spaces.
bool is_decimal(std::string_view text);

// -1, 0 or 1 as a <, ==, > b; nullopt unless both are decimals.
std::optional<int> compare_decimal(std::string_view a, std::string_view b);

}  // namespace provsim::reports
