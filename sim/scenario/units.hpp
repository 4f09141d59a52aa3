#pragma once
// Text forms of durations and rates used in scenario files.
//   duration: a number with a unit: 500ms, 90s, 15m, 2h, 30d, 1w (plain
//             numbers are seconds)
//   rate:     events per time unit: 120/h, 5/s, 1000/d, 0.5/min
// Both throw std::invalid_argument with a message saying what was expected,
// also when the value would not be a finite number of seconds (1e308w).

#include <cstdint>

#include <string_view>

namespace provsim::sim {

double parse_duration(std::string_view text);
double parse_rate(std::string_view text);  // per second
double parse_number(std::string_view text);  // a finite decimal number

// The largest duration any scenario key or table accepts: 100 years. Time
// inside the model is counted in whole microseconds in places, and a span
// this long stays far inside 64 bits there.
inline constexpr double kMaxDurationSeconds = 100 * 365 * 86400.0;
// The largest rate any scenario key accepts: 1000 per second (86.4 million a
// day). Every event of a rate is simulated, so a larger one could never end.
inline constexpr double kMaxRatePerSecond = 1000.0;

// A whole number written as integer text ("12", "-3"), or in exponent form
// when it is exact ("1e6"); throws std::invalid_argument otherwise.
std::int64_t parse_integer(std::string_view text);
// A full 64-bit unsigned integer written as decimal digits (seeds).
std::uint64_t parse_unsigned64(std::string_view text);

}  // namespace provsim::sim
