#include "model/rating/revenue_share.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "model/core/check.hpp"
#include "model/rating/price_model.hpp"

namespace provsim {

std::string_view to_string(ShareKind kind) {
  switch (kind) {
    case ShareKind::kPercent: return "percent";
    case ShareKind::kFixed: return "fixed";
    case ShareKind::kWholesale: return "wholesale";
  }
  return "?";
}

ShareRule::ShareRule(std::vector<ShareLine> lines, ProviderId residual)
    : lines_(std::move(lines)), residual_(residual) {
  if (lines_.size() + 1 > kMaxParties)
    throw std::invalid_argument("at most " + std::to_string(kMaxParties) + " parties per offering");
  Percentage total;
  uses_plan_isp_ = residual_ == kPlanIsp;
  for (const auto& line : lines_) {
    if (line.party == kPlanIsp) uses_plan_isp_ = true;
    if (line.party == residual_) throw std::invalid_argument("the residual party has no share line of its own");
    if (line.kind == ShareKind::kPercent) total = total + line.percent;
  }
  if (total > Percentage::from_millionths(Percentage::kWhole))
    throw std::invalid_argument("percentages add up to " + total.to_string() + " %, more than 100");
}

Int128 ShareRule::extras_bound(Quantity quantity) const {
  Int128 sum = 0;
  for (const auto& line : lines_) {
    if (line.kind == ShareKind::kFixed) sum += line.amount.micros() < 0 ? -static_cast<Int128>(line.amount.micros()) : line.amount.micros();
    if (line.kind == ShareKind::kWholesale)
      sum += unit_price_bound(Money::from_micros(line.amount.micros() < 0 ? -line.amount.micros() : line.amount.micros()),
                              quantity.magnitude());
  }
  return std::min(sum, kChargeBoundCap);
}

std::size_t ShareRule::split_refund(Money original_charge, Quantity original_quantity, Money refund,
                                    std::span<PartyAmount, kMaxParties> out, ProviderId isp) const {
  PROVSIM_CHECK(!refund.is_negative() || !original_charge.is_negative(), "refund of a negative charge");
  const std::size_t n = split(original_charge, original_quantity, out, isp);
  if (original_charge.is_zero()) {
    for (std::size_t i = 0; i < n; ++i) out[i].amount = Money{};
    out[n - 1].amount = refund;
    return n;
  }
  Money given;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    out[i].amount = mul_div(out[i].amount, refund.micros(), original_charge.micros(), Rounding::kHalfUp);
    given += out[i].amount;
  }
  out[n - 1].amount = refund - given;
  return n;
}

}  // namespace provsim
