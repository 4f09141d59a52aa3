#include "model/qualification/qualification_service.hpp"

#include "model/core/check.hpp"

namespace provsim {

std::string_view to_string(QualificationStatus status) {
  switch (status) {
    case QualificationStatus::kQualified: return "qualified";
    case QualificationStatus::kNotQualified: return "not_qualified";
    case QualificationStatus::kUnknown: return "unknown";
  }
  return "?";
}

std::string_view to_string(QualificationReason reason) {
  switch (reason) {
    case QualificationReason::kNone: return "none";
    case QualificationReason::kUnknownLine: return "unknown_line";
    case QualificationReason::kTooFar: return "too_far";
    case QualificationReason::kNoFreePort: return "no_free_port";
    case QualificationReason::kPlantNotReady: return "plant_not_ready";
    case QualificationReason::kNodeFull: return "node_full";
    case QualificationReason::kNoTierForLine: return "no_tier_for_line";
    case QualificationReason::kIspNotInMarket: return "isp_not_in_market";
    case QualificationReason::kNpUnavailable: return "np_unavailable";
  }
  return "?";
}

std::string_view to_string(TokenCheck check) {
  switch (check) {
    case TokenCheck::kValid: return "valid";
    case TokenCheck::kExpired: return "expired";
    case TokenCheck::kWrongLineOrIsp: return "wrong_line_or_isp";
  }
  return "?";
}

QualificationService::QualificationService(const Catalog& catalog, const AccessTierTable& tiers,
                                           Duration token_validity)
    : catalog_(catalog), tiers_(tiers), token_validity_(token_validity) {
  PROVSIM_CHECK(token_validity > 0, "token validity must be positive");
}

QualificationResult QualificationService::refuse(QualificationReason reason) const {
  QualificationResult r;
  r.status = reason == QualificationReason::kNpUnavailable ? QualificationStatus::kUnknown
                                                           : QualificationStatus::kNotQualified;
  r.reason = reason;
  return r;
}

QualificationReason QualificationService::line_resources(const LineFacts& line) {
  if (line.technology == Technology::kDsl)
    return line.has_room ? QualificationReason::kNone : QualificationReason::kNoFreePort;
  if (!line.passes_home || !line.two_way) return QualificationReason::kPlantNotReady;
  return line.has_room ? QualificationReason::kNone : QualificationReason::kNodeFull;
}

QualificationResult QualificationService::qualify(LineId line_id, ProviderId isp, SimTime now,
                                                  const std::optional<LineFacts>& facts, bool np_answered) {
  if (!np_answered) return refuse(QualificationReason::kNpUnavailable);
  if (!facts) return refuse(QualificationReason::kUnknownLine);
  const LineFacts* line = &*facts;
  const std::optional<PlanId> plan_id = catalog_.plan_for(isp, line->market);
  if (!plan_id) return refuse(QualificationReason::kIspNotInMarket);

  // Cut the plan: keep every non-tier item, and the tiers the loop reaches.
  Offer offer{*plan_id, {}};
  bool any_tier_for_technology = false;
  bool any_tier_reaches = false;
  for (const PlanItem& item : catalog_.plan(*plan_id).items) {
    if (catalog_.offering(item.offering).kind != OfferingKind::kAccessTier) {
      offer.items.push_back(item);
      continue;
    }
    const AccessTier* tier = tiers_.find(item.offering);
    if (tier == nullptr || tier->technology != line->technology) continue;
    any_tier_for_technology = true;
    if (!AccessTierTable::reaches(*tier, *line)) continue;
    any_tier_reaches = true;
    offer.items.push_back(item);
  }
  if (!any_tier_for_technology) return refuse(QualificationReason::kNoTierForLine);
  if (!any_tier_reaches) return refuse(QualificationReason::kTooFar);
  if (const QualificationReason r = line_resources(*line); r != QualificationReason::kNone) return refuse(r);

  QualificationResult result;
  result.status = QualificationStatus::kQualified;
  result.offer = std::move(offer);
  result.token = QualificationToken{next_token_++, line_id, isp, now, now + token_validity_};
  return result;
}

TokenCheck QualificationService::check_token(const QualificationToken& token, LineId line, ProviderId isp,
                                             SimTime now) const {
  if (token.line != line || token.isp != isp) return TokenCheck::kWrongLineOrIsp;
  // The token is good up to, but not at, its expiry instant.
  return now < token.expires_at ? TokenCheck::kValid : TokenCheck::kExpired;
}

}  // namespace provsim
