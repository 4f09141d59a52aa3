#include "sim/scenario/money_bounds.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario.hpp"

namespace provsim::sim {
namespace {

constexpr Int128 kQuarter = std::numeric_limits<std::int64_t>::max() / 4;
constexpr Int128 kHalfQuantity = std::numeric_limits<std::int64_t>::max() / 2;

// The longest exponential draw of the simulation's random stream: a uniform
// number is at least 2^-53 from 1, so -ln(1 - u) <= 53 ln 2 (36.74).
constexpr double kLongestExponential = 36.8;

// A count worked out in floating point, as a capped integer.
Int128 whole(double x) {
  if (!(x < 1e30)) return kChargeBoundCap;
  return static_cast<Int128>(std::ceil(x));
}

std::string amount_text(Int128 micros) {
  if (micros > std::numeric_limits<std::int64_t>::max()) return "more than 9223372036854.775807";
  return Money::from_micros(static_cast<std::int64_t>(micros)).to_string();
}

std::string count_text(Int128 n) {
  if (n > std::numeric_limits<std::int64_t>::max()) return "more than 9223372036854775807";
  return std::to_string(static_cast<long long>(n));
}

const std::string kQuarterText = "2305843009213.693951 (a quarter of 64-bit micro-units)";

// The most events of one kind the BSP feeds can send over the run. Each
// feed, every bsp.batch_interval, draws a Poisson count with mean
// m = entitled pairs x interval / 1 day x per_day; the simulation's Poisson
// draw is at most m + 8.6 sqrt(m) + 0.5 above a mean of 30 (its normal
// draw is bounded like the exponential), and below it, m + 31 is never
// exceeded in practice. Entitled pairs are at most every line holding the
// plan with the most of the BSP's offerings.
Int128 feed_events(const Scenario& s, const Config& c, OfferingKind kind, double per_day) {
  const double interval = c.seconds("bsp.batch_interval");
  const double batches = std::ceil(c.seconds("run.duration") / interval) + 1;
  const auto lines = static_cast<double>(s.network.serviceability.line_count());
  Int128 total = 0;
  for (const Provider& bsp : s.catalog.providers()) {
    std::size_t most = 0;
    bool sells_kind = false;
    for (const Plan& plan : s.catalog.plans()) {
      std::size_t n = 0;
      for (const PlanItem& item : plan.items) {
        const Offering& o = s.catalog.offering(item.offering);
        if (o.owner != bsp.id || (o.kind != OfferingKind::kBspPurchase && o.kind != OfferingKind::kBspUsage)) continue;
        ++n;
        sells_kind = sells_kind || o.kind == kind;
      }
      most = std::max(most, n);
    }
    const double m = lines * static_cast<double>(most) * interval / 86400.0 * per_day;
    if (!sells_kind || !(m > 0)) continue;  // a Poisson draw of mean 0 is 0
    total += whole(batches * (m + 9 * std::sqrt(m) + 31));
    total = std::min(total, kChargeBoundCap);
  }
  return total;
}

// The dearest event of `kind` for `q`: its charge bound plus its shares'
// extras, with the rule that gives it.
struct Dearest {
  Int128 micros = 0;
  std::size_t rule = 0;
  bool found = false;
};

Dearest dearest_event(const Scenario& s, OfferingKind kind, Quantity q) {
  Dearest d;
  const auto& rules = s.rating->book.rules();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (s.catalog.offering(rules[i].offering).kind != kind) continue;
    const Int128 b = std::min(rules[i].charge_bound(q) + s.rating->book.shares(rules[i].offering).extras_bound(q),
                              kChargeBoundCap);
    if (!d.found || b > d.micros) d = Dearest{b, i, true};
  }
  return d;
}

[[noreturn]] void refuse_rule(const Scenario& s, std::size_t rule, const std::string& what) {
  const RatingRule& r = s.rating->book.rules()[rule];
  const RuleSource& src = s.rating->rule_sources[rule];
  throw InputError((s.dir / "rating_rules.csv").string(), src.line, src.price_field,
                   "plan '" + s.catalog.plan(r.plan).code + "', offering '" + s.catalog.offering(r.offering).code +
                       "': " + what);
}

// Recurring fees: the plan with the largest fees (and share extras), on
// every line, over every cycle of the run.
void check_fees(const Scenario& s, const Config& c) {
  Int128 plan_max = 0;
  std::string plan_code;
  for (const Plan& plan : s.catalog.plans()) {
    Int128 sum = 0;
    for (const PlanItem& item : plan.items)
      sum += item.monthly_fee.micros() + s.rating->book.shares(item.offering).extras_bound(Quantity::units(1));
    if (sum > plan_max) {
      plan_max = sum;
      plan_code = plan.code;
    }
  }
  const double cycles = std::ceil(c.seconds("run.duration") / c.seconds("rating.cycle")) + 1;
  const Int128 bound = capped_product(capped_product(plan_max, static_cast<Int128>(s.network.serviceability.line_count())),
                                      static_cast<Int128>(cycles));
  if (bound > kQuarter)
    throw InputError((s.dir / "plan_offerings.csv").string(), 0, "monthly_fee",
                     "plan '" + plan_code + "': its fees on all " + std::to_string(s.network.serviceability.line_count()) +
                         " lines over " + std::to_string(static_cast<long long>(cycles)) +
                         " billing cycles could exceed 2305843009213.693951 (a quarter of 64-bit micro-units); "
                         "lower the fees");
}

// Usage summaries: the most the feeds send, each of the longest quantity
// they draw, at the dearest usage rule.
void check_usage(const Scenario& s, const Config& c) {
  const Int128 events = feed_events(s, c, OfferingKind::kBspUsage, c.number("bsp.usage_per_day"));
  if (events == 0) return;
  const double longest = c.number("bsp.usage_quantity") * kLongestExponential * 1000.0 + 1;
  const Int128 q_millis = whole(longest);
  const Int128 volume = capped_product(events, q_millis);
  if (volume > kHalfQuantity)
    c.fail("bsp.usage_quantity", "up to " + count_text(events) + " usage summaries in run.duration, each of up to " +
                                     std::to_string(kLongestExponential) + " times this mean, could add up to more " +
                                     "than 4611686018427387.903 units (half of 64-bit milli-units); lower it or "
                                     "bsp.usage_per_day");
  const Quantity q = Quantity::from_millis(static_cast<std::int64_t>(q_millis));
  const Dearest d = dearest_event(s, OfferingKind::kBspUsage, q);
  if (!d.found) return;
  const Int128 bound = capped_product(events, d.micros);
  if (bound > kQuarter)
    refuse_rule(s, d.rule,
                "up to " + count_text(events) + " usage summaries in run.duration (bsp.usage_per_day on every line), "
                "each of up to " + q.to_string() + " units (the longest draw of bsp.usage_quantity), at up to " +
                    amount_text(d.micros) + " each with revenue shares, could add up to " + amount_text(bound) +
                    ", beyond " + kQuarterText + "; lower the price, bsp.usage_quantity or bsp.usage_per_day");
}

// Purchases of one item each, and as many refunds when there are any.
void check_purchases(const Scenario& s, const Config& c) {
  Int128 events = feed_events(s, c, OfferingKind::kBspPurchase, c.number("bsp.purchases_per_day"));
  if (events == 0) return;
  if (c.number("bsp.refund_share") > 0) events = std::min(2 * events, kChargeBoundCap);
  const Dearest d = dearest_event(s, OfferingKind::kBspPurchase, Quantity::units(1));
  if (!d.found) return;
  const Int128 bound = capped_product(events, d.micros);
  if (bound > kQuarter)
    refuse_rule(s, d.rule,
                "up to " + count_text(events) + " purchases and refunds in run.duration (bsp.purchases_per_day on "
                "every line), at up to " + amount_text(d.micros) + " each with revenue shares, could add up to " +
                    amount_text(bound) + ", beyond " + kQuarterText + "; lower the price or bsp.purchases_per_day");
}

// The rows of events.csv, each at the dearest rule of its offering.
void check_scripted(const Scenario& s) {
  const auto& script = s.rating->scripted;
  if (script.empty()) return;
  const std::string file = (s.dir / "events.csv").string();
  Int128 money = 0, volume = 0, largest = -1;
  const ScriptedEvent* worst = nullptr;    // the dearest row
  const ScriptedEvent* biggest = nullptr;  // the row of the largest quantity
  for (const ScriptedEvent& e : script) {
    const Quantity q = e.quantity.magnitude();
    Int128 b = 0;
    for (const Plan& plan : s.catalog.plans())
      if (const RatingRule* rule = s.rating->book.rule(plan.id, e.offering)) b = std::max(b, rule->charge_bound(q));
    b = std::min(b + s.rating->book.shares(e.offering).extras_bound(q), kChargeBoundCap);
    money = std::min(money + b, kChargeBoundCap);
    volume += q.millis();
    if (!biggest || q > biggest->quantity.magnitude()) biggest = &e;
    if (b > largest) {
      largest = b;
      worst = &e;
    }
  }
  if (volume > kHalfQuantity)
    throw InputError(file, biggest->line, "quantity",
                     "the quantities of events.csv add up to more than 4611686018427387.903 units (half of 64-bit "
                     "milli-units); lower them");
  if (money > kQuarter)
    throw InputError(file, worst->line, "quantity",
                     "the events of events.csv could charge up to " + amount_text(money) + " with revenue shares (" +
                         amount_text(largest) + " for this one), beyond " + kQuarterText +
                         "; lower the quantities or the prices");
}

}  // namespace

void check_money_bounds(const Scenario& s, const Config& config) {
  check_fees(s, config);
  check_purchases(s, config);
  check_usage(s, config);
  check_scripted(s);
}

}  // namespace provsim::sim
