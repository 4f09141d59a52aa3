#pragma once
// The per_unit tariff (CGRateS stages; see per_unit.cpp for how CGRateS
// rates and how it is reproduced exactly), with a fast path for the common
// event: one whose quantity lies within the first stage. Such an event is
// charged connect_fee + round(k x a / d) x step, where k is the number of
// increments and a / d is the first stage's cost per increment in rounding
// steps (RateIncrement x Rate / (RateUnit x step), reduced by their gcd at
// load): the same fraction the stage walk rounds, so the same result, in
// 64-bit arithmetic and, when a / d is whole (the usual tariff: 1 s at
// 0.06 per 60 s), without any division but the increment count.
// charge_general() is the stage walk for every quantity; tests check that
// both agree exactly.

#include <cstdint>
#include <vector>

#include "model/money/money.hpp"
#include "model/money/quantity.hpp"
#include "model/money/rounding.hpp"
#include "model/rating/price_params.hpp"

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
  // `stages` must be valid (first at 0, increasing starts, positive unit and
  // increment: make_per_unit checks); decimals 0..6.
  PerUnitTariff(std::vector<RateStage> stages, Rounding rounding, int decimals);

  Money charge(Quantity quantity) const {
    std::int64_t micros = 0;
    return fast_charge(quantity.millis(), micros) ? Money::from_micros(micros) : charge_general(quantity);
  }
  Money charge_general(Quantity quantity) const;
  // True when charge(quantity) takes the fast path.
  bool fast(Quantity quantity) const {
    std::int64_t micros = 0;
    return fast_charge(quantity.millis(), micros);
  }

 private:
  // The charge of q in micros when q lies in the first stage, false when
  // it does not or a product would not fit 64 bits.
  bool fast_charge(std::int64_t q, std::int64_t& micros) const {
    if (!has_fast_ || q <= 0 || q > first_end_) return false;
    // Increments started: the last one is paid in full. The general path's
    // first span ends at q (q <= the next stage's start), so this is its count.
    std::int64_t k = 0;
    if (use_divider_ && q <= 0xFFFFFFFF) {
      const auto n = static_cast<std::uint32_t>(q);
      k = divider_.quotient(n) + (divider_.remainder(n) != 0 ? 1 : 0);
    } else {
      k = q / increment_ + (q % increment_ != 0 ? 1 : 0);
    }
    std::int64_t n = 0;
    if (__builtin_mul_overflow(k, per_inc_num_, &n)) return false;
    const std::int64_t steps = per_inc_den_ == 1 ? n : divide_rounded_64(n, per_inc_den_, rounding_);
    return !__builtin_mul_overflow(steps, step_, &micros) && !__builtin_add_overflow(micros, connect_, &micros);
  }

  std::vector<RateStage> stages_;
  Rounding rounding_;
  std::int64_t step_;
  // The fast path (first stage), valid when has_fast_.
  bool has_fast_ = false;
  std::int64_t first_end_ = 0;    // quantities up to here stay in the first stage
  std::int64_t increment_ = 1;    // milli-units
  std::int64_t per_inc_num_ = 0;  // a: cost of one increment is a / d steps
  std::int64_t per_inc_den_ = 1;  // d
  std::int64_t connect_ = 0;      // micros
  bool use_divider_ = false;      // increment_ in 2 .. 2^32 - 1
  Divider32 divider_;             // by increment_
};

}  // namespace provsim
