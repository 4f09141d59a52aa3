#pragma once
// An offering's revenue-share rule: how each charge is divided among the
// parties. Each non-residual share is a percentage of the charge, a fixed
// amount per event, or a wholesale rate per unit of quantity; the residual
// party gets whatever is left, so the shares add up to the charge exactly,
// always (checked). The residual can be negative when fixed or wholesale
// shares exceed a small charge: the residual party carries that loss.

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "model/core/check.hpp"
#include "model/core/strong_id.hpp"
#include "model/money/money.hpp"
#include "model/money/percentage.hpp"
#include "model/money/quantity.hpp"
#include "model/money/rounding.hpp"

namespace provsim {

enum class ShareKind : std::uint8_t { kPercent, kFixed, kWholesale };
std::string_view to_string(ShareKind kind);

// A party placeholder: "the ISP that sold the subscriber's plan", resolved
// when an event is rated (revenue_shares.csv writes it `isp`).
inline constexpr ProviderId kPlanIsp = ProviderId(0xFFFE);

struct ShareLine {
  ProviderId party;  // a provider, or kPlanIsp
  ShareKind kind = ShareKind::kPercent;
  Percentage percent;           // kPercent
  Money amount;                 // kFixed: per event; kWholesale: per unit
  Rounding rounding = Rounding::kHalfUp;
};

struct PartyAmount {
  ProviderId party;
  Money amount;
};

class ShareRule {
 public:
  static constexpr std::size_t kMaxParties = 8;

  ShareRule() = default;
  // Everything to `residual` (the default rule: the offering's owner).
  explicit ShareRule(ProviderId residual) : residual_(residual) {}
  // Throws std::invalid_argument when there are too many lines, percentages
  // add up to more than 100 %, or a line names the residual party.
  ShareRule(std::vector<ShareLine> lines, ProviderId residual);

  // Writes one amount per line and then the residual's into `out` (size()
  // entries) and returns how many. For a refund (negative charge) every
  // share is the negative of the share of the same positive amount.
  // `isp` replaces the kPlanIsp placeholder (required when the rule has one).
  // Inline: the rating engine calls it for every event.
  std::size_t split(Money charge, Quantity quantity, std::span<PartyAmount, kMaxParties> out,
                    ProviderId isp = ProviderId()) const;

  // The refund of part of an original charge: each party gives back its
  // original share scaled by refund / original (rounded half_up), the
  // residual takes the rest, so the refund's shares add up exactly too.
  // `refund` is the negative amount given back.
  std::size_t split_refund(Money original_charge, Quantity original_quantity, Money refund,
                           std::span<PartyAmount, kMaxParties> out, ProviderId isp = ProviderId()) const;

  // An upper bound, in micro-units, of what the fixed and wholesale lines
  // take from one event of `quantity` (> 0). Percentages take at most the
  // charge, and the residual at most the charge plus this, so every party's
  // totals stay within the charges plus these extras.
  Int128 extras_bound(Quantity quantity) const;

  std::size_t size() const { return lines_.size() + 1; }
  const std::vector<ShareLine>& lines() const { return lines_; }
  ProviderId residual() const { return residual_; }
  bool uses_plan_isp() const { return uses_plan_isp_; }

 private:
  std::vector<ShareLine> lines_;
  ProviderId residual_;
  bool uses_plan_isp_ = false;

  ProviderId resolve(ProviderId party, ProviderId isp) const {
    if (party != kPlanIsp) return party;
    PROVSIM_CHECK(isp.valid(), "a share names the plan's ISP but no ISP was given");
    return isp;
  }
};

[[gnu::always_inline]] inline std::size_t ShareRule::split(Money charge, Quantity quantity, std::span<PartyAmount, kMaxParties> out,
                                    ProviderId isp) const {
  // Shares of a negative charge mirror those of the positive one, so a
  // refund of a whole event gives back exactly what each party got.
  const bool negative = charge.is_negative();
  const Money base = negative ? -charge : charge;
  const Quantity q = quantity.magnitude();
  Money given;
  std::size_t n = 0;
  for (const auto& line : lines_) {
    Money share;
    switch (line.kind) {
      case ShareKind::kPercent: share = apply(line.percent, base, line.rounding); break;
      case ShareKind::kFixed: share = line.amount; break;
      case ShareKind::kWholesale: share = price_times(line.amount, q, line.rounding); break;
    }
    given += share;
    out[n++] = PartyAmount{uses_plan_isp_ ? resolve(line.party, isp) : line.party, negative ? -share : share};
  }
  out[n++] = PartyAmount{uses_plan_isp_ ? resolve(residual_, isp) : residual_, negative ? -(base - given) : base - given};
  return n;
}

}  // namespace provsim
