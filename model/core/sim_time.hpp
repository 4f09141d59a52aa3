#pragma once
// Time in the model is simulated seconds since the start of the run, passed
// in as an argument; the model never reads a clock.

#include <cmath>
#include <cstdint>

namespace provsim {

using SimTime = double;      // seconds since the scenario start
using Duration = double;     // seconds

inline constexpr Duration kMinute = 60.0;
inline constexpr Duration kHour = 3600.0;
inline constexpr Duration kDay = 86400.0;

// Billing and proration count whole seconds: a time cut to the second.
inline std::int64_t whole_seconds(SimTime t) { return static_cast<std::int64_t>(std::floor(t)); }

}  // namespace provsim
