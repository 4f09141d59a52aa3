// How CGRateS prices a usage, step by step, and how it is reproduced here
// exactly (CGRateS computes in float64; these are the same steps on exact
// integers, so the result is CGRateS's whenever its floats do not lose a
// digit themselves):
//
// 1. Spans. The usage is cut where the stage in force changes (a rate's
//    GroupIntervalStart, counted from the start of the session, so a usage
//    reported in several parts continues the stages where the previous part
//    ended) and, for time, where another Timing of the plan takes over and at
//    midnight. The interval in force at a moment is the one whose week days
//    include the day and whose start time is passed, of the highest weight,
//    then of the latest start. Data and counts take the interval in force at
//    their start and are not cut by time.
// 2. Increments. Each span is rounded up to a whole number n of its stage's
//    increments (a started increment is paid in full); when that runs past
//    the next cut, the next span starts where it ends.
// 3. Increment cost. The span's cost, length x Rate / RateUnit, is rounded
//    half up (*middle) to the global decimals (CGRateS's rounding_decimals:
//    5 by default in a running engine), divided by n and rounded half up
//    again: that is the cost of one increment, and the span costs n times it.
//    So 0.1 per 60 s in 1 s increments costs 0.00167 a second: 70 s cost
//    0.1169 (not 0.11667).
// 4. Total. The connect fee of the first span's rating is added once, on the
//    first report of a session only. The cost path (the default, CGRateS's
//    GetCost) then rounds the total once, with the method and decimals of
//    the span's rating that has the most decimals; when every rating has 0
//    decimals it does not round at all (as CGRateS). The debit path with
//    rounding (CallCost.Round) rounds each span, the first with its connect
//    fee, by its own rating's method and decimals instead.
// 5. MaxCost. With *free, once the running cost reaches MaxCost the cost is
//    MaxCost. CGRateS compares a running figure that adds the cost so far at
//    every span (so after several spans it exceeds the true cost so far):
//    reproduced as it is. *disconnect does not change a cost on this path:
//    CGRateS uses it to cut a live session short, not to price a finished one.
// 6. Rounding methods: *up = up when anything is left (CGRateS ignores a
//    rest below 10^-7 of the last decimal, which an amount of whole
//    micro-units never has at 6 decimals or fewer), *middle = half up,
//    *down = truncate.
#include "model/rating/cgr_tariff.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "model/rating/price_model.hpp"

namespace provsim {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;
constexpr Int128 kMax64 = std::numeric_limits<std::int64_t>::max();

std::int64_t fit(Int128 v, const char* what) {
  if (v > kMax64 || v < -kMax64) throw std::overflow_error(std::string("per_unit: ") + what + " does not fit in 64 bits");
  return static_cast<std::int64_t>(v);
}

// Half up on non-negative numbers, as utils.Round(x, d, *middle).
Int128 half_up(Int128 n, Int128 d) { return (2 * n + d) / (2 * d); }

Int128 round_to(Int128 micros, std::int64_t step, Rounding method) {
  if (step == 1) return micros;
  Int128 q = micros / step;
  const Int128 r = micros % step;
  if (r == 0) return micros;
  q = round_quotient<Int128>(q, r, step, micros < 0, method);
  return q * step;
}

std::int64_t step_of(int decimals) { return micros_per_step(decimals); }

}  // namespace

std::int64_t parse_pico(const std::string& text) {
  std::int64_t whole = 0, frac = 0;
  int places = 0;
  std::size_t i = 0;
  bool digits = false;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    if (whole > (kMax64 / 1'000'000'000'000 - 9) / 10) throw std::invalid_argument("'" + text + "' is too large");
    whole = whole * 10 + (text[i++] - '0');
    digits = true;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (++places > 12) throw std::invalid_argument("'" + text + "' has more than 12 decimals");
      frac = frac * 10 + (text[i++] - '0');
      digits = true;
    }
  }
  if (!digits || i != text.size()) throw std::invalid_argument("expected a non-negative decimal number, got '" + text + "'");
  for (int p = places; p < 12; ++p) frac *= 10;
  return whole * 1'000'000'000'000 + frac;
}

CgrTariff::CgrTariff(UsageDimension dimension, std::vector<CgrInterval> intervals, CgrOptions options)
    : dimension_(dimension), intervals_(std::move(intervals)), options_(options) {
  if (options_.global_decimals < 0 || options_.global_decimals > 6)
    throw std::invalid_argument("global rounding decimals must be 0..6");
  global_step_ = step_of(options_.global_decimals);
  if (intervals_.empty()) throw std::invalid_argument("no rate intervals");
  for (const auto& iv : intervals_) {
    const CgrRating& r = iv.rating;
    if (r.stages.empty()) throw std::invalid_argument("no rate stages");
    if (r.stages.front().group_start != 0)
      throw std::invalid_argument("the first stage must start at 0 (GroupIntervalStart)");
    for (std::size_t i = 0; i < r.stages.size(); ++i) {
      if (r.stages[i].unit <= 0 || r.stages[i].increment <= 0)
        throw std::invalid_argument("rate unit and increment must be positive");
      if (i > 0 && r.stages[i].group_start <= r.stages[i - 1].group_start)
        throw std::invalid_argument("stages must have increasing GroupIntervalStart");
    }
    if (r.decimals < 0 || r.decimals > 6) throw std::invalid_argument("rounding decimals must be 0..6");
    if (r.connect_fee.is_negative() || r.max_cost.is_negative())
      throw std::invalid_argument("connect fee and max cost must not be negative");
  }
}

std::string CgrTariff::uncovered_day() const {
  static const char* const kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  for (int d = 0; d < 7; ++d) {
    const bool covered = std::any_of(intervals_.begin(), intervals_.end(), [d](const CgrInterval& iv) {
      return (iv.weekdays >> d & 1) != 0 && iv.start_s == 0;
    });
    if (!covered) return kDays[d];
  }
  return {};
}

CgrTariff::Pick CgrTariff::pick(std::int64_t t_ms) const {
  const std::int64_t day = t_ms >= 0 ? t_ms / kDayMs : -((-t_ms + kDayMs - 1) / kDayMs);
  const std::int64_t sod = t_ms - day * kDayMs;
  const int weekday = static_cast<int>(((day % 7) + 7 + 1) % 7);  // day 0 is a Monday (Go weekday 1)
  const CgrInterval* best = nullptr;
  for (const auto& iv : intervals_) {
    if ((iv.weekdays >> weekday & 1) == 0 || static_cast<std::int64_t>(iv.start_s) * 1000 > sod) continue;
    if (!best || iv.weight > best->weight || (iv.weight == best->weight && iv.start_s > best->start_s)) best = &iv;
  }
  if (!best)
    throw std::domain_error("per_unit: no timing of the CGRateS rating plan covers this moment (day " +
                            std::to_string(day) + ", " + std::to_string(sod / 1000) + " s after midnight)");
  std::int64_t until = (day + 1) * kDayMs;
  for (const auto& iv : intervals_)
    if ((iv.weekdays >> weekday & 1) != 0 && static_cast<std::int64_t>(iv.start_s) * 1000 > sod && iv.weight >= best->weight)
      until = std::min(until, day * kDayMs + static_cast<std::int64_t>(iv.start_s) * 1000);
  return Pick{best, until};
}

std::int64_t CgrTariff::span_cost(const CgrStage& stage, std::int64_t length, std::int64_t& paid) const {
  const std::int64_t n = length / stage.increment + (length % stage.increment != 0 ? 1 : 0);
  paid = fit(static_cast<Int128>(n) * stage.increment, "a usage span");
  // length x rate / unit, in global steps, half up; then per increment.
  const Int128 den = static_cast<Int128>(stage.unit) * 1'000'000 * global_step_;
  const Int128 span_steps = half_up(static_cast<Int128>(paid) * stage.rate_pico, den);
  const Int128 inc_steps = half_up(span_steps, n);
  return fit(inc_steps * n * global_step_, "a span's cost");
}

// Every span pays its length rounded up to whole increments, each increment
// at its stage's rate plus up to one global rounding step, then up to one
// step of the rating's own decimals (debit path) and the connect fee; the
// cost path rounds once more. Spans are cut at stage changes and, for time,
// at most at midnight and at each interval's start in a day. So for L = the
// usage plus one largest increment per span, the cost is at most
//   L x max over stages (rate / unit + global step / increment)
//   + spans x (global step + largest step) + connect fees + largest step.
Int128 CgrTariff::cost_bound(std::int64_t usage) const {
  if (usage <= 0) return 0;
  const bool time = dimension_ == UsageDimension::kTime;
  std::size_t stages = 0;
  std::int64_t largest_increment = 0, connect = 0;
  for (const auto& iv : intervals_) {
    stages = std::max(stages, iv.rating.stages.size());
    connect += iv.rating.connect_fee.micros();
    for (const auto& st : iv.rating.stages) largest_increment = std::max(largest_increment, st.increment);
  }
  const Int128 days = time ? usage / kDayMs + 2 : 0;
  const Int128 spans = static_cast<Int128>(stages) + 1 + days * static_cast<Int128>(intervals_.size() + 1);
  const Int128 length = usage + capped_product(spans, largest_increment);
  Int128 per_length = 0;
  for (const auto& iv : intervals_)
    for (const auto& st : iv.rating.stages) {
      const Int128 rate = capped_product(length, st.rate_pico) / (static_cast<Int128>(st.unit) * 1'000'000) + 1;
      const Int128 steps = capped_product(length, global_step_) / st.increment + 1;
      per_length = std::max(per_length, rate + steps);
    }
  const Int128 step = 1'000'000;  // the largest rounding step (0 decimals)
  return std::min(per_length + capped_product(spans, global_step_ + step) + connect + step, kChargeBoundCap);
}

Money CgrTariff::cost(std::int64_t start_ms, std::int64_t usage, std::int64_t session_offset, bool first_part) const {
  if (usage <= 0) return Money{};
  const bool time = dimension_ == UsageDimension::kTime;
  Int128 cost = 0, so_far = 0;
  int decimals = 0;
  const CgrRating* longest = nullptr;
  std::int64_t p = 0;
  bool first = true;
  while (p < usage) {
    const Pick pk = pick(time ? start_ms + p : start_ms);
    const CgrRating& r = pk.interval->rating;
    const std::int64_t pos = session_offset + p;
    std::size_t s = 0;
    while (s + 1 < r.stages.size() && r.stages[s + 1].group_start <= pos) ++s;
    std::int64_t end = usage;
    if (s + 1 < r.stages.size()) end = std::min(end, r.stages[s + 1].group_start - session_offset);
    if (time) end = std::min(end, pk.until_ms - start_ms);
    std::int64_t paid = 0;
    Int128 span = span_cost(r.stages[s], end - p, paid);
    if (first && first_part) span += r.connect_fee.micros();
    if (options_.path == RoundingPath::kDebit && !r.method_none) span = round_to(span, step_of(r.decimals), r.method);
    cost += span;
    so_far += cost;
    if (r.strategy == MaxCostStrategy::kFree && r.max_cost.micros() > 0 && so_far >= r.max_cost.micros()) {
      cost = r.max_cost.micros();
      so_far = cost;
    }
    if (r.decimals > decimals) {
      decimals = r.decimals;
      longest = &r;
    }
    p += paid;
    first = false;
  }
  if (options_.path == RoundingPath::kCost && longest && !longest->method_none)
    cost = round_to(cost, step_of(decimals), longest->method);
  return Money::from_micros(fit(cost, "a charge"));
}

}  // namespace provsim
