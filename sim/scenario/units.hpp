#pragma once
// Text forms of durations and rates used in scenario files.
//   duration: a number with a unit: 500ms, 90s, 15m, 2h, 30d, 1w (plain
//             numbers are seconds)
//   rate:     events per time unit: 120/h, 5/s, 1000/d, 0.5/min
// Both throw std::invalid_argument with a message saying what was expected.

#include <string_view>

namespace provsim::sim {

double parse_duration(std::string_view text);
double parse_rate(std::string_view text);  // per second
double parse_number(std::string_view text);  // a finite decimal number

}  // namespace provsim::sim
