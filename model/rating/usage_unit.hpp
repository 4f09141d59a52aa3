#pragma once
// The unit an offering is metered in, and exact conversions of quantities
// into the per_unit model's base quanta: time in milliseconds, data in
// milli-bytes, counts in milli-items (see cgr_tariff.hpp). Units:
//   time:  second, minute, hour
//   data:  byte, kb, mb, gb (decimal: 1 kb = 1000 bytes, as CGRateS counts
//          data in plain bytes and leaves multiples to the tariff)
//   count: sms, item (and month, session: counted like items)

#include <cstdint>
#include <string>
#include <optional>
#include <string_view>
#include <vector>

#include "model/money/quantity.hpp"
#include "model/rating/cgr_tariff.hpp"

namespace provsim {

struct UsageUnit {
  UsageDimension dimension = UsageDimension::kCount;
  std::int64_t base_per_unit = 1000;  // base quanta in one offering unit (a multiple of 1000)
  std::int64_t base_per_milli() const { return base_per_unit / 1000; }
};

// Every unit an offering may have (offerings.csv `unit`).
const std::vector<std::string>& offering_units();
// The unit's dimension and size; throws std::invalid_argument for an unknown unit.
UsageUnit usage_unit(std::string_view unit);

// A Go duration ("1m30s", "100ms", "1.5h", "250us") in nanoseconds, or
// nothing when `text` is a plain number ("60", "0.5"). Throws std::invalid_argument when
// it is neither, or does not fit.
std::optional<std::int64_t> parse_go_duration(std::string_view text);

// A quantity written in a rating rule: a plain number in the offering's
// unit ("1.5"), or for time a Go duration. Exact; throws
// std::invalid_argument saying why not.
std::int64_t rule_quantity_to_base(const std::string& text, const UsageUnit& unit);

// A quantity written as CGRateS writes it (Rates.csv): a Go duration, or a
// plain whole number of CGRateS's units (nanoseconds for time, bytes for
// data, single items for counts). "0" is CGRateS's default of one second
// (10^9 units) when `zero_is_one_second`.
std::int64_t cgr_quantity_to_base(const std::string& text, const UsageUnit& unit, bool zero_is_one_second);

}  // namespace provsim
