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
  std::size_t split(Money charge, Quantity quantity, std::span<PartyAmount, kMaxParties> out,
                    ProviderId isp = ProviderId()) const;

  // The refund of part of an original charge: each party gives back its
  // original share scaled by refund / original (rounded half_up), the
  // residual takes the rest, so the refund's shares add up exactly too.
  // `refund` is the negative amount given back.
  std::size_t split_refund(Money original_charge, Quantity original_quantity, Money refund,
                           std::span<PartyAmount, kMaxParties> out, ProviderId isp = ProviderId()) const;

  std::size_t size() const { return lines_.size() + 1; }
  const std::vector<ShareLine>& lines() const { return lines_; }
  ProviderId residual() const { return residual_; }
  bool uses_plan_isp() const { return uses_plan_isp_; }

 private:
  std::vector<ShareLine> lines_;
  ProviderId residual_;
  bool uses_plan_isp_ = false;

  ProviderId resolve(ProviderId party, ProviderId isp) const;
};

}  // namespace provsim
