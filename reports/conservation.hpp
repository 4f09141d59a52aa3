#pragma once
// Which summary metrics are conservation checks, shown in their own table of
// the report: a key under "check." ("check.orders_terminal") or whose last
// part is "conserved" ("money.conserved", "events.conserved"). A boolean
// value passes when true; any other value is shown without a verdict.

#include <optional>
#include <string>

#include "reports/results.hpp"

namespace provsim::reports {

bool is_conservation_check(const std::string& key);

// true/false for a boolean check, nullopt when the value is not a boolean.
std::optional<bool> check_passed(const Value& value);

}  // namespace provsim::reports
