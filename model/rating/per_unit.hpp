#pragma once
// The per_unit tariff: CGRateS rating (cgr_tariff.hpp) of an offering's
// quantity, with a fast path for the common event: a tariff of one interval
// in force at all times, whose first stage's increment costs a whole number
// of global rounding steps (the usual tariff: 1 s at 0.06 per 60 s costs
// 0.001), no *free MaxCost, and a quantity within the first stage. Such an
// event costs connect_fee + k x increment cost (k the increments started),
// rounded once by the plan's method and decimals: the same steps as the
// general walk, with one division for k (by a reciprocal fixed at load) and
// one for the rounding. Tests check that both agree exactly.

#include <cstdint>
#include <vector>

#include "model/money/money.hpp"
#include "model/money/quantity.hpp"
#include "model/money/rounding.hpp"
#include "model/rating/cgr_tariff.hpp"
#include "model/rating/usage_unit.hpp"

namespace provsim {

// Division of a 32-bit number by a divisor fixed at load, by two multiplies
// instead of a divide (Lemire, Kaser and Kurz, "Faster remainder by direct
// computation", 2019: with c = ceil(2^64 / d), n / d = (c x n) >> 64 and
// n % d = ((c x n mod 2^64) x d) >> 64, exactly, for every n and d below
// 2^32). d must be 2 .. 2^32 - 1. Tested against the hardware's division.
class Divider32 {
 public:
  Divider32() = default;
  explicit Divider32(std::uint32_t d) : c_(~std::uint64_t{0} / d + 1), d_(d) {}
  std::uint32_t quotient(std::uint32_t n) const { return static_cast<std::uint32_t>((Wide{c_} * n) >> 64); }
  std::uint32_t remainder(std::uint32_t n) const {
    const std::uint64_t low = c_ * n;
    return static_cast<std::uint32_t>((Wide{low} * d_) >> 64);
  }

 private:
  __extension__ typedef unsigned __int128 Wide;
  std::uint64_t c_ = 0;
  std::uint32_t d_ = 1;
};

class PerUnitTariff {
 public:
  PerUnitTariff(CgrTariff tariff, UsageUnit unit);

  // The charge of `quantity` (offering units) starting at sim time `time`,
  // at `session_offset` (offering units already reported in the session).
  // The first part of a session (offset 0, not `later_part`) pays the
  // connect fee.
  Money charge(Quantity quantity, SimTime time = 0, Quantity session_offset = {}, bool later_part = false) const {
    std::int64_t micros = 0;
    return session_offset.is_zero() && !later_part && fast_charge(quantity.millis(), micros)
               ? Money::from_micros(micros)
               : charge_general(quantity, time, session_offset, later_part);
  }
  Money charge_general(Quantity quantity, SimTime time = 0, Quantity session_offset = {},
                       bool later_part = false) const;
  // True when charge(quantity) takes the fast path.
  bool fast(Quantity quantity) const {
    std::int64_t micros = 0;
    return fast_charge(quantity.millis(), micros);
  }
  const CgrTariff& tariff() const { return tariff_; }
  // An upper bound of charge(quantity) at any time and offset (price_model.hpp).
  Int128 charge_bound(Quantity quantity) const;

 private:
  // The charge of q milli-units in micros when the fast path applies, false
  // when it does not or a product would not fit 64 bits.
  bool fast_charge(std::int64_t q, std::int64_t& micros) const {
    if (!has_fast_ || q <= 0 || q > first_end_) return false;
    // Increments started: the last one is paid in full. The general walk's
    // first span ends at q (q <= the next stage's start), so this is its count.
    std::int64_t k = 0;
    if (use_divider_ && q <= 0xFFFFFFFF) {
      const auto n = static_cast<std::uint32_t>(q);
      k = divider_.quotient(n) + (divider_.remainder(n) != 0 ? 1 : 0);
    } else {
      k = q / increment_ + (q % increment_ != 0 ? 1 : 0);
    }
    std::int64_t total = 0;
    if (__builtin_mul_overflow(k, per_inc_, &total) || __builtin_add_overflow(total, connect_, &total)) return false;
    if (step_ == 1) {
      micros = total;
    } else if (total <= 0xFFFFFFFF) {
      const auto t = static_cast<std::uint32_t>(total);
      const std::int64_t r = step_div_.remainder(t);
      const std::int64_t qt = step_div_.quotient(t);
      micros = (r == 0 ? qt : round_quotient<std::int64_t>(qt, r, step_, false, rounding_)) * step_;
    } else {
      micros = divide_rounded_64(total, step_, rounding_) * step_;
    }
    return true;
  }

  CgrTariff tariff_;
  UsageUnit unit_;
  // The fast path, valid when has_fast_; quantities in milli-units.
  bool has_fast_ = false;
  std::int64_t first_end_ = 0;  // quantities up to here stay in the first stage
  std::int64_t increment_ = 1;  // milli-units
  std::int64_t per_inc_ = 0;    // micros per increment
  std::int64_t connect_ = 0;    // micros
  std::int64_t step_ = 1;       // micros in the last kept decimal (1: no rounding)
  Rounding rounding_ = Rounding::kUp;
  bool use_divider_ = false;    // increment_ in 2 .. 2^32 - 1
  Divider32 divider_;           // by increment_
  Divider32 step_div_;          // by step_ when step_ >= 2
};

}  // namespace provsim
