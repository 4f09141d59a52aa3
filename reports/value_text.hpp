#pragma once
// How one Value is printed in every file the reports layer writes (CSV cells,
// verdicts, HTML tables), so the same number reads the same everywhere.

#include <optional>
#include <string>

#include "model/money/money.hpp"
#include "reports/results.hpp"

namespace provsim::reports {

// Integers in decimal; doubles in the shortest form that reads back to the
// same double, always with a '.' or an exponent so CSV readers keep the column
// floating point ("2.0", "0.1", "1e+21"); NaN and infinities as "NaN", "Inf",
// "-Inf" (what pandas and R both read); booleans as true/false; text as is.
std::string value_text(const Value& v);

std::string double_text(double d);

// The amount a money metric holds: results keep money as exact decimal text
// ("12.340000"); nothing for any other value.
std::optional<Money> money_value(const Value& v);

}  // namespace provsim::reports
