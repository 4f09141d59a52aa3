#pragma once
// A CGRateS rating plan for one destination, and the cost of one usage
// under it, computed as CGRateS computes it (engine/calldesc.go GetCost,
// timespans.go, rateinterval.go, utils.Round) but in exact integers.
//
// Quantities are counted in "base quanta" of the usage's dimension: time in
// milliseconds, data in milli-bytes, counts (SMS, items) in milli-items, so
// every offering unit (second, minute, hour, byte, kb, mb, gb, sms, item)
// converts exactly. Rates are exact decimals with up to 12 places (pico
// units); charges are Money (micro-units), which is why the rounding decimals
// (global and per plan) are limited to 0..6. See cgr_tariff.cpp.

#include <cstdint>
#include <string>
#include <vector>

#include "model/core/sim_time.hpp"
#include "model/money/money.hpp"
#include "model/money/rounding.hpp"

namespace provsim {

enum class UsageDimension : std::uint8_t { kTime, kData, kCount };

// One Rates.csv row: from group_start on, `rate_pico` per `unit` in steps of
// `increment` (all quantities in base quanta, > 0 after CGRateS's defaults).
struct CgrStage {
  std::int64_t group_start = 0;
  std::int64_t rate_pico = 0;  // 10^-12 of the currency unit
  std::int64_t unit = 0;
  std::int64_t increment = 0;
};

enum class MaxCostStrategy : std::uint8_t { kNone, kFree, kDisconnect };

// A DestinationRates.csv row with its rates: what CGRateS calls RIRate.
struct CgrRating {
  Money connect_fee;
  std::vector<CgrStage> stages;  // sorted by group_start, the first at 0
  Rounding method = Rounding::kUp;
  bool method_none = false;      // an unknown/empty method: CGRateS does not round
  int decimals = 0;              // 0..6
  Money max_cost;
  MaxCostStrategy strategy = MaxCostStrategy::kNone;
};

// A RatingPlans.csv row resolved: the rating in force from `start_s` (second
// of the day) on the week days in `weekdays` (bit d = Go's weekday d,
// Sunday = 0), with a weight.
struct CgrInterval {
  std::uint8_t weekdays = 0x7F;
  std::int32_t start_s = 0;
  std::int64_t weight = 0;  // thousandths
  CgrRating rating;
};

// Where the totals are rounded with the plan's method and decimals:
// kCost as CGRateS's cost path (CallDescriptor.GetCost: once, on the
// total); kDebit as its debit path with rounding performed (CallCost.Round:
// each span on its own, the connect fee with the first span).
enum class RoundingPath : std::uint8_t { kCost, kDebit };

struct CgrOptions {
  int global_decimals = 5;  // CGRateS's general rounding_decimals (0..6)
  RoundingPath path = RoundingPath::kCost;
};

class CgrTariff {
 public:
  // Checks the intervals (stages valid, decimals in range); throws
  // std::invalid_argument saying what is wrong. A moment no interval covers
  // makes cost() throw std::domain_error (CGRateS cannot rate it either):
  // loaders check coverage with covers_every_moment().
  CgrTariff(UsageDimension dimension, std::vector<CgrInterval> intervals, CgrOptions options);

  // The cost of `usage` base quanta starting at sim time `start_ms`
  // (milliseconds since the midnight that starts day 0, a Monday), at
  // position `session_offset` of its session (the usage already reported
  // before it, which CGRateS keeps as DurationIndex - duration). The connect
  // fee is charged on the first part of a session only (CGRateS's LoopIndex
  // 0). Throws std::overflow_error when an amount does not fit.
  Money cost(std::int64_t start_ms, std::int64_t usage, std::int64_t session_offset, bool first_part) const;
  // An upper bound, in micro-units, of cost() for `usage` base quanta at any
  // start, offset and part (capped at kChargeBoundCap, see price_model.hpp).
  Int128 cost_bound(std::int64_t usage) const;

  UsageDimension dimension() const { return dimension_; }
  const CgrOptions& options() const { return options_; }
  const std::vector<CgrInterval>& intervals() const { return intervals_; }
  // Empty when every moment of the week has an interval, else the first
  // week day (e.g. "Sunday") without one from midnight.
  std::string uncovered_day() const;
  // True when the tariff is one interval in force at all times.
  bool timeless() const {
    return intervals_.size() == 1 && intervals_[0].weekdays == 0x7F && intervals_[0].start_s == 0;
  }

 private:
  struct Pick {
    const CgrInterval* interval;
    std::int64_t until_ms;  // the next point where another interval may take over
  };
  Pick pick(std::int64_t t_ms) const;
  std::int64_t span_cost(const CgrStage& stage, std::int64_t length, std::int64_t& paid) const;

  UsageDimension dimension_;
  std::vector<CgrInterval> intervals_;
  CgrOptions options_;
  std::int64_t global_step_;  // micros in the last kept global decimal
};

// An exact decimal ("0.0166667", "5.55555") in 10^-12 units; at most 12
// places, not negative. Throws std::invalid_argument.
std::int64_t parse_pico(const std::string& text);

}  // namespace provsim
