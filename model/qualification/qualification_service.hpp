#pragma once
// Qualification: decide which access tiers a line can carry, build the
// ISP's offer for the line's market cut to those tiers, and hand out a token
// that order intake checks (an expired token means: qualify again). It
// decides from the facts the NP's serviceability database told about the
// line (LineFacts, model/qualification/serviceability.hpp) and holds no
// reference to that database.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "model/catalog/catalog.hpp"
#include "model/core/sim_time.hpp"
#include "model/qualification/access_tier_table.hpp"
#include "model/qualification/serviceability.hpp"

namespace provsim {

enum class QualificationStatus : std::uint8_t { kQualified, kNotQualified, kUnknown };

enum class QualificationReason : std::uint8_t {
  kNone,             // qualified
  kUnknownLine,      // the NP does not know the line
  kTooFar,           // DSL loop longer than every tier the plan offers allows
  kNoFreePort,       // the serving office has no free port
  kPlantNotReady,    // cable plant does not pass the home or is not two-way
  kNodeFull,         // cable node at its load cap
  kNoTierForLine,    // the plan sells no access tier of the line's technology
  kIspNotInMarket,   // the ISP has no plan in the line's market
  kNpUnavailable,    // the NP did not answer: unknown, retry later
};

std::string_view to_string(QualificationStatus status);
std::string_view to_string(QualificationReason reason);

struct QualificationToken {
  std::uint64_t id = 0;
  LineId line;
  ProviderId isp;
  SimTime issued_at = 0;
  SimTime expires_at = 0;
};

// The ISP's plan for the market with its access tiers cut to the ones the
// line can carry; ISP services and BSP offerings are kept as they are.
struct Offer {
  PlanId plan;
  std::vector<PlanItem> items;
};

struct QualificationResult {
  QualificationStatus status = QualificationStatus::kUnknown;
  QualificationReason reason = QualificationReason::kNone;
  Offer offer;                               // empty unless qualified
  std::optional<QualificationToken> token;   // only when qualified
};

enum class TokenCheck : std::uint8_t { kValid, kExpired, kWrongLineOrIsp };
std::string_view to_string(TokenCheck check);

class QualificationService {
 public:
  QualificationService(const Catalog& catalog, const AccessTierTable& tiers, Duration token_validity);

  // `facts`: what the NP's serviceability database answered about `line`
  // (nothing: it does not know the line). `np_answered` is false when the
  // call to that database timed out or the system was down (`facts` is then
  // not looked at).
  QualificationResult qualify(LineId line, ProviderId isp, SimTime now, const std::optional<LineFacts>& facts,
                              bool np_answered = true);

  // Order intake: is this token still good for this line and ISP at `now`?
  TokenCheck check_token(const QualificationToken& token, LineId line, ProviderId isp, SimTime now) const;

  Duration token_validity() const { return token_validity_; }

 private:
  QualificationResult refuse(QualificationReason reason) const;
  // The reason the line's own resources refuse service, or kNone.
  static QualificationReason line_resources(const LineFacts& line);

  const Catalog& catalog_;
  const AccessTierTable& tiers_;
  Duration token_validity_;
  std::uint64_t next_token_ = 1;
};

}  // namespace provsim
